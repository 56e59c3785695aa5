/**
 * Full-page capture, stitching: tiles are drawn into the parts of the page as they arrive, each part
 * encoded as soon as its last row is drawn. The canvas work is injected (OffscreenCanvas in
 * browsers, a fake in Node tests).
 */
import { intersect, JPEG_BLOCK_PX, toImagePixels, type Rect } from '../../geometry';
import type { EncodedImage, HeldBackArea } from '../../model';
import { dataUrlToBlob, describe } from '../encode';
import { CaptureError } from '../errors';
import { coverOnCanvas, coversAnything, NOTHING_TO_COVER, type CoverBoxes } from '../redact';
import { drawOps, type DrawOp, type PartPlan } from './plan';

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
  /**
   * Fills the boxes (part pixels) with solid black #000 — fields, then frames, each frame's
   * original pixels copied first and returned (held back, see lib/capture/redact.ts).
   */
  cover(boxes: CoverBoxes): Promise<HeldBackArea[]>;
  /** Encodes the part (JPEG), thumbnails and hashes it, and releases its pixels. */
  encode(): Promise<EncodedImage>;
  /** Releases the part's pixels without encoding (cancel, failure). */
  release(): void;
}

export interface Stitcher {
  decode(dataUrl: string): Promise<TileImage>;
  createPart(width: number, height: number): PartCanvas;
  /** One held-back area from two of one frame, `lower` right below `upper`, as wide. */
  joinHeld(upper: HeldBackArea, lower: HeldBackArea): Promise<HeldBackArea>;
}

/**
 * The held-back areas of a part with the pieces of one frame joined: the tiles that show a frame
 * cover (and hold back) a band each, one right below the other, as wide.
 */
export async function joinFramePieces(
  areas: readonly HeldBackArea[],
  join: Stitcher['joinHeld'],
): Promise<HeldBackArea[]> {
  const sorted = [...areas].sort(
    (a, b) => a.area.x - b.area.x || a.area.width - b.area.width || a.area.y - b.area.y,
  );
  const joined: HeldBackArea[] = [];
  for (const piece of sorted) {
    const last = joined.at(-1);
    if (
      last &&
      last.area.x === piece.area.x &&
      last.area.width === piece.area.width &&
      last.area.y + last.area.height === piece.area.y
    ) {
      joined[joined.length - 1] = await join(last, piece);
    } else {
      joined.push(piece);
    }
  }
  return joined.sort((a, b) => a.area.y - b.area.y || a.area.x - b.area.x);
}

/** Thumbnails of parts show the top of the page, 4:3 (not a sliver of a 30,000 px strip). */
const PART_THUMBNAIL_ASPECT = 0.75;

/** The browser stitcher: ImageBitmap tiles, OffscreenCanvas parts, JPEG output. */
export const offscreenStitcher: Stitcher = {
  decode: (dataUrl) => createImageBitmap(dataUrlToBlob(dataUrl)),
  async joinHeld(upper, lower) {
    const [top, bottom] = await Promise.all([
      createImageBitmap(upper.original),
      createImageBitmap(lower.original),
    ]);
    try {
      const area = { ...upper.area, height: upper.area.height + lower.area.height };
      const canvas = new OffscreenCanvas(area.width, area.height);
      const context = canvas.getContext('2d');
      if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
      context.drawImage(top, 0, 0);
      context.drawImage(bottom, 0, upper.area.height);
      return { area, original: await canvas.convertToBlob({ type: 'image/png' }) };
    } finally {
      top.close();
      bottom.close();
    }
  },
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
      cover(boxes) {
        return coverOnCanvas(context, boxes);
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

/**
 * Boxes seen on a tile (tile pixels) where one draw puts them in its part: moved with the rows,
 * grown to whole JPEG blocks of the part and kept to the rows this draw fills (the rows around
 * belong to other tiles, which cover what they show themselves).
 */
export function coverForDraw(
  boxes: CoverBoxes,
  op: DrawOp,
  part: PartPlan,
  width: number,
): CoverBoxes {
  const band = { x: 0, y: op.targetY, width, height: op.rows };
  const image = { width, height: part.height };
  const place = (list: readonly Rect[]) =>
    list
      .map((box) => {
        const moved = { ...box, y: box.y - op.sourceY + op.targetY };
        const grown = toImagePixels(moved, { image, block: JPEG_BLOCK_PX });
        return grown && intersect(grown, band);
      })
      .filter((box): box is Rect => box !== null);
  return { fields: place(boxes.fields), frames: place(boxes.frames) };
}

/** Assembles tiles into parts in order; a part is encoded as soon as its last row is drawn. */
export class PartWriter {
  private readonly open = new Map<number, PartCanvas>();
  private readonly held = new Map<number, HeldBackArea[]>();
  private readonly covered = new Set<number>();
  private readonly done: EncodedImage[] = [];
  private drawnTo = 0;

  constructor(
    private readonly stitcher: Stitcher,
    private readonly parts: readonly PartPlan[],
    private readonly width: number,
  ) {}

  /**
   * Draws `rows` rows of `tile` from `sourceY` into output rows [top, bottom), repeating its last
   * row if short, and covers `boxes` (tile pixels: what the tile showed to cover) in those rows.
   */
  async add(
    tile: TileImage,
    top: number,
    bottom: number,
    sourceY: number,
    rows: number,
    boxes: CoverBoxes = NOTHING_TO_COVER,
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
      const cover = coverForDraw(boxes, op, plan, this.width);
      if (coversAnything(cover)) {
        this.covered.add(op.part);
        const held = await canvas.cover(cover);
        this.held.set(op.part, [...(this.held.get(op.part) ?? []), ...held]);
      }
    }
    this.drawnTo = bottom;
    for (const plan of this.parts) {
      const canvas = this.open.get(plan.index);
      if (!canvas || plan.top + plan.height > this.drawnTo) continue;
      this.open.delete(plan.index);
      try {
        const image = await canvas.encode();
        this.done.push({
          ...image,
          mode: 'full-page',
          part: plan.index,
          parts: this.parts.length,
          redacted: this.covered.has(plan.index),
          coveredFrames: await joinFramePieces(this.held.get(plan.index) ?? [], (upper, lower) =>
            this.stitcher.joinHeld(upper, lower),
          ),
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
