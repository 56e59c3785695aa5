/** Every schema upgrade: fill the older version as it was released, reopen at the newest. */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { AuditDatabase, AuditStore } from '../../lib/db';
import { recordHash, type AnyRecord } from '../../lib/db/merge';
import {
  ActionItem,
  Audit,
  Brand,
  dayStart,
  Journey,
  Screenshot,
  Step,
  Wave,
} from '../../lib/model';
import { ROOMY_PROBE } from './helpers';

// Version 1 exactly as released (frozen: imports nothing from the live schema).
const V1_STORES = {
  audits: 'id, updatedAt',
  journeys: 'id, auditId',
  touchpoints: 'id, journeyId, [journeyId+seq]',
  screenshots: 'id, touchpointId',
  images: 'id',
  actionItems: 'id, touchpointId',
};
// Version 3 as released: a step index on creation time, Recently deleted, tombstones, merge bases.
const V3_STORES = {
  ...V1_STORES,
  touchpoints: 'id, journeyId, [journeyId+seq], createdAt',
  deleted: 'id, deletedAt',
  deletedContent: 'id',
  tombstones: 'id, auditId',
  mergeBase: 'id',
  scratch: 'id',
};

const ids = {
  audit: '00000000-0000-4000-8000-0000000000d1',
  journey: '00000000-0000-4000-8000-0000000000a1',
  page: '00000000-0000-4000-8000-0000000000b1',
  offline: '00000000-0000-4000-8000-0000000000b2',
  shot: '00000000-0000-4000-8000-0000000000c1',
  upload: '00000000-0000-4000-8000-0000000000c2',
  action: '00000000-0000-4000-8000-0000000000e1',
};

// Versions 1 and 2 as released (audits, journeys, steps and action items did not change in v2).
const v1Audit = (id = ids.audit) => ({
  id,
  name: 'Broadband Q1',
  client: 'Brightline',
  defaultTask: 'quote',
  createdAt: 1_600_000_000_000,
  updatedAt: 1_600_000_000_500,
});

const v1Journey = (id = ids.journey, auditId = ids.audit) => ({
  id,
  auditId,
  brandName: 'Brightline',
  brandDomain: 'brightline.test',
  brandRole: 'own',
  task: 'quote',
  persona: '',
  entryChannel: 'search',
  createdAt: 1_600_000_000_000,
  finishedAt: null,
  outcome: null,
});

const v1Step = (id: string, seq: number, kind: 'page' | 'offline', journeyId = ids.journey) => ({
  id,
  journeyId,
  seq,
  kind,
  url: kind === 'page' ? 'https://brightline.test/plans' : null,
  title: kind === 'page' ? 'Plans' : 'Callback',
  at: 1_700_000_000_000 + seq,
  stage: 'information',
  category: 'technology',
  channel: kind === 'page' ? 'website' : 'phone',
  experience: 3,
  importance: null,
  likelihood: null,
  note: '',
  weakLink: false,
  wow: false,
  viewport: kind === 'page' ? { width: 1280, height: 800 } : null,
  devicePixelRatio: kind === 'page' ? 2 : null,
});

const v1Shot = (id: string, touchpointId: string, mode: string) => ({
  id,
  touchpointId,
  mode,
  mime: 'image/jpeg',
  width: 2560,
  height: 1600,
  bytes: 3,
  sha256: 'b'.repeat(64),
  thumbnail: new Blob(['t']),
  createdAt: 1_700_000_009_000,
});

const v1Action = (id = ids.action, touchpointId = ids.page) => ({
  id,
  touchpointId,
  what: 'Answer faster',
  owner: '',
  due: null,
  status: 'open',
});

// Version 2 as released: the same stores; screenshots carry evidence, parts, redaction, annotations.
const v2Shot = (id: string, touchpointId: string, mode: string) => ({
  ...v1Shot(id, touchpointId, mode),
  part: 0,
  parts: 1,
  url: null,
  title: 'Plans',
  capturedAt: 1_700_000_009_000,
  viewport: null,
  devicePixelRatio: null,
  userAgent: 'UA',
  redacted: false,
  annotations: [],
});

// Version 3 as released: edit times everywhere, the auditor, shortened values, file names.
const v3Audit = v1Audit;
const v3Journey = (id = ids.journey, auditId = ids.audit) => ({
  ...v1Journey(id, auditId),
  auditor: 'Anna',
  updatedAt: 1_600_000_000_000,
});
const v3Step = (
  id: string,
  seq: number,
  kind: 'page' | 'offline',
  extra: { journeyId?: string; stage?: string; createdAt?: number } = {},
) => {
  const step = v1Step(id, seq, kind, extra.journeyId);
  const createdAt = extra.createdAt ?? step.at;
  return {
    ...step,
    stage: extra.stage ?? step.stage,
    shortened: [],
    createdAt,
    updatedAt: createdAt,
  };
};
const v3Shot = (id: string, touchpointId: string, mode: string) => ({
  ...v2Shot(id, touchpointId, mode),
  fileName: '',
  updatedAt: 1_700_000_009_000,
});
const v3Action = (id = ids.action, touchpointId = ids.page) => ({
  ...v1Action(id, touchpointId),
  createdAt: 1_700_000_000_001,
  updatedAt: 1_700_000_000_001,
});

// Version 4 as released: the same stores as version 3; the audit method on audits, journeys,
// steps and action items (screenshots unchanged).
const V4_STORES = V3_STORES;
const v4Audit = (id = ids.audit) => ({
  ...v3Audit(id),
  method: { types: [], stages: [], checklists: [], standards: [] },
});
const v4Journey = (id = ids.journey, auditId = ids.audit) => ({
  ...v3Journey(id, auditId),
  measurements: [],
});
const v4Step = (id: string, seq: number, kind: 'page' | 'offline') => ({
  ...v3Step(id, seq, kind),
  typeId: null,
  checks: [],
  checklists: [],
});
const v4Shot = v3Shot;
const v4Action = (id = ids.action, touchpointId = ids.page) => ({
  ...v3Action(id, touchpointId),
  kind: 'action',
  metric: '',
  baseline: '',
  target: '',
});

/** Every record of every record table, parsed with the live schemas (each table holds some). */
async function parsedLive(db: AuditDatabase) {
  const all = {
    audits: (await db.audits.toArray()).map((r) => Audit.parse(r)),
    brands: (await db.brands.toArray()).map((r) => Brand.parse(r)),
    waves: (await db.waves.toArray()).map((r) => Wave.parse(r)),
    journeys: (await db.journeys.toArray()).map((r) => Journey.parse(r)),
    touchpoints: (await db.touchpoints.toArray()).map((r) => Step.parse(r)),
    screenshots: (await db.screenshots.toArray()).map((r) => Screenshot.parse(r)),
    actionItems: (await db.actionItems.toArray()).map((r) => ActionItem.parse(r)),
  };
  for (const [table, records] of Object.entries(all))
    expect(records.length, table).toBeGreaterThan(0);
  return all;
}

// Version 5 as released: a table of held-back originals; screenshots list their covered frames.
const V5_STORES = { ...V4_STORES, heldBack: 'id, touchpointId' };

/** The stores each older version was released with. */
const STORES_AT: Record<number, Record<string, string>> = {
  1: V1_STORES,
  2: V1_STORES,
  3: V3_STORES,
  4: V4_STORES,
  5: V5_STORES,
};

/** An audit and a journey as version `version` stored them (steps are not needed here). */
const auditAt = (version: number, id = ids.audit) => (version >= 4 ? v4Audit(id) : v1Audit(id));
const journeyAt = (
  version: number,
  id: string,
  brand: { name: string; domain: string; role: 'own' | 'competitor' },
  createdAt: number,
  auditId = ids.audit,
) => {
  const base =
    version >= 4
      ? v4Journey(id, auditId)
      : version >= 3
        ? v3Journey(id, auditId)
        : v1Journey(id, auditId);
  return {
    ...base,
    brandName: brand.name,
    brandDomain: brand.domain,
    brandRole: brand.role,
    createdAt,
    ...(version >= 3 && { updatedAt: createdAt }),
  };
};

/** The defaults v4 gives records made before the audit method. */
const V4_DEFAULTS = {
  journey: { measurements: [] },
  step: { typeId: null, checks: [], checklists: [] },
  action: { kind: 'action', metric: '', baseline: '', target: '' },
};

describe('schema migrations', () => {
  it('v1 → v4: screenshots get their evidence record from their step, unredacted and unannotated; every record parses', async () => {
    const name = `migration-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
    await v1.table('audits').add(v1Audit());
    await v1.table('journeys').add(v1Journey());
    await v1
      .table('touchpoints')
      .bulkAdd([v1Step(ids.page, 1, 'page'), v1Step(ids.offline, 2, 'offline')]);
    await v1
      .table('screenshots')
      .bulkAdd([
        v1Shot(ids.shot, ids.page, 'visible'),
        v1Shot(ids.upload, ids.offline, 'uploaded'),
      ]);
    await v1.table('images').add({ id: ids.shot, blob: new Blob(['abc']) });
    await v1.table('actionItems').add(v1Action());
    v1.close();

    const db = new AuditDatabase(name);
    const live = await parsedLive(db);
    const [page, upload] = await Promise.all([
      db.screenshots.get(ids.shot),
      db.screenshots.get(ids.upload),
    ]);
    expect(Screenshot.parse(page)).toMatchObject({
      part: 0,
      parts: 1,
      url: 'https://brightline.test/plans',
      title: 'Plans',
      capturedAt: 1_700_000_000_001,
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
      userAgent: '',
      redacted: false,
      annotations: [],
    });
    expect(Screenshot.parse(upload)).toMatchObject({
      url: null,
      title: 'Callback',
      capturedAt: 1_700_000_009_000,
      viewport: null,
    });
    // Steps and image bytes are untouched.
    expect(Step.parse(await db.touchpoints.get(ids.page)).experience).toBe(3);
    expect(await (await db.images.get(ids.shot))?.blob.text()).toBe('abc');
    // Later versions' fields: built-in stages only, so no custom stage.
    expect(live.audits[0]!.method).toEqual({
      types: [],
      stages: [],
      checklists: [],
      standards: [],
    });
    expect(live.journeys[0]).toMatchObject(V4_DEFAULTS.journey);
    for (const step of live.touchpoints) expect(step).toMatchObject(V4_DEFAULTS.step);
    expect(live.actionItems[0]).toMatchObject(V4_DEFAULTS.action);
    db.close();
  });

  it('v2 → v4: every record gets its edit time; steps their creation time and no shortened values; every record parses', async () => {
    const name = `migration-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(V1_STORES);
    await v2.table('audits').add(v1Audit());
    await v2.table('journeys').add(v1Journey());
    await v2.table('touchpoints').add(v1Step(ids.page, 1, 'page'));
    await v2.table('screenshots').add(v2Shot(ids.shot, ids.page, 'visible'));
    // An image attached to the step kept its file name as its title in v2.
    await v2
      .table('screenshots')
      .add({ ...v2Shot(ids.upload, ids.page, 'uploaded'), title: 'IMG_2041.jpg' });
    await v2.table('actionItems').add(v1Action());
    v2.close();

    const db = new AuditDatabase(name);
    const live = await parsedLive(db);
    expect(Journey.parse(await db.journeys.get(ids.journey))).toMatchObject({
      auditor: '',
      updatedAt: 1_600_000_000_000,
      ...V4_DEFAULTS.journey,
    });
    expect(Step.parse(await db.touchpoints.get(ids.page))).toMatchObject({
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
      shortened: [],
      ...V4_DEFAULTS.step,
    });
    expect(Screenshot.parse(await db.screenshots.get(ids.shot))).toMatchObject({
      updatedAt: 1_700_000_009_000,
      title: 'Plans',
      fileName: '',
    });
    expect(Screenshot.parse(await db.screenshots.get(ids.upload))).toMatchObject({
      title: 'Plans',
      fileName: 'IMG_2041.jpg',
    });
    expect(ActionItem.parse(await db.actionItems.get(ids.action))).toMatchObject({
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
      ...V4_DEFAULTS.action,
    });
    expect(live.audits[0]!.method.stages).toEqual([]);
    // The new tables exist and are empty; the step index on creation time works.
    expect(await db.deleted.count()).toBe(0);
    expect(await db.tombstones.count()).toBe(0);
    expect(await db.touchpoints.where('createdAt').above(0).count()).toBe(1);
    db.close();
  });

  it('v3 → v4: stages typed on steps become the audit’s custom stages; defaults everywhere, Recently deleted included', async () => {
    const other = {
      audit: '00000000-0000-4000-8000-0000000000d2',
      journey: '00000000-0000-4000-8000-0000000000a2',
      rival: '00000000-0000-4000-8000-0000000000a3',
      showroom: '00000000-0000-4000-8000-0000000000b3',
      again: '00000000-0000-4000-8000-0000000000b4',
      builtIn: '00000000-0000-4000-8000-0000000000b5',
      trashed: '00000000-0000-4000-8000-0000000000b6',
      trashedAction: '00000000-0000-4000-8000-0000000000e2',
    };
    const t = 1_700_000_000_000;
    const name = `migration-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores(V3_STORES);
    await v3.table('audits').bulkAdd([v3Audit(), { ...v3Audit(other.audit), name: 'Other' }]);
    await v3
      .table('journeys')
      .bulkAdd([
        v3Journey(),
        { ...v3Journey(other.rival), brandName: 'Fastwave', brandRole: 'competitor' },
        v3Journey(other.journey, other.audit),
      ]);
    await v3.table('touchpoints').bulkAdd([
      v3Step(ids.page, 1, 'page'),
      // Typed on the second step, but that step was made after the rival's showroom visit.
      v3Step(ids.offline, 2, 'offline', { stage: 'Callback queue', createdAt: t + 50 }),
      v3Step(other.showroom, 3, 'offline', {
        journeyId: other.rival,
        stage: 'Showroom visit',
        createdAt: t + 20,
      }),
      // The same text on another journey of the audit: defined once.
      v3Step(other.again, 1, 'offline', {
        journeyId: other.rival,
        stage: 'Callback queue',
        createdAt: t + 60,
      }),
      // A built-in stage in another audit: that audit gets no custom stage.
      v3Step(other.builtIn, 1, 'page', { journeyId: other.journey, stage: 'support' }),
    ]);
    await v3.table('screenshots').add(v3Shot(ids.shot, ids.page, 'visible'));
    await v3.table('images').add({ id: ids.shot, blob: new Blob(['abc']) });
    await v3.table('actionItems').add({ ...v3Action(), owner: 'Sales', status: 'in-progress' });
    // A deleted step (with its action item) in Recently deleted, its stage typed too.
    const trashedStep = v3Step(other.trashed, 3, 'offline', {
      stage: 'Complaint letter',
      createdAt: t + 90,
    });
    await v3.table('deleted').add({
      id: other.trashed,
      kind: 'step',
      auditId: ids.audit,
      journeyId: ids.journey,
      label: 'Callback',
      position: 3,
      deletedAt: t + 100,
      counts: { journeys: 0, steps: 1, images: 0 },
    });
    await v3.table('deletedContent').add({
      id: other.trashed,
      audits: [],
      journeys: [],
      touchpoints: [trashedStep],
      screenshots: [],
      actionItems: [v3Action(other.trashedAction, other.trashed)],
      images: [],
    });
    // Merge bases: the audit as it last crossed a bundle (unedited since), a step edited since.
    const auditHash = recordHash(v3Audit() as unknown as AnyRecord);
    await v3.table('mergeBase').bulkAdd([
      { id: ids.audit, base: auditHash, known: ['00000000000001', auditHash] },
      { id: ids.page, base: '00000000000002', known: ['00000000000002'] },
    ]);
    v3.close();

    const db = new AuditDatabase(name);
    const live = await parsedLive(db);
    const audit = Audit.parse(await db.audits.get(ids.audit));
    expect(audit.method).toEqual({
      types: [],
      stages: [
        { name: 'Showroom visit', after: null },
        { name: 'Callback queue', after: null },
        { name: 'Complaint letter', after: null },
      ],
      checklists: [],
      standards: [],
    });
    // Nothing was edited: edit times stay.
    expect(audit.updatedAt).toBe(1_600_000_000_500);
    expect(Audit.parse(await db.audits.get(other.audit)).method.stages).toEqual([]);
    for (const journey of live.journeys) expect(journey).toMatchObject(V4_DEFAULTS.journey);
    for (const step of live.touchpoints) expect(step).toMatchObject(V4_DEFAULTS.step);
    // Steps keep their stage text (now the name of a custom stage).
    expect(Step.parse(await db.touchpoints.get(ids.offline)).stage).toBe('Callback queue');
    expect(ActionItem.parse(await db.actionItems.get(ids.action))).toEqual({
      ...v3Action(),
      owner: 'Sales',
      status: 'in-progress',
      ...V4_DEFAULTS.action,
    });
    expect(Screenshot.parse(await db.screenshots.get(ids.shot)).updatedAt).toBe(1_700_000_009_000);

    // What Recently deleted holds comes back valid.
    const content = (await db.deletedContent.get(other.trashed))!;
    expect(Step.parse(content.touchpoints[0])).toMatchObject({
      stage: 'Complaint letter',
      ...V4_DEFAULTS.step,
    });
    expect(ActionItem.parse(content.actionItems[0])).toMatchObject(V4_DEFAULTS.action);

    // The audit's merge base names its new content (the upgrade is no edit); the step's, edited
    // here since it crossed, stays as it was.
    const upgraded = recordHash((await db.audits.get(ids.audit))!);
    expect(await db.mergeBase.get(ids.audit)).toEqual({
      id: ids.audit,
      base: upgraded,
      known: ['00000000000001', auditHash, upgraded],
    });
    expect(await db.mergeBase.get(ids.page)).toEqual({
      id: ids.page,
      base: '00000000000002',
      known: ['00000000000002'],
    });
    db.close();
  });

  it('v4 → v5: every screenshot lists no covered frames, Recently deleted included; held-back originals start empty', async () => {
    const trashed = {
      step: '00000000-0000-4000-8000-0000000000b7',
      shot: '00000000-0000-4000-8000-0000000000c7',
    };
    const name = `migration-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores(V4_STORES);
    await v4.table('audits').add(v4Audit());
    await v4.table('journeys').add(v4Journey());
    await v4.table('touchpoints').add(v4Step(ids.page, 1, 'page'));
    await v4
      .table('screenshots')
      .bulkAdd([
        { ...v4Shot(ids.shot, ids.page, 'visible'), redacted: true },
        v4Shot(ids.upload, ids.page, 'uploaded'),
      ]);
    await v4.table('images').add({ id: ids.shot, blob: new Blob(['abc']) });
    await v4.table('actionItems').add(v4Action());
    // A deleted step with its screenshot in Recently deleted.
    await v4.table('deleted').add({
      id: trashed.step,
      kind: 'step',
      auditId: ids.audit,
      journeyId: ids.journey,
      label: 'Callback',
      position: 2,
      deletedAt: 1_700_000_100_000,
      counts: { journeys: 0, steps: 1, images: 1 },
    });
    await v4.table('deletedContent').add({
      id: trashed.step,
      audits: [],
      journeys: [],
      touchpoints: [v4Step(trashed.step, 2, 'offline')],
      screenshots: [v4Shot(trashed.shot, trashed.step, 'uploaded')],
      actionItems: [],
      images: [{ id: trashed.shot, blob: new Blob(['def']) }],
    });
    // The screenshot as it last crossed a bundle (unedited since), the step edited since.
    const shotHash = recordHash({
      ...v4Shot(ids.shot, ids.page, 'visible'),
      redacted: true,
    } as unknown as AnyRecord);
    await v4.table('mergeBase').bulkAdd([
      { id: ids.shot, base: shotHash, known: [shotHash] },
      { id: ids.page, base: '00000000000002', known: ['00000000000002'] },
    ]);
    v4.close();

    const db = new AuditDatabase(name);
    const live = await parsedLive(db);
    for (const shot of live.screenshots) expect(shot.coveredFrames).toEqual([]);
    // Nothing else changed: edit times, flags and bytes stay.
    expect(Screenshot.parse(await db.screenshots.get(ids.shot))).toEqual({
      ...v4Shot(ids.shot, ids.page, 'visible'),
      redacted: true,
      coveredFrames: [],
    });
    expect(await (await db.images.get(ids.shot))?.blob.text()).toBe('abc');
    expect(live.audits[0]).toEqual(v4Audit());
    expect(live.touchpoints[0]).toEqual(v4Step(ids.page, 1, 'page'));
    expect(live.actionItems[0]).toEqual(v4Action());

    // What Recently deleted holds comes back valid.
    const content = (await db.deletedContent.get(trashed.step))!;
    expect(Screenshot.parse(content.screenshots[0]).coveredFrames).toEqual([]);
    expect(await content.images[0]!.blob.text()).toBe('def');

    // The new table exists, empty, with its index on steps.
    expect(await db.heldBack.count()).toBe(0);
    expect(await db.heldBack.where('touchpointId').equals(ids.page).count()).toBe(0);

    // The screenshot's merge base names its new content too (the upgrade is no edit).
    const upgraded = recordHash((await db.screenshots.get(ids.shot))!);
    expect(upgraded).not.toBe(shotHash);
    expect(await db.mergeBase.get(ids.shot)).toEqual({
      id: ids.shot,
      base: upgraded,
      known: [shotHash, upgraded],
    });
    expect(await db.mergeBase.get(ids.page)).toEqual({
      id: ids.page,
      base: '00000000000002',
      known: ['00000000000002'],
    });
    db.close();
  });

  describe.each([1, 2, 3, 4, 5])('v%i → v6: brands and waves from the journeys', (version) => {
    const day = 86_400_000;
    const t = Date.UTC(2026, 2, 10, 15, 30);
    const brightline = { name: 'Brightline', domain: '', role: 'own' } as const;
    // The same brand typed again, in another case and with other spaces, and its domain this time.
    const retyped = { name: '  brightLINE ', domain: 'brightline.test', role: 'own' } as const;
    const fastwave = { name: 'Fastwave', domain: 'fastwave.test', role: 'competitor' } as const;
    const skyline = { name: 'Skyline', domain: '', role: 'competitor' } as const;
    const j = {
      first: '00000000-0000-4000-8000-0000000000f1',
      again: '00000000-0000-4000-8000-0000000000f2',
      rival: '00000000-0000-4000-8000-0000000000f3',
      trashedSky: '00000000-0000-4000-8000-0000000000f4',
      trashedFast: '00000000-0000-4000-8000-0000000000f5',
      trashedAudit: '00000000-0000-4000-8000-0000000000d9',
      trashedAuditJourney: '00000000-0000-4000-8000-0000000000f6',
    };
    const trashEntry = (id: string, kind: string, auditId: string, content: object) => ({
      entry: {
        id,
        kind,
        auditId,
        journeyId: kind === 'journey' ? id : null,
        label: 'x',
        position: null,
        deletedAt: t + 9 * day,
        counts: { journeys: 1, steps: 0, images: 0 },
      },
      content: {
        id,
        audits: [],
        journeys: [],
        touchpoints: [],
        screenshots: [],
        actionItems: [],
        images: [],
        ...content,
      },
    });

    async function filled() {
      const name = `migration-v6-${version}-${Math.random()}`;
      const old = new Dexie(name);
      old.version(version).stores(STORES_AT[version]!);
      await old.table('audits').add(auditAt(version));
      await old
        .table('journeys')
        .bulkAdd([
          journeyAt(version, j.rival, fastwave, t + day),
          journeyAt(version, j.again, retyped, t + 2 * day),
          journeyAt(version, j.first, brightline, t),
        ]);
      if (version >= 3) {
        // Deleted before the upgrade: a journey of a brand no live journey names, one of a
        // brand that is live, and a whole audit.
        const entries = [
          trashEntry(j.trashedSky, 'journey', ids.audit, {
            journeys: [journeyAt(version, j.trashedSky, skyline, t + 3 * day)],
          }),
          trashEntry(j.trashedFast, 'journey', ids.audit, {
            journeys: [journeyAt(version, j.trashedFast, fastwave, t + 4 * day)],
          }),
          trashEntry(j.trashedAudit, 'audit', j.trashedAudit, {
            audits: [{ ...auditAt(version, j.trashedAudit), name: 'Old audit' }],
            journeys: [
              journeyAt(version, j.trashedAuditJourney, fastwave, t + 5 * day, j.trashedAudit),
            ],
          }),
        ];
        await old.table('deleted').bulkAdd(entries.map((e) => e.entry));
        await old.table('deletedContent').bulkAdd(entries.map((e) => e.content));
        // The first journey as it last crossed a bundle (unedited since).
        const hash = recordHash(journeyAt(version, j.first, brightline, t) as unknown as AnyRecord);
        await old.table('mergeBase').add({ id: j.first, base: hash, known: [hash] });
      }
      old.close();
      return new AuditDatabase(name);
    }

    it('one brand per name (case and spaces ignored) and role, every journey in one first wave', async () => {
      const db = await filled();
      const brands = (await db.brands.toArray()).map((b) => Brand.parse(b));
      const waves = (await db.waves.toArray()).map((w) => Wave.parse(w));
      const journeys = new Map(
        (await db.journeys.toArray()).map((r) => {
          const journey = Journey.parse(r);
          return [journey.id, journey];
        }),
      );
      expect(brands.map((b) => [b.name, b.domain, b.role, b.auditId]).sort()).toEqual([
        // Named as first typed, with the first domain typed.
        ['Brightline', 'brightline.test', 'own', ids.audit],
        ['Fastwave', 'fastwave.test', 'competitor', ids.audit],
      ]);
      const byName = new Map(brands.map((b) => [b.name, b]));
      expect(byName.get('Brightline')!.createdAt).toBe(t);
      expect(waves).toEqual([
        {
          id: waves[0]!.id,
          auditId: ids.audit,
          name: 'Wave 1',
          start: dayStart(t),
          end: dayStart(t + 2 * day),
          createdAt: t,
          updatedAt: t,
        },
      ]);
      expect(journeys.get(j.first)!.brandId).toBe(byName.get('Brightline')!.id);
      expect(journeys.get(j.again)!.brandId).toBe(byName.get('Brightline')!.id);
      expect(journeys.get(j.rival)!.brandId).toBe(byName.get('Fastwave')!.id);
      for (const journey of journeys.values()) {
        expect(journey.waveId).toBe(waves[0]!.id);
        expect(journey).not.toHaveProperty('brandName');
        // Nothing was edited: edit times stay.
        if (version >= 3) expect(journey.updatedAt).toBe(journey.createdAt);
      }
      // The new indexes work.
      expect(await db.journeys.where('brandId').equals(byName.get('Brightline')!.id).count()).toBe(
        2,
      );
      expect(await db.journeys.where('waveId').equals(waves[0]!.id).count()).toBe(3);
      expect(await db.brands.where('auditId').equals(ids.audit).count()).toBe(2);
      db.close();
    });

    it.skipIf(version < 3)(
      'journeys and audits deleted before the upgrade come back with their brands and wave',
      async () => {
        const db = await filled();
        const liveBrands = await db.brands.toArray();
        const [wave] = await db.waves.toArray();
        // The journey's merge base names its new content (the upgrade is no edit).
        const upgraded = recordHash((await db.journeys.get(j.first))!);
        expect((await db.mergeBase.get(j.first))?.base).toBe(upgraded);

        const sky = (await db.deletedContent.get(j.trashedSky))!;
        expect(sky.brands.map((b) => Brand.parse(b).name)).toEqual(['Skyline']);
        expect(sky.waves.map((w) => w.id)).toEqual([wave!.id]);
        expect(Journey.parse(sky.journeys[0])).toMatchObject({
          brandId: sky.brands[0]!.id,
          waveId: wave!.id,
        });

        const store = new AuditStore(
          db,
          () => t + 20 * day,
          () => crypto.randomUUID(),
          ROOMY_PROBE,
        );
        await store.restoreDeleted(j.trashedSky);
        await store.restoreDeleted(j.trashedFast);
        const brands = await store.listBrands(ids.audit);
        expect(brands.map((b) => b.name)).toEqual(['Brightline', 'Fastwave', 'Skyline']);
        // The live brands were kept as they were, not duplicated.
        expect(brands.filter((b) => b.name !== 'Skyline')).toEqual(
          expect.arrayContaining(liveBrands),
        );
        expect(await store.listWaves(ids.audit)).toEqual([wave]);
        const fast = Journey.parse(await store.getJourney(j.trashedFast));
        expect(fast.brandId).toBe(brands.find((b) => b.name === 'Fastwave')!.id);
        expect(Journey.parse(await store.getJourney(j.trashedSky)).brandId).toBe(brands[2]!.id);

        // A whole audit deleted before the upgrade comes back with its brand and a wave.
        await store.restoreDeleted(j.trashedAudit);
        const snapshot = await store.readAudit(j.trashedAudit);
        expect(snapshot.brands.map((b) => Brand.parse(b).name)).toEqual(['Fastwave']);
        expect(snapshot.waves.map((w) => Wave.parse(w).name)).toEqual(['Wave 1']);
        expect(snapshot.journeys[0]).toMatchObject({
          brandId: snapshot.brands[0]!.id,
          waveId: snapshot.waves[0]!.id,
        });
        // Brands of two audits are two records, though named alike.
        expect(snapshot.brands[0]!.id).not.toBe(fast.brandId);
        expect(await db.deleted.count()).toBe(0);
        db.close();
      },
    );
  });

  describe.each([1, 2, 3, 4, 5])(
    'v%i → now: records made before take the rest of the method (format 6 fields)',
    (version) => {
      it('unchanged by the upgrade (the new fields are optional), then written and read back', async () => {
        const name = `migration-method-${version}-${Math.random()}`;
        const old = new Dexie(name);
        old.version(version).stores(STORES_AT[version]!);
        const step = version >= 4 ? v4Step : version >= 3 ? v3Step : v1Step;
        const action = version >= 4 ? v4Action : version >= 3 ? v3Action : v1Action;
        await old.table('audits').add(auditAt(version));
        await old
          .table('journeys')
          .add(journeyAt(version, ids.journey, { name: 'Brightline', domain: '', role: 'own' }, 1));
        await old
          .table('touchpoints')
          .bulkAdd([step(ids.page, 1, 'page'), step(ids.offline, 2, 'offline')]);
        await old.table('actionItems').add(action());
        old.close();

        const db = new AuditDatabase(name);
        const steps = (await db.touchpoints.toArray()).map((r) => Step.parse(r));
        for (const record of steps) {
          for (const key of ['owner', 'reduce', 'person', 'tags']) {
            expect(Object.hasOwn(record, key), key).toBe(false);
          }
        }
        const [brand] = (await db.brands.toArray()).map((b) => Brand.parse(b));
        expect(Object.hasOwn(brand!, 'inventory')).toBe(false);

        const store = new AuditStore(
          db,
          () => 1_800_000_000_000,
          () => crypto.randomUUID(),
          ROOMY_PROBE,
        );
        await store.updateStep(ids.offline, {
          tags: ['price'],
          person: { who: 'Manager', transfer: true, repeated: false },
          reduce: { kind: 'merge', reason: 'same as the call before' },
          owner: { department: 'Sales', control: 'own' },
        });
        await store.updateJourney(ids.journey, { recommend: 8 });
        await store.updateBrand(brand!.id, { inventory: [{ typeId: 'web-form', present: true }] });
        await store.updateAudit(ids.audit, {
          funnel: [{ stage: 'contact', waveId: null, count: 40 }],
          expectations: [
            {
              id: '00000000-0000-4000-8000-0000000000f1',
              target: { kind: 'stage', stage: 'contact' },
              experience: 4,
              by: 'Sales director',
              note: '',
            },
          ],
        });
        await store.updateAction(ids.action, { effort: 'S', cost: 100 });

        expect(Step.parse(await db.touchpoints.get(ids.offline))).toMatchObject({
          tags: ['price'],
          person: { who: 'Manager', transfer: true, repeated: false },
          reduce: { kind: 'merge' },
          owner: { department: 'Sales', control: 'own' },
        });
        expect(Journey.parse(await db.journeys.get(ids.journey)).recommend).toBe(8);
        expect(Brand.parse(await db.brands.get(brand!.id)).inventory).toHaveLength(1);
        const audit = Audit.parse(await db.audits.get(ids.audit));
        expect(audit.funnel).toHaveLength(1);
        expect(audit.expectations![0]!.by).toBe('Sales director');
        expect(ActionItem.parse(await db.actionItems.get(ids.action))).toMatchObject({
          effort: 'S',
          cost: 100,
        });
        db.close();
      });
    },
  );
});
