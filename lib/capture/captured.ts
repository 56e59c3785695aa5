/** What every capture mode hands to the capture service: a page step's records, not yet stored. */
import type { EncodedImage, WalkedTab } from '../model';
import { CaptureError } from './errors';

/** A captured page: its evidence and its images (encoded, redacted, hashed), ready to store. */
export interface CapturedPage {
  url: string;
  title: string;
  /** When the capture started. */
  at: number;
  /** The tab's size in CSS px, when known. */
  viewport: { width: number; height: number } | null;
  devicePixelRatio: number | null;
  /** One image, or the parts of a page taller than one image can be. */
  images: EncodedImage[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Why the browser did not give a capture: the tab was closed, or the browser refused (with its
 * message). One classification for every capture mode.
 */
export async function captureFailure(
  cause: unknown,
  tab: WalkedTab,
  tabExists: (tabId: number) => Promise<boolean>,
  what = 'The browser refused to capture this page',
): Promise<CaptureError> {
  if (cause instanceof CaptureError) return cause;
  if (!(await tabExists(tab.tabId).catch(() => false))) {
    return new CaptureError('tab-closed', 'The tab was closed before it could be captured.', {
      cause,
    });
  }
  const message = messageOf(cause);
  return new CaptureError('capture-failed', `${what} (${message}). Reload it and try again.`, {
    cause,
    params: { message },
  });
}
