/**
 * What every part of the store shares: the database, the clock, new ids, the storage guard that
 * wraps every write, and the one read-modify-write of a record.
 */
import type { Table } from 'dexie';
import type { z } from 'zod';
import {
  ActionItem,
  Audit,
  Brand,
  describeIssues,
  Journey,
  type RecordTable,
  Screenshot,
  Step,
  Wave,
} from '../model';
import { InvalidRecordError, isStorageFailure, NotFoundError, StorageFullError } from './errors';
import { StorageGuard, WRITE_MARGIN, type StorageProbe } from './guard';
import type { AuditDatabase } from './schema';

/** Checks a record against its schema; InvalidRecordError (naming `what`) when it does not fit. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRecordError(what, describeIssues(result.error));
  return result.data;
}

/** The total size of some blobs: what a write adds to the disk. */
export function bytesOf(blobs: Blob[]): number {
  return blobs.reduce((sum, blob) => sum + blob.size, 0);
}

/** The record each record table holds. */
export interface RecordOf {
  audits: Audit;
  brands: Brand;
  waves: Wave;
  journeys: Journey;
  touchpoints: Step;
  screenshots: Screenshot;
  actionItems: ActionItem;
}

/** Each record table's schema, its name in a NotFoundError and in an InvalidRecordError. */
const RECORDS: { [T in RecordTable]: { schema: z.ZodType; missing: string; invalid: string } } = {
  audits: { schema: Audit, missing: 'Audit', invalid: 'audit' },
  brands: { schema: Brand, missing: 'Brand', invalid: 'brand' },
  waves: { schema: Wave, missing: 'Wave', invalid: 'wave' },
  journeys: { schema: Journey, missing: 'Journey', invalid: 'journey' },
  touchpoints: { schema: Step, missing: 'Step', invalid: 'step' },
  screenshots: { schema: Screenshot, missing: 'Screenshot', invalid: 'screenshot' },
  actionItems: { schema: ActionItem, missing: 'Action', invalid: 'action' },
};

/** How a record changes: the fields to replace, given the record as stored and the edit time. */
export type RecordChange<T extends RecordTable> = (
  current: RecordOf[T],
  now: number,
) => Partial<RecordOf[T]> | Promise<Partial<RecordOf[T]>>;

export class StoreCore {
  /** Opens the database, refuses writes on a (nearly) full disk, stops after a storage error. */
  readonly storage: StorageGuard;

  constructor(
    readonly db: AuditDatabase,
    readonly now: () => number,
    readonly newId: () => string,
    probe: StorageProbe,
  ) {
    this.storage = new StorageGuard(db, probe, now);
  }

  /**
   * Every write: refused before it starts when it would leave less than the margin free; a
   * storage error during it stops all writing (see guard.ts) and is reported as a full disk.
   */
  async write<T>(bytes: number, run: () => Promise<T>): Promise<T> {
    await this.storage.beforeWrite(bytes);
    try {
      return await run();
    } catch (error) {
      // Dexie wraps an error named like an IndexedDB one (our NotFoundError) thrown in a
      // transaction in its own class: callers get ours back, so `instanceof` works.
      const inner = (error as { inner?: unknown } | null)?.inner;
      if (inner instanceof NotFoundError) throw inner;
      if (!isStorageFailure(error)) throw error;
      await this.storage.halt('failed', null, error);
      throw new StorageFullError(null, WRITE_MARGIN, error);
    }
  }

  /**
   * Changes one record in one guarded write transaction: reads it (NotFoundError when it is
   * missing), applies `change` (which may read and write the `also` tables, or throw to write
   * nothing), checks the result against the record's schema and puts it back edited now.
   * Resolves with the record as stored.
   */
  modify<T extends RecordTable>(
    table: T,
    id: string,
    change: RecordChange<T>,
    options: { also?: Table[]; bytes?: number } = {},
  ): Promise<RecordOf[T]> {
    const records = this.db.table<RecordOf[T], string>(table);
    const { schema, missing, invalid } = RECORDS[table];
    return this.write(options.bytes ?? 0, () =>
      this.db.transaction('rw', [records, ...(options.also ?? [])], async () => {
        const current = await records.get(id);
        if (!current) throw new NotFoundError(missing, id);
        const now = this.now();
        const changes = await change(current, now);
        const next = parse(schema, { ...current, ...changes, updatedAt: now }, invalid);
        await records.put(next as RecordOf[T]);
        return next as RecordOf[T];
      }),
    );
  }
}

/** A part of the store (one aggregate's reads and writes) over the shared core. */
export abstract class StorePart {
  protected readonly db: AuditDatabase;

  constructor(protected readonly core: StoreCore) {
    this.db = core.db;
  }

  protected now(): number {
    return this.core.now();
  }

  protected newId(): string {
    return this.core.newId();
  }
}
