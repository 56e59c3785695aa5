/**
 * What the service worker does: keyboard shortcuts, the context menu and auto-capture. Stateless:
 * everything it needs (active journey, auto-capture tab) is read from storage on each event; the
 * one thing it keeps, the order of auto-captures, is a queue its composition root owns and passes
 * in (entrypoints/background.ts).
 */
import type { EventTab, Notice } from '../browser';
import { CaptureError, storageParams } from '../capture/errors';
import { StorageFullError, type AuditStore } from '../db';
import { logError } from '../log';
import type { Step, WalkedTab } from '../model';
import type { RunningCapture, Settings } from '../model/settings';
import type { CaptureService } from './capture';

/** How long a page must have been loaded before auto-capture takes it (late layout, fonts). */
export const SETTLE_MS = 1200;
/** A second capture of the same URL within this time is merged into the first. */
export const DUPLICATE_WINDOW_MS = 10_000;

/** A tab as the worker's events report it (lib/browser EventTab). */
export type TabInfo = EventTab;

function walkedTab(tab: TabInfo): WalkedTab | null {
  if (tab.id === undefined || tab.windowId === undefined) return null;
  return {
    tabId: tab.id,
    windowId: tab.windowId,
    url: tab.url ?? '',
    title: tab.title ?? '',
    width: tab.width ?? null,
    height: tab.height ?? null,
  };
}

/** Runs tasks one after another: each starts once the one before it settled. */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A new, empty queue (the worker makes one for auto-capture; each test its own). */
export function serialQueue(): SerialQueue {
  let last: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = last.then(task, task);
      last = result.catch(() => undefined);
      return result;
    },
  };
}

export interface BackgroundDeps {
  store: AuditStore;
  capture: Pick<CaptureService, 'visible' | 'fullPage'>;
  /** The extension's settings (lib/browser over extension storage). */
  settings: {
    read(): Promise<Settings>;
    write(changes: Partial<Settings>): Promise<void>;
  };
  /** Chains auto-captures so that two quick navigations are checked for duplicates in order. */
  autoQueue: SerialQueue;
  getTab(tabId: number): Promise<TabInfo | null>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

function noticeFor(error: unknown, at: number): Notice {
  if (error instanceof CaptureError)
    return { kind: 'error', reason: error.reason, params: error.params, at };
  if (error instanceof StorageFullError)
    return { kind: 'error', reason: 'storage-full', params: storageParams(error), at };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', reason: 'capture-failed', params: { message }, at };
}

/**
 * Leaves `notice` for the side panel (the worker's way of saying what went wrong); when even that
 * cannot be written, `error` and why the notice failed are logged, as nothing else can show them.
 */
async function leaveNotice(
  deps: { settings: Pick<BackgroundDeps['settings'], 'write'> },
  notice: Notice,
  error: unknown,
): Promise<void> {
  try {
    await deps.settings.write({ notice });
  } catch (noticeError) {
    logError('background notice', error);
    logError('background notice (writing it)', noticeError);
  }
}

/**
 * Work a capture left running in the worker (image compaction) failed: logged, and left as the
 * panel's notice, since no one waits for it (a full disk says so; anything else as unexpected).
 */
export function backgroundWorkFailed(
  deps: Pick<BackgroundDeps, 'settings' | 'now'>,
  error: unknown,
): Promise<void> {
  logError('background work', error);
  const notice: Notice =
    error instanceof CaptureError || error instanceof StorageFullError
      ? noticeFor(error, deps.now())
      : {
          kind: 'error',
          reason: 'unexpected',
          params: { message: error instanceof Error ? error.message : String(error) },
          at: deps.now(),
        };
  return leaveNotice(deps, notice, error);
}

/**
 * Captures `tab` (or the walked tab) into the active journey and leaves a notice for the side
 * panel. Returns the new step, or null when it failed (the notice says why).
 */
export async function captureFromBackground(
  deps: BackgroundDeps,
  tab: TabInfo | undefined,
  note = '',
  mode: 'visible' | 'full-page' = 'visible',
): Promise<Step | null> {
  try {
    const { activeJourneyId } = await deps.settings.read();
    await deps.store.storage.open();
    const target = (tab && walkedTab(tab)) ?? undefined;
    const saved =
      mode === 'full-page'
        ? await deps.capture.fullPage(activeJourneyId, { tab: target })
        : await deps.capture.visible(activeJourneyId, { tab: target, note });
    const params = {
      n: saved.step.seq,
      parts: saved.parts,
      redacted: saved.redacted ? 1 : 0,
      fields: saved.redaction.fields,
      frames: saved.redaction.frames,
      // The scrolling area taken when the page itself does not scroll (the panel says which).
      ...(saved.area && {
        areaLabel: saved.area.label,
        areaIndex: saved.area.index,
        areaCount: saved.area.count,
        areaVirtualised: saved.area.virtualised ? 1 : 0,
        areaRows: saved.area.rows,
        areaGrew: saved.area.grew ? 1 : 0,
        areaHeight: saved.area.height,
      }),
    };
    await deps.settings.write({
      notice: { kind: 'captured', reason: mode, params, at: deps.now() },
    });
    return saved.step;
  } catch (error) {
    await leaveNotice(deps, noticeFor(error, deps.now()), error);
    return null;
  }
}

export type CommandName = 'capture-visible' | 'capture-full-page';

/** What auto-capture did with one page load, and why when it took nothing. */
export type AutoCaptureDecision =
  | { tabId: number; outcome: 'captured'; step: Step }
  | {
      tabId: number;
      outcome: 'skipped';
      /**
       * off: auto-capture is off or walks another tab; not-shown: not a loaded web page in the
       * active tab; other-journey: another journey became active; duplicate: the last step is the
       * same URL from a moment ago; failed: the capture failed (the panel's notice says why).
       */
      reason: 'off' | 'not-shown' | 'other-journey' | 'duplicate' | 'failed';
    };

/**
 * Auto-capture: when the walked tab finished loading, wait for it to settle, then capture it as a
 * step unless the journey's last step is the same URL from a moment ago (merged as a duplicate).
 */
export function autoCaptureOnLoad(
  deps: BackgroundDeps,
  tabId: number,
): Promise<AutoCaptureDecision> {
  const skipped = (reason: Extract<AutoCaptureDecision, { outcome: 'skipped' }>['reason']) =>
    ({ tabId, outcome: 'skipped', reason }) as const;
  const run = async (): Promise<AutoCaptureDecision> => {
    try {
      const { autoCapture } = await deps.settings.read();
      if (!autoCapture || autoCapture.tabId !== tabId) return skipped('off');
      await deps.sleep(SETTLE_MS);
      const tab = await deps.getTab(tabId);
      // Only a loaded, visible page in the walked tab is captured (captureVisibleTab takes the active tab).
      if (!tab?.active || tab.status !== 'complete' || !/^https?:/.test(tab.url ?? '')) {
        return skipped('not-shown');
      }
      const { activeJourneyId } = await deps.settings.read();
      if (activeJourneyId !== autoCapture.journeyId) return skipped('other-journey');
      if ((await deps.store.storage.open()).kind === 'ready') {
        const last = (await deps.store.listSteps(autoCapture.journeyId)).at(-1);
        if (last && last.url === tab.url && deps.now() - last.at < DUPLICATE_WINDOW_MS) {
          return skipped('duplicate');
        }
      }
      const step = await captureFromBackground(deps, tab);
      return step ? { tabId, outcome: 'captured', step } : skipped('failed');
    } catch (error) {
      // Reading the journey failed (e.g. the disk is full): say so in the panel, capture nothing.
      await leaveNotice(deps, noticeFor(error, deps.now()), error);
      return skipped('failed');
    }
  };
  return deps.autoQueue.run(run);
}

/** What the worker needs to tell of a full-page capture its predecessor left unfinished. */
export interface StoppedCaptureDeps {
  settings: Pick<BackgroundDeps['settings'], 'write'>;
  /** The mark a stopped worker left (removed as it is read), or null. */
  takeMark(): Promise<RunningCapture | null>;
  /** Puts the page back (the page agent's restore); false when it already was, or is gone. */
  restorePage(tabId: number): Promise<boolean>;
  now(): number;
}

/**
 * Run when the worker starts: a full-page capture that a stopped worker left unfinished is told
 * to the panel ("stopped before it finished; the page was restored"), after making sure the page
 * is given back (the page restores itself when its link drops; this covers a page that did not
 * hear it). Returns the mark found, or null.
 */
export async function reportStoppedCapture(
  deps: StoppedCaptureDeps,
): Promise<RunningCapture | null> {
  let mark: RunningCapture | null;
  try {
    mark = await deps.takeMark();
  } catch (error) {
    logError('stopped capture (reading the mark)', error);
    return null;
  }
  if (!mark) return null;
  await deps.restorePage(mark.tabId).catch(() => false);
  const notice: Notice = {
    kind: 'error',
    reason: 'full-page-stopped',
    params: { title: mark.title || mark.url },
    at: deps.now(),
  };
  await leaveNotice(deps, notice, new Error(`full-page capture of ${mark.url} stopped`));
  return mark;
}
