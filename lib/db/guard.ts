/**
 * A full disk must never cost saved work. What we found (Chromium 156, LevelDB-backed IndexedDB):
 * a write that hits a full disk leaves half a record at the end of the database's log. Chromium
 * reopens such a log and keeps appending to it (LevelDB `reuse_logs`, google/leveldb#1287); once
 * anything follows the half record, the next open from disk reports corruption and Chromium
 * deletes the whole database. Every open appends to the log, and so does every write.
 *
 * So the store:
 * 1. checks the free space before every write and before opening, and refuses (with a message)
 *    instead of letting the browser run into the full disk;
 * 2. after a storage error, stops: it closes its connection and neither writes nor reopens until
 *    the auditor says space was freed and the free space is there;
 * 3. renews the log before first use in each browser session and after a storage error: writing
 *    a few MB of scratch data makes LevelDB start a new log and compact the old one away, so a log
 *    damaged by a full disk is never appended to again.
 */
import type { StorageState } from '../model';
import { storageCause, StorageFullError } from './errors';
import type { AuditDatabase } from './schema';

const MB = 1024 * 1024;
/** Free space always left to the browser and the system after a write. */
export const WRITE_MARGIN = 50 * MB;
/** A write needs this many times its size (the log, the table files and compaction). */
export const WRITE_FACTOR = 3;
/** Scratch data that makes LevelDB start a new log (its write buffer is 1–4 MB). */
export const RENEWAL_BYTES = 6 * MB;
/** Free space needed to open the database and renew its log. */
export const OPEN_MARGIN = RENEWAL_BYTES + 10 * MB;
/** A free-space reading stays good this long when there was plenty of room. */
const PROBE_CACHE_MS = 5_000;
const PLENTY = 2 * 1024 * MB;

/** What the store needs to know about the browser's storage (lib/browser provides it). */
export interface StorageProbe {
  /** Bytes this extension can still write (quota − usage; with unlimitedStorage: free disk). */
  freeBytes(): Promise<number | null>;
  /** True at the first use in a browser session and after a storage error (kept in memory). */
  needsLogRenewal(): Promise<boolean>;
  setNeedsLogRenewal(value: boolean): Promise<void>;
}

/** Owns the connection's life: open, refuse, stop and go on again (see the file comment). */
export class StorageGuard {
  private current: StorageState = { kind: 'closed' };
  private readonly listeners = new Set<(state: StorageState) => void>();
  private lastProbe: { at: number; free: number | null } | null = null;
  private opening: Promise<StorageState> | null = null;
  private closing = false;

  constructor(
    private readonly db: AuditDatabase,
    private readonly probe: StorageProbe,
    private readonly now: () => number = Date.now,
  ) {
    // Chromium closes every connection of a backing store that failed: stop, do not reopen.
    db.on('close', () => {
      if (!this.closing && this.current.kind === 'ready') void this.halt('failed', null);
    });
  }

  get state(): StorageState {
    return this.current;
  }

  subscribe(listener: (state: StorageState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  private set(state: StorageState) {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  private async free(fresh = false): Promise<number | null> {
    const last = this.lastProbe;
    if (!fresh && last && this.now() - last.at < PROBE_CACHE_MS && (last.free ?? PLENTY) >= PLENTY)
      return last.free;
    const free = await this.probe.freeBytes().catch(() => null);
    this.lastProbe = { at: this.now(), free };
    return free;
  }

  /**
   * Opens the database if there is room (renewing its log when needed); otherwise stays closed
   * and says why. Safe to call again: one open at a time, none while halted.
   */
  open(): Promise<StorageState> {
    if (this.current.kind === 'ready' || this.current.kind === 'halted')
      return Promise.resolve(this.current);
    this.opening ??= this.openOnce().finally(() => (this.opening = null));
    return this.opening;
  }

  private async openOnce(): Promise<StorageState> {
    const free = await this.free(true);
    if (free !== null && free < OPEN_MARGIN) {
      // Opening needs less room than writing; the auditor is told what working again needs.
      this.set({
        kind: 'halted',
        reason: 'low-space',
        freeBytes: free,
        neededBytes: WRITE_MARGIN,
        cause: null,
      });
      return this.current;
    }
    try {
      if (!this.db.isOpen()) await this.db.open();
      if (await this.probe.needsLogRenewal()) {
        await renewLog(this.db);
        await this.probe.setNeedsLogRenewal(false);
      }
      this.set({ kind: 'ready' });
    } catch (error) {
      await this.halt('failed', free, error);
    }
    return this.current;
  }

  /**
   * After the auditor freed space: checks it, then goes on — opening the database once more
   * (renewing its log) when it is closed. A closed database opens with less room than writing
   * needs, so saved work can be seen (and backed up) on a nearly full disk.
   */
  async resume(): Promise<StorageState> {
    const state = this.current;
    if (state.kind !== 'halted') return this.open();
    const closed = !this.db.isOpen();
    const needed = state.reason === 'failed' || !closed ? state.neededBytes : OPEN_MARGIN;
    const free = await this.free(true);
    if (free !== null && free < needed) {
      this.set({ ...state, freeBytes: free });
      return this.current;
    }
    this.set({ kind: closed ? 'closed' : 'ready' });
    return this.open();
  }

  /** Refuses a write of about `bytes` unless it leaves the margin free; stops for good if halted. */
  async beforeWrite(bytes: number): Promise<void> {
    if (this.current.kind === 'closed') await this.open();
    const state = this.current;
    if (state.kind === 'halted') throw new StorageFullError(state.freeBytes, state.neededBytes);
    const needed = WRITE_MARGIN + WRITE_FACTOR * bytes;
    const free = await this.free();
    if (free !== null && free < needed) {
      this.set({
        kind: 'halted',
        reason: 'low-space',
        freeBytes: free,
        neededBytes: needed,
        cause: null,
      });
      throw new StorageFullError(free, needed);
    }
  }

  /**
   * A storage error happened: stop writing, close the connection (no reopening), and renew the
   * log before the next use, even after a browser restart within this session. The state keeps
   * what the browser said (`cause`), so the auditor reads the real reason when the disk is not full.
   */
  async halt(reason: 'low-space' | 'failed', freeBytes: number | null, cause?: unknown) {
    if (this.current.kind === 'halted' && this.current.reason === 'failed') return;
    // Writes run only on an open database; anything else failed while opening it.
    const during = this.current.kind === 'ready' ? 'write' : 'open';
    this.set({
      kind: 'halted',
      reason,
      freeBytes,
      neededBytes: Math.max(WRITE_MARGIN, OPEN_MARGIN),
      cause: storageCause(cause, during),
    });
    if (reason === 'failed') {
      await this.probe.setNeedsLogRenewal(true).catch(() => undefined);
      this.closing = true;
      this.db.close({ disableAutoOpen: true });
      this.closing = false;
    }
  }
}

/**
 * Makes LevelDB start a new log: about 6 MB of scratch records in 1 MB transactions, then
 * deleted. The old log (possibly ending in half a record) is compacted into a table file and
 * removed, so nothing is ever appended after a damaged record.
 */
export async function renewLog(db: AuditDatabase): Promise<void> {
  const value = 'z'.repeat(16 * 1024);
  let written = 0;
  let n = 0;
  while (written < RENEWAL_BYTES) {
    const batch = Array.from({ length: 64 }, () => ({ id: `renewal-${n++}`, value }));
    await db.scratch.bulkPut(batch);
    written += batch.length * value.length;
  }
  await db.scratch.clear();
}
