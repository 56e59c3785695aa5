/**
 * Full-page capture, orchestration: scrolls the walked tab tile by tile (through the page agent),
 * captures each tile within the browser's quota, and stitches the tiles into the images (parts)
 * of ONE step. Returns the records to store; storing is the capture service's job.
 */
import type { EncodedImage, WalkedTab } from '../../model';
import type { CapturedPage, TakenArea } from '../captured';
import { captureFailure, RedactionTally } from '../captured';
import { CaptureError } from '../errors';
import type { TabCoverage } from '../frame-tree';
import { coverBoxesFor } from '../redact';
import type { PageMetrics, PinnedInView, ScrollArea } from '../page/replies';
import type { CapturePacer } from '../pacer';
import { CAPTURE_QUALITY } from '../visible';
import {
  MAX_PAGE_HEIGHT,
  planParts,
  planTiles,
  showPinned,
  tileRows,
  type PinnedElement,
} from './plan';
import { PartWriter, type Stitcher, type TileImage } from './stitch';

const LAZY_BUDGET_MS = 6_000;

/** A captured tile and what it showed to cover. */
interface ShownTile {
  image: TileImage;
  coverage: TabCoverage;
}

/** Whether a rect (top-document CSS px) shows on a tile captured at the coverage's scroll. */
function onTile(
  rect: { x: number; y: number; width: number; height: number },
  coverage: TabCoverage,
  image: { width: number; height: number },
  scale: number,
): boolean {
  const top = (rect.y - coverage.scroll.y) * scale;
  const left = (rect.x - coverage.scroll.x) * scale;
  return (
    top < image.height &&
    top + rect.height * scale > 0 &&
    left < image.width &&
    left + rect.width * scale > 0
  );
}
const IMAGE_TIMEOUT_MS = 5_000;
const TILE_IMAGE_TIMEOUT_MS = 2_000;
/**
 * The page restores itself when no instruction came for this long: longer than the widest gap
 * between two (a tile's turn in the quota, its frame scan of up to 8 s, stitching a part).
 */
export const PAGE_WATCHDOG_MS = 30_000;

/** The page side of a full-page capture in one tab (the page agent; a fake in Node tests). */
export interface FullPageSide {
  /**
   * Prepares the page for capture `token`; the page restores itself when no instruction comes
   * within `watchdogMs`.
   */
  prepareFullPage(
    tabId: number,
    token: string,
    watchdogMs: number,
    areaIndex: number,
  ): Promise<PageMetrics>;
  /**
   * Holds a link (runtime Port) to the page while capture `token` runs: if the context making the
   * capture stops, the page hears it and restores itself. Returns the function that lets it go.
   */
  linkFullPage?(tabId: number, token: string): () => void;
  scrollAndScan(tabId: number, y: number): Promise<PinnedInView[] | null>;
  /** `showAround`: a scrolling area's surroundings show (first tile) or are hidden (later ones). */
  showTile(
    tabId: number,
    shown: boolean[],
    imageTimeoutMs: number,
    showAround: boolean,
  ): Promise<PageMetrics | null>;
  loadLazyContent(
    tabId: number,
    maxHeight: number,
    budgetMs: number,
    imageTimeoutMs: number,
  ): Promise<PageMetrics | null>;
  restoreFullPage(tabId: number): Promise<boolean>;
}

export interface FullPageDeps {
  page: FullPageSide;
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  /** The browser-wide quota pacer, shared with every other capture. */
  pacer: CapturePacer;
  stitcher: Stitcher;
  now(): number;
  /**
   * What to cover in every frame of the tab, asked for each tile as it is captured (a fixed
   * widget shown on the last tile only is checked there); fails closed.
   */
  coverage(tabId: number): Promise<TabCoverage>;
}

export interface FullPageProgress {
  phase: 'preparing' | 'capturing' | 'saving';
  /** 1-based tile being captured (capturing), or 0. */
  tile: number;
  tiles: number;
}

export interface FullPageOptions {
  signal?: AbortSignal;
  /**
   * When the document does not scroll but areas of it do: which area to take (0-based, largest
   * visible first; the largest when absent or out of range).
   */
  area?: number;
  /**
   * Hide what lies over the content (cookie bars, chat buttons, promos: fixed elements other
   * than a site header) on every tile; they are kept, once, when absent or false.
   */
  hideOverlays?: boolean;
  onProgress?(progress: FullPageProgress): void;
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
 * Captures the whole scrollable page of `tab`: the parts of the page (one part unless the page
 * is taller than a canvas allows). Pinned headers/footers appear once, lazy images are loaded
 * first, every tile waits its turn in the quota, and the page's scroll position and styles are
 * restored in all cases. Cancelling (`signal`) or any failure throws a CaptureError.
 */
export async function captureFullPage(
  deps: FullPageDeps,
  tab: WalkedTab,
  options: FullPageOptions = {},
): Promise<CapturedPage> {
  const { signal, onProgress } = options;
  const check = () => {
    if (signal?.aborted) throw cancelled();
  };
  check();
  const at = deps.now();
  const { page } = deps;
  const ask = <T>(work: Promise<T>) => abortable(work, signal);
  // Each tile is checked for what to cover while it waits for its turn in the quota: the page
  // does not move between the two (the capture scrolls it, nothing else).
  const capture = async (): Promise<ShownTile> => {
    const [dataUrl, coverage] = await ask(
      Promise.all([
        deps.pacer.run(() => {
          // A cancel while waiting for the quota must not spend a call on a page being restored.
          check();
          return deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY);
        }),
        deps.coverage(tab.tabId),
      ]),
    );
    return { image: await deps.stitcher.decode(dataUrl), coverage };
  };
  const tally = new RedactionTally();

  let writer: PartWriter | null = null;
  let first: ShownTile | null = null;
  let images: EncodedImage[];
  let scale = 1;
  let viewport: { width: number; height: number } | null = null;
  const token = crypto.randomUUID();
  let finalArea: ScrollArea | null = null;
  let taken: TakenArea | null = null;
  // Overlays hidden while on screen (hideOverlays): counted once each, said to the auditor.
  const hiddenOverlays = new Set<number>();
  let unlink: (() => void) | null = null;
  try {
    try {
      onProgress?.({ phase: 'preparing', tile: 0, tiles: 0 });
      const start = await ask(
        page.prepareFullPage(tab.tabId, token, PAGE_WATCHDOG_MS, options.area ?? 0),
      );
      unlink = page.linkFullPage?.(tab.tabId, token) ?? null;
      check();
      const pinned: PinnedElement[] = [];
      // Decides which pinned elements show on this tile, shows it and returns the page's sizes.
      const showTile = async (scrollY: number, index: number, isLast: boolean) => {
        const seen = await ask(page.scrollAndScan(tab.tabId, scrollY));
        if (!seen) throw pageChanged('it navigated or reloaded');
        const shown = seen.map((element, i) => {
          pinned[i] ??= { position: element.position, anchor: element.anchor, captured: false };
          if (options.hideOverlays && element.overlay) {
            if (element.inView) hiddenOverlays.add(i);
            return false;
          }
          const show = showPinned(pinned[i], index, isLast);
          if (show && element.inView) pinned[i].captured = true;
          return show;
        });
        const metrics = await ask(
          page.showTile(tab.tabId, shown, TILE_IMAGE_TIMEOUT_MS, index === 0),
        );
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
      first = await capture();
      const tileWidth = first.image.width;
      check();

      const settled = await ask(
        page.loadLazyContent(tab.tabId, MAX_PAGE_HEIGHT, LAZY_BUDGET_MS, IMAGE_TIMEOUT_MS),
      );
      if (!settled) throw pageChanged('it navigated or reloaded');
      check();
      if (
        settled.viewportHeight !== firstMetrics.viewportHeight ||
        settled.innerWidth !== firstMetrics.innerWidth
      ) {
        throw pageChanged('the window was resized');
      }
      scale = first.image.width / settled.innerWidth;
      const area = settled.area ?? null;
      if ((area?.label ?? null) !== (firstMetrics.area?.label ?? null)) {
        throw pageChanged('its scrolling area changed');
      }
      const tileHeight = first.image.height;
      viewport = {
        width: settled.innerWidth,
        height: area ? Math.round(tileHeight / scale) : settled.viewportHeight,
      };
      const pageHeight = Math.min(settled.pageHeight, MAX_PAGE_HEIGHT);
      const tiles = planTiles(pageHeight, settled.viewportHeight, scale);
      const width = Math.min(first.image.width, Math.round(settled.viewportWidth * scale));
      const content = tiles.at(-1)!.bottom;
      // A scrolling area (the document does not scroll): each tile gives the rows of the window
      // that show the area (its band); the rows above and below it (a header, a footer) and the
      // side bars beside its first screen come from tile 1, once.
      const bandTop = area ? Math.min(Math.max(0, Math.round(area.top * scale)), tileHeight) : 0;
      const bandHeight = area
        ? Math.min(Math.round(settled.viewportHeight * scale), tileHeight - bandTop)
        : tileHeight;
      const below = area ? Math.max(0, tileHeight - bandTop - bandHeight) : 0;
      const total = bandTop + content + below;
      const parts = planParts(total, width);
      writer = new PartWriter(deps.stitcher, parts, width);
      let head: ShownTile | null = null;
      let lastHeight = settled.pageHeight;

      estimate = tiles.length;
      for (const slice of tiles) {
        const isLast = slice.index === tiles.length - 1;
        let tile: ShownTile;
        let scrollY: number;
        if (slice.index === 0 && first && firstWasLast === isLast) {
          // Tile 1 was captured before the lazy pass, with the right pinned elements.
          tile = first;
          first = null;
          scrollY = firstMetrics.scrollY;
          lastHeight = Math.max(lastHeight, firstMetrics.pageHeight);
        } else {
          // (Tile 1 again only if the lazy pass made a one-screen page longer.)
          if (slice.index === 0) for (const element of pinned) element.captured = false;
          onProgress?.({ phase: 'capturing', tile: slice.index + 1, tiles: estimate });
          const metrics = await showTile(slice.scrollY, slice.index, isLast);
          if (metrics.viewportHeight !== settled.viewportHeight) {
            throw pageChanged('the window was resized');
          }
          tile = await capture();
          scrollY = metrics.scrollY;
          lastHeight = Math.max(lastHeight, metrics.pageHeight);
          finalArea = metrics.area ?? finalArea;
        }
        if (isLast) onProgress?.({ phase: 'saving', tile: 0, tiles: 0 });
        try {
          check();
          const { image, coverage } = tile;
          if (image.width !== tileWidth) throw pageChanged('the zoom or the window size changed');
          const rows = tileRows(slice, scrollY, scale, area ? bandHeight : image.height);
          if (!rows) throw pageChanged('its height changed while it was captured');
          const boxes = coverBoxesFor(coverage, { origin: coverage.scroll, scale, image });
          if (area && slice.index === 0) {
            head = tile;
            if (bandTop > 0) await writer.add(image, 0, bandTop, 0, bandTop, boxes);
          }
          tally.add(
            coverage.fields.filter((rect) => onTile(rect, coverage, image, scale)),
            coverage.frames
              .map((frame) => frame.rect)
              .filter((rect) => onTile(rect, coverage, image, scale)),
            coverage.scanned,
          );
          await writer.add(
            image,
            slice.top + bandTop,
            slice.bottom + bandTop,
            rows.sourceY + bandTop,
            rows.rows,
            boxes,
          );
        } finally {
          if (tile !== head) tile.image.close();
        }
      }
      if (head) {
        try {
          const { image, coverage } = head;
          const boxes = coverBoxesFor(coverage, { origin: coverage.scroll, scale, image });
          if (below > 0) {
            await writer.add(image, bandTop + content, total, bandTop + bandHeight, below, boxes);
          }
        } finally {
          head.image.close();
        }
      }
      if (area) {
        const seen = finalArea ?? area;
        taken = {
          label: area.label,
          index: area.index,
          count: area.count,
          labels: area.labels,
          virtualised: seen.virtualised || area.virtualised,
          rows: Math.max(seen.rows, area.rows),
          grew: lastHeight > pageHeight + 1 || settled.pageHeight > MAX_PAGE_HEIGHT,
          height: pageHeight,
        };
      }
    } finally {
      first?.image.close();
      // Always give the page back as it was, even after a cancel or a closed tab.
      await page.restoreFullPage(tab.tabId).catch(() => false);
      unlink?.();
    }
    check();
    images = writer.result();
  } catch (error) {
    writer?.release();
    throw await captureFailure(error, tab, deps.tabExists);
  }
  check();
  return {
    url: tab.url,
    title: tab.title,
    at,
    viewport,
    devicePixelRatio: Math.round(scale * 100) / 100,
    images,
    redaction: tally.result(),
    ...(taken && { area: taken }),
    ...(options.hideOverlays && { overlaysHidden: hiddenOverlays.size }),
  };
}
