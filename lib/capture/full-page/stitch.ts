/**
 * Full-page capture, stitching: tiles are drawn into the parts of the page as they arrive, each part
 * encoded as soon as its last row is drawn. The canvas work is injected (OffscreenCanvas in
 * browsers, a fake in Node tests).
 */
import type { Rect } from '../../geometry';
import type { EncodedImage } from '../../model';
import { dataUrlToBlob, describe } from '../encode';
import { CaptureError } from '../errors';
import { drawOps, type PartPlan } from './plan';

/** JPEG quality of the stitched parts (0–1), as the visible capture's 85. */
export const PART_QUALITY = 0.85;

/** A decoded tile (an ImageBitmap in browsers). */
export interface TileImage {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** One output image being assembled. */
export interface PartCanvas {
  /** Copies `rows` full-width rows of `tile` from `sourceY` to `targetY` of this part. */
  draw(tile: TileImage, sourceY: number, targetY: number, rows: number): void;
  /** Fills rects (part pixels) with solid black #000. */
  cover(rects: readonly Rect[]): void;
  /** Encodes the part (JPEG), thumbnails and hashes it, and releases its pixels. */
  encode(): Promise<EncodedImage>;
  /** Releases the part's pixels without encoding (cancel, failure). */
  release(): void;
}

export interface Stitcher {
  decode(dataUrl: string): Promise<TileImage>;
  createPart(width: number, height: number): PartCanvas;
}

/** Thumbnails of parts show the top of the page, 4:3 (not a sliver of a 30,000 px strip). */
const PART_THUMBNAIL_ASPECT = 0.75;

/** The browser stitcher: ImageBitmap tiles, OffscreenCanvas parts, JPEG output. */
export const offscreenStitcher: Stitcher = {
  decode: (dataUrl) => createImageBitmap(dataUrlToBlob(dataUrl)),
  createPart(width, height) {
    let canvas: OffscreenCanvas | null = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
    // White, not transparent (JPEG would turn a missed row black, like a redaction).
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    return {
      draw(tile, sourceY, targetY, rows) {
        context.drawImage(tile as ImageBitmap, 0, sourceY, width, rows, 0, targetY, width, rows);
      },
      cover(rects) {
        context.fillStyle = '#000';
        for (const rect of rects) context.fillRect(rect.x, rect.y, rect.width, rect.height);
      },
      async encode() {
        if (!canvas) throw new CaptureError('capture-failed', 'The part was already released.');
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: PART_QUALITY });
        return describe(canvas, blob, 'full-page', PART_THUMBNAIL_ASPECT);
      },
      release() {
        // Shrinking frees the pixel buffer now rather than at garbage collection.
        if (canvas) canvas.width = canvas.height = 1;
        canvas = null;
      },
    };
  },
};

/** Assembles tiles into parts in order; a part is encoded as soon as its last row is drawn. */
export class PartWriter {
  private readonly open = new Map<number, PartCanvas>();
  private readonly done: EncodedImage[] = [];
  private drawnTo = 0;

  constructor(
    private readonly stitcher: Stitcher,
    private readonly parts: readonly PartPlan[],
    private readonly width: number,
    private readonly covers: readonly Rect[][],
  ) {}

  /** Draws `rows` rows of `tile` from `sourceY` into output rows [top, bottom), repeating its last row if short. */
  async add(
    tile: TileImage,
    top: number,
    bottom: number,
    sourceY: number,
    rows: number,
  ): Promise<void> {
    const ops = drawOps(top, top + rows, sourceY, this.parts);
    if (top + rows < bottom)
      ops.push(...drawOps(top + rows, bottom, sourceY + rows - 1, this.parts));
    for (const op of ops) {
      const plan = this.parts[op.part]!;
      let canvas = this.open.get(op.part);
      if (!canvas) {
        canvas = this.stitcher.createPart(this.width, plan.height);
        this.open.set(op.part, canvas);
      }
      canvas.draw(tile, op.sourceY, op.targetY, op.rows);
    }
    this.drawnTo = bottom;
    for (const plan of this.parts) {
      const canvas = this.open.get(plan.index);
      if (!canvas || plan.top + plan.height > this.drawnTo) continue;
      this.open.delete(plan.index);
      const covers = this.covers[plan.index] ?? [];
      try {
        if (covers.length) canvas.cover(covers);
        const image = await canvas.encode();
        this.done.push({
          ...image,
          mode: 'full-page',
          part: plan.index,
          parts: this.parts.length,
          redacted: covers.length > 0,
        });
      } finally {
        canvas.release();
      }
    }
  }

  /** The encoded parts, in order; throws if a part was never completed. */
  result(): EncodedImage[] {
    if (this.done.length !== this.parts.length) {
      throw new CaptureError('capture-failed', 'Part of the page was not captured.', {
        params: { message: 'incomplete page' },
      });
    }
    return [...this.done].sort((a, b) => (a.part ?? 0) - (b.part ?? 0));
  }

  release(): void {
    for (const canvas of this.open.values()) canvas.release();
    this.open.clear();
  }
}
