/** Wires element and region capture (lib/capture/element.ts) to the browser for the side panel. */
import { runFileInTab, runInTab } from '../browser';
import type { CaptureDeps } from '../capture';
import type { ElementCaptureDeps } from '../capture/element';
import { encodeSelection } from '../capture/encode';
import {
  cancelPicker,
  pickInPage,
  restoreScroll,
  revealRect,
  type DomRender,
} from '../capture/picker';

/** The unlisted script (entrypoints/element-capture.ts) that renders the picked element. */
const RENDER_SCRIPT = '/element-capture.js';

export interface ElementCaptureServices {
  deps: ElementCaptureDeps;
  /** Closes the picker in the tab where it is open (Esc from the panel); false if none is. */
  cancel(): Promise<boolean>;
}

/**
 * Element capture shares the visible capture's store, pacer (one quota per browser) and
 * automatic redaction (its sensitive-field scan), so all capture kinds obey the same rules.
 */
export function elementCaptureServices(capture: CaptureDeps): ElementCaptureServices {
  let pickingTab: number | null = null;
  const deps: ElementCaptureDeps = {
    store: capture.store,
    pacer: capture.pacer,
    findTargetTab: capture.findTargetTab,
    tabExists: capture.tabExists,
    captureVisibleTab: capture.captureVisibleTab,
    pick: async (tabId, mode, text) => {
      pickingTab = tabId;
      try {
        const outcome = await runInTab(tabId, pickInPage, [mode, text]);
        // No result at all: the page was left or reloaded while the auditor was choosing.
        if (!outcome) throw new Error('the page was left or reloaded while choosing');
        return 'cancelled' in outcome ? null : outcome;
      } finally {
        pickingTab = null;
      }
    },
    renderElement: (tabId) => runFileInTab<DomRender>(tabId, RENDER_SCRIPT),
    revealRect: (tabId, rect) => runInTab(tabId, revealRect, [rect]),
    restoreScroll: (tabId, position) => runInTab(tabId, restoreScroll, [position]),
    encode: (source, crop, cover, frame) => encodeSelection(source, crop, cover, frame),
    sensitiveRects: async (tabId) => (await capture.findSensitiveFields(tabId)).rects,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: capture.now,
    userAgent: capture.userAgent,
  };
  return {
    deps,
    cancel: async () => (pickingTab === null ? false : runInTab(pickingTab, cancelPicker, [])),
  };
}
