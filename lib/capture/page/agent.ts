/**
 * The page agent: everything the extension runs in a walked tab, as one bundled script injected
 * on demand (entrypoints/page-agent.ts) — only when the auditor captures there, never registered.
 * The extension calls its methods by name (lib/browser callPageAgent) and parses every reply
 * (lib/services/page.ts): the page is not trusted.
 */
import * as fullPage from './full-page';
import {
  cancelPicker,
  pickInPage,
  restoreScroll,
  revealRect,
  type PickerText,
  type PickMode,
} from '../picker';
import { createFrameScanner } from './sensitive';
import { waitSettled } from './settle';
import { clickWatcher, type ClickReport } from './clicks';

/** The isolated-world global that holds the agent in a tab, and the script that installs it. */
export const PAGE_AGENT_KEY = '__touchpointAuditAgent';
export const PAGE_AGENT_FILE = '/page-agent.js';

/**
 * Builds the agent; `send` carries a message to the extension's service worker (click capture),
 * given by the entrypoint (lib/browser), since lib/capture touches no browser API.
 */
export function createPageAgent(send: (report: ClickReport) => void = () => {}) {
  // Listens for its parent frame's link message from the moment the agent is installed.
  const frames = createFrameScanner();
  return {
    scanFrame: frames.scanFrame,
    prepareFullPage: fullPage.prepare,
    scrollAndScan: fullPage.scrollAndScan,
    showTile: fullPage.showTile,
    loadLazyContent: fullPage.loadLazyContent,
    restoreFullPage: fullPage.restore,
    /** The picker, with holes over the child frames (`slots` linked for `token`) that have their own. */
    pick: (mode: PickMode, text: PickerText, token: string, slots: number[]) =>
      pickInPage(mode, text, frames.framesAt(token, slots)),
    cancelPick: cancelPicker,
    revealRect,
    restoreScroll,
    /** Resolves once the page has settled (auto-capture), or at the bound (see ./settle.ts). */
    waitSettled,
    /** Click capture on or off in this document (see ./clicks.ts); whether it is on. */
    watchClicks: clickWatcher(send),
  };
}

export type PageAgent = ReturnType<typeof createPageAgent>;
export type PageAgentMethod = keyof PageAgent;
