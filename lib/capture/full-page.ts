/**
 * Full-page capture: scrolls the walked tab tile by tile, captures each tile within the browser's
 * quota, and stitches the tiles into the images (parts) of ONE step. Context-agnostic: every
 * browser function is injected, so the side panel, the service worker and Node tests can run it.
 */
import type { AuditStore } from '../db';
import type { EncodedImage, Touchpoint, WalkedTab } from '../model';
import { dataUrlToBlob, describe } from './encode';
import { asCaptureError, CaptureError } from './errors';
import { CAPTURE_QUALITY, restrictedReason } from './index';
import { JPEG_BLOCK_PX, toImagePixels, type Rect } from '../geometry';
import type { CapturePacer, RunInTab } from './pacer';

/** Tallest part, in device pixels: well inside Chromium's 65,535 px canvas side and JPEG's limit. */
export const MAX_PART_HEIGHT = 32_000;
/**
 * Largest part, in device pixels (≈ 200 MB of RGBA): far below Chromium's 268,435,456 px canvas
 * area, so a high-DPR page splits into smaller parts instead of exhausting the panel's memory.
 */
export const MAX_PART_PIXELS = 48 * 1024 * 1024;
/** Pages are captured down to this height (CSS px); an endless feed would otherwise never end. */
export const MAX_PAGE_HEIGHT = 200_000;
/** JPEG quality of the stitched parts (0–1), as the visible capture's 85. */
export const PART_QUALITY = 0.85;

const LAZY_BUDGET_MS = 6_000;
const IMAGE_TIMEOUT_MS = 5_000;
const TILE_IMAGE_TIMEOUT_MS = 2_000;

// ---------------------------------------------------------------------------------------------
// Pure planning (unit-tested in test/unit/full-page.test.ts)

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
 * bottom of the page and overlaps its predecessor, so only its lower rows are used. The rows add up
 * to exactly round(pageHeight × scale).
 */
export function planTiles(pageHeight: number, viewportHeight: number, scale: number): TileSlice[] {
  const viewport = Math.max(1, viewportHeight);
  const page = Math.max(1, pageHeight);
  const total = Math.round(page * scale);
  const count = Math.max(1, Math.ceil(page / viewport));
  const maxScroll = Math.max(0, page - viewport);
  return Array.from({ length: count }, (_, index) => ({
    index,
    scrollY: Math.min(index * viewport, maxScroll),
    top: Math.round(index * viewport * scale),
    bottom: index === count - 1 ? total : Math.round((index + 1) * viewport * scale),
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

/**
 * Sensitive areas (document CSS px) as part pixels, grown outward to whole JPEG blocks and clipped
 * to the part, so each covered area decodes as solid black.
 */
export function coverRectsForPart(
  rects: readonly Rect[],
  part: PartPlan,
  scale: number,
  width: number,
  block = JPEG_BLOCK_PX,
): Rect[] {
  const view = {
    origin: { x: 0, y: part.top / scale },
    scale,
    image: { width, height: part.height },
    block,
  };
  return rects.map((rect) => toImagePixels(rect, view)).filter((r): r is Rect => r !== null);
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

// ---------------------------------------------------------------------------------------------
// Page-side functions: serialised by runInTab into the tab's isolated world. They must stay
// self-contained (no imports, no outer variables, no shared helpers). Their state lives in
// globalThis.__touchpointAuditFullPage between calls and is removed by pageRestore.

/** Sizes of the page, in CSS px. */
export interface PageMetrics {
  /** Height of the scrollable document. */
  pageHeight: number;
  /** The viewport without scrollbars. */
  viewportWidth: number;
  viewportHeight: number;
  /** The viewport with scrollbars: the width of what captureVisibleTab returns. */
  innerWidth: number;
  scrollY: number;
  /** False when the tab is hidden (the auditor switched tabs): a capture would show another tab. */
  visible: boolean;
}

export interface PinnedInView {
  position: 'fixed' | 'sticky';
  anchor: 'top' | 'bottom';
  inView: boolean;
}

/** Saves the scroll position and styles it will change, turns smooth scrolling off, goes to the top. */
export function pagePrepare(): PageMetrics {
  interface Saved {
    element: HTMLElement;
    property: string;
    value: string;
    priority: string;
    hadStyle: boolean;
  }
  interface State {
    scrollX: number;
    scrollY: number;
    saved: Saved[];
    pinned: {
      element: HTMLElement;
      position: string;
      anchor: string;
      value: string;
      priority: string;
      hadStyle: boolean;
    }[];
  }
  const holder = globalThis as unknown as { __touchpointAuditFullPage?: State };
  const putBack = (item: {
    element: HTMLElement;
    property: string;
    value: string;
    priority: string;
    hadStyle: boolean;
  }) => {
    if (item.value) item.element.style.setProperty(item.property, item.value, item.priority);
    else item.element.style.removeProperty(item.property);
    // No empty style="" left where there was no style attribute.
    if (!item.hadStyle && !item.element.style.length) {
      // Chromium writes CSSOM changes to the attribute lazily: flush first, or it comes back.
      item.element.getAttribute('style');
      item.element.removeAttribute('style');
    }
  };
  // A capture that never finished (its panel was closed): undo it, keep its original position.
  const stale = holder.__touchpointAuditFullPage;
  if (stale) {
    for (const pinned of stale.pinned) putBack({ ...pinned, property: 'visibility' });
    for (const saved of stale.saved.reverse()) putBack(saved);
  }
  const state: State = {
    scrollX: stale?.scrollX ?? window.scrollX,
    scrollY: stale?.scrollY ?? window.scrollY,
    saved: [],
    pinned: [],
  };
  holder.__touchpointAuditFullPage = state;
  for (const element of [document.documentElement, document.body]) {
    if (!element) continue;
    state.saved.push({
      element,
      property: 'scroll-behavior',
      value: element.style.getPropertyValue('scroll-behavior'),
      priority: element.style.getPropertyPriority('scroll-behavior'),
      hadStyle: element.hasAttribute('style'),
    });
    element.style.setProperty('scroll-behavior', 'auto', 'important');
  }
  window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
  const scroller = document.scrollingElement ?? document.documentElement;
  return {
    pageHeight: scroller.scrollHeight,
    viewportWidth: scroller.clientWidth,
    viewportHeight: scroller.clientHeight,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    visible: document.visibilityState === 'visible',
  };
}

/**
 * Scrolls to `y`, lets a frame render, and lists the page's fixed and sticky elements (those found
 * earlier first, in the same order) with whether each is on screen now.
 */
export async function pageScrollAndScan(y: number): Promise<PinnedInView[] | null> {
  interface Pinned {
    element: HTMLElement;
    position: 'fixed' | 'sticky';
    anchor: 'top' | 'bottom';
    value: string;
    priority: string;
    hadStyle: boolean;
  }
  const state = (globalThis as unknown as { __touchpointAuditFullPage?: { pinned: Pinned[] } })
    .__touchpointAuditFullPage;
  if (!state) return null;
  window.scrollTo({ left: 0, top: y, behavior: 'instant' });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const known = new Set<Element>(state.pinned.map((p) => p.element));
  const viewportHeight = window.innerHeight;
  for (const element of document.body?.querySelectorAll<HTMLElement>('*') ?? []) {
    if (known.has(element)) continue;
    const style = getComputedStyle(element);
    const position = style.position;
    if (position !== 'fixed' && position !== 'sticky') continue;
    let anchor: 'top' | 'bottom';
    if (position === 'sticky') {
      // Sticky insets compute to 'auto' unless set; one without any never sticks.
      if (style.top !== 'auto') anchor = 'top';
      else if (style.bottom !== 'auto') anchor = 'bottom';
      else continue;
    } else {
      // A fixed element's insets resolve to pixels; its place on screen tells its edge.
      const box = element.getBoundingClientRect();
      anchor = box.top + box.height / 2 > viewportHeight / 2 ? 'bottom' : 'top';
    }
    state.pinned.push({
      element,
      position,
      anchor,
      value: element.style.getPropertyValue('visibility'),
      priority: element.style.getPropertyPriority('visibility'),
      hadStyle: element.hasAttribute('style'),
    });
  }
  return state.pinned.map(({ element, position, anchor }) => {
    const box = element.getBoundingClientRect();
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < viewportHeight;
    return { position, anchor, inView };
  });
}

/**
 * Shows or hides each pinned element (same order as pageScrollAndScan), waits until the images on
 * screen are loaded and decoded (bounded), lets a frame render, and returns the page's sizes.
 */
export async function pageShowTile(
  shown: boolean[],
  imageTimeoutMs: number,
): Promise<PageMetrics | null> {
  interface Pinned {
    element: HTMLElement;
    value: string;
    priority: string;
    hadStyle: boolean;
  }
  const state = (globalThis as unknown as { __touchpointAuditFullPage?: { pinned: Pinned[] } })
    .__touchpointAuditFullPage;
  if (!state) return null;
  state.pinned.forEach((pinned, index) => {
    if (shown[index] === false) {
      pinned.element.style.setProperty('visibility', 'hidden', 'important');
    } else if (pinned.value) {
      pinned.element.style.setProperty('visibility', pinned.value, pinned.priority);
    } else {
      pinned.element.style.removeProperty('visibility');
      if (!pinned.hadStyle && !pinned.element.style.length) {
        pinned.element.getAttribute('style'); // (flush Chromium's lazy attribute sync first)
        pinned.element.removeAttribute('style');
      }
    }
  });
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  // Lazy loaders (loading=lazy, IntersectionObserver) react to the rendered scroll position.
  await frame();
  const viewportHeight = window.innerHeight;
  const viewportWidth = window.innerWidth;
  const onScreen = [...document.images].filter((image) => {
    const box = image.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.bottom > 0 &&
      box.top < viewportHeight &&
      box.right > 0 &&
      box.left < viewportWidth
    );
  });
  const loaded = (image: HTMLImageElement) =>
    image.complete
      ? Promise.resolve()
      : new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', resolve, { once: true });
        });
  await Promise.race([
    Promise.all(
      onScreen.map((image) =>
        loaded(image).then(() => (image.naturalWidth ? image.decode().catch(() => {}) : null)),
      ),
    ),
    sleep(imageTimeoutMs),
  ]);
  await frame();
  const scroller = document.scrollingElement ?? document.documentElement;
  return {
    pageHeight: scroller.scrollHeight,
    viewportWidth: scroller.clientWidth,
    viewportHeight: scroller.clientHeight,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    visible: document.visibilityState === 'visible',
  };
}

/**
 * Scrolls through the whole page one viewport per frame so lazy loaders fire (native loading=lazy
 * and IntersectionObserver/data-src scripts), then waits (bounded) for every started image to load
 * and decode. Returns the page's sizes once the layout has settled.
 */
export async function pageLoadLazyContent(
  maxHeight: number,
  budgetMs: number,
  imageTimeoutMs: number,
): Promise<PageMetrics | null> {
  const holder = globalThis as unknown as { __touchpointAuditFullPage?: object };
  if (!holder.__touchpointAuditFullPage) return null;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const scroller = document.scrollingElement ?? document.documentElement;
  const state = holder.__touchpointAuditFullPage;
  const started = performance.now();
  let y = window.scrollY;
  for (;;) {
    const bottom = Math.min(scroller.scrollHeight, maxHeight) - scroller.clientHeight;
    if (y >= bottom || performance.now() - started > budgetMs) break;
    // Cancelled and restored meanwhile: stop scrolling the auditor's page.
    if (holder.__touchpointAuditFullPage !== state) return null;
    y = Math.min(y + scroller.clientHeight, bottom);
    window.scrollTo({ left: 0, top: y, behavior: 'instant' });
    await frame();
  }
  await frame();
  // Images that started loading; a lazy image never scrolled near (e.g. in a closed carousel)
  // stays deferred, so only images in the viewport's columns are waited for.
  const width = window.innerWidth;
  const pending = [...document.images].filter((image) => {
    const box = image.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < width;
  });
  const loaded = (image: HTMLImageElement) =>
    image.complete
      ? Promise.resolve()
      : new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', resolve, { once: true });
        });
  await Promise.race([
    Promise.all(
      pending.map((image) =>
        loaded(image).then(() => (image.naturalWidth ? image.decode().catch(() => {}) : null)),
      ),
    ),
    sleep(imageTimeoutMs),
  ]);
  // Back to the top: fixed elements then sit where the first tile shows them (for redaction).
  if (holder.__touchpointAuditFullPage !== state) return null;
  window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
  await frame();
  return {
    pageHeight: scroller.scrollHeight,
    viewportWidth: scroller.clientWidth,
    viewportHeight: scroller.clientHeight,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    visible: document.visibilityState === 'visible',
  };
}

/** Puts back every style the capture changed and the auditor's scroll position; forgets its state. */
export function pageRestore(): boolean {
  interface Saved {
    element: HTMLElement;
    property: string;
    value: string;
    priority: string;
    hadStyle: boolean;
  }
  const holder = globalThis as unknown as {
    __touchpointAuditFullPage?: {
      scrollX: number;
      scrollY: number;
      saved: Saved[];
      pinned: { element: HTMLElement; value: string; priority: string; hadStyle: boolean }[];
    };
  };
  const state = holder.__touchpointAuditFullPage;
  if (!state) return false;
  const putBack = (item: {
    element: HTMLElement;
    property: string;
    value: string;
    priority: string;
    hadStyle: boolean;
  }) => {
    if (item.value) item.element.style.setProperty(item.property, item.value, item.priority);
    else item.element.style.removeProperty(item.property);
    // No empty style="" left where there was no style attribute.
    if (!item.hadStyle && !item.element.style.length) {
      // Chromium writes CSSOM changes to the attribute lazily: flush first, or it comes back.
      item.element.getAttribute('style');
      item.element.removeAttribute('style');
    }
  };
  for (const pinned of state.pinned) putBack({ ...pinned, property: 'visibility' });
  // Scroll while smooth scrolling is still off, then restore scroll-behavior.
  window.scrollTo({ left: state.scrollX, top: state.scrollY, behavior: 'instant' });
  for (const saved of state.saved.reverse()) putBack(saved);
  delete holder.__touchpointAuditFullPage;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Stitching (the canvas work is injected: OffscreenCanvas in browsers, a fake in Node tests)

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

export interface FullPageDeps {
  store: AuditStore;
  findTargetTab(): Promise<WalkedTab | null>;
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  runInTab: RunInTab;
  /** Shared with every other capture of this context: the quota is per browser. */
  pacer: CapturePacer;
  stitcher: Stitcher;
  now(): number;
  userAgent: string;
  /** Areas to cover (document CSS px), asked once when the layout is stable. */
  sensitiveRects?: (tabId: number) => Promise<Rect[]>;
}

export interface FullPageProgress {
  phase: 'preparing' | 'capturing' | 'saving';
  /** 1-based tile being captured (capturing), or 0. */
  tile: number;
  tiles: number;
}

export interface FullPageResult {
  step: Touchpoint;
  /** How many images the page was split into (1 unless taller than a canvas allows). */
  parts: number;
  /** Whether sensitive areas were covered. */
  redacted: boolean;
}

export interface FullPageOptions {
  signal?: AbortSignal;
  onProgress?(progress: FullPageProgress): void;
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
class PartWriter {
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

function cancelled(): CaptureError {
  return new CaptureError('cancelled', 'The full-page capture was cancelled. Nothing was saved.');
}

function pageChanged(what: string): CaptureError {
  return new CaptureError(
    'page-changed',
    `The page changed during the full-page capture (${what}). Nothing was saved.`,
    { params: { what } },
  );
}

/** Rejects as soon as `signal` aborts (the work itself goes on, its result is ignored). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/**
 * Captures the whole scrollable page of the walked tab as the next step of the journey: one step
 * whose images are the parts of the page (one part unless the page is taller than a canvas
 * allows). Pinned headers/footers appear once, lazy images are loaded first, every tile waits its
 * turn in the quota (`deps.pacer`), and the page's scroll position and styles are restored in all
 * cases. Cancelling (`signal`) or any failure stores nothing: the step and all its parts are
 * written in one transaction at the end.
 */
export async function captureFullPageStep(
  deps: FullPageDeps,
  journeyId: string | null,
  options: FullPageOptions = {},
): Promise<FullPageResult> {
  const { signal, onProgress } = options;
  if (!journeyId) throw new CaptureError('no-journey', 'Choose or create a journey first.');
  const tab = await deps.findTargetTab();
  if (!tab) throw new CaptureError('no-tab', 'No browser tab to capture. Open the page you audit.');
  const refused = restrictedReason(tab.url);
  if (refused) throw new CaptureError('restricted-page', refused);
  const check = () => {
    if (signal?.aborted) throw cancelled();
  };
  check();
  const at = deps.now();
  const run: RunInTab = (tabId, func, args) => abortable(deps.runInTab(tabId, func, args), signal);
  const capture = () =>
    abortable(
      deps.pacer.run(() => {
        // A cancel while waiting for the quota must not spend a call on a page being restored.
        check();
        return deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY);
      }),
      signal,
    );

  let writer: PartWriter | null = null;
  let first: TileImage | null = null;
  let images: EncodedImage[];
  let scale = 1;
  let viewport: { width: number; height: number } | null = null;
  try {
    try {
      onProgress?.({ phase: 'preparing', tile: 0, tiles: 0 });
      const start = await run(tab.tabId, pagePrepare, []);
      check();
      const pinned: PinnedElement[] = [];
      // Decides which pinned elements show on this tile, shows it and returns the page's sizes.
      const showTile = async (scrollY: number, index: number, isLast: boolean) => {
        const seen = await run(tab.tabId, pageScrollAndScan, [scrollY]);
        if (!seen) throw pageChanged('it navigated or reloaded');
        const shown = seen.map((element, i) => {
          pinned[i] ??= { position: element.position, anchor: element.anchor, captured: false };
          const show = showPinned(pinned[i], index, isLast);
          if (show && element.inView) pinned[i].captured = true;
          return show;
        });
        const metrics = await run(tab.tabId, pageShowTile, [shown, TILE_IMAGE_TIMEOUT_MS]);
        if (!metrics) throw pageChanged('it navigated or reloaded');
        if (!metrics.visible) throw pageChanged('another tab was brought to the front');
        check();
        return metrics;
      };

      // Tile 1 first: the lazy-content pass then runs during the quota's wait for tile 2.
      let estimate = Math.max(1, Math.ceil(start.pageHeight / Math.max(1, start.viewportHeight)));
      onProgress?.({ phase: 'capturing', tile: 1, tiles: estimate });
      const firstWasLast = estimate === 1;
      const firstMetrics = await showTile(0, 0, firstWasLast);
      first = await deps.stitcher.decode(await capture());
      const tileWidth = first.width;
      check();

      const settled = await run(tab.tabId, pageLoadLazyContent, [
        MAX_PAGE_HEIGHT,
        LAZY_BUDGET_MS,
        IMAGE_TIMEOUT_MS,
      ]);
      if (!settled) throw pageChanged('it navigated or reloaded');
      check();
      if (
        settled.viewportHeight !== firstMetrics.viewportHeight ||
        settled.innerWidth !== firstMetrics.innerWidth
      ) {
        throw pageChanged('the window was resized');
      }
      scale = first.width / settled.innerWidth;
      viewport = { width: settled.innerWidth, height: settled.viewportHeight };
      const pageHeight = Math.min(settled.pageHeight, MAX_PAGE_HEIGHT);
      const tiles = planTiles(pageHeight, settled.viewportHeight, scale);
      const width = Math.min(first.width, Math.round(settled.viewportWidth * scale));
      const total = tiles.at(-1)!.bottom;
      const parts = planParts(total, width);
      const rects = deps.sensitiveRects
        ? await abortable(deps.sensitiveRects(tab.tabId), signal)
        : [];
      check();
      writer = new PartWriter(
        deps.stitcher,
        parts,
        width,
        parts.map((part) => coverRectsForPart(rects, part, scale, width)),
      );

      estimate = tiles.length;
      for (const slice of tiles) {
        const isLast = slice.index === tiles.length - 1;
        let tile: TileImage;
        let scrollY: number;
        if (slice.index === 0 && first && firstWasLast === isLast) {
          // Tile 1 was captured before the lazy pass, with the right pinned elements.
          tile = first;
          first = null;
          scrollY = firstMetrics.scrollY;
        } else {
          // (Tile 1 again only if the lazy pass made a one-screen page longer.)
          if (slice.index === 0) for (const element of pinned) element.captured = false;
          onProgress?.({ phase: 'capturing', tile: slice.index + 1, tiles: estimate });
          const metrics = await showTile(slice.scrollY, slice.index, isLast);
          if (metrics.viewportHeight !== settled.viewportHeight) {
            throw pageChanged('the window was resized');
          }
          tile = await deps.stitcher.decode(await capture());
          scrollY = metrics.scrollY;
        }
        if (isLast) onProgress?.({ phase: 'saving', tile: 0, tiles: 0 });
        try {
          check();
          if (tile.width !== tileWidth) throw pageChanged('the zoom or the window size changed');
          const rows = tileRows(slice, scrollY, scale, tile.height);
          if (!rows) throw pageChanged('its height changed while it was captured');
          await writer.add(tile, slice.top, slice.bottom, rows.sourceY, rows.rows);
        } finally {
          tile.close();
        }
      }
    } finally {
      first?.close();
      // Always give the page back as it was, even after a cancel or a closed tab.
      await deps.runInTab(tab.tabId, pageRestore, []).catch(() => false);
    }
    check();
    images = writer.result();
  } catch (error) {
    writer?.release();
    if (error instanceof CaptureError) throw error;
    if (!(await deps.tabExists(tab.tabId))) {
      throw new CaptureError('tab-closed', 'The tab was closed before it could be captured.', {
        cause: error,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new CaptureError(
      'capture-failed',
      `The browser refused to capture this page (${message}). Reload it and try again.`,
      { cause: error, params: { message } },
    );
  }
  check();
  try {
    const step = await deps.store.addStep({
      journeyId,
      kind: 'page',
      url: tab.url,
      title: tab.title,
      at,
      viewport,
      devicePixelRatio: Math.round(scale * 100) / 100,
      images,
      userAgent: deps.userAgent,
    });
    return { step, parts: images.length, redacted: images.some((image) => image.redacted) };
  } catch (error) {
    throw asCaptureError(error);
  }
}
