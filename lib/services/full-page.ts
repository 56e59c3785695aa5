/** Wires full-page capture (lib/capture/full-page.ts) to the browser, for any extension context. */
import { runInTab } from '../browser';
import type { CaptureDeps } from '../capture';
import { offscreenStitcher, type FullPageDeps } from '../capture/full-page';

/**
 * Full-page capture shares the visible capture's store, pacer (one quota per browser) and
 * automatic redaction (its sensitive-field scan, in document pixels).
 */
export function fullPageServices(capture: CaptureDeps): FullPageDeps {
  return {
    store: capture.store,
    pacer: capture.pacer,
    findTargetTab: capture.findTargetTab,
    captureVisibleTab: capture.captureVisibleTab,
    tabExists: capture.tabExists,
    runInTab,
    stitcher: offscreenStitcher,
    sensitiveRects: async (tabId) => (await capture.findSensitiveFields(tabId)).rects,
    now: capture.now,
    userAgent: capture.userAgent,
  };
}
