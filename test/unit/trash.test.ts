/**
 * Recently deleted: steps, journeys, brands, waves and audits go there whole and come back where
 * they were.
 */
import { describe, expect, it } from 'vitest';
import { RestoreError } from '../../lib/db';
import { auditWithJourneys, createWalk, fakeImage, testStore } from './helpers';

async function walk(
  store: ReturnType<typeof testStore>['store'],
  journeyId: string,
  titles: string[],
  clock: ReturnType<typeof testStore>['clock'],
) {
  const steps = [];
  for (const title of titles) {
    steps.push(
      await store.addStep({
        journeyId,
        kind: 'page',
        url: `https://a.test/${title}`,
        title,
        at: clock.advance(1000),
        images: [fakeImage(title)],
      }),
    );
  }
  return steps;
}

async function counts(db: ReturnType<typeof testStore>['db']) {
  return {
    audits: await db.audits.count(),
    journeys: await db.journeys.count(),
    steps: await db.touchpoints.count(),
    shots: await db.screenshots.count(),
    images: await db.images.count(),
    deleted: await db.deleted.count(),
  };
}

describe('Recently deleted', () => {
  it('a deleted step keeps its images there and comes back at its position', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const [, b] = await walk(store, own.id, ['A', 'B', 'C'], clock);
    const entry = await store.deleteStep(b!.id);
    expect(entry).toMatchObject({ kind: 'step', label: 'B', position: 2, journeyId: own.id });
    expect(entry.counts).toEqual({ journeys: 0, steps: 1, images: 1 });
    expect((await store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual(['1A', '2C']);
    expect(await counts(db)).toMatchObject({ steps: 2, images: 2, deleted: 1 });
    expect(await db.tombstones.get(b!.id)).toMatchObject({ table: 'touchpoints' });
    expect((await store.listDeleted()).map((e) => e.id)).toEqual([b!.id]);

    await store.restoreDeleted(entry.id);
    expect((await store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual([
      '1A',
      '2B',
      '3C',
    ]);
    expect(await counts(db)).toMatchObject({ steps: 3, images: 3, deleted: 0 });
    expect(await db.tombstones.count()).toBe(0);
    expect(await (await store.getImage((await store.listScreenshots([b!.id]))[0]!.id))?.size).toBe(
      1000,
    );
  });

  it('a deleted journey takes its steps and images; a deleted audit takes its journeys', async () => {
    const { store, db, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    await walk(store, own.id, ['A', 'B'], clock);
    await walk(store, rival.id, ['X'], clock);
    const journeyEntry = await store.deleteJourney(own.id);
    expect(journeyEntry.counts).toEqual({ journeys: 1, steps: 2, images: 2 });
    expect(await counts(db)).toMatchObject({ journeys: 1, steps: 1, images: 1, deleted: 1 });
    const auditEntry = await store.deleteAudit(audit.id);
    expect(auditEntry.counts).toEqual({ journeys: 1, steps: 1, images: 1 });
    expect(await counts(db)).toMatchObject({
      audits: 0,
      journeys: 0,
      steps: 0,
      images: 0,
      deleted: 2,
    });

    // The journey cannot come back before its audit; the error names what to restore first.
    const blocked = await store.restoreDeleted(journeyEntry.id).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(RestoreError);
    expect((blocked as RestoreError).parent).toBe('audit');
    expect(await counts(db)).toMatchObject({ audits: 0, deleted: 2 });

    await store.restoreDeleted(auditEntry.id);
    await store.restoreDeleted(journeyEntry.id);
    expect(await counts(db)).toMatchObject({
      audits: 1,
      journeys: 2,
      steps: 3,
      images: 3,
      deleted: 0,
    });
  });

  it('emptying removes the entries for good but keeps the tombstones', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const [a] = await walk(store, own.id, ['A'], clock);
    await store.deleteStep(a!.id);
    expect(await store.emptyDeleted()).toBe(1);
    expect(await counts(db)).toMatchObject({ steps: 0, images: 0, deleted: 0 });
    expect(await db.deletedContent.count()).toBe(0);
    expect(await db.tombstones.count()).toBe(2); // the step and its screenshot
  });

  it('a deleted audit takes its brands and waves; restoring brings them back, emptying ends them', async () => {
    const { store, db } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    await store.createWave({ auditId: audit.id, name: 'Wave 2', start: 0, end: 0 });
    const entry = await store.deleteAudit(audit.id);
    expect(await db.brands.count()).toBe(0);
    expect(await db.waves.count()).toBe(0);
    const content = (await db.deletedContent.get(entry.id))!;
    expect(content.brands.map((b) => b.name).sort()).toEqual(['Brightline', 'Fastwave']);
    expect(content.waves.map((w) => w.name).sort()).toEqual(['Wave 1', 'Wave 2']);
    const tombstones = await db.tombstones.toArray();
    expect(tombstones.filter((t) => t.table === 'brands')).toHaveLength(2);
    expect(tombstones.filter((t) => t.table === 'waves')).toHaveLength(2);

    await store.restoreDeleted(entry.id);
    expect((await store.listBrands(audit.id)).map((b) => b.name)).toEqual([
      'Brightline',
      'Fastwave',
    ]);
    expect(await store.listWaves(audit.id)).toHaveLength(2);
    expect((await store.getJourney(own.id))?.brandId).toBe(own.brandId);
    expect(await db.tombstones.count()).toBe(0);

    await store.deleteAudit(audit.id);
    expect(await store.emptyDeleted()).toBe(1);
    expect(await db.deletedContent.count()).toBe(0);
    expect(await db.brands.count()).toBe(0);
    const left = await db.tombstones.toArray();
    expect(left.filter((t) => t.table === 'brands' || t.table === 'waves')).toHaveLength(4);
  });

  it('a deleted journey keeps its brand and wave there (not deleted) and comes back even after they were', async () => {
    const { store, db } = testStore();
    const { audit, rival } = await auditWithJourneys(store);
    const entry = await store.deleteJourney(rival.id);
    expect(entry.label).toBe('Fastwave · Wave 1');
    // The brand and wave stay, without tombstones; the entry holds copies of them.
    expect(await db.brands.get(rival.brandId)).toBeDefined();
    expect(await db.tombstones.get(rival.brandId)).toBeUndefined();
    const content = (await db.deletedContent.get(entry.id))!;
    expect(content.brands.map((b) => b.id)).toEqual([rival.brandId]);
    expect(content.waves.map((w) => w.id)).toEqual([rival.waveId]);

    // No walk uses the brand now: it can be deleted; the journey brings it back.
    const brandEntry = await store.deleteBrand(rival.brandId);
    await store.restoreDeleted(entry.id);
    expect((await store.getJourney(rival.id))?.brandId).toBe(rival.brandId);
    expect((await db.brands.get(rival.brandId))?.name).toBe('Fastwave');
    expect(await db.tombstones.get(rival.brandId)).toBeUndefined();
    await expect(store.restoreDeleted(brandEntry.id)).rejects.toThrow(/already back/);

    // Deleted again, the brand too, and a new brand of its name made: the walk joins that one.
    const again = await store.deleteJourney(rival.id);
    await store.deleteBrand(rival.brandId);
    const fresh = await store.createBrand({
      auditId: audit.id,
      name: 'fastwave',
      domain: '',
      role: 'competitor',
    });
    await store.restoreDeleted(again.id);
    expect((await store.getJourney(rival.id))?.brandId).toBe(fresh.id);
    expect((await store.listBrands(audit.id)).map((b) => b.name)).toEqual([
      'Brightline',
      'fastwave',
    ]);
  });

  it('a deleted brand or wave comes back only to its audit', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    const spare = await createWalk(store, { auditId: audit.id, brandName: 'Spare', wave: 'W2' });
    await store.deleteJourney(spare.id);
    const waveEntry = await store.deleteWave(spare.waveId);
    expect(waveEntry.counts).toEqual({ journeys: 0, steps: 0, images: 0 });
    await store.deleteAudit(audit.id);
    await expect(store.restoreDeleted(waveEntry.id)).rejects.toBeInstanceOf(RestoreError);
  });
});
