/** Typed errors of the data layer; the UI turns each into "what happened, what to do". */

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause?: unknown) {
    super('The browser refused to store more data (storage quota exceeded).', { cause });
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist (it may have been deleted).`);
  }
}

export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  constructor(what: string, details: string) {
    super(`Invalid ${what}: ${details}`);
  }
}

function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Quota failures arrive as QuotaExceededError or as an AbortError wrapping one; name them once. */
export function translateDbError(error: unknown): unknown {
  return isQuotaError(error) ? new StorageFullError(error) : error;
}

/** Why an entry of Recently deleted cannot be put back. */
export class RestoreError extends Error {
  override readonly name = 'RestoreError';
  constructor(
    /** parent-missing: its audit, journey or step is gone; already-back: its records exist again. */
    readonly reason: 'parent-missing' | 'already-back',
    readonly label: string,
    /** Which parent is missing (for parent-missing). */
    readonly parent: 'audit' | 'journey' | 'step' | null,
  ) {
    super(
      reason === 'parent-missing'
        ? `"${label}" cannot be restored: its ${parent ?? 'parent'} was deleted. Restore that first.`
        : `"${label}" is already back (restored or imported again).`,
    );
  }
}
