import { describe, expect, it } from 'vitest';
import {
  DuplicateNameError,
  InUseError,
  InvalidRecordError,
  NotFoundError,
  RestoreError,
  StorageFullError,
  WalksInUseError,
} from '../../lib/db';
import { StoreCore } from '../../lib/db/core';
import { LIMITS } from '../../lib/model';
import {
  auditWithJourneys,
  createWalk,
  fakeImage,
  ROOMY_PROBE,
  TEST_WAVE_PERIOD,
  testStore,
} from './helpers';

describe('AuditStore', () => {
  it('creates audits and journeys and lists them', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    expect((await store.listAudits()).map((a) => a.id)).toEqual([audit.id]);
    const brands = await store.listBrands(audit.id);
    const name = new Map(brands.map((b) => [b.id, b.name]));
    expect((await store.listJourneys(audit.id)).map((j) => name.get(j.brandId))).toEqual([
      'Brightline',
      'Fastwave',
    ]);
    expect(own.outcome).toBeNull();
    expect(brands.find((b) => b.id === rival.brandId)?.role).toBe('competitor');
    // Both walks are in the one wave the first created.
    expect(rival.waveId).toBe(own.waveId);
  });

  it('refuses a journey with bad input and names the field', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    await expect(
      store.createJourney({
        auditId: audit.id,
        brand: { name: '  ', domain: '', role: 'own' },
        wave: { name: 'Wave 2', start: 0, end: 0 },
        task: '',
        persona: '',
        entryChannel: 'search',
        auditor: '',
      }),
    ).rejects.toThrow(/brand\.name/);
    expect(await store.listJourneys(audit.id)).toHaveLength(2);
    expect(await store.listWaves(audit.id)).toHaveLength(1);
  });

  it('appends captured steps with sequence, defaults and images in one record set', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const first = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://brightline.test/',
      title: 'Home',
      at: clock.now(),
      images: [fakeImage()],
    });
    await store.updateStep(first.id, { stage: 'offer' });
    const second = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://brightline.test/plans',
      title: 'Plans',
      at: clock.advance(5000),
      images: [fakeImage()],
    });
    expect(first.seq).toBe(1);
    expect(second.seq).toBe(2);
    expect(second.stage).toBe('offer'); // inherits the previous step's stage
    expect(second.channel).toBe('website');
    expect(second.category).toBe('technology');
    const shots = await store.listScreenshots([first.id, second.id]);
    expect(shots).toHaveLength(2);
    expect(await db.images.count()).toBe(2);
    const blob = await store.getImage(shots[0]!.id);
    expect(blob?.size).toBe(1000);
  });

  it('keeps recorded values beyond their limit shortened and says so on the step', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const url = `https://a.test/?q=${'u'.repeat(LIMITS.url)}`;
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url,
      title: 't'.repeat(LIMITS.title + 5),
      note: 'n'.repeat(LIMITS.note + 1),
      at: clock.now(),
      images: [fakeImage()],
    });
    expect(step.url).toHaveLength(LIMITS.url);
    expect(step.title).toHaveLength(LIMITS.title);
    expect(step.note).toHaveLength(LIMITS.note);
    expect(step.shortened).toEqual([
      { field: 'url', length: url.length },
      { field: 'title', length: LIMITS.title + 5 },
      { field: 'note', length: LIMITS.note + 1 },
    ]);
    const [shot] = await store.listScreenshots([step.id]);
    expect(shot!.url).toBe(step.url);
    // Values within their limits are kept whole and nothing is listed.
    const whole = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: `https://a.test/#${'x'.repeat(70_000)}`,
      title: 'Plans',
      at: clock.now(),
    });
    expect(whole.url).toHaveLength(70_000 + 16);
    expect(whole.shortened).toEqual([]);
  });

  it('refuses non-http(s) page URLs', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    await expect(
      store.addStep({
        journeyId: own.id,
        kind: 'page',
        url: 'javascript:alert(1)',
        title: 'x',
        at: clock.now(),
      }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    expect(await store.listSteps(own.id)).toEqual([]);
  });

  it('leaves nothing behind when the image write fails inside the capture transaction', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    db.images.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(
      store.addStep({
        journeyId: own.id,
        kind: 'page',
        url: 'https://a.test/',
        title: 'A',
        at: clock.now(),
        images: [fakeImage()],
      }),
    ).rejects.toBeInstanceOf(StorageFullError);
    // The store stopped and closed its connection; a fresh look shows nothing was half-written.
    expect(store.storage.state).toMatchObject({ kind: 'halted', reason: 'failed' });
    await db.open();
    expect(await db.touchpoints.count()).toBe(0);
    expect(await db.screenshots.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
  });

  it('reorders, deletes with undo, and keeps the sequence gapless', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const ids: string[] = [];
    for (const title of ['A', 'B', 'C', 'D']) {
      ids.push(
        (
          await store.addStep({
            journeyId: own.id,
            kind: 'page',
            url: `https://a.test/${title}`,
            title,
            at: clock.advance(1000),
            images: [fakeImage(title)],
          })
        ).id,
      );
    }
    await store.moveStep(ids[3]!, 1);
    expect((await store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual([
      '1D',
      '2A',
      '3B',
      '4C',
    ]);
    const deleted = await store.deleteStep(ids[1]!);
    expect((await store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual([
      '1D',
      '2A',
      '3C',
    ]);
    expect(await db.images.count()).toBe(3);
    await store.restoreDeleted(deleted.id);
    expect((await store.listSteps(own.id)).map((s) => `${s.seq}${s.title}`)).toEqual([
      '1D',
      '2A',
      '3B',
      '4C',
    ]);
    expect(await db.images.count()).toBe(4);
  });

  it('validates step edits against the score ranges', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'offline',
      url: null,
      title: 'Call',
      at: clock.now(),
      channel: 'phone',
    });
    expect(step.category).toBe('staff');
    await expect(store.updateStep(step.id, { experience: 6 })).rejects.toThrow(/experience/);
    await expect(store.updateStep(step.id, { importance: 0 })).rejects.toThrow(/importance/);
    const edited = await store.updateStep(step.id, {
      experience: 2,
      importance: 9,
      likelihood: 0,
      weakLink: true,
      note: 'Waited 20 min',
    });
    expect(edited).toMatchObject({ experience: 2, importance: 9, likelihood: 0, weakLink: true });
  });

  it('finishes and reopens a journey', async () => {
    const { store } = testStore();
    const { own } = await auditWithJourneys(store);
    await store.finishJourney(own.id, 'blocked');
    expect((await store.getJourney(own.id))?.outcome).toBe('blocked');
    await store.finishJourney(own.id, null);
    expect((await store.getJourney(own.id))?.finishedAt).toBeNull();
  });
});

describe('evidence, redaction and annotations', () => {
  it('records where, when and with what browser each image was taken', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://a.test/x',
      title: 'X',
      at: clock.now(),
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
      images: [
        { ...fakeImage(), mode: 'full-page', part: 0, parts: 2 },
        { ...fakeImage(), mode: 'full-page', part: 1, parts: 2 },
      ],
      userAgent: 'TestBrowser/1.0',
    });
    const shots = (await store.listScreenshots([step.id])).sort((a, b) => a.part - b.part);
    expect(shots.map((s) => [s.part, s.parts, s.mode])).toEqual([
      [0, 2, 'full-page'],
      [1, 2, 'full-page'],
    ]);
    expect(shots[0]).toMatchObject({
      url: 'https://a.test/x',
      title: 'X',
      capturedAt: clock.now(),
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 1,
      userAgent: 'TestBrowser/1.0',
      redacted: false,
    });
  });

  it('replaces pixels (redaction) without keeping the original, and stores annotations apart', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://a.test/',
      title: 'A',
      at: clock.now(),
      images: [fakeImage('a', 10)],
    });
    const [shot] = await store.listScreenshots([step.id]);
    await store.updateAnnotations(shot!.id, [
      { kind: 'box', x: 1, y: 2, width: 30, height: 40, color: 'red' },
      { kind: 'text', x: 5, y: 5, text: 'Price hidden', color: 'yellow' },
    ]);
    await expect(
      store.updateAnnotations(shot!.id, [{ kind: 'text', x: 1, y: 1, text: '', color: 'red' }]),
    ).rejects.toThrow(/annotations/);
    const redacted = await store.replaceImage(shot!.id, {
      ...fakeImage('b', 20),
      sha256: 'c'.repeat(64),
      redacted: true,
    });
    expect(redacted).toMatchObject({ bytes: 20, sha256: 'c'.repeat(64), redacted: true });
    expect(redacted.annotations).toHaveLength(2);
    expect((await store.getImage(shot!.id))?.size).toBe(20);
    expect(await db.images.count()).toBe(1);
  });
});

describe('replaceImage with an expected hash', () => {
  it('replaces only when the stored bytes are still the expected ones', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://a.test/',
      title: 'A',
      at: clock.now(),
      images: [fakeImage('a', 10)],
    });
    const [shot] = await store.listScreenshots([step.id]);
    await expect(
      store.replaceImage(
        shot!.id,
        { ...fakeImage('b', 5), sha256: 'd'.repeat(64) },
        'f'.repeat(64),
      ),
    ).rejects.toThrow(/does not exist/);
    expect((await store.getImage(shot!.id))?.size).toBe(10);
    await store.replaceImage(
      shot!.id,
      { ...fakeImage('b', 5), sha256: 'd'.repeat(64) },
      shot!.sha256,
    );
    expect((await store.getImage(shot!.id))?.size).toBe(5);
  });
});

describe('every edit is one read-modify-write', () => {
  it('refuses an edit of a record that does not exist, naming it, and writes nothing', async () => {
    const { store, db } = testStore();
    await auditWithJourneys(store);
    const before = await db.audits.toArray();
    const edits: [() => Promise<unknown>, string][] = [
      [() => store.updateAudit('gone', { name: 'X' }), 'Audit gone'],
      [() => store.updateReportSettings('gone', (r) => r), 'Audit gone'],
      [() => store.updateMethod('gone', (m) => m), 'Audit gone'],
      [() => store.updateJourney('gone', { task: 'x' }), 'Journey gone'],
      [() => store.finishJourney('gone', 'blocked'), 'Journey gone'],
      [() => store.deleteMeasurement('gone', 'm'), 'Journey gone'],
      [() => store.updateStep('gone', { note: 'x' }), 'Step gone'],
      [() => store.setStepChecklist('gone', 't', true), 'Step gone'],
      [() => store.updateAction('gone', { what: 'x' }), 'Action gone'],
      [() => store.updateAnnotations('gone', []), 'Screenshot gone'],
      [() => store.replaceImage('gone', fakeImage()), 'Screenshot gone'],
    ];
    for (const [edit, what] of edits) {
      const error = await edit().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as Error).message).toContain(`${what} does not exist`);
    }
    expect(await db.audits.toArray()).toEqual(before);
  });

  it('puts the changed record back edited now and returns it as stored', async () => {
    const { store, clock } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    clock.advance(60_000);
    const renamed = await store.updateAudit(audit.id, { name: 'Broadband Q2' });
    expect(renamed).toMatchObject({ name: 'Broadband Q2', updatedAt: clock.now() });
    expect(await store.getAudit(audit.id)).toEqual(renamed);
    clock.advance(60_000);
    await store.finishJourney(own.id, 'blocked');
    expect(await store.getJourney(own.id)).toMatchObject({
      outcome: 'blocked',
      finishedAt: clock.now(),
      updatedAt: clock.now(),
    });
  });

  it('undoes what a change wrote in its other tables when it then refuses', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'offline',
      url: null,
      title: 'Call',
      at: clock.now(),
    });
    const core = new StoreCore(db, clock.now, () => 'new-id', ROOMY_PROBE);
    const refused = core.modify(
      'journeys',
      own.id,
      async () => {
        await db.touchpoints.put({ ...step, title: 'Changed' });
        throw new InvalidRecordError('journey', 'refused on purpose');
      },
      { also: [db.touchpoints] },
    );
    await expect(refused).rejects.toThrow(/refused on purpose/);
    expect((await store.listSteps(own.id))[0]?.title).toBe('Call');
    expect(await store.getJourney(own.id)).toEqual(own);
  });

  it('writes nothing, in any table, when the change refuses', async () => {
    const { store, db, clock } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    await store.updateMethod(audit.id, (m) => ({
      ...m,
      stages: [...m.stages, { name: 'Trial', after: null }, { name: 'Pilot', after: null }],
    }));
    await store.addStep({
      journeyId: own.id,
      kind: 'offline',
      url: null,
      title: 'Call',
      at: clock.now(),
      stage: 'Trial',
    });
    const before = { audits: await db.audits.toArray(), steps: await db.touchpoints.toArray() };
    // Renaming Trial to Pilot while removing Pilot: the step would be left on a removed stage.
    const refused = store.updateMethod(
      audit.id,
      (m) => ({ ...m, stages: m.stages.filter((s) => s.name !== 'Pilot') }),
      [{ from: 'Trial', to: 'Pilot' }],
    );
    await expect(refused).rejects.toBeInstanceOf(InUseError);
    expect(await db.audits.toArray()).toEqual(before.audits);
    expect(await db.touchpoints.toArray()).toEqual(before.steps);
  });
});

describe('brands and waves', () => {
  const walk = { task: '', persona: '', entryChannel: 'search', auditor: '' } as const;
  const DAY = 86_400_000;

  it('a new walk brings its new brand and wave in the same write; lists are ordered', async () => {
    const { store } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const february = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 1, 28) };
    const again = await store.createJourney({
      auditId: audit.id,
      brand: { id: own.brandId },
      wave: { name: 'Wave 2', ...february },
      ...walk,
    });
    const benchmark = await store.createJourney({
      auditId: audit.id,
      brand: { name: 'Aurora Hotels', domain: 'aurora.test', role: 'benchmark' },
      wave: { id: again.waveId },
      ...walk,
    });
    // An earlier wave typed later still lists first: waves are in time order.
    await store.createWave({ auditId: audit.id, name: 'Pilot', start: 0, end: DAY });
    expect((await store.listBrands(audit.id)).map((b) => `${b.role} ${b.name}`)).toEqual([
      'own Brightline',
      'competitor Fastwave',
      'benchmark Aurora Hotels',
    ]);
    expect((await store.listWaves(audit.id)).map((w) => w.name)).toEqual([
      'Pilot',
      'Wave 1',
      'Wave 2',
    ]);
    expect(again.brandId).toBe(own.brandId);
    expect(again.waveId).not.toBe(own.waveId);
    const snapshot = await store.readAudit(audit.id);
    expect(snapshot.brands.map((b) => b.name)).toEqual(['Brightline', 'Fastwave', 'Aurora Hotels']);
    expect(snapshot.waves.map((w) => w.name)).toEqual(['Pilot', 'Wave 1', 'Wave 2']);
    expect(snapshot.journeys.map((j) => j.id)).toContain(benchmark.id);
  });

  it('reads an audit’s programme — brands, waves, walks — without its steps', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const other = await store.createAudit({ name: 'Other', client: '', defaultTask: '' });
    await createWalk(store, { auditId: other.id, brandName: 'Elsewhere' });
    const programme = await store.readProgramme(audit.id);
    expect(Object.keys(programme).sort()).toEqual(['audit', 'brands', 'journeys', 'waves']);
    expect(programme.audit.id).toBe(audit.id);
    expect(programme.journeys.map((j) => j.id).sort()).toEqual([own.id, rival.id].sort());
    expect(programme.brands.map((b) => b.name).sort()).toEqual(['Brightline', 'Fastwave']);
    expect(programme.waves.map((w) => w.name)).toEqual(['Wave 1']);
    // A missing audit is NotFound (Dexie may hand it back wrapped, as readAudit's is).
    const error: unknown = await store
      .readProgramme('00000000-0000-4000-8000-00000000dead')
      .catch((e: unknown) => e);
    expect((error as { inner?: unknown }).inner ?? error).toBeInstanceOf(NotFoundError);
  });

  it('refuses a brand name the audit has (spaces and case ignored), naming it', async () => {
    const { store, db } = testStore();
    const { audit } = await auditWithJourneys(store);
    const duplicate = await store
      .createBrand({ auditId: audit.id, name: '  fastWAVE ', domain: '', role: 'competitor' })
      .catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(DuplicateNameError);
    expect((duplicate as Error).message).toMatch(/already has a brand named "Fastwave"/);
    // Another role does not make it another brand.
    await expect(
      store.createBrand({ auditId: audit.id, name: 'brightline', domain: '', role: 'benchmark' }),
    ).rejects.toThrow(/already has a brand named "Brightline"/);
    expect(await db.brands.count()).toBe(2);

    // Renaming: another's name is refused, its own in another case is fine.
    const [own, fastwave] = await store.listBrands(audit.id);
    await expect(store.updateBrand(fastwave!.id, { name: 'BRIGHTLINE' })).rejects.toBeInstanceOf(
      DuplicateNameError,
    );
    expect((await db.brands.get(fastwave!.id))?.name).toBe('Fastwave');
    await expect(
      store.updateBrand(own!.id, { name: 'BrightLine', role: 'own', domain: 'b.test' }),
    ).resolves.toMatchObject({ name: 'BrightLine', domain: 'b.test' });
    // A brand of another audit may have the same name.
    const other = await store.createAudit({ name: 'Other', client: '', defaultTask: '' });
    await expect(
      store.createBrand({ auditId: other.id, name: 'Fastwave', domain: '', role: 'competitor' }),
    ).resolves.toMatchObject({ auditId: other.id });
    await expect(
      store.createBrand({ auditId: 'no-such', name: 'X', domain: '', role: 'own' }),
    ).rejects.toThrow(/auditId/);
  });

  it('a refused new walk leaves no brand or wave behind (one transaction)', async () => {
    const { store, db } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const before = { brands: await db.brands.count(), waves: await db.waves.count() };
    const missingWave = '00000000-0000-4000-8000-999999999999';
    // A new brand and a wave that does not exist: the brand is written first, then undone.
    await expect(
      store.createJourney({
        auditId: audit.id,
        brand: { name: 'Skyline', domain: '', role: 'competitor' },
        wave: { id: missingWave },
        ...walk,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    // A new wave and a brand name the audit has.
    await expect(
      store.createJourney({
        auditId: audit.id,
        brand: { name: 'FASTWAVE', domain: '', role: 'competitor' },
        wave: { name: 'Wave 2', ...TEST_WAVE_PERIOD },
        ...walk,
      }),
    ).rejects.toBeInstanceOf(DuplicateNameError);
    // A brand of another audit.
    const other = await store.createAudit({ name: 'Other', client: '', defaultTask: '' });
    const theirs = await createWalk(store, { auditId: other.id, brandName: 'Theirs' });
    await expect(
      store.createJourney({
        auditId: audit.id,
        brand: { id: theirs.brandId },
        wave: { name: 'Wave 3', ...TEST_WAVE_PERIOD },
        ...walk,
      }),
    ).rejects.toThrow(/"Theirs" is a brand of another audit/);
    expect(await store.listBrands(audit.id)).toHaveLength(before.brands);
    expect(await store.listWaves(audit.id)).toHaveLength(before.waves);
    expect(await store.listJourneys(audit.id)).toHaveLength(2);
    expect((await store.listJourneys(audit.id))[0]!.id).toBe(own.id);
  });

  it('moves a walk to another brand or wave of its audit, and only of its audit', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const wave2 = await store.createWave({ auditId: audit.id, name: 'Wave 2', start: 0, end: 0 });
    const moved = await store.updateJourney(own.id, { brandId: rival.brandId, waveId: wave2.id });
    expect(moved).toMatchObject({ brandId: rival.brandId, waveId: wave2.id });
    const other = await store.createAudit({ name: 'Other', client: '', defaultTask: '' });
    const theirs = await createWalk(store, { auditId: other.id, brandName: 'Theirs' });
    await expect(store.updateJourney(own.id, { waveId: theirs.waveId })).rejects.toThrow(
      /"Wave 1" is a wave of another audit/,
    );
    await expect(
      store.updateJourney(own.id, { brandId: '00000000-0000-4000-8000-999999999999' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getJourney(own.id)).toMatchObject({
      brandId: rival.brandId,
      waveId: wave2.id,
    });
  });

  it('edits a wave, refusing one that would end before it starts', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    const wave = (await store.listWaves(audit.id))[0]!;
    await expect(store.updateWave(wave.id, { end: wave.start - DAY })).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    const edited = await store.updateWave(wave.id, { name: 'January', end: wave.end + DAY });
    expect(edited).toMatchObject({ name: 'January', start: wave.start, end: wave.end + DAY });
    await expect(
      store.createWave({ auditId: audit.id, name: 'Backwards', start: DAY, end: 0 }),
    ).rejects.toThrow(/end: a wave must end on or after its start/);
  });

  it('refuses to delete a brand or wave walks use, saying how many; an empty one goes to Recently deleted', async () => {
    const { store, db } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    await createWalk(store, { auditId: audit.id, brandName: 'brightline' });
    const inUse = await store.deleteBrand(own.brandId).catch((e: unknown) => e);
    expect(inUse).toBeInstanceOf(WalksInUseError);
    expect((inUse as Error).message).toBe(
      '2 walks use the brand "Brightline": move or delete them first.',
    );
    await expect(store.deleteWave(own.waveId)).rejects.toThrow(
      '3 walks use the wave "Wave 1": move or delete them first.',
    );
    expect(await db.brands.count()).toBe(2);

    const spare = await store.createBrand({
      auditId: audit.id,
      name: 'Skyline',
      domain: '',
      role: 'competitor',
    });
    const wave2 = await store.createWave({ auditId: audit.id, name: 'Wave 2', start: 0, end: 0 });
    const brandEntry = await store.deleteBrand(spare.id);
    const waveEntry = await store.deleteWave(wave2.id);
    expect(brandEntry).toMatchObject({ kind: 'brand', label: 'Skyline', auditId: audit.id });
    expect(waveEntry).toMatchObject({ kind: 'wave', label: 'Wave 2' });
    expect(await db.tombstones.get(spare.id)).toMatchObject({ table: 'brands' });
    expect(await db.tombstones.get(wave2.id)).toMatchObject({ table: 'waves' });
    expect(await store.listBrands(audit.id)).toHaveLength(2);
    await expect(store.deleteBrand(spare.id)).rejects.toBeInstanceOf(NotFoundError);

    await store.restoreDeleted(waveEntry.id);
    expect((await store.listWaves(audit.id)).map((w) => w.name)).toContain('Wave 2');
    expect(await db.tombstones.get(wave2.id)).toBeUndefined();
    // A brand of its name was made meanwhile: restoring would make two; refused, naming it.
    await store.createBrand({ auditId: audit.id, name: 'SKYLINE', domain: '', role: 'benchmark' });
    await expect(store.restoreDeleted(brandEntry.id)).rejects.toThrow(
      /already has a brand named "SKYLINE"/,
    );
    expect(await store.listDeleted()).toHaveLength(1);
    // Its audit deleted: restore the audit first.
    await store.deleteAudit(audit.id);
    const blocked = await store.restoreDeleted(brandEntry.id).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(RestoreError);
    expect((blocked as RestoreError).parent).toBe('audit');
  });
});
