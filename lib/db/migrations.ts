/**
 * Schema upgrades. Frozen once released: they import nothing from the live model, so a later
 * change to a schema cannot change what an old upgrade does. The one exception is
 * lib/model/programme.ts (`legacyProgramme`), itself frozen: the bundle reader makes brands and
 * waves from old bundles with it too, so both ways give the same records and ids.
 * test/unit/migrations.test.ts fills every older version as released and reopens it at the newest.
 */
import type { Transaction } from 'dexie';
import { legacyProgramme, type LegacyJourneyBrand, type LegacyProgramme } from '../model/programme';

type Row = Record<string, unknown>;

/** v1 → v2: copy each screenshot's evidence from its step; nothing was redacted or annotated. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const steps = new Map<string, Row>();
  await tx.table('touchpoints').each((step: Row) => void steps.set(step.id as string, step));
  await tx
    .table('screenshots')
    .toCollection()
    .modify((shot: Row) => {
      const step = steps.get(shot.touchpointId as string);
      const page = shot.mode !== 'uploaded';
      shot.part = 0;
      shot.parts = 1;
      shot.url = page ? (step?.url ?? null) : null;
      shot.title = (step?.title as string | undefined) ?? '';
      shot.capturedAt = page
        ? ((step?.at as number | undefined) ?? shot.createdAt)
        : shot.createdAt;
      shot.viewport = page ? (step?.viewport ?? null) : null;
      shot.devicePixelRatio = page ? (step?.devicePixelRatio ?? null) : null;
      shot.userAgent = '';
      shot.redacted = false;
      shot.annotations = [];
    });
}

/**
 * v2 → v3: every record gets `updatedAt` (merges compare it), steps get `createdAt` and the list
 * of shortened values (none so far), journeys the auditor who walked them (not known before).
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const stepTimes = new Map<string, number>();
  await tx
    .table('journeys')
    .toCollection()
    .modify((journey: Row) => {
      journey.auditor = '';
      journey.updatedAt = journey.finishedAt ?? journey.createdAt;
    });
  await tx
    .table('touchpoints')
    .toCollection()
    .modify((step: Row) => {
      step.createdAt = step.at;
      step.updatedAt = step.at;
      step.shortened = [];
      stepTimes.set(step.id as string, step.at as number);
    });
  const stepTitles = new Map<string, string>();
  await tx
    .table('touchpoints')
    .each((step: Row) => void stepTitles.set(step.id as string, step.title as string));
  await tx
    .table('screenshots')
    .toCollection()
    .modify((shot: Row) => {
      shot.updatedAt = shot.createdAt;
      // An image attached to a step kept the file's name as its title; an offline contact's
      // image, the contact's title. The file name moves to its own field (exported only if chosen).
      const stepTitle = stepTitles.get(shot.touchpointId as string) ?? '';
      const attached = shot.mode === 'uploaded' && shot.title !== stepTitle;
      shot.fileName = attached ? shot.title : '';
      if (attached) shot.title = stepTitle;
    });
  await tx
    .table('actionItems')
    .toCollection()
    .modify((action: Row) => {
      const at = stepTimes.get(action.touchpointId as string) ?? 0;
      action.createdAt = at;
      action.updatedAt = at;
    });
}

/** The built-in lifecycle stage ids at v4 (lib/taxonomy STAGES); any other stage was typed. */
const V4_STAGE_IDS: ReadonlySet<string> = new Set([
  'first-mention',
  'information',
  'contact',
  'offer',
  'contract',
  'payment',
  'delivery',
  'onboarding',
  'support',
  'repeat-purchase',
  'feedback',
  'cancellation',
  'documents',
  'settlement',
]);
/** At most this many custom stages per audit, each a trimmed name of 1–80 characters (v4 schema). */
const V4_MAX_STAGES = 50;
const V4_STAGE_NAME = 80;
/** Versions of a record remembered per merge base (lib/db/exchange.ts MAX_KNOWN at v4). */
const V4_MAX_KNOWN = 20;

/** A record's content as merges hash it at v4 (lib/db/merge.ts recordHash): frozen copy. */
function v4RecordHash(record: Row): string {
  const sortedJson = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
    if (value && typeof value === 'object') {
      const object = value as Row;
      const keys = Object.keys(object).sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${sortedJson(object[key])}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
  };
  const rest: Row = { ...record };
  delete rest.updatedAt;
  delete rest.thumbnail;
  const text = sortedJson(rest);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The custom stages of each audit at v4: the distinct stages typed on its steps (any stage that
 * is not a built-in id), in the order the steps were made. Steps reach their audit through their
 * journey; `journeys` and `steps` may mix live and trashed records.
 */
function v4CustomStages(journeys: readonly Row[], steps: readonly Row[]) {
  const auditOf = new Map<unknown, unknown>();
  for (const journey of journeys) auditOf.set(journey.id, journey.auditId);
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  const ordered = [...steps].sort(
    (a, b) =>
      number(a.createdAt) - number(b.createdAt) ||
      number(a.seq) - number(b.seq) ||
      (String(a.id) < String(b.id) ? -1 : 1),
  );
  const stages = new Map<unknown, string[]>();
  for (const step of ordered) {
    if (typeof step.stage !== 'string') continue;
    const name = step.stage.trim();
    if (!name || name.length > V4_STAGE_NAME || V4_STAGE_IDS.has(name)) continue;
    const auditId = auditOf.get(step.journeyId);
    if (auditId === undefined) continue;
    const list = stages.get(auditId) ?? [];
    if (!list.includes(name) && list.length < V4_MAX_STAGES) list.push(name);
    stages.set(auditId, list);
  }
  return stages;
}

/** Fills the fields v4 added to a record of `table` (in place); `stages` are the audits' custom stages. */
function v4Defaults(table: string, record: Row, stages: ReadonlyMap<unknown, string[]>) {
  switch (table) {
    case 'audits':
      record.method = {
        types: [],
        stages: (stages.get(record.id) ?? []).map((name) => ({ name, after: null })),
        checklists: [],
        standards: [],
      };
      break;
    case 'journeys':
      record.measurements = [];
      break;
    case 'touchpoints':
      record.typeId = null;
      record.checks = [];
      record.checklists = [];
      break;
    case 'actionItems':
      record.kind = 'action';
      record.metric = '';
      record.baseline = '';
      record.target = '';
      break;
  }
}

const V4_TABLES = ['audits', 'journeys', 'touchpoints', 'actionItems'] as const;

/**
 * v3 → v4, the audit method: audits get their method (nothing changed from the built-in one but
 * the stages typed on their steps, now defined once per audit), journeys no measurements, steps
 * no type, answers or added checklists, action items are actions with no metric. Records in
 * Recently deleted are upgraded alike, so they come back valid. Edit times stay: nothing was
 * edited. A merge base that named a record's old content names its new content too, so the
 * upgrade itself never looks like an edit to the next import.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  const contents = (await tx.table('deletedContent').toArray()) as Row[];
  const trashed = (table: string) => contents.flatMap((c) => (c[table] as Row[] | undefined) ?? []);
  const journeys = [...((await tx.table('journeys').toArray()) as Row[]), ...trashed('journeys')];
  const steps = [
    ...((await tx.table('touchpoints').toArray()) as Row[]),
    ...trashed('touchpoints'),
  ];
  const stages = v4CustomStages(journeys, steps);

  // The hash of each record's content before → after (merge bases name contents by hash).
  const rehashed = new Map<string, string>();
  const upgrade = (table: string, record: Row) => {
    const before = v4RecordHash(record);
    v4Defaults(table, record, stages);
    rehashed.set(before, v4RecordHash(record));
  };
  for (const table of V4_TABLES) {
    await tx
      .table(table)
      .toCollection()
      .modify((record: Row) => upgrade(table, record));
    for (const content of contents) {
      for (const record of (content[table] as Row[] | undefined) ?? []) upgrade(table, record);
    }
  }
  await tx
    .table('mergeBase')
    .toCollection()
    .modify((entry: Row) => {
      const base = entry.base as string | null;
      const known = (entry.known as string[] | undefined) ?? [];
      if (base !== null && rehashed.has(base)) entry.base = rehashed.get(base);
      const added = known.flatMap((hash) => {
        const now = rehashed.get(hash);
        return now && !known.includes(now) ? [now] : [];
      });
      entry.known = [...known, ...added].slice(-V4_MAX_KNOWN);
    });
  if (contents.length) await tx.table('deletedContent').bulkPut(contents);
}

/** Versions of a record remembered per merge base at v5 (lib/db/exchange.ts MAX_KNOWN). */
const V5_MAX_KNOWN = 20;

/**
 * v4 → v5, embedded frames covered at capture: every screenshot lists none (nothing was covered
 * that way before), Recently deleted included; the new `heldBack` table starts empty. Edit times
 * stay: nothing was edited. A merge base that named a screenshot's old content names its new
 * content too (the hash of v4, unchanged at v5), so the upgrade never looks like an edit.
 */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  const rehashed = new Map<string, string>();
  const upgrade = (shot: Row) => {
    const before = v4RecordHash(shot);
    shot.coveredFrames = [];
    rehashed.set(before, v4RecordHash(shot));
  };
  await tx.table('screenshots').toCollection().modify(upgrade);
  const contents = (await tx.table('deletedContent').toArray()) as Row[];
  for (const content of contents) {
    for (const shot of (content.screenshots as Row[] | undefined) ?? []) upgrade(shot);
  }
  if (contents.length) await tx.table('deletedContent').bulkPut(contents);
  if (!rehashed.size) return;
  await tx
    .table('mergeBase')
    .toCollection()
    .modify((entry: Row) => {
      const base = entry.base as string | null;
      const known = (entry.known as string[] | undefined) ?? [];
      if (base !== null && rehashed.has(base)) entry.base = rehashed.get(base);
      const added = known.flatMap((hash) => {
        const now = rehashed.get(hash);
        return now && !known.includes(now) ? [now] : [];
      });
      entry.known = [...known, ...added].slice(-V5_MAX_KNOWN);
    });
}

/** Versions of a record remembered per merge base at v6 (lib/db/exchange.ts MAX_KNOWN). */
const V6_MAX_KNOWN = 20;

/** A v5 journey's brand fields, as legacyProgramme reads them. */
function v6Legacy(journey: Row): LegacyJourneyBrand {
  return {
    id: journey.id as string,
    auditId: journey.auditId as string,
    brandName: String(journey.brandName ?? ''),
    brandDomain: String(journey.brandDomain ?? ''),
    brandRole: journey.brandRole === 'own' ? 'own' : 'competitor',
    createdAt: journey.createdAt as number,
    updatedAt: journey.updatedAt as number,
  };
}

/** Each audit's programme from its journeys; `audits` are every audit's creation time by id. */
function v6Programmes(journeys: readonly Row[], audits: ReadonlyMap<string, number>) {
  const byAudit = new Map<string, LegacyJourneyBrand[]>();
  for (const id of audits.keys()) byAudit.set(id, []);
  for (const journey of journeys) {
    const legacy = v6Legacy(journey);
    byAudit.set(legacy.auditId, [...(byAudit.get(legacy.auditId) ?? []), legacy]);
  }
  const programmes = new Map<string, LegacyProgramme>();
  for (const [auditId, list] of byAudit) {
    const created = audits.get(auditId) ?? Math.min(...list.map((j) => j.createdAt));
    programmes.set(auditId, legacyProgramme(auditId, list, created));
  }
  return programmes;
}

/** A journey's new content (in place): its brand and wave by id, its brand fields gone. */
function v6Journey(journey: Row, programme: LegacyProgramme | undefined) {
  journey.brandId = programme?.brandOf.get(journey.id as string);
  journey.waveId = programme?.waveOf.get(journey.id as string);
  delete journey.brandName;
  delete journey.brandDomain;
  delete journey.brandRole;
}

/**
 * v5 → v6, brands and waves as records: each audit gets the brands its journeys named (names
 * equal by brandNameKey with equal roles are one brand) and one first wave holding every
 * journey (legacyProgramme, deterministic ids); journeys name their brand and wave by id and lose
 * the brand's name, domain and role. Recently deleted alike: a deleted journey's or audit's
 * content holds the brands and the wave its journeys name (the same ids, so restoring adds only
 * those missing), every other content none. Edit times stay: nothing was edited; a merge base
 * that named a journey's old content names its new content too.
 */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  const contents = (await tx.table('deletedContent').toArray()) as Row[];
  const listOf = (content: Row, table: string) => (content[table] as Row[] | undefined) ?? [];
  const liveAudits = (await tx.table('audits').toArray()) as Row[];
  const created = (audits: readonly Row[]) =>
    new Map(audits.map((a) => [a.id as string, a.createdAt as number]));
  const liveJourneys = (await tx.table('journeys').toArray()) as Row[];
  const trashedJourneys = contents.flatMap((c) => listOf(c, 'journeys'));

  // Live: from the live journeys only (as a bundle of this profile holds them).
  const live = v6Programmes(liveJourneys, created(liveAudits));
  for (const programme of live.values()) {
    await tx.table('brands').bulkAdd(programme.brands);
    await tx.table('waves').bulkAdd(programme.waves);
  }
  // Recently deleted: from every journey of the audit, so a brand only deleted journeys named
  // exists for them; a brand also live keeps its id (restore keeps the live one).
  const trashedAudits = contents.flatMap((c) => listOf(c, 'audits'));
  const allAudits = created([...trashedAudits, ...liveAudits]);
  const trashedAuditIds = new Set([
    ...trashedAudits.map((a) => a.id as string),
    ...trashedJourneys.map((j) => j.auditId as string),
  ]);
  const trash = v6Programmes(
    [...liveJourneys, ...trashedJourneys].filter((j) => trashedAuditIds.has(j.auditId as string)),
    new Map([...allAudits].filter(([id]) => trashedAuditIds.has(id))),
  );

  const rehashed = new Map<string, string>();
  const upgrade = (journey: Row, programme: LegacyProgramme | undefined) => {
    const before = v4RecordHash(journey);
    v6Journey(journey, programme);
    rehashed.set(before, v4RecordHash(journey));
  };
  await tx
    .table('journeys')
    .toCollection()
    .modify((journey: Row) => upgrade(journey, live.get(journey.auditId as string)));
  for (const content of contents) {
    const journeys = listOf(content, 'journeys');
    const brandIds = new Set<string>();
    const waveIds = new Set<string>();
    for (const journey of journeys) {
      const programme = trash.get(journey.auditId as string);
      brandIds.add(programme?.brandOf.get(journey.id as string) ?? '');
      waveIds.add(programme?.waveOf.get(journey.id as string) ?? '');
    }
    // A deleted audit holds its wave even when it had no journey.
    for (const audit of listOf(content, 'audits')) {
      for (const wave of trash.get(audit.id as string)?.waves ?? []) waveIds.add(wave.id);
    }
    const auditIds = new Set([
      ...journeys.map((j) => j.auditId as string),
      ...listOf(content, 'audits').map((a) => a.id as string),
    ]);
    const programmes = [...auditIds].flatMap((id) => trash.get(id) ?? []);
    content.brands = programmes.flatMap((p) => p.brands).filter((b) => brandIds.has(b.id));
    content.waves = programmes.flatMap((p) => p.waves).filter((w) => waveIds.has(w.id));
    for (const journey of journeys) upgrade(journey, trash.get(journey.auditId as string));
  }
  if (contents.length) await tx.table('deletedContent').bulkPut(contents);
  if (!rehashed.size) return;
  await tx
    .table('mergeBase')
    .toCollection()
    .modify((entry: Row) => {
      const base = entry.base as string | null;
      const known = (entry.known as string[] | undefined) ?? [];
      if (base !== null && rehashed.has(base)) entry.base = rehashed.get(base);
      const added = known.flatMap((hash) => {
        const now = rehashed.get(hash);
        return now && !known.includes(now) ? [now] : [];
      });
      entry.known = [...known, ...added].slice(-V6_MAX_KNOWN);
    });
}
