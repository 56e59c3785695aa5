/**
 * Rectangles between page coordinates (CSS px) and image pixels — one module, one rounding rule,
 * because it decides what a redaction covers. The rule: a rect maps to the smallest whole-pixel
 * box that contains it (start rounded down, end rounded up, beyond a 1e-6 px tolerance for
 * floating-point noise), optionally grown to whole blocks (16 px: a JPEG block, so a covered area
 * decodes as solid black), then clipped to the image. Pure; property-tested in
 * test/unit/geometry.test.ts at the device pixel ratios people use.
 */

/** A rectangle: CSS px of the document unless said otherwise, or image pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A JPEG block with chroma subsampling: a redaction grown to it leaks no edge into its block. */
export const JPEG_BLOCK_PX = 16;

/** Float noise below this (px) is not a pixel: 9.9999999 is 10. */
const TOLERANCE = 1e-6;

/** The overlap of two rects, or null when they do not overlap. */
export function intersect(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null;
}

function isUsable(rect: Rect): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isFinite) &&
    rect.width > 0 &&
    rect.height > 0
  );
}

/**
 * The pixels of an `image` that show `rect`, where the image shows the page from `origin` (CSS px)
 * at `scale` image pixels per CSS px: the smallest whole-pixel box containing the rect, grown to
 * whole `block`s, clipped to the image. Null when nothing of it is on the image.
 */
export function toImagePixels(
  rect: Rect,
  view: { origin?: Point; scale?: number; image: Size; block?: number },
): Rect | null {
  if (!isUsable(rect)) return null;
  const { origin = { x: 0, y: 0 }, scale = 1, image, block = 1 } = view;
  const down = (v: number) => Math.floor((v + TOLERANCE) / block) * block;
  const up = (v: number) => Math.ceil((v - TOLERANCE) / block) * block;
  const clampX = (v: number) => Math.min(image.width, Math.max(0, v));
  const clampY = (v: number) => Math.min(image.height, Math.max(0, v));
  const left = clampX(down((rect.x - origin.x) * scale));
  const top = clampY(down((rect.y - origin.y) * scale));
  const right = clampX(up((rect.x - origin.x + rect.width) * scale));
  const bottom = clampY(up((rect.y - origin.y + rect.height) * scale));
  return right > left && bottom > top
    ? { x: left, y: top, width: right - left, height: bottom - top }
    : null;
}

/**
 * Sensitive rects (document CSS px) as the boxes to paint black on an image that shows the page
 * region `shown` (CSS px) at `scale`: only the rects that overlap it, in image pixels.
 */
export function coverBoxes(
  rects: readonly Rect[],
  shown: Rect,
  scale: number,
  image: Size,
  block = 1,
): Rect[] {
  return rects
    .map((rect) => intersect(rect, shown))
    .map((rect) => (rect ? toImagePixels(rect, { origin: shown, scale, image, block }) : null))
    .filter((rect): rect is Rect => rect !== null);
}
