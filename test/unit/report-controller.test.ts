/** The report page's controller over a real (fake-indexeddb) store, a fake shell and fake files. */
import { parseHTML } from 'linkedom';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  comparisonOptions,
  createReportController,
  type ReportControllerDeps,
} from '../../lib/controllers/report';
import type { AuditSnapshot } from '../../lib/model';
import type { ReportSelection } from '../../lib/report/model';
import { MASK_LABELS_EN } from '../../lib/privacy';
import { PPTX_TYPE, type SlideImage } from '../../lib/report/pptx';
import { planScreenshots, planSlides } from '../../lib/report/slides';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, createWalk, fakeImage, testStore } from './helpers';

/** 4 March 2026, 15:30 UTC: the exports' file names carry this date, not the store's clock. */
const NOW = Date.UTC(2026, 2, 4, 15, 30);
const PNG_1PX =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Files the controller saved, with their type and text. */
function fakeFiles() {
  const saved: { name: string; type: string; blob: Blob }[] = [];
  return {
    saved,
    save: (name: string, blob: Blob) => void saved.push({ name, type: blob.type, blob }),
  };
}

/**
 * An audit with two journeys: Brightline with two steps (one image each, the same bytes) and a
 * note naming the auditor; Fastwave with one step without an image.
 */
async function setup(overrides: Partial<ReportControllerDeps> = {}) {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const home = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Brightline — Home',
    at: clock.now(),
    note: 'Anna Petrova asked for a callback',
    images: [fakeImage('home')],
    userAgent: 'TestBrowser/1.0',
  });
  await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/plans',
    title: 'Brightline — Plans',
    at: clock.now() + 60_000,
    images: [fakeImage('plans')],
  });
  await store.addStep({
    journeyId: rival.id,
    kind: 'offline',
    url: null,
    title: 'Fastwave — Call',
    at: clock.now() + 120_000,
    channel: 'phone',
  });
  const { shell, settings, logged } = fakeShell({
    settings: { identity: { name: 'Anna Petrova', email: '', phone: '' } },
  });
  const files = fakeFiles();
  const renders: { locale: string; defs: number; sources: unknown[] }[] = [];
  const controller = createReportController({
    shell,
    store,
    save: files.save,
    async renderDocument(model, locale, source, defs) {
      const shots = model.journeys.flatMap((j) => j.steps.flatMap((s) => s.screenshots));
      renders.push({ locale, defs: defs.length, sources: shots.map(source) });
      return `<!doctype html><title>${model.audit.name}</title>${defs.map((d) => d.dataUrl).join()}`;
    },
    dataUrlOf: async (blob) => `data:${blob.type};bytes=${blob.size}`,
    slideImage: async (): Promise<SlideImage> => ({ data: PNG_1PX, width: 1, height: 1 }),
    now: () => NOW,
    utcOffsetMinutes: () => 0,
    parseHtml: (html) => parseHTML(html).document,
    signer: async () => null,
    ...overrides,
  });
  const snapshot = (await valueOf(controller.snapshot(audit.id)))!;
  const model = (selection: Partial<ReportSelection> = {}) =>
    controller.buildModel({
      snapshot,
      selection,
      identity: settings.current().identity,
      choices: controller.choicesOf(settings.current()),
      labels: MASK_LABELS_EN,
    });
  return { store, audit, own, home, controller, settings, logged, files, renders, snapshot, model };
}

describe('report controller: reads', () => {
  it('lists the audits and reads one live; a deleted audit reads as null, not a failure', async () => {
    const { store, audit, controller, logged } = await setup();
    expect((await valueOf(controller.audits)).map((a) => a.name)).toEqual(['Broadband Q1']);
    const snapshot: AuditSnapshot | null = await valueOf(controller.snapshot(audit.id));
    expect(snapshot?.touchpoints).toHaveLength(3);
    await store.deleteAudit(audit.id);
    expect(await valueOf(controller.snapshot(audit.id))).toBeNull();
    expect(logged).toEqual([]);
  });

  it('reads the stored full images by screenshot id', async () => {
    const { controller, snapshot } = await setup();
    const images = await controller.readImages(snapshot.screenshots);
    expect([...images.keys()].sort()).toEqual(snapshot.screenshots.map((s) => s.id).sort());
    expect([...images.values()].every((blob) => blob.size === 1000)).toBe(true);
  });
});

describe('report controller: the model', () => {
  it('is generated at the injected time, with the chosen brands and the identity masked', async () => {
    const { model, own } = await setup();
    const all = model();
    expect(all.generatedAt).toBe(NOW);
    expect(all.brands.map((b) => b.brand.name)).toEqual(['Brightline', 'Fastwave']);
    const note = all.journeys[0]!.steps[0]!.touchpoint.note;
    expect(note).not.toContain('Anna Petrova');
    expect(note).toContain(MASK_LABELS_EN.name);
    // User agents are left out unless chosen.
    expect(all.journeys[0]!.steps[0]!.screenshots[0]!.userAgent).toBe('');
    const ownOnly = model({ brandIds: [own.brandId] });
    expect(ownOnly.brands.map((b) => b.brand.name)).toEqual(['Brightline']);
  });

  it('writes a report choice to the settings, keeping the other; the model follows it', async () => {
    const { controller, settings, model } = await setup();
    expect(controller.choicesOf(null)).toEqual({ userAgent: false, fileNames: false });
    await controller.setChoice(settings.current(), 'userAgent', true);
    expect(settings.current().reportChoices).toEqual({ userAgent: true, fileNames: false });
    await controller.setChoice(settings.current(), 'fileNames', true);
    expect(settings.current().reportChoices).toEqual({ userAgent: true, fileNames: true });
    expect(model().journeys[0]!.steps[0]!.screenshots[0]!.userAgent).toBe('TestBrowser/1.0');
  });

  it("changes what goes into the audit's report, kept with the audit", async () => {
    const { controller, store, audit, home } = await setup();
    await controller.updateContents(audit.id, (s) => ({
      ...s,
      images: 'thumbnails',
      excludedSteps: [home.id],
    }));
    const stored = (await store.getAudit(audit.id))!.report!;
    expect(stored.images).toBe('thumbnails');
    expect(stored.excludedSteps).toEqual([home.id]);
    await expect(controller.updateContents('gone', (s) => s)).rejects.toThrow('does not exist');
  });
});

describe('report controller: what the page offers to compare', () => {
  it('offers every wave with its walks, and the brands, personas and channels of the chosen one', async () => {
    const { store, clock } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const later = { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 1, 28) };
    // Wave 2 (February): our brand twice (two personas, two channels), a benchmark once.
    await store.createJourney({
      auditId: audit.id,
      brand: { id: own.brandId },
      wave: { name: 'Wave 2', ...later },
      task: '',
      persona: '  students ',
      entryChannel: 'social',
      auditor: '',
    });
    clock.advance(1000);
    await createWalk(store, {
      auditId: audit.id,
      brandName: 'Brightline',
      wave: 'Wave 2',
      persona: 'family',
    });
    await createWalk(store, {
      auditId: audit.id,
      brandName: 'Lumen Hotels',
      brandRole: 'benchmark',
      wave: 'Wave 2',
      persona: 'family',
    });
    const snapshot = await store.readAudit(audit.id);
    const [wave1, wave2] = [...snapshot.waves].sort((a, b) => a.start - b.start);
    // By default the latest wave with walks.
    const latest = comparisonOptions(snapshot, null);
    expect(latest.waveId).toBe(wave2!.id);
    expect(latest.waves.map((w) => [w.wave.name, w.walks])).toEqual([
      ['Wave 1', 2],
      ['Wave 2', 3],
    ]);
    expect(latest.brands.map((b) => [b.brand.name, b.brand.role, b.walks])).toEqual([
      ['Brightline', 'own', 2],
      ['Lumen Hotels', 'benchmark', 1],
    ]);
    expect(latest.personas).toEqual(['family', 'students']);
    expect(latest.channels).toEqual(['social', 'search']);
    const first = comparisonOptions(snapshot, wave1!.id);
    expect(first.brands.map((b) => b.brand.name)).toEqual(['Brightline', 'Fastwave']);
    expect(first.personas).toEqual(['family']);
    // A wave the audit does not have is no choice: the default again.
    expect(comparisonOptions(snapshot, 'gone').waveId).toBe(wave2!.id);
    // No walk at all: no wave to compare.
    expect(comparisonOptions({ ...snapshot, journeys: [] }, null)).toMatchObject({
      waveId: null,
      brands: [],
      personas: [],
    });
  });
});

describe('report controller: exports', () => {
  it('saves the HTML report named for the audit and the injected day, each image embedded once', async () => {
    const { controller, model, files, renders } = await setup();
    await controller.exportHtml(model(), 'ru');
    expect(files.saved.map((f) => [f.name, f.type])).toEqual([
      ['broadband-q1-2026-03-04-report.html', 'text/html;charset=utf-8'],
    ]);
    const saved = await files.saved[0]!.blob.text();
    expect(saved).toMatch(
      /^<!doctype html><title>Broadband Q1<\/title>data:image\/jpeg;bytes=1000<script type="application\/json" id="tpa-manifest">/,
    );
    // The manifest and the seal follow what was rendered (report-manifest.test.ts checks them).
    expect(saved).toContain('<script type="application/json" id="tpa-seal">{"reportHash"');
    // Two screenshots of the same bytes: one embedded image both refer to.
    expect(renders).toEqual([
      {
        locale: 'ru',
        defs: 1,
        sources: [{ use: expect.any(String) }, { use: expect.any(String) }],
      },
    ]);
    expect(renders[0]!.sources[0]).toEqual(renders[0]!.sources[1]);
  });

  it('embeds thumbnails only, or no images, as chosen for the report', async () => {
    const { controller, audit, store, files, renders } = await setup();
    await controller.updateContents(audit.id, (s) => ({ ...s, images: 'thumbnails' }));
    const snapshot = (await valueOf(controller.snapshot(audit.id)))!;
    const build = () =>
      controller.buildModel({
        snapshot,
        selection: {},
        identity: null,
        choices: controller.choicesOf(null),
        labels: MASK_LABELS_EN,
      });
    await controller.exportHtml(build(), 'en');
    expect(renders[0]!.defs).toBe(2);
    expect(await files.saved[0]!.blob.text()).toContain('data:image/webp;bytes=');
    await store.updateReportSettings(audit.id, (s) => ({ ...s, images: 'none' }));
    const none = (await valueOf(
      controller.snapshot(audit.id),
      (s) => s?.audit.report?.images === 'none',
    ))!;
    await controller.exportHtml(
      controller.buildModel({
        snapshot: none,
        selection: {},
        identity: null,
        choices: controller.choicesOf(null),
        labels: MASK_LABELS_EN,
      }),
      'en',
    );
    expect(renders[1]).toEqual({ locale: 'en', defs: 0, sources: [undefined, undefined] });
  });

  it('saves the steps as CSV named for the audit and the injected day', async () => {
    const { controller, model, files } = await setup();
    await controller.exportCsv(model(), 'en');
    expect(files.saved.map((f) => [f.name, f.type])).toEqual([
      ['broadband-q1-2026-03-04-steps.csv', 'text/csv;charset=utf-8'],
    ]);
    const csv = await files.saved[0]!.blob.text();
    expect(csv).toContain('Brightline — Home');
    expect(csv).toContain('Fastwave — Call');
    expect(csv).not.toContain('Anna Petrova');
  });

  it('saves the slides as a .pptx named for the audit and the injected day, with their images', async () => {
    const { controller, model, files } = await setup();
    await controller.exportSlides(model(), 'en');
    expect(files.saved.map((f) => [f.name, f.type])).toEqual([
      ['broadband-q1-2026-03-04-slides.pptx', PPTX_TYPE],
    ]);
    const zip = unzipSync(new Uint8Array(await files.saved[0]!.blob.arrayBuffer()));
    expect(strFromU8(zip['ppt/slides/slide1.xml']!)).toContain('Broadband Q1');
    // Each planned screenshot is placed (the stage slide shows both of Brightline's).
    const placed = planScreenshots(planSlides(model(), 'en')).length;
    expect(placed).toBe(2);
    expect(Object.keys(zip).filter((f) => /^ppt\/media\/.+\.png$/.test(f))).toHaveLength(placed);
  });

  it('leaves out a slide image that cannot be decoded and still saves the deck', async () => {
    const tried: number[] = [];
    const { controller, model, files } = await setup({
      slideImage: async (blob) => {
        tried.push(blob.size);
        throw new Error('undecodable');
      },
    });
    await controller.exportSlides(model(), 'en');
    expect(tried.length).toBeGreaterThan(0);
    expect(files.saved).toHaveLength(1);
    const zip = unzipSync(new Uint8Array(await files.saved[0]!.blob.arrayBuffer()));
    expect(Object.keys(zip).filter((f) => /^ppt\/media\/.+/.test(f))).toHaveLength(0);
    expect(strFromU8(zip['ppt/slides/slide1.xml']!)).toContain('Broadband Q1');
  });

  it('rejects an export whose images cannot be read, and saves nothing', async () => {
    const { controller, model, files } = await setup({
      dataUrlOf: () => Promise.reject(new Error('The image could not be read.')),
    });
    await expect(controller.exportHtml(model(), 'en')).rejects.toThrow('could not be read');
    expect(files.saved).toEqual([]);
  });
});
