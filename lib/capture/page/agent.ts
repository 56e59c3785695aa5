/**
 * The page agent: everything the extension runs in a walked tab, as one bundled script injected
 * on demand (entrypoints/page-agent.ts) — only when the auditor captures there, never registered.
 * The extension calls its methods by name (lib/browser callPageAgent) and parses every reply
 * (lib/services/page.ts): the page is not trusted.
 */
import * as fullPage from './full-page';
import { cancelPicker, pickInPage, restoreScroll, revealRect } from '../picker';
import { findSensitiveFields } from './sensitive';

/** The isolated-world global that holds the agent in a tab, and the script that installs it. */
export const PAGE_AGENT_KEY = '__touchpointAuditAgent';
export const PAGE_AGENT_FILE = '/page-agent.js';

export function createPageAgent() {
  return {
    findSensitiveFields,
    prepareFullPage: fullPage.prepare,
    scrollAndScan: fullPage.scrollAndScan,
    showTile: fullPage.showTile,
    loadLazyContent: fullPage.loadLazyContent,
    restoreFullPage: fullPage.restore,
    pick: pickInPage,
    cancelPick: cancelPicker,
    revealRect,
    restoreScroll,
  };
}

export type PageAgent = ReturnType<typeof createPageAgent>;
export type PageAgentMethod = keyof PageAgent;
