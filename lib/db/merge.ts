/**
 * How an imported bundle merges into this profile (pure: no IndexedDB here, so it is tested
 * directly). Records keep their ids. For a record both sides hold with different content:
 * - the bundle's version is one that already crossed a bundle here (exported or imported): it is
 *   an old version of ours, so ours stays (no conflict);
 * - ours is still the version last imported (not edited here since): the bundle's is taken;
 * - otherwise both sides changed it: a conflict, the newer edit wins and the conflict is listed.
 * Importing the same bundle again changes nothing.
 */
import type {
  ActionItem,
  Audit,
  Conflict,
  ConflictReason,
  DataSet,
  ImportSummary,
  TableCounts,
  DeletedKind,
  Journey,
  RecordTable,
  Screenshot,
  StoredImage,
  Tombstone,
  Step,
} from '../model';
import { RECORD_TABLES, hashText } from '../model';

export interface RecordOf {
  audits: Audit;
  journeys: Journey;
  touchpoints: Step;
  screenshots: Screenshot;
  actionItems: ActionItem;
}
export type AnyRecord = RecordOf[RecordTable];
export type TableMap<V> = { [T in RecordTable]: V };

export const TRASH_KIND: TableMap<DeletedKind> = {
  audits: 'audit',
  journeys: 'journey',
  touchpoints: 'step',
  screenshots: 'image',
  actionItems: 'action',
};

/** The parent of a record: its table and the field holding the parent's id. */
const PARENT: TableMap<{ table: RecordTable; field: string } | null> = {
  audits: null,
  journeys: { table: 'audits', field: 'auditId' },
  touchpoints: { table: 'journeys', field: 'journeyId' },
  screenshots: { table: 'touchpoints', field: 'touchpointId' },
  actionItems: { table: 'touchpoints', field: 'touchpointId' },
};

export function parentIdOf(table: RecordTable, record: AnyRecord): string | null {
  const parent = PARENT[table];
  return parent ? ((record as unknown as Record<string, string>)[parent.field] ?? null) : null;
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${sortedJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A record's content as one string: every field but its edit time and thumbnail (a screenshot's
 * image is identified by its SHA-256). Equal content ⇔ equal string.
 */
export function canonicalRecord(record: AnyRecord): string {
  const rest: Record<string, unknown> = { ...record };
  delete rest.updatedAt;
  delete rest.thumbnail;
  return sortedJson(rest);
}

export { hashText } from '../model';

export function recordHash(record: AnyRecord): string {
  return hashText(canonicalRecord(record));
}

/** What this profile holds for the ids a bundle mentions. */
export interface LocalState {
  records: TableMap<Map<string, AnyRecord>>;
  /** Local tombstones of ids the bundle holds. */
  tombstones: Map<string, Tombstone>;
  /** What crossed a bundle here, by record id (see MergeBase in schema.ts). */
  bases: Map<string, { base: string | null; known: string[] }>;
  /** Journeys that exist here after nothing else changes (to check a step's parent). */
  liveParents: TableMap<Set<string>>;
}

export interface ImportPlan extends ImportSummary {
  /** Records to write, parents first. */
  writes: TableMap<AnyRecord[]>;
  images: StoredImage[];
  /** Deletions to remember here (the bundle's, where they applied). */
  tombstones: Tombstone[];
  /** Local tombstones to forget (the record came back). */
  revived: string[];
  /** The bundle's version of every record it holds: now known here (and the base if taken). */
  bases: { id: string; hash: string; taken: boolean }[];
  /** Journeys that received steps: renumbered if two auditors' steps share a position. */
  journeys: string[];
}

export function labelOf(table: RecordTable, record: AnyRecord): string {
  switch (table) {
    case 'audits':
      return (record as Audit).name;
    case 'journeys':
      return (record as Journey).brandName;
    case 'touchpoints': {
      const step = record as Step;
      return `${step.seq}. ${step.title}`;
    }
    case 'screenshots':
      return (record as Screenshot).title;
    case 'actionItems':
      return (record as ActionItem).what;
  }
}

function emptyCounts(): TableCounts {
  return { new: 0, changed: 0, kept: 0, unchanged: 0, skipped: 0, removed: 0 };
}

export function tableMap<V>(make: (table: RecordTable) => V): TableMap<V> {
  return Object.fromEntries(RECORD_TABLES.map((t) => [t, make(t)])) as TableMap<V>;
}

/** Plans the merge of `incoming` into the local state; nothing is written here. */
export function planImport(incoming: DataSet, local: LocalState): ImportPlan {
  const counts = tableMap(emptyCounts);
  const writes = tableMap<AnyRecord[]>(() => []);
  const conflicts: Conflict[] = [];
  const bases: ImportPlan['bases'] = [];
  const revived: string[] = [];
  /** Ids that will exist after the import, by table (to check each child's parent). */
  const present = tableMap((t) => new Set(local.liveParents[t]));
  const changedShots = new Set<string>();

  for (const table of RECORD_TABLES) {
    for (const record of incoming[table] as AnyRecord[]) {
      const parent = PARENT[table];
      const parentId = parentIdOf(table, record);
      const hash = recordHash(record);
      if (parent && parentId && !present[parent.table].has(parentId)) {
        counts[table].skipped++;
        continue;
      }
      const here = local.records[table].get(record.id);
      const tombstone = local.tombstones.get(record.id);
      const conflict = (reason: ConflictReason, winner: 'bundle' | 'here') =>
        conflicts.push({
          table,
          id: record.id,
          label: labelOf(table, record),
          reason,
          winner,
          hereUpdatedAt: here?.updatedAt ?? tombstone?.deletedAt ?? null,
          bundleUpdatedAt: record.updatedAt,
        });
      if (!here) {
        if (tombstone && tombstone.deletedAt >= record.updatedAt) {
          // Deleted here after the bundle's last edit: stays deleted (and so does what is under it).
          counts[table].skipped++;
          if (!local.bases.get(record.id)?.known.includes(hash)) conflict('deleted-here', 'here');
          continue;
        }
        if (tombstone) {
          conflict('edited-after-deletion', 'bundle');
          revived.push(record.id);
        }
        counts[table].new++;
        writes[table].push(record);
        present[table].add(record.id);
        bases.push({ id: record.id, hash, taken: true });
        if (table === 'screenshots') changedShots.add(record.id);
        continue;
      }
      present[table].add(record.id);
      const hereHash = recordHash(here);
      if (hereHash === hash) {
        counts[table].unchanged++;
        bases.push({ id: record.id, hash, taken: true });
        continue;
      }
      const crossed = local.bases.get(record.id);
      const editedThere = !crossed?.known.includes(hash);
      const editedHere = crossed?.base !== hereHash;
      if (!editedThere) {
        counts[table].kept++;
        bases.push({ id: record.id, hash, taken: false });
        continue;
      }
      const bundleWins = !editedHere || record.updatedAt > here.updatedAt;
      bases.push({ id: record.id, hash, taken: bundleWins });
      if (editedHere) conflict('both-edited', bundleWins ? 'bundle' : 'here');
      if (bundleWins) {
        counts[table].changed++;
        writes[table].push(record);
        if (
          table === 'screenshots' &&
          (here as Screenshot).sha256 !== (record as Screenshot).sha256
        )
          changedShots.add(record.id);
      } else {
        counts[table].kept++;
      }
    }
  }

  // The bundle's deletions: a record deleted there goes to Recently deleted here, unless it was
  // edited here after that deletion.
  const trash: ImportPlan['trash'] = [];
  const tombstones: Tombstone[] = [];
  for (const tombstone of incoming.deletions) {
    const here = local.records[tombstone.table].get(tombstone.id);
    if (!here) {
      if (!local.tombstones.has(tombstone.id)) tombstones.push(tombstone);
      continue;
    }
    const editedHere = local.bases.get(tombstone.id)?.base !== recordHash(here);
    if (editedHere && here.updatedAt > tombstone.deletedAt) {
      conflicts.push({
        table: tombstone.table,
        id: tombstone.id,
        label: labelOf(tombstone.table, here),
        reason: 'deleted-in-bundle-edited-here',
        winner: 'here',
        hereUpdatedAt: here.updatedAt,
        bundleUpdatedAt: tombstone.deletedAt,
      });
      continue;
    }
    counts[tombstone.table].removed++;
    trash.push({
      kind: TRASH_KIND[tombstone.table],
      id: tombstone.id,
      label: labelOf(tombstone.table, here),
    });
  }

  const images = incoming.images.filter((image) => changedShots.has(image.id));
  const written = RECORD_TABLES.reduce((n, t) => n + writes[t].length, 0);
  return {
    counts,
    imageCount: images.length,
    imageBytes: images.reduce((n, image) => n + image.blob.size, 0),
    conflicts,
    writes,
    images,
    trash,
    tombstones,
    revived,
    bases,
    journeys: [...new Set((writes.touchpoints as Step[]).map((s) => s.journeyId))],
    nothingToDo: written === 0 && trash.length === 0 && tombstones.length === 0,
  };
}
