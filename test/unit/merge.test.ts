/**
 * Merging bundles between profiles: ids kept, newer edit wins, conflicts listed, idempotent; the
 * same brand or wave typed by two auditors proposed as one, made one only when confirmed.
 */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { readBundle } from '../../lib/bundle';
import { AuditDatabase, AuditStore, type ImportPlan } from '../../lib/db';
import { EMPTY_METHOD, type Audit } from '../../lib/model';
import { asVersion, pack, programmeOf, sampleFiles, type OldJourney } from './bundle-fixtures';
import { auditWithJourneys, createWalk, fakeImage, ROOMY_PROBE, testStore } from './helpers';

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

/** The matches of a plan as the preview ticks them: every one proposed, confirmed. */
const confirmed = (plan: ImportPlan) =>
  plan.matches.map(({ bundleId, localId }) => ({ bundleId, localId }));

/**
 * Two profiles sharing one audit; then each starts a walk of a brand and a wave neither had,
 * typed alike but not quite the same ("Skyport" / " skyport ", "Wave 2" / "wave 2").
 */
async function sameBrandTwice() {
  const shared = await twoProfiles();
  const { lead, auditor, audit } = shared;
  const mine = await createWalk(lead.store, {
    auditId: audit.id,
    brandName: 'Skyport',
    brandDomain: 'skyport.test',
    wave: 'Wave 2',
  });
  const theirs = await createWalk(auditor.store, {
    auditId: audit.id,
    brandName: '  skyport ',
    wave: 'wave 2',
    persona: 'student',
  });
  return { ...shared, mine, theirs };
}

describe('the same brand typed by two auditors', () => {
  it('is proposed once (with its wave), and confirmed becomes one brand with every walk on it', async () => {
    const { lead, auditor, audit, mine, theirs } = await sameBrandTwice();
    const bundle = await auditor.store.readDataSet(ALL);
    const preview = await lead.store.previewImport(bundle);
    expect(preview.matches).toEqual([
      expect.objectContaining({
        table: 'brands',
        auditId: audit.id,
        auditName: 'Broadband Q1',
        bundleId: theirs.brandId,
        bundleName: 'skyport',
        localId: mine.brandId,
        localName: 'Skyport',
        accepted: true,
      }),
      expect.objectContaining({
        table: 'waves',
        bundleId: theirs.waveId,
        bundleName: 'wave 2',
        localId: mine.waveId,
        accepted: true,
      }),
    ]);
    // Ticked (the preview's default): the bundle's brand and wave are not written, the walk is.
    expect(preview.counts.brands).toMatchObject({ new: 0, unchanged: 2 });
    expect(preview.counts.waves).toMatchObject({ new: 0, unchanged: 1 });
    expect(preview.counts.journeys).toMatchObject({ new: 1 });

    const applied = await lead.store.applyImport(bundle, confirmed(preview));
    expect(applied.conflicts).toEqual([]);
    const brands = await lead.store.listBrands(audit.id);
    expect(brands.map((b) => b.name).sort()).toEqual(['Brightline', 'Fastwave', 'Skyport']);
    expect(await lead.db.brands.get(theirs.brandId)).toBeUndefined();
    expect(await lead.db.waves.get(theirs.waveId)).toBeUndefined();
    const walked = await lead.db.journeys.get(theirs.id);
    expect(walked).toMatchObject({
      brandId: mine.brandId,
      waveId: mine.waveId,
      persona: 'student',
    });
    expect(
      (await lead.db.journeys.where('brandId').equals(mine.brandId).toArray()).map((j) => j.id),
    ).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('imported again with the same choice changes nothing', async () => {
    const { lead, auditor } = await sameBrandTwice();
    const bundle = await auditor.store.readDataSet(ALL);
    const choice = confirmed(await lead.store.previewImport(bundle));
    await lead.store.applyImport(bundle, choice);
    const before = await lead.store.readDataSet(ALL);

    const preview = await lead.store.previewImport(bundle);
    expect(preview.matches.map((m) => m.accepted)).toEqual([true, true]);
    expect(preview.nothingToDo).toBe(true);
    const again = await lead.store.applyImport(bundle, confirmed(preview));
    expect(again.nothingToDo).toBe(true);
    expect(again.counts.journeys).toMatchObject({ new: 0, changed: 0, unchanged: 3 });
    expect(await lead.store.readDataSet(ALL)).toEqual(before);
  });

  it('declined, the bundle’s brand is imported beside ours: the same name twice', async () => {
    const { lead, auditor, audit, mine, theirs } = await sameBrandTwice();
    const bundle = await auditor.store.readDataSet(ALL);
    const preview = await lead.store.previewImport(bundle, []);
    expect(preview.matches.map((m) => m.accepted)).toEqual([false, false]);
    expect(preview.counts.brands).toMatchObject({ new: 1 });
    await lead.store.applyImport(bundle, []);
    const skyports = (await lead.store.listBrands(audit.id)).filter((b) => /skyport/i.test(b.name));
    expect(skyports.map((b) => b.id).sort()).toEqual([mine.brandId, theirs.brandId].sort());
    expect(await lead.db.journeys.get(theirs.id)).toMatchObject({
      brandId: theirs.brandId,
      waveId: theirs.waveId,
    });
    // Sent back, the two stay apart: the bundle holds both, so nothing is proposed.
    const back = await auditor.store.previewImport(await lead.store.readDataSet(ALL));
    expect(back.matches).toEqual([]);
  });

  it('one confirmed, one declined: only the brand becomes one', async () => {
    const { lead, auditor, mine, theirs } = await sameBrandTwice();
    const bundle = await auditor.store.readDataSet(ALL);
    const preview = await lead.store.previewImport(bundle);
    const brandOnly = confirmed(preview).filter((c) => c.bundleId === theirs.brandId);
    await lead.store.applyImport(bundle, brandOnly);
    expect(await lead.db.journeys.get(theirs.id)).toMatchObject({
      brandId: mine.brandId,
      waveId: theirs.waveId,
    });
    expect(await lead.db.waves.get(theirs.waveId)).toBeDefined();
  });

  it('nothing is matched that was not proposed: no choice, or a choice naming another brand', async () => {
    const { lead, auditor, audit, mine, theirs } = await sameBrandTwice();
    const bundle = await auditor.store.readDataSet(ALL);
    const other = (await lead.store.listBrands(audit.id)).find((b) => b.name === 'Fastwave')!;
    const plan = await lead.store.applyImport(bundle, [
      { bundleId: theirs.brandId, localId: other.id },
    ]);
    expect(plan.matches.every((m) => !m.accepted)).toBe(true);
    expect(await lead.db.journeys.get(theirs.id)).toMatchObject({ brandId: theirs.brandId });
    expect(await lead.db.brands.get(mine.brandId)).toBeDefined();
  });

  it('an audit that is not here yet proposes nothing', async () => {
    const { auditor } = await sameBrandTwice();
    const fresh = testStore(Date.UTC(2026, 0, 5, 11), 3);
    const plan = await fresh.store.previewImport(await auditor.store.readDataSet(ALL));
    expect(plan.matches).toEqual([]);
    expect(plan.counts.brands).toMatchObject({ new: 3 });
  });
});

describe('brands and waves merge record by record', () => {
  it('a brand renamed on both sides: the newer name wins and the conflict names the brand', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    lead.clock.advance(60_000);
    await lead.store.updateBrand(rival.brandId, { name: 'Fastwave Ltd' });
    auditor.clock.advance(2 * 3600_000); // the auditor renames it later
    await auditor.store.updateBrand(rival.brandId, { name: 'FastWave' });
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        table: 'brands',
        id: rival.brandId,
        label: 'FastWave',
        reason: 'both-edited',
        winner: 'bundle',
      }),
    ]);
    expect(plan.matches).toEqual([]);
    expect((await lead.db.brands.get(rival.brandId))?.name).toBe('FastWave');
  });

  it('a walk edited on both sides is named by its brand and wave', async () => {
    const { lead, auditor, own } = await twoProfiles();
    await lead.store.updateJourney(own.id, { persona: 'lead' });
    auditor.clock.advance(3600_000);
    await auditor.store.updateJourney(own.id, { persona: 'auditor' });
    const plan = await lead.store.previewImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ table: 'journeys', label: 'Brightline · Wave 1' }),
    ]);
  });

  it('a brand deleted in the bundle stays while walks here use it', async () => {
    const { lead, auditor, audit, rival } = await twoProfiles();
    // The lead walks the competitor again; the auditor deletes the walk and then the brand.
    const again = await createWalk(lead.store, { auditId: audit.id, brandName: 'Fastwave' });
    expect(again.brandId).toBe(rival.brandId);
    auditor.clock.advance(3600_000);
    await auditor.store.deleteJourney(rival.id);
    await auditor.store.deleteBrand(rival.brandId);
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.counts.journeys.removed).toBe(1);
    expect(plan.counts.brands.removed).toBe(0);
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        table: 'brands',
        id: rival.brandId,
        reason: 'deleted-in-bundle-used-here',
        winner: 'here',
      }),
    ]);
    expect(await lead.db.brands.get(rival.brandId)).toBeDefined();
    expect(await lead.db.journeys.get(rival.id)).toBeUndefined();
  });

  it('a brand deleted in the bundle with its walks goes to Recently deleted here', async () => {
    const { lead, auditor, rival } = await twoProfiles();
    auditor.clock.advance(3600_000);
    await auditor.store.deleteJourney(rival.id);
    await auditor.store.deleteBrand(rival.brandId);
    const plan = await lead.store.applyImport(await auditor.store.readDataSet(ALL));
    expect(plan.conflicts).toEqual([]);
    expect(plan.counts.brands.removed).toBe(1);
    expect(await lead.db.brands.get(rival.brandId)).toBeUndefined();
    expect((await lead.store.listDeleted()).map((e) => e.kind).sort()).toEqual([
      'brand',
      'journey',
    ]);
  });
});

describe('an older bundle and a profile upgraded in place', () => {
  it('agree on every brand, wave and walk: importing the one into the other changes nothing', async () => {
    const t = Date.UTC(2025, 10, 3, 9);
    const audit: Audit = {
      id: '00000000-0000-4000-8000-00000000a001',
      name: 'Broadband Q4',
      client: 'Brightline',
      defaultTask: 'request a callback',
      method: EMPTY_METHOD,
      createdAt: t,
      updatedAt: t,
    };
    const old = (n: number, brandName: string, brandRole: 'own' | 'competitor', at: number) =>
      ({
        id: `00000000-0000-4000-8000-00000000b00${n}`,
        auditId: audit.id,
        brandName,
        brandDomain: '',
        brandRole,
        task: 'request a callback',
        persona: '',
        entryChannel: 'search',
        auditor: '',
        createdAt: at,
        updatedAt: at,
        finishedAt: null,
        outcome: null,
        measurements: [],
      }) satisfies OldJourney;
    const journeys = [
      old(1, 'Brightline', 'own', t),
      old(2, 'Fastwave', 'competitor', t + 86_400_000),
      old(3, ' fastWAVE', 'competitor', t + 2 * 86_400_000),
    ];
    // A profile at database version 5 (brands on journeys), upgraded in place when opened.
    const name = `upgraded-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      audits: 'id, updatedAt',
      journeys: 'id, auditId',
      touchpoints: 'id, journeyId, [journeyId+seq], createdAt',
      screenshots: 'id, touchpointId',
      images: 'id',
      actionItems: 'id, touchpointId',
      deleted: 'id, deletedAt',
      deletedContent: 'id',
      tombstones: 'id, auditId',
      mergeBase: 'id',
      scratch: 'id',
      heldBack: 'id, touchpointId',
    });
    await v5.table('audits').add(audit);
    await v5.table('journeys').bulkAdd(journeys);
    v5.close();
    const store = new AuditStore(
      new AuditDatabase(name),
      () => t + 9e8,
      () => crypto.randomUUID(),
      ROOMY_PROBE,
    );

    // The same records as a version 4 bundle.
    const data = { audits: [audit], ...programmeOf([audit], journeys) };
    const empty = { touchpoints: [], screenshots: [], actionItems: [], images: [], deletions: [] };
    const files = asVersion(4, await sampleFiles({ ...data, ...empty }));
    const { data: read } = await readBundle(pack(files, { fixManifest: false }));

    const plan = await store.previewImport(read);
    expect(plan.counts.brands).toMatchObject({ unchanged: 2, new: 0 });
    expect(plan.counts.waves).toMatchObject({ unchanged: 1, new: 0 });
    expect(plan.counts.journeys).toMatchObject({ unchanged: 3, new: 0 });
    expect(plan.matches).toEqual([]);
    expect(plan.nothingToDo).toBe(true);
  });
});
