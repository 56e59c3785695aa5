/**
 * Injected on demand only (scripting.executeScript with files, never registered), into a tab the
 * auditor captures: installs the page agent in the extension's isolated world of that tab, once.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { announceToExtension, onPortLost, sendToExtension } from '../lib/browser';
import { createPageAgent, PAGE_AGENT_KEY } from '../lib/capture/page/agent';

export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as Record<string, unknown>;
  scope[PAGE_AGENT_KEY] ??= createPageAgent({
    onLinkLost: onPortLost,
    announceRestored: (token) => announceToExtension({ kind: 'full-page-restored', token }),
    sendClick: (report) => void sendToExtension(report).catch(() => undefined),
  });
  return true;
});
