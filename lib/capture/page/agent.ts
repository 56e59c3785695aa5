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

/** Prefix of the name of the runtime Port a full-page capture holds open to its page. */
export const FULL_PAGE_LINK = 'touchpoint-full-page:';

/** How the agent hears from the extension (lib/browser in the injected script; absent in tests). */
export interface AgentLink {
  /** Calls `onLost(token)` when the Port named FULL_PAGE_LINK + token disconnects. */
  onLinkLost(prefix: string, onLost: (token: string) => void): void;
  /** Tells the extension the page gave itself back after a cut-off capture (wakes the worker). */
  announceRestored(token: string): void;
  /** Carries a click report to the service worker (click capture, ./clicks.ts). */
  sendClick?(report: ClickReport): void;
}

export function createPageAgent(link?: AgentLink) {
  // Listens for its parent frame's link message from the moment the agent is installed.
  const frames = createFrameScanner();
  if (link) {
    // A full-page capture whose context stopped (the worker, the panel) gives the page back.
    fullPage.whenAbandoned((token) => link.announceRestored(token));
    link.onLinkLost(FULL_PAGE_LINK, (token) => fullPage.abandon(token));
  }
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
    watchClicks: clickWatcher((report) => link?.sendClick?.(report)),
  };
}

export type PageAgent = ReturnType<typeof createPageAgent>;
export type PageAgentMethod = keyof PageAgent;
