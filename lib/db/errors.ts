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
