/** Scoring a walk blind (lib/db/blind.ts): the copy of steps and screenshots, refusals, atomicity. */
import { describe, expect, it } from 'vitest';
import { BlindWalkError, NotFoundError, StorageFullError } from '../../lib/db';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

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
