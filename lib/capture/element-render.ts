/**
 * Runs IN THE PAGE (bundled into the on-demand script entrypoints/element-capture.ts, isolated
 * world): renders the element the picker chose with html2canvas-pro, the maintained fork of
 * html2canvas that understands oklch()/oklab()/color-mix() colours.
 */
import html2canvas from 'html2canvas-pro';
import {
  DOM_RENDER_MAX_SIDE,
  DOM_RENDER_TIMEOUT_MS,
  PICKED_ELEMENT_KEY,
  type DomRender,
} from './picker';

const TRANSPARENT = /^(transparent|rgba\(0, 0, 0, 0\)|.*\/ 0\))$/;

/** The colour seen behind `element`: the first opaque-ish ancestor background, else white. */
function backdropOf(element: HTMLElement): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !TRANSPARENT.test(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * html2canvas-pro polls its cloned document every 50 ms (iframeLoader), although the clone is
 * complete at the first tick; polling every 4 ms saves about 50 ms per render. Only this isolated
 * world's own setInterval is wrapped (the page's is untouched), and only during the render.
 */
async function withQuickPolling<T>(run: () => Promise<T>): Promise<T> {
  const scope = globalThis as { setInterval: typeof setInterval };
  const original = scope.setInterval;
  scope.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
    original(handler, ms === 50 ? 4 : ms, ...args)) as typeof setInterval;
  try {
    return await run();
  } finally {
    scope.setInterval = original;
  }
}

/**
 * Takes the picked element (and forgets it) and renders it at the device pixel ratio. Never
 * throws: a failure or a render longer than DOM_RENDER_TIMEOUT_MS (aborted, its hidden clone
 * removed) comes back as `{ ok: false }` so the extension can crop a native capture instead.
 */
export async function renderPickedElement(timeoutMs = DOM_RENDER_TIMEOUT_MS): Promise<DomRender> {
  const scope = globalThis as unknown as Record<string, unknown>;
  const element = scope[PICKED_ELEMENT_KEY];
  delete scope[PICKED_ELEMENT_KEY];
  if (!(element instanceof HTMLElement) || !element.isConnected) {
    return { ok: false, reason: 'gone', message: 'The element left the page before rendering.' };
  }
  const box = element.getBoundingClientRect();
  const scale = devicePixelRatio || 1;
  if (Math.max(box.width, box.height) * scale > DOM_RENDER_MAX_SIDE) {
    return { ok: false, reason: 'too-large', message: 'The element is too large to render.' };
  }
  const rect = {
    x: box.left + scrollX,
    y: box.top + scrollY,
    width: box.width,
    height: box.height,
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const start = performance.now();
  try {
    const canvas = await withQuickPolling(() =>
      html2canvas(element, {
        scale,
        backgroundColor: backdropOf(element),
        logging: false,
        // Only what the page already shows: no proxy, no CORS re-fetch, no tainted canvas.
        useCORS: false,
        allowTaint: false,
        imageTimeout: Math.min(2000, timeoutMs),
        signal: controller.signal,
      }),
    );
    const renderMs = performance.now() - start;
    // Throws (SecurityError) if a cross-origin image slipped in: the caller falls back.
    const dataUrl = canvas.toDataURL('image/png');
    return { ok: true, dataUrl, width: canvas.width, height: canvas.height, rect, renderMs };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'error', message };
  } finally {
    clearTimeout(timer);
  }
}
