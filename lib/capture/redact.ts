/**
 * Automatic redaction before anything is stored: the fields the page agent found in every frame
 * (page/sensitive.ts, put together by frame-tree.ts) are painted solid black into the captured
 * pixels, and so is every embedded frame that could not be checked — whose original pixels are
 * held back locally (never exported) so the auditor can uncover it by an explicit choice.
 */
import { JPEG_BLOCK_PX, toImagePixels, type Point, type Rect } from '../geometry';
import type { HeldBackArea } from '../model';
import { CaptureError } from './errors';
import type { TabCoverage } from './frame-tree';

type Context2D = OffscreenCanvasRenderingContext2D;

/** What to cover on one image, in image pixels (already grown to whole pixels and blocks). */
export interface CoverBoxes {
  fields: Rect[];
  frames: Rect[];
}

/** No covering at all. */
export const NOTHING_TO_COVER: CoverBoxes = { fields: [], frames: [] };

/** Whether anything is to be covered. */
export const coversAnything = (boxes: CoverBoxes) =>
  boxes.fields.length > 0 || boxes.frames.length > 0;

/**
 * A tab's coverage (top-document CSS px) as boxes on an image that shows the page from `origin`
 * (CSS px) at `scale` image px per CSS px: each grown to whole pixels and `block`s, clipped to the
 * image; boxes that miss the image are left out.
 */
export function coverBoxesFor(
  coverage: Pick<TabCoverage, 'fields' | 'frames'>,
  view: { origin: Point; scale: number; image: { width: number; height: number }; block?: number },
): CoverBoxes {
  const boxes = (rects: readonly Rect[]) =>
    rects.map((rect) => toImagePixels(rect, view)).filter((box): box is Rect => box !== null);
  return {
    fields: boxes(coverage.fields),
    frames: boxes(coverage.frames.map((frame) => frame.rect)),
  };
}

/**
 * Fills rects with solid black on a canvas, each grown to the whole pixels (and `block`s) that show
 * it (lib/geometry). Rects are in CSS px relative to `origin` (e.g. the viewport's top-left in the
 * document); `scale` is canvas pixels per CSS px. Returns how many rects touched the canvas.
 */
export function paintRedactions(
  context: Context2D,
  rects: readonly Rect[],
  view: { origin?: { x: number; y: number }; scale?: number; block?: number },
): number {
  const image = { width: context.canvas.width, height: context.canvas.height };
  const boxes = rects
    .map((rect) => toImagePixels(rect, { ...view, image }))
    .filter((box): box is Rect => box !== null);
  context.fillStyle = '#000';
  for (const box of boxes) context.fillRect(box.x, box.y, box.width, box.height);
  return boxes.length;
}

/**
 * Covers `boxes` on a canvas (canvas px, `offset` subtracted first): fields first, then each
 * frame — its pixels copied just before it is painted (so a field over it stays black in the
 * copy too). Resolves with the frames' held-back originals (PNG), in canvas px.
 */
export async function coverOnCanvas(
  context: Context2D,
  boxes: CoverBoxes,
  offset: Point = { x: 0, y: 0 },
): Promise<HeldBackArea[]> {
  const { width, height } = context.canvas;
  const local = (box: Rect): Rect | null => {
    const x = Math.max(0, box.x - offset.x);
    const y = Math.max(0, box.y - offset.y);
    const right = Math.min(width, box.x - offset.x + box.width);
    const bottom = Math.min(height, box.y - offset.y + box.height);
    return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
  };
  context.fillStyle = '#000';
  for (const box of boxes.fields.map(local)) {
    if (box) context.fillRect(box.x, box.y, box.width, box.height);
  }
  const held: Promise<HeldBackArea>[] = [];
  for (const area of boxes.frames.map(local)) {
    if (!area) continue;
    const copy = new OffscreenCanvas(area.width, area.height);
    copy
      .getContext('2d')
      ?.drawImage(
        context.canvas,
        area.x,
        area.y,
        area.width,
        area.height,
        0,
        0,
        area.width,
        area.height,
      );
    context.fillStyle = '#000';
    context.fillRect(area.x, area.y, area.width, area.height);
    held.push(copy.convertToBlob({ type: 'image/png' }).then((original) => ({ area, original })));
  }
  return Promise.all(held);
}

/** JPEG quality of an image re-encoded after redaction. */
const REDACTED_QUALITY = 0.85;

/**
 * Covers a tab's coverage on a captured image of the viewport and returns the new image bytes
 * (the uncovered original is not kept) with the held-back originals of frames that could not be
 * checked, or null when nothing touches the image. `cssWidth` is the image's width in CSS px
 * (null: assume one image pixel per CSS pixel).
 */
export async function coverRegions(
  image: Blob,
  coverage: Pick<TabCoverage, 'fields' | 'frames'>,
  origin: Point,
  cssWidth: number | null,
): Promise<{ blob: Blob; coveredFrames: HeldBackArea[]; boxes: CoverBoxes } | null> {
  if (!coverage.fields.length && !coverage.frames.length) return null;
  const bitmap = await createImageBitmap(image);
  try {
    const scale = cssWidth ? bitmap.width / cssWidth : 1;
    const boxes = coverBoxesFor(coverage, {
      origin,
      scale,
      image: { width: bitmap.width, height: bitmap.height },
      block: JPEG_BLOCK_PX,
    });
    if (!coversAnything(boxes)) return null;
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    // Fail closed: an image that could not be covered is not stored.
    if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
    context.drawImage(bitmap, 0, 0);
    const coveredFrames = await coverOnCanvas(context, boxes);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: REDACTED_QUALITY });
    return { blob, coveredFrames, boxes };
  } finally {
    bitmap.close();
  }
}
