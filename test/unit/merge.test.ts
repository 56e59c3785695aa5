/** Merging bundles between profiles: ids kept, newer edit wins, conflicts listed, idempotent. */
import { describe, expect, it } from 'vitest';
import type { AuditStore } from '../../lib/db';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

const ALL = { kind: 'all' } as const;

async function addPage(store: AuditStore, journeyId: string, title: string, at: number) {
  return store.addStep({
    journeyId,
    kind: 'page',
    url: `https://a.test/${title}`,
    title,
    at,
    images: [fakeImage(title)],
  });
}

async function twoProfiles() {
  const lead = testStore(Date.UTC(2026, 0, 5, 9), 1);
  const auditor = testStore(Date.UTC(2026, 0, 5, 10), 2);
  const { audit, own, rival } = await auditWithJourneys(lead.store);
  // The lead shares the audit; the auditor imports it and walks the competitor.
  await auditor.store.applyImport(await lead.store.readDataSet(ALL));
  return { lead, auditor, audit, own, rival };
}

describe('import and merge', () => {
  it('imports everything new, then the same bundle again changes nothing', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const a = await addPage(auditor.store, rival.id, 'Home', auditor.clock.advance(1000));
    await addPage(auditor.store, rival.id, 'Plans', auditor.clock.advance(1000));
    const bundle = await auditor.store.readDataSet(ALL);
    const preview = await lead.store.previewImport(bundle);
    expect(preview.counts.touchpoints).toMatchObject({ new: 2, changed: 0, unchanged: 0 });
    expect(preview.counts.journeys).toMatchObject({ unchanged: 2 });
    expect(preview.imageCount).toBe(2);
    expect(await lead.db.touchpoints.count()).toBe(0); // a preview writes nothing
    const applied = await lead.store.applyImport(bundle);
    expect(applied.conflicts).toEqual([]);
    expect((await lead.store.listSteps(rival.id)).map((s) => s.id)).toContain(a.id);
    expect(await lead.db.images.count()).toBe(2);

    const again = await lead.store.applyImport(bundle);
    expect(again.nothingToDo).toBe(true);
    expect(again.counts.touchpoints).toMatchObject({ new: 0, changed: 0, unchanged: 2 });
    expect(await lead.db.touchpoints.count()).toBe(2);
  });

  it('takes an edit made on one side only without calling it a conflict', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const step = await addPage(auditor.store, rival.id, 'Home', auditor.clock.advance(1000));
    await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    auditor.clock.advance(60_000);
    await auditor.store.updateStep(step.id, { experience: 2, note: 'slow' });
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.counts.touchpoints).toMatchObject({ changed: 1 });
    expect(plan.conflicts).toEqual([]);
    expect((await lead.db.touchpoints.get(step.id))?.note).toBe('slow');
  });

  it('the same step edited in two places: the newer edit wins and the conflict is listed', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const step = await addPage(auditor.store, rival.id, 'Home', auditor.clock.advance(1000));
    await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    lead.clock.advance(5 * 3600_000); // the lead edits later than the auditor
    await lead.store.updateStep(step.id, { note: 'lead' });
    await auditor.store.updateStep(step.id, { note: 'auditor' });
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        table: 'touchpoints',
        id: step.id,
        reason: 'both-edited',
        winner: 'here',
      }),
    ]);
    expect((await lead.db.touchpoints.get(step.id))?.note).toBe('lead');
    // The other way round the lead's edit (newer) wins in the auditor's profile.
    const back = await auditor.store.applyImport(await lead.store.readDataSet(ALL));
    expect(back.conflicts[0]).toMatchObject({ winner: 'bundle' });
    expect((await auditor.db.touchpoints.get(step.id))?.note).toBe('lead');
  });

  it('a step deleted here stays deleted; a step deleted in the bundle moves to Recently deleted', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const home = await addPage(auditor.store, rival.id, 'Home', auditor.clock.advance(1000));
    const plans = await addPage(auditor.store, rival.id, 'Plans', auditor.clock.advance(1000));
    const first = await auditor.store.readDataSet(ALL);
    await lead.store.applyImport(first);
    lead.clock.advance(10 * 3600_000);
    await lead.store.deleteStep(home.id);
    const replay = await lead.store.applyImport(first);
    // Plans moved up to position 1 here (an edit here only): kept as it is here.
    expect(replay.counts.touchpoints).toMatchObject({ skipped: 1, kept: 1 });
    expect(replay.counts.screenshots).toMatchObject({ skipped: 1 });
    expect(replay.conflicts).toEqual([]); // the bundle's version is the one deleted here
    expect(await lead.db.touchpoints.get(home.id)).toBeUndefined();

    auditor.clock.advance(20 * 3600_000);
    await auditor.store.deleteStep(plans.id);
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.counts.touchpoints.removed).toBe(1);
    expect(await lead.db.touchpoints.get(plans.id)).toBeUndefined();
    expect((await lead.store.listDeleted()).map((e) => e.id)).toContain(plans.id);
  });

  it('our own version coming back is recognised: kept here, no conflict', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const step = await addPage(lead.store, rival.id, 'Home', lead.clock.advance(1000));
    const shared = await lead.store.readDataSet(ALL);
    await lead.store.recordExported(shared);
    await auditor.store.applyImport(shared);
    // The lead changes the step after sharing it; the auditor sends the old version back.
    lead.clock.advance(60_000);
    await lead.store.updateStep(step.id, { note: 'after sharing' });
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([]);
    expect(plan.counts.touchpoints).toMatchObject({ kept: 1 });
    expect((await lead.db.touchpoints.get(step.id))?.note).toBe('after sharing');
  });

  it('an edit here is never overwritten silently by an edit made elsewhere', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    const step = await addPage(lead.store, rival.id, 'Home', lead.clock.advance(1000));
    const v1 = await lead.store.readDataSet(ALL);
    await auditor.store.applyImport(v1);
    await lead.store.recordExported(v1);
    // Both edit the version they have; the auditor's edit is the newer one.
    await lead.store.updateStep(step.id, { note: 'lead' });
    auditor.clock.advance(24 * 3600_000);
    await auditor.store.updateStep(step.id, { note: 'auditor' });
    const plan = await lead.store.previewImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ id: step.id, reason: 'both-edited', winner: 'bundle' }),
    ]);
  });

  it('steps two auditors added to one journey are numbered 1..n again', async () => {
    const { lead, auditor, own } = await twoProfiles();
    await addPage(lead.store, own.id, 'L1', lead.clock.advance(1000));
    await addPage(auditor.store, own.id, 'A1', auditor.clock.advance(1000));
    await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect((await lead.store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual([
      '1L1',
      '2A1',
    ]);
  });
});
