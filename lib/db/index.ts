/** The only code that touches IndexedDB. Every write is one Dexie transaction. */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { z } from 'zod';
import {
  ActionItem,
  type Annotation,
  Audit,
  AuditInput,
  describeIssues,
  Journey,
  JourneyInput,
  Screenshot,
  StoredImage,
  Touchpoint,
  TouchpointEdit,
  type EncodedImage,
  type Outcome,
  type TouchpointKind,
} from '../model';
import { type CategoryId, type ChannelId } from '../taxonomy';
import { InvalidRecordError, NotFoundError, translateDbError } from './errors';

export * from './errors';

export const DB_NAME = 'touchpoint-audit';

export class AuditDatabase extends Dexie {
  audits!: EntityTable<Audit, 'id'>;
  journeys!: EntityTable<Journey, 'id'>;
  touchpoints!: EntityTable<Touchpoint, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  /** Full-size image blobs, apart from step metadata so lists stay fast. */
  images!: EntityTable<StoredImage, 'id'>;
  actionItems!: EntityTable<ActionItem, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Each version's stores and upgrade stay frozen once released; test/unit/migrations.test.ts
    // fills every older version and reopens at the newest.
    this.version(1).stores({
      audits: 'id, updatedAt',
      journeys: 'id, auditId',
      touchpoints: 'id, journeyId, [journeyId+seq]',
      screenshots: 'id, touchpointId',
      images: 'id',
      actionItems: 'id, touchpointId',
    });
    // Version 2: screenshots carry their evidence record, split parts, redaction and annotations.
    this.version(2).upgrade(upgradeToV2);
  }
}

/** v1 → v2: copy each screenshot's evidence from its step; nothing was redacted or annotated. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const steps = new Map<string, Record<string, unknown>>();
  await tx
    .table('touchpoints')
    .each((step: Record<string, unknown>) => void steps.set(step.id as string, step));
  await tx
    .table('screenshots')
    .toCollection()
    .modify((shot: Record<string, unknown>) => {
      const step = steps.get(shot.touchpointId as string);
      const page = shot.mode !== 'uploaded';
      shot.part = 0;
      shot.parts = 1;
      shot.url = page ? (step?.url ?? null) : null;
      shot.title = (step?.title as string | undefined) ?? '';
      shot.capturedAt = page
        ? ((step?.at as number | undefined) ?? shot.createdAt)
        : shot.createdAt;
      shot.viewport = page ? (step?.viewport ?? null) : null;
      shot.devicePixelRatio = page ? (step?.devicePixelRatio ?? null) : null;
      shot.userAgent = '';
      shot.redacted = false;
      shot.annotations = [];
    });
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidRecordError(what, describeIssues(result.error));
  return result.data;
}

async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateDbError(error);
  }
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
}

/** Where and when an image was taken: stored with every screenshot. */
export interface ImageEvidence {
  url: string | null;
  title: string;
  capturedAt: number;
  viewport: { width: number; height: number } | null;
  devicePixelRatio: number | null;
  userAgent: string;
}

/** A deleted step with everything that belonged to it, enough to undo the deletion. */
export interface DeletedStep {
  touchpoint: Touchpoint;
  screenshots: Screenshot[];
  images: StoredImage[];
  actionItems: ActionItem[];
}

/** Everything the report needs about one audit (image blobs excluded). */
export interface AuditSnapshot {
  audit: Audit;
  journeys: Journey[];
  touchpoints: Touchpoint[];
  screenshots: Screenshot[];
  actionItems: ActionItem[];
}

/** The screenshot fields that describe an image's stored bytes. */
function pixelsOf(image: EncodedImage) {
  const { mime, width, height, sha256, thumbnail } = image;
  return { mime, width, height, bytes: image.blob.size, sha256, thumbnail };
}

export class AuditStore {
  constructor(
    readonly db: AuditDatabase,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

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
    return this.db.touchpoints
      .where('[journeyId+seq]')
      .between([journeyId, Dexie.minKey], [journeyId, Dexie.maxKey])
      .toArray();
  }

  listScreenshots(touchpointIds: string[]): Promise<Screenshot[]> {
    return this.db.screenshots.where('touchpointId').anyOf(touchpointIds).toArray();
  }

  async getImage(screenshotId: string): Promise<Blob | undefined> {
    return (await this.db.images.get(screenshotId))?.blob;
  }

  async createAudit(input: AuditInput): Promise<Audit> {
    const now = this.now();
    const audit = parse(
      Audit,
      { ...input, id: this.newId(), createdAt: now, updatedAt: now },
      'audit',
    );
    await write(() => this.db.audits.add(audit));
    return audit;
  }

  async createJourney(input: JourneyInput): Promise<Journey> {
    const journey = parse(
      Journey,
      { ...input, id: this.newId(), createdAt: this.now(), finishedAt: null, outcome: null },
      'journey',
    );
    await write(() =>
      this.db.transaction('rw', this.db.audits, this.db.journeys, async () => {
        if (!(await this.db.audits.get(journey.auditId)))
          throw new NotFoundError('Audit', journey.auditId);
        await this.db.journeys.add(journey);
        await this.db.audits.update(journey.auditId, { updatedAt: journey.createdAt });
      }),
    );
    return journey;
  }

  /** Marks a journey finished with an outcome, or reopens it (outcome null). */
  async finishJourney(id: string, outcome: Outcome | null): Promise<void> {
    await write(() =>
      this.db.transaction('rw', this.db.journeys, async () => {
        const journey = await this.db.journeys.get(id);
        if (!journey) throw new NotFoundError('Journey', id);
        await this.db.journeys.put(
          parse(
            Journey,
            { ...journey, outcome, finishedAt: outcome ? this.now() : null },
            'journey',
          ),
        );
      }),
    );
  }

  /**
   * Appends a step (with its screenshot, if any) to a journey in one transaction: either the step
   * and its images exist afterwards, or nothing does. Stage defaults to the previous step's.
   */
  async addStep(step: NewStep): Promise<Touchpoint> {
    const touchpointId = this.newId();
    const channel = step.channel ?? (step.kind === 'page' ? 'website' : 'phone');
    const draft = {
      id: touchpointId,
      journeyId: step.journeyId,
      seq: 1,
      kind: step.kind,
      url: step.url,
      title: step.title.slice(0, 1000),
      at: step.at,
      stage: step.stage ?? 'information',
      category: defaultCategory(channel),
      channel,
      experience: null,
      importance: null,
      likelihood: null,
      note: step.note ?? '',
      weakLink: false,
      wow: false,
      viewport: step.viewport ?? null,
      devicePixelRatio: step.devicePixelRatio ?? null,
    };
    parse(Touchpoint, draft, 'step');
    const evidence: ImageEvidence = {
      url: step.kind === 'page' ? step.url : null,
      title: draft.title,
      capturedAt: step.at,
      viewport: draft.viewport,
      devicePixelRatio: draft.devicePixelRatio,
      userAgent: step.userAgent ?? '',
    };
    const shots = (step.images ?? []).map((image) =>
      this.screenshotRecord(touchpointId, image, evidence),
    );
    return write(() =>
      this.db.transaction(
        'rw',
        [this.db.journeys, this.db.touchpoints, this.db.screenshots, this.db.images],
        async () => {
          if (!(await this.db.journeys.get(step.journeyId))) {
            throw new NotFoundError('Journey', step.journeyId);
          }
          const steps = await this.listSteps(step.journeyId);
          const last = steps.at(-1);
          const touchpoint: Touchpoint = {
            ...draft,
            seq: (last?.seq ?? 0) + 1,
            stage: step.stage ?? last?.stage ?? 'information',
          };
          await this.db.touchpoints.add(touchpoint);
          await this.db.screenshots.bulkAdd(shots.map((shot) => shot.screenshot));
          await this.db.images.bulkAdd(shots.map((shot) => shot.image));
          return touchpoint;
        },
      ),
    );
  }

  /** Adds an evidence image to an existing step (e.g. a photo of a letter). */
  async attachImage(
    touchpointId: string,
    image: EncodedImage,
    evidence: Pick<ImageEvidence, 'title' | 'userAgent'>,
  ): Promise<Screenshot> {
    const shot = this.screenshotRecord(touchpointId, image, {
      ...evidence,
      url: null,
      capturedAt: this.now(),
      viewport: null,
      devicePixelRatio: null,
    });
    await write(() =>
      this.db.transaction(
        'rw',
        [this.db.touchpoints, this.db.screenshots, this.db.images],
        async () => {
          if (!(await this.db.touchpoints.get(touchpointId)))
            throw new NotFoundError('Step', touchpointId);
          await this.db.screenshots.add(shot.screenshot);
          await this.db.images.add(shot.image);
        },
      ),
    );
    return shot.screenshot;
  }

  async deleteScreenshot(screenshotId: string): Promise<void> {
    await write(() =>
      this.db.transaction('rw', this.db.screenshots, this.db.images, async () => {
        await this.db.screenshots.delete(screenshotId);
        await this.db.images.delete(screenshotId);
      }),
    );
  }

  async updateStep(id: string, edit: TouchpointEdit): Promise<Touchpoint> {
    const changes = parse(TouchpointEdit, edit, 'step edit');
    return write(() =>
      this.db.transaction('rw', this.db.touchpoints, async () => {
        const current = await this.db.touchpoints.get(id);
        if (!current) throw new NotFoundError('Step', id);
        const next = parse(Touchpoint, { ...current, ...changes }, 'step');
        await this.db.touchpoints.put(next);
        return next;
      }),
    );
  }

  /** Moves a step to a new 1-based position, renumbering the journey in one transaction. */
  async moveStep(id: string, toSeq: number): Promise<void> {
    await write(() =>
      this.db.transaction('rw', this.db.touchpoints, async () => {
        const step = await this.db.touchpoints.get(id);
        if (!step) throw new NotFoundError('Step', id);
        const steps = (await this.listSteps(step.journeyId)).filter((s) => s.id !== id);
        const index = Math.max(0, Math.min(steps.length, Math.round(toSeq) - 1));
        steps.splice(index, 0, step);
        await this.renumber(steps);
      }),
    );
  }

  /** Deletes a step with its images and action items; returns what is needed to undo. */
  async deleteStep(id: string): Promise<DeletedStep> {
    const { touchpoints, screenshots, images, actionItems } = this.db;
    return write(() =>
      this.db.transaction('rw', [touchpoints, screenshots, images, actionItems], async () => {
        const touchpoint = await touchpoints.get(id);
        if (!touchpoint) throw new NotFoundError('Step', id);
        const shots = await screenshots.where({ touchpointId: id }).toArray();
        const blobs = (await images.bulkGet(shots.map((s) => s.id))).filter(
          (image): image is StoredImage => image !== undefined,
        );
        const actions = await actionItems.where({ touchpointId: id }).toArray();
        await touchpoints.delete(id);
        await screenshots.bulkDelete(shots.map((s) => s.id));
        await images.bulkDelete(shots.map((s) => s.id));
        await actionItems.bulkDelete(actions.map((a) => a.id));
        await this.renumber(await this.listSteps(touchpoint.journeyId));
        return { touchpoint, screenshots: shots, images: blobs, actionItems: actions };
      }),
    );
  }

  /** Puts a deleted step back at its old position. */
  async restoreStep(deleted: DeletedStep): Promise<void> {
    const { touchpoints, screenshots, images, actionItems } = this.db;
    await write(() =>
      this.db.transaction('rw', [touchpoints, screenshots, images, actionItems], async () => {
        const steps = await this.listSteps(deleted.touchpoint.journeyId);
        steps.splice(deleted.touchpoint.seq - 1, 0, deleted.touchpoint);
        await touchpoints.add(deleted.touchpoint);
        await this.renumber(steps);
        await screenshots.bulkAdd(deleted.screenshots);
        await images.bulkAdd(deleted.images);
        await actionItems.bulkAdd(deleted.actionItems);
      }),
    );
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
        const journeyList = await journeys.where({ auditId }).sortBy('createdAt');
        const steps = await touchpoints
          .where('journeyId')
          .anyOf(journeyList.map((j) => j.id))
          .toArray();
        const stepIds = steps.map((s) => s.id);
        return {
          audit,
          journeys: journeyList,
          touchpoints: steps,
          screenshots: await screenshots.where('touchpointId').anyOf(stepIds).toArray(),
          actionItems: await actionItems.where('touchpointId').anyOf(stepIds).toArray(),
        };
      },
    );
  }

  private async renumber(steps: Touchpoint[]): Promise<void> {
    const changed = steps
      .map((step, index) => ({ ...step, seq: index + 1 }))
      .filter((step, index) => steps[index]?.seq !== step.seq);
    if (changed.length) await this.db.touchpoints.bulkPut(changed);
  }

  /**
   * Replaces a screenshot's pixels (e.g. with redactions burnt in): the old bytes are gone, the
   * hash, size and thumbnail follow the new ones; annotations and evidence record stay.
   */
  async replaceImage(
    screenshotId: string,
    image: EncodedImage,
    /** Replace only if the stored bytes still have this hash (else: NotFoundError, nothing written). */
    expectedSha256?: string,
  ): Promise<Screenshot> {
    return write(() =>
      this.db.transaction('rw', this.db.screenshots, this.db.images, async () => {
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
          },
          'screenshot',
        );
        await this.db.screenshots.put(next);
        await this.db.images.put({ id: screenshotId, blob: image.blob });
        return next;
      }),
    );
  }

  async updateAnnotations(screenshotId: string, annotations: Annotation[]): Promise<void> {
    const checked = parse(Screenshot.shape.annotations, annotations, 'annotations');
    await write(() =>
      this.db.transaction('rw', this.db.screenshots, async () => {
        const updated = await this.db.screenshots.update(screenshotId, { annotations: checked });
        if (!updated) throw new NotFoundError('Screenshot', screenshotId);
      }),
    );
  }

  getScreenshot(id: string): Promise<Screenshot | undefined> {
    return this.db.screenshots.get(id);
  }

  private screenshotRecord(touchpointId: string, image: EncodedImage, evidence: ImageEvidence) {
    const id = this.newId();
    const screenshot = parse(
      Screenshot,
      {
        id,
        touchpointId,
        mode: image.mode,
        ...pixelsOf(image),
        createdAt: this.now(),
        part: image.part ?? 0,
        parts: image.parts ?? 1,
        ...evidence,
        redacted: Boolean(image.redacted),
        annotations: [],
      },
      'screenshot',
    );
    return { screenshot, image: { id, blob: image.blob } };
  }
}

export function openStore(name = DB_NAME): AuditStore {
  return new AuditStore(new AuditDatabase(name));
}

export { watchQuery } from './watch';
