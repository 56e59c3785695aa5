/**
 * The images of steps: their screenshot records (metadata, evidence, annotations), their bytes,
 * and the held-back original pixels of frames covered at capture.
 */
import {
  type Annotation,
  type EncodedImage,
  fitText,
  type HeldBack,
  type HeldBackOriginal,
  LIMITS,
  Screenshot,
} from '../model';
import { bytesOf, parse, StorePart } from './core';
import { InvalidRecordError, NotFoundError } from './errors';

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

/** The bytes a new screenshot writes: its image and the originals of its covered frames. */
export function blobsOfShot(shot: { image: { blob: Blob }; heldBack: HeldBack | null }): Blob[] {
  return [shot.image.blob, ...(shot.heldBack?.areas.map((area) => area.original) ?? [])];
}

/** The screenshot fields that describe an image's stored bytes. */
function pixelsOf(image: EncodedImage) {
  const { mime, width, height, sha256, thumbnail } = image;
  return { mime, width, height, bytes: image.blob.size, sha256, thumbnail };
}

/**
 * The records a new image of a step writes: its screenshot (checked; every covered frame inside
 * the image), its bytes, and the held-back originals of its covered frames (null when none).
 */
export function screenshotRecord(
  touchpointId: string,
  image: EncodedImage,
  evidence: ImageEvidence,
  id: string,
  now: number,
  annotations: Annotation[] = [],
) {
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
      annotations,
      ...(image.captionHeight ? { captionHeight: image.captionHeight } : {}),
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

export class ImageRecords extends StorePart {
  /** The screenshots (metadata and thumbnails) of every step of a journey. */
  async listJourneyScreenshots(journeyId: string): Promise<Screenshot[]> {
    const ids = await this.db.touchpoints.where({ journeyId }).primaryKeys();
    return this.db.screenshots.where('touchpointId').anyOf(ids).toArray();
  }

  /**
   * The screenshots of these steps, in their order. One equality read per step, all sent at once
   * in one transaction: IndexedDB answers them without waiting for the page in between, where
   * `anyOf` walks a cursor one step per round trip (a thousand round trips on a long journey).
   */
  listScreenshots(touchpointIds: string[]): Promise<Screenshot[]> {
    const { screenshots } = this.db;
    return this.db.transaction('r', screenshots, async () =>
      (
        await Promise.all(
          [...new Set(touchpointIds)].map((id) =>
            screenshots.where('touchpointId').equals(id).toArray(),
          ),
        )
      ).flat(),
    );
  }

  getScreenshot(id: string): Promise<Screenshot | undefined> {
    return this.db.screenshots.get(id);
  }

  async getImage(screenshotId: string): Promise<Blob | undefined> {
    return (await this.db.images.get(screenshotId))?.blob;
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
    const { db } = this;
    return this.core.write(bytes, () =>
      db.transaction('rw', [db.touchpoints, db.screenshots, db.images, db.heldBack], async () => {
        const step = await db.touchpoints.get(touchpointId);
        if (!step) throw new NotFoundError('Step', touchpointId);
        const shot = screenshotRecord(
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
          now,
        );
        await db.screenshots.add(shot.screenshot);
        await db.images.add(shot.image);
        if (shot.heldBack) await db.heldBack.add(shot.heldBack);
        return shot.screenshot;
      }),
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
    const { db } = this;
    const bytes = bytesOf([image.blob, ...(heldBack ?? []).map((area) => area.original)]);
    return this.core.modify(
      'screenshots',
      screenshotId,
      async (current) => {
        if (expectedSha256 !== undefined && current.sha256 !== expectedSha256) {
          throw new NotFoundError('Screenshot', screenshotId);
        }
        if (heldBack) {
          const stored = await db.heldBack.get(screenshotId);
          // An original stored here but not given was added or changed meanwhile: start again.
          const given = new Set(heldBack.map((area) => area.index));
          if (stored?.areas.some((area) => !given.has(area.index))) {
            throw new NotFoundError('Screenshot', screenshotId);
          }
          const kept = new Set(stored?.areas.map((area) => area.index));
          const areas = heldBack.filter((area) => kept.has(area.index));
          if (stored && areas.length) await db.heldBack.put({ ...stored, areas });
        }
        await db.images.put({ id: screenshotId, blob: image.blob });
        return { ...pixelsOf(image), redacted: current.redacted || Boolean(image.redacted) };
      },
      { also: [db.images, db.heldBack], bytes },
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
    const { db } = this;
    return this.core.modify(
      'screenshots',
      screenshotId,
      async (current, now) => {
        if (current.sha256 !== expectedSha256) throw new NotFoundError('Screenshot', screenshotId);
        const held = await db.heldBack.get(screenshotId);
        const frame = current.coveredFrames[index];
        if (frame?.uncoveredAt !== null || !held?.areas.some((area) => area.index === index)) {
          throw new NotFoundError('Covered frame', `${screenshotId} #${index + 1}`);
        }
        const areas = held.areas.filter((area) => area.index !== index);
        await db.images.put({ id: screenshotId, blob: pixels.blob });
        if (areas.length) await db.heldBack.put({ ...held, areas });
        else await db.heldBack.delete(screenshotId);
        return {
          ...pixelsOf(pixels),
          coveredFrames: current.coveredFrames.map((f, i) =>
            i === index ? { ...f, uncoveredAt: now } : f,
          ),
        };
      },
      { also: [db.images, db.heldBack], bytes: pixels.blob.size },
    );
  }

  async updateAnnotations(screenshotId: string, annotations: Annotation[]): Promise<void> {
    const checked = parse(Screenshot.shape.annotations, annotations, 'annotations');
    await this.core.modify('screenshots', screenshotId, () => ({ annotations: checked }));
  }
}
