/** Checks shared by the writer and the reader, so a bundle written is a bundle that reads. */
import type { z } from 'zod';
import { RECORD_TABLES, type RecordTable } from '../model';
import { definesCategory, definesChannel, type CatalogueSource } from '../taxonomy';
import { BundleError } from './errors';

interface Identified {
  id: string;
}
/** The id graph of a record set: each record with the field that names its parent. */
export interface RecordGraph {
  audits: readonly (Identified & { method?: AuditCatalogue })[];
  brands: readonly (Identified & { auditId: string })[];
  waves: readonly (Identified & { auditId: string })[];
  journeys: readonly (Identified & {
    auditId: string;
    brandId: string;
    waveId: string;
    blindOf?: string | undefined;
    entryChannel?: string;
  })[];
  touchpoints: readonly (Identified & { journeyId: string; category?: string; channel?: string })[];
  screenshots: readonly (Identified & { touchpointId: string })[];
  actionItems: readonly (Identified & { touchpointId: string })[];
  deletions: readonly Identified[];
}

/** A zod issue path as a field name: ["journeys", 0, "brandRole"] → "journeys[0].brandRole". */
export function fieldName(path: readonly PropertyKey[]): string {
  let field = '';
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field ? `.${String(key)}` : String(key);
  }
  return field;
}

/** The first issue of a zod error as field + message, e.g. "touchpoints[3].seq: Too small…". */
export function firstIssue(error: z.ZodError, prefix: readonly PropertyKey[] = []) {
  const issue = error.issues[0];
  const field = fieldName([...prefix, ...(issue?.path ?? [])]) || 'value';
  return { field, message: `${field}: ${issue?.message ?? 'invalid'}` };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Hex SHA-256 of some bytes (a view is hashed in place, never copied). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
}

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === 'object';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any bundle JSON is (records → table → record → annotations → mark is 5). */
export const MAX_JSON_DEPTH = 16;

/**
 * Walks a parsed JSON value before anything else (zod, spreads) sees it: throws 'forbidden-key'
 * when a key that could reach an object's prototype appears anywhere (JSON.parse only defines
 * own properties, so the key is inert until then), and `tooDeep` (the file's schema code) when it
 * nests deeper than any bundle file does. Iterative, so nesting cannot overflow the stack.
 */
export function checkJsonTree(
  value: unknown,
  path: string,
  tooDeep: 'invalid-records' | 'invalid-manifest',
): void {
  if (!isContainer(value)) return;
  const stack: { value: object; field: string; depth: number }[] = [{ value, field: '', depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { value: node, field, depth } = item;
    if (depth >= MAX_JSON_DEPTH) {
      throw new BundleError(
        tooDeep,
        `${path}: ${field} is nested deeper than ${MAX_JSON_DEPTH} levels, which no bundle is`,
        { path, field },
      );
    }
    if (Array.isArray(node)) {
      node.forEach((child: unknown, i) => {
        if (isContainer(child))
          stack.push({ value: child, field: `${field}[${i}]`, depth: depth + 1 });
      });
      continue;
    }
    for (const key of Object.keys(node)) {
      const childField = field ? `${field}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) {
        throw new BundleError(
          'forbidden-key',
          `${path}: the key "${key}" at ${childField} is not allowed in a bundle`,
          { path, field: childField, params: { key } },
        );
      }
      const child: unknown = (node as Record<string, unknown>)[key];
      if (isContainer(child)) stack.push({ value: child, field: childField, depth: depth + 1 });
    }
  }
}

/**
 * Throws unless every id is unique (across all tables; deletions among themselves), every parent
 * is in the set, a journey's brand and wave are of the journey's own audit, and no deletion names
 * a record that is in the set. `path` names the file checked (null when writing).
 */
export function checkGraph(graph: RecordGraph, path: string | null): void {
  const where = path ? `${path}: ` : '';
  const seen = new Map<string, string>();
  const note = (id: string, field: string, ids: Map<string, string>) => {
    const other = ids.get(id);
    if (other !== undefined) {
      throw new BundleError(
        'duplicate-id',
        `${where}${field}: the id ${id} is used twice (also at ${other})`,
        { path, field, params: { id, other } },
      );
    }
    ids.set(id, field);
  };
  const ids: Record<RecordTable, Set<string>> = {
    audits: new Set(),
    brands: new Set(),
    waves: new Set(),
    journeys: new Set(),
    touchpoints: new Set(),
    screenshots: new Set(),
    actionItems: new Set(),
  };
  for (const table of RECORD_TABLES) {
    graph[table].forEach((record, i) => {
      note(record.id, `${table}[${i}].id`, seen);
      ids[table].add(record.id);
    });
  }
  /** Each record's parent id (read by `parentOf`) must be an id of `parentTable`. */
  const parents = <R extends Identified>(
    table: RecordTable,
    records: readonly R[],
    key: string,
    parentOf: (record: R) => string,
    parentTable: RecordTable,
    parentName: string,
  ) => {
    records.forEach((record, i) => {
      const parentId = parentOf(record);
      if (!ids[parentTable].has(parentId)) {
        const field = `${table}[${i}].${key}`;
        throw new BundleError(
          'dangling-reference',
          `${where}${field}: its ${parentName} ${parentId} is not in the bundle`,
          { path, field, params: { id: record.id, parentId } },
        );
      }
    });
  };
  parents('brands', graph.brands, 'auditId', (r) => r.auditId, 'audits', 'audit');
  parents('waves', graph.waves, 'auditId', (r) => r.auditId, 'audits', 'audit');
  parents('journeys', graph.journeys, 'auditId', (r) => r.auditId, 'audits', 'audit');
  parents('journeys', graph.journeys, 'brandId', (r) => r.brandId, 'brands', 'brand');
  parents('journeys', graph.journeys, 'waveId', (r) => r.waveId, 'waves', 'wave');
  const auditOf = new Map<string, string>();
  for (const record of [...graph.brands, ...graph.waves]) auditOf.set(record.id, record.auditId);
  graph.journeys.forEach((journey, i) => {
    for (const [key, what] of [
      ['brandId', 'brand'],
      ['waveId', 'wave'],
    ] as const) {
      const auditId = auditOf.get(journey[key]);
      if (auditId !== journey.auditId) {
        const field = `journeys[${i}].${key}`;
        throw new BundleError(
          'foreign-reference',
          `${where}${field}: its ${what} ${journey[key]} belongs to the audit ${auditId}, not to the journey's audit ${journey.auditId}`,
          { path, field, params: { id: journey.id, parentId: journey[key] } },
        );
      }
    }
  });
  checkBlindWalks(graph, path);
  parents('touchpoints', graph.touchpoints, 'journeyId', (r) => r.journeyId, 'journeys', 'journey');
  parents(
    'screenshots',
    graph.screenshots,
    'touchpointId',
    (r) => r.touchpointId,
    'touchpoints',
    'step',
  );
  parents(
    'actionItems',
    graph.actionItems,
    'touchpointId',
    (r) => r.touchpointId,
    'touchpoints',
    'step',
  );
  checkCatalogue(graph, path);

  const deleted = new Map<string, string>();
  graph.deletions.forEach((tombstone, i) => {
    const field = `deletions[${i}].id`;
    note(tombstone.id, field, deleted);
    const record = seen.get(tombstone.id);
    if (record !== undefined) {
      throw new BundleError(
        'dangling-reference',
        `${where}${field}: ${tombstone.id} is marked deleted but its record is in the bundle (${record})`,
        { path, field, params: { id: tombstone.id, other: record } },
      );
    }
  });
}

/** What the catalogue check reads of an audit's method. */
type AuditCatalogue = CatalogueSource & {
  readonly types?: readonly { category: string; channel: string }[];
  readonly standards?: readonly { answerChannels: readonly string[] }[];
};

/**
 * Every category and channel named in the set is a built-in one or one its audit's method
 * defines (hidden ones count): the method's types and standards, the journeys' entry channels,
 * the steps' categories and channels. Runs after the parents are checked.
 */
function checkCatalogue(graph: RecordGraph, path: string | null): void {
  const where = path ? `${path}: ` : '';
  const audits = new Map(graph.audits.map((audit) => [audit.id, audit]));
  const journeys = new Map(graph.journeys.map((journey) => [journey.id, journey]));
  const refuse = (field: string, id: string, kind: string, auditId: string): never => {
    throw new BundleError(
      'dangling-reference',
      `${where}${field}: the ${kind} ${id} is neither built in nor defined by the method of its audit ${auditId}`,
      { path, field, params: { id, parentId: auditId } },
    );
  };
  const check = (auditId: string, field: string, category?: string, channel?: string) => {
    const method = audits.get(auditId)?.method;
    if (category !== undefined && !definesCategory(method, category))
      refuse(`${field}.category`, category, 'category', auditId);
    if (channel !== undefined && !definesChannel(method, channel))
      refuse(`${field}.channel`, channel, 'channel', auditId);
  };
  graph.audits.forEach((audit, i) => {
    audit.method?.types?.forEach((type, j) =>
      check(audit.id, `audits[${i}].method.types[${j}]`, type.category, type.channel),
    );
    audit.method?.standards?.forEach((standard, j) =>
      standard.answerChannels.forEach((channel, k) => {
        if (!definesChannel(audit.method, channel))
          refuse(
            `audits[${i}].method.standards[${j}].answerChannels[${k}]`,
            channel,
            'channel',
            audit.id,
          );
      }),
    );
  });
  graph.journeys.forEach((journey, i) => {
    if (
      journey.entryChannel !== undefined &&
      !definesChannel(audits.get(journey.auditId)?.method, journey.entryChannel)
    )
      refuse(`journeys[${i}].entryChannel`, journey.entryChannel, 'channel', journey.auditId);
  });
  graph.touchpoints.forEach((step, i) => {
    const auditId = journeys.get(step.journeyId)?.auditId;
    if (auditId !== undefined) check(auditId, `touchpoints[${i}]`, step.category, step.channel);
  });
}

/**
 * A blind walk (`blindOf`) re-scores a walk of its own audit: that walk is in the set, or among its
 * deletions (deleted since; the blind walk stays). Refused when it names itself, a walk of another
 * audit or one the set does not hold.
 */
function checkBlindWalks(graph: RecordGraph, path: string | null): void {
  const where = path ? `${path}: ` : '';
  const journeys = new Map(graph.journeys.map((j) => [j.id, j]));
  const deleted = new Set(graph.deletions.map((d) => d.id));
  graph.journeys.forEach((journey, i) => {
    const { blindOf } = journey;
    if (blindOf === undefined) return;
    const field = `journeys[${i}].blindOf`;
    const original = journeys.get(blindOf);
    const refuse = (code: 'dangling-reference' | 'foreign-reference', why: string): never => {
      throw new BundleError(code, `${where}${field}: ${why}`, {
        path,
        field,
        params: { id: journey.id, parentId: blindOf },
      });
    };
    if (blindOf === journey.id) refuse('dangling-reference', 'a walk cannot re-score itself');
    if (!original && !deleted.has(blindOf))
      refuse('dangling-reference', `the walk it re-scores blind, ${blindOf}, is not in the bundle`);
    if (original && original.auditId !== journey.auditId)
      refuse(
        'foreign-reference',
        `the walk it re-scores blind, ${blindOf}, belongs to the audit ${original.auditId}, not to the journey's audit ${journey.auditId}`,
      );
  });
}

/** Sorts by id in code-unit order (locale-independent, so every machine writes the same bytes). */
export function byId<T extends Identified>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
