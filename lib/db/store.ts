/** The store's one face: AuditStore over its parts (one per aggregate and file), and openStore. */
import { AuditRecords } from './audits';
import { BlindRecords } from './blind';
import { StoreCore } from './core';
import { ExchangeRecords } from './exchange';
import type { StorageGuard, StorageProbe } from './guard';
import { ImageRecords } from './images';
import { MethodRecords } from './method';
import { ProgrammeRecords } from './programme';
import { AuditDatabase, DB_NAME } from './schema';
import { StepRecords } from './steps';
import { TrashRecords } from './trash';

/**
 * Reads and writes audits and everything in them. Each method is its part's (the file named in
 * the group's comment), where its contract is written down.
 */
export class AuditStore {
  /** Opens the database, refuses writes on a (nearly) full disk, stops after a storage error. */
  readonly storage: StorageGuard;
  private readonly audits: AuditRecords;
  private readonly programme: ProgrammeRecords;
  private readonly steps: StepRecords;
  private readonly images: ImageRecords;
  private readonly method: MethodRecords;
  private readonly trash: TrashRecords;
  private readonly exchange: ExchangeRecords;
  private readonly blind: BlindRecords;

  constructor(
    readonly db: AuditDatabase,
    now: () => number = Date.now,
    newId: () => string = () => crypto.randomUUID(),
    /** What the browser says about its storage (lib/browser; a fake in tests). */
    probe: StorageProbe,
  ) {
    const core = new StoreCore(db, now, newId, probe);
    this.storage = core.storage;
    this.audits = new AuditRecords(core);
    this.programme = new ProgrammeRecords(core);
    this.steps = new StepRecords(core);
    this.images = new ImageRecords(core);
    this.method = new MethodRecords(core);
    this.trash = new TrashRecords(core);
    this.exchange = new ExchangeRecords(core);
    this.blind = new BlindRecords(core);
  }

  // Audits and journeys (audits.ts).
  readonly listAudits: AuditRecords['listAudits'] = () => this.audits.listAudits();
  readonly getAudit: AuditRecords['getAudit'] = (...a) => this.audits.getAudit(...a);
  readonly createAudit: AuditRecords['createAudit'] = (...a) => this.audits.createAudit(...a);
  readonly updateAudit: AuditRecords['updateAudit'] = (...a) => this.audits.updateAudit(...a);
  readonly updateReportSettings: AuditRecords['updateReportSettings'] = (...a) =>
    this.audits.updateReportSettings(...a);
  readonly readAudit: AuditRecords['readAudit'] = (...a) => this.audits.readAudit(...a);
  readonly readProgramme: AuditRecords['readProgramme'] = (...a) => this.audits.readProgramme(...a);
  readonly listJourneys: AuditRecords['listJourneys'] = (...a) => this.audits.listJourneys(...a);
  readonly getJourney: AuditRecords['getJourney'] = (...a) => this.audits.getJourney(...a);
  readonly createJourney: AuditRecords['createJourney'] = (...a) => this.audits.createJourney(...a);
  readonly updateJourney: AuditRecords['updateJourney'] = (...a) => this.audits.updateJourney(...a);
  readonly finishJourney: AuditRecords['finishJourney'] = (...a) => this.audits.finishJourney(...a);

  // Scoring a walk blind: its steps copied for another auditor, scores empty (blind.ts).
  readonly scoreBlind: BlindRecords['scoreBlind'] = (...a) => this.blind.scoreBlind(...a);

  // Brands and waves of an audit (programme.ts).
  readonly listBrands: ProgrammeRecords['listBrands'] = (...a) => this.programme.listBrands(...a);
  readonly listWaves: ProgrammeRecords['listWaves'] = (...a) => this.programme.listWaves(...a);
  readonly createBrand: ProgrammeRecords['createBrand'] = (...a) =>
    this.programme.createBrand(...a);
  readonly updateBrand: ProgrammeRecords['updateBrand'] = (...a) =>
    this.programme.updateBrand(...a);
  readonly deleteBrand: ProgrammeRecords['deleteBrand'] = (...a) =>
    this.programme.deleteBrand(...a);
  readonly walkedTypes: ProgrammeRecords['walkedTypes'] = (...a) =>
    this.programme.walkedTypes(...a);
  readonly createWave: ProgrammeRecords['createWave'] = (...a) => this.programme.createWave(...a);
  readonly updateWave: ProgrammeRecords['updateWave'] = (...a) => this.programme.updateWave(...a);
  readonly deleteWave: ProgrammeRecords['deleteWave'] = (...a) => this.programme.deleteWave(...a);

  // Steps (steps.ts).
  readonly listSteps: StepRecords['listSteps'] = (...a) => this.steps.listSteps(...a);
  readonly countStepsSince: StepRecords['countStepsSince'] = (...a) =>
    this.steps.countStepsSince(...a);
  readonly addStep: StepRecords['addStep'] = (...a) => this.steps.addStep(...a);
  readonly updateStep: StepRecords['updateStep'] = (...a) => this.steps.updateStep(...a);
  readonly moveStep: StepRecords['moveStep'] = (...a) => this.steps.moveStep(...a);
  readonly updateTags: StepRecords['updateTags'] = (...a) => this.steps.updateTags(...a);
  readonly listAuditTags: StepRecords['listAuditTags'] = (...a) => this.steps.listAuditTags(...a);

  // Images of steps, their held-back originals and annotations (images.ts).
  readonly listJourneyScreenshots: ImageRecords['listJourneyScreenshots'] = (...a) =>
    this.images.listJourneyScreenshots(...a);
  readonly listScreenshots: ImageRecords['listScreenshots'] = (...a) =>
    this.images.listScreenshots(...a);
  readonly getScreenshot: ImageRecords['getScreenshot'] = (...a) => this.images.getScreenshot(...a);
  readonly getImage: ImageRecords['getImage'] = (...a) => this.images.getImage(...a);
  readonly attachImage: ImageRecords['attachImage'] = (...a) => this.images.attachImage(...a);
  readonly replaceImage: ImageRecords['replaceImage'] = (...a) => this.images.replaceImage(...a);
  readonly heldBackOriginal: ImageRecords['heldBackOriginal'] = (...a) =>
    this.images.heldBackOriginal(...a);
  readonly heldBackOriginals: ImageRecords['heldBackOriginals'] = (...a) =>
    this.images.heldBackOriginals(...a);
  readonly uncoverFrame: ImageRecords['uncoverFrame'] = (...a) => this.images.uncoverFrame(...a);
  readonly updateAnnotations: ImageRecords['updateAnnotations'] = (...a) =>
    this.images.updateAnnotations(...a);

  // The method, checklist answers, timers and durations, actions and ideas (method.ts).
  readonly updateMethod: MethodRecords['updateMethod'] = (...a) => this.method.updateMethod(...a);
  readonly answerCheck: MethodRecords['answerCheck'] = (...a) => this.method.answerCheck(...a);
  readonly setStepChecklist: MethodRecords['setStepChecklist'] = (...a) =>
    this.method.setStepChecklist(...a);
  readonly startTimer: MethodRecords['startTimer'] = (...a) => this.method.startTimer(...a);
  readonly stopTimer: MethodRecords['stopTimer'] = (...a) => this.method.stopTimer(...a);
  readonly recordDuration: MethodRecords['recordDuration'] = (...a) =>
    this.method.recordDuration(...a);
  readonly excuseMeasurement: MethodRecords['excuseMeasurement'] = (...a) =>
    this.method.excuseMeasurement(...a);
  readonly deleteMeasurement: MethodRecords['deleteMeasurement'] = (...a) =>
    this.method.deleteMeasurement(...a);
  readonly listActions: MethodRecords['listActions'] = (...a) => this.method.listActions(...a);
  readonly addAction: MethodRecords['addAction'] = (...a) => this.method.addAction(...a);
  readonly updateAction: MethodRecords['updateAction'] = (...a) => this.method.updateAction(...a);

  // Recently deleted: delete, restore, empty (trash.ts).
  readonly deleteAudit: TrashRecords['deleteAudit'] = (...a) => this.trash.deleteAudit(...a);
  readonly deleteJourney: TrashRecords['deleteJourney'] = (...a) => this.trash.deleteJourney(...a);
  readonly deleteStep: TrashRecords['deleteStep'] = (...a) => this.trash.deleteStep(...a);
  readonly deleteScreenshot: TrashRecords['deleteScreenshot'] = (...a) =>
    this.trash.deleteScreenshot(...a);
  readonly deleteAction: TrashRecords['deleteAction'] = (...a) => this.trash.deleteAction(...a);
  readonly listDeleted: TrashRecords['listDeleted'] = () => this.trash.listDeleted();
  readonly restoreDeleted: TrashRecords['restoreDeleted'] = (...a) =>
    this.trash.restoreDeleted(...a);
  readonly emptyDeleted: TrashRecords['emptyDeleted'] = () => this.trash.emptyDeleted();

  // Bundles: read a data set, preview and apply an import, remember an export (exchange.ts).
  readonly readDataSet: ExchangeRecords['readDataSet'] = (...a) => this.exchange.readDataSet(...a);
  readonly previewImport: ExchangeRecords['previewImport'] = (...a) =>
    this.exchange.previewImport(...a);
  readonly applyImport: ExchangeRecords['applyImport'] = (...a) => this.exchange.applyImport(...a);
  readonly recordExported: ExchangeRecords['recordExported'] = (...a) =>
    this.exchange.recordExported(...a);
}

/**
 * The extension's store: the database is opened by its storage guard (`store.storage.open()`),
 * which checks the free space first and never reopens it behind the auditor's back.
 */
export function openStore(probe: StorageProbe, name = DB_NAME): AuditStore {
  return new AuditStore(new AuditDatabase(name, { autoOpen: false }), Date.now, undefined, probe);
}
