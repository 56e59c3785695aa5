/** Thin adapters over extension APIs: the only code that touches `browser.*`. */
import { browser } from 'wxt/browser';
import type { ScriptPublicPath } from 'wxt/utils/inject-script';
import { logError } from '../log';
import type { Notice, WalkedTab } from '../model';
import {
  RunningCaptureSchema,
  SETTING_KEYS,
  SettingsSchema,
  type RunningCapture,
  type Settings,
} from '../model/settings';

export type { Notice, Settings };

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

export async function readSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(SETTING_KEYS);
  // Each key's .catch() turns a missing or malformed value into its default.
  return SettingsSchema.parse(stored);
}

export async function writeSettings(changes: Partial<Settings>): Promise<void> {
  await browser.storage.local.set(changes);
}

/** Calls `listener` with fresh settings whenever another context changes them. Returns unsubscribe. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'local')
      readSettings().then(listener, (error: unknown) => logError('settings read', error));
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

export async function openOptions(): Promise<void> {
  await browser.runtime.openOptionsPage();
}

/**
 * Whether this build carries the accessibility check (entrypoints/page-a11y.ts): Chromium only,
 * since axe-core's Function constructor is refused by Firefox add-on linting.
 */
export const ACCESSIBILITY_CHECK = import.meta.env.BROWSER !== 'firefox';

/**
 * Runs one of the extension's own unlisted scripts (e.g. '/element-capture.js') once in one frame
 * of a tab (0: the top document; isolated world) and returns what its main() returned. On demand only.
 */
export async function runFileInTab<Result>(
  tabId: number,
  file: ScriptPublicPath,
  frameId = 0,
): Promise<Result> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    files: [file],
  });
  return injection?.result as Result;
}

/**
 * Runs a self-contained function once in the top document of a tab, in the page's own (main)
 * world rather than the extension's isolated one: only for auto-capture's request counter
 * (lib/capture/page/settle.ts), in the tab auto-capture follows. Returns its result.
 */
export async function runInPageWorld<Args extends unknown[], Result>(
  tabId: number,
  func: (...args: Args) => Result,
  args: Args,
): Promise<Result> {
  const [injection] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    world: 'MAIN',
    func,
    args,
  } as unknown as Parameters<typeof browser.scripting.executeScript>[0]);
  return injection?.result as Result;
}

/**
 * Saves a file through a download link (needs no downloads permission). The object URL lives a
 * minute: long enough for the browser to start writing even a large bundle.
 */
export function saveFile(name: string, content: Blob | string, type = 'application/octet-stream') {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface StorageStatus {
  /** Bytes this extension stores, and what the browser says it may use (with unlimitedStorage: about the free disk space plus that). */
  usage: number;
  quota: number;
  /** True when the browser will not clear the data under storage pressure. */
  persisted: boolean;
}

export async function storageStatus(): Promise<StorageStatus> {
  const [estimate, persisted] = await Promise.all([
    navigator.storage.estimate(),
    navigator.storage.persisted(),
  ]);
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}

/** Asks the browser to keep this extension's data even under storage pressure. */
export function requestPersistence(): Promise<boolean> {
  return navigator.storage.persist();
}

/**
 * What the database's storage guard asks the browser: the free space (with unlimitedStorage,
 * quota − usage is the free disk space) and whether the database log was renewed in this browser
 * session (kept in storage.session, which lives in memory and so works on a full disk).
 */
export function storageProbe() {
  const session = (
    browser.storage as unknown as {
      session?: {
        get(key: string): Promise<Record<string, unknown>>;
        set(items: Record<string, unknown>): Promise<void>;
      };
    }
  ).session;
  const KEY = 'logRenewed';
  return {
    async freeBytes(): Promise<number | null> {
      const { quota, usage } = await navigator.storage.estimate();
      return quota === undefined || usage === undefined ? null : Math.max(0, quota - usage);
    },
    // Without storage.session (Firefox before 115) there is no LevelDB log to renew either.
    async needsLogRenewal(): Promise<boolean> {
      return session ? (await session.get(KEY))[KEY] !== true : false;
    },
    async setNeedsLogRenewal(value: boolean): Promise<void> {
      await session?.set({ [KEY]: !value });
    },
  };
}

type Injection = { frameId: number; result?: unknown };

/** The function run in a frame to call its agent (self-contained: it is serialised into the page). */
const callAgent = (key: string, name: string, values: unknown[]) => {
  const found = (globalThis as unknown as Record<string, unknown>)[key] as
    | Record<string, (...a: unknown[]) => unknown>
    | undefined;
  return found ? found[name]!(...values) : { __noPageAgent: true };
};

const lacksAgent = (result: unknown) =>
  Boolean(result && typeof result === 'object' && '__noPageAgent' in result);

/**
 * Calls a method of the extension's page agent in one frame of a tab (0: the top document),
 * injecting the agent's script first when the frame does not have it yet (a new page). Only when
 * the auditor captures there. The reply is the page's: the caller parses it.
 */
export async function callPageAgent(
  tabId: number,
  agent: { key: string; file: string },
  method: string,
  args: unknown[],
  frameId = 0,
): Promise<unknown> {
  const target = { tabId, frameIds: [frameId] };
  const call = async () => {
    const [injection] = await browser.scripting.executeScript({
      target,
      func: callAgent,
      args: [agent.key, method, args],
    });
    return injection?.result;
  };
  const first = await call();
  if (!lacksAgent(first)) return first;
  await browser.scripting.executeScript({ target, files: [agent.file as ScriptPublicPath] });
  return call();
}

/** One frame's reply to a call made in every frame (the page's: the caller parses it). */
export interface FrameAnswer {
  frameId: number;
  result: unknown;
}

/**
 * Calls a method of the page agent in every frame of a tab that scripts can run in (same- and
 * cross-origin, nested, sandboxed, about:blank), injecting the agent where it is missing — and
 * then calling it in every frame again, so that all frames run the method together (a frame scan
 * needs its parent's message). Frames that cannot be scripted (an error page, another
 * extension's) or that went away meanwhile give no answer; the caller treats them as unchecked.
 * `injected` says whether any frame got the agent just now.
 */
export async function callPageAgentInFrames(
  tabId: number,
  agent: { key: string; file: string },
  method: string,
  args: unknown[],
): Promise<{ answers: FrameAnswer[]; injected: boolean }> {
  const run = async (
    target: { tabId: number; allFrames: true } | { tabId: number; frameIds: number[] },
  ) =>
    (await browser.scripting.executeScript({
      target,
      func: callAgent,
      args: [agent.key, method, args],
    })) as Injection[];
  const first = await run({ tabId, allFrames: true });
  const missing = first.filter((answer) => lacksAgent(answer.result)).map((a) => a.frameId);
  const answered = (list: Injection[]) =>
    list
      .filter((answer) => !lacksAgent(answer.result))
      .map(({ frameId, result }) => ({ frameId, result }));
  if (!missing.length) return { answers: answered(first), injected: false };
  const files = [agent.file as ScriptPublicPath];
  if (missing.length === first.length) {
    // A page captured for the first time: every frame at once.
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files });
  } else {
    // One frame at a time: a frame that went away meanwhile fails alone.
    await Promise.allSettled(
      missing.map((frameId) =>
        browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files }),
      ),
    );
  }
  return { answers: answered(await run({ tabId, allFrames: true })), injected: true };
}

/**
 * A lock every context of the extension respects (Web Locks: the side panel, the service worker,
 * the report page): `work` runs while holding it. Without Web Locks, it just runs.
 */
export function webLock(name: string) {
  return <T>(work: () => Promise<T>): Promise<T> => {
    const locks = (navigator as { locks?: LockManager }).locks;
    return locks ? (locks.request(name, work) as Promise<T>) : work();
  };
}

// ---------------------------------------------------------------------------------------------
// The service worker's events (entrypoints/background.ts wires them to lib/services/background).

/** A browser tab as the worker's events report it. */
export interface EventTab {
  id?: number;
  windowId?: number;
  url?: string;
  title?: string;
  width?: number;
  height?: number;
  active?: boolean;
  status?: string;
}

/**
 * The toolbar button opens the side panel (Chromium) or toggles the sidebar (Firefox). Chromium's
 * behaviour is set first thing on every worker start; `onClicked` only fires while it is not set
 * yet, so a click in that moment still opens the panel.
 */
export function openPanelFromToolbar(): void {
  const sidePanel = (
    browser as unknown as {
      sidePanel?: {
        setPanelBehavior(o: object): Promise<void>;
        open(o: { windowId: number }): Promise<void>;
      };
    }
  ).sidePanel;
  const action =
    browser.action ??
    (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (sidePanel) {
    void sidePanel
      .setPanelBehavior({ openPanelOnActionClick: true })
      .catch((error: unknown) => logError('side panel behaviour', error));
    action?.onClicked.addListener((tab) => {
      if (tab.windowId !== undefined)
        sidePanel
          .open({ windowId: tab.windowId })
          .catch((error: unknown) => logError('side panel open', error));
    });
  } else {
    const sidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } })
      .sidebarAction;
    action?.onClicked.addListener(
      () => void sidebar?.toggle().catch((error: unknown) => logError('sidebar toggle', error)),
    );
  }
}

/** Adds the page context-menu entry (once, at install) and calls `onClick` when it is chosen. */
export function addContextMenu(
  id: string,
  onClick: (info: { menuItemId: string | number; selectionText?: string }, tab?: EventTab) => void,
): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id,
      title: browser.i18n.getMessage('menuCapture') || 'Capture as touchpoint',
      contexts: ['page', 'frame', 'selection', 'link', 'image'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => onClick(info, tab));
}

/** Calls `onCommand` for each keyboard shortcut of the extension. */
export function onShortcut(onCommand: (command: string, tab?: EventTab) => void): void {
  browser.commands.onCommand.addListener((command, tab) => onCommand(command, tab));
}

/** Sends a message to the extension's service worker (from the page agent: click capture). */
export function sendToExtension(message: unknown): Promise<unknown> {
  return browser.runtime.sendMessage(message);
}

/** Calls `onMessage` for each message a page agent sends, with the tab it came from. */
export function onPageMessage(onMessage: (message: unknown, tab?: EventTab) => void): void {
  browser.runtime.onMessage.addListener((message, sender) => {
    // Only the extension's own scripts can send (no externally_connectable); the tab is the page's.
    if (sender.tab) onMessage(message, sender.tab);
  });
}

/** Calls `onLoaded` when a tab finished loading a page. */
export function onTabLoaded(onLoaded: (tabId: number) => void): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') onLoaded(tabId);
  });
}

export function getTab(tabId: number): Promise<EventTab | null> {
  return browser.tabs.get(tabId).catch(() => null);
}

// ---------------------------------------------------------------------------------------------
// A full-page capture's link to its page, and the worker's mark of a capture in progress.

/**
 * Holds a runtime Port open to the top document of `tabId` (where the page agent listens) while a
 * full-page capture runs there: when the context holding it stops (the worker, the panel), the
 * page hears the Port drop and gives itself back. Returns the function that closes it.
 */
export function linkToTab(tabId: number, name: string): () => void {
  try {
    const port = browser.tabs.connect(tabId, { name, frameId: 0 });
    // A page that cannot be reached closes the Port at once; the capture goes on regardless.
    port.onDisconnect.addListener(() => void browser.runtime.lastError);
    return () => port.disconnect();
  } catch {
    return () => undefined;
  }
}

/** In the page: calls `onLost(rest of the name)` when a Port named `prefix…` disconnects. */
export function onPortLost(prefix: string, onLost: (rest: string) => void): void {
  browser.runtime.onConnect.addListener((port) => {
    if (!port.name.startsWith(prefix)) return;
    port.onDisconnect.addListener(() => onLost(port.name.slice(prefix.length)));
  });
}

/** In the page: a message to the extension (it wakes a stopped worker); no one listening is fine. */
export function announceToExtension(message: { kind: string; token: string }): void {
  browser.runtime.sendMessage(message).catch(() => undefined);
}

/** In the worker: `listener` hears the page agent's announcements (and wakes the worker for them). */
export function onAnnouncement(listener: (message: unknown) => void): void {
  browser.runtime.onMessage.addListener((message: unknown) => {
    listener(message);
    return undefined;
  });
}

const RUNNING_KEY = 'fullPageRunning';

/** The worker's mark of the full-page capture it is making, in the browser session's storage. */
export const runningCapture = {
  async set(mark: RunningCapture): Promise<void> {
    await browser.storage.session.set({ [RUNNING_KEY]: mark });
  },
  async clear(): Promise<void> {
    await browser.storage.session.remove(RUNNING_KEY);
  },
  /** The mark left by a worker that stopped mid-capture (removed as it is read), or null. */
  async take(): Promise<RunningCapture | null> {
    const stored = await browser.storage.session.get(RUNNING_KEY);
    if (!(RUNNING_KEY in stored)) return null;
    await browser.storage.session.remove(RUNNING_KEY);
    const mark = RunningCaptureSchema.safeParse(stored[RUNNING_KEY]);
    return mark.success ? mark.data : null;
  },
};
