import { describe, expect, it } from 'vitest';
import { InUseError, InvalidRecordError, NotFoundError, StorageFullError } from '../../lib/db';
import { StoreCore } from '../../lib/db/core';
import { LIMITS } from '../../lib/model';
import { auditWithJourneys, fakeImage, ROOMY_PROBE, testStore } from './helpers';

describe('AuditStore', () => {
  it('creates audits and journeys and lists them', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    expect((await store.listAudits()).map((a) => a.id)).toEqual([audit.id]);
    expect((await store.listJourneys(audit.id)).map((j) => j.brandName)).toEqual([
      'Brightline',
      'Fastwave',
    ]);
    expect(own.outcome).toBeNull();
    expect(rival.brandRole).toBe('competitor');
  });

  it('refuses a journey with bad input and names the field', async () => {
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    await expect(
      store.createJourney({
        auditId: audit.id,
        brandName: '  ',
        brandDomain: '',
        brandRole: 'own',
        task: '',
        persona: '',
        entryChannel: 'search',
        auditor: '',
      }),
    ).rejects.toThrow(/brandName/);
    expect(await store.listJourneys(audit.id)).toHaveLength(2);
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
