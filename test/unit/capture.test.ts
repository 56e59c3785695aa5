import { describe, expect, it } from 'vitest';
import {
  CaptureError,
  CapturePacer,
  captureVisibleStep,
  MIN_CAPTURE_GAP_MS,
  restrictedReason,
  type CaptureDeps,
  type Clock,
} from '../../lib/capture';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

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

async function captureSetup(overrides: Partial<CaptureDeps> = {}) {
  const { store, db, clock } = testStore();
  const { own } = await auditWithJourneys(store);
  const deps: CaptureDeps = {
    store,
    pacer: new CapturePacer(virtualClock()),
    findTargetTab: async () => ({
      tabId: 1,
      windowId: 2,
      url: 'https://brightline.test/plans',
      title: 'Plans <b>',
      width: 640,
      height: 400,
    }),
    captureVisibleTab: async () => 'data:image/jpeg;base64,AAAA',
    tabExists: async () => true,
    encode: async () => fakeImage(),
    now: clock.now,
    userAgent: 'TestBrowser/1.0',
    findSensitiveFields: async () => ({ scrollX: 0, scrollY: 0, rects: [] }),
    ...overrides,
  };
  return { deps, db, store, journeyId: own.id };
}

describe('captureVisibleStep', () => {
  it('stores the page as the next step with URL, title, time, viewport and pixel ratio', async () => {
    const { deps, store, journeyId } = await captureSetup();
    const step = await captureVisibleStep(deps, journeyId);
    expect(step).toMatchObject({
      seq: 1,
      kind: 'page',
      url: 'https://brightline.test/plans',
      title: 'Plans <b>',
      viewport: { width: 640, height: 400 },
      devicePixelRatio: 2,
    });
    expect(await store.listScreenshots([step.id])).toHaveLength(1);
  });

  it('refuses without a journey, on browser pages, and when the tab closed; nothing is stored', async () => {
    const { deps, db, journeyId } = await captureSetup();
    await expect(captureVisibleStep(deps, null)).rejects.toMatchObject({ reason: 'no-journey' });
    const restricted = {
      ...deps,
      findTargetTab: async () => ({
        tabId: 1,
        windowId: 2,
        url: 'chrome://newtab/',
        title: '',
        width: 1,
        height: 1,
      }),
    };
    await expect(captureVisibleStep(restricted, journeyId)).rejects.toMatchObject({
      reason: 'restricted-page',
    });
    const closed = {
      ...deps,
      captureVisibleTab: async () => Promise.reject(new Error('No tab')),
      tabExists: async () => false,
    };
    await expect(captureVisibleStep(closed, journeyId)).rejects.toMatchObject({
      reason: 'tab-closed',
    });
    const refused = {
      ...deps,
      captureVisibleTab: async () =>
        Promise.reject(new Error('Cannot access contents of the page')),
    };
    const error = await captureVisibleStep(refused, journeyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({
      reason: 'capture-failed',
      params: { message: 'Cannot access contents of the page' },
    });
    expect(await db.touchpoints.count()).toBe(0);
  });

  it('turns a full disk into a storage-full message and stores nothing', async () => {
    const { deps, db, journeyId } = await captureSetup();
    db.screenshots.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(captureVisibleStep(deps, journeyId)).rejects.toMatchObject({
      reason: 'storage-full',
    });
    // The store stopped writing and closed; opened again, it holds nothing half-written.
    await db.open();
    expect(await db.touchpoints.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
  });
});
