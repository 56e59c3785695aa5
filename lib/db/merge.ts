/**
 * How an imported bundle merges into this profile (pure: no IndexedDB here, so it is tested
 * directly). Records keep their ids. Two auditors who typed the same brand (or wave) made two
 * records of it: the planner proposes each such pair as a match (see proposeMatches), and only a
 * match the auditor confirmed is made, by moving the bundle's walks onto this profile's record
 * before anything else is planned. For a record both sides hold with different content:
 * - the bundle's version is one that already crossed a bundle here (exported or imported): it is
 *   an old version of ours, so ours stays (no conflict);
 * - ours is still the version last imported (not edited here since): the bundle's is taken;
 * - otherwise both sides changed it: a conflict, the newer edit wins and the conflict is listed.
 * Importing the same bundle again changes nothing.
 */
import type {
  ActionItem,
  Audit,
  Brand,
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
  Wave,
} from '../model';
import { brandNameKey, RECORD_TABLES, hashText } from '../model';

export interface RecordOf {
  audits: Audit;
  brands: Brand;
  waves: Wave;
  journeys: Journey;
  touchpoints: Step;
  screenshots: Screenshot;
  actionItems: ActionItem;
}
export type AnyRecord = RecordOf[RecordTable];
export type TableMap<V> = { [T in RecordTable]: V };

export const TRASH_KIND: TableMap<DeletedKind> = {
  audits: 'audit',
  brands: 'brand',
  waves: 'wave',
  journeys: 'journey',
  touchpoints: 'step',
  screenshots: 'image',
  actionItems: 'action',
};

interface ParentRef {
  table: RecordTable;
  field: string;
}
/** The records a record needs: each one's table and the field holding its id. */
const PARENTS: TableMap<readonly ParentRef[]> = {
  audits: [],
  brands: [{ table: 'audits', field: 'auditId' }],
  waves: [{ table: 'audits', field: 'auditId' }],
  journeys: [
    { table: 'audits', field: 'auditId' },
    { table: 'brands', field: 'brandId' },
    { table: 'waves', field: 'waveId' },
  ],
  touchpoints: [{ table: 'journeys', field: 'journeyId' }],
  screenshots: [{ table: 'touchpoints', field: 'touchpointId' }],
  actionItems: [{ table: 'touchpoints', field: 'touchpointId' }],
};

/** The ids of the records `record` needs, by their table. */
export function parentIdsOf(table: RecordTable, record: AnyRecord): [RecordTable, string][] {
  const fields = record as unknown as Record<string, string>;
  return PARENTS[table].map((parent) => [parent.table, fields[parent.field]!]);
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
  /** Records the bundle's records need that exist here (to check each child's parents). */
  liveParents: TableMap<Set<string>>;
  /** Every brand and wave here of the audits the bundle's brands and waves belong to. */
  programme: { brands: Brand[]; waves: Wave[] };
  /** For each brand or wave the bundle deletes: the walks here that use it, by its id. */
  usedBy: Map<string, string[]>;
}

/**
 * A brand (or wave) of the bundle that is not in this profile, whose audit is here and whose
 * name equals that of one of the audit's brands here (brandNameKey; a wave's name the same way):
 * two auditors typed the same brand. Confirmed, the bundle's walks go onto the brand here and
 * the bundle's record of it is not written; declined, it is imported as one more brand.
 */
export interface ProposedMatch {
  table: 'brands' | 'waves';
  auditId: string;
  /** The audit's name, as the bundle gives it. */
  auditName: string;
  bundleId: string;
  bundleName: string;
  localId: string;
  localName: string;
  /** Whether this plan makes the match (the auditor confirmed it). */
  accepted: boolean;
}

/** A match the auditor confirmed: the bundle's record and the local one it becomes. */
export interface MatchChoice {
  bundleId: string;
  localId: string;
}

export interface ImportPlan extends ImportSummary {
  /** Every proposed match, made or not (see ProposedMatch). */
  matches: ProposedMatch[];
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

/**
 * What the auditor knows a record by. A walk is named by its brand and wave (`names` gives the
 * names of brands and waves by id).
 */
export function labelOf(
  table: RecordTable,
  record: AnyRecord,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  switch (table) {
    case 'audits':
      return (record as Audit).name;
    case 'brands':
      return (record as Brand).name;
    case 'waves':
      return (record as Wave).name;
    case 'journeys': {
      const journey = record as Journey;
      return [names.get(journey.brandId), names.get(journey.waveId)]
        .filter((name) => name !== undefined)
        .join(' · ');
    }
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

const nameKey = (table: 'brands' | 'waves', name: string) =>
  table === 'brands' ? brandNameKey(name) : name.trim().toLocaleLowerCase('en');

/**
 * The bundle's brands and waves that look like one of this profile's (see ProposedMatch). A
 * record here is proposed only when the bundle does not hold it itself (a bundle holding both
 * keeps them apart on purpose) and does not delete it; of several equal names here, the earliest.
 */
export function proposeMatches(
  incoming: DataSet,
  local: LocalState,
  accepted: ReadonlySet<string> | 'all',
): ProposedMatch[] {
  const auditNames = new Map(incoming.audits.map((audit) => [audit.id, audit.name]));
  const deleted = new Set(incoming.deletions.map((tombstone) => tombstone.id));
  const matches: ProposedMatch[] = [];
  for (const table of ['brands', 'waves'] as const) {
    const bundleIds = new Set(incoming[table].map((record) => record.id));
    const candidates = new Map<string, Brand | Wave>();
    const here = [...local.programme[table]].sort(
      (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
    );
    for (const record of here) {
      if (bundleIds.has(record.id) || deleted.has(record.id)) continue;
      const key = `${record.auditId}\u0000${nameKey(table, record.name)}`;
      if (!candidates.has(key)) candidates.set(key, record);
    }
    for (const record of incoming[table]) {
      if (local.records[table].has(record.id) || local.tombstones.has(record.id)) continue;
      if (!local.liveParents.audits.has(record.auditId)) continue;
      const match = candidates.get(`${record.auditId}\u0000${nameKey(table, record.name)}`);
      if (!match) continue;
      matches.push({
        table,
        auditId: record.auditId,
        auditName: auditNames.get(record.auditId) ?? '',
        bundleId: record.id,
        bundleName: record.name,
        localId: match.id,
        localName: match.name,
        accepted: accepted === 'all' || accepted.has(matchKey(record.id, match.id)),
      });
    }
  }
  return matches;
}

/**
 * The inventory of a brand here merged with that of the bundle's brand confirmed as it: the
 * entries here, then the bundle's for types not listed here; a type both list differently takes
 * the newer brand record's word (updatedAt; a tie keeps the one here).
 */
export function mergeInventory(
  here: Pick<Brand, 'inventory' | 'updatedAt'>,
  there: Pick<Brand, 'inventory' | 'updatedAt'>,
): { typeId: string; present: boolean }[] {
  const theirs = new Map((there.inventory ?? []).map((e) => [e.typeId, e.present]));
  const thereWins = there.updatedAt > here.updatedAt;
  const merged = (here.inventory ?? []).map((e) =>
    thereWins && theirs.has(e.typeId) ? { typeId: e.typeId, present: theirs.get(e.typeId)! } : e,
  );
  const listed = new Set(merged.map((e) => e.typeId));
  for (const e of there.inventory ?? []) if (!listed.has(e.typeId)) merged.push(e);
  return merged;
}

const matchKey = (bundleId: string, localId: string) => `${bundleId}>${localId}`;

/** The bundle with the matches made: its walks on the records here, its own records left out. */
function withMatches(incoming: DataSet, matches: readonly ProposedMatch[]): DataSet {
  const made = new Map(matches.filter((m) => m.accepted).map((m) => [m.bundleId, m.localId]));
  if (!made.size) return incoming;
  return {
    ...incoming,
    brands: incoming.brands.filter((brand) => !made.has(brand.id)),
    waves: incoming.waves.filter((wave) => !made.has(wave.id)),
    journeys: incoming.journeys.map((journey) =>
      made.has(journey.brandId) || made.has(journey.waveId)
        ? {
            ...journey,
            brandId: made.get(journey.brandId) ?? journey.brandId,
            waveId: made.get(journey.waveId) ?? journey.waveId,
          }
        : journey,
    ),
  };
}

/**
 * Plans the merge of `bundle` into the local state; nothing is written here. `chosen` are the
 * matches the auditor confirmed ('all': every one proposed, as the preview first shows them);
 * a match not proposed now is not made.
 */
export function planImport(
  bundle: DataSet,
  local: LocalState,
  chosen: readonly MatchChoice[] | 'all' = [],
): ImportPlan {
  const matches = proposeMatches(
    bundle,
    local,
    chosen === 'all' ? 'all' : new Set(chosen.map((c) => matchKey(c.bundleId, c.localId))),
  );
  const incoming = withMatches(bundle, matches);
  const names = new Map<string, string>();
  for (const record of [...local.programme.brands, ...local.programme.waves]) {
    names.set(record.id, record.name);
  }
  for (const record of [...incoming.brands, ...incoming.waves]) names.set(record.id, record.name);
  const counts = tableMap(emptyCounts);
  const writes = tableMap<AnyRecord[]>(() => []);
  const conflicts: Conflict[] = [];
  const bases: ImportPlan['bases'] = [];
  const revived: string[] = [];
  /** Ids that will exist after the import, by table (to check each child's parent). */
  const present = tableMap((t) => new Set(local.liveParents[t]));
  for (const match of matches) if (match.accepted) present[match.table].add(match.localId);
  const changedShots = new Set<string>();

  for (const table of RECORD_TABLES) {
    for (const record of incoming[table] as AnyRecord[]) {
      const hash = recordHash(record);
      if (parentIdsOf(table, record).some(([parent, id]) => !present[parent].has(id))) {
        counts[table].skipped++;
        continue;
      }
      const here = local.records[table].get(record.id);
      const tombstone = local.tombstones.get(record.id);
      const conflict = (reason: ConflictReason, winner: 'bundle' | 'here') =>
        conflicts.push({
          table,
          id: record.id,
          label: labelOf(table, record, names),
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
  // A brand of the bundle confirmed as one here is not written, but its inventory is not lost.
  for (const match of matches) {
    if (!match.accepted || match.table !== 'brands') continue;
    const there = bundle.brands.find((b) => b.id === match.bundleId);
    const here = local.programme.brands.find((b) => b.id === match.localId);
    if (!there?.inventory?.length || !here) continue;
    const inventory = mergeInventory(here, there);
    if (JSON.stringify(inventory) === JSON.stringify(here.inventory ?? [])) continue;
    writes.brands.push({
      ...here,
      inventory,
      updatedAt: Math.max(here.updatedAt, there.updatedAt),
    });
    counts.brands.changed++;
  }
  // A brand or wave stays while walks here still use it (walks the bundle neither deletes nor
  // moves to another brand or wave).
  const trash: ImportPlan['trash'] = [];
  const tombstones: Tombstone[] = [];
  const trashed = new Set<string>();
  const movedTo = new Map(
    (writes.journeys as Journey[]).map((j) => [j.id, new Set([j.brandId, j.waveId])]),
  );
  const stillUsed = (id: string) =>
    (local.usedBy.get(id) ?? []).some(
      (journeyId) => !trashed.has(journeyId) && (movedTo.get(journeyId)?.has(id) ?? true),
    );
  // Children first, so a walk the bundle deletes no longer holds its brand or wave here.
  const order = (table: RecordTable) => -RECORD_TABLES.indexOf(table);
  const deletions = [...incoming.deletions].sort((a, b) => order(a.table) - order(b.table));
  for (const tombstone of deletions) {
    const here = local.records[tombstone.table].get(tombstone.id);
    if (!here) {
      if (!local.tombstones.has(tombstone.id)) tombstones.push(tombstone);
      continue;
    }
    const editedHere = local.bases.get(tombstone.id)?.base !== recordHash(here);
    const used = stillUsed(tombstone.id);
    if (used || (editedHere && here.updatedAt > tombstone.deletedAt)) {
      conflicts.push({
        table: tombstone.table,
        id: tombstone.id,
        label: labelOf(tombstone.table, here, names),
        reason: used ? 'deleted-in-bundle-used-here' : 'deleted-in-bundle-edited-here',
        winner: 'here',
        hereUpdatedAt: here.updatedAt,
        bundleUpdatedAt: tombstone.deletedAt,
      });
      continue;
    }
    counts[tombstone.table].removed++;
    trashed.add(tombstone.id);
    trash.push({
      kind: TRASH_KIND[tombstone.table],
      id: tombstone.id,
      label: labelOf(tombstone.table, here, names),
    });
  }

  const images = incoming.images.filter((image) => changedShots.has(image.id));
  const written = RECORD_TABLES.reduce((n, t) => n + writes[t].length, 0);
  return {
    matches,
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
