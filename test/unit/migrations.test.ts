/** Every schema upgrade: fill the older version as it was released, reopen at the newest. */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { AuditDatabase } from '../../lib/db';
import { ActionItem, Journey, Screenshot, Touchpoint } from '../../lib/model';

// Version 1 exactly as released (frozen: imports nothing from the live schema).
const V1_STORES = {
  audits: 'id, updatedAt',
  journeys: 'id, auditId',
  touchpoints: 'id, journeyId, [journeyId+seq]',
  screenshots: 'id, touchpointId',
  images: 'id',
  actionItems: 'id, touchpointId',
};

const ids = {
  journey: '00000000-0000-4000-8000-0000000000a1',
  page: '00000000-0000-4000-8000-0000000000b1',
  offline: '00000000-0000-4000-8000-0000000000b2',
  shot: '00000000-0000-4000-8000-0000000000c1',
  upload: '00000000-0000-4000-8000-0000000000c2',
};

const v1Step = (id: string, seq: number, kind: 'page' | 'offline') => ({
  id,
  journeyId: ids.journey,
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
const v2Journey = {
  id: ids.journey,
  auditId: '00000000-0000-4000-8000-0000000000d1',
  brandName: 'Brightline',
  brandDomain: 'brightline.test',
  brandRole: 'own',
  task: 'quote',
  persona: '',
  entryChannel: 'search',
  createdAt: 1_600_000_000_000,
  finishedAt: null,
  outcome: null,
};

describe('schema migrations', () => {
  it('v1 → v2: screenshots get their evidence record from their step, unredacted and unannotated', async () => {
    const name = `migration-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(V1_STORES);
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
    v1.close();

    const db = new AuditDatabase(name);
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
    expect(Touchpoint.parse(await db.touchpoints.get(ids.page)).experience).toBe(3);
    expect(await (await db.images.get(ids.shot))?.blob.text()).toBe('abc');
    db.close();
  });

  it('v2 → v3: every record gets its edit time; steps their creation time and no shortened values', async () => {
    const name = `migration-${Math.random()}`;
    const v2 = new Dexie(name);
    v2.version(2).stores(V1_STORES);
    await v2.table('journeys').add(v2Journey);
    await v2.table('touchpoints').add(v1Step(ids.page, 1, 'page'));
    await v2.table('screenshots').add(v2Shot(ids.shot, ids.page, 'visible'));
    // An image attached to the step kept its file name as its title in v2.
    await v2
      .table('screenshots')
      .add({ ...v2Shot(ids.upload, ids.page, 'uploaded'), title: 'IMG_2041.jpg' });
    await v2.table('actionItems').add({
      id: ids.upload,
      touchpointId: ids.page,
      what: 'Answer faster',
      owner: '',
      due: null,
      status: 'open',
    });
    v2.close();

    const db = new AuditDatabase(name);
    expect(Journey.parse(await db.journeys.get(ids.journey))).toMatchObject({
      auditor: '',
      updatedAt: 1_600_000_000_000,
    });
    expect(Touchpoint.parse(await db.touchpoints.get(ids.page))).toMatchObject({
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
      shortened: [],
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
    expect(ActionItem.parse(await db.actionItems.get(ids.upload))).toMatchObject({
      createdAt: 1_700_000_000_001,
      updatedAt: 1_700_000_000_001,
    });
    // The new tables exist and are empty; the step index on creation time works.
    expect(await db.deleted.count()).toBe(0);
    expect(await db.tombstones.count()).toBe(0);
    expect(await db.touchpoints.where('createdAt').above(0).count()).toBe(1);
    db.close();
  });
});
