/**
 * The side panel's controller: every live read of the panel (audits, journeys, steps and their
 * screenshots, placed actions, Recently deleted, steps since the last backup), every write to the
 * store and the settings, and the page's decisions (a new step's stage, a new journey's brand,
 * backup bookkeeping, auto-capture, defining a stage, a new walk's brand and wave, the walks'
 * labels). Actions resolve with the status text to show (or null) and reject with why not; the
 * view shows either in its message line.
 */
import { CaptureError } from '../capture/errors';
import type { AuditStore, PlacedAction } from '../db';
import { formatBytes, maskLabels, type Translate } from '../i18n';
import { logError } from '../log';
import {
  brandNameKey,
  type Audit,
  type AuditEdit,
  type AuditInput,
  type Brand,
  type DeletedEntry,
  type Identity,
  type Journey,
  type JourneyEdit,
  type Notice,
  type Outcome,
  type Person,
  type Screenshot,
  type Step,
  type StepEdit,
  type WalkedTab,
  type Wave,
} from '../model';
import type { Settings } from '../model/settings';
import { maskers, type Maskers } from '../privacy';
import { LABEL_SEPARATOR, walkLabels } from '../report/labels';
import { labelWords } from '../report/words';
import { channelLabel, defaultStage, stageLabel, stageOptions } from '../taxonomy';
import type { CatalogueSource } from '../taxonomy';
import { constant, never, type Subscribe } from './live';
import { capturesOver, type PanelCapture, type PanelCaptures } from './panel-capture';
import { methodActionsOver, type MethodStore, type PanelMethodActions } from './panel-method';
import {
  newWalk,
  programmeActionsOver,
  proposedWave,
  type PanelProgrammeActions,
  type ProgrammeStore,
  type WalkFields,
  type WaveFields,
} from './panel-programme';
import { backUpAndRecord } from './backup';
import { touchesActionsOver, type PanelTouchesActions } from './panel-touches';
import { tagActionsOver, type PanelTagActions } from './panel-tags';
import { placeInGroup } from './step-groups';
import type { ShellController } from './shell';

export type { PlacedAction };
export type { CaptureProgress, PanelCapture, PanelCaptures } from './panel-capture';
export type { PanelMethodActions } from './panel-method';
export type { BrandFields, PanelProgrammeActions, WalkFields, WaveFields } from './panel-programme';

/** After this many steps without a backup, the panel reminds the auditor to make one. */
export const BACKUP_REMINDER_STEPS = 50;
/** A notice from the service worker older than this is not shown (the panel opened much later). */
export const NOTICE_FRESH_MS = 60_000;

/** An offline contact as the panel's form gives it (lib/services/evidence adds it as a step). */
export interface OfflineContact {
  channel: string;
  stage: string;
  title: string;
  note: string;
  /** When the contact happened (the auditor says). */
  at: number;
  file: (Blob & { name?: string }) | null;
  /** The touchpoint type chosen for it, if any. */
  typeId?: string | null;
  /** Running timers (measurement ids) this contact answers: they stop at it, in the same write. */
  stopsTimers?: string[];
  /** The person the customer dealt with (written with the step, in the same write). */
  person?: Person;
}

/** The store as the panel uses it (lib/db AuditStore). */
export type PanelStore = Pick<
  AuditStore,
  | 'listAudits'
  | 'listJourneys'
  | 'listSteps'
  | 'listScreenshots'
  | 'listActions'
  | 'listDeleted'
  | 'countStepsSince'
  | 'createAudit'
  | 'updateAudit'
  | 'deleteAudit'
  | 'createJourney'
  | 'updateJourney'
  | 'deleteJourney'
  | 'finishJourney'
  | 'updateStep'
  | 'moveStep'
  | 'deleteStep'
  | 'updateMethod'
  | 'restoreDeleted'
  | 'emptyDeleted'
  | 'scoreBlind'
  | 'updateTags'
  | 'listAuditTags'
> &
  MethodStore &
  ProgrammeStore;

export interface PanelControllerDeps {
  shell: ShellController;
  store: PanelStore;
  /** The capture service (lib/services/capture CaptureService). */
  capture: PanelCapture;
  now(): number;
  /** The tab the auditor walks (for auto-capture); null when there is none. */
  findTargetTab(): Promise<WalkedTab | null>;
  /**
   * Starts watching the tab auto-capture now follows (its pending requests, so that a route's
   * late data is waited for); absent in tests. A failure is not fatal: the wait then sees less.
   */
  followTab?(tabId: number): Promise<void>;
  /** Click capture on or off in a tab's page (the page agent); absent in tests. */
  watchClicks?(tabId: number, on: boolean): Promise<boolean>;
  openPage(path: string): Promise<void>;
  openOptions(): Promise<void>;
  addOfflineContact(journeyId: string, contact: OfflineContact): Promise<Step>;
  attachEvidence(touchpointId: string, file: Blob & { name?: string }): Promise<Screenshot>;
  /** Writes a bundle of everything and saves it as a file; resolves with its name and size. */
  backupAll(): Promise<{ file: string; bytes: number }>;
  /** Whether the browser keeps the data under storage pressure (persistent storage). */
  storageStatus(): Promise<{ persisted: boolean }>;
  /** Asks the browser to keep the data under storage pressure (it may say no). */
  requestPersistence(): Promise<boolean>;
}

/** The panel's view of the method's wording: the identity masked in what it says. */
export function maskFor(identity: Identity | null, t: Translate): Maskers {
  return maskers(identity, maskLabels(t));
}

/** The undo line after a deletion: what went, its label masked. */
export function deletedText(entry: DeletedEntry, t: Translate, mask: (text: string) => string) {
  if (entry.kind === 'step') return t('stepDeleted', { n: entry.position ?? 0 });
  const key = {
    audit: 'auditDeleted',
    brand: 'brandDeleted',
    wave: 'waveDeleted',
    journey: 'journeyDeleted',
    image: 'imageDeleted',
    action: 'actionDeleted',
  } as const;
  return t(key[entry.kind], { name: mask(entry.label) });
}

/** The status line after a restore. */
export function restoredText(entry: DeletedEntry, t: Translate, mask: (text: string) => string) {
  return entry.kind === 'step'
    ? t('stepRestored', { n: entry.position ?? 0 })
    : t('restored', { label: mask(entry.label) });
}

export interface PanelController
  extends PanelMethodActions,
    PanelProgrammeActions,
    PanelTouchesActions,
    PanelTagActions {
  readonly shell: ShellController;

  // Live reads: each failure reaches the shell's banner.
  readonly audits: Subscribe<Audit[]>;
  /** The journeys (walks) of an audit ([] for none). */
  journeys(auditId: string | null): Subscribe<Journey[]>;
  /** The brands of an audit ([] for none). */
  brands(auditId: string | null): Subscribe<Brand[]>;
  /** The waves of an audit, by first day ([] for none). */
  waves(auditId: string | null): Subscribe<Wave[]>;
  /** The steps of a journey ([] for none). */
  steps(journeyId: string | null): Subscribe<Step[]>;
  /** The screenshots of exactly these steps; null: the steps are not read yet (no value). */
  screenshots(stepIds: readonly string[] | null): Subscribe<Screenshot[]>;
  /** The actions and ideas of an audit's steps, with where each is. */
  placedActions(auditId: string | null): Subscribe<PlacedAction[]>;
  readonly trash: Subscribe<DeletedEntry[]>;
  /** Steps added since the last backup (0: never backed up counts every step). */
  unsavedSince(lastBackupAt: number): Subscribe<number>;
  /** Whether the browser keeps the data (null: it would not say). Asks for it once. */
  readonly persisted: Subscribe<boolean | null>;
  /** Errors of work done after an action resolved (image compaction); each one once. */
  readonly backgroundErrors: Subscribe<unknown>;
  /** Reports a background error (the capture service's onBackgroundError). */
  backgroundFailed(error: unknown): void;

  // Decisions.
  /** The stage a new (offline) step starts in: the last step's, else contact. */
  newStepStage(steps: readonly Step[]): string;
  /**
   * A new walk's fields: the latest wave (else "Wave 1" this month, in the panel's language), the
   * first brand not walked in it (else a new brand: own while there is none, then competitors),
   * the audit's task, the auditor from Options.
   */
  newJourney(
    audit: Audit,
    journeys: readonly Journey[],
    brands: readonly Brand[],
    waves: readonly Wave[],
    auditorName: string,
  ): WalkFields;
  /**
   * Whether to offer scoring `journey` blind to the auditor named in Options: not when it is
   * itself a blind scoring, when that auditor walked it (names compared as brandNameKey does; an
   * unnamed auditor is offered it, and told to set a name), or already scores it blind.
   */
  canScoreBlind(journey: Journey, journeys: readonly Journey[], auditorName: string): boolean;
  /** The wave proposed when the auditor adds one ("Wave n+1", the month after the latest). */
  proposedWave(waves: readonly Wave[]): WaveFields;
  /**
   * Each walk's label in the panel's language: its brand, then only what tells it apart from the
   * others shown (wave, persona, entry channel, auditor); a blind scoring: its walk's label, then
   * "blind" and its auditor. By journey id.
   */
  walkLabels(
    journeys: readonly Journey[],
    brands: readonly Brand[],
    waves: readonly Wave[],
    /** The audit's method: its channels' labels (built-in labels without it). */
    method?: CatalogueSource,
  ): Map<string, string>;
  /** The service worker's notice, if it is recent enough to show. */
  freshNotice(notice: Notice | null | undefined): Notice | null;

  // Audits and journeys.
  chooseAudit(auditId: string): Promise<void>;
  chooseJourney(journeyId: string): Promise<void>;
  /** Creates an audit and makes it the panel's; resolves with its id. */
  createAudit(input: AuditInput): Promise<string>;
  updateAudit(auditId: string, edit: AuditEdit): Promise<void>;
  deleteAudit(audit: Audit): Promise<DeletedEntry>;
  /** Creates a walk, with its new brand or wave if it has one, in one write; chooses it. */
  createJourney(auditId: string, input: WalkFields): Promise<void>;
  /** Edits a walk; its brandId / waveId move it to another brand or wave of the audit. */
  updateJourney(journeyId: string, edit: JourneyEdit): Promise<void>;
  deleteJourney(journey: Journey): Promise<DeletedEntry>;
  finishJourney(journeyId: string, outcome: Outcome): Promise<string>;
  /**
   * Starts scoring a walk blind as the auditor named in Options (store.scoreBlind: its steps and
   * screenshots copied, every score empty) and makes the blind walk the active one.
   */
  scoreBlind(journey: Journey): Promise<string>;
  reopenJourney(journeyId: string): Promise<null>;
  /** Auto-capture of the walked tab into the journey (refused with no-tab when there is none). */
  setAutoCapture(journeyId: string | null, on: boolean): Promise<string | null>;
  /** Click capture on (for the walked tab, into this journey) or off; the status line's words. */
  setClickCapture(journeyId: string | null, on: boolean): Promise<string | null>;

  // Steps.
  editStep(step: Step, edit: StepEdit): Promise<null>;
  /** A score key (1–5) on a step. */
  score(step: Step, experience: number): Promise<string>;
  /** Moves a step to place `toSeq`; resolves with where it stands now (its group, its place in it). */
  moveStep(step: Step, toSeq: number): Promise<string>;
  deleteStep(step: Step): Promise<DeletedEntry>;
  attachEvidence(step: Step, file: Blob & { name?: string }): Promise<string>;
  annotate(screenshotId: string): Promise<null>;
  /** Puts the step in a stage by name: a known stage as it is, a new name as a custom stage. */
  defineStage(audit: Audit, step: Step, name: string): Promise<string>;
  addOfflineContact(journeyId: string, contact: OfflineContact): Promise<string>;

  // Recently deleted.
  restore(entry: DeletedEntry): Promise<string>;
  emptyDeleted(): Promise<string>;

  // Keeping the data safe.
  /** Saves a backup of everything; the next reminder counts from when it started. */
  backup(): Promise<string>;

  // Other pages.
  openReport(): Promise<void>;
  openMethod(auditId: string): Promise<void>;
  openData(): Promise<void>;
  openOptions(): Promise<void>;

  /** Captures: each resolves with what was stored, or null when the auditor cancelled. */
  readonly captures: PanelCaptures;
}

export function createPanelController(deps: PanelControllerDeps): PanelController {
  const { shell, store } = deps;
  // The latest settings: the language and identity of the texts the actions return.
  let settings: Settings | null = null;
  shell.settings(
    (next) => void (settings = next),
    (error) => shell.fail('settings', error),
  );
  const words = () => {
    const locale = shell.localeOf(settings);
    const t = shell.translatorFor(locale);
    return { t, locale, mask: maskFor(settings?.identity ?? null, t).text };
  };
  const background = new Set<(error: unknown) => void>();
  let askedPersistence = false;

  return {
    shell,
    audits: shell.live('audits', () => store.listAudits()),
    journeys: (auditId) =>
      auditId ? shell.live('journeys', () => store.listJourneys(auditId)) : constant([]),
    brands: (auditId) =>
      auditId ? shell.live('brands', () => store.listBrands(auditId)) : constant([]),
    waves: (auditId) =>
      auditId ? shell.live('waves', () => store.listWaves(auditId)) : constant([]),
    steps: (journeyId) =>
      journeyId ? shell.live('steps', () => store.listSteps(journeyId)) : constant([]),
    screenshots: (stepIds) =>
      stepIds === null
        ? never
        : stepIds.length === 0
          ? constant([])
          : shell.live('screenshots', () => store.listScreenshots([...stepIds])),
    placedActions: (auditId) =>
      auditId ? shell.live('actions', () => store.listActions(auditId)) : constant([]),
    trash: shell.live('recently deleted', () => store.listDeleted()),
    unsavedSince: (lastBackupAt) =>
      shell.live('steps since the last backup', () => store.countStepsSince(lastBackupAt)),
    persisted: (onValue) => {
      if (!askedPersistence) {
        askedPersistence = true;
        // Ask once per panel; a refusal is an answer (the status below says it), a failure is logged.
        void deps
          .requestPersistence()
          .catch((error: unknown) => logError('asking for persistent storage', error));
      }
      let live = true;
      deps.storageStatus().then(
        (status) => live && onValue(status.persisted),
        () => live && onValue(null),
      );
      return () => void (live = false);
    },
    backgroundErrors: (onValue) => {
      background.add(onValue);
      return () => void background.delete(onValue);
    },
    backgroundFailed(error) {
      if (background.size === 0) return shell.fail('background work', error);
      logError('background work', error);
      for (const listener of background) listener(error);
    },

    newStepStage: (steps) => defaultStage('offline', steps.at(-1)?.stage),
    newJourney: (audit, journeys, brands, waves, auditorName) =>
      newWalk(audit, journeys, brands, waves, auditorName, deps.now(), words().t),
    proposedWave: (waves) => proposedWave(waves, deps.now(), words().t),
    canScoreBlind(journey, journeys, auditorName) {
      const me = brandNameKey(auditorName);
      return (
        journey.blindOf === undefined &&
        brandNameKey(journey.auditor) !== me &&
        !journeys.some((j) => j.blindOf === journey.id && me && brandNameKey(j.auditor) === me)
      );
    },
    walkLabels(journeys, brands, waves, method) {
      const { t, locale } = words();
      // A blind scoring is labelled after the walk it scores, "Brightline · Anna · blind · Boris",
      // so scoring blind changes no other walk's label (one per auditor: the store refuses two).
      const ids = new Set(journeys.filter((j) => j.blindOf === undefined).map((j) => j.id));
      const scores = (j: Journey) => j.blindOf !== undefined && ids.has(j.blindOf);
      const labels = walkLabels(
        journeys.filter((j) => !scores(j)),
        brands,
        waves,
        (c) => channelLabel(c, locale, method),
        labelWords(t),
      );
      for (const j of journeys) {
        if (j.blindOf === undefined) continue;
        const parts = scores(j)
          ? [labels.get(j.blindOf), t('labelBlind'), j.auditor.trim() || t('labelNoAuditor')]
          : [labels.get(j.id), t('labelBlind')];
        labels.set(j.id, parts.join(LABEL_SEPARATOR));
      }
      return labels;
    },
    freshNotice: (notice) => (notice && deps.now() - notice.at < NOTICE_FRESH_MS ? notice : null),

    chooseAudit: (auditId) =>
      shell.writeSettings({ activeAuditId: auditId, activeJourneyId: null }),
    chooseJourney: (journeyId) => shell.writeSettings({ activeJourneyId: journeyId }),
    async createAudit(input) {
      const created = await store.createAudit(input);
      await shell.writeSettings({ activeAuditId: created.id, activeJourneyId: null });
      return created.id;
    },
    async updateAudit(auditId, edit) {
      await store.updateAudit(auditId, edit);
    },
    deleteAudit: (audit) => store.deleteAudit(audit.id),
    async createJourney(auditId, input) {
      const created = await store.createJourney({ ...input, auditId });
      await shell.writeSettings({ activeAuditId: auditId, activeJourneyId: created.id });
    },
    async updateJourney(journeyId, edit) {
      await store.updateJourney(journeyId, edit);
    },
    deleteJourney: (journey) => store.deleteJourney(journey.id),
    async finishJourney(journeyId, outcome) {
      await store.finishJourney(journeyId, outcome);
      return words().t('journeyFinished');
    },
    async scoreBlind(journey) {
      const blind = await store.scoreBlind(journey.id, settings?.auditorName ?? '');
      await shell.writeSettings({ activeAuditId: blind.auditId, activeJourneyId: blind.id });
      return words().t('scoreBlindStarted');
    },
    async reopenJourney(journeyId) {
      await store.finishJourney(journeyId, null);
      return null;
    },
    async setAutoCapture(journeyId, on) {
      if (!on || !journeyId) {
        await shell.writeSettings({ autoCapture: null });
        return null;
      }
      const tab = await deps.findTargetTab();
      if (!tab) throw new CaptureError('no-tab', 'No tab to follow.');
      await shell.writeSettings({ autoCapture: { journeyId, tabId: tab.tabId } });
      // A page the browser does not let scripts into (a web store, a PDF) is simply not watched.
      await deps.followTab?.(tab.tabId).catch(() => undefined);
      return words().t('autoCaptureOn', { title: tab.title || tab.url });
    },
    async setClickCapture(journeyId, on) {
      const before = settings?.clickCapture ?? null;
      if (!on || !journeyId) {
        await shell.writeSettings({ clickCapture: null });
        // The page stops reporting clicks (a page gone meanwhile has no listener anyway).
        if (before) await deps.watchClicks?.(before.tabId, false).catch(() => false);
        return null;
      }
      const tab = await deps.findTargetTab();
      if (!tab) throw new CaptureError('no-tab', 'No tab to follow.');
      if (before && before.tabId !== tab.tabId) {
        await deps.watchClicks?.(before.tabId, false).catch(() => false);
      }
      // Switched on in the page first: a page scripts cannot enter (a browser page) refuses.
      await deps.watchClicks?.(tab.tabId, true);
      await shell.writeSettings({ clickCapture: { journeyId, tabId: tab.tabId } });
      return words().t('clickCaptureOn', { title: tab.title || tab.url });
    },

    async editStep(step, edit) {
      await store.updateStep(step.id, edit);
      return null;
    },
    async score(step, experience) {
      await store.updateStep(step.id, { experience });
      return words().t('scored', { n: step.seq, score: experience });
    },
    async moveStep(step, toSeq) {
      await store.moveStep(step.id, toSeq);
      // Said from the list as stored: a step moved past its group's edge starts or joins another.
      const place = placeInGroup(await store.listSteps(step.journeyId), step.id);
      const { t, locale } = words();
      return place
        ? t('stepMoved', {
            from: step.seq,
            to: place.seq,
            stage: stageLabel(place.stage, locale),
            position: place.position,
            count: place.count,
          })
        : '';
    },
    deleteStep: (step) => store.deleteStep(step.id),
    async attachEvidence(step, file) {
      await deps.attachEvidence(step.id, file);
      return words().t('evidenceAttached', { n: step.seq });
    },
    async annotate(screenshotId) {
      await deps.openPage(`/annotate.html?screenshot=${screenshotId}`);
      return null;
    },
    async defineStage(audit, step, name) {
      const { t, locale } = words();
      // A name that is already a stage (built-in in this language, or the audit's) is that stage.
      const known = stageOptions(audit.method, locale).find(
        (o) => o.label === name || o.value === name,
      );
      if (!known) {
        await store.updateMethod(audit.id, (current) =>
          current.stages.some((s) => s.name === name)
            ? current
            : { ...current, stages: [...current.stages, { name, after: null }] },
        );
      }
      await store.updateStep(step.id, { stage: known?.value ?? name });
      return t(known ? 'stageChosen' : 'stageDefined', { name, n: step.seq });
    },
    async addOfflineContact(journeyId, contact) {
      const step = await deps.addOfflineContact(journeyId, contact);
      return words().t('offlineAdded', { n: step.seq });
    },

    ...methodActionsOver(store, () => words().t),
    ...programmeActionsOver(store, () => words().t),
    ...touchesActionsOver(store, () => words().t),
    ...tagActionsOver(store, () => words().t),

    async restore(entry) {
      await store.restoreDeleted(entry.id);
      const { t, mask } = words();
      return restoredText(entry, t, mask);
    },
    async emptyDeleted() {
      const n = await store.emptyDeleted();
      return words().t('emptiedDeleted', { n });
    },

    async backup() {
      const { file, bytes } = await backUpAndRecord(shell, deps.now, deps.backupAll);
      const { t, locale } = words();
      return t('backupSaved', { file, size: formatBytes(bytes, locale) });
    },

    openReport: () => deps.openPage('/report.html'),
    openMethod: (auditId) => deps.openPage(`/method.html?audit=${auditId}`),
    openData: () => deps.openPage('/data.html'),
    openOptions: () => deps.openOptions(),

    captures: capturesOver(deps.capture),
  };
}
