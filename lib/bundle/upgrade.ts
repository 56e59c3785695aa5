/**
 * records.json of an older format version brought up to the current records, before the live
 * schemas check it. Frozen once released: imports nothing from the live schemas (the defaults are
 * written out here), so a later schema change cannot change how an old bundle reads. The one
 * import is lib/model's legacyProgramme, on purpose: a database upgraded in place makes its brands
 * and first wave with it too, so the two agree on every id.
 */
import { z } from 'zod';
import { legacyProgramme, type LegacyJourneyBrand } from '../model/programme';
import { BundleError } from './errors';

type Row = Record<string, unknown>;

/** The built-in lifecycle stage ids of format version 2; any other stage of a step was typed. */
const STAGE_IDS: ReadonlySet<string> = new Set([
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
/** At most this many custom stages per audit, each a trimmed name of 1–80 characters. */
const MAX_STAGES = 50;
const STAGE_NAME = 80;

/** The fields format version 2 added, by table, with the value a version 1 record gets. */
const ADDED: Record<string, (record: Row, stages: ReadonlyMap<unknown, string[]>) => Row> = {
  audits: (audit, stages) => ({
    method: {
      types: [],
      stages: (stages.get(audit.id) ?? []).map((name) => ({ name, after: null })),
      checklists: [],
      standards: [],
    },
  }),
  journeys: () => ({ measurements: [] }),
  touchpoints: () => ({ typeId: null, checks: [], checklists: [] }),
  actionItems: () => ({ kind: 'action', metric: '', baseline: '', target: '' }),
};

const isRow = (value: unknown): value is Row =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.filter(isRow) : []);

/**
 * The stages typed on the bundle's steps, per audit of the bundle (step → journey → audit):
 * distinct, trimmed, in the order the steps were made. Names the schemas would refuse are left
 * to them (the step is refused, naming its own field).
 */
function customStages(records: Row): Map<unknown, string[]> {
  const audits = new Set(rows(records.audits).map((audit) => audit.id));
  const auditOf = new Map<unknown, unknown>();
  for (const journey of rows(records.journeys)) {
    if (audits.has(journey.auditId)) auditOf.set(journey.id, journey.auditId);
  }
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  const steps = rows(records.touchpoints).sort(
    (a, b) =>
      number(a.createdAt) - number(b.createdAt) ||
      number(a.seq) - number(b.seq) ||
      (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0),
  );
  const stages = new Map<unknown, string[]>();
  for (const step of steps) {
    if (typeof step.stage !== 'string') continue;
    const name = step.stage.trim();
    if (!name || name.length > STAGE_NAME || STAGE_IDS.has(name)) continue;
    if (!auditOf.has(step.journeyId)) continue;
    const auditId = auditOf.get(step.journeyId);
    const list = stages.get(auditId) ?? [];
    if (!list.includes(name) && list.length < MAX_STAGES) list.push(name);
    stages.set(auditId, list);
  }
  return stages;
}

/**
 * A version 1 records.json (parsed, not yet checked) with the fields of version 2: audits get an
 * audit method with the stages typed on their steps as custom stages, journeys no measurements,
 * steps no type, answers or added checklists, action items are actions without a metric. Anything
 * that is not what version 1 has (a table that is not a list, a record that is not an object) is
 * left for the schemas to refuse; a record that already has a field of version 2 is refused here.
 */
export function upgradeRecordsV1(records: Row): Row {
  const stages = customStages(records);
  const out: Row = { ...records };
  for (const [table, added] of Object.entries(ADDED)) {
    const list = records[table];
    if (!Array.isArray(list)) continue;
    out[table] = list.map((record: unknown, index) => {
      if (!isRow(record)) return record;
      const fields = added(record, stages);
      for (const key of Object.keys(fields)) {
        if (Object.hasOwn(record, key)) {
          const field = `${table}[${index}].${key}`;
          throw new BundleError(
            'invalid-records',
            `records.json: ${field}: not a field of format version 1`,
            { path: 'records.json', field },
          );
        }
      }
      return { ...record, ...fields };
    });
  }
  return out;
}

/**
 * A records.json of format version 1, 2 or 3 (parsed, not yet checked; version 1 already brought
 * up to version 2) with the field of version 4: every screenshot lists no covered frames (nothing
 * was covered that way before). A screenshot that already has the field is refused here; anything
 * that is not what those versions have is left for the schemas to refuse.
 */
export function upgradeRecordsToV4(records: Row, version: number): Row {
  const list = records.screenshots;
  if (!Array.isArray(list)) return records;
  return {
    ...records,
    screenshots: list.map((record: unknown, index) => {
      if (!isRow(record)) return record;
      if (Object.hasOwn(record, 'coveredFrames')) {
        const field = `screenshots[${index}].coveredFrames`;
        throw new BundleError(
          'invalid-records',
          `records.json: ${field}: not a field of format version ${version}`,
          { path: 'records.json', field },
        );
      }
      return { ...record, coveredFrames: [] };
    }),
  };
}

/** The brand fields of a journey of format versions 1–4, as those versions checked them. */
const LegacyJourney = z.object({
  id: z.uuid(),
  auditId: z.uuid(),
  brandName: z.string().trim().min(1).max(200),
  brandDomain: z.string().trim().max(253),
  brandRole: z.enum(['own', 'competitor']),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});

function refuseField(field: string, message: string): never {
  throw new BundleError('invalid-records', `records.json: ${field}: ${message}`, {
    path: 'records.json',
    field,
  });
}

/**
 * A records.json of format version 1–4 (parsed, not yet checked; already brought up to version 4)
 * with the records of version 5: each audit's brands (the brands its journeys named; equal names
 * and roles are one brand) and one first wave, made by legacyProgramme, and every journey naming
 * its brand and wave by id instead of carrying the brand's name, domain and role. A table or
 * field of version 5 already there is refused, and so is a journey whose brand fields version 4
 * would have refused (naming the field); anything else that is not what those versions have is
 * left for the schemas and the graph check to refuse.
 */
export function upgradeRecordsToV5(records: Row, version: number): Row {
  for (const table of ['brands', 'waves']) {
    if (Object.hasOwn(records, table)) {
      refuseField(table, `not a table of format version ${version}`);
    }
  }
  const journeys = Array.isArray(records.journeys) ? (records.journeys as unknown[]) : null;
  const legacy: (LegacyJourneyBrand | null)[] = (journeys ?? []).map((record, index) => {
    if (!isRow(record)) return null;
    for (const key of ['brandId', 'waveId']) {
      if (Object.hasOwn(record, key)) {
        refuseField(`journeys[${index}].${key}`, `not a field of format version ${version}`);
      }
    }
    const parsed = LegacyJourney.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key = issue?.path.map(String).join('.') || 'value';
      refuseField(`journeys[${index}].${key}`, issue?.message ?? 'invalid');
    }
    return parsed.data;
  });
  const brands: Row[] = [];
  const waves: Row[] = [];
  const brandOf = new Map<string, string>();
  const waveOf = new Map<string, string>();
  const created = new Map<string, number>();
  for (const audit of rows(records.audits)) {
    if (typeof audit.id === 'string') {
      created.set(audit.id, typeof audit.createdAt === 'number' ? audit.createdAt : 0);
    }
  }
  // Grouped once, so a bundle of many audits and journeys costs one pass, not audits × journeys.
  const byAudit = new Map<string, LegacyJourneyBrand[]>([...created.keys()].map((id) => [id, []]));
  for (const journey of legacy) {
    if (!journey) continue;
    const list = byAudit.get(journey.auditId);
    if (list) list.push(journey);
    else byAudit.set(journey.auditId, [journey]);
  }
  for (const [auditId, own] of byAudit) {
    const programme = legacyProgramme(auditId, own, created.get(auditId) ?? 0);
    // A journey of an audit not in the bundle still gets ids (the graph check names its audit).
    if (created.has(auditId)) {
      brands.push(...programme.brands);
      waves.push(...programme.waves);
    }
    for (const [journey, brand] of programme.brandOf) brandOf.set(journey, brand);
    for (const [journey, wave] of programme.waveOf) waveOf.set(journey, wave);
  }
  const out: Row = { ...records, brands, waves };
  if (journeys) {
    out.journeys = journeys.map((record, index) => {
      const old = legacy[index];
      if (!isRow(record) || !old) return record;
      const rest: Row = { ...record };
      for (const key of ['brandName', 'brandDomain', 'brandRole']) delete rest[key];
      return { ...rest, brandId: brandOf.get(old.id), waveId: waveOf.get(old.id) };
    });
  }
  return out;
}

/** The fields format version 6 added, by table (nested ones as a path inside the record). */
const V6_FIELDS: Record<string, string[]> = {
  audits: ['expectations', 'funnel', 'caption', 'pageFacts'],
  brands: ['inventory'],
  journeys: ['recommend'],
  touchpoints: ['owner', 'reduce', 'person', 'tags', 'settle', 'pageFacts', 'overlaysHidden'],
  screenshots: ['captionHeight'],
  actionItems: ['effort', 'cost'],
};
const V6_METHOD_FIELDS = ['gives', 'categories', 'channels'];

/**
 * A records.json of format version 1–5 (parsed, not yet checked) refused when it holds a field
 * that only version 6 has (naming it): a bundle cannot say it is older than what it carries.
 * Nothing else changes: every field version 6 added is optional, absent meaning nothing said.
 */
export function refuseV6Fields(records: Row, version: number): Row {
  const refuse = (field: string) => refuseField(field, `not a field of format version ${version}`);
  for (const [table, fields] of Object.entries(V6_FIELDS)) {
    rows(records[table]).forEach((record, index) => {
      for (const key of fields) if (Object.hasOwn(record, key)) refuse(`${table}[${index}].${key}`);
    });
  }
  rows(records.audits).forEach((audit, index) => {
    const method = audit.method;
    if (!isRow(method)) return;
    for (const key of V6_METHOD_FIELDS) {
      if (Object.hasOwn(method, key)) refuse(`audits[${index}].method.${key}`);
    }
    rows(method.types).forEach((type, i) => {
      if (Object.hasOwn(type, 'owner')) refuse(`audits[${index}].method.types[${i}].owner`);
    });
    rows(method.stages).forEach((stage, i) => {
      if (Object.hasOwn(stage, 'status')) refuse(`audits[${index}].method.stages[${i}].status`);
    });
  });
  // A checklist answer's mark "from the page" and its evidence (issue #17).
  rows(records.touchpoints).forEach((step, index) => {
    rows(step.checks).forEach((check, i) => {
      for (const key of ['source', 'evidence']) {
        if (Object.hasOwn(check, key)) refuse(`touchpoints[${index}].checks[${i}].${key}`);
      }
    });
  });
  return records;
}
