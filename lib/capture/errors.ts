import { StorageFullError } from '../db/errors';

/** Why a capture or an upload did not produce a step. `reason` picks the message shown to the auditor. */
export const CAPTURE_FAILURES = [
  'no-journey',
  'no-tab',
  'restricted-page',
  'tab-closed',
  'capture-failed',
  /** The audit asks for a caption band and it could not be drawn (nothing is stored without it). */
  'caption-failed',
  'not-an-image',
  'unreadable-image',
  'file-too-large',
  /** An image larger than a browser can decode and draw. */
  'image-too-large',
  'storage-full',
  /** The auditor cancelled a full-page capture. */
  'cancelled',
  /** The page navigated, resized or lost the front during a full-page capture. */
  'page-changed',
  'pick-failed',
  'nothing-visible',
] as const;
export type CaptureFailure = (typeof CAPTURE_FAILURES)[number];

export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  /** Values for the translated message (file name, sizes, browser message). */
  readonly params: Record<string, string | number>;
  constructor(
    readonly reason: CaptureFailure,
    detail: string,
    options?: { cause?: unknown; params?: Record<string, string | number> },
  ) {
    super(detail, options);
    this.params = options?.params ?? {};
  }
}

/** A full disk while saving a capture becomes the capture's own message; other errors pass. */
export function asCaptureError(error: unknown): unknown {
  return error instanceof StorageFullError
    ? new CaptureError('storage-full', error.message, {
        cause: error,
        params: storageParams(error),
      })
    : error;
}

/** The figures a full-disk message shows: free and needed space in MB ('?' when unknown). */
export function storageParams(error: StorageFullError): Record<string, string | number> {
  const mb = (n: number) => Math.floor(n / 1048576);
  return {
    free: error.freeBytes === null ? '?' : mb(error.freeBytes),
    needed: Math.ceil(error.neededBytes / 1048576),
  };
}
