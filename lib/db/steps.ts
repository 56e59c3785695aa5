/** The steps of a journey: append one with its images, edit it, move it. */
import {
  type Annotation,
  type CheckResult,
  type EncodedImage,
  fitText,
  type PageFacts,
  type Person,
  type SettleRecord,
  LIMITS,
  type Shortened,
  Step,
  StepEdit,
  type StepKind,
} from '../model';
import { defaultStage } from '../taxonomy';
import { bytesOf, parse, StorePart } from './core';
import { NotFoundError } from './errors';
import { blobsOfShot, screenshotRecord, type ImageEvidence } from './images';
import { renumber, stepsOf } from './trash';

/**
 * Default category for a channel, so an offline contact needs one choice, not two (a channel of
 * the audit's own: technology, as for the built-in channels not listed here).
 */
export function defaultCategory(channel: string): string {
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
  kind: StepKind;
  url: string | null;
  title: string;
  at: number;
  channel?: string;
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
  category?: string;
  /** Running timers (measurement ids of the journey) this contact answers: they stop at it. */
  stopsTimers?: string[];
  /** The person the customer dealt with (an offline contact, a chat); absent: none said. */
  person?: Person;
  /** Auto-capture's wait for the page to settle (absent: not auto-captured). */
  settle?: SettleRecord;
  /** Marks made at capture over the first image, in its pixels (a click's box). */
  annotations?: Annotation[];
  /** What the page said of itself at capture (Audit.pageFacts); absent: not read. */
  pageFacts?: PageFacts;
  /** Full page taken with its overlays hidden, as the auditor chose: how many (absent: kept). */
  overlaysHidden?: number;
  /** Checklist items pre-answered from the page at capture (`source: 'page'`); absent: none. */
  checks?: CheckResult[];
}

export class StepRecords extends StorePart {
  listSteps(journeyId: string): Promise<Step[]> {
    return stepsOf(this.db, journeyId);
  }

  /** How many steps were created after `since` (e.g. since the last backup). */
  countStepsSince(since: number): Promise<number> {
    return this.db.touchpoints.where('createdAt').above(since).count();
  }

  /**
   * Appends a step (with its screenshot, if any) to a journey in one transaction: either the step
   * and its images exist afterwards, or nothing does. Stage defaults to the previous step's.
   * A recorded URL, title or note longer than its limit is kept shortened and listed in
   * `shortened`, so the panel and the report say so.
   */
  async addStep(step: NewStep): Promise<Step> {
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
      checks: step.checks ?? [],
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
      ...(step.person ? { person: step.person } : {}),
      ...(step.settle ? { settle: step.settle } : {}),
      ...(step.pageFacts ? { pageFacts: step.pageFacts } : {}),
      ...(step.overlaysHidden !== undefined ? { overlaysHidden: step.overlaysHidden } : {}),
      createdAt: now,
      updatedAt: now,
    };
    parse(Step, draft, 'step');
    const evidence: ImageEvidence = {
      url: step.kind === 'page' ? url : null,
      title,
      capturedAt: step.at,
      viewport: draft.viewport,
      devicePixelRatio: draft.devicePixelRatio,
      userAgent: step.userAgent ?? '',
      fileName: step.fileName ?? '',
    };
    const shots = (step.images ?? []).map((image, index) =>
      screenshotRecord(
        touchpointId,
        image,
        evidence,
        this.newId(),
        this.now(),
        index === 0 ? step.annotations : undefined,
      ),
    );
    const { db } = this;
    return this.core.write(bytesOf(shots.flatMap(blobsOfShot)), () =>
      db.transaction(
        'rw',
        [db.journeys, db.touchpoints, db.screenshots, db.images, db.heldBack],
        async () => {
          const journey = await db.journeys.get(step.journeyId);
          if (!journey) throw new NotFoundError('Journey', step.journeyId);
          if (step.stopsTimers?.length) {
            const stops = new Set(step.stopsTimers);
            const measurements = journey.measurements.map((m) =>
              stops.has(m.id) && m.endStepId === null ? { ...m, endStepId: touchpointId } : m,
            );
            await db.journeys.put({ ...journey, measurements, updatedAt: now });
          }
          const steps = await this.listSteps(step.journeyId);
          const last = steps.at(-1);
          const touchpoint: Step = {
            ...draft,
            seq: (last?.seq ?? 0) + 1,
            stage: step.stage ?? defaultStage(step.kind, last?.stage),
          };
          await db.touchpoints.add(touchpoint);
          await db.screenshots.bulkAdd(shots.map((shot) => shot.screenshot));
          await db.images.bulkAdd(shots.map((shot) => shot.image));
          await db.heldBack.bulkAdd(shots.flatMap((shot) => shot.heldBack ?? []));
          return touchpoint;
        },
      ),
    );
  }

  async updateStep(id: string, edit: StepEdit): Promise<Step> {
    const changes = parse(StepEdit, edit, 'step edit');
    return this.core.modify('touchpoints', id, () => changes);
  }

  /**
   * Changes a step's tags as stored right before (one transaction): `change` gets them and returns
   * the new list, which the schema checks (trimmed, 1–40 characters, no comma, at most 20).
   */
  async updateTags(id: string, change: (tags: readonly string[]) => string[]): Promise<Step> {
    return this.core.modify('touchpoints', id, (current) => ({ tags: change(current.tags ?? []) }));
  }

  /** The tags of every tagged step of an audit's walks (one list per step), for offering them. */
  async listAuditTags(auditId: string): Promise<string[][]> {
    return this.db.transaction('r', this.db.journeys, this.db.touchpoints, async () => {
      const ids = await this.db.journeys.where('auditId').equals(auditId).primaryKeys();
      if (!ids.length) return [];
      const tagged: string[][] = [];
      await this.db.touchpoints
        .where('journeyId')
        .anyOf(ids)
        .each((step) => {
          if (step.tags?.length) tagged.push(step.tags);
        });
      return tagged;
    });
  }

  /** Moves a step to a new 1-based position, renumbering the journey in one transaction. */
  async moveStep(id: string, toSeq: number): Promise<void> {
    await this.core.write(0, () =>
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
}
