/**
 * What the service worker does: keyboard shortcuts, the context menu and auto-capture. Stateless:
 * everything it needs (active journey, auto-capture tab) is read from storage on each event.
 */
import { readSettings, writeSettings, type Notice } from '../browser';
import { captureVisibleStep, type CaptureDeps } from '../capture';
import { compactStepImages } from '../capture/compact';
import { captureFullPageStep } from '../capture/full-page';
import { CaptureError, storageParams } from '../capture/errors';
import { StorageFullError } from '../db';
import type { Touchpoint, WalkedTab } from '../model';
import { fullPageServices } from './full-page';

/** How long a page must have been loaded before auto-capture takes it (late layout, fonts). */
export const SETTLE_MS = 1200;
/** A second capture of the same URL within this time is merged into the first. */
export const DUPLICATE_WINDOW_MS = 10_000;

export interface TabInfo {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
  width?: number;
  height?: number;
  active?: boolean;
  status?: string;
}

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

export interface BackgroundDeps {
  capture: CaptureDeps;
  getTab(tabId: number): Promise<TabInfo | null>;
  sleep(ms: number): Promise<void>;
}

function noticeFor(error: unknown): Notice {
  if (error instanceof CaptureError)
    return { kind: 'error', reason: error.reason, params: error.params, at: Date.now() };
  if (error instanceof StorageFullError)
    return { kind: 'error', reason: 'storage-full', params: storageParams(error), at: Date.now() };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', reason: 'capture-failed', params: { message }, at: Date.now() };
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
): Promise<Touchpoint | null> {
  const { activeJourneyId } = await readSettings();
  await deps.capture.store.storage.open();
  const target = tab ? walkedTab(tab) : null;
  const capture: CaptureDeps = target
    ? { ...deps.capture, findTargetTab: async () => target }
    : deps.capture;
  try {
    let step =
      mode === 'full-page'
        ? (await captureFullPageStep(fullPageServices(capture), activeJourneyId)).step
        : await captureVisibleStep(capture, activeJourneyId, note);
    if (note && mode === 'full-page') step = await deps.capture.store.updateStep(step.id, { note });
    void compactStepImages(deps.capture.store, step.id).catch(console.error);
    await writeSettings({
      notice: { kind: 'captured', reason: null, params: { n: step.seq }, at: Date.now() },
    });
    return step;
  } catch (error) {
    await writeSettings({ notice: noticeFor(error) });
    return null;
  }
}

export type CommandName = 'capture-visible' | 'capture-full-page';

/** Chains auto-captures so that two quick navigations are checked for duplicates in order. */
let autoQueue: Promise<unknown> = Promise.resolve();

/**
 * Auto-capture: when the walked tab finished loading, wait for it to settle, then capture it as a
 * step unless the journey's last step is the same URL from a moment ago (merged as a duplicate).
 */
export function autoCaptureOnLoad(deps: BackgroundDeps, tabId: number): Promise<Touchpoint | null> {
  const run = async (): Promise<Touchpoint | null> => {
    const { autoCapture } = await readSettings();
    if (!autoCapture || autoCapture.tabId !== tabId) return null;
    await deps.sleep(SETTLE_MS);
    const tab = await deps.getTab(tabId);
    // Only a loaded, visible page in the walked tab is captured (captureVisibleTab takes the active tab).
    if (!tab?.active || tab.status !== 'complete' || !/^https?:/.test(tab.url ?? '')) return null;
    if ((await deps.capture.store.storage.open()).kind !== 'ready')
      return captureFromBackground(deps, tab);
    const steps = await deps.capture.store.listSteps(autoCapture.journeyId);
    const last = steps.at(-1);
    if (last && last.url === tab.url && deps.capture.now() - last.at < DUPLICATE_WINDOW_MS)
      return null;
    const { activeJourneyId } = await readSettings();
    if (activeJourneyId !== autoCapture.journeyId) return null;
    return captureFromBackground(deps, tab);
  };
  const result = autoQueue.then(run, run);
  autoQueue = result.catch(() => undefined);
  return result;
}
