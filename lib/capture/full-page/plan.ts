/**
 * Full-page capture, pure planning: which tiles to scroll to, which rows of each tile fill which
 * rows of which part, where the sensitive areas land, which pinned elements show on which tile.
 * Unit-tested in test/unit/full-page.test.ts.
 */

/** Tallest part, in device pixels: well inside Chromium's 65,535 px canvas side and JPEG's limit. */
export const MAX_PART_HEIGHT = 32_000;
/**
 * Largest part, in device pixels (≈ 200 MB of RGBA): far below Chromium's 268,435,456 px canvas
 * area, so a high-DPR page splits into smaller parts instead of exhausting the panel's memory.
 */
export const MAX_PART_PIXELS = 48 * 1024 * 1024;
/** Pages are captured down to this height (CSS px); an endless feed would otherwise never end. */
export const MAX_PAGE_HEIGHT = 200_000;

/** One tile: where to scroll (CSS px) and which output rows (device px) it fills. */
export interface TileSlice {
  index: number;
  scrollY: number;
  /** Output rows [top, bottom) in device pixels of the whole page. */
  top: number;
  bottom: number;
}

/**
 * Tiles that cover a page of `pageHeight` CSS px with a viewport `viewportHeight` CSS px tall, at
 * `scale` device px per CSS px. Tiles step one viewport at a time; the last one is scrolled to the
 * bottom of the page and is used whole — the one before it stops where it starts — so what is
 * pinned to the window's bottom (a cookie bar, a chat button above it) shows whole at the page's
 * end. The rows add up to exactly round(pageHeight × scale).
 */
export function planTiles(pageHeight: number, viewportHeight: number, scale: number): TileSlice[] {
  const viewport = Math.max(1, viewportHeight);
  const page = Math.max(1, pageHeight);
  const total = Math.round(page * scale);
  const count = Math.max(1, Math.ceil(page / viewport));
  const maxScroll = Math.max(0, page - viewport);
  const lastTop = count === 1 ? 0 : Math.round(maxScroll * scale);
  return Array.from({ length: count }, (_, index) => ({
    index,
    scrollY: Math.min(index * viewport, maxScroll),
    top: index === count - 1 ? lastTop : Math.round(index * viewport * scale),
    bottom:
      index === count - 1
        ? total
        : index === count - 2
          ? lastTop
          : Math.round((index + 1) * viewport * scale),
  }));
}

/**
 * The rows of a captured tile image that fill `slice`: skips the overlap with the previous tile
 * (last tile). At fractional scales a slice can be one row taller than the tile holds: then it
 * reads one overlapping row, or (first rows of a tile) returns one row fewer and the caller repeats
 * the last one. Null when the tile does not hold the slice (the page scrolled or changed size).
 */
export function tileRows(
  slice: TileSlice,
  actualScrollY: number,
  scale: number,
  tileHeight: number,
): { sourceY: number; rows: number } | null {
  const wanted = slice.bottom - slice.top;
  let sourceY = slice.top - Math.round(actualScrollY * scale);
  if (sourceY === -1) sourceY = 0;
  if (sourceY > 0 && sourceY + wanted - tileHeight === 1) sourceY -= 1;
  if (sourceY < 0 || wanted <= 0) return null;
  const rows = Math.min(wanted, tileHeight - sourceY);
  if (rows < wanted - 1 || rows <= 0) return null;
  return { sourceY, rows };
}

/** One output image of a split capture: rows [top, top + height) of the page, device px. */
export interface PartPlan {
  index: number;
  top: number;
  height: number;
}

/**
 * Splits an output `totalHeight` device px tall and `width` wide into as few parts of nearly equal
 * height as the canvas limits allow (MAX_PART_HEIGHT per side, MAX_PART_PIXELS per part).
 */
export function planParts(
  totalHeight: number,
  width: number,
  maxHeight = MAX_PART_HEIGHT,
  maxPixels = MAX_PART_PIXELS,
): PartPlan[] {
  const limit = Math.max(1, Math.min(maxHeight, Math.floor(maxPixels / Math.max(1, width))));
  const count = Math.max(1, Math.ceil(totalHeight / limit));
  const base = Math.floor(totalHeight / count);
  const extra = totalHeight % count;
  const parts: PartPlan[] = [];
  let top = 0;
  for (let index = 0; index < count; index++) {
    const height = base + (index < extra ? 1 : 0);
    parts.push({ index, top, height });
    top += height;
  }
  return parts;
}

/** A copy of tile rows into one part. */
export interface DrawOp {
  part: number;
  sourceY: number;
  targetY: number;
  rows: number;
}

/** Where the output rows [top, bottom), read from `sourceY` of a tile, land in the parts. */
export function drawOps(
  top: number,
  bottom: number,
  sourceY: number,
  parts: readonly PartPlan[],
): DrawOp[] {
  const ops: DrawOp[] = [];
  for (const part of parts) {
    const from = Math.max(top, part.top);
    const to = Math.min(bottom, part.top + part.height);
    if (to > from) {
      ops.push({
        part: part.index,
        sourceY: sourceY + (from - top),
        targetY: from - part.top,
        rows: to - from,
      });
    }
  }
  return ops;
}

/** A fixed or sticky element of the page, as the tile planner sees it. */
export interface PinnedElement {
  position: 'fixed' | 'sticky';
  /** Which edge of the viewport it stays at. */
  anchor: 'top' | 'bottom';
  /** Whether an earlier tile already showed it on screen. */
  captured: boolean;
}

/**
 * Whether a pinned element is shown on a tile, so that it appears once in the stitched page:
 * bottom-anchored ones (footers, cookie bars, chat buttons) only on the last tile; fixed top ones
 * (headers, overlays) only on the first; sticky top ones until a tile has shown them (a sticky
 * section heading appears where the auditor first meets it).
 */
export function showPinned(element: PinnedElement, tile: number, isLast: boolean): boolean {
  if (element.anchor === 'bottom') return isLast;
  if (element.position === 'fixed') return tile === 0;
  return !element.captured;
}
