/** What every capture mode hands to the capture service: a page step's records, not yet stored. */
import type { CaptureSummary, EncodedImage, WalkedTab } from '../model';
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
  /** What was covered before anything was stored, as the auditor is told. */
  redaction: Redaction;
  /** Full page with overlays hidden (the auditor's choice): how many were on screen and hidden. */
  overlaysHidden?: number;
  /** Full page of a page whose document does not scroll: the scrolling area taken instead. */
  area?: TakenArea;
}

/** The scrolling area a full-page capture took, and what it saw there (the auditor is told). */
export type TakenArea = NonNullable<CaptureSummary['area']>;

/** What a capture covered, counted over what its images show. */
export interface Redaction {
  /** Sensitive fields covered (in every frame that was checked). */
  fields: number;
  /** Embedded frames that could not be checked and were covered whole. */
  frames: number;
  /** Embedded frames that were checked. */
  scanned: number;
}

/**
 * Counts what several views of one capture covered (the tiles of a full page), each field and
 * frame once: the same rect (top-document CSS px, rounded) seen on two tiles is one.
 */
export class RedactionTally {
  private readonly fields = new Set<string>();
  private readonly frames = new Set<string>();
  private scanned = 0;

  private static key(rect: { x: number; y: number; width: number; height: number }) {
    return [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(',');
  }

  add(
    fields: readonly { x: number; y: number; width: number; height: number }[],
    frames: readonly { x: number; y: number; width: number; height: number }[],
    scanned: number,
  ): void {
    for (const rect of fields) this.fields.add(RedactionTally.key(rect));
    for (const rect of frames) this.frames.add(RedactionTally.key(rect));
    this.scanned = Math.max(this.scanned, scanned);
  }

  result(): Redaction {
    return { fields: this.fields.size, frames: this.frames.size, scanned: this.scanned };
  }
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
