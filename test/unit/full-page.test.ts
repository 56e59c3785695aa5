import { describe, expect, it } from 'vitest';
import { CaptureError, CapturePacer, MIN_CAPTURE_GAP_MS, type Clock } from '../../lib/capture';
import {
  captureFullPageStep,
  coverRectsForPart,
  drawOps,
  MAX_PART_HEIGHT,
  MAX_PART_PIXELS,
  pageLoadLazyContent,
  pagePrepare,
  pageRestore,
  pageScrollAndScan,
  pageShowTile,
  planParts,
  planTiles,
  showPinned,
  tileRows,
  type FullPageDeps,
  type FullPageProgress,
  type PageMetrics,
  type PinnedInView,
  type Stitcher,
  type TileImage,
} from '../../lib/capture/full-page';
import type { Rect, RunInTab } from '../../lib/capture/pacer';
import type { EncodedImage } from '../../lib/model';
import { auditWithJourneys, testStore } from './helpers';

describe('planTiles', () => {
  it('steps one viewport at a time; the last tile is scrolled to the bottom and overlaps', () => {
    const tiles = planTiles(2000, 800, 1);
    expect(tiles.map((t) => t.scrollY)).toEqual([0, 800, 1200]);
    expect(tiles.map((t) => [t.top, t.bottom])).toEqual([
      [0, 800],
      [800, 1600],
      [1600, 2000],
    ]);
    // The last tile was taken at 1200: its first 400 rows repeat tile 2 and are skipped.
    expect(tileRows(tiles[2]!, 1200, 1, 800)).toEqual({ sourceY: 400, rows: 400 });
    expect(tileRows(tiles[1]!, 800, 1, 800)).toEqual({ sourceY: 0, rows: 800 });
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

describe('coverRectsForPart', () => {
  const part = { index: 1, top: 1000, height: 1000 };
  it('maps document CSS px to part pixels at the DPR, grown to whole 16 px JPEG blocks', () => {
    expect(coverRectsForPart([{ x: 10, y: 600, width: 50, height: 20 }], part, 2, 1280)).toEqual([
      { x: 16, y: 192, width: 112, height: 48 },
    ]);
  });
  it('clips to the part and skips rects outside it or without area', () => {
    expect(coverRectsForPart([{ x: 0, y: 0, width: 100, height: 100 }], part, 1, 1280)).toEqual([]);
    expect(
      coverRectsForPart([{ x: 1200, y: 1990, width: 300, height: 300 }], part, 1, 1280),
    ).toEqual([{ x: 1200, y: 976, width: 80, height: 24 }]);
    expect(coverRectsForPart([{ x: 5, y: 1500, width: 0, height: 9 }], part, 1, 1280)).toEqual([]);
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
}

/** A page as the page-side functions would see it, driven through a fake runInTab. */
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
  });
  const names = new Map<unknown, string>([
    [pagePrepare, 'prepare'],
    [pageScrollAndScan, 'scan'],
    [pageShowTile, 'show'],
    [pageLoadLazyContent, 'lazy'],
    [pageRestore, 'restore'],
  ]);
  const runInTab = (async (_tabId: number, func: unknown, args: unknown[]) => {
    const name = names.get(func) ?? 'unknown';
    page.calls.push(name);
    if (
      page.failAt?.call === name &&
      page.calls.filter((c) => c === name).length === page.failAt.nth
    ) {
      return null; // the page navigated: its state is gone
    }
    switch (name) {
      case 'prepare':
        prepared = true;
        scrollY = 0;
        return metrics();
      case 'scan':
        scrollY = Math.min(args[0] as number, pageHeight - viewportHeight);
        return (options.pinned ?? []).map((p) => ({ ...p, inView: true }));
      case 'show':
        page.shown.push(args[0] as boolean[]);
        return metrics();
      case 'lazy':
        pageHeight = options.settledHeight ?? pageHeight;
        scrollY = 0;
        return metrics();
      case 'restore':
        if (!prepared) return false;
        prepared = false;
        page.restoredTo = 1234;
        scrollY = 1234;
        return true;
      default:
        throw new Error('unexpected page function');
    }
  }) as RunInTab;
  return { page, runInTab };
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
    parts: [] as { rows: number[]; covers: Rect[] }[],
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
    createPart(width, height) {
      log.created++;
      const record = { rows: new Array<number>(height).fill(-1), covers: [] as Rect[] };
      log.parts.push(record);
      return {
        draw(tile, sourceY, targetY, rows) {
          const origin = Math.round((tile as FakeTile).scrollY * scale);
          for (let i = 0; i < rows; i++) record.rows[targetY + i] = origin + sourceY + i;
        },
        cover: (rects) => void record.covers.push(...rects),
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

async function setup(options: FakePageOptions, overrides: Partial<FullPageDeps> = {}) {
  const { store, db } = testStore();
  const { own } = await auditWithJourneys(store);
  const { page, runInTab } = fakePage(options);
  const { stitcher, log } = fakeStitcher(page.scale);
  const captures: number[] = [];
  const clock = virtualClock();
  const width = options.width ?? 1280;
  const tileHeight = Math.round((options.viewportHeight ?? 800) * page.scale);
  const deps: FullPageDeps = {
    store,
    pacer: new CapturePacer(clock),
    findTargetTab: async () => ({
      tabId: 7,
      windowId: 3,
      url: 'https://brightline.test/plans',
      title: 'Plans',
      width,
      height: 800,
    }),
    captureVisibleTab: async () => {
      captures.push(clock.now());
      return `tile:${page.scrollY}:${Math.round(width * page.scale)}:${tileHeight}`;
    },
    tabExists: async () => true,
    runInTab,
    stitcher,
    now: () => 1_700_000_000_000,
    userAgent: 'TestBrowser/1.0',
    ...overrides,
  };
  const stored = async () => ({
    steps: await db.touchpoints.count(),
    shots: await db.screenshots.toArray(),
    images: await db.images.count(),
  });
  return { deps, page, log, captures, stored, journeyId: own.id };
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

describe('captureFullPageStep', () => {
  it('stores one step whose image is the whole page, pinned elements once, page restored', async () => {
    const pinned = [
      { position: 'fixed', anchor: 'top' },
      { position: 'fixed', anchor: 'bottom' },
      { position: 'sticky', anchor: 'top' },
    ] as const;
    const { deps, page, log, stored, journeyId } = await setup({
      pageHeight: 4000,
      settledHeight: 5000,
      pinned: [...pinned],
    });
    const progress: FullPageProgress[] = [];
    const result = await captureFullPageStep(deps, journeyId, {
      onProgress: (p) => progress.push(p),
    });

    expect(result).toMatchObject({ parts: 1, redacted: false });
    expect(result.step).toMatchObject({ seq: 1, kind: 'page', devicePixelRatio: 1 });
    const { steps, shots, images } = await stored();
    expect([steps, shots.length, images]).toEqual([1, 1, 1]);
    expect(shots[0]).toMatchObject({
      mode: 'full-page',
      part: 0,
      parts: 1,
      width: 1280,
      height: 5000,
      redacted: false,
      url: 'https://brightline.test/plans',
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

  it('keeps to the capture quota: tiles at least MIN_CAPTURE_GAP_MS apart', async () => {
    const { deps, captures, journeyId } = await setup({ pageHeight: 6000 });
    await captureFullPageStep(deps, journeyId);
    expect(captures).toHaveLength(8);
    const gaps = captures.slice(1).map((t, i) => t - captures[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_CAPTURE_GAP_MS);
  });

  it('splits a page taller than a canvas allows into the parts of ONE step', async () => {
    const { deps, log, stored, journeyId } = await setup({ pageHeight: 36_000, scale: 2 });
    const result = await captureFullPageStep(deps, journeyId);
    const { steps, shots } = await stored();
    expect(steps).toBe(1);
    expect(result.parts).toBe(shots.length);
    expect(shots.length).toBeGreaterThanOrEqual(3);
    const ordered = shots.sort((a, b) => a.part - b.part);
    expect(ordered.map((s) => s.part)).toEqual(ordered.map((_, i) => i));
    expect(ordered.every((s) => s.parts === shots.length && s.height <= MAX_PART_HEIGHT)).toBe(
      true,
    );
    expect(ordered.reduce((sum, s) => sum + s.height, 0)).toBe(72_000);
    expect(expectRowsInPlace(log)).toBe(72_000);
    expect(result.step.devicePixelRatio).toBe(2);
  });

  it('fills every row at a fractional DPR (1.25), total height = round(page × DPR)', async () => {
    const { deps, log, stored, journeyId } = await setup({
      pageHeight: 2001,
      viewportHeight: 797,
      scale: 1.25,
    });
    await captureFullPageStep(deps, journeyId);
    expect((await stored()).shots[0]).toMatchObject({ height: 2501, width: 1600 });
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
    const { deps, log, stored, journeyId } = await setup(
      { pageHeight: 40_000 },
      { sensitiveRects: async (tabId) => (asked.push(tabId), rects) },
    );
    const result = await captureFullPageStep(deps, journeyId);
    expect(asked).toEqual([7]);
    expect(result.redacted).toBe(true);
    const shots = (await stored()).shots.sort((a, b) => a.part - b.part);
    expect(shots.length).toBe(2);
    expect(log.parts[0]!.covers).toEqual([{ x: 96, y: 288, width: 208, height: 48 }]);
    expect(log.parts[1]!.covers).toEqual([{ x: 0, y: 30_000 - 20_000, width: 1280, height: 64 }]);
    expect(shots.map((s) => s.redacted)).toEqual([true, true]);

    const clean = await setup({ pageHeight: 40_000 }, { sensitiveRects: async () => [rects[0]!] });
    await captureFullPageStep(clean.deps, clean.journeyId);
    const cleanShots = (await clean.stored()).shots.sort((a, b) => a.part - b.part);
    expect(cleanShots.map((s) => s.redacted)).toEqual([true, false]);
  });

  it('cancelling half-way stores nothing, releases everything and restores the page', async () => {
    const controller = new AbortController();
    const { deps, page, log, stored, journeyId } = await setup({ pageHeight: 12_000 });
    const run = captureFullPageStep(deps, journeyId, {
      signal: controller.signal,
      onProgress: (p) => p.tile === 4 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'CaptureError', reason: 'cancelled' });
    expect(await stored()).toEqual({ steps: 0, shots: [], images: 0 });
    expect(page.calls.at(-1)).toBe('restore');
    expect(page.restoredTo).toBe(1234);
    expect(log.closed).toBe(log.decoded);
    expect(log.released).toBe(log.created);
  });

  it('a tab closed mid-way stores nothing and says so', async () => {
    let calls = 0;
    const { deps, page, stored, journeyId } = await setup({ pageHeight: 12_000 });
    const captureVisibleTab = deps.captureVisibleTab;
    deps.captureVisibleTab = async (windowId, quality) => {
      if (++calls === 5) throw new Error('No tab with id: 7.');
      return captureVisibleTab(windowId, quality);
    };
    deps.tabExists = async () => false;
    await expect(captureFullPageStep(deps, journeyId)).rejects.toMatchObject({
      reason: 'tab-closed',
    });
    expect((await stored()).steps).toBe(0);
    expect(page.calls.at(-1)).toBe('restore');
  });

  it('a page that navigates during the capture fails with page-changed, nothing stored', async () => {
    const { deps, page, stored, journeyId } = await setup({ pageHeight: 12_000 });
    page.failAt = { call: 'scan', nth: 3 };
    const error = await captureFullPageStep(deps, journeyId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect((error as CaptureError).reason).toBe('page-changed');
    expect((await stored()).steps).toBe(0);
    expect(page.calls.at(-1)).toBe('restore');
  });

  it('refuses without a journey or on a browser page, before touching the tab', async () => {
    const { deps, page, journeyId } = await setup({ pageHeight: 3000 });
    await expect(captureFullPageStep(deps, null)).rejects.toMatchObject({ reason: 'no-journey' });
    deps.findTargetTab = async () => ({
      tabId: 1,
      windowId: 1,
      url: 'chrome://settings',
      title: 'Settings',
      width: 1280,
      height: 800,
    });
    await expect(captureFullPageStep(deps, journeyId)).rejects.toMatchObject({
      reason: 'restricted-page',
    });
    expect(page.calls).toEqual([]);
  });
});
