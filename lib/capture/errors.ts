/** Why a capture or an upload did not produce a step. `reason` picks the message shown to the auditor. */
export type CaptureFailure =
  | 'no-journey'
  | 'no-tab'
  | 'restricted-page'
  | 'tab-closed'
  | 'capture-failed'
  | 'not-an-image'
  | 'unreadable-image'
  | 'file-too-large'
  | 'storage-full'
  /** The auditor cancelled a full-page capture. */
  | 'cancelled'
  /** The page navigated, resized or lost the front during a full-page capture. */
  | 'page-changed'
  | 'pick-failed'
  | 'nothing-visible';

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
