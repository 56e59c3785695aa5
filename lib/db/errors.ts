/** Typed errors of the data layer; the UI turns each into "what happened, what to do". */
import type { StorageCause } from '../model';

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

/** A brand or a wave cannot be deleted while walks (journeys) use it. */
export class WalksInUseError extends Error {
  override readonly name = 'WalksInUseError';
  constructor(
    readonly what: 'brand' | 'wave',
    readonly label: string,
    /** How many walks use it. */
    readonly walks: number,
  ) {
    super(
      `${walks} ${walks === 1 ? 'walk uses' : 'walks use'} the ${what} "${label}": move or delete ${walks === 1 ? 'it' : 'them'} first.`,
    );
  }
}

/** Two brands of one audit cannot have the same name (compared as brandNameKey does). */
export class DuplicateNameError extends Error {
  override readonly name = 'DuplicateNameError';
  constructor(
    readonly what: 'brand',
    /** The name typed. */
    readonly label: string,
    /** The name of the brand that has it already. */
    readonly existing: string,
  ) {
    super(`The audit already has a ${what} named "${existing}": choose it or type another name.`);
  }
}

/** Why a walk cannot be scored blind (see lib/db/blind.ts). */
export class BlindWalkError extends Error {
  override readonly name = 'BlindWalkError';
  constructor(
    /**
     * of-blind: the walk is itself a blind scoring; already: this auditor scores it blind already;
     * same-auditor: this auditor walked it; no-auditor: no auditor name is set.
     */
    readonly reason: 'of-blind' | 'already' | 'same-auditor' | 'no-auditor',
    /** The auditor's name ('' for no-auditor). */
    readonly auditor: string,
  ) {
    super(
      {
        'of-blind': 'This walk is itself a blind scoring of another walk: score that walk instead.',
        already: `${auditor} already scores this walk blind: choose that walk in the walk list.`,
        'same-auditor': `${auditor} walked this walk: another auditor scores it blind.`,
        'no-auditor': 'Set your name in Options first: a blind scoring says who scored it.',
      }[reason],
    );
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

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** An error and those it wraps (Dexie's `inner`, `cause`, a bulk write's `failures`), outer first. */
function errorChain(error: unknown, depth = 0): ErrorLike[] {
  if (!error || typeof error !== 'object' || depth > 5) return [];
  const e = error as ErrorLike;
  const nested = [e.inner, e.cause, ...(Array.isArray(e.failures) ? e.failures : [])];
  return [e, ...nested.flatMap((inner) => errorChain(inner, depth + 1))];
}

const nameOf = (e: ErrorLike) => (typeof e.name === 'string' ? e.name : '');
const messageOf = (e: ErrorLike) => (typeof e.message === 'string' ? e.message : '');

/**
 * True when an error (or one it wraps: Dexie's `inner`, `cause`, a bulk write's `failures`) says
 * the browser could not write to disk: a quota or I/O error, or a transaction aborted by one.
 */
export function isStorageFailure(error: unknown): boolean {
  return errorChain(error).some(
    (e) => STORAGE_NAMES.has(nameOf(e)) || STORAGE_MESSAGES.test(messageOf(e)),
  );
}

/** What says the disk (or the browser's quota) is full, as opposed to any other failure. */
const DISK_FULL_MESSAGES =
  /FILE_ERROR_NO_SPACE|No space left|full disk|disk is full|Failed to write blobs|quota/i;
const VERSION_NAMES = new Set(['VersionError', 'UpgradeError']);
const BLOCKED_NAMES = new Set(['VersionChangeError', 'BlockedError']);
/** A cause's message is shown to the auditor: one line, not a page. */
const CAUSE_LENGTH = 300;

function causeKind(chain: ErrorLike[]): StorageCause['kind'] {
  const says = (test: (name: string, message: string) => boolean) =>
    chain.some((e) => test(nameOf(e), messageOf(e)));
  if (says((name, message) => name === 'QuotaExceededError' || DISK_FULL_MESSAGES.test(message)))
    return 'disk-full';
  if (says((name) => VERSION_NAMES.has(name))) return 'version';
  if (says((name, message) => BLOCKED_NAMES.has(name) || /\bblocked\b/i.test(message)))
    return 'blocked';
  return 'other';
}

/**
 * What the browser said when the database failed `during` an open or a write, for the storage
 * banner: the innermost error's name and message, and whether it means a full disk, a version
 * problem, a database blocked by another connection, or something else. Null without an error.
 */
export function storageCause(error: unknown, during: StorageCause['during']): StorageCause | null {
  if (error === undefined || error === null) return null;
  const chain = errorChain(error);
  const named = chain.filter((e) => nameOf(e) !== '');
  const innermost = named.at(-1);
  const name = innermost ? nameOf(innermost) : 'Error';
  const text = (innermost ? messageOf(innermost) : String(error)).replace(/\s+/g, ' ').trim();
  const message = text.length > CAUSE_LENGTH ? `${text.slice(0, CAUSE_LENGTH - 1)}…` : text;
  return { kind: causeKind(chain), during, name, message };
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
