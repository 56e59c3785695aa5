/**
 * Automatic redaction before anything is stored: the fields the page agent found
 * (page/sensitive.ts) are painted solid black into the captured pixels.
 */
import { JPEG_BLOCK_PX, toImagePixels, type Rect } from '../geometry';

export type { SensitiveFields } from './page/replies';

/**
 * Fills rects with solid black on a canvas, each grown to the whole pixels (and `block`s) that show
 * it (lib/geometry). Rects are in CSS px relative to `origin` (e.g. the viewport's top-left in the
 * document); `scale` is canvas pixels per CSS px. Returns how many rects touched the canvas.
 */
export function paintRedactions(
  context: OffscreenCanvasRenderingContext2D,
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

/** JPEG quality of an image re-encoded after redaction. */
const REDACTED_QUALITY = 0.85;

/**
 * Covers `rects` on a captured image and returns the new image bytes (the uncovered original is
 * not kept), or null when no rect touches the image. `cssWidth` is the image's width in CSS px
 * (null: assume one image pixel per CSS pixel).
 */
export async function coverRegions(
  image: Blob,
  rects: readonly Rect[],
  origin: { x: number; y: number },
  cssWidth: number | null,
): Promise<Blob | null> {
  if (!rects.length) return null;
  const bitmap = await createImageBitmap(image);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    const scale = cssWidth ? bitmap.width / cssWidth : 1;
    if (!paintRedactions(context, rects, { origin, scale, block: JPEG_BLOCK_PX })) return null;
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: REDACTED_QUALITY });
  } finally {
    bitmap.close();
  }
}
