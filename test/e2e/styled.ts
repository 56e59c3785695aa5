/** Shared by the element-fidelity e2e spec and the element benchmark: styled lab pages. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Waits until the page shows its final look: every declared font face loaded (`fonts.ready` alone
 * resolves before layout has asked for a face, and `font-display: block` text is invisible until
 * then), every image decoded and painted, and the linked stylesheets applied.
 */
export async function pageReady(site: Page) {
  await site.waitForLoadState('load');
  await site.evaluate(async () => {
    const faces: FontFace[] = [];
    document.fonts.forEach((face) => faces.push(face));
    await Promise.all(faces.map((face) => face.load().catch(() => undefined)));
    await document.fonts.ready;
    await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
    // …and painted: a font that just loaded shows from the next frame on.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
  // The framework's card rule applies (the stylesheet from the other origin too).
  await expect
    .poll(() => site.evaluate(() => getComputedStyle(document.body).backgroundColor))
    .not.toBe('rgba(0, 0, 0, 0)');
}

/**
 * Renders `selector` of the walked tab the way the extension does (the element marked as picked,
 * element-capture.js injected into the isolated world), driven from an extension page without the
 * panel. Returns the PNG, html2canvas-pro's own render time (measured in the page) and the whole
 * round trip.
 */
export async function renderShipped(extensionPage: Page, selector: string) {
  return extensionPage.evaluate(async (selector) => {
    type Api = {
      windows: { getLastFocused(o: object): Promise<{ id: number }> };
      tabs: { query(o: object): Promise<{ id: number }[]> };
      scripting: { executeScript(o: object): Promise<{ result: unknown }[]> };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const win = await api.windows.getLastFocused({ windowTypes: ['normal'] });
    const [tab] = await api.tabs.query({ active: true, windowId: win.id });
    const target = { tabId: tab!.id };
    await api.scripting.executeScript({
      target,
      func: (s: string) => {
        (globalThis as Record<string, unknown>).__touchpointAuditPicked = document.querySelector(s);
      },
      args: [selector],
    });
    const start = performance.now();
    const [injection] = await api.scripting.executeScript({
      target,
      files: ['/element-capture.js'],
    });
    const roundTrip = performance.now() - start;
    const result = injection?.result as
      | { ok: true; renderMs: number; dataUrl: string }
      | { ok: false; message: string };
    if (!result.ok) throw new Error(`render failed: ${result.message}`);
    return { dataUrl: result.dataUrl, renderMs: result.renderMs, roundTrip };
  }, selector);
}
