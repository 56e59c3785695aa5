/** Visible capture: the walked tab's visible area, redacted before anything is kept. */
import type { EncodedImage, WalkedTab } from '../model';
import { captureFailure, type CapturedPage } from './captured';
import { dataUrlToBlob } from './encode';
import type { CapturePacer } from './pacer';
import { coverRegions, type SensitiveFields } from './redact';

/** JPEG quality of captureVisibleTab: stored as is, no second lossy pass. */
export const CAPTURE_QUALITY = 85;

export interface VisibleDeps {
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  /** The browser-wide quota pacer, shared with every other capture. */
  pacer: CapturePacer;
  /** Thumbnails and hashes the captured image. */
  encode(image: Blob): Promise<EncodedImage>;
  /** Fields to cover in the tab before anything is stored (the page agent); fails closed. */
  findSensitiveFields(tabId: number): Promise<SensitiveFields>;
  now(): number;
}

/**
 * Takes the visible part of `tab`: the capture and the sensitive-field scan run at the same time
 * (both see the same moment of the page), the fields are covered in the pixels, and the image is
 * thumbnailed and hashed. Throws a CaptureError when the browser refuses or the tab is gone.
 */
export async function captureVisible(deps: VisibleDeps, tab: WalkedTab): Promise<CapturedPage> {
  const at = deps.now();
  let dataUrl: string;
  let sensitive: SensitiveFields;
  try {
    [dataUrl, sensitive] = await Promise.all([
      deps.pacer.run(() => deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY)),
      deps.findSensitiveFields(tab.tabId),
    ]);
  } catch (cause) {
    throw await captureFailure(cause, tab, deps.tabExists);
  }
  const captured = dataUrlToBlob(dataUrl);
  const origin = { x: sensitive.scrollX, y: sensitive.scrollY };
  const covered = await coverRegions(captured, sensitive.rects, origin, tab.width);
  const image = { ...(await deps.encode(covered ?? captured)), redacted: covered !== null };
  const dpr = tab.width ? Math.round((image.width / tab.width) * 100) / 100 : null;
  return {
    url: tab.url,
    title: tab.title,
    at,
    viewport: tab.width && tab.height ? { width: tab.width, height: tab.height } : null,
    devicePixelRatio: dpr,
    images: [image],
  };
}
