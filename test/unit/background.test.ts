/**
 * The service worker's handlers (lib/services/background.ts) over fakes: auto-captures run one
 * after another through the queue the worker owns, and a failure reaches the panel's notice, or
 * the log when even the notice cannot be written.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CaptureError } from '../../lib/capture/errors';
import { StorageFullError } from '../../lib/db';
import type { Settings } from '../../lib/model/settings';
import {
  autoCaptureOnLoad,
  backgroundWorkFailed,
  captureClick,
  captureFromBackground,
  DUPLICATE_WINDOW_MS,
  loadCounter,
  reportStoppedCapture,
  serialQueue,
  type AutoCaptureDecision,
  type BackgroundDeps,
  type SerialQueue,
} from '../../lib/services/background';
import type { SettleReply } from '../../lib/capture/page/replies';
import { fakeSettings } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const TAB = 7;
const URL = 'https://brightline.test/plans';

afterEach(() => vi.restoreAllMocks());

/** A worker over a real store and fake browser parts; `capture.visible` stores a real step. */
async function worker(
  options: {
    queue?: SerialQueue;
    failWith?: unknown;
    /** How waiting for the page ends (default: settled after 600 ms). */
    settle?: () => Promise<SettleReply>;
    /** Runs when a capture starts; the step is stored once what it returns settled. */
    onCapture?: () => Promise<unknown> | void;
  } = {},
) {
  const { store, clock } = testStore();
  const { own } = await auditWithJourneys(store);
  const settings = fakeSettings({
    activeJourneyId: own.id,
    autoCapture: { journeyId: own.id, tabId: TAB },
  });
  const captures: string[] = [];
  const notes: { note: string; marks: unknown[] }[] = [];
  const visible: BackgroundDeps['capture']['visible'] = async (
    journeyId,
    { tab, settle, note, marks } = {},
  ) => {
    if (options.failWith) throw options.failWith;
    captures.push(tab?.url ?? '');
    notes.push({ note: note ?? '', marks: marks ?? [] });
    await options.onCapture?.();
    const step = await store.addStep({
      journeyId: journeyId!,
      kind: 'page',
      url: tab!.url,
      title: tab!.title,
      at: clock.now(),
      images: [fakeImage()],
      ...(settle && { settle }),
    });
    return { step, parts: 1, redacted: false, redaction: { fields: 0, frames: 0, scanned: 0 } };
  };
  const deps: BackgroundDeps = {
    store,
    capture: { visible, fullPage: () => Promise.reject(new Error('not used')) },
    settings: { read: async () => settings.current(), write: settings.write },
    autoQueue: options.queue ?? serialQueue(),
    loads: loadCounter(),
    clicks: { watch: async () => true },
    language: () => 'en',
    settle: {
      countRequests: async () => {},
      wait: options.settle ?? (async () => ({ settled: true, waitedMs: 600, busy: [] })),
    },
    getTab: async (tabId) => ({
      id: tabId,
      windowId: 1,
      active: true,
      status: 'complete',
      url: URL,
      title: 'Plans',
    }),
    sleep: async () => {},
    now: clock.now,
  };
  return { deps, store, own, settings, captures, clock, notes };
}

describe('service worker', () => {
  it('takes a load that arrives while the last one is being captured after it: a duplicate', async () => {
    let second: Promise<AutoCaptureDecision> | undefined;
    const { deps, store, own, captures } = await worker({
      onCapture: () => void (second ??= autoCaptureOnLoad(deps, TAB)),
    });
    const first = await autoCaptureOnLoad(deps, TAB);
    const decisions = [first, await second!];
    expect(decisions.map((d) => (d.outcome === 'skipped' ? d.reason : d.outcome))).toEqual([
      'captured',
      'duplicate',
    ]);
    expect(captures).toEqual([URL]);
    expect(await store.listSteps(own.id)).toHaveLength(1);
  });

  it('without the queue, the duplicate check races and both loads are captured (the control)', async () => {
    const parallel: SerialQueue = { run: (task) => task() };
    let second: Promise<AutoCaptureDecision> | undefined;
    const { deps, captures } = await worker({
      queue: parallel,
      // The first capture is stored only after the second load decided: the race made sure.
      onCapture: () => {
        if (second) return;
        second = autoCaptureOnLoad(deps, TAB);
        return second;
      },
    });
    await autoCaptureOnLoad(deps, TAB);
    await second;
    expect(captures).toEqual([URL, URL]);
  });

  it('a flood of loads (a route every 100 ms) gives one step, of the newest, not one per load', async () => {
    const { deps, store, own, captures } = await worker();
    const decisions = await Promise.all(
      Array.from({ length: 20 }, () => autoCaptureOnLoad(deps, TAB)),
    );
    const said = decisions.map((d) => (d.outcome === 'skipped' ? d.reason : d.outcome));
    expect(said.slice(0, 19).every((reason) => reason === 'superseded')).toBe(true);
    expect(said[19]).toBe('captured');
    expect(captures).toEqual([URL]);
    expect(await store.listSteps(own.id)).toHaveLength(1);
  });

  it('a load that came while waiting supersedes a settled page, not one that hit the bound', async () => {
    let later: Promise<AutoCaptureDecision> | undefined;
    let settled = true;
    const { deps, store, own, clock } = await worker({
      settle: async () => {
        // The first wait sees a new route arrive (once); how it ends is the test's choice.
        later ??= autoCaptureOnLoad(deps, TAB);
        return { settled, waitedMs: settled ? 700 : 8_000, busy: settled ? [] : ['dom'] };
      },
    });
    expect(await autoCaptureOnLoad(deps, TAB)).toMatchObject({ reason: 'superseded' });
    expect(await later).toMatchObject({ outcome: 'captured', settled: true, waitedMs: 700 });

    // Never settling: taken at the bound anyway (the newest route then), and the step says so.
    settled = false;
    later = undefined;
    clock.advance(DUPLICATE_WINDOW_MS + 1);
    const atBound = await autoCaptureOnLoad(deps, TAB);
    expect(atBound).toMatchObject({ outcome: 'captured', settled: false, waitedMs: 8_000 });
    const steps = await store.listSteps(own.id);
    expect(steps.at(-1)!.settle).toEqual({ settled: false, waitedMs: 8_000 });
    // The load that arrived meanwhile waits its own turn; the same URL right after a step taken
    // at the bound is no duplicate (that step is not the page as it settled).
    expect(await later).toMatchObject({ outcome: 'captured' });
    settled = true;
    later = undefined;
    expect(await autoCaptureOnLoad(deps, TAB)).toMatchObject({ reason: 'superseded' });
    expect(await later).toMatchObject({ outcome: 'captured', settled: true });
    // …but after a settled step, it is.
    expect(await autoCaptureOnLoad(deps, TAB)).toMatchObject({ reason: 'duplicate' });
  });

  it('a page that goes away while settling is skipped, and nothing is captured', async () => {
    const { deps, captures } = await worker({
      settle: () => Promise.reject(new Error('Frame with ID 0 was removed.')),
    });
    expect(await autoCaptureOnLoad(deps, TAB)).toMatchObject({ reason: 'not-shown' });
    expect(captures).toEqual([]);
  });

  it('click capture: a click in the followed tab is a step named in the note, its element boxed', async () => {
    const { deps, settings, own, notes } = await worker();
    const tab = { id: TAB, windowId: 1, url: URL, title: 'Plans', active: true };
    const click = (name: string, length = name.length) => ({
      type: 'touchpoint-audit:click',
      kind: 'button',
      name,
      length,
      rect: { x: 10, y: 20, width: 100, height: 30 },
    });
    // Off until switched on for this tab and journey.
    expect(await captureClick(deps, click('Buy'), tab)).toMatchObject({ reason: 'off' });
    await settings.write({ clickCapture: { journeyId: own.id, tabId: TAB } });
    expect(await captureClick(deps, click('Buy'), { ...tab, id: TAB + 1 })).toMatchObject({
      reason: 'off',
    });
    // Whatever else a page sends is not a click.
    for (const junk of [
      null,
      'click',
      { ...click('Buy'), rect: 'x' },
      { ...click('x'), extra: 1 },
    ]) {
      expect(await captureClick(deps, junk, tab)).toMatchObject({ reason: 'not-a-click' });
    }
    expect(await captureClick(deps, click('<b>Buy</b>'), tab)).toMatchObject({
      outcome: 'captured',
    });
    expect(notes.at(-1)).toEqual({
      note: 'Clicked button “<b>Buy</b>”',
      marks: [{ kind: 'box', x: 10, y: 20, width: 100, height: 30, color: 'red' }],
    });
    expect(settings.current().notice).toMatchObject({ params: { clicked: '<b>Buy</b>' } });
    // A cut name says so; an unnamed element says that; Russian when chosen.
    await captureClick(deps, click('A long name…', 300), tab);
    expect(notes.at(-1)!.note).toBe(
      'Clicked button “A long name…” (name shortened from 300 characters)',
    );
    await settings.write({ locale: 'ru' });
    await captureClick(deps, click(''), tab);
    expect(notes.at(-1)!.note).toBe('Щелчок: кнопка (без доступного имени)');
  });

  it('skips a load in a tab that is not walked', async () => {
    const { deps, captures } = await worker();
    expect(await autoCaptureOnLoad(deps, TAB + 1)).toEqual({
      tabId: TAB + 1,
      outcome: 'skipped',
      reason: 'off',
    });
    expect(captures).toEqual([]);
  });

  it('leaves the panel a notice of a capture and of a failed one', async () => {
    const ok = await worker();
    const tab = { id: TAB, windowId: 1, url: URL, title: 'Plans' };
    expect(await captureFromBackground(ok.deps, tab)).not.toBeNull();
    expect(ok.settings.current().notice).toMatchObject({ kind: 'captured', reason: 'visible' });

    const failing = await worker({ failWith: new CaptureError('restricted-page', 'chrome://') });
    expect(await captureFromBackground(failing.deps, tab)).toBeNull();
    expect(failing.settings.current().notice).toMatchObject({
      kind: 'error',
      reason: 'restricted-page',
    });
  });

  it('logs the failure when even its notice cannot be written', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { deps } = await worker({ failWith: new CaptureError('tab-closed', 'gone') });
    const refused = new Error('storage.local is unavailable');
    deps.settings.write = async () => {
      throw refused;
    };
    expect(await autoCaptureOnLoad(deps, TAB)).toMatchObject({ reason: 'failed' });
    const errors = logged.mock.calls.map((call) => call[1]);
    expect(errors).toContainEqual(expect.objectContaining({ reason: 'tab-closed' }));
    expect(errors).toContain(refused);
  });

  it('turns failed background work into the panel notice: a full disk says so', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const settings = fakeSettings();
    const deps = {
      settings: { read: async (): Promise<Settings> => settings.current(), write: settings.write },
      now: () => 5,
    };
    await backgroundWorkFailed(deps, new StorageFullError(100, 50));
    expect(settings.current().notice).toMatchObject({ kind: 'error', reason: 'storage-full' });
    await backgroundWorkFailed(deps, new Error('decoder crashed'));
    expect(settings.current().notice).toEqual({
      kind: 'error',
      reason: 'unexpected',
      params: { message: 'decoder crashed' },
      at: 5,
    });
  });
});

describe('a full-page capture the worker left unfinished', () => {
  const mark = { tabId: 7, url: 'https://example.test/long', title: 'Long <b>page</b>', at: 1 };
  const setup = (found: typeof mark | null) => {
    const written: Partial<Settings>[] = [];
    const restored: number[] = [];
    const deps = {
      settings: { write: async (changes: Partial<Settings>) => void written.push(changes) },
      takeMark: async () => found,
      restorePage: async (tabId: number) => (restored.push(tabId), true),
      now: () => 1234,
    };
    return { deps, written, restored };
  };

  it('restores the page and leaves the panel a notice naming it', async () => {
    const { deps, written, restored } = setup(mark);
    expect(await reportStoppedCapture(deps)).toEqual(mark);
    expect(restored).toEqual([7]);
    expect(written).toEqual([
      {
        notice: {
          kind: 'error',
          reason: 'full-page-stopped',
          params: { title: 'Long <b>page</b>' },
          at: 1234,
        },
      },
    ]);
  });

  it('says nothing when no capture was left running', async () => {
    const { deps, written, restored } = setup(null);
    expect(await reportStoppedCapture(deps)).toBeNull();
    expect(restored).toEqual([]);
    expect(written).toEqual([]);
  });

  it('still tells the panel when the page cannot be reached (closed tab)', async () => {
    const { deps, written } = setup({ ...mark, title: '' });
    deps.restorePage = async () => {
      throw new Error('No tab with id: 7');
    };
    await reportStoppedCapture(deps);
    expect(written[0]?.notice?.params).toEqual({ title: 'https://example.test/long' });
  });
});
