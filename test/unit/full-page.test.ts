import { describe, expect, it } from 'vitest';
import { CaptureError, CapturePacer, MIN_CAPTURE_GAP_MS, type Clock } from '../../lib/capture';
import {
  captureFullPage,
  coverForDraw,
  drawOps,
  joinFramePieces,
  MAX_PART_HEIGHT,
  MAX_PART_PIXELS,
  planParts,
  planTiles,
  showPinned,
  tileRows,
  type FullPageDeps,
  type FullPageProgress,
  type FullPageSide,
  type Stitcher,
  type TileImage,
} from '../../lib/capture/full-page';
import type { PageMetrics, PinnedInView } from '../../lib/capture/page/replies';
import { isOverlay } from '../../lib/capture/page/full-page';
import type { Rect } from '../../lib/geometry';
import type { EncodedImage, HeldBackArea } from '../../lib/model';
import { topCoverage } from './helpers';

describe('planTiles', () => {
  it('steps one viewport at a time; the last tile is scrolled to the bottom and used whole', () => {
    const tiles = planTiles(2000, 800, 1);
    expect(tiles.map((t) => t.scrollY)).toEqual([0, 800, 1200]);
    expect(tiles.map((t) => [t.top, t.bottom])).toEqual([
      [0, 800],
      [800, 1200],
      [1200, 2000],
    ]);
    // The last tile was taken at 1200 and gives all its rows (a bottom bar and what sits above it
    // show whole); tile 2 stops where it starts.
    expect(tileRows(tiles[2]!, 1200, 1, 800)).toEqual({ sourceY: 0, rows: 800 });
    expect(tileRows(tiles[1]!, 800, 1, 800)).toEqual({ sourceY: 0, rows: 400 });
    // A page of whole screens: no overlap at all.
    expect(planTiles(1600, 800, 2).map((t) => [t.top, t.bottom])).toEqual([
      [0, 1600],
      [1600, 3200],
    ]);
  });

  it('adds up to exactly page height × DPR, contiguous, at integer and fractional scales', () => {
    for (const [page, viewport, scale] of [
      [12_000, 800, 1],
      [12_000, 800, 2],
      [2001, 797, 1.25],
      [72_000, 753, 1.5],
      [799, 800, 1],
      [800, 800, 3],
    ] as const) {
      const tiles = planTiles(page, viewport, scale);
      expect(tiles.at(-1)!.bottom).toBe(Math.round(page * scale));
      expect(tiles[0]!.top).toBe(0);
      tiles.forEach((tile, i) => {
        if (i > 0) expect(tile.top).toBe(tiles[i - 1]!.bottom);
        expect(tile.scrollY).toBeLessThanOrEqual(Math.max(0, page - viewport));
        // Every tile's rows exist in a capture of the viewport taken at its scroll position
        // (one row short at most, from rounding at fractional scales).
        for (const tileHeight of [Math.floor(viewport * scale), Math.ceil(viewport * scale)]) {
          const rows = tileRows(tile, tile.scrollY, scale, tileHeight);
          expect(rows, `${page}/${viewport}@${scale} tile ${i}`).not.toBeNull();
          expect(rows!.rows).toBeGreaterThanOrEqual(tile.bottom - tile.top - (scale % 1 ? 1 : 0));
          expect(rows!.sourceY + rows!.rows).toBeLessThanOrEqual(tileHeight);
        }
      });
    }
    expect(planTiles(700, 800, 1)).toHaveLength(1);
  });

  it('refuses a tile that does not hold its rows (the page scrolled elsewhere)', () => {
    const tiles = planTiles(3000, 800, 1);
    expect(tileRows(tiles[1]!, 700, 1, 800)).toBeNull();
    expect(tileRows(tiles[1]!, 900, 1, 800)).toBeNull();
  });
});

describe('planParts', () => {
  it('keeps a page that fits in one canvas whole', () => {
    expect(planParts(12_000, 1280)).toEqual([{ index: 0, top: 0, height: 12_000 }]);
  });

  it('splits a page taller than a canvas allows into nearly equal parts that add up', () => {
    const parts = planParts(72_000, 1280);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => p.height <= MAX_PART_HEIGHT && p.height <= 65_535)).toBe(true);
    expect(parts.reduce((sum, p) => sum + p.height, 0)).toBe(72_000);
    parts.forEach((p, i) => i && expect(p.top).toBe(parts[i - 1]!.top + parts[i - 1]!.height));
    const odd = planParts(64_001, 1280);
    expect(odd.reduce((sum, p) => sum + p.height, 0)).toBe(64_001);
  });

  it('limits the area of a wide (high-DPR) part, far below 268,435,456 px', () => {
    const parts = planParts(40_000, 3840);
    for (const p of parts) {
      expect(p.height * 3840).toBeLessThanOrEqual(MAX_PART_PIXELS);
      expect(p.height * 3840).toBeLessThan(268_435_456);
    }
    expect(parts.reduce((sum, p) => sum + p.height, 0)).toBe(40_000);
  });
});

describe('drawOps', () => {
  it('draws a tile that straddles two parts into both', () => {
    const parts = planParts(1000, 10, 600);
    expect(parts.map((p) => p.height)).toEqual([500, 500]);
    expect(drawOps(400, 700, 100, parts)).toEqual([
      { part: 0, sourceY: 100, targetY: 400, rows: 100 },
      { part: 1, sourceY: 200, targetY: 0, rows: 200 },
    ]);
  });
});

describe('joinFramePieces', () => {
  const piece = (x: number, y: number, width: number, height: number): HeldBackArea => ({
    area: { x, y, width, height },
    original: new Blob([`${y}`]),
  });
  const join = async (upper: HeldBackArea, lower: HeldBackArea): Promise<HeldBackArea> => ({
    area: { ...upper.area, height: upper.area.height + lower.area.height },
    original: new Blob([`${await upper.original.text()}+${await lower.original.text()}`]),
  });

  it('joins the bands of one frame, one right below the other, in any order', async () => {
    const joined = await joinFramePieces(
      [piece(96, 800, 304, 112), piece(96, 688, 304, 112), piece(96, 912, 304, 32)],
      join,
    );
    expect(joined.map((p) => p.area)).toEqual([{ x: 96, y: 688, width: 304, height: 256 }]);
    expect(await joined[0]!.original.text()).toBe('688+800+912');
  });

  it('keeps apart pieces that are not one frame: a gap, another column or width', async () => {
    const apart = [
      piece(96, 0, 304, 112),
      piece(96, 128, 304, 112),
      piece(400, 112, 304, 112),
      piece(96, 240, 288, 16),
    ];
    const joined = await joinFramePieces(apart, join);
    expect(joined.map((p) => p.area)).toEqual([
      { x: 96, y: 0, width: 304, height: 112 },
      { x: 400, y: 112, width: 304, height: 112 },
      { x: 96, y: 128, width: 304, height: 112 },
      { x: 96, y: 240, width: 288, height: 16 },
    ]);
  });
});

describe('coverForDraw', () => {
  const part = { index: 1, top: 1000, height: 1000 };
  it('moves tile pixels with the rows into the part, grown to whole 16 px JPEG blocks', () => {
    // Tile rows from 100 go to part rows from 500: a box at tile row 300 lands at 700.
    const op = { part: 1, sourceY: 100, targetY: 500, rows: 400 };
    const box = { x: 20, y: 300, width: 100, height: 40 };
    expect(coverForDraw({ fields: [box], frames: [box] }, op, part, 1280)).toEqual({
      fields: [{ x: 16, y: 688, width: 112, height: 64 }],
      frames: [{ x: 16, y: 688, width: 112, height: 64 }],
    });
  });
  it('clips to the part and to the rows the draw fills; skips boxes outside them or without area', () => {
    const top = { part: 1, sourceY: 0, targetY: 0, rows: 400 };
    // Below the rows this draw fills (another tile covers what it shows there).
    expect(
      coverForDraw(
        { fields: [{ x: 0, y: 500, width: 100, height: 100 }], frames: [] },
        top,
        part,
        1280,
      ),
    ).toEqual({ fields: [], frames: [] });
    // Grown up to its block, but not into the rows of the draw below it.
    expect(
      coverForDraw(
        { fields: [], frames: [{ x: 0, y: 390, width: 100, height: 30 }] },
        top,
        part,
        1280,
      ),
    ).toEqual({ fields: [], frames: [{ x: 0, y: 384, width: 112, height: 16 }] });
    const bottom = { part: 1, sourceY: 0, targetY: 900, rows: 100 };
    expect(
      coverForDraw(
        { fields: [{ x: 1200, y: 90, width: 300, height: 300 }], frames: [] },
        bottom,
        part,
        1280,
      ),
    ).toEqual({ fields: [{ x: 1200, y: 976, width: 80, height: 24 }], frames: [] });
    expect(
      coverForDraw(
        { fields: [{ x: 5, y: 50, width: 0, height: 9 }], frames: [] },
        bottom,
        part,
        1280,
      ),
    ).toEqual({ fields: [], frames: [] });
  });
});

describe('showPinned', () => {
  const pinned = (position: 'fixed' | 'sticky', anchor: 'top' | 'bottom', captured = false) => ({
    position,
    anchor,
    captured,
  });
  it('shows fixed top elements on the first tile only', () => {
    expect(showPinned(pinned('fixed', 'top'), 0, false)).toBe(true);
    expect(showPinned(pinned('fixed', 'top'), 1, false)).toBe(false);
    expect(showPinned(pinned('fixed', 'top'), 5, true)).toBe(false);
  });
  it('shows bottom-anchored elements on the last tile only', () => {
    expect(showPinned(pinned('fixed', 'bottom'), 0, false)).toBe(false);
    expect(showPinned(pinned('sticky', 'bottom'), 3, true)).toBe(true);
    expect(showPinned(pinned('fixed', 'bottom'), 0, true)).toBe(true);
  });
  it('shows sticky top elements until a tile has shown them', () => {
    expect(showPinned(pinned('sticky', 'top'), 4, false)).toBe(true);
    expect(showPinned(pinned('sticky', 'top', true), 5, false)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The whole capture against a simulated page, browser and canvas.

function virtualClock(): Clock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

interface FakePageOptions {
  pageHeight: number;
  /** Page height once the lazy images have loaded. */
  settledHeight?: number;
  viewportHeight?: number;
  width?: number;
  scale?: number;
  pinned?: Omit<PinnedInView, 'inView'>[];
  /**
   * The document does not scroll; an area does: its top in the window (CSS px), the window's
   * height (viewportHeight is then the area's visible height, pageHeight its content).
   */
  area?: { top: number; windowHeight: number };
}

/** A page as the page agent would see it (the agent's full-page methods, faked). */
function fakePage(options: FakePageOptions) {
  const viewportHeight = options.viewportHeight ?? 800;
  const width = options.width ?? 1280;
  const scale = options.scale ?? 1;
  let pageHeight = options.pageHeight;
  let scrollY = 1234;
  let prepared = false;
  const page = {
    calls: [] as string[],
    shown: [] as boolean[][],
    around: [] as boolean[],
    restoredTo: null as number | null,
    failAt: null as { call: string; nth: number } | null,
    scale,
    get scrollY() {
      return scrollY;
    },
  };
  const metrics = (): PageMetrics => ({
    pageHeight,
    viewportWidth: width,
    viewportHeight,
    innerWidth: width,
    scrollY,
    visible: true,
    ...(options.area && {
      area: {
        label: 'main#content',
        index: 0,
        count: 1,
        labels: ['main#content'],
        top: options.area.top,
        left: 200,
        width: 1080,
        virtualised: false,
        rows: 0,
      },
    }),
  });
  /** Records the call, and answers null when the page is to "navigate" at this call. */
  const enter = (name: string) => {
    page.calls.push(name);
    return !(
      page.failAt?.call === name && page.calls.filter((c) => c === name).length === page.failAt.nth
    );
  };
  const side: FullPageSide = {
    async prepareFullPage() {
      enter('prepare');
      prepared = true;
      scrollY = 0;
      return metrics();
    },
    async scrollAndScan(_tabId, y) {
      if (!enter('scan')) return null; // the page navigated: its state is gone
      scrollY = Math.min(y, pageHeight - viewportHeight);
      return (options.pinned ?? []).map((p) => ({ ...p, inView: true }));
    },
    async showTile(_tabId, shown, _timeout, showAround) {
      if (!enter('show')) return null;
      page.shown.push(shown);
      page.around.push(showAround);
      return metrics();
    },
    async loadLazyContent() {
      if (!enter('lazy')) return null;
      pageHeight = options.settledHeight ?? pageHeight;
      scrollY = 0;
      return metrics();
    },
    async restoreFullPage() {
      enter('restore');
      if (!prepared) return false;
      prepared = false;
      page.restoredTo = 1234;
      scrollY = 1234;
      return true;
    },
  };
  return { page, side };
}

interface FakeTile extends TileImage {
  scrollY: number;
}

/** A canvas that records, for each output row, which device row of the page it came from. */
function fakeStitcher(scale: number) {
  const log = {
    decoded: 0,
    closed: 0,
    created: 0,
    released: 0,
    parts: [] as { rows: number[]; covers: Rect[]; frames: Rect[] }[],
  };
  const stitcher: Stitcher = {
    async decode(dataUrl) {
      log.decoded++;
      const [, scrollY, width, height] = dataUrl.split(':').map(Number);
      return {
        width: width!,
        height: height!,
        scrollY: scrollY!,
        close: () => void log.closed++,
      } as FakeTile;
    },
    async joinHeld(upper, lower) {
      const text = `${await upper.original.text()}+${await lower.original.text()}`;
      const area = { ...upper.area, height: upper.area.height + lower.area.height };
      return { area, original: new Blob([text]) };
    },
    createPart(width, height) {
      log.created++;
      const record = {
        rows: new Array<number>(height).fill(-1),
        covers: [] as Rect[],
        frames: [] as Rect[],
      };
      log.parts.push(record);
      return {
        draw(tile, sourceY, targetY, rows) {
          const origin = Math.round((tile as FakeTile).scrollY * scale);
          for (let i = 0; i < rows; i++) record.rows[targetY + i] = origin + sourceY + i;
        },
        async cover(boxes): Promise<HeldBackArea[]> {
          record.covers.push(...boxes.fields);
          record.frames.push(...boxes.frames);
          // Each frame's original pixels, held back (a canvas copies them in the browser).
          return boxes.frames.map((area) => ({ area, original: new Blob([`frame ${area.y}`]) }));
        },
        async encode(): Promise<EncodedImage> {
          return {
            mode: 'full-page',
            mime: 'image/jpeg',
            blob: new Blob([`part ${log.created}`], { type: 'image/jpeg' }),
            width,
            height,
            sha256: 'b'.repeat(64),
            thumbnail: new Blob(['thumb'], { type: 'image/webp' }),
          };
        },
        release: () => void log.released++,
      };
    },
  };
  return { stitcher, log };
}

const TAB = {
  tabId: 7,
  windowId: 3,
  url: 'https://brightline.test/plans',
  title: 'Plans',
  width: 1280,
  height: 800,
};

async function setup(options: FakePageOptions, overrides: Partial<FullPageDeps> = {}) {
  const { page, side } = fakePage(options);
  const { stitcher, log } = fakeStitcher(page.scale);
  const captures: number[] = [];
  const clock = virtualClock();
  const width = options.width ?? 1280;
  const tileHeight = Math.round(
    (options.area?.windowHeight ?? options.viewportHeight ?? 800) * page.scale,
  );
  const deps: FullPageDeps = {
    page: side,
    pacer: new CapturePacer(clock),
    captureVisibleTab: async () => {
      captures.push(clock.now());
      return `tile:${page.scrollY}:${Math.round(width * page.scale)}:${tileHeight}`;
    },
    tabExists: async () => true,
    stitcher,
    now: () => 1_700_000_000_000,
    // Nothing to cover, checked where the page is scrolled for each tile.
    coverage: async () => topCoverage({ scroll: { x: 0, y: page.scrollY } }),
    ...overrides,
  };
  return { deps, page, log, captures };
}

/** Every output row came from the same row of the page (so nothing is repeated, shifted or lost). */
function expectRowsInPlace(log: ReturnType<typeof fakeStitcher>['log']) {
  let top = 0;
  for (const part of log.parts) {
    const wrong = part.rows.findIndex((row, i) => row !== top + i);
    expect(wrong, `first misplaced row of a part starting at ${top}`).toBe(-1);
    top += part.rows.length;
  }
  return top;
}

describe('captureFullPage of a scrolling area (the document does not scroll)', () => {
  it('takes the area whole, the rows above and below it once, from the first tile', async () => {
    // Window 800 px: header 64, the area 712 px tall (content 3,264), a status bar of 24.
    const { deps, page, log } = await setup({
      pageHeight: 3264,
      viewportHeight: 712,
      area: { top: 64, windowHeight: 800 },
    });
    const captured = await captureFullPage(deps, TAB);
    const rows = log.parts.flatMap((part) => part.rows);
    expect(rows).toHaveLength(64 + 3264 + 24);
    // Header and band rows come from where they show (the fake records the page row drawn).
    expect(rows.slice(0, 64 + 3264).findIndex((row, i) => row !== i)).toBe(-1);
    // The status bar: the first tile's rows below the area, once, at the end.
    expect(rows.slice(64 + 3264)).toEqual(Array.from({ length: 24 }, (_, i) => 776 + i));
    // The surroundings show on the first tile only.
    expect(page.around).toEqual([true, false, false, false, false]);
    expect(captured.area).toMatchObject({ label: 'main#content', grew: false, height: 3264 });
    expect(captured.viewport).toEqual({ width: 1280, height: 800 });
    expect(log.closed).toBe(log.decoded);
  });
});

describe('captureFullPage', () => {
  it('captures the whole page as one image, pinned elements once, page restored', async () => {
    const pinned = [
      { position: 'fixed', anchor: 'top', overlay: false },
      { position: 'fixed', anchor: 'bottom', overlay: true },
      { position: 'sticky', anchor: 'top', overlay: false },
    ] as const;
    const { deps, page, log } = await setup({
      pageHeight: 4000,
      settledHeight: 5000,
      pinned: [...pinned],
    });
    const progress: FullPageProgress[] = [];
    const result = await captureFullPage(deps, TAB, {
      onProgress: (p) => progress.push(p),
    });

    expect(result).toMatchObject({
      url: 'https://brightline.test/plans',
      title: 'Plans',
      devicePixelRatio: 1,
      viewport: { width: 1280, height: 800 },
    });
    expect(result.images).toHaveLength(1);
    expect(result.images[0]).toMatchObject({
      mode: 'full-page',
      part: 0,
      parts: 1,
      width: 1280,
      height: 5000,
      redacted: false,
    });
    // The page grew while its lazy images loaded: the plan follows the settled height.
    expect(expectRowsInPlace(log)).toBe(5000);
    expect(page.shown).toHaveLength(7);
    // Fixed header only on tile 1; footer only on the last tile; sticky heading once.
    expect(page.shown.map((s) => s[0])).toEqual([true, false, false, false, false, false, false]);
    expect(page.shown.map((s) => s[1])).toEqual([false, false, false, false, false, false, true]);
    expect(page.shown.map((s) => s[2])).toEqual([true, false, false, false, false, false, false]);
    expect(page.calls.at(-1)).toBe('restore');
    expect(page.restoredTo).toBe(1234);
    expect(log.closed).toBe(log.decoded);
    expect(log.released).toBe(log.created);
    expect(progress.at(0)?.phase).toBe('preparing');
    expect(progress.filter((p) => p.phase === 'capturing').at(-1)).toEqual({
      phase: 'capturing',
      tile: 7,
      tiles: 7,
    });
    expect(progress.at(-1)?.phase).toBe('saving');
  });

  it('hides overlays on every tile when asked, keeps the header and the sticky heading, counts them', async () => {
    const { deps, page } = await setup({
      pageHeight: 4000,
      pinned: [
        { position: 'fixed', anchor: 'top', overlay: false },
        { position: 'fixed', anchor: 'bottom', overlay: true },
        { position: 'sticky', anchor: 'top', overlay: false },
        { position: 'fixed', anchor: 'bottom', overlay: true },
      ],
    });
    const result = await captureFullPage(deps, TAB, { hideOverlays: true });
    expect(page.shown.every((s) => s[1] === false && s[3] === false)).toBe(true);
    expect(page.shown.map((s) => s[0])).toEqual([true, false, false, false, false]);
    expect(page.shown.map((s) => s[2])).toEqual([true, false, false, false, false]);
    expect(result.overlaysHidden).toBe(2);
    // Kept (the default): nothing said.
    const kept = await setup({
      pageHeight: 4000,
      pinned: [{ position: 'fixed', anchor: 'bottom', overlay: true }],
    });
    const keptResult = await captureFullPage(kept.deps, TAB);
    expect(keptResult.overlaysHidden).toBeUndefined();
    expect(kept.page.shown.map((s) => s[0]).at(-1)).toBe(true);
  });

  it('tells an overlay from a site header: fixed and not a top bar of the full width', () => {
    const viewport = { width: 1280, height: 800 };
    expect(isOverlay('fixed', { top: 0, width: 1280, height: 64 }, viewport)).toBe(false);
    expect(isOverlay('fixed', { top: 0, width: 1280, height: 800 }, viewport)).toBe(true);
    expect(isOverlay('fixed', { top: 720, width: 1280, height: 80 }, viewport)).toBe(true);
    expect(isOverlay('fixed', { top: 700, width: 60, height: 60 }, viewport)).toBe(true);
    expect(isOverlay('fixed', { top: 0, width: 300, height: 40 }, viewport)).toBe(true);
    expect(isOverlay('sticky', { top: 0, width: 1280, height: 40 }, viewport)).toBe(false);
  });

  it('keeps to the capture quota: tiles at least MIN_CAPTURE_GAP_MS apart', async () => {
    const { deps, captures } = await setup({ pageHeight: 6000 });
    await captureFullPage(deps, TAB);
    expect(captures).toHaveLength(8);
    const gaps = captures.slice(1).map((t, i) => t - captures[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_CAPTURE_GAP_MS);
  });

  it('splits a page taller than a canvas allows into parts of one capture', async () => {
    const { deps, log } = await setup({ pageHeight: 36_000, scale: 2 });
    const result = await captureFullPage(deps, TAB);
    const shots = result.images;
    expect(shots.length).toBeGreaterThanOrEqual(3);
    expect(shots.map((s) => s.part)).toEqual(shots.map((_, i) => i));
    expect(shots.every((s) => s.parts === shots.length && s.height <= MAX_PART_HEIGHT)).toBe(true);
    expect(shots.reduce((sum, s) => sum + s.height, 0)).toBe(72_000);
    expect(expectRowsInPlace(log)).toBe(72_000);
    expect(result.devicePixelRatio).toBe(2);
  });

  it('fills every row at a fractional DPR (1.25), total height = round(page × DPR)', async () => {
    const { deps, log } = await setup({
      pageHeight: 2001,
      viewportHeight: 797,
      scale: 1.25,
    });
    const result = await captureFullPage(deps, TAB);
    expect(result.images[0]).toMatchObject({ height: 2501, width: 1600 });
    const rows = log.parts.flatMap((p) => p.rows);
    expect(rows).toHaveLength(2501);
    expect(rows.filter((row) => row < 0)).toEqual([]);
    // Each row comes from its own page row, give or take the one row of rounding.
    expect(rows.every((row, i) => Math.abs(row - i) <= 1)).toBe(true);
  });

  it('covers sensitive areas in black on the parts they fall in, and marks those parts', async () => {
    const rects: Rect[] = [
      { x: 100, y: 300, width: 200, height: 30 },
      { x: 0, y: 30_000, width: 1280, height: 64 },
    ];
    const asked: number[] = [];
    const { deps, log, page, captures } = await setup({ pageHeight: 40_000 });
    // Each tile is checked where the page is scrolled for it (fields in document CSS px).
    deps.coverage = async (tabId) => (
      asked.push(tabId),
      topCoverage({ fields: rects, scroll: { x: 0, y: page.scrollY } })
    );
    const result = await captureFullPage(deps, TAB);
    expect(asked).toEqual(captures.map(() => 7));
    const shots = result.images;
    expect(shots.length).toBe(2);
    expect(log.parts[0]!.covers).toEqual([{ x: 96, y: 288, width: 208, height: 48 }]);
    expect(log.parts[1]!.covers).toEqual([{ x: 0, y: 30_000 - 20_000, width: 1280, height: 64 }]);
    expect(shots.map((s) => s.redacted)).toEqual([true, true]);
    expect(shots.map((s) => s.coveredFrames)).toEqual([[], []]);
    expect(result.redaction).toEqual({ fields: 2, frames: 0, scanned: 0 });

    const clean = await setup({ pageHeight: 40_000 });
    clean.deps.coverage = async () =>
      topCoverage({ fields: [rects[0]!], scroll: { x: 0, y: clean.page.scrollY } });
    const cleanShots = (await captureFullPage(clean.deps, TAB)).images;
    expect(cleanShots.map((s) => s.redacted)).toEqual([true, false]);
  });

  it('covers a frame that could not be checked on every tile that shows it, holding back its pixels', async () => {
    // A frame across the seam of tiles 1 and 2 (rows 700–900 of the page).
    const frame = { x: 100, y: 700, width: 300, height: 200 };
    const { deps, log, page } = await setup({ pageHeight: 4000 });
    deps.coverage = async () =>
      topCoverage({ unchecked: [frame], scroll: { x: 0, y: page.scrollY } });
    const result = await captureFullPage(deps, TAB);
    // Each tile covers the rows it shows, grown to whole blocks of the part.
    expect(log.parts[0]!.frames).toEqual([
      { x: 96, y: 688, width: 304, height: 112 },
      { x: 96, y: 800, width: 304, height: 112 },
    ]);
    expect(log.parts[0]!.covers).toEqual([]);
    expect(result.images[0]).toMatchObject({ redacted: true });
    // Held back as one area (the two tiles' pieces joined), as it is listed to uncover.
    const held = result.images[0]!.coveredFrames!;
    expect(held.map((piece) => piece.area)).toEqual([{ x: 96, y: 688, width: 304, height: 224 }]);
    expect(await held[0]!.original.text()).toBe('frame 688+frame 800');
    // One frame, seen on two tiles.
    expect(result.redaction).toEqual({ fields: 0, frames: 1, scanned: 0 });
  });

  it('fails closed: a tile whose check fails stores nothing, and the page is restored', async () => {
    const { deps, page } = await setup({ pageHeight: 4000 });
    let checks = 0;
    deps.coverage = async () => {
      if (++checks === 3) throw new Error('Frame was removed');
      return topCoverage({ scroll: { x: 0, y: page.scrollY } });
    };
    await expect(captureFullPage(deps, TAB)).rejects.toMatchObject({ reason: 'capture-failed' });
    expect(page.calls.at(-1)).toBe('restore');
  });

  it('cancelling half-way releases everything and restores the page', async () => {
    const controller = new AbortController();
    const { deps, page, log } = await setup({ pageHeight: 12_000 });
    const run = captureFullPage(deps, TAB, {
      signal: controller.signal,
      onProgress: (p) => p.tile === 4 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'CaptureError', reason: 'cancelled' });
    expect(page.calls.at(-1)).toBe('restore');
    expect(page.restoredTo).toBe(1234);
    expect(log.closed).toBe(log.decoded);
    expect(log.released).toBe(log.created);
  });

  it('a tab closed mid-way fails with tab-closed, and the page is restored', async () => {
    let calls = 0;
    const { deps, page } = await setup({ pageHeight: 12_000 });
    const captureVisibleTab = deps.captureVisibleTab;
    deps.captureVisibleTab = async (windowId, quality) => {
      if (++calls === 5) throw new Error('No tab with id: 7.');
      return captureVisibleTab(windowId, quality);
    };
    deps.tabExists = async () => false;
    await expect(captureFullPage(deps, TAB)).rejects.toMatchObject({ reason: 'tab-closed' });
    expect(page.calls.at(-1)).toBe('restore');
  });

  it('a page that navigates during the capture fails with page-changed', async () => {
    const { deps, page } = await setup({ pageHeight: 12_000 });
    page.failAt = { call: 'scan', nth: 3 };
    const error = await captureFullPage(deps, TAB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect((error as CaptureError).reason).toBe('page-changed');
    expect(page.calls.at(-1)).toBe('restore');
  });
});
