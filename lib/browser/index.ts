/** Thin adapters over extension APIs: the only code that touches `browser.*`. */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import type { Identity, Notice, WalkedTab } from '../model';

export type { Notice };
import type { Locale } from '../taxonomy';

/**
 * The tab the auditor is walking: the active tab of this page's own window when that is a normal
 * browser window (the side panel), otherwise of the last focused normal window (panel opened as a
 * tab or a pop-up).
 */
export async function findTargetTab(): Promise<WalkedTab | null> {
  let window = await browser.windows.getCurrent({ populate: true }).catch(() => null);
  const ownUrl = location.href.split(/[?#]/)[0] ?? '';
  const isUsable = (w: typeof window) =>
    w?.type === 'normal' && w.tabs?.some((t) => t.active && !t.url?.startsWith(ownUrl));
  if (!isUsable(window)) {
    window = await browser.windows
      .getLastFocused({ populate: true, windowTypes: ['normal'] })
      .catch(() => null);
  }
  const tab = window?.tabs?.find((t) => t.active);
  if (!window || !tab || tab.id === undefined || window.id === undefined) return null;
  return {
    tabId: tab.id,
    windowId: window.id,
    url: tab.url ?? tab.pendingUrl ?? '',
    title: tab.title ?? '',
    width: tab.width ?? null,
    height: tab.height ?? null,
  };
}

export function captureVisibleTab(windowId: number, quality: number): Promise<string> {
  return browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality });
}

export async function tabExists(tabId: number): Promise<boolean> {
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

/** Settings kept in extension storage so every context (and a restarted worker) sees them. */
export interface Settings {
  activeAuditId: string | null;
  activeJourneyId: string | null;
  locale: Locale | null;
  /** The auditor's own details, covered in every capture (set in the options page). */
  identity: Identity;
  /** Auto-capture: every completed navigation in this tab becomes a step of this journey. */
  autoCapture: { journeyId: string; tabId: number } | null;
  /** The outcome of the last capture made by the service worker, for the side panel to show. */
  notice: Notice | null;
}

const DEFAULT_SETTINGS: Settings = {
  activeAuditId: null,
  activeJourneyId: null,
  locale: null,
  identity: { name: '', email: '', phone: '' },
  autoCapture: null,
  notice: null,
};

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(Object.keys(DEFAULT_SETTINGS));
  return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
}

export async function writeSettings(changes: Partial<Settings>): Promise<void> {
  await browser.storage.local.set(changes);
}

/** Calls `listener` with fresh settings whenever another context changes them. Returns unsubscribe. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'local') void readSettings().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

export function extensionUrl(path: string): string {
  return browser.runtime.getURL(path as '/report.html');
}

export async function openExtensionPage(path: string): Promise<void> {
  await browser.tabs.create({ url: extensionUrl(path) });
}

export function browserLanguage(): string {
  return browser.i18n?.getUILanguage?.() ?? navigator.language;
}

/** Current settings now and after every change (for a live subscription). */
export function subscribeSettings(
  onValue: (settings: Settings) => void,
  onError: (e: unknown) => void,
): () => void {
  readSettings().then(onValue, onError);
  return watchSettings(onValue);
}

/**
 * Runs `func` once in the top frame of a tab (the extension's isolated world) and returns its
 * result. Only called when the auditor asks for a capture there: no content script is registered.
 * `func` must be self-contained (it is serialised into the page).
 */
export async function runInTab<Args extends unknown[], Result>(
  tabId: number,
  func: (...args: Args) => Result,
  args: Args,
): Promise<Awaited<Result>> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, func, args });
  return injection?.result as Awaited<Result>;
}

export async function openOptions(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * Runs one of the extension's own unlisted scripts (e.g. '/element-capture.js') once in the top
 * frame of a tab (isolated world) and returns what its main() returned. On demand only.
 */
export async function runFileInTab<Result>(tabId: number, file: ScriptPublicPath): Promise<Result> {
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [file] });
  return injection?.result as Result;
}
