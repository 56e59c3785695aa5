import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CaptureError,
  CapturePacer,
  MIN_CAPTURE_GAP_MS,
  restrictedReason,
  type Clock,
} from '../../lib/capture';
import { readSettings, writeSettings } from '../../lib/browser';
import {
  autoCaptureOnLoad,
  DUPLICATE_WINDOW_MS,
  loadCounter,
  serialQueue,
} from '../../lib/services/background';
import { CaptureService, scaleMarks, type CaptureBrowser } from '../../lib/services/capture';
import type { AuditDatabase } from '../../lib/db';
import type { PageClient } from '../../lib/services/page';
import { auditWithJourneys, fakeImage, testStore, topCoverage } from './helpers';

/** A clock whose sleep advances virtual time instantly. */
function virtualClock(): Clock & { calls: number[] } {
  let now = 0;
  return {
    calls: [],
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const QUOTA = new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');

describe('CapturePacer', () => {
  it('spaces a burst of calls at least the quota gap apart, in order', async () => {
    const clock = virtualClock();
    const pacer = new CapturePacer(clock);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pacer.run(async () => {
          clock.calls.push(clock.now());
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    const gaps = clock.calls.slice(1).map((t, i) => t - clock.calls[i]!);
    expect(gaps.every((gap) => gap >= MIN_CAPTURE_GAP_MS)).toBe(true);
  });

  it('retries a call that hit the quota anyway, and gives up on other errors', async () => {
    const clock = virtualClock();
    const pacer = new CapturePacer(clock);
    let attempts = 0;
    const value = await pacer.run(async () => {
      if (++attempts < 3) throw QUOTA;
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(attempts).toBe(3);
    await expect(
      pacer.run(async () => Promise.reject(new Error('Cannot access contents'))),
    ).rejects.toThrow('Cannot access');
    // A failed call does not block the queue.
    await expect(pacer.run(async () => 7)).resolves.toBe(7);
  });
});

describe('restrictedReason', () => {
  it('refuses browser pages and the extension store, accepts web pages', () => {
    expect(restrictedReason('chrome://settings')).toMatch(/chrome:/);
    expect(restrictedReason('about:blank')).not.toBeNull();
    expect(restrictedReason('chrome-extension://abc/page.html')).not.toBeNull();
    expect(restrictedReason('https://chromewebstore.google.com/detail/x')).toMatch(/store/);
    expect(restrictedReason('')).not.toBeNull();
    expect(restrictedReason('https://example.com/')).toBeNull();
  });
});

const TAB = {
  tabId: 1,
  windowId: 2,
  url: 'https://brightline.test/plans',
  title: 'Plans <b>',
  width: 640,
  height: 400,
};

/** A capture service over fake browser and page (the real one runs in the e2e tests). */
async function captureSetup(browser: Partial<CaptureBrowser> = {}, page: Partial<PageClient> = {}) {
  const { store, db, clock } = testStore();
  const { own } = await auditWithJourneys(store);
  const compacted: string[] = [];
  const backgroundErrors: unknown[] = [];
  const service = new CaptureService({
    store,
    browser: {
      findTargetTab: async () => TAB,
      captureVisibleTab: async () => 'data:image/jpeg;base64,AAAA',
      tabExists: async () => true,
      renderElement: async () => undefined,
      readIdentity: async () => ({ name: '', email: '', phone: '' }),
      ...browser,
    },
    page: {
      coverage: async () => topCoverage(),
      ...page,
    } as PageClient,
    pacer: new CapturePacer(virtualClock()),
    stitcher: undefined as never,
    encodeCaptured: async () => fakeImage(),
    encodeSelection: async () => fakeImage(),
    compact: async (_store, id) => (compacted.push(id), 0),
    onBackgroundError: (error) => void backgroundErrors.push(error),
    now: clock.now,
    // Time never passes here: an element render cannot time out.
    sleep: () => new Promise<void>(() => undefined),
    userAgent: 'TestBrowser/1.0',
  });
  return { service, db, store, clock, journeyId: own.id, compacted, backgroundErrors };
}

/** Records per table of a setup's database (every table, so no place a capture writes is missed). */
async function recordCounts(db: AuditDatabase): Promise<Record<string, number>> {
  return Object.fromEntries(
    await Promise.all(db.tables.map(async (table) => [table.name, await table.count()] as const)),
  );
}

/** What captureSetup writes: one audit with two journeys, every other table empty. */
function setupOnly(db: AuditDatabase): Record<string, number> {
  // The setup's audit, its two brands and one wave, and a walk of each brand.
  const made: Record<string, number> = { audits: 1, brands: 2, waves: 1, journeys: 2 };
  return Object.fromEntries(db.tables.map((table) => [table.name, made[table.name] ?? 0]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CaptureService.visible', () => {
  it('stores the page as the next step with URL, title, time, viewport and pixel ratio', async () => {
    const { service, store, journeyId, compacted } = await captureSetup();
    const { step, parts, redacted } = await service.visible(journeyId, { note: 'menu note' });
    expect(step).toMatchObject({
      seq: 1,
      kind: 'page',
      url: 'https://brightline.test/plans',
      title: 'Plans <b>',
      viewport: { width: 640, height: 400 },
      devicePixelRatio: 2,
      // The note is saved in the step's own transaction, not in a second one.
      note: 'menu note',
    });
    expect([parts, redacted]).toEqual([1, false]);
    expect(await store.listScreenshots([step.id])).toHaveLength(1);
    // Compaction is started once, by the service, after the step is stored.
    expect(compacted).toEqual([step.id]);
  });

  it('refuses without a journey, on browser pages, and when the tab closed; nothing is stored', async () => {
    const settingsBefore = await fakeBrowser.storage.local.get(null);
    const noJourney = await captureSetup();
    await expect(noJourney.service.visible(null)).rejects.toMatchObject({ reason: 'no-journey' });
    const restricted = await captureSetup({
      findTargetTab: async () => ({ ...TAB, url: 'chrome://newtab/' }),
    });
    await expect(restricted.service.visible(restricted.journeyId)).rejects.toMatchObject({
      reason: 'restricted-page',
    });
    const closed = await captureSetup({
      captureVisibleTab: async () => Promise.reject(new Error('No tab')),
      tabExists: async () => false,
    });
    await expect(closed.service.visible(closed.journeyId)).rejects.toMatchObject({
      reason: 'tab-closed',
    });
    const refused = await captureSetup({
      captureVisibleTab: async () =>
        Promise.reject(new Error('Cannot access contents of the page')),
    });
    const error = await refused.service.visible(refused.journeyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({
      reason: 'capture-failed',
      params: { message: 'Cannot access contents of the page' },
    });
    // Each refusal had its own profile: none holds a step, screenshot, image, held-back original
    // or anything else beyond the setup's audit and journeys, and extension storage is unchanged.
    for (const setup of [noJourney, restricted, closed, refused]) {
      expect(await recordCounts(setup.db)).toEqual(setupOnly(setup.db));
      // The walk itself is unchanged (never written since it was made).
      const journey = await setup.db.journeys.get(setup.journeyId);
      expect(journey).toMatchObject({ outcome: null, measurements: [] });
      expect(journey!.updatedAt).toBe(journey!.createdAt);
    }
    expect(await fakeBrowser.storage.local.get(null)).toEqual(settingsBefore);
  });

  it('fails closed when the page cannot be checked for fields to cover', async () => {
    const { service, db, journeyId } = await captureSetup(
      {},
      { coverage: async () => Promise.reject(new Error('Frame was removed')) },
    );
    await expect(service.visible(journeyId)).rejects.toMatchObject({ reason: 'capture-failed' });
    expect(await db.touchpoints.count()).toBe(0);
  });

  it("checks every frame with the auditor's identity and reports what was covered", async () => {
    const identity = { name: 'Ann Example', email: 'ann@example.test', phone: '' };
    const asked: unknown[][] = [];
    const { service, journeyId } = await captureSetup(
      { readIdentity: async () => identity },
      { coverage: async (...args) => (asked.push(args), topCoverage()) },
    );
    const saved = await service.visible(journeyId);
    expect(asked).toEqual([[TAB.tabId, identity]]);
    expect(saved.redaction).toEqual({ fields: 0, frames: 0, scanned: 0 });
    expect(saved.redacted).toBe(false);
  });

  it('turns a full disk into a storage-full message and stores nothing', async () => {
    const { service, db, journeyId, compacted } = await captureSetup();
    db.screenshots.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(service.visible(journeyId)).rejects.toMatchObject({ reason: 'storage-full' });
    // The store stopped writing and closed; opened again, it holds nothing half-written.
    await db.open();
    expect(await db.touchpoints.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
    expect(compacted).toEqual([]);
  });
});

describe('CaptureService guards every mode the same way', () => {
  it('refuses without a journey and on browser pages before touching the page', async () => {
    const touched: string[] = [];
    const page = {
      pick: async () => (touched.push('pick'), null),
      prepareFullPage: async () => (touched.push('prepare'), null),
    } as unknown as Partial<PageClient>;
    const { service, store, journeyId } = await captureSetup({}, page);
    const text = { hint: '', keys: '' };
    await expect(service.element(null, 'element', text)).rejects.toMatchObject({
      reason: 'no-journey',
    });
    await expect(service.fullPage(null)).rejects.toMatchObject({ reason: 'no-journey' });
    const restricted = await captureSetup(
      { findTargetTab: async () => ({ ...TAB, url: 'chrome://settings/' }) },
      page,
    );
    await expect(
      restricted.service.element(restricted.journeyId, 'region', text),
    ).rejects.toMatchObject({ reason: 'restricted-page' });
    await expect(restricted.service.fullPage(restricted.journeyId)).rejects.toMatchObject({
      reason: 'restricted-page',
    });
    expect(touched).toEqual([]);
    expect(journeyId).toMatch(UUID);
    expect(await store.listSteps(journeyId)).toEqual([]);
  });

  it('stores a picked element as one element step and cancels the picker on request', async () => {
    const cancelledIn: number[] = [];
    let picks = 0;
    let pickerOpen = () => undefined as void;
    const opened = new Promise<void>((resolve) => (pickerOpen = resolve));
    let answer: (reply: { cancelled: true }) => void = () => undefined;
    const pick = {
      rect: { x: 0, y: 0, width: 10, height: 10 },
      scroll: { x: 0, y: 0 },
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
    };
    const { service, store, journeyId, compacted } = await captureSetup(
      {
        renderElement: async () => ({
          ok: true,
          dataUrl: 'data:image/png;base64,DOM',
          width: 10,
          height: 10,
          rect: pick.rect,
          transient: [],
          renderMs: 1,
        }),
      },
      {
        // The first pick is made at once; the second waits for the auditor, who cancels.
        pick: async () => {
          if (++picks === 1) return { frameId: 0, pick };
          pickerOpen();
          return new Promise((resolve) => (answer = resolve));
        },
        cancelPick: async (tabId) => {
          cancelledIn.push(tabId);
          answer({ cancelled: true });
          return true;
        },
      },
    );
    // No picker is open: nothing to cancel.
    expect(await service.cancelPick()).toBe(false);
    const saved = await service.element(journeyId, 'element', { hint: '', keys: '' });
    expect(saved).toMatchObject({ outcome: 'saved', path: 'dom', parts: 1 });
    if (saved.outcome !== 'saved') throw new Error('not saved');
    const [shot] = await store.listScreenshots([saved.step.id]);
    expect(shot?.mode).toBe('element');
    expect(compacted).toEqual([saved.step.id]);
    expect(cancelledIn).toEqual([]);

    // Cancelled from the panel while the auditor is choosing: the picker closes in the walked tab,
    // the capture ends as cancelled and stores nothing.
    const choosing = service.element(journeyId, 'element', { hint: '', keys: '' });
    await opened;
    expect(await service.cancelPick()).toBe(true);
    await expect(choosing).resolves.toEqual({ outcome: 'cancelled', mode: 'element' });
    expect(cancelledIn).toEqual([TAB.tabId]);
    expect((await store.listSteps(journeyId)).map((step) => step.id)).toEqual([saved.step.id]);
    expect(compacted).toEqual([saved.step.id]);
    expect(await service.cancelPick()).toBe(false);
  });

  it('a render the page answers in another shape is not used: the element is cut from a native capture', async () => {
    const { service, db, journeyId } = await captureSetup(
      { renderElement: async () => ({ ok: true, dataUrl: 'javascript:alert(1)' }) },
      {
        pick: async () => ({
          frameId: 0,
          pick: {
            rect: { x: 0, y: 0, width: 10, height: 10 },
            scroll: { x: 0, y: 0 },
            viewport: { width: 100, height: 100 },
            devicePixelRatio: 1,
          },
        }),
        revealRect: async () => ({
          scroll: { x: 0, y: 0 },
          restore: { x: 0, y: 0 },
          viewport: { width: 100, height: 100 },
          devicePixelRatio: 1,
        }),
        restoreScroll: async () => undefined,
      },
    );
    // The bogus render is not used: the element is cut from a native capture instead.
    const saved = await service.element(journeyId, 'element', { hint: '', keys: '' });
    expect(saved).toMatchObject({ outcome: 'saved', path: 'native', fallback: 'error' });
    expect(await db.touchpoints.count()).toBe(1);
  });
});

describe('CapturePacer across contexts', () => {
  it('takes turns through the cross-context lock and holds it for the quota gap', async () => {
    const clock = virtualClock();
    const held: string[] = [];
    let holder: Promise<unknown> = Promise.resolve();
    // A lock like Web Locks: one holder at a time, in request order.
    const lock = <T>(work: () => Promise<T>) => {
      const turn = holder.then(async () => {
        held.push(`in@${clock.now()}`);
        try {
          return await work();
        } finally {
          held.push(`out@${clock.now()}`);
        }
      });
      holder = turn.catch(() => undefined);
      return turn;
    };
    const panel = new CapturePacer(clock, MIN_CAPTURE_GAP_MS, lock);
    const worker = new CapturePacer(clock, MIN_CAPTURE_GAP_MS, lock);
    await Promise.all([
      panel.run(async () => clock.calls.push(clock.now())),
      worker.run(async () => clock.calls.push(clock.now())),
      panel.run(async () => clock.calls.push(clock.now())),
    ]);
    const gaps = clock.calls.slice(1).map((t, i) => t - clock.calls[i]!);
    expect(gaps.every((gap) => gap >= MIN_CAPTURE_GAP_MS)).toBe(true);
    // Each call returned at once; its context let go of the lock only after the gap.
    await holder;
    expect(held).toEqual(['in@0', 'out@520', 'in@520', 'out@1040', 'in@1040', 'out@1560']);
  });
});

describe('autoCaptureOnLoad', () => {
  /** The service worker's view: a walked tab with auto-capture on for the own journey. */
  async function autoSetup(tab: Partial<{ active: boolean; status: string; url: string }> = {}) {
    const setup = await captureSetup();
    await writeSettings({
      activeJourneyId: setup.journeyId,
      autoCapture: { journeyId: setup.journeyId, tabId: TAB.tabId },
      notice: null,
    });
    const slept: number[] = [];
    const waited: number[] = [];
    const deps = {
      store: setup.store,
      capture: setup.service,
      settings: { read: readSettings, write: writeSettings },
      autoQueue: serialQueue(),
      loads: loadCounter(),
      clicks: { watch: async () => true },
      language: () => 'en',
      settle: {
        countRequests: async () => {},
        wait: async () => {
          waited.push(TAB.tabId);
          return { settled: true, waitedMs: 640, busy: [] };
        },
      },
      getTab: async (tabId: number) => ({
        id: tabId,
        windowId: TAB.windowId,
        url: TAB.url,
        title: TAB.title,
        active: true,
        status: 'complete',
        ...tab,
      }),
      sleep: async (ms: number) => void slept.push(ms),
      now: setup.clock.now,
    };
    return { ...setup, deps, slept, waited };
  }

  it('captures a loaded page of the walked tab after it settles, and says so', async () => {
    const { deps, waited, store, journeyId } = await autoSetup();
    const decision = await autoCaptureOnLoad(deps, TAB.tabId);
    expect(decision).toMatchObject({ tabId: TAB.tabId, outcome: 'captured', step: { seq: 1 } });
    // It waited for the page to settle (not a fixed time), and the step records the wait.
    expect(waited).toEqual([TAB.tabId]);
    const steps = await store.listSteps(journeyId);
    expect(steps).toHaveLength(1);
    expect(steps[0]!.settle).toEqual({ settled: true, waitedMs: 640 });
    expect((await readSettings()).notice).toMatchObject({ kind: 'captured', params: { n: 1 } });
  });

  it('tells why it took nothing: off, another tab, not shown, another journey, duplicate', async () => {
    const { deps, store, clock, journeyId } = await autoSetup();
    expect(await autoCaptureOnLoad(deps, 99)).toEqual({
      tabId: 99,
      outcome: 'skipped',
      reason: 'off',
    });
    const hidden = await autoSetup({ active: false });
    expect(await autoCaptureOnLoad(hidden.deps, TAB.tabId)).toMatchObject({ reason: 'not-shown' });
    const loading = await autoSetup({ status: 'loading' });
    expect(await autoCaptureOnLoad(loading.deps, TAB.tabId)).toMatchObject({
      reason: 'not-shown',
    });

    // Back to the first profile's settings (each setup wrote its own).
    await writeSettings({
      activeJourneyId: journeyId,
      autoCapture: { journeyId, tabId: TAB.tabId },
    });
    // The same URL again right away: merged into the step just taken.
    const first = await autoCaptureOnLoad(deps, TAB.tabId);
    expect(first.outcome).toBe('captured');
    expect(await autoCaptureOnLoad(deps, TAB.tabId)).toMatchObject({ reason: 'duplicate' });
    expect(await store.listSteps(journeyId)).toHaveLength(1);
    // …but taken again once the duplicate window has passed.
    clock.advance(DUPLICATE_WINDOW_MS + 1);
    expect(await autoCaptureOnLoad(deps, TAB.tabId)).toMatchObject({ step: { seq: 2 } });

    await writeSettings({ activeJourneyId: 'another-journey' });
    expect(await autoCaptureOnLoad(deps, TAB.tabId)).toMatchObject({ reason: 'other-journey' });
    await writeSettings({ autoCapture: null });
    expect(await autoCaptureOnLoad(deps, TAB.tabId)).toMatchObject({ reason: 'off' });
  });
});

describe('scaleMarks', () => {
  const page = (width: number, viewport: number | null, dpr: number | null = null) =>
    ({
      images: [{ width, height: width / 2 }],
      viewport: viewport === null ? null : { width: viewport, height: viewport / 2 },
      devicePixelRatio: dpr,
    }) as unknown as Parameters<typeof scaleMarks>[1];
  const box = (x: number, y: number, width: number, height: number) => ({
    kind: 'box' as const,
    x,
    y,
    width,
    height,
    color: 'red' as const,
  });

  it('scales a click box from viewport CSS px to the image pixels (DPR 2, 1.5)', () => {
    expect(scaleMarks([box(10, 20, 100, 30)], page(1280, 640))).toEqual([box(20, 40, 200, 60)]);
    expect(scaleMarks([box(10, 20, 100, 30)], page(1920, 1280))).toEqual([box(15, 30, 150, 45)]);
    // Without the viewport, the recorded pixel ratio.
    expect(scaleMarks([box(10, 20, 100, 30)], page(1280, null, 2))).toEqual([box(20, 40, 200, 60)]);
  });

  it('keeps a box inside the image and drops one wholly outside it', () => {
    expect(scaleMarks([box(-10, -10, 50, 50)], page(640, 640))).toEqual([box(0, 0, 40, 40)]);
    expect(scaleMarks([box(600, 300, 100, 100)], page(640, 640))).toEqual([box(600, 300, 40, 20)]);
    expect(scaleMarks([box(0, 900, 10, 10)], page(640, 640))).toEqual([]);
  });
});
