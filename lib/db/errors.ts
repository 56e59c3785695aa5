/** Typed errors of the data layer; the UI turns each into "what happened, what to do". */

/** Why a write or an open was refused: the disk is (nearly) full, or a storage error happened. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(
    readonly freeBytes: number | null,
    readonly neededBytes: number,
    cause?: unknown,
  ) {
    super(
      `The disk is full${freeBytes === null ? '' : ` (${Math.floor(freeBytes / 1048576)} MB free)`}: nothing more is written until at least ${Math.ceil(neededBytes / 1048576)} MB are free. Saved work is safe.`,
      { cause },
    );
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist (it may have been deleted).`);
  }
}

/** A method entry cannot be removed while steps use it. */
export class InUseError extends Error {
  override readonly name = 'InUseError';
  constructor(
    readonly what: 'stage',
    readonly label: string,
    /** The first step (position) that uses it. */
    readonly seq: number,
  ) {
    super(`The ${what} "${label}" is used by step ${seq}; move those steps first.`);
  }
}

export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  constructor(what: string, details: string) {
    super(`Invalid ${what}: ${details}`);
  }
}

/** Error names and messages that mean the browser could not write to its storage. */
const STORAGE_NAMES = new Set(['QuotaExceededError', 'AbortError', 'UnknownError']);
const STORAGE_MESSAGES =
  /Failed to write blobs|FILE_ERROR_NO_SPACE|IO error|full disk|backing store|No space left/i;

/**
 * True when an error (or one it wraps: Dexie's `inner`, `cause`, a bulk write's `failures`) says
 * the browser could not write to disk: a quota or I/O error, or a transaction aborted by one.
 */
export function isStorageFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    failures?: unknown;
  };
  if (typeof e.name === 'string' && STORAGE_NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && STORAGE_MESSAGES.test(e.message)) return true;
  const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
  return nested.some((inner) => isStorageFailure(inner, depth + 1));
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
