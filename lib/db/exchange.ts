/**
 * Bundles in and out: everything in scope read in one transaction (a bundle's contents), an
 * import previewed in one read transaction and applied in one write transaction, and the versions
 * a bundle carried out remembered.
 */
import type { Audit, CoveredFrame, DataSet, RecordTable, Screenshot, StoredImage } from '../model';
import { RECORD_TABLES } from '../model';
import { recordsOf } from './audits';
import { bytesOf, StorePart } from './core';
import { NotFoundError } from './errors';
import {
  planImport,
  recordHash,
  tableMap,
  type AnyRecord,
  type ImportPlan,
  type LocalState,
  type MatchChoice,
} from './merge';
import type { AuditDatabase } from './schema';
import { moveToTrash, renumber, stepsOf } from './trash';

/** Which audits a data set covers: some, or everything in the profile. */
export type Scope = { kind: 'all' } | { kind: 'audits'; auditIds: string[] };

function table(db: AuditDatabase, name: RecordTable) {
  return db.table<AnyRecord, string>(name);
}

/** Reads what this profile holds for the ids the bundle mentions (inside a transaction). */
async function localStateFor(db: AuditDatabase, incoming: DataSet): Promise<LocalState> {
  const ids = tableMap<string[]>((t) => (incoming[t] as AnyRecord[]).map((r) => r.id));
  for (const tombstone of incoming.deletions) ids[tombstone.table].push(tombstone.id);
  const records = tableMap(() => new Map<string, AnyRecord>());
  for (const name of RECORD_TABLES) {
    for (const record of await table(db, name).bulkGet(ids[name])) {
      if (record) records[name].set(record.id, record);
    }
  }
  const allIds = RECORD_TABLES.flatMap((t) => ids[t]);
  const tombstones = new Map(
    (await db.tombstones.bulkGet(allIds)).flatMap((t) => (t ? [[t.id, t] as const] : [])),
  );
  const bases = new Map(
    (await db.mergeBase.bulkGet(allIds)).flatMap((b) => (b ? [[b.id, b] as const] : [])),
  );
  // Parents referenced by the bundle's records that exist here.
  const parentIds: Partial<Record<RecordTable, string[]>> = {
    audits: [...incoming.brands, ...incoming.waves, ...incoming.journeys].map((r) => r.auditId),
    brands: incoming.journeys.map((j) => j.brandId),
    waves: incoming.journeys.map((j) => j.waveId),
    journeys: incoming.touchpoints.map((s) => s.journeyId),
    touchpoints: [...incoming.screenshots, ...incoming.actionItems].map((r) => r.touchpointId),
  };
  const liveParents = tableMap(() => new Set<string>());
  for (const [name, list] of Object.entries(parentIds) as [RecordTable, string[]][]) {
    for (const record of await table(db, name).bulkGet([...new Set(list)])) {
      if (record) liveParents[name].add(record.id);
    }
  }
  // The brands and waves here of the audits the bundle's brands and waves belong to (to match
  // names), and the walks here using a brand or wave the bundle deletes.
  const auditIds = [...new Set([...incoming.brands, ...incoming.waves].map((r) => r.auditId))];
  const programme = {
    brands: await db.brands.where('auditId').anyOf(auditIds).toArray(),
    waves: await db.waves.where('auditId').anyOf(auditIds).toArray(),
  };
  const usedBy = new Map<string, string[]>();
  for (const [name, field] of [
    ['brands', 'brandId'],
    ['waves', 'waveId'],
  ] as const) {
    const deleted = incoming.deletions.filter((t) => t.table === name).map((t) => t.id);
    if (!deleted.length) continue;
    for (const journey of await db.journeys.where(field).anyOf(deleted).toArray()) {
      usedBy.set(journey[field], [...(usedBy.get(journey[field]) ?? []), journey.id]);
    }
  }
  return { records, tombstones, bases, liveParents, programme, usedBy };
}

/** What importing `incoming` would do, without writing anything. */
async function previewIn(
  db: AuditDatabase,
  incoming: DataSet,
  matches: readonly MatchChoice[] | 'all',
): Promise<ImportPlan> {
  return db.transaction('r', db.tables, async () =>
    planImport(incoming, await localStateFor(db, incoming), matches),
  );
}

/**
 * Imports `incoming` in one transaction: planned again inside it (so a capture made since the
 * preview is taken into account), then written; if anything fails, nothing is written.
 */
async function applyIn(
  db: AuditDatabase,
  incoming: DataSet,
  matches: readonly MatchChoice[],
  now: number,
): Promise<ImportPlan> {
  return db.transaction('rw', db.tables, async () => {
    const plan = planImport(incoming, await localStateFor(db, incoming), matches);
    for (const item of plan.trash) await moveToTrash(db, item.kind, item.id, now);
    await dropStaleHeldBack(db, plan);
    for (const name of RECORD_TABLES) {
      if (plan.writes[name].length) await table(db, name).bulkPut(plan.writes[name]);
    }
    if (plan.images.length) await db.images.bulkPut(plan.images);
    if (plan.tombstones.length) await db.tombstones.bulkPut(plan.tombstones);
    if (plan.revived.length) await db.tombstones.bulkDelete(plan.revived);
    await remember(db, plan.bases);
    // Two auditors' steps of one journey may claim the same position: order them by position,
    // then by time, and number them 1..n again.
    for (const journeyId of plan.journeys) {
      const steps = await stepsOf(db, journeyId);
      if (steps.some((step, i) => step.seq !== i + 1)) {
        steps.sort((a, b) => a.seq - b.seq || a.at - b.at || a.id.localeCompare(b.id));
        await renumber(db, steps, now);
      }
    }
    return plan;
  });
}

const sameArea = (a: CoveredFrame | undefined, b: CoveredFrame | undefined) =>
  !!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * Held-back originals of screenshots the import replaces (call before writing): none survive new
 * image bytes (the bundle's image may carry redactions an original would undo), and an original is
 * kept only while the bundle's record still lists its frame as covered, in the same place.
 */
async function dropStaleHeldBack(db: AuditDatabase, plan: ImportPlan): Promise<void> {
  const incoming = plan.writes.screenshots as Screenshot[];
  if (!incoming.length) return;
  const newBytes = new Set(plan.images.map((image) => image.id));
  const ids = incoming.map((shot) => shot.id);
  const [held, here] = await Promise.all([db.heldBack.bulkGet(ids), db.screenshots.bulkGet(ids)]);
  for (const [i, shot] of incoming.entries()) {
    const record = held[i];
    if (!record) continue;
    const areas = newBytes.has(shot.id)
      ? []
      : record.areas.filter(({ index }) => {
          const frame = shot.coveredFrames[index];
          return frame?.uncoveredAt === null && sameArea(frame, here[i]?.coveredFrames[index]);
        });
    if (!areas.length) await db.heldBack.delete(shot.id);
    else if (areas.length !== record.areas.length) await db.heldBack.put({ ...record, areas });
  }
}

/** How many versions of a record are remembered as having crossed a bundle. */
export const MAX_KNOWN = 20;

/** Adds versions that crossed a bundle to what this profile knows (inside a transaction). */
async function remember(
  db: AuditDatabase,
  versions: { id: string; hash: string; taken: boolean }[],
): Promise<void> {
  const current = await db.mergeBase.bulkGet(versions.map((v) => v.id));
  await db.mergeBase.bulkPut(
    versions.map((v, i) => {
      const known = (current[i]?.known ?? []).filter((h) => h !== v.hash);
      return {
        id: v.id,
        base: v.taken ? v.hash : (current[i]?.base ?? null),
        known: [...known, v.hash].slice(-MAX_KNOWN),
      };
    }),
  );
}

/**
 * Remembers the versions a bundle carried out of this profile, so that the same versions coming
 * back are recognised as ours (not as edits made elsewhere).
 */
async function rememberExported(db: AuditDatabase, data: DataSet): Promise<void> {
  const versions = RECORD_TABLES.flatMap((t) =>
    (data[t] as AnyRecord[]).map((r) => ({ id: r.id, hash: recordHash(r), taken: false })),
  );
  await db.transaction('rw', db.mergeBase, () => remember(db, versions));
}

export class ExchangeRecords extends StorePart {
  /**
   * Everything in scope, image blobs and deletions included, read in one transaction (a bundle's
   * contents). The blobs are read lazily by whoever consumes them.
   */
  async readDataSet(scope: Scope): Promise<DataSet> {
    const { db } = this;
    return db.transaction('r', db.tables, async () => {
      const audits =
        scope.kind === 'all'
          ? (await db.audits.toArray()).sort((a, b) => a.createdAt - b.createdAt)
          : (await db.audits.bulkGet(scope.auditIds)).filter((a): a is Audit => !!a);
      if (scope.kind === 'audits' && audits.length !== scope.auditIds.length) {
        throw new NotFoundError(
          'Audit',
          scope.auditIds.find((id) => !audits.some((a) => a.id === id))!,
        );
      }
      const records = await recordsOf(db, audits);
      const images = (await db.images.bulkGet(records.screenshots.map((s) => s.id))).filter(
        (image): image is StoredImage => image !== undefined,
      );
      const deletions =
        scope.kind === 'all'
          ? await db.tombstones.toArray()
          : await db.tombstones.where('auditId').anyOf(scope.auditIds).toArray();
      return { ...records, images, deletions };
    });
  }

  /**
   * What importing `data` would change here; writes nothing. The plan lists the brands and waves
   * proposed as matches (`plan.matches`) and makes those in `matches`; by default every one
   * proposed, as the preview first shows them.
   */
  previewImport(
    data: DataSet,
    matches: readonly MatchChoice[] | 'all' = 'all',
  ): Promise<ImportPlan> {
    return previewIn(this.db, data, matches);
  }

  /**
   * Imports `data` in one transaction (see lib/db/merge.ts for the rules), making only the
   * matches in `matches` that are still proposed (the ones the auditor confirmed in the preview).
   */
  applyImport(data: DataSet, matches: readonly MatchChoice[] = []): Promise<ImportPlan> {
    return this.core.write(bytesOf(data.images.map((image) => image.blob)), () =>
      applyIn(this.db, data, matches, this.now()),
    );
  }

  /**
   * Remembers what a bundle carried out (so those versions are recognised when they come back).
   * Best effort: a bundle already saved stays valid if this cannot be written (e.g. a full disk).
   */
  async recordExported(data: DataSet): Promise<boolean> {
    try {
      await rememberExported(this.db, data);
      return true;
    } catch {
      return false;
    }
  }
}
