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
import { ClickReport, type SettleReply } from '../capture/page/replies';
import { localeFor, translator } from '../i18n';
import type { CaptureService, StepExtras } from './capture';

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

/**
 * Counts the page loads of each tab, so that auto-capture can tell a load that a newer one
 * followed (a route changing every 100 ms) and skip it rather than capture a flood of steps.
 */
export interface LoadCounter {
  /** Counts a new load of `tabId`; its ticket. */
  next(tabId: number): number;
  /** The ticket of the newest load of `tabId`. */
  latest(tabId: number): number;
}

export function loadCounter(): LoadCounter {
  const loads = new Map<number, number>();
  return {
    next(tabId) {
      const ticket = (loads.get(tabId) ?? 0) + 1;
      loads.set(tabId, ticket);
      return ticket;
    },
    latest: (tabId) => loads.get(tabId) ?? 0,
  };
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
  /** The loads of each tab, counted (a load a newer one followed is skipped). */
  loads: LoadCounter;
  /** Waiting for a page to settle (lib/services/page.ts over the page agent). */
  settle: {
    /** Starts counting the page's pending requests (its own world; once per document). */
    countRequests(tabId: number): Promise<void>;
    /** Resolves when the page settled or the bound was reached; rejects if the page went away. */
    wait(tabId: number): Promise<SettleReply>;
  };
  /** Click capture on or off in a tab's page (the page agent). */
  clicks: { watch(tabId: number, on: boolean): Promise<boolean> };
  /** The browser's language (for the words of a click's note when none was chosen). */
  language(): string;
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
  extras: StepExtras & { clicked?: string } = {},
): Promise<Step | null> {
  try {
    const { activeJourneyId } = await deps.settings.read();
    await deps.store.storage.open();
    const target = (tab && walkedTab(tab)) ?? undefined;
    const saved =
      mode === 'full-page'
        ? await deps.capture.fullPage(activeJourneyId, { tab: target })
        : await deps.capture.visible(activeJourneyId, {
            tab: target,
            note,
            settle: extras.settle,
            marks: extras.marks,
          });
    const params: Record<string, string | number> = {
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
    if (extras.clicked !== undefined) params.clicked = extras.clicked;
    // Captured at the bound, before the page settled: the panel says so.
    if (extras.settle && !extras.settle.settled) {
      params.unsettled = Math.round(extras.settle.waitedMs / 1000);
    }
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
  | { tabId: number; outcome: 'captured'; step: Step; settled: boolean; waitedMs: number }
  | {
      tabId: number;
      outcome: 'skipped';
      /**
       * off: auto-capture is off or walks another tab; not-shown: not a loaded web page in the
       * active tab; other-journey: another journey became active; duplicate: the last step is the
       * same URL from a moment ago; superseded: the tab loaded another page (or route) before
       * this one settled, and that one is taken instead; failed: the capture failed (the panel's
       * notice says why).
       */
      reason: 'off' | 'not-shown' | 'other-journey' | 'duplicate' | 'superseded' | 'failed';
    };

/** A loaded, visible web page (captureVisibleTab takes the active tab). */
const shown = (tab: TabInfo | null): tab is TabInfo =>
  Boolean(tab?.active && tab.status === 'complete' && /^https?:/.test(tab.url ?? ''));

/**
 * Auto-capture: when the walked tab finished loading a page or changed route, wait until the page
 * has settled (no change and no network activity for a quiet time, lib/capture/page/settle.ts) or
 * the bound is reached, then capture it as a step unless the journey's last step is the same URL
 * from a moment ago (merged as a duplicate; not when that step was taken at the bound). A load that a newer one of the same tab followed is
 * skipped ('superseded') — before waiting, or after it settled — so a route changing every 100 ms
 * gives no flood of steps: while it keeps changing, the page never settles, and one step is taken
 * each time the bound is reached (said on the step), the newest route at that moment.
 */
export function autoCaptureOnLoad(
  deps: BackgroundDeps,
  tabId: number,
): Promise<AutoCaptureDecision> {
  const ticket = deps.loads.next(tabId);
  const newer = () => deps.loads.latest(tabId) !== ticket;
  const skipped = (reason: Extract<AutoCaptureDecision, { outcome: 'skipped' }>['reason']) =>
    ({ tabId, outcome: 'skipped', reason }) as const;
  const run = async (): Promise<AutoCaptureDecision> => {
    try {
      const { autoCapture } = await deps.settings.read();
      if (!autoCapture || autoCapture.tabId !== tabId) return skipped('off');
      if (newer()) return skipped('superseded');
      if (!shown(await deps.getTab(tabId))) return skipped('not-shown');
      let settle: SettleReply;
      try {
        // A page whose own world refuses the counter is still watched by the agent.
        await deps.settle.countRequests(tabId).catch(() => undefined);
        settle = await deps.settle.wait(tabId);
      } catch {
        // The page went away while settling (a full navigation): its load event comes next.
        return skipped(newer() ? 'superseded' : 'not-shown');
      }
      if (settle.settled && newer()) return skipped('superseded');
      const tab = await deps.getTab(tabId);
      if (!shown(tab)) return skipped('not-shown');
      const { activeJourneyId } = await deps.settings.read();
      if (activeJourneyId !== autoCapture.journeyId) return skipped('other-journey');
      if ((await deps.store.storage.open()).kind === 'ready') {
        const last = (await deps.store.listSteps(autoCapture.journeyId)).at(-1);
        // A step taken at the bound, before its page settled, is not the page as it settled.
        const unsettled = last?.settle?.settled === false;
        if (
          last &&
          !unsettled &&
          last.url === tab.url &&
          deps.now() - last.at < DUPLICATE_WINDOW_MS
        ) {
          return skipped('duplicate');
        }
      }
      const record = { settled: settle.settled, waitedMs: Math.round(settle.waitedMs) };
      const step = await captureFromBackground(deps, tab, '', 'visible', { settle: record });
      return step ? { tabId, outcome: 'captured', step, ...record } : skipped('failed');
    } catch (error) {
      // Reading the journey failed (e.g. the disk is full): say so in the panel, capture nothing.
      await leaveNotice(deps, noticeFor(error, deps.now()), error);
      return skipped('failed');
    }
  };
  return deps.autoQueue.run(run);
}

/** What click capture did with one message from a page. */
export type ClickDecision =
  | { outcome: 'captured'; step: Step }
  /** not-a-click: the message did not parse; off: click capture is off for that tab or journey. */
  | { outcome: 'skipped'; reason: 'not-a-click' | 'off' | 'failed' };

/**
 * Click capture: a click the page agent reported in the followed tab becomes a visible capture
 * (paced with every other capture, lib/capture/pacer.ts) with a note naming the element and a box
 * around it. The report is the page's: parsed, its name kept as text.
 */
export async function captureClick(
  deps: BackgroundDeps,
  message: unknown,
  tab: TabInfo | undefined,
): Promise<ClickDecision> {
  const parsed = ClickReport.safeParse(message);
  if (!parsed.success) return { outcome: 'skipped', reason: 'not-a-click' };
  try {
    const { clickCapture, activeJourneyId, locale } = await deps.settings.read();
    if (
      !clickCapture ||
      tab?.id !== clickCapture.tabId ||
      activeJourneyId !== clickCapture.journeyId
    ) {
      return { outcome: 'skipped', reason: 'off' };
    }
    const t = translator(locale ?? localeFor(deps.language()));
    const { kind, name, length, rect } = parsed.data;
    const role = t(`clickRole_${kind}`);
    const note = [
      name ? t('clickNote', { role, name }) : t('clickNoteUnnamed', { role }),
      length > name.length && t('clickNameCut', { length }),
    ]
      .filter(Boolean)
      .join(' ');
    const marks = [{ kind: 'box' as const, ...rect, color: 'red' as const }];
    const step = await captureFromBackground(deps, tab, note, 'visible', {
      marks,
      clicked: name || role,
    });
    return step ? { outcome: 'captured', step } : { outcome: 'skipped', reason: 'failed' };
  } catch (error) {
    await leaveNotice(deps, noticeFor(error, deps.now()), error);
    return { outcome: 'skipped', reason: 'failed' };
  }
}

/**
 * A page loaded in the tab click capture follows: switch it on in the new document (a new page
 * has no listener). Clicks before the page finished loading are not captured.
 */
export async function armClicksOnLoad(deps: BackgroundDeps, tabId: number): Promise<boolean> {
  const { clickCapture } = await deps.settings.read();
  if (!clickCapture || clickCapture.tabId !== tabId) return false;
  const tab = await deps.getTab(tabId);
  if (!/^https?:/.test(tab?.url ?? '')) return false;
  return deps.clicks.watch(tabId, true).catch(() => false);
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
