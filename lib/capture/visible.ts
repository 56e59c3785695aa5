/** Visible capture: the walked tab's visible area, redacted before anything is kept. */
import type { EncodedImage, WalkedTab } from '../model';
import { captureFailure, type CapturedPage } from './captured';
import { dataUrlToBlob } from './encode';
import type { TabCoverage } from './frame-tree';
import type { CapturePacer } from './pacer';
import { coverRegions } from './redact';

/** JPEG quality of captureVisibleTab: stored as is, no second lossy pass. */
export const CAPTURE_QUALITY = 85;

export interface VisibleDeps {
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  /** The browser-wide quota pacer, shared with every other capture. */
  pacer: CapturePacer;
  /** Thumbnails and hashes the captured image. */
  encode(image: Blob): Promise<EncodedImage>;
  /** What to cover in every frame of the tab before anything is stored; fails closed. */
  coverage(tabId: number): Promise<TabCoverage>;
  now(): number;
}

/**
 * Takes the visible part of `tab`: the capture and the scan of every frame for what to cover run
 * at the same time (both see the same moment of the page), fields and unchecked frames are
 * covered in the pixels, and the image is thumbnailed and hashed. Throws a CaptureError when the
 * browser refuses or the tab is gone.
 */
export async function captureVisible(deps: VisibleDeps, tab: WalkedTab): Promise<CapturedPage> {
  const at = deps.now();
  let dataUrl: string;
  let coverage: TabCoverage;
  try {
    [dataUrl, coverage] = await Promise.all([
      deps.pacer.run(() => deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY)),
      deps.coverage(tab.tabId),
    ]);
  } catch (cause) {
    throw await captureFailure(cause, tab, deps.tabExists);
  }
  const captured = dataUrlToBlob(dataUrl);
  const covered = await coverRegions(captured, coverage, coverage.scroll, tab.width);
  const image: EncodedImage = {
    ...(await deps.encode(covered?.blob ?? captured)),
    redacted: covered !== null,
    coveredFrames: covered?.coveredFrames ?? [],
  };
  const dpr = tab.width ? Math.round((image.width / tab.width) * 100) / 100 : null;
  return {
    url: tab.url,
    title: tab.title,
    at,
    viewport: tab.width && tab.height ? { width: tab.width, height: tab.height } : null,
    devicePixelRatio: dpr,
    images: [image],
    redaction: {
      fields: covered?.boxes.fields.length ?? 0,
      frames: covered?.boxes.frames.length ?? 0,
      scanned: coverage.scanned,
    },
  };
}
