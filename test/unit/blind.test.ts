/** Scoring a walk blind (lib/db/blind.ts): the copy of steps and screenshots, refusals, atomicity. */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CalibrationSection } from '../../components/report/calibration';
import { describeError } from '../../components/shared/describe-error';
import { BundleError, readBundle, writeBundle } from '../../lib/bundle';
import { createPanelController } from '../../lib/controllers/panel';
import { comparisonOptions } from '../../lib/controllers/report';
import { BlindWalkError, NotFoundError, StorageFullError } from '../../lib/db';
import { translator } from '../../lib/i18n';
import type { DataSet, Journey } from '../../lib/model';
import { calibrationPairs } from '../../lib/report/calibration';
import { plainRecords, SAMPLE_OPTIONS, sampleDataSet, uuid } from './bundle-fixtures';
import { fakeShell } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore } from './helpers';
import { CONTACTS, reportFixture } from './report-walks';

/** Anna's walk of the own brand: two scored pages (the first with two images) and a phone call. */
async function scoredWalk() {
  const { store, db, clock } = testStore();
  const { audit, own } = await auditWithJourneys(store);
  const original = await store.updateJourney(own.id, { auditor: 'Anna' });
  const first = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Home',
    at: clock.now(),
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 2,
    images: [fakeImage('home', 1200), { ...fakeImage('home, part 2', 800), part: 1, parts: 2 }],
  });
  clock.advance(60_000);
  const second = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/offer',
    title: 'Offer',
    at: clock.now(),
    stage: 'consideration',
    images: [fakeImage('offer', 900)],
  });
  const call = await store.addStep({
    journeyId: own.id,
    kind: 'offline',
    url: null,
    title: 'Callback',
    at: clock.now(),
    channel: 'phone',
  });
  await store.updateStep(first.id, {
    experience: 2,
    importance: 8,
    likelihood: 4,
    note: 'slow and cluttered',
    weakLink: true,
    checklists: ['site-first-screen'],
    checks: [
      {
        templateId: 'site-first-screen',
        itemId: 'site-first-screen.clear-offer',
        answer: 'no',
        comment: 'hidden',
        screenshotId: null,
      },
    ],
  });
  await store.updateStep(second.id, { experience: 5, wow: true });
  const [shot] = await store.listScreenshots([second.id]);
  await store.updateAnnotations(shot!.id, [
    { kind: 'text', x: 10, y: 10, text: 'great offer', color: 'green' },
  ]);
  await store.finishJourney(own.id, 'goal-reached');
  return { store, db, clock, audit, original, steps: [first, second, call] };
}

describe('scoreBlind', () => {
  it('copies every step and screenshot with the scores empty, in a new walk', async () => {
    const { store, db, original, steps } = await scoredWalk();
    const blind = await store.scoreBlind(original.id, '  Boris  ');
    expect(blind).toMatchObject({
      auditId: original.auditId,
      brandId: original.brandId,
      waveId: original.waveId,
      task: original.task,
      persona: original.persona,
      entryChannel: original.entryChannel,
      auditor: 'Boris',
      blindOf: original.id,
      outcome: null,
      finishedAt: null,
      measurements: [],
    });
    expect(blind.id).not.toBe(original.id);
    expect(await store.getJourney(blind.id)).toEqual(blind);

    const copies = await store.listSteps(blind.id);
    const originals = await store.listSteps(original.id);
    expect(copies).toHaveLength(3);
    copies.forEach((copy, i) => {
      const step = originals[i]!;
      expect(copy.id).not.toBe(step.id);
      expect(copy).toEqual({
        ...step,
        id: copy.id,
        journeyId: blind.id,
        checks: [],
        experience: null,
        importance: null,
        likelihood: null,
        note: '',
        weakLink: false,
        wow: false,
        createdAt: copy.createdAt,
        updatedAt: copy.updatedAt,
      });
    });
    // What the first auditor chose to look at stays: the added checklist, the stages.
    expect(copies[0]!.checklists).toEqual(['site-first-screen']);
    expect(copies.map((s) => s.stage)).toEqual(originals.map((s) => s.stage));

    const shotsOf = async (ids: string[]) =>
      (await store.listScreenshots(ids)).sort((a, b) => a.bytes - b.bytes);
    const copiedShots = await shotsOf(copies.map((s) => s.id));
    const originalShots = await shotsOf(steps.map((s) => s.id));
    expect(copiedShots).toHaveLength(3);
    for (const [i, shot] of copiedShots.entries()) {
      const from = originalShots[i]!;
      expect(shot.id).not.toBe(from.id);
      expect(shot.touchpointId).toBe(
        copies[originals.findIndex((s) => s.id === from.touchpointId)]!.id,
      );
      expect(shot).toMatchObject({
        sha256: from.sha256,
        bytes: from.bytes,
        part: from.part,
        parts: from.parts,
        url: from.url,
        title: from.title,
        capturedAt: from.capturedAt,
        annotations: [],
      });
      const [image, originalImage] = [await store.getImage(shot.id), await store.getImage(from.id)];
      expect(image?.size).toBe(from.bytes);
      expect(new Uint8Array(await image!.arrayBuffer())).toEqual(
        new Uint8Array(await originalImage!.arrayBuffer()),
      );
    }
    // The first auditor's marks are not shown to the second.
    expect(originalShots.some((s) => s.annotations.length === 1)).toBe(true);
    // The original is untouched.
    expect((await store.listSteps(original.id)).map((s) => s.experience)).toEqual([2, 5, null]);
    expect(await db.images.count()).toBe(6);
  });

  it('refuses a blind walk of a blind walk, a second one by the same auditor, and its own walker', async () => {
    const { store, original } = await scoredWalk();
    const blind = await store.scoreBlind(original.id, 'Boris');
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) =>
          error instanceof BlindWalkError
            ? { reason: error.reason, auditor: error.auditor }
            : error,
      );
    expect(await refusal(store.scoreBlind(blind.id, 'Vera'))).toEqual({
      reason: 'of-blind',
      auditor: 'Vera',
    });
    expect(await refusal(store.scoreBlind(original.id, ' boris'))).toEqual({
      reason: 'already',
      auditor: 'Boris',
    });
    expect(await refusal(store.scoreBlind(original.id, 'ANNA'))).toEqual({
      reason: 'same-auditor',
      auditor: 'Anna',
    });
    expect(await refusal(store.scoreBlind(original.id, '   '))).toEqual({
      reason: 'no-auditor',
      auditor: '',
    });
    await expect(store.scoreBlind(original.id, 'Boris')).rejects.toThrow(
      'Boris already scores this walk blind',
    );
    await expect(
      store.scoreBlind('00000000-0000-4000-8000-099999999999', 'Vera'),
    ).rejects.toBeInstanceOf(NotFoundError);
    // Another auditor may still score it blind; nothing else was written by the refusals.
    await store.scoreBlind(original.id, 'Vera');
    const walks = await store.listJourneys(original.auditId);
    expect(walks.filter((j) => j.blindOf === original.id).map((j) => j.auditor)).toEqual([
      'Boris',
      'Vera',
    ]);
  });

  it('writes nothing when the image copy fails inside the transaction', async () => {
    const { store, db, original } = await scoredWalk();
    const before = {
      journeys: await db.journeys.count(),
      touchpoints: await db.touchpoints.count(),
      screenshots: await db.screenshots.count(),
      images: await db.images.count(),
    };
    db.images.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(store.scoreBlind(original.id, 'Boris')).rejects.toBeInstanceOf(StorageFullError);
    await db.open();
    expect({
      journeys: await db.journeys.count(),
      touchpoints: await db.touchpoints.count(),
      screenshots: await db.screenshots.count(),
      images: await db.images.count(),
    }).toEqual(before);
  });
});

describe('a blind walk in a bundle', () => {
  /** The sample data set with a blind walk of its first journey (copies of its steps and images). */
  function withBlindWalk(change: (blind: Journey) => Journey = (j) => j) {
    const data = sampleDataSet();
    const original = data.journeys[0]!;
    const blind = change({ ...original, id: uuid(0xb1), auditor: 'Boris', blindOf: original.id });
    const steps = data.touchpoints.filter((s) => s.journeyId === original.id);
    const stepCopy = new Map(steps.map((s, i) => [s.id, uuid(0xb10 + i)]));
    const shots = data.screenshots.filter((shot) => stepCopy.has(shot.touchpointId));
    const shotCopy = new Map(shots.map((shot, i) => [shot.id, uuid(0xb20 + i)]));
    return {
      ...data,
      journeys: [...data.journeys, blind],
      touchpoints: [
        ...data.touchpoints,
        ...steps.map((s) => ({ ...s, id: stepCopy.get(s.id)!, journeyId: blind.id, checks: [] })),
      ],
      screenshots: [
        ...data.screenshots,
        ...shots.map((shot) => ({
          ...shot,
          id: shotCopy.get(shot.id)!,
          touchpointId: stepCopy.get(shot.touchpointId)!,
        })),
      ],
      images: [
        ...data.images,
        ...data.images
          .filter((image) => shotCopy.has(image.id))
          .map((image) => ({ id: shotCopy.get(image.id)!, blob: image.blob })),
      ],
    } satisfies DataSet;
  }

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof BundleError ? [error.code, error.message] : error),
    );

  it('travels with blindOf, its images written once', async () => {
    const data = withBlindWalk();
    expect(data.screenshots.length).toBeGreaterThan(sampleDataSet().screenshots.length);
    const { data: read } = await readBundle(await writeBundle(data, SAMPLE_OPTIONS));
    expect(plainRecords(read)).toEqual(plainRecords(data));
    expect(read.journeys.find((j) => j.id === uuid(0xb1))?.blindOf).toBe(data.journeys[0]!.id);
    // A bundle without any blind walk reads as before: no blindOf anywhere.
    const { data: plain } = await readBundle(await writeBundle(sampleDataSet(), SAMPLE_OPTIONS));
    expect(plain.journeys.every((j) => !('blindOf' in j))).toBe(true);
  });

  it('is refused when the walk it re-scores is missing or of another audit', async () => {
    const missing = withBlindWalk((j) => ({ ...j, blindOf: uuid(0xdead) }));
    expect(await refusal(writeBundle(missing, SAMPLE_OPTIONS))).toEqual([
      'dangling-reference',
      expect.stringContaining(
        `blindOf: the walk it re-scores blind, ${uuid(0xdead)}, is not in the bundle`,
      ),
    ]);
    const data = sampleDataSet();
    const other = data.journeys.find((j) => j.auditId !== data.journeys[0]!.auditId)!;
    const foreign = withBlindWalk((j) => ({ ...j, blindOf: other.id }));
    expect(await refusal(writeBundle(foreign, SAMPLE_OPTIONS))).toEqual([
      'foreign-reference',
      expect.stringContaining(`belongs to the audit ${other.auditId}`),
    ]);
    const itself = withBlindWalk((j) => ({ ...j, blindOf: j.id }));
    expect(await refusal(writeBundle(itself, SAMPLE_OPTIONS))).toEqual([
      'dangling-reference',
      expect.stringContaining('a walk cannot re-score itself'),
    ]);
  });

  it('is kept when the walk it re-scores was deleted (its tombstone is in the bundle)', async () => {
    const data = withBlindWalk((j) => ({ ...j, blindOf: uuid(0xdead) }));
    const deletions = [
      ...data.deletions,
      { id: uuid(0xdead), table: 'journeys' as const, auditId: data.audits[0]!.id, deletedAt: 1 },
    ];
    const { data: read } = await readBundle(
      await writeBundle({ ...data, deletions }, SAMPLE_OPTIONS),
    );
    expect(read.journeys.find((j) => j.id === uuid(0xb1))?.blindOf).toBe(uuid(0xdead));
  });
});

describe('a blind scoring in the report', () => {
  /** Anna walks the own brand (three steps); Boris scores the same steps blind. */
  function report() {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const rival = f.brand('Fastwave');
    const w1 = f.wave('Wave 1', 0);
    const anna = f.walk(
      own,
      w1,
      [
        { experience: 2, importance: 6, checks: { [CONTACTS]: 'yes' }, stage: 'contact' },
        { experience: 4, likelihood: 7, stage: 'contact' },
        { experience: 5, stage: 'information' },
      ],
      { auditor: 'Anna' },
    );
    f.walk(rival, w1, [{ experience: 3 }], { auditor: 'Anna' });
    const before = f.report();
    const boris = f.walk(
      own,
      w1,
      // The same steps, scored otherwise; the second moved to another stage by Boris.
      [
        { experience: 2, importance: 8, checks: { [CONTACTS]: 'no' }, stage: 'contact' },
        { experience: 2, likelihood: 7, stage: 'information' },
        { experience: 4, stage: 'information' },
      ],
      { auditor: 'Boris', outcome: null },
    );
    boris.journey.blindOf = anna.journey.id;
    return { f, own, anna, boris, before, after: f.report() };
  }

  it('changes no brand figure', () => {
    const { before, after, boris } = report();
    const figures = (m: typeof before) => ({
      brands: m.brands.map((b) => ({
        kpis: b.kpis,
        compliance: b.compliance,
        outcomes: b.outcomes,
      })),
      journeys: m.journeys.map((j) => j.journey.id),
      segmentWalks: m.segmentWalks.map((j) => j.journey.id),
      history: m.history.map((h) => h.walks.map((w) => w.journey.id)),
      stages: m.stages.map((s) => [s.stage, s.cells.map((c) => c.length)]),
      fixFirst: m.fixFirst.map((x) => x.touchpoint.id),
    });
    expect(figures(after)).toEqual(figures(before));
    expect(after.brands[0]!.kpis.walks).toBe(1);
    expect(before.blindWalks).toEqual([]);
    expect(after.blindWalks.map((w) => w.journey.id)).toEqual([boris.journey.id]);
  });

  it('leaves the blind scoring out when its walk is not compared', () => {
    const { f, own } = report();
    expect(f.report({ brandIds: [own.id] }).blindWalks).toHaveLength(1);
    const others = f.snapshot.brands.filter((b) => b.id !== own.id).map((b) => b.id);
    expect(f.report({ brandIds: others }).blindWalks).toEqual([]);
    expect(f.report({ persona: 'students' }).blindWalks).toEqual([]);
  });

  it('pairs a blind scoring with its walk step by step, by position', () => {
    const { after, anna, boris } = report();
    const pairs = calibrationPairs(after);
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(pair!.mode).toBe('blind');
    expect([pair!.a.journey.id, pair!.b.journey.id]).toEqual([anna.journey.id, boris.journey.id]);
    const c = pair!.calibration;
    // By position, although step 2 is in another stage on Boris's side (stage matching would
    // have left it unpaired): (2,2) (4,2) (5,4) → MAD 1, agreement 1 of 3.
    expect(c.pairs).toEqual(anna.steps.map((s, i) => ({ stepA: s.id, stepB: boris.steps[i]!.id })));
    expect(c.unpairedA).toEqual([]);
    expect(c.unpairedB).toEqual([]);
    expect(c.experience.n).toBe(3);
    expect(c.experience.mad).toBe(1);
    expect(c.experience.agreement).toBeCloseTo(100 / 3, 12);
    // Linear κ over A 2, 4, 5 and B 2, 2, 4: observed Σ|d| = 0 + 2 + 1 = 3 over 3 pairs; by
    // chance Σ|a − b| over all 9 combinations = (0+0+2) + (2+2+0) + (3+3+1) = 13 over 9 →
    // κ = 1 − (3/3) / (13/9) = 4/13.
    expect(c.experience.kappa).toBeCloseTo(4 / 13, 12);
    expect(c.importance).toEqual({ n: 1, mad: 2 });
    expect(c.checklist.agreement).toBe(0);
    expect(c.disagreements).toContainEqual({
      kind: 'experience',
      stepA: anna.steps[1]!.id,
      stepB: boris.steps[1]!.id,
      a: 4,
      b: 2,
    });
  });

  it('says in the calibration section that the pair was scored blind, in English and Russian', () => {
    const { after } = report();
    const en = renderToString(h(CalibrationSection, { model: after, locale: 'en' }));
    expect(en).toContain('data-mode="blind"');
    expect(en).toContain('Brightline: Anna ↔ Boris, scored blind');
    expect(en).toContain('Scored blind: the same 3 steps, the scores of Anna hidden from Boris.');
    expect(en).toContain('<td>3</td><td>1.00</td><td>0.31</td><td>33 %</td>');
    const ru = renderToString(h(CalibrationSection, { model: after, locale: 'ru' }));
    expect(ru).toContain('Brightline: Anna ↔ Boris, оценка вслепую');
    expect(ru).toContain('Оценка вслепую: те же шаги (3), оценки Anna скрыты от Boris.');
  });
});

describe('scoring blind in the side panel', () => {
  async function panel(auditorName: string, locale = 'en') {
    const { store, original } = await scoredWalk();
    const fake = fakeShell({ settings: { auditorName, locale } });
    const unused = async (): Promise<never> => {
      throw new Error('not used');
    };
    const controller = createPanelController({
      shell: fake.shell,
      store,
      capture: {
        visible: unused,
        fullPage: unused,
        element: unused,
        cancelPick: unused,
      },
      now: () => 0,
      findTargetTab: async () => null,
      openPage: unused,
      openOptions: unused,
      addOfflineContact: unused,
      attachEvidence: unused,
      backupAll: unused,
      storageStatus: unused,
      requestPersistence: unused,
    });
    const labels = async () =>
      controller.walkLabels(
        await store.listJourneys(original.auditId),
        await store.listBrands(original.auditId),
        await store.listWaves(original.auditId),
      );
    return { store, original, controller, settings: fake.settings, labels };
  }

  it('starts a blind walk as the auditor of Options and makes it the active walk', async () => {
    const { store, original, controller, settings, labels } = await panel('Boris');
    const before = await labels();
    expect(controller.canScoreBlind(original, [original], 'Boris')).toBe(true);
    expect(await controller.scoreBlind(original)).toBe(
      'Scoring blind: score each step as you see it.',
    );
    const walks = await store.listJourneys(original.auditId);
    const blind = walks.find((j) => j.blindOf === original.id)!;
    expect(blind.auditor).toBe('Boris');
    expect(settings.current()).toMatchObject({
      activeAuditId: original.auditId,
      activeJourneyId: blind.id,
    });
    expect((await store.listSteps(blind.id)).map((s) => s.experience)).toEqual([null, null, null]);
    // Not offered again to Boris, nor on the blind walk; still offered to Vera.
    expect(controller.canScoreBlind(original, walks, 'boris ')).toBe(false);
    expect(controller.canScoreBlind(blind, walks, 'Vera')).toBe(false);
    expect(controller.canScoreBlind(original, walks, 'Vera')).toBe(true);
    // Not to the walk's own auditor; an unnamed auditor is offered it and told to set a name.
    expect(controller.canScoreBlind(original, walks, 'Anna')).toBe(false);
    expect(controller.canScoreBlind(original, walks, '')).toBe(true);
    // The blind walk is labelled after the walk it scores; no other label changes.
    const after = await labels();
    expect(after.get(blind.id)).toBe(`${after.get(original.id)} · blind · Boris`);
    for (const [id, label] of before) expect(after.get(id)).toBe(label);
    expect(new Set(after.values()).size).toBe(after.size);
  });

  it('says why not, in the panel’s language', async () => {
    const { original, controller } = await panel('', 'ru');
    const error = await controller.scoreBlind(original).then(
      () => null,
      (e: unknown) => e,
    );
    expect(describeError(error, translator('ru'))).toBe(
      'Сначала укажите своё имя в настройках: оценка вслепую говорит, кто оценивал.',
    );
    expect(describeError(new BlindWalkError('already', 'Boris'), translator('en'))).toBe(
      'Boris already scores this walk blind: choose that walk in the list.',
    );
  });
});

describe('scoring blind on the report page', () => {
  it('counts no blind walk among a brand’s walks in the pickers', async () => {
    const { store, original } = await scoredWalk();
    const before = comparisonOptions(await store.readAudit(original.auditId), null);
    await store.scoreBlind(original.id, 'Boris');
    const after = comparisonOptions(await store.readAudit(original.auditId), null);
    expect(after).toEqual(before);
    expect(after.brands.map((b) => b.walks)).toEqual([1, 1]);
  });
});
