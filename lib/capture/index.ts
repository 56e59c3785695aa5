/** Capture a visible tab as the next step of the active journey: tab → image → one transaction. */
import type { AuditStore } from '../db';
import type { EncodedImage, Touchpoint, WalkedTab } from '../model';
import { asCaptureError, CaptureError } from './errors';
import { dataUrlToBlob } from './encode';
import { CapturePacer } from './pacer';
import { coverRegions, type SensitiveFields } from './redact';

export * from './errors';
export * from './pacer';
export * from './redact';

/** JPEG quality of captureVisibleTab: stored as is, no second lossy pass. */
export const CAPTURE_QUALITY = 85;

export interface CaptureDeps {
  store: AuditStore;
  findTargetTab(): Promise<WalkedTab | null>;
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  encode(image: Blob): Promise<EncodedImage>;
  /** Fields to cover in the tab before anything is stored (see redact.ts); fails closed. */
  findSensitiveFields(tabId: number): Promise<SensitiveFields>;
  pacer: CapturePacer;
  now(): number;
  /** The browser's user agent, kept in each image's evidence record. */
  userAgent: string;
}

const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org'];

/** Why a URL cannot be captured, or null when it can. */
export function restrictedReason(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'This tab has no web page address.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Browser pages (${parsed.protocol}) cannot be captured. Open a web page (http or https).`;
  }
  if (STORE_HOSTS.includes(parsed.hostname)) {
    return 'The browser does not allow extensions to capture its extension store.';
  }
  return null;
}

/** Takes the visible part of the walked tab and appends it to the journey as a page step. */
export async function captureVisibleStep(
  deps: CaptureDeps,
  journeyId: string | null,
  /** A note saved with the step in the same transaction (e.g. text selected for the menu). */
  note = '',
): Promise<Touchpoint> {
  if (!journeyId) throw new CaptureError('no-journey', 'Choose or create a journey first.');
  const tab = await deps.findTargetTab();
  if (!tab) throw new CaptureError('no-tab', 'No browser tab to capture. Open the page you audit.');
  const refused = restrictedReason(tab.url);
  if (refused) throw new CaptureError('restricted-page', refused);
  const at = deps.now();
  let dataUrl: string;
  let sensitive: SensitiveFields;
  try {
    // The field scan runs while the browser captures: both see the same moment of the page.
    [dataUrl, sensitive] = await Promise.all([
      deps.pacer.run(() => deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY)),
      deps.findSensitiveFields(tab.tabId),
    ]);
  } catch (cause) {
    if (!(await deps.tabExists(tab.tabId))) {
      throw new CaptureError('tab-closed', 'The tab was closed before it could be captured.', {
        cause,
      });
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new CaptureError(
      'capture-failed',
      `The browser refused to capture this page (${message}). Reload it and try again.`,
      { cause, params: { message } },
    );
  }
  const captured = dataUrlToBlob(dataUrl);
  const origin = { x: sensitive.scrollX, y: sensitive.scrollY };
  const covered = await coverRegions(captured, sensitive.rects, origin, tab.width);
  const image = { ...(await deps.encode(covered ?? captured)), redacted: covered !== null };
  const dpr = tab.width ? Math.round((image.width / tab.width) * 100) / 100 : null;
  try {
    return await deps.store.addStep({
      journeyId,
      kind: 'page',
      url: tab.url,
      title: tab.title,
      at,
      viewport: tab.width && tab.height ? { width: tab.width, height: tab.height } : null,
      devicePixelRatio: dpr,
      images: [image],
      userAgent: deps.userAgent,
      note,
    });
  } catch (error) {
    throw asCaptureError(error);
  }
}
