/** The side panel's controller over a real (fake-indexeddb) store, a fake shell and fake adapters. */
import { describe, expect, it } from 'vitest';
import { CaptureError } from '../../lib/capture/errors';
import { CapturePacer } from '../../lib/capture';
import {
  BACKUP_REMINDER_STEPS,
  createPanelController,
  deletedText,
  maskFor,
  NOTICE_FRESH_MS,
  type PanelCapture,
  type PanelControllerDeps,
} from '../../lib/controllers/panel';
import type { AuditStore } from '../../lib/db';
import { translator } from '../../lib/i18n';
import type { Notice, WalkedTab } from '../../lib/model';
import { CaptureService } from '../../lib/services/capture';
import { describeError } from '../../components/shared/describe-error';
import type { PageClient } from '../../lib/services/page';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore, topCoverage } from './helpers';

const TAB: WalkedTab = {
  tabId: 7,
  windowId: 1,
  url: 'https://brightline.test/plans',
  title: 'Plans',
  width: 1280,
  height: 800,
};

const SAVED = { step: { seq: 4 }, parts: 1, redacted: false, redaction: { fields: 0, frames: 0 } };

/** A capture service that saves step 4 each time (override any method). */
function fakeCapture(overrides: Partial<PanelCapture> = {}): PanelCapture {
  return {
    visible: async () => SAVED,
    fullPage: async () => SAVED,
    element: async () => ({
      ...SAVED,
      outcome: 'saved',
      path: 'native',
      fallback: 'mismatch',
      clipped: true,
    }),
    cancelPick: async () => true,
    ...overrides,
  };
}

/** A panel controller over a fresh store; `calls` records what the adapters were asked. */
async function setup(
  options: {
    settings?: Record<string, unknown>;
    store?: (store: AuditStore) => AuditStore;
    deps?: Partial<PanelControllerDeps>;
  } = {},
) {
  const { store, clock } = testStore();
  const data = await auditWithJourneys(store);
  const fake = fakeShell({ settings: options.settings });
  const calls = { opened: [] as string[], persistence: 0, status: 0 };
  const controller = createPanelController({
    shell: fake.shell,
    store: options.store ? options.store(store) : store,
    capture: fakeCapture(),
    now: clock.now,
    findTargetTab: async () => TAB,
    openPage: async (path) => void calls.opened.push(path),
    openOptions: async () => void calls.opened.push('options'),
    addOfflineContact: (journeyId, contact) =>
      store.addStep({
        journeyId,
        kind: 'offline',
        url: null,
        title: contact.title,
        at: contact.at,
        stage: contact.stage,
        channel: contact.channel,
      }),
    attachEvidence: async () => {
      throw new Error('not used');
    },
    backupAll: async () => ({ file: 'touchpoint-audit-2026-01-05.tpa.zip', bytes: 2048 }),
    storageStatus: async () => (calls.status++, { persisted: true }),
    requestPersistence: async () => (calls.persistence++, true),
    ...options.deps,
  });
  const page = (journeyId: string, title: string, stage?: string) =>
    store.addStep({
      journeyId,
      kind: 'page',
      url: `https://brightline.test/${title}`,
      title,
      at: clock.now(),
      ...(stage && { stage }),
    });
  return { ...data, ...fake, store, clock, controller, calls, page };
}

describe('panel controller: live reads', () => {
  it('reads audits, journeys, steps, their screenshots, actions, trash and unsaved steps', async () => {
    const { controller, store, audit, own, page } = await setup();
    expect((await valueOf(controller.audits)).map((a) => a.name)).toEqual(['Broadband Q1']);
    const brands = await valueOf(controller.brands(audit.id));
    expect(brands.map((b) => [b.name, b.role])).toEqual([
      ['Brightline', 'own'],
      ['Fastwave', 'competitor'],
    ]);
    expect((await valueOf(controller.journeys(audit.id))).map((j) => j.brandId)).toEqual(
      brands.map((b) => b.id),
    );
    expect((await valueOf(controller.waves(audit.id))).map((w) => w.name)).toEqual(['Wave 1']);
    expect(await valueOf(controller.journeys(null))).toEqual([]);
    expect(await valueOf(controller.brands(null))).toEqual([]);
    expect(await valueOf(controller.waves(null))).toEqual([]);
    expect(await valueOf(controller.steps(null))).toEqual([]);
    expect(await valueOf(controller.steps(own.id))).toEqual([]);

    const home = await page(own.id, 'Home');
    await store.attachImage(home.id, fakeImage('home'), { userAgent: 'x', fileName: 'home.jpg' });
    const steps = await valueOf(controller.steps(own.id), (s) => s.length === 1);
    expect(steps[0]!.title).toBe('Home');
    const shots = await valueOf(controller.screenshots([home.id]));
    expect(shots.map((s) => s.touchpointId)).toEqual([home.id]);
    expect(await valueOf(controller.screenshots([]))).toEqual([]);
    // Steps not read yet: no value at all (the list waits for both).
    let given = false;
    controller.screenshots(null)(
      () => (given = true),
      () => undefined,
    )();
    expect(given).toBe(false);

    await controller.addAction({
      touchpointId: home.id,
      kind: 'idea',
      what: 'Show prices',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '',
    });
    const placed = await valueOf(controller.placedActions(audit.id), (p) => p.length === 1);
    expect(placed[0]).toMatchObject({ journeyId: own.id, seq: 1, action: { what: 'Show prices' } });
    expect(await valueOf(controller.placedActions(null))).toEqual([]);

    expect(await valueOf(controller.unsavedSince(0))).toBe(1);
    await controller.deleteStep(home);
    expect((await valueOf(controller.trash, (t) => t.length === 1))[0]).toMatchObject({
      kind: 'step',
      label: 'Home',
    });
  });

  it('shows a failed live read in the shell (banner and log)', async () => {
    const broken = new Error('the database is gone');
    const { controller, shell, logged } = await setup({
      store: (store) =>
        Object.assign(Object.create(store) as AuditStore, {
          listAudits: () => Promise.reject(broken),
        }),
    });
    const stop = controller.audits(
      () => undefined,
      () => undefined,
    );
    const failure = await valueOf(shell.failures, (f) => f !== null);
    stop();
    expect(failure).toEqual({ what: 'audits', error: broken });
    expect(logged).toContainEqual({ where: 'audits', error: broken });
  });

  it('asks for persistent storage once and says what the browser keeps', async () => {
    const { controller, calls } = await setup();
    expect(await valueOf(controller.persisted)).toBe(true);
    expect(await valueOf(controller.persisted)).toBe(true);
    expect(calls.persistence).toBe(1);
    expect(calls.status).toBe(2);
    const refusing = await setup({
      deps: {
        storageStatus: () => Promise.reject(new Error('no storage manager')),
        requestPersistence: () => Promise.reject(new Error('denied')),
      },
    });
    expect(await valueOf(refusing.controller.persisted)).toBeNull();
  });
});

describe('panel controller: decisions', () => {
  it('starts a new step in the last step’s stage, else in contact', async () => {
    const { controller, own, page } = await setup();
    expect(controller.newStepStage([])).toBe('contact');
    const step = await page(own.id, 'Offer', 'offer');
    expect(controller.newStepStage([step])).toBe('offer');
  });

  it('proposes “Wave 1” this month and a new own brand for an audit’s first walk', async () => {
    const { controller, store } = await setup();
    const empty = await store.createAudit({ name: 'Q2', client: '', defaultTask: 'buy' });
    // The clock reads 5 January 2026: the wave is the month, local midnights of its days.
    expect(controller.newJourney(empty, [], [], [], 'Anna')).toEqual({
      brand: { name: '', domain: '', role: 'own' },
      wave: {
        name: 'Wave 1',
        start: new Date(2026, 0, 1).getTime(),
        end: new Date(2026, 0, 31).getTime(),
      },
      task: 'buy',
      persona: '',
      entryChannel: 'search',
      auditor: 'Anna',
    });
    const russian = await setup({ settings: { locale: 'ru' } });
    expect(russian.controller.newJourney(empty, [], [], [], '').wave).toMatchObject({
      name: 'Волна 1',
    });
  });

  it('proposes the latest wave and the first brand not walked in it, else a new competitor', async () => {
    const { controller, store, audit, own, rival } = await setup();
    const lists = async () =>
      [
        await store.listJourneys(audit.id),
        await store.listBrands(audit.id),
        await store.listWaves(audit.id),
      ] as const;
    // Both brands are walked in Wave 1, and the audit has its own brand: a new competitor.
    let [journeys, brands, waves] = await lists();
    expect(controller.newJourney(audit, journeys, brands, waves, '')).toMatchObject({
      brand: { name: '', domain: '', role: 'competitor' },
      wave: { id: own.waveId },
      task: 'request a callback',
    });
    // A brand added by hand and not walked yet is next.
    await controller.createBrand(audit.id, { name: 'Northwind', domain: '', role: 'benchmark' });
    [journeys, brands, waves] = await lists();
    const northwind = brands.find((b) => b.name === 'Northwind')!;
    expect(controller.newJourney(audit, journeys, brands, waves, '').brand).toEqual({
      id: northwind.id,
    });
    // A later wave: the own brand (listed first) is not walked in it yet.
    expect(controller.proposedWave(waves)).toEqual({
      name: 'Wave 2',
      start: new Date(2026, 1, 1).getTime(),
      end: new Date(2026, 1, 28).getTime(),
    });
    await controller.createWave(audit.id, controller.proposedWave(waves));
    [journeys, brands, waves] = await lists();
    const fields = controller.newJourney(audit, journeys, brands, waves, '');
    expect(fields.wave).toEqual({ id: waves[1]!.id });
    expect(fields.brand).toEqual({ id: own.brandId });
    expect(rival.waveId).toBe(own.waveId);
  });

  it('labels walks by brand, then only what tells them apart, in the panel’s language', async () => {
    const { controller, store, audit, own, rival } = await setup();
    const students = await store.createJourney({
      auditId: audit.id,
      brand: { id: own.brandId },
      wave: { id: own.waveId },
      task: '',
      persona: 'students',
      entryChannel: 'search',
      auditor: '',
    });
    const journeys = await store.listJourneys(audit.id);
    const brands = await store.listBrands(audit.id);
    const waves = await store.listWaves(audit.id);
    const labels = controller.walkLabels(journeys, brands, waves);
    expect([labels.get(own.id), labels.get(students.id), labels.get(rival.id)]).toEqual([
      'Brightline · family',
      'Brightline · students',
      'Fastwave',
    ]);
    // An empty persona among others is named, in Russian too.
    await store.updateJourney(students.id, { persona: '' });
    const russian = await setup({ settings: { locale: 'ru' } });
    const ru = russian.controller.walkLabels(await store.listJourneys(audit.id), brands, waves);
    expect(ru.get(students.id)).toBe('Brightline · без персоны');
  });

  it('writes the backup time as when it started; steps added meanwhile still count', async () => {
    let duringBackup: () => Promise<unknown> = async () => undefined;
    const { controller, settings, clock, own, page } = await setup({
      deps: {
        backupAll: async () => {
          await duringBackup();
          return { file: 'backup.tpa.zip', bytes: 1_500_000 };
        },
      },
    });
    // A step captured while the file is written is not in it.
    duringBackup = async () => {
      clock.advance(5000);
      await page(own.id, 'During');
    };
    await page(own.id, 'Before');
    clock.advance(1000);
    const started = clock.now();
    expect(settings.current().lastBackupAt).toBeNull();
    expect(await controller.backup()).toBe(
      translator('en')('backupSaved', { file: 'backup.tpa.zip', size: '1.4 MB' }),
    );
    expect(settings.current().lastBackupAt).toBe(started);
    expect(await valueOf(controller.unsavedSince(started))).toBe(1);
    expect(BACKUP_REMINDER_STEPS).toBe(50);
  });

  it('leaves the last backup time as it was when the backup fails', async () => {
    const failure = new Error('the download was refused');
    const { controller, settings } = await setup({
      settings: { lastBackupAt: 1234 },
      deps: { backupAll: () => Promise.reject(failure) },
    });
    await expect(controller.backup()).rejects.toBe(failure);
    expect(settings.current().lastBackupAt).toBe(1234);
  });

  it('turns auto-capture on for the walked tab, refuses without one, and turns it off', async () => {
    const { controller, settings, own } = await setup();
    expect(await controller.setAutoCapture(own.id, true)).toBe(
      'Auto-capture is on for “Plans”: each page it loads becomes a step.',
    );
    expect(settings.current().autoCapture).toEqual({ journeyId: own.id, tabId: 7 });
    expect(await controller.setAutoCapture(own.id, false)).toBeNull();
    expect(settings.current().autoCapture).toBeNull();

    const noTab = await setup({ deps: { findTargetTab: async () => null } });
    const refused = await noTab.controller.setAutoCapture(noTab.own.id, true).catch((e) => e);
    expect(refused).toBeInstanceOf(CaptureError);
    expect(refused).toMatchObject({ reason: 'no-tab' });
    expect(noTab.settings.current().autoCapture).toBeNull();
  });

  it('puts a step in a known stage as it is, and adds a new name to the audit once', async () => {
    const { controller, store, audit, own, page } = await setup();
    const step = await page(own.id, 'Home');
    // A built-in stage by its label in the panel's language.
    expect(await controller.defineStage(audit, step, 'Offer')).toBe('Step 1 is in stage “Offer”.');
    expect((await store.listSteps(own.id))[0]!.stage).toBe('offer');
    expect((await store.getAudit(audit.id))!.method.stages).toEqual([]);

    expect(await controller.defineStage(audit, step, 'Pilot')).toBe(
      'Stage “Pilot” added to the audit; step 1 is in it.',
    );
    expect((await store.listSteps(own.id))[0]!.stage).toBe('Pilot');
    const withPilot = (await store.getAudit(audit.id))!;
    expect(withPilot.method.stages).toEqual([{ name: 'Pilot', after: null }]);

    // The audit's own stage is known too: chosen, not added again.
    expect(await controller.defineStage(withPilot, step, 'Pilot')).toBe(
      'Step 1 is in stage “Pilot”.',
    );
    // Even from a stale audit, the stored method gets the stage once.
    await controller.defineStage(audit, step, 'Pilot');
    expect((await store.getAudit(audit.id))!.method.stages).toHaveLength(1);
  });

  it('says a restore in the panel’s language, the auditor’s identity masked', async () => {
    const { controller, store, own, page } = await setup({
      settings: { identity: { name: 'Ivan Petrov', email: '', phone: '' } },
    });
    const step = await page(own.id, 'Home');
    const stepEntry = await controller.deleteStep(step);
    const t = translator('en');
    const mask = maskFor({ name: 'Ivan Petrov', email: '', phone: '' }, t).text;
    expect(deletedText(stepEntry, t, mask)).toBe('Step 1 moved to Recently deleted.');
    expect(await controller.restore(stepEntry)).toBe('Step 1 restored.');
    expect(await store.listSteps(own.id)).toHaveLength(1);

    const audit = await store.createAudit({
      name: 'Ivan Petrov visits',
      client: '',
      defaultTask: '',
    });
    const auditEntry = await controller.deleteAudit(audit);
    expect(deletedText(auditEntry, t, mask)).toBe(
      'Audit “[name] visits” moved to Recently deleted.',
    );
    expect(await controller.restore(auditEntry)).toBe('“[name] visits” restored.');
    const journeyEntry = await controller.deleteJourney(own);
    expect(deletedText(journeyEntry, t, mask)).toBe(
      'Journey “Brightline · Wave 1” moved to Recently deleted.',
    );

    const russian = await setup({ settings: { locale: 'ru' } });
    const ruStep = await russian.page(russian.own.id, 'Home');
    expect(await russian.controller.restore(await russian.controller.deleteStep(ruStep))).toBe(
      translator('ru')('stepRestored', { n: 1 }),
    );
  });

  it('empties Recently deleted and says how many went', async () => {
    const { controller, own, page } = await setup();
    await controller.deleteStep(await page(own.id, 'One'));
    await controller.deleteStep(await page(own.id, 'Two'));
    expect(await controller.emptyDeleted()).toBe(
      'Recently deleted emptied: 2 items deleted for good.',
    );
    expect(await valueOf(controller.trash)).toEqual([]);
  });

  it('shows a notice of the service worker only while it is fresh', async () => {
    const { controller, clock } = await setup();
    const notice: Notice = {
      kind: 'captured',
      reason: 'visible',
      params: { n: 1 },
      at: clock.now(),
    };
    expect(controller.freshNotice(notice)).toBe(notice);
    clock.advance(NOTICE_FRESH_MS);
    expect(controller.freshNotice(notice)).toBeNull();
    expect(controller.freshNotice(null)).toBeNull();
  });
});

describe('panel controller: writes', () => {
  it('creates and chooses audits and walks; a new brand and wave come with the walk', async () => {
    const { controller, settings, store, audit } = await setup();
    const created = await controller.createAudit({ name: 'Q2', client: '', defaultTask: 'buy' });
    const q2 = (await store.listAudits()).find((a) => a.name === 'Q2')!;
    expect(created).toBe(q2.id);
    expect(settings.current()).toMatchObject({ activeAuditId: q2.id, activeJourneyId: null });
    const fields = controller.newJourney(q2, [], [], [], '');
    await controller.createJourney(q2.id, {
      ...fields,
      brand: { name: 'Northwind', domain: 'northwind.test', role: 'own' },
    });
    const [journey] = await store.listJourneys(q2.id);
    const [brand] = await store.listBrands(q2.id);
    const [wave] = await store.listWaves(q2.id);
    expect(brand).toMatchObject({ name: 'Northwind', domain: 'northwind.test', role: 'own' });
    expect(wave).toMatchObject({ name: 'Wave 1', start: new Date(2026, 0, 1).getTime() });
    expect(journey).toMatchObject({
      brandId: brand!.id,
      waveId: wave!.id,
      task: 'buy',
      auditId: q2.id,
    });
    expect(settings.current().activeJourneyId).toBe(journey!.id);
    await controller.chooseAudit(audit.id);
    expect(settings.current()).toMatchObject({ activeAuditId: audit.id, activeJourneyId: null });
    await controller.chooseJourney(journey!.id);
    expect(settings.current().activeJourneyId).toBe(journey!.id);
    await controller.updateAudit(q2.id, { name: 'Q2 renamed' });
    await controller.updateJourney(journey!.id, { persona: 'students' });
    expect((await store.getAudit(q2.id))!.name).toBe('Q2 renamed');
    expect((await store.listJourneys(q2.id))[0]!.persona).toBe('students');
  });

  it('writes nothing when the walk’s new brand is refused (one write)', async () => {
    const { controller, store, audit } = await setup();
    const refused = await controller
      .createJourney(audit.id, {
        ...controller.newJourney(audit, [], [], [], ''),
        brand: { name: '  fastWAVE ', domain: '', role: 'competitor' },
      })
      .catch((e: unknown) => e);
    expect(describeError(refused, translator('en'))).toBe(
      'The audit already has the brand “Fastwave”: choose it in the list or type another name.',
    );
    // Neither the walk nor its new wave was written.
    expect(await store.listJourneys(audit.id)).toHaveLength(2);
    expect((await store.listWaves(audit.id)).map((w) => w.name)).toEqual(['Wave 1']);
  });

  it('moves a walk to another brand and wave', async () => {
    const { controller, store, audit, own, rival } = await setup();
    await controller.createWave(audit.id, { name: 'Wave 2', start: 0, end: 86_400_000 });
    const wave2 = (await store.listWaves(audit.id)).find((w) => w.name === 'Wave 2')!;
    await controller.updateJourney(own.id, { brandId: rival.brandId, waveId: wave2.id });
    expect((await store.listJourneys(audit.id)).find((j) => j.id === own.id)).toMatchObject({
      brandId: rival.brandId,
      waveId: wave2.id,
    });
  });

  it('adds, edits and deletes brands and waves; refuses one that walks use', async () => {
    const { controller, store, audit, own } = await setup();
    const en = translator('en');
    const mask = (text: string) => text;
    expect(
      await controller.createBrand(audit.id, { name: 'Northwind', domain: '', role: 'benchmark' }),
    ).toBe('Brand “Northwind” added.');
    const refusedName = await controller
      .createBrand(audit.id, { name: 'brightline', domain: '', role: 'competitor' })
      .catch((e: unknown) => e);
    expect(describeError(refusedName, en)).toContain('already has the brand “Brightline”');
    const northwind = (await store.listBrands(audit.id)).find((b) => b.name === 'Northwind')!;
    expect(
      await controller.updateBrand(northwind, { name: 'Northwind Air', role: 'competitor' }),
    ).toBe('Brand “Northwind Air” saved.');
    const renamed = (await store.listBrands(audit.id)).find((b) => b.id === northwind.id)!;
    expect(renamed).toMatchObject({ name: 'Northwind Air', role: 'competitor' });

    // A brand or wave walks use stays; the refusal says how many walks.
    const brightline = (await store.listBrands(audit.id)).find((b) => b.id === own.brandId)!;
    const walked = await controller.deleteBrand(brightline).catch((e: unknown) => e);
    expect(describeError(walked, en)).toBe(
      'The brand “Brightline” cannot be deleted: walks using it: 1. Move them to another brand or delete them first.',
    );
    const [wave1] = await store.listWaves(audit.id);
    const waveInUse = await controller.deleteWave(wave1!).catch((e: unknown) => e);
    expect(describeError(waveInUse, translator('ru'))).toBe(
      'Волну «Wave 1» нельзя удалить: путей в ней: 2. Сначала перенесите их в другую волну или удалите.',
    );
    expect(await store.listBrands(audit.id)).toHaveLength(3);

    // An unused one goes to Recently deleted and comes back.
    const entry = await controller.deleteBrand(renamed);
    expect(deletedText(entry, en, mask)).toBe('Brand “Northwind Air” moved to Recently deleted.');
    expect((await store.listBrands(audit.id)).map((b) => b.name)).toEqual([
      'Brightline',
      'Fastwave',
    ]);
    expect(await controller.restore(entry)).toBe('“Northwind Air” restored.');
    expect(await store.listBrands(audit.id)).toHaveLength(3);

    expect(
      await controller.createWave(audit.id, {
        name: 'Wave 2',
        start: Date.UTC(2026, 1, 1),
        end: Date.UTC(2026, 1, 28),
      }),
    ).toBe('Wave “Wave 2” added.');
    const wave2 = (await store.listWaves(audit.id))[1]!;
    expect(await controller.updateWave(wave2, { name: 'February' })).toBe('Wave “February” saved.');
    const waveEntry = await controller.deleteWave({ ...wave2, name: 'February' });
    expect(deletedText(waveEntry, en, mask)).toBe('Wave “February” moved to Recently deleted.');
    expect((await store.listWaves(audit.id)).map((w) => w.name)).toEqual(['Wave 1']);
  });

  it('finishes and reopens a journey, scores, moves and edits steps', async () => {
    const { controller, store, own, page } = await setup();
    expect(await controller.finishJourney(own.id, 'goal-reached')).toBe('Journey finished.');
    expect((await store.listJourneys(own.auditId))[0]!.outcome).toBe('goal-reached');
    expect(await controller.reopenJourney(own.id)).toBeNull();
    expect((await store.listJourneys(own.auditId))[0]!.outcome).toBeNull();

    const one = await page(own.id, 'One');
    const two = await page(own.id, 'Two');
    expect(await controller.score(two, 4)).toBe('Step 2: experience 4.');
    expect(await controller.editStep(one, { note: 'slow' })).toBeNull();
    // Both steps are in the same stage (captured pages: information gathering).
    expect(await controller.moveStep(two, 1)).toBe(
      'Step 2 is now step 1: Information gathering, 1 of 2 in this group.',
    );
    const steps = await store.listSteps(own.id);
    expect(steps.map((s) => [s.title, s.experience, s.note])).toEqual([
      ['Two', 4, ''],
      ['One', null, 'slow'],
    ]);
    // A move past a group's edge is said from the list as stored: the step keeps its stage, so
    // it starts a group of its own (Offer between two runs of information gathering).
    const offer = await page(own.id, 'Offer', 'offer');
    await page(own.id, 'Three', 'information');
    expect(await controller.moveStep(offer, 1)).toBe(
      'Step 3 is now step 1: Offer, 1 of 1 in this group.',
    );
    const three = (await store.listSteps(own.id)).at(-1)!;
    expect(await controller.moveStep(three, 2)).toBe(
      'Step 4 is now step 2: Information gathering, 1 of 3 in this group.',
    );
  });

  it('answers checklists, runs timers and keeps actions', async () => {
    const { controller, store, own, page } = await setup();
    const form = await page(own.id, 'Form');
    const webForm = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;
    const item = webForm.items[0]!;
    await controller.addChecklist(form, 'web-form');
    await controller.answerCheck(form, 'web-form', item.id, 'no');
    const answered = (await store.listSteps(own.id))[0]!;
    expect(answered.checklists).toContain('web-form');
    await controller.checkDetail(answered, 'web-form', item.id, { comment: 'no label' });
    expect((await store.listSteps(own.id))[0]!.checks).toEqual([
      expect.objectContaining({ itemId: item.id, answer: 'no', comment: 'no label' }),
    ]);

    expect(await controller.startTimer(form, 'callback-after-form')).toBe(
      'Timer started at step 1.',
    );
    const later = await page(own.id, 'Later');
    const [timer] = (await store.listJourneys(own.auditId)).find(
      (j) => j.id === own.id,
    )!.measurements;
    expect(await controller.stopTimerAtLast(own.id, undefined, timer!.id)).toBeNull();
    expect(await controller.stopTimerAtLast(own.id, later, timer!.id)).toBe(
      'Timer stopped at step 2.',
    );
    expect(await controller.recordDuration(later, 'phone-answer', 60_000)).toBe(
      translator('en')('durationRecorded', { n: 2 }),
    );
    let measurements = (await store.listJourneys(own.auditId)).find(
      (j) => j.id === own.id,
    )!.measurements;
    expect(measurements).toHaveLength(2);
    await controller.excuse(later, measurements[1]!.id, true);
    expect(await controller.cancelTimer(own.id, measurements[0]!.id)).toBe('Timer cancelled.');
    measurements = (await store.listJourneys(own.auditId)).find(
      (j) => j.id === own.id,
    )!.measurements;
    expect(measurements.map((m) => m.excused)).toEqual([true]);
    await controller.deleteMeasurement(later, measurements[0]!.id);

    const idea = {
      touchpointId: form.id,
      kind: 'action' as const,
      what: 'Label the fields',
      owner: '',
      due: null,
      status: 'open' as const,
      metric: '',
      baseline: '',
      target: '',
    };
    expect(await controller.addAction(idea)).toBe(
      translator('en')('actionAdded', { what: idea.what }),
    );
    const [action] = (await store.listActions(own.auditId)).map((p) => p.action);
    await controller.updateAction(action!, { status: 'done' });
    expect((await store.listActions(own.auditId))[0]!.action.status).toBe('done');
    const entry = await controller.deleteAction(action!);
    expect(entry.kind).toBe('action');
    expect(deletedText(entry, translator('en'), (text) => text)).toBe(
      'Action “Label the fields” moved to Recently deleted.',
    );
    expect(await store.listActions(own.auditId)).toEqual([]);
  });

  it('adds an offline contact and opens the other pages', async () => {
    const { controller, own, audit, calls } = await setup();
    expect(
      await controller.addOfflineContact(own.id, {
        channel: 'phone',
        stage: 'contact',
        title: 'Callback',
        note: '',
        at: 1,
        file: null,
      }),
    ).toBe(translator('en')('offlineAdded', { n: 1 }));
    await controller.openReport();
    await controller.openMethod(audit.id);
    await controller.openData();
    await controller.openOptions();
    await controller.annotate('shot-1');
    expect(calls.opened).toEqual([
      '/report.html',
      `/method.html?audit=${audit.id}`,
      '/data.html',
      'options',
      '/annotate.html?screenshot=shot-1',
    ]);
  });

  it('says its texts in the chosen language', async () => {
    const { controller, own, page } = await setup({ settings: { locale: 'ru' } });
    const step = await page(own.id, 'Home');
    expect(await controller.startTimer(step, 'callback-after-form')).toBe(
      translator('ru')('timerStarted', { n: 1 }),
    );
  });
});

describe('panel controller: captures and background errors', () => {
  it('says what a capture stored, and null when the auditor cancelled', async () => {
    const cancelled = new CaptureError('cancelled', 'cancelled');
    const { controller } = await setup({
      deps: {
        capture: fakeCapture({
          fullPage: () => Promise.reject(cancelled),
          element: async () => ({ outcome: 'cancelled' }),
        }),
      },
    });
    expect(await controller.captures.visible('j')).toEqual({
      mode: 'visible',
      seq: 4,
      parts: 1,
      redacted: false,
      covered: { fields: 0, frames: 0 },
    });
    const signal = new AbortController().signal;
    expect(await controller.captures.fullPage('j', signal, () => undefined)).toBeNull();
    expect(await controller.captures.pick('j', 'element', { hint: '', keys: '' })).toBeNull();

    const saving = await setup();
    expect(await saving.controller.captures.pick('j', 'element', { hint: '', keys: '' })).toEqual(
      expect.objectContaining({ mode: 'element', path: 'native', mismatch: true, clipped: true }),
    );
    const failed = new CaptureError('no-tab', 'none');
    const failing = await setup({
      deps: { capture: fakeCapture({ fullPage: () => Promise.reject(failed) }) },
    });
    await expect(failing.controller.captures.fullPage('j', signal, () => undefined)).rejects.toBe(
      failed,
    );
  });

  it('hands background errors to the view, or to the shell when no view listens', async () => {
    const { controller, shell, logged } = await setup();
    const full = new Error('disk full');
    controller.backgroundFailed(full);
    expect(await valueOf(shell.failures, (f) => f !== null)).toEqual({
      what: 'background work',
      error: full,
    });
    const seen: unknown[] = [];
    const stop = controller.backgroundErrors(
      (error) => void seen.push(error),
      () => undefined,
    );
    const later = new Error('later');
    controller.backgroundFailed(later);
    stop();
    expect(seen).toEqual([later]);
    expect(logged.map((l) => l.error)).toEqual([full]);
  });

  it('the capture service hands a failed compaction to onBackgroundError', async () => {
    const { store } = testStore();
    const { own } = await auditWithJourneys(store);
    const compaction = new Error('QuotaExceededError');
    const errors: unknown[] = [];
    let reported: () => void = () => undefined;
    const reportedOnce = new Promise<void>((resolve) => (reported = resolve));
    const service = new CaptureService({
      store,
      browser: {
        findTargetTab: async () => TAB,
        captureVisibleTab: async () => 'data:image/jpeg;base64,AAAA',
        tabExists: async () => true,
        renderElement: async () => undefined,
        readIdentity: async () => ({ name: '', email: '', phone: '' }),
      },
      page: { coverage: async () => topCoverage() } as unknown as PageClient,
      pacer: new CapturePacer({ now: () => 0, sleep: async () => undefined }),
      stitcher: undefined as never,
      encodeCaptured: async () => fakeImage(),
      encodeSelection: async () => fakeImage(),
      compact: () => Promise.reject(compaction),
      onBackgroundError: (error) => {
        errors.push(error);
        reported();
      },
      now: () => 0,
      sleep: async () => undefined,
      userAgent: 'TestBrowser/1.0',
    });
    const saved = await service.visible(own.id);
    expect(saved.step.seq).toBe(1);
    await reportedOnce;
    expect(errors).toEqual([compaction]);
  });
});
