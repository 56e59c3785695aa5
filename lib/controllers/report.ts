/**
 * The report page's controller: the audits and the chosen audit's records, live; what goes into
 * the report (the audit's report settings, the report choices in the settings); the report model
 * as shown and exported; and the exports (HTML, CSV, slides) assembled here and handed to an
 * injected `save`, so that they run in Node tests with fakes.
 */
import { NotFoundError, type AuditSnapshot, type AuditStore } from '../db';
import type {
  Audit,
  AuditProgramme,
  Brand,
  Identity,
  ReportSettings,
  Screenshot,
  Wave,
} from '../model';
import type { Settings } from '../model/settings';
import { shareRecords, type MaskLabels } from '../privacy';
import { renderCsv } from '../report/csv';
import { evidenceRows } from '../report/evidence';
import { fileStem } from '../report/files';
import { imageDefId, type ImageDef, type ImageRef } from '../report/images';
import {
  sealReport,
  type ImageRecordRef,
  type ManifestInput,
  type ParsedReport,
  type ReportSigner,
} from '../report/manifest';
import {
  buildReport,
  compareBrands,
  compareWaves,
  defaultWaveId,
  type ReportModel,
  type ReportSelection,
} from '../report/model';
import { PPTX_TYPE, renderSlides, type SlideImage } from '../report/pptx';
import { planScreenshots, planSlides, type SlidePlan } from '../report/slides';
import { stageLabel, type Locale } from '../taxonomy';
import { reportLabels } from '../report/words';
import type { Subscribe } from './live';
import type { ShellController } from './shell';

/** What the report includes beyond the findings, kept in the settings. */
export type ReportChoices = Settings['reportChoices'];
const NO_REPORT_CHOICES: ReportChoices = { userAgent: false, fileNames: false };

/** Where each screenshot of a self-contained export refers to, and the images embedded once. */
export interface ReportImages {
  source: (shot: Screenshot) => ImageRef | undefined;
  defs: ImageDef[];
}

export interface ReportControllerDeps {
  shell: ShellController;
  store: Pick<
    AuditStore,
    'listAudits' | 'readAudit' | 'readProgramme' | 'getImage' | 'updateReportSettings'
  >;
  /** Saves a file the person downloads (lib/browser saveFile in the page). */
  save(name: string, content: Blob): void;
  /** The report as one HTML document (components/report/document.tsx renderReportDocument). */
  renderDocument(
    model: ReportModel,
    locale: Locale,
    source: ReportImages['source'],
    defs: readonly ImageDef[],
  ): Promise<string>;
  /** A blob as a data URL (FileReader in the page). */
  dataUrlOf(blob: Blob): Promise<string>;
  /** A screenshot as placed on a slide: cropped, scaled, encoded; rejects if it cannot be decoded. */
  slideImage(blob: Blob): Promise<SlideImage>;
  now(): number;
  /** Reads an HTML text as data, never run (DOMParser in the page): the manifest is made from it. */
  parseHtml(html: string): ParsedReport;
  /** The profile's signing key (null: none, the export is not signed). */
  signer(): Promise<ReportSigner | null>;
  /** The reader's offset from UTC in minutes at `at` (east positive), for working-day standards. */
  utcOffsetMinutes(at: number): number;
}

/** What the report is built from: the audit as stored, and what the person chose on the page. */
export interface ReportInput {
  snapshot: AuditSnapshot;
  /** The wave, brands and segment compared (unset: the latest wave with walks, everything in it). */
  selection: Partial<ReportSelection>;
  identity: Identity | null;
  choices: ReportChoices;
  /** The words that stand in for the auditor's masked name, email and phone. */
  labels: MaskLabels;
}

export interface ReportController {
  readonly shell: ShellController;
  readonly audits: Subscribe<Audit[]>;
  /** One audit with its journeys, steps and screenshots; null when it is gone. */
  snapshot(auditId: string): Subscribe<AuditSnapshot | null>;
  /** The audit's brands, waves and walks only (the controls, before the steps are read). */
  programme(auditId: string): Subscribe<AuditProgramme | null>;
  /** The full images of `shots` that are stored, by screenshot id. */
  readImages(shots: readonly Screenshot[]): Promise<Map<string, Blob>>;
  /**
   * The report as shown and exported: the auditor's identity masked; user agents and upload file
   * names only if chosen; generated now.
   */
  buildModel(input: ReportInput): ReportModel;
  choicesOf(settings: Settings | null): ReportChoices;
  /** Writes one report choice (kept in the settings, for every audit). */
  setChoice(settings: Settings | null, key: keyof ReportChoices, value: boolean): Promise<void>;
  /** Changes what goes into the audit's report (kept with the audit). */
  updateContents(
    auditId: string,
    change: (current: ReportSettings) => ReportSettings,
  ): Promise<void>;
  /** Saves `<stem>-report.html`: the report with its images embedded as chosen. */
  exportHtml(model: ReportModel, locale: Locale): Promise<void>;
  /** Saves `<stem>-steps.csv`: one row per step. */
  exportCsv(model: ReportModel, locale: Locale): Promise<void>;
  /** Saves the slide deck (.pptx) in `locale`. */
  exportSlides(model: ReportModel, locale: Locale): Promise<void>;
}

export function createReportController(deps: ReportControllerDeps): ReportController {
  const { shell, store } = deps;
  const choicesOf = (settings: Settings | null) => settings?.reportChoices ?? NO_REPORT_CHOICES;
  return {
    shell,
    audits: shell.live('audits', () => store.listAudits()),
    snapshot: (auditId) => shell.live('audit', () => missingAsNull(() => store.readAudit(auditId))),
    programme: (auditId) =>
      shell.live('audit', () => missingAsNull(() => store.readProgramme(auditId))),
    async readImages(shots) {
      const pairs = await Promise.all(
        shots.map(async (s) => {
          const blob = await store.getImage(s.id);
          return blob ? ([[s.id, blob]] as const) : [];
        }),
      );
      return new Map(pairs.flat());
    },
    buildModel({ snapshot, selection, identity, choices, labels }) {
      const shared = shareRecords(snapshot, identity, { identity: false, ...choices }, labels);
      const now = deps.now();
      return buildReport(shared, selection, now, deps.utcOffsetMinutes(now));
    },
    choicesOf,
    setChoice: (settings, key, value) =>
      shell.writeSettings({ reportChoices: { ...choicesOf(settings), [key]: value } }),
    async updateContents(auditId, change) {
      await store.updateReportSettings(auditId, change);
    },
    async exportHtml(model, locale) {
      // Exactly the images the report shows (its evidence list), each embedded once.
      const shots = evidenceRows(model).map((row) => row.shot);
      const images = await reportImages(deps, shots, model.settings.images);
      const signer = await deps.signer();
      const signed = signer ? { ...model, signer: { fingerprint: signer.fingerprint } } : model;
      const html = await sealReport(
        await deps.renderDocument(signed, locale, images.source, images.defs),
        deps.parseHtml,
        manifestInput(signed, locale, images, signer),
      );
      deps.save(
        `${fileStem(model.audit.name, model.generatedAt)}-report.html`,
        new Blob([html], { type: 'text/html;charset=utf-8' }),
      );
    },
    async exportCsv(model, locale) {
      deps.save(
        `${fileStem(model.audit.name, model.generatedAt)}-steps.csv`,
        new Blob([renderCsv(model, locale)], { type: 'text/csv;charset=utf-8' }),
      );
    },
    async exportSlides(model, locale) {
      const plan = planSlides(model, locale);
      const shots = new Map(
        model.journeys.flatMap((j) => j.steps.flatMap((s) => s.screenshots.map((x) => [x.id, x]))),
      );
      const bytes = await renderSlides(plan, await slideImages(deps, plan, shots));
      deps.save(plan.fileName, new Blob([bytes], { type: PPTX_TYPE }));
    },
  };
}

/** What the manifest says of each image and step beyond the file: how the report names them. */
function manifestInput(
  model: ReportModel,
  locale: Locale,
  images: ReportImages,
  signer: ReportSigner | null,
): ManifestInput {
  const labels = reportLabels(model, locale);
  const imageRecords = new Map<string, ImageRecordRef[]>();
  const recordNames: ManifestInput['recordNames'] = new Map(
    [
      ...model.journeys.flatMap((j) => j.steps.map((s) => s.touchpoint)),
      ...evidenceRows(model).map((row) => row.touchpoint),
    ].map((tp) => [
      tp.id,
      {
        journeyId: tp.journeyId,
        walk: labels.walk(tp.journeyId),
        seq: tp.seq,
        title: tp.title,
        stage: stageLabel(tp.stage, locale),
      },
    ]),
  );
  // An image's address and capture time only where the file shows them (the evidence table,
  // the journeys' sequences): the manifest carries nothing the report leaves out.
  const { hidden } = model.settings;
  const placed = !hidden.includes('evidence') || !hidden.includes('sequences');
  for (const { journey, touchpoint, shot } of evidenceRows(model)) {
    const ref = images.source(shot);
    if (!ref || typeof ref === 'string') continue;
    const list = imageRecords.get(ref.use) ?? [];
    list.push({
      auditId: model.audit.id,
      journeyId: journey.id,
      stepId: touchpoint.id,
      screenshotId: shot.id,
      walk: labels.walk(journey.id),
      seq: touchpoint.seq,
      title: touchpoint.title,
      stage: stageLabel(touchpoint.stage, locale),
      url: placed ? (shot.url ?? touchpoint.url ?? null) : null,
      capturedAt: placed ? new Date(shot.capturedAt).toISOString() : null,
    });
    imageRecords.set(ref.use, list);
  }
  return {
    generator: `Touchpoint Audit report v${model.formatVersion}`,
    createdAt: model.generatedAt,
    auditId: model.audit.id,
    imageRecords,
    recordNames,
    signer,
  };
}

/** What the report page offers to compare, from the audit's records alone (no report built). */
export interface ComparisonOptions {
  /** Every wave of the audit (by start) with how many walks it has. */
  waves: { wave: Wave; walks: number }[];
  /** The wave chosen if the audit has it, else the latest with walks (null: none has any). */
  waveId: string | null;
  /** The brands walked in that wave (own first, then competitors, then benchmarks) and their walks. */
  brands: { brand: Brand; walks: number }[];
  /** The personas walked in that wave (trimmed, each once, by name). */
  personas: string[];
  /** The entry channels walked in that wave (built-in or the audit’s), each once, first walked first. */
  channels: string[];
}

/**
 * The report page's choices for `waveId` (null: the default wave), computed in one pass over the
 * snapshot's walks, so the controls show before the report is built, however large the audit.
 */
export function comparisonOptions(
  snapshot: Pick<AuditSnapshot, 'brands' | 'waves' | 'journeys'>,
  waveId: string | null,
): ComparisonOptions {
  const perWave = new Map<string, number>();
  // A blind scoring of a walk is no walk of its brand (the report leaves it out of the figures).
  const journeys = snapshot.journeys.filter((j) => j.blindOf === undefined);
  for (const j of journeys) perWave.set(j.waveId, (perWave.get(j.waveId) ?? 0) + 1);
  const chosen =
    waveId && snapshot.waves.some((w) => w.id === waveId) ? waveId : defaultWaveId(snapshot);
  const walks = journeys
    .filter((j) => j.waveId === chosen)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const perBrand = new Map<string, number>();
  for (const j of walks) perBrand.set(j.brandId, (perBrand.get(j.brandId) ?? 0) + 1);
  return {
    waves: [...snapshot.waves]
      .sort(compareWaves)
      .map((wave) => ({ wave, walks: perWave.get(wave.id) ?? 0 })),
    waveId: chosen,
    brands: snapshot.brands
      .filter((b) => perBrand.has(b.id))
      .sort(compareBrands)
      .map((brand) => ({ brand, walks: perBrand.get(brand.id)! })),
    personas: [...new Set(walks.map((j) => j.persona.trim()).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b),
    ),
    channels: [...new Set(walks.map((j) => j.entryChannel))],
  };
}

/** The audit's records; null once it is deleted (the page then shows another audit). */
async function missingAsNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    // Dexie may hand our error back wrapped (as `inner`) from a transaction.
    const inner = (error as { inner?: unknown } | null)?.inner;
    if (error instanceof NotFoundError || inner instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * The images of `shots` for a self-contained export, each distinct image once (full size; its
 * thumbnail if the bytes are missing or thumbnails were chosen), read one at a time; `source`
 * refers every appearance of a screenshot to its embedded image.
 */
async function reportImages(
  deps: Pick<ReportControllerDeps, 'store' | 'dataUrlOf'>,
  shots: readonly Screenshot[],
  /** What the auditor chose to put in: full images, thumbnails only (a much smaller file), none. */
  mode: 'full' | 'thumbnails' | 'none' = 'full',
): Promise<ReportImages> {
  const defs = new Map<string, ImageDef>();
  const idOf = new Map<string, string>();
  for (const shot of mode === 'none' ? [] : shots) {
    const full = mode === 'full' ? await deps.store.getImage(shot.id) : undefined;
    // A screenshot without its bytes shows its thumbnail (a different image: its own entry).
    const id = full ? imageDefId(shot.sha256) : `thumb-${shot.id}`;
    idOf.set(shot.id, id);
    if (defs.has(id)) continue;
    defs.set(id, {
      id,
      width: shot.width,
      height: shot.height,
      dataUrl: await deps.dataUrlOf(full ?? shot.thumbnail),
    });
  }
  return {
    source: (shot) => {
      const id = idOf.get(shot.id);
      return id ? { use: id } : undefined;
    },
    defs: [...defs.values()],
  };
}

/**
 * The images a slide plan places, read one at a time (full size; the thumbnail when the bytes
 * are missing). An image that cannot be decoded is left out: its slide says "no screenshot".
 */
async function slideImages(
  deps: Pick<ReportControllerDeps, 'store' | 'slideImage'>,
  plan: SlidePlan,
  shots: ReadonlyMap<string, Screenshot>,
): Promise<Map<string, SlideImage>> {
  const images = new Map<string, SlideImage>();
  for (const { id } of planScreenshots(plan)) {
    const blob = (await deps.store.getImage(id)) ?? shots.get(id)?.thumbnail;
    if (!blob) continue;
    try {
      images.set(id, await deps.slideImage(blob));
    } catch {
      // Undecodable bytes: the slide shows the placeholder instead.
    }
  }
  return images;
}
