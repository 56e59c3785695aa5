/** The only code that touches IndexedDB. Every write is one Dexie transaction. */
import type { z } from 'zod';
import {
  ActionEdit,
  ActionInput,
  ActionItem,
  type Annotation,
  Audit,
  AuditMethod,
  CheckAnswer,
  DEFAULT_REPORT_SETTINGS,
  ReportSettings,
  EMPTY_METHOD,
  type Measurement,
  type AuditSnapshot,
  AuditEdit,
  AuditInput,
  type DataSet,
  type DeletedEntry,
  describeIssues,
  fitText,
  Journey,
  JourneyEdit,
  JourneyInput,
  type RecordSet,
  Screenshot,
  type Shortened,
  type StoredImage,
  Touchpoint,
  TouchpointEdit,
  LIMITS,
  type EncodedImage,
  type HeldBack,
  type HeldBackOriginal,
  type Outcome,
  type TouchpointKind,
} from '../model';
import { defaultStage, type CategoryId, type ChannelId } from '../taxonomy';
import {
  InUseError,
  InvalidRecordError,
  isStorageFailure,
  NotFoundError,
  StorageFullError,
} from './errors';
import { ROOMY_PROBE, StorageGuard, WRITE_MARGIN, type StorageProbe } from './guard';
import { applyImport, previewImport, recordExported } from './import';
import type { ImportPlan } from './merge';
import { AuditDatabase, DB_NAME } from './schema';
import { moveToTrash, renumber, restoreFromTrash, stepsOf } from './trash';

export * from './errors';
export { AuditDatabase, DB_NAME } from './schema';
export { StorageGuard, type StorageProbe } from './guard';
export type { ImportPlan } from './merge';

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRecordError(what, describeIssues(result.error));
  return result.data;
}

/** Default category for a channel, so an offline contact needs one choice, not two. */
export function defaultCategory(channel: ChannelId): CategoryId {
  switch (channel) {
    case 'phone':
    case 'messenger':
    case 'web-chat':
      return 'staff';
    case 'office':
      return 'premises';
    case 'document':
    case 'print':
      return 'materials';
    case 'delivery':
      return 'product';
    case 'email':
    case 'sms':
    case 'online-ad':
    case 'social':
      return 'communications';
    default:
      return 'technology';
  }
}

export interface NewStep {
  journeyId: string;
  kind: TouchpointKind;
  url: string | null;
  title: string;
  at: number;
  channel?: ChannelId;
  stage?: string;
  note?: string;
  viewport?: { width: number; height: number } | null;
  devicePixelRatio?: number | null;
  /** The step's images: none (offline contact), one, or the parts of a split full-page capture. */
  images?: EncodedImage[];
  /** The browser that took the capture, for the evidence record. */
  userAgent?: string;
  /** The original name of an uploaded evidence file. */
  fileName?: string;
  /** The touchpoint type, and the category it implies (else the channel's default category). */
  typeId?: string | null;
  category?: CategoryId;
  /** Running timers (measurement ids of the journey) this contact answers: they stop at it. */
  stopsTimers?: string[];
}

/** Where and when an image was taken: stored with every screenshot. */
export interface ImageEvidence {
  url: string | null;
  title: string;
  capturedAt: number;
  viewport: { width: number; height: number } | null;
  devicePixelRatio: number | null;
  userAgent: string;
  /** The uploaded file's original name ('' for captures). */
  fileName: string;
}

// The snapshot type lives in lib/model so the pure report model need not import the store.
export type { AuditSnapshot } from '../model';

function bytesOf(blobs: Blob[]): number {
  return blobs.reduce((sum, blob) => sum + blob.size, 0);
}

/** The bytes a new screenshot writes: its image and the originals of its covered frames. */
function blobsOfShot(shot: { image: { blob: Blob }; heldBack: HeldBack | null }): Blob[] {
  return [shot.image.blob, ...(shot.heldBack?.areas.map((area) => area.original) ?? [])];
}

/** The screenshot fields that describe an image's stored bytes. */
function pixelsOf(image: EncodedImage) {
  const { mime, width, height, sha256, thumbnail } = image;
  return { mime, width, height, bytes: image.blob.size, sha256, thumbnail };
}

/** An action or idea with where it belongs. */
export interface PlacedAction {
  action: ActionItem;
  journeyId: string;
  seq: number;
}

/** Which audits a data set covers: some, or everything in the profile. */
export type Scope = { kind: 'all' } | { kind: 'audits'; auditIds: string[] };

export class AuditStore {
  /** Opens the database, refuses writes on a (nearly) full disk, stops after a storage error. */
  readonly storage: StorageGuard;

  constructor(
    readonly db: AuditDatabase,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
    probe: StorageProbe = ROOMY_PROBE,
  ) {
    this.storage = new StorageGuard(db, probe, now);
  }

  /**
   * Every write: refused before it starts when it would leave less than the margin free; a
   * storage error during it stops all writing (see guard.ts) and is reported as a full disk.
   */
  private async write<T>(bytes: number, run: () => Promise<T>): Promise<T> {
    await this.storage.beforeWrite(bytes);
    try {
      return await run();
    } catch (error) {
      // Dexie wraps an error named like an IndexedDB one (our NotFoundError) thrown in a
      // transaction in its own class: callers get ours back, so `instanceof` works.
      const inner = (error as { inner?: unknown } | null)?.inner;
      if (inner instanceof NotFoundError) throw inner;
      if (!isStorageFailure(error)) throw error;
      await this.storage.halt('failed', null, error);
      throw new StorageFullError(null, WRITE_MARGIN, error);
    }
  }

  listAudits(): Promise<Audit[]> {
    return this.db.audits.orderBy('updatedAt').reverse().toArray();
  }

  listJourneys(auditId: string): Promise<Journey[]> {
    return this.db.journeys.where({ auditId }).sortBy('createdAt');
  }

  getJourney(id: string): Promise<Journey | undefined> {
    return this.db.journeys.get(id);
  }

  listSteps(journeyId: string): Promise<Touchpoint[]> {
    return stepsOf(this.db, journeyId);
  }

  /** The screenshots (metadata and thumbnails) of every step of a journey. */
  async listJourneyScreenshots(journeyId: string): Promise<Screenshot[]> {
    const ids = await this.db.touchpoints.where({ journeyId }).primaryKeys();
    return this.db.screenshots.where('touchpointId').anyOf(ids).toArray();
  }

  listScreenshots(touchpointIds: string[]): Promise<Screenshot[]> {
    return this.db.screenshots.where('touchpointId').anyOf(touchpointIds).toArray();
  }

  async getImage(screenshotId: string): Promise<Blob | undefined> {
    return (await this.db.images.get(screenshotId))?.blob;
  }

  getScreenshot(id: string): Promise<Screenshot | undefined> {
    return this.db.screenshots.get(id);
  }

  async createAudit(input: AuditInput): Promise<Audit> {
    const now = this.now();
    const audit = parse(
      Audit,
      { ...input, method: EMPTY_METHOD, id: this.newId(), createdAt: now, updatedAt: now },
      'audit',
    );
    await this.write(0, () => this.db.audits.add(audit));
    return audit;
  }

  getAudit(id: string): Promise<Audit | undefined> {
    return this.db.audits.get(id);
  }

  /**
   * Replaces an audit's method (its changes to the built-in types, stages, checklists and
   * standards). A custom stage renamed is renamed on every step of the audit in the same
   * transaction; a custom stage removed while steps still use it is refused.
   */
  async updateMethod(
    auditId: string,
    /** The new method, or how to change the one stored (applied inside the transaction). */
    method: AuditMethod | ((current: AuditMethod) => AuditMethod),
    renamedStages: { from: string; to: string }[] = [],
  ): Promise<Audit> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.audits, this.db.journeys, this.db.touchpoints, async () => {
        const current = await this.db.audits.get(auditId);
        if (!current) throw new NotFoundError('Audit', auditId);
        const checked = parse(
          AuditMethod,
          typeof method === 'function' ? method(current.method) : method,
          'method',
        );
        const now = this.now();
        const journeyIds = await this.db.journeys.where({ auditId }).primaryKeys();
        const steps = await this.db.touchpoints.where('journeyId').anyOf(journeyIds).toArray();
        const renames = new Map(renamedStages.map((r) => [r.from, r.to]));
        const changed = steps
          .filter((step) => renames.has(step.stage))
          .map((step) => ({ ...step, stage: renames.get(step.stage)!, updatedAt: now }));
        const kept = new Set(checked.stages.map((s) => s.name));
        const removed = current.method.stages.filter((s) => !kept.has(s.name));
        for (const stage of removed) {
          const user = steps.find((step) => (renames.get(step.stage) ?? step.stage) === stage.name);
          if (user) throw new InUseError('stage', stage.name, user.seq);
        }
        const next = parse(Audit, { ...current, method: checked, updatedAt: now }, 'audit');
        await this.db.audits.put(next);
        await this.db.touchpoints.bulkPut(changed);
        return next;
      }),
    );
  }

  async updateAudit(id: string, edit: AuditEdit): Promise<Audit> {
    const changes = parse(AuditEdit, edit, 'audit edit');
    return this.write(0, () =>
      this.db.transaction('rw', this.db.audits, async () => {
        const current = await this.db.audits.get(id);
        if (!current) throw new NotFoundError('Audit', id);
        const next = parse(Audit, { ...current, ...changes, updatedAt: this.now() }, 'audit');
        await this.db.audits.put(next);
        return next;
      }),
    );
  }

  /** Changes what goes into an audit's report (applied to the stored settings in one transaction). */
  async updateReportSettings(
    auditId: string,
    change: (current: ReportSettings) => ReportSettings,
  ): Promise<Audit> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.audits, async () => {
        const current = await this.db.audits.get(auditId);
        if (!current) throw new NotFoundError('Audit', auditId);
        const report = parse(
          ReportSettings,
          change(current.report ?? DEFAULT_REPORT_SETTINGS),
          'report settings',
        );
        const next = parse(Audit, { ...current, report, updatedAt: this.now() }, 'audit');
        await this.db.audits.put(next);
        return next;
      }),
    );
  }

  async createJourney(input: JourneyInput): Promise<Journey> {
    const now = this.now();
    const journey = parse(
      Journey,
      {
        ...input,
        id: this.newId(),
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        outcome: null,
        measurements: [],
      },
      'journey',
    );
    await this.write(0, () =>
      this.db.transaction('rw', this.db.audits, this.db.journeys, async () => {
        if (!(await this.db.audits.get(journey.auditId)))
          throw new NotFoundError('Audit', journey.auditId);
        await this.db.journeys.add(journey);
      }),
    );
    return journey;
  }

  async updateJourney(id: string, edit: JourneyEdit): Promise<Journey> {
    const changes = parse(JourneyEdit, edit, 'journey edit');
    return this.changeJourney(id, changes);
  }

  /** Marks a journey finished with an outcome, or reopens it (outcome null). */
  async finishJourney(id: string, outcome: Outcome | null): Promise<void> {
    await this.changeJourney(id, { outcome, finishedAt: outcome ? this.now() : null });
  }

  private changeJourney(id: string, changes: Partial<Journey>): Promise<Journey> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.journeys, async () => {
        const current = await this.db.journeys.get(id);
        if (!current) throw new NotFoundError('Journey', id);
        const next = parse(Journey, { ...current, ...changes, updatedAt: this.now() }, 'journey');
        await this.db.journeys.put(next);
        return next;
      }),
    );
  }

  /**
   * Appends a step (with its screenshot, if any) to a journey in one transaction: either the step
   * and its images exist afterwards, or nothing does. Stage defaults to the previous step's.
   * A recorded URL, title or note longer than its limit is kept shortened and listed in
   * `shortened`, so the panel and the report say so.
   */
  async addStep(step: NewStep): Promise<Touchpoint> {
    const touchpointId = this.newId();
    const now = this.now();
    const channel = step.channel ?? (step.kind === 'page' ? 'website' : 'phone');
    const shortened: Shortened[] = [];
    const fit = (field: Shortened['field'], value: string, limit: number) => {
      const fitted = fitText(value, limit);
      if (fitted.length !== value.length) shortened.push({ field, length: value.length });
      return fitted;
    };
    const url = step.url === null ? null : fit('url', step.url, LIMITS.url);
    const title = fit('title', step.title, LIMITS.title);
    const note = fit('note', step.note ?? '', LIMITS.note);
    const draft = {
      id: touchpointId,
      journeyId: step.journeyId,
      seq: 1,
      kind: step.kind,
      url,
      title,
      at: step.at,
      stage: step.stage ?? defaultStage(step.kind, undefined),
      typeId: step.typeId ?? null,
      category: step.category ?? defaultCategory(channel),
      channel,
      checks: [],
      checklists: [],
      experience: null,
      importance: null,
      likelihood: null,
      note,
      weakLink: false,
      wow: false,
      viewport: step.viewport ?? null,
      devicePixelRatio: step.devicePixelRatio ?? null,
      shortened,
      createdAt: now,
      updatedAt: now,
    };
    parse(Touchpoint, draft, 'step');
    const evidence: ImageEvidence = {
      url: step.kind === 'page' ? url : null,
      title,
      capturedAt: step.at,
      viewport: draft.viewport,
      devicePixelRatio: draft.devicePixelRatio,
      userAgent: step.userAgent ?? '',
      fileName: step.fileName ?? '',
    };
    const shots = (step.images ?? []).map((image) =>
      this.screenshotRecord(touchpointId, image, evidence),
    );
    return this.write(bytesOf(shots.flatMap(blobsOfShot)), () =>
      this.db.transaction(
        'rw',
        [
          this.db.journeys,
          this.db.touchpoints,
          this.db.screenshots,
          this.db.images,
          this.db.heldBack,
        ],
        async () => {
          const journey = await this.db.journeys.get(step.journeyId);
          if (!journey) throw new NotFoundError('Journey', step.journeyId);
          if (step.stopsTimers?.length) {
            const stops = new Set(step.stopsTimers);
            const measurements = journey.measurements.map((m) =>
              stops.has(m.id) && m.endStepId === null ? { ...m, endStepId: touchpointId } : m,
            );
            await this.db.journeys.put({ ...journey, measurements, updatedAt: now });
          }
          const steps = await this.listSteps(step.journeyId);
          const last = steps.at(-1);
          const touchpoint: Touchpoint = {
            ...draft,
            seq: (last?.seq ?? 0) + 1,
            stage: step.stage ?? defaultStage(step.kind, last?.stage),
          };
          await this.db.touchpoints.add(touchpoint);
          await this.db.screenshots.bulkAdd(shots.map((shot) => shot.screenshot));
          await this.db.images.bulkAdd(shots.map((shot) => shot.image));
          await this.db.heldBack.bulkAdd(shots.flatMap((shot) => shot.heldBack ?? []));
          return touchpoint;
        },
      ),
    );
  }

  /** Adds an evidence image to an existing step (e.g. a photo of a letter); titled like the step. */
  async attachImage(
    touchpointId: string,
    image: EncodedImage,
    evidence: Pick<ImageEvidence, 'userAgent' | 'fileName'>,
  ): Promise<Screenshot> {
    const id = this.newId();
    const now = this.now();
    const bytes = bytesOf([image.blob, ...(image.coveredFrames ?? []).map((f) => f.original)]);
    return this.write(bytes, () =>
      this.db.transaction(
        'rw',
        [this.db.touchpoints, this.db.screenshots, this.db.images, this.db.heldBack],
        async () => {
          const step = await this.db.touchpoints.get(touchpointId);
          if (!step) throw new NotFoundError('Step', touchpointId);
          const shot = this.screenshotRecord(
            touchpointId,
            image,
            {
              userAgent: evidence.userAgent,
              fileName: fitText(evidence.fileName, LIMITS.title),
              title: step.title,
              url: null,
              capturedAt: now,
              viewport: null,
              devicePixelRatio: null,
            },
            id,
          );
          await this.db.screenshots.add(shot.screenshot);
          await this.db.images.add(shot.image);
          if (shot.heldBack) await this.db.heldBack.add(shot.heldBack);
          return shot.screenshot;
        },
      ),
    );
  }

  async updateStep(id: string, edit: TouchpointEdit): Promise<Touchpoint> {
    const changes = parse(TouchpointEdit, edit, 'step edit');
    return this.write(0, () =>
      this.db.transaction('rw', this.db.touchpoints, async () => {
        const current = await this.db.touchpoints.get(id);
        if (!current) throw new NotFoundError('Step', id);
        const next = parse(Touchpoint, { ...current, ...changes, updatedAt: this.now() }, 'step');
        await this.db.touchpoints.put(next);
        return next;
      }),
    );
  }

  /**
   * Answers one checklist item of a step (null clears the answer). Read and written in one
   * transaction, so answers given quickly one after another never overwrite each other.
   */
  async answerCheck(
    stepId: string,
    templateId: string,
    itemId: string,
    answer: CheckAnswer | null,
    detail: { comment?: string; screenshotId?: string | null } = {},
  ): Promise<Touchpoint> {
    if (answer !== null) parse(CheckAnswer, answer, 'checklist answer');
    return this.changeStep(stepId, (step) => {
      const index = step.checks.findIndex(
        (c) => c.templateId === templateId && c.itemId === itemId,
      );
      const previous = step.checks[index];
      const checks = step.checks.filter((_, i) => i !== index);
      if (answer !== null) {
        const result = {
          templateId,
          itemId,
          answer,
          comment: detail.comment ?? previous?.comment ?? '',
          screenshotId:
            detail.screenshotId !== undefined
              ? detail.screenshotId
              : (previous?.screenshotId ?? null),
        };
        checks.splice(index === -1 ? checks.length : index, 0, result);
      }
      return { checks };
    });
  }

  /** Adds a checklist to a step by hand, or takes it off (its answers stay until cleared). */
  async setStepChecklist(stepId: string, templateId: string, on: boolean): Promise<Touchpoint> {
    return this.changeStep(stepId, (step) => ({
      checklists: on
        ? [...new Set([...step.checklists, templateId])]
        : step.checklists.filter((id) => id !== templateId),
    }));
  }

  private changeStep(
    id: string,
    change: (step: Touchpoint) => Partial<Touchpoint>,
  ): Promise<Touchpoint> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.touchpoints, async () => {
        const current = await this.db.touchpoints.get(id);
        if (!current) throw new NotFoundError('Step', id);
        const next = parse(
          Touchpoint,
          { ...current, ...change(current), updatedAt: this.now() },
          'step',
        );
        await this.db.touchpoints.put(next);
        return next;
      }),
    );
  }

  /**
   * Starts a timer of a standard at a step (e.g. the form sent): it runs from the step's time
   * until the answering contact is logged (see `addStep`'s `stopsTimers`) or `stopTimer`.
   */
  async startTimer(
    journeyId: string,
    standardId: string,
    startStepId: string,
  ): Promise<Measurement> {
    const id = this.newId();
    let added: Measurement | undefined;
    await this.changeMeasurements(journeyId, async (list) => {
      const start = await this.db.touchpoints.get(startStepId);
      if (!start || start.journeyId !== journeyId) throw new NotFoundError('Step', startStepId);
      added = {
        id,
        standardId,
        startStepId,
        endStepId: null,
        startedAt: start.at,
        durationMs: null,
        excused: false,
      };
      return [...list, added];
    });
    return added!;
  }

  /** Stops a running timer at a step of the journey (the contact that answered). */
  async stopTimer(journeyId: string, measurementId: string, endStepId: string): Promise<void> {
    await this.changeMeasurements(journeyId, async (list) => {
      const end = await this.db.touchpoints.get(endStepId);
      if (!end || end.journeyId !== journeyId) throw new NotFoundError('Step', endStepId);
      return list.map((m) => (m.id === measurementId ? { ...m, endStepId } : m));
    });
  }

  /** Records a measured duration of a standard on one step (e.g. the phone rang 45 s). */
  async recordDuration(
    journeyId: string,
    standardId: string,
    stepId: string,
    durationMs: number,
  ): Promise<void> {
    const id = this.newId();
    await this.changeMeasurements(journeyId, async (list) => {
      const step = await this.db.touchpoints.get(stepId);
      if (!step || step.journeyId !== journeyId) throw new NotFoundError('Step', stepId);
      const existing = list.find((m) => m.standardId === standardId && m.endStepId === stepId);
      if (existing) return list.map((m) => (m === existing ? { ...m, durationMs } : m));
      const measurement: Measurement = {
        id,
        standardId,
        startStepId: null,
        endStepId: stepId,
        startedAt: step.at,
        durationMs,
        excused: false,
      };
      return [...list, measurement];
    });
  }

  /** Marks a failed measurement as not a weak link (or as one again). */
  async excuseMeasurement(journeyId: string, measurementId: string, excused: boolean) {
    await this.changeMeasurements(journeyId, async (list) =>
      list.map((m) => (m.id === measurementId ? { ...m, excused } : m)),
    );
  }

  async deleteMeasurement(journeyId: string, measurementId: string): Promise<void> {
    await this.changeMeasurements(journeyId, async (list) =>
      list.filter((m) => m.id !== measurementId),
    );
  }

  private async changeMeasurements(
    journeyId: string,
    change: (list: Measurement[]) => Promise<Measurement[]>,
  ): Promise<Journey> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.journeys, this.db.touchpoints, async () => {
        const current = await this.db.journeys.get(journeyId);
        if (!current) throw new NotFoundError('Journey', journeyId);
        const measurements = await change(current.measurements);
        const next = parse(Journey, { ...current, measurements, updatedAt: this.now() }, 'journey');
        await this.db.journeys.put(next);
        return next;
      }),
    );
  }

  /** The actions and ideas of an audit's steps, each with its step's journey and position. */
  async listActions(auditId: string): Promise<PlacedAction[]> {
    const { journeys, touchpoints, actionItems } = this.db;
    return this.db.transaction('r', journeys, touchpoints, actionItems, async () => {
      // Keys only, then just the steps that have actions: a live query of this list is not
      // re-run by edits to the other steps (a thousand of them on a long journey).
      const journeyIds = await journeys.where({ auditId }).primaryKeys();
      const stepIds = await touchpoints.where('journeyId').anyOf(journeyIds).primaryKeys();
      const actions = await actionItems.where('touchpointId').anyOf(stepIds).sortBy('createdAt');
      const owners = await touchpoints.bulkGet([...new Set(actions.map((a) => a.touchpointId))]);
      const place = new Map(
        owners.filter((s): s is Touchpoint => s !== undefined).map((s) => [s.id, s]),
      );
      return actions.flatMap((action) => {
        const step = place.get(action.touchpointId);
        return step ? [{ action, journeyId: step.journeyId, seq: step.seq }] : [];
      });
    });
  }

  async addAction(input: ActionInput): Promise<ActionItem> {
    const now = this.now();
    const action = parse(
      ActionItem,
      { ...parse(ActionInput, input, 'action'), id: this.newId(), createdAt: now, updatedAt: now },
      'action',
    );
    await this.write(0, () =>
      this.db.transaction('rw', this.db.touchpoints, this.db.actionItems, async () => {
        if (!(await this.db.touchpoints.get(action.touchpointId)))
          throw new NotFoundError('Step', action.touchpointId);
        await this.db.actionItems.add(action);
      }),
    );
    return action;
  }

  async updateAction(id: string, edit: ActionEdit): Promise<ActionItem> {
    const changes = parse(ActionEdit, edit, 'action edit');
    return this.write(0, () =>
      this.db.transaction('rw', this.db.actionItems, async () => {
        const current = await this.db.actionItems.get(id);
        if (!current) throw new NotFoundError('Action', id);
        const next = parse(ActionItem, { ...current, ...changes, updatedAt: this.now() }, 'action');
        await this.db.actionItems.put(next);
        return next;
      }),
    );
  }

  /** Moves an action (or idea) to Recently deleted. */
  async deleteAction(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('action', id, 'Action');
  }

  /** Moves a step to a new 1-based position, renumbering the journey in one transaction. */
  async moveStep(id: string, toSeq: number): Promise<void> {
    await this.write(0, () =>
      this.db.transaction('rw', this.db.touchpoints, async () => {
        const step = await this.db.touchpoints.get(id);
        if (!step) throw new NotFoundError('Step', id);
        const steps = (await this.listSteps(step.journeyId)).filter((s) => s.id !== id);
        const index = Math.max(0, Math.min(steps.length, Math.round(toSeq) - 1));
        steps.splice(index, 0, step);
        await renumber(this.db, steps, this.now());
      }),
    );
  }

  /** Moves a step, a journey or an audit (with everything in it) to Recently deleted. */
  async deleteStep(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('step', id, 'Step');
  }

  async deleteJourney(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('journey', id, 'Journey');
  }

  async deleteAudit(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('audit', id, 'Audit');
  }

  /** Moves one image of a step to Recently deleted. */
  async deleteScreenshot(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('image', id, 'Screenshot');
  }

  private moveToTrash(kind: DeletedEntry['kind'], id: string, what: string) {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.tables, async () => {
        const entry = await moveToTrash(this.db, kind, id, this.now());
        if (!entry) throw new NotFoundError(what, id);
        return entry;
      }),
    );
  }

  /** Recently deleted, newest first (without the records and images each entry holds). */
  listDeleted(): Promise<DeletedEntry[]> {
    return this.db.deleted.orderBy('deletedAt').reverse().toArray();
  }

  /** Puts an entry of Recently deleted back where it was, with its images and action items. */
  async restoreDeleted(id: string): Promise<DeletedEntry> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.tables, () => restoreFromTrash(this.db, id, this.now())),
    );
  }

  /** Empties Recently deleted for good (the tombstones stay, for merges). Returns how many. */
  async emptyDeleted(): Promise<number> {
    return this.write(0, () =>
      this.db.transaction('rw', this.db.deleted, this.db.deletedContent, async () => {
        const count = await this.db.deleted.count();
        await this.db.deleted.clear();
        await this.db.deletedContent.clear();
        return count;
      }),
    );
  }

  /** How many steps were created after `since` (e.g. since the last backup). */
  countStepsSince(since: number): Promise<number> {
    return this.db.touchpoints.where('createdAt').above(since).count();
  }

  /** Reads one audit with its journeys, steps and screenshot metadata in one read transaction. */
  async readAudit(auditId: string): Promise<AuditSnapshot> {
    const { audits, journeys, touchpoints, screenshots, actionItems } = this.db;
    return this.db.transaction(
      'r',
      [audits, journeys, touchpoints, screenshots, actionItems],
      async () => {
        const audit = await audits.get(auditId);
        if (!audit) throw new NotFoundError('Audit', auditId);
        const records = await this.recordsOf([audit]);
        return { ...records, audit };
      },
    );
  }

  private async recordsOf(audits: Audit[]): Promise<RecordSet> {
    const { journeys, touchpoints, screenshots, actionItems } = this.db;
    const journeyList = await journeys
      .where('auditId')
      .anyOf(audits.map((a) => a.id))
      .sortBy('createdAt');
    const steps = await touchpoints
      .where('journeyId')
      .anyOf(journeyList.map((j) => j.id))
      .toArray();
    const stepIds = steps.map((s) => s.id);
    return {
      audits,
      journeys: journeyList,
      touchpoints: steps,
      screenshots: await screenshots.where('touchpointId').anyOf(stepIds).toArray(),
      actionItems: await actionItems.where('touchpointId').anyOf(stepIds).toArray(),
    };
  }

  /**
   * Everything in scope, image blobs and deletions included, read in one transaction (a bundle's
   * contents). The blobs are read lazily by whoever consumes them.
   */
  async readDataSet(scope: Scope): Promise<DataSet> {
    return this.db.transaction('r', this.db.tables, async () => {
      const audits =
        scope.kind === 'all'
          ? (await this.db.audits.toArray()).sort((a, b) => a.createdAt - b.createdAt)
          : (await this.db.audits.bulkGet(scope.auditIds)).filter((a): a is Audit => !!a);
      if (scope.kind === 'audits' && audits.length !== scope.auditIds.length) {
        throw new NotFoundError(
          'Audit',
          scope.auditIds.find((id) => !audits.some((a) => a.id === id))!,
        );
      }
      const records = await this.recordsOf(audits);
      const images = (await this.db.images.bulkGet(records.screenshots.map((s) => s.id))).filter(
        (image): image is StoredImage => image !== undefined,
      );
      const deletions =
        scope.kind === 'all'
          ? await this.db.tombstones.toArray()
          : await this.db.tombstones.where('auditId').anyOf(scope.auditIds).toArray();
      return { ...records, images, deletions };
    });
  }

  /** What importing `data` would change here; writes nothing. */
  previewImport(data: DataSet): Promise<ImportPlan> {
    return previewImport(this.db, data);
  }

  /**
   * Remembers what a bundle carried out (so those versions are recognised when they come back).
   * Best effort: a bundle already saved stays valid if this cannot be written (e.g. a full disk).
   */
  async recordExported(data: DataSet): Promise<boolean> {
    try {
      await recordExported(this.db, data);
      return true;
    } catch {
      return false;
    }
  }

  /** Imports `data` in one transaction (see lib/db/merge.ts for the rules). */
  applyImport(data: DataSet): Promise<ImportPlan> {
    return this.write(bytesOf(data.images.map((image) => image.blob)), () =>
      applyImport(this.db, data, this.now()),
    );
  }

  /**
   * Replaces a screenshot's pixels (e.g. with redactions burnt in): the old bytes are gone, the
   * hash, size and thumbnail follow the new ones; annotations, evidence record and covered frames
   * stay. With `heldBack`, the originals of its still-covered frames are replaced in the same
   * transaction (redactions burnt into them too); it must hold every one that is stored.
   */
  async replaceImage(
    screenshotId: string,
    image: EncodedImage,
    /** Replace only if the stored bytes still have this hash (else: NotFoundError, nothing written). */
    expectedSha256?: string,
    heldBack?: HeldBackOriginal[],
  ): Promise<Screenshot> {
    const bytes = bytesOf([image.blob, ...(heldBack ?? []).map((area) => area.original)]);
    return this.write(bytes, () =>
      this.db.transaction('rw', this.db.screenshots, this.db.images, this.db.heldBack, async () => {
        const current = await this.db.screenshots.get(screenshotId);
        if (!current || (expectedSha256 !== undefined && current.sha256 !== expectedSha256)) {
          throw new NotFoundError('Screenshot', screenshotId);
        }
        const next = parse(
          Screenshot,
          {
            ...current,
            ...pixelsOf(image),
            redacted: current.redacted || Boolean(image.redacted),
            updatedAt: this.now(),
          },
          'screenshot',
        );
        if (heldBack) {
          const stored = await this.db.heldBack.get(screenshotId);
          // An original stored here but not given was added or changed meanwhile: start again.
          const given = new Set(heldBack.map((area) => area.index));
          if (stored?.areas.some((area) => !given.has(area.index))) {
            throw new NotFoundError('Screenshot', screenshotId);
          }
          const kept = new Set(stored?.areas.map((area) => area.index));
          const areas = heldBack.filter((area) => kept.has(area.index));
          if (stored && areas.length) await this.db.heldBack.put({ ...stored, areas });
        }
        await this.db.screenshots.put(next);
        await this.db.images.put({ id: screenshotId, blob: image.blob });
        return next;
      }),
    );
  }

  /** The held-back original pixels of a screenshot's covered frame, if they are still kept. */
  async heldBackOriginal(screenshotId: string, index: number): Promise<Blob | undefined> {
    const record = await this.db.heldBack.get(screenshotId);
    return record?.areas.find((area) => area.index === index)?.original;
  }

  /** Every held-back original of a screenshot (by its frame's index); none once deleted or imported. */
  async heldBackOriginals(screenshotId: string): Promise<HeldBackOriginal[]> {
    return (await this.db.heldBack.get(screenshotId))?.areas ?? [];
  }

  /**
   * Uncovers one covered frame by the auditor's explicit choice, in one transaction: the image is
   * replaced by `pixels` (the original drawn back in) if the stored bytes still have
   * `expectedSha256`, the frame is marked uncovered now (recorded on the step), and its held-back
   * original is deleted. NotFoundError, nothing written, when the bytes changed meanwhile, or the
   * frame is not covered or its original is no longer kept.
   */
  async uncoverFrame(
    screenshotId: string,
    index: number,
    pixels: EncodedImage,
    expectedSha256: string,
  ): Promise<Screenshot> {
    return this.write(pixels.blob.size, () =>
      this.db.transaction('rw', this.db.screenshots, this.db.images, this.db.heldBack, async () => {
        const current = await this.db.screenshots.get(screenshotId);
        if (!current || current.sha256 !== expectedSha256) {
          throw new NotFoundError('Screenshot', screenshotId);
        }
        const held = await this.db.heldBack.get(screenshotId);
        const frame = current.coveredFrames[index];
        if (frame?.uncoveredAt !== null || !held?.areas.some((area) => area.index === index)) {
          throw new NotFoundError('Covered frame', `${screenshotId} #${index + 1}`);
        }
        const now = this.now();
        const next = parse(
          Screenshot,
          {
            ...current,
            ...pixelsOf(pixels),
            coveredFrames: current.coveredFrames.map((f, i) =>
              i === index ? { ...f, uncoveredAt: now } : f,
            ),
            updatedAt: now,
          },
          'screenshot',
        );
        const areas = held.areas.filter((area) => area.index !== index);
        await this.db.screenshots.put(next);
        await this.db.images.put({ id: screenshotId, blob: pixels.blob });
        if (areas.length) await this.db.heldBack.put({ ...held, areas });
        else await this.db.heldBack.delete(screenshotId);
        return next;
      }),
    );
  }

  async updateAnnotations(screenshotId: string, annotations: Annotation[]): Promise<void> {
    const checked = parse(Screenshot.shape.annotations, annotations, 'annotations');
    await this.write(0, () =>
      this.db.transaction('rw', this.db.screenshots, async () => {
        const updated = await this.db.screenshots.update(screenshotId, {
          annotations: checked,
          updatedAt: this.now(),
        });
        if (!updated) throw new NotFoundError('Screenshot', screenshotId);
      }),
    );
  }

  private screenshotRecord(
    touchpointId: string,
    image: EncodedImage,
    evidence: ImageEvidence,
    id = this.newId(),
  ) {
    const now = this.now();
    const covered = image.coveredFrames ?? [];
    const screenshot = parse(
      Screenshot,
      {
        id,
        touchpointId,
        mode: image.mode,
        ...pixelsOf(image),
        createdAt: now,
        part: image.part ?? 0,
        parts: image.parts ?? 1,
        ...evidence,
        redacted: Boolean(image.redacted),
        coveredFrames: covered.map(({ area }) => ({
          x: area.x,
          y: area.y,
          width: area.width,
          height: area.height,
          uncoveredAt: null,
        })),
        annotations: [],
        updatedAt: now,
      },
      'screenshot',
    );
    screenshot.coveredFrames.forEach((frame, i) => {
      if (frame.x + frame.width > screenshot.width || frame.y + frame.height > screenshot.height) {
        throw new InvalidRecordError(
          'screenshot',
          `coveredFrames.${i}: the area ${frame.width}×${frame.height} at ${frame.x},${frame.y} is not inside the ${screenshot.width}×${screenshot.height} image`,
        );
      }
    });
    const heldBack: HeldBack | null = covered.length
      ? {
          id,
          touchpointId,
          areas: covered.map(({ original }, index) => ({ index, original })),
        }
      : null;
    return { screenshot, image: { id, blob: image.blob }, heldBack };
  }
}

/**
 * The extension's store: the database is opened by its storage guard (`store.storage.open()`),
 * which checks the free space first and never reopens it behind the auditor's back.
 */
export function openStore(probe: StorageProbe, name = DB_NAME): AuditStore {
  return new AuditStore(new AuditDatabase(name, { autoOpen: false }), Date.now, undefined, probe);
}

export { watchQuery } from './watch';
