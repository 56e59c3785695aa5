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
  captureFromBackground,
  reportStoppedCapture,
  serialQueue,
  type BackgroundDeps,
  type SerialQueue,
} from '../../lib/services/background';
import { fakeSettings } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const TAB = 7;
const URL = 'https://brightline.test/plans';

afterEach(() => vi.restoreAllMocks());

/** A worker over a real store and fake browser parts; `capture.visible` stores a real step. */
async function worker(options: { queue?: SerialQueue; failWith?: unknown } = {}) {
  const { store, clock } = testStore();
  const { own } = await auditWithJourneys(store);
  const settings = fakeSettings({
    activeJourneyId: own.id,
    autoCapture: { journeyId: own.id, tabId: TAB },
  });
  const captures: string[] = [];
  const visible: BackgroundDeps['capture']['visible'] = async (journeyId, { tab } = {}) => {
    if (options.failWith) throw options.failWith;
    captures.push(tab?.url ?? '');
    const step = await store.addStep({
      journeyId: journeyId!,
      kind: 'page',
      url: tab!.url,
      title: tab!.title,
      at: clock.now(),
      images: [fakeImage()],
    });
    return { step, parts: 1, redacted: false, redaction: { fields: 0, frames: 0, scanned: 0 } };
  };
  const deps: BackgroundDeps = {
    store,
    capture: { visible, fullPage: () => Promise.reject(new Error('not used')) },
    settings: { read: async () => settings.current(), write: settings.write },
    autoQueue: options.queue ?? serialQueue(),
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
  return { deps, store, own, settings, captures };
}

describe('service worker', () => {
  it('takes two quick loads of the walked tab one after another: the second is a duplicate', async () => {
    const { deps, store, own, captures } = await worker();
    const decisions = await Promise.all([
      autoCaptureOnLoad(deps, TAB),
      autoCaptureOnLoad(deps, TAB),
    ]);
    expect(decisions.map((d) => (d.outcome === 'skipped' ? d.reason : d.outcome))).toEqual([
      'captured',
      'duplicate',
    ]);
    expect(captures).toEqual([URL]);
    expect(await store.listSteps(own.id)).toHaveLength(1);
  });

  it('without the queue, the duplicate check races and both loads are captured (the control)', async () => {
    const parallel: SerialQueue = { run: (task) => task() };
    const { deps, captures } = await worker({ queue: parallel });
    await Promise.all([autoCaptureOnLoad(deps, TAB), autoCaptureOnLoad(deps, TAB)]);
    expect(captures).toEqual([URL, URL]);
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
