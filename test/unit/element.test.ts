import { describe, expect, it } from 'vitest';
import { CapturePacer, type Clock, type Rect } from '../../lib/capture';
import {
  captureElement,
  viewportCrop,
  type DomRender,
  type ElementCapture,
  type ElementCaptureDeps,
  type FramePick,
  type PagePick,
  type PageView,
} from '../../lib/capture/element';
import { composeFrames } from '../../lib/capture/frame-tree';
import { NOTHING_TO_COVER, type CoverBoxes } from '../../lib/capture/redact';
import { fakeImage, frameReport, topCoverage } from './helpers';

const instantClock: Clock = { now: () => 0, sleep: async () => undefined };
const TEXT = { hint: 'Click an element to capture it — Esc to cancel', keys: '' };
const never = () => new Promise<never>(() => undefined);

/** The oklch card of the fixture page: 360×220 CSS px at (100, 1500) in the document. */
const CARD: Rect = { x: 100, y: 1500, width: 360, height: 220 };
const pickOf = (rect: Rect, dpr = 2): PagePick => ({
  rect,
  scroll: { x: 0, y: 1300 },
  viewport: { width: 1280, height: 800 },
  devicePixelRatio: dpr,
});
/** A pick in the top document (frame 0). */
const topPick = (rect: Rect, dpr = 2): FramePick => ({ frameId: 0, pick: pickOf(rect, dpr) });
/** The page scrolled as the picks above: what to cover, in document CSS px. */
const scrolled = (options: { fields?: Rect[]; unchecked?: Rect[] } = {}) =>
  topCoverage({ ...options, scroll: { x: 0, y: 1300 }, viewport: { width: 1280, height: 800 } });

interface Calls {
  encode: {
    source: string;
    crop: Rect | null;
    cover: CoverBoxes;
    frame: { width: number; height: number } | null;
  }[];
  captured: number;
  revealed: Rect[];
  restored: { x: number; y: number }[];
}

const TAB = {
  tabId: 7,
  windowId: 3,
  url: 'https://lab.test/oklch.html',
  title: 'oklch card',
  width: 1280,
  height: 800,
};

async function setup(overrides: Partial<ElementCaptureDeps> = {}) {
  const calls: Calls = { encode: [], captured: 0, revealed: [], restored: [] };
  const view: PageView = {
    scroll: { x: 0, y: 1300 },
    restore: { x: 0, y: 1300 },
    viewport: { width: 1280, height: 800 },
    devicePixelRatio: 2,
  };
  const deps: ElementCaptureDeps = {
    pacer: new CapturePacer(instantClock),
    tabExists: async () => true,
    captureVisibleTab: async () => {
      calls.captured++;
      return 'data:image/jpeg;base64,CAPTURE';
    },
    pick: async () => topPick(CARD),
    renderElement: async (): Promise<DomRender> => ({
      ok: true,
      dataUrl: 'data:image/png;base64,DOM',
      width: 720,
      height: 440,
      rect: CARD,
      transient: [],
      renderMs: 50,
    }),
    revealRect: async (_tabId, rect) => {
      calls.revealed.push(rect);
      return view;
    },
    restoreScroll: async (_tabId, position) => void calls.restored.push(position),
    encode: async (source, crop, cover, frame) => {
      calls.encode.push({ source, crop, cover, frame });
      return { ...fakeImage(), width: crop?.width ?? 720, height: crop?.height ?? 440 };
    },
    coverage: async () => scrolled(),
    // Only the timeout test lets time pass.
    sleep: never,
    now: () => 1_700_000_000_000,
    ...overrides,
  };
  return { deps, calls };
}

/** The capture's one image (an element capture has exactly one). */
function imageOf(result: ElementCapture) {
  if (result.outcome !== 'captured') throw new Error('not captured');
  expect(result.page.images).toHaveLength(1);
  return result.page.images[0]!;
}

describe('viewportCrop', () => {
  it('crops a region at device pixel ratio 2 from its viewport position', () => {
    // A region dragged from (200, 150) to (520, 390) in the viewport, page scrolled to y = 1300.
    const region = { x: 200, y: 1450, width: 320, height: 240 };
    const cut = viewportCrop(region, pickOf(region));
    expect(cut).toEqual({ crop: { x: 400, y: 300, width: 640, height: 480 }, clipped: false });
  });

  it('crops at a fractional ratio (125 % zoom) and clips what is off screen', () => {
    const view = {
      scroll: { x: 0, y: 0 },
      viewport: { width: 1024, height: 640 },
      devicePixelRatio: 1.25,
    };
    expect(viewportCrop({ x: 8, y: 600, width: 200, height: 100 }, view)).toEqual({
      crop: { x: 10, y: 750, width: 250, height: 50 },
      clipped: true,
    });
    expect(viewportCrop({ x: 0, y: 700, width: 200, height: 100 }, view)).toBe(null);
  });
});

describe('captureElement', () => {
  it('renders the element from the DOM as one element image', async () => {
    const { deps, calls } = await setup();
    const result = await captureElement(deps, TAB, 'element', TEXT);
    expect(result).toMatchObject({
      outcome: 'captured',
      path: 'dom',
      fallback: null,
      clipped: false,
    });
    expect(calls.captured).toBe(0);
    expect(calls.encode).toEqual([
      { source: 'data:image/png;base64,DOM', crop: null, cover: NOTHING_TO_COVER, frame: null },
    ]);
    if (result.outcome !== 'captured') throw new Error('not captured');
    expect(result.page).toMatchObject({
      url: 'https://lab.test/oklch.html',
      viewport: { width: 1280, height: 800 },
      devicePixelRatio: 2,
    });
    expect(imageOf(result)).toMatchObject({ mode: 'element', width: 720, height: 440 });
  });

  it('gives nothing when the auditor cancels, and never captures or renders', async () => {
    const { deps, calls } = await setup({
      pick: async () => null,
      renderElement: () => Promise.reject(new Error('must not render')),
    });
    await expect(captureElement(deps, TAB, 'element', TEXT)).resolves.toEqual({
      outcome: 'cancelled',
      mode: 'element',
    });
    expect(calls.captured + calls.encode.length).toBe(0);
  });

  it('falls back to a native crop when the DOM render fails: element rect × DPR, scroll restored', async () => {
    const { deps, calls } = await setup({
      renderElement: async () => ({ ok: false, reason: 'error', message: 'unsupported color' }),
    });
    const result = await captureElement(deps, TAB, 'element', TEXT);
    expect(result).toMatchObject({ outcome: 'captured', path: 'native', fallback: 'error' });
    expect(calls.revealed).toEqual([CARD]);
    expect(calls.captured).toBe(1);
    expect(calls.restored).toEqual([{ x: 0, y: 1300 }]);
    // Card at (100, 1500) with the page scrolled to 1300 → (100, 200) on screen → ×2.
    expect(calls.encode).toEqual([
      {
        source: 'data:image/jpeg;base64,CAPTURE',
        crop: { x: 200, y: 400, width: 720, height: 440 },
        cover: NOTHING_TO_COVER,
        // The viewport at DPR 2: the size the crop was computed for.
        frame: { width: 2560, height: 1600 },
      },
    ]);
    expect(imageOf(result)).toMatchObject({ mode: 'element', width: 720, height: 440 });
  });

  it('falls back when the DOM render does not answer in time, or the page threw', async () => {
    let released = false;
    const { deps, calls } = await setup({
      renderElement: never,
      sleep: async (ms) => {
        released = ms > 0;
      },
      domTimeoutMs: 4000,
    });
    const result = await captureElement(deps, TAB, 'element', TEXT);
    expect(released).toBe(true);
    expect(result).toMatchObject({ outcome: 'captured', path: 'native', fallback: 'timeout' });
    expect(calls.encode[0]?.crop).toEqual({ x: 200, y: 400, width: 720, height: 440 });

    const thrown = await setup({ renderElement: () => Promise.reject(new Error('boom')) });
    await expect(captureElement(thrown.deps, TAB, 'element', TEXT)).resolves.toMatchObject({
      path: 'native',
      fallback: 'error',
    });
  });

  describe('checks the render against a screenshot of the element', () => {
    /** A solid image of `size`, optionally with one box painted another colour. */
    const solid = (
      size: { width: number; height: number },
      rgb: [number, number, number],
      box?: { rect: Rect; rgb: [number, number, number] },
    ) => {
      const data = new Uint8ClampedArray(size.width * size.height * 4);
      for (let y = 0; y < size.height; y++) {
        for (let x = 0; x < size.width; x++) {
          const inBox =
            box &&
            x >= box.rect.x &&
            x < box.rect.x + box.rect.width &&
            y >= box.rect.y &&
            y < box.rect.y + box.rect.height;
          data.set([...(inBox ? box.rgb : rgb), 255], (y * size.width + x) * 4);
        }
      }
      return { ...size, data };
    };
    const CARD_PX = { width: 720, height: 440 };
    const WHITE: [number, number, number] = [255, 255, 255];

    /** decodePixels that gives `render` for the DOM render and `screen` for the screenshot. */
    const decoder = (render: ReturnType<typeof solid>, screen: ReturnType<typeof solid>) => {
      const asked: { source: string; crop: Rect | null; frame: unknown }[] = [];
      const decodePixels: ElementCaptureDeps['decodePixels'] = async (source, crop, frame) => {
        asked.push({ source, crop, frame });
        return source.includes('DOM') ? render : screen;
      };
      return { asked, decodePixels };
    };

    it('keeps a render that looks like the screen, and says how close it was', async () => {
      const { asked, decodePixels } = decoder(solid(CARD_PX, WHITE), solid(CARD_PX, WHITE));
      const { deps, calls } = await setup({ decodePixels });
      const result = await captureElement(deps, TAB, 'element', TEXT);
      expect(result).toMatchObject({ path: 'dom', fallback: null });
      if (result.outcome !== 'captured') throw new Error('not captured');
      expect(result.fidelity).toMatchObject({ sizeDifferenceCss: 0, meanDifference: 0 });
      // One screenshot for the check, cut to the card where it is on screen, at the screen size.
      expect(calls.captured).toBe(1);
      expect(asked).toContainEqual({
        source: 'data:image/jpeg;base64,CAPTURE',
        crop: { x: 200, y: 400, width: 720, height: 440 },
        frame: { width: 2560, height: 1600 },
      });
      expect(calls.encode.map((call) => call.source)).toEqual(['data:image/png;base64,DOM']);
    });

    it('falls back to the screenshot when the render does not look like it (reason "mismatch")', async () => {
      // The render lost the pink button: a grey box where the screen shows pink.
      const button = { x: 40, y: 300, width: 200, height: 80 };
      const { decodePixels } = decoder(
        solid(CARD_PX, WHITE, { rect: button, rgb: [200, 200, 200] }),
        solid(CARD_PX, WHITE, { rect: button, rgb: [236, 72, 153] }),
      );
      const { deps, calls } = await setup({ decodePixels });
      const result = await captureElement(deps, TAB, 'element', TEXT);
      expect(result).toMatchObject({ path: 'native', fallback: 'mismatch' });
      if (result.outcome !== 'captured') throw new Error('not captured');
      expect(result.fidelity!.maxTileDifference).toBeGreaterThan(32);
      // The stored image is the crop of a screenshot, never the rejected render.
      expect(calls.encode.map((call) => call.source)).toEqual(['data:image/jpeg;base64,CAPTURE']);
      expect(calls.encode[0]?.crop).toEqual({ x: 200, y: 400, width: 720, height: 440 });
    });

    it('leaves the focused field and its ring out: the render never draws them', async () => {
      // A focused field at (120, 1600)–(420, 1640) in the document: 40–340 × 200–280 in the render.
      const field = { x: 120, y: 1600, width: 300, height: 40 };
      const ring = { x: 34, y: 194, width: 612, height: 92 };
      const renderElement = async (): Promise<DomRender> => ({
        ok: true,
        dataUrl: 'data:image/png;base64,DOM',
        width: 720,
        height: 440,
        rect: CARD,
        transient: [
          { x: field.x - 3, y: field.y - 3, width: field.width + 6, height: field.height + 6 },
        ],
        renderMs: 50,
      });
      const focused = decoder(
        solid(CARD_PX, WHITE),
        solid(CARD_PX, WHITE, { rect: ring, rgb: [0, 95, 204] }),
      );
      const kept = await setup({ renderElement, decodePixels: focused.decodePixels });
      await expect(captureElement(kept.deps, TAB, 'element', TEXT)).resolves.toMatchObject({
        path: 'dom',
        fallback: null,
      });
      // The same difference anywhere else is a mismatch.
      const elsewhere = decoder(
        solid(CARD_PX, WHITE),
        solid(CARD_PX, WHITE, { rect: { ...ring, y: 300 }, rgb: [0, 95, 204] }),
      );
      const moved = await setup({ renderElement, decodePixels: elsewhere.decodePixels });
      await expect(captureElement(moved.deps, TAB, 'element', TEXT)).resolves.toMatchObject({
        path: 'native',
        fallback: 'mismatch',
      });
    });

    it('keeps the render unchecked when the element is not wholly on screen or the screen cannot be compared', async () => {
      // Half below the fold: no screenshot is taken, nothing scrolls for the check.
      const low = { x: 100, y: 2000, width: 360, height: 220 };
      const offscreen = decoder(solid(CARD_PX, WHITE), solid(CARD_PX, [0, 0, 0]));
      const clipped = await setup({
        pick: async () => topPick(low),
        renderElement: async () => ({
          ok: true,
          dataUrl: 'data:image/png;base64,DOM',
          width: 720,
          height: 440,
          rect: low,
          transient: [],
          renderMs: 50,
        }),
        decodePixels: offscreen.decodePixels,
      });
      const result = await captureElement(clipped.deps, TAB, 'element', TEXT);
      expect(result).toMatchObject({ path: 'dom', fallback: null, fidelity: null });
      expect(clipped.calls.captured).toBe(0);
      expect(offscreen.asked).toEqual([]);

      // A zoomed screen captures at another size: decodePixels rejects, the render is kept.
      const zoomed = await setup({
        decodePixels: async () => {
          throw new Error('captured at 3200×2000, not 2560×1600');
        },
      });
      await expect(captureElement(zoomed.deps, TAB, 'element', TEXT)).resolves.toMatchObject({
        path: 'dom',
        fidelity: null,
      });
    });
  });

  it('scrolls an element into view when it is off screen and crops where it landed', async () => {
    const below = { x: 40, y: 3000, width: 600, height: 300 };
    const { deps, calls } = await setup({
      pick: async () => topPick(below, 1),
      renderElement: async () => ({ ok: false, reason: 'timeout', message: '' }),
      revealRect: async (_tabId, rect) => {
        calls.revealed.push(rect);
        return {
          scroll: { x: 0, y: 2750 },
          restore: { x: 0, y: 0 },
          viewport: { width: 1280, height: 800 },
          devicePixelRatio: 1,
        };
      },
    });
    await captureElement(deps, TAB, 'element', TEXT);
    expect(calls.encode[0]?.crop).toEqual({ x: 40, y: 250, width: 600, height: 300 });
    expect(calls.restored).toEqual([{ x: 0, y: 0 }]);
  });

  it('always crops a region from a native capture (never renders it)', async () => {
    const region = { x: 200, y: 1450, width: 320, height: 240 };
    const { deps, calls } = await setup({
      pick: async () => topPick(region),
      renderElement: () => Promise.reject(new Error('must not render a region')),
    });
    const result = await captureElement(deps, TAB, 'region', TEXT);
    expect(result).toMatchObject({
      outcome: 'captured',
      mode: 'region',
      path: 'native',
      fallback: null,
    });
    expect(calls.encode[0]?.crop).toEqual({ x: 400, y: 300, width: 640, height: 480 });
  });

  it('covers sensitive fields in the output pixels and marks the image redacted', async () => {
    const password = { x: 120, y: 1600, width: 100, height: 30 };
    const dom = await setup({ coverage: async () => scrolled({ fields: [password] }) });
    const result = await captureElement(dom.deps, TAB, 'element', TEXT);
    expect(dom.calls.encode[0]?.cover).toEqual({
      fields: [{ x: 40, y: 200, width: 200, height: 60 }],
      frames: [],
    });
    expect(result).toMatchObject({ redacted: true });
    expect(imageOf(result).redacted).toBe(true);
    if (result.outcome !== 'captured') throw new Error('not captured');
    expect(result.page.redaction).toEqual({ fields: 1, frames: 0, scanned: 0 });

    // Native path: boxes are in capture pixels (viewport origin), the crop cuts them with the image.
    const region = { x: 100, y: 1500, width: 360, height: 220 };
    const order: string[] = [];
    const native = await setup({
      pick: async () => topPick(region),
      coverage: async () => (
        order.push('scan'),
        scrolled({ fields: [password, { x: 900, y: 1320, width: 50, height: 20 }] })
      ),
    });
    const { revealRect, captureVisibleTab, restoreScroll } = native.deps;
    native.deps.revealRect = (...args) => (order.push('reveal'), revealRect(...args));
    native.deps.captureVisibleTab = (...args) => (
      order.push('capture'),
      captureVisibleTab(...args)
    );
    native.deps.restoreScroll = (...args) => (order.push('restore'), restoreScroll(...args));
    const cut = await captureElement(native.deps, TAB, 'region', TEXT);
    // The first check places the pick; the one that decides the cover is measured after
    // scrolling, so fixed and sticky fields are where the capture shows them.
    expect(order).toEqual(['scan', 'reveal', 'scan', 'capture', 'restore']);
    expect(native.calls.encode[0]).toMatchObject({
      crop: { x: 200, y: 400, width: 720, height: 440 },
      cover: { fields: [{ x: 240, y: 600, width: 200, height: 60 }], frames: [] },
    });
    // The field outside the selection is not counted.
    if (cut.outcome !== 'captured') throw new Error('not captured');
    expect(cut.page.redaction).toEqual({ fields: 1, frames: 0, scanned: 0 });
  });

  it('covers an embedded frame that could not be checked, and counts only the frames it shows', async () => {
    const { deps, calls } = await setup({
      coverage: async () =>
        scrolled({
          unchecked: [
            { x: 300, y: 1550, width: 100, height: 100 },
            // Beside the card: not on the image.
            { x: 900, y: 1500, width: 100, height: 100 },
          ],
        }),
    });
    const result = await captureElement(deps, TAB, 'element', TEXT);
    expect(calls.encode[0]?.cover).toEqual({
      fields: [],
      frames: [{ x: 400, y: 100, width: 200, height: 200 }],
    });
    expect(result).toMatchObject({ outcome: 'captured', path: 'dom', redacted: true });
    if (result.outcome !== 'captured') throw new Error('not captured');
    expect(result.page.redaction).toEqual({ fields: 0, frames: 1, scanned: 0 });
  });

  describe('a pick inside an embedded frame', () => {
    /**
     * The top document scrolled to 1300 shows a frame (frame id 3) with its content box at
     * (100, 50) of the viewport, 400×300, unscaled; the frame is scrolled to 200 inside itself and
     * shows a sensitive field at (20, 30) of its own viewport.
     */
    const framed = (fields: Rect[] = [{ x: 20, y: 30, width: 100, height: 20 }]) =>
      composeFrames([
        {
          frameId: 0,
          report: frameReport({
            scroll: { x: 0, y: 1300 },
            frames: [
              {
                slot: 0,
                content: { x: 100, y: 50, width: 400, height: 300 },
                outer: { x: 98, y: 48, width: 404, height: 304 },
                exact: true,
                reachable: true,
              },
            ],
          }),
        },
        {
          frameId: 3,
          report: frameReport({
            nonce: 'child-nonce',
            parent: { nonce: 'top-nonce', slot: 0 },
            top: false,
            viewport: { width: 400, height: 300 },
            scroll: { x: 0, y: 200 },
            fields,
          }),
        },
      ]);
    /** The picked element, in the frame's own document CSS px. */
    const inFrame = { x: 10, y: 220, width: 200, height: 100 };
    const framePick: FramePick = {
      frameId: 3,
      pick: {
        rect: inFrame,
        scroll: { x: 0, y: 200 },
        viewport: { width: 400, height: 300 },
        devicePixelRatio: 2,
      },
    };

    it("is rendered in its frame and covered where the render shows the frame's field", async () => {
      const rendered: number[] = [];
      const { deps, calls } = await setup({
        pick: async () => framePick,
        coverage: async () => framed(),
        renderElement: async (_tabId, frameId): Promise<DomRender> => (
          rendered.push(frameId),
          {
            ok: true,
            dataUrl: 'data:image/png;base64,DOM',
            width: 400,
            height: 200,
            rect: inFrame,
            transient: [],
            renderMs: 5,
          }
        ),
      });
      const result = await captureElement(deps, TAB, 'element', TEXT);
      expect(rendered).toEqual([3]);
      expect(result).toMatchObject({ path: 'dom', redacted: true });
      // The element shows at (110, 1370) of the top document, the field at (120, 1380): ×2.
      expect(calls.encode[0]?.cover).toEqual({
        fields: [{ x: 20, y: 20, width: 200, height: 40 }],
        frames: [],
      });
      if (result.outcome !== 'captured') throw new Error('not captured');
      // The step records the top document's viewport, not the frame's.
      expect(result.page).toMatchObject({
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 2,
        redaction: { fields: 1, frames: 0, scanned: 1 },
      });
    });

    it('falls back to a crop of the screen where the frame shows the element', async () => {
      const { deps, calls } = await setup({
        pick: async () => framePick,
        coverage: async () => framed(),
        renderElement: async () => ({ ok: false, reason: 'error', message: 'unsupported' }),
      });
      const result = await captureElement(deps, TAB, 'element', TEXT);
      expect(result).toMatchObject({ path: 'native', fallback: 'error', redacted: true });
      expect(calls.revealed).toEqual([{ x: 110, y: 1370, width: 200, height: 100 }]);
      expect(calls.encode[0]).toMatchObject({
        crop: { x: 220, y: 140, width: 400, height: 200 },
        cover: { fields: [{ x: 240, y: 160, width: 200, height: 40 }], frames: [] },
      });
    });

    // BUG (lib/capture/element.ts:214 with frame-tree.ts:124): the render of an element in a
    // frame shows all of it, but the frame's fields are clipped to the frame's viewport, so a
    // field of the element scrolled out of its frame is rendered uncovered. Flip to it() once
    // fixed.
    it('covers the frame’s fields the render shows beyond the frame’s viewport', async () => {
      const tall = { x: 10, y: 220, width: 200, height: 400 };
      // The frame's field below its viewport (client y 350), inside the picked element.
      const coverage = framed([{ x: 20, y: 350, width: 100, height: 20 }]);
      const { deps, calls } = await setup({
        pick: async () => ({ ...framePick, pick: { ...framePick.pick, rect: tall } }),
        coverage: async () => coverage,
        renderElement: async (): Promise<DomRender> => ({
          ok: true,
          dataUrl: 'data:image/png;base64,DOM',
          width: 200,
          height: 400,
          rect: tall,
          transient: [],
          renderMs: 5,
        }),
      });
      await captureElement(deps, TAB, 'element', TEXT);
      // The element shows at (110, 1370) of the top document; the field at (120, 1700).
      expect(calls.encode[0]?.cover.fields).toEqual([{ x: 10, y: 330, width: 100, height: 20 }]);
    });

    it('captures nothing when the frame is no longer on the page', async () => {
      const { deps, calls } = await setup({
        pick: async () => ({ ...framePick, frameId: 9 }),
        coverage: async () => framed(),
      });
      await expect(captureElement(deps, TAB, 'element', TEXT)).rejects.toMatchObject({
        reason: 'nothing-visible',
      });
      expect(calls.captured + calls.encode.length).toBe(0);
    });
  });

  it('fails closed: nothing when the field check, the capture or the picker fails', async () => {
    // The check fails before anything moved: nothing is captured or scrolled.
    const check = await setup({ coverage: () => Promise.reject(new Error('no access')) });
    await expect(captureElement(check.deps, TAB, 'element', TEXT)).rejects.toMatchObject({
      reason: 'capture-failed',
    });
    await expect(captureElement(check.deps, TAB, 'region', TEXT)).rejects.toMatchObject({
      reason: 'capture-failed',
    });
    expect(check.calls.captured).toBe(0);
    expect(check.calls.restored).toHaveLength(0);
    // The check after scrolling fails: nothing is captured, the scroll is put back.
    let checks = 0;
    const later = await setup({
      coverage: async () => {
        if (++checks > 1) throw new Error('Frame was removed');
        return scrolled();
      },
    });
    await expect(captureElement(later.deps, TAB, 'region', TEXT)).rejects.toMatchObject({
      reason: 'capture-failed',
    });
    expect(later.calls.revealed).toHaveLength(1);
    expect(later.calls.captured).toBe(0);
    expect(later.calls.restored).toHaveLength(1);

    const refused = await setup({
      pick: async () => topPick(CARD),
      captureVisibleTab: () => Promise.reject(new Error('Cannot access contents')),
    });
    await expect(captureElement(refused.deps, TAB, 'region', TEXT)).rejects.toMatchObject({
      reason: 'capture-failed',
    });
    expect(refused.calls.restored).toHaveLength(1);

    const closed = await setup({
      pick: () => Promise.reject(new Error('No tab with id: 7')),
      tabExists: async () => false,
    });
    await expect(captureElement(closed.deps, TAB, 'element', TEXT)).rejects.toMatchObject({
      reason: 'tab-closed',
    });

    const navigated = await setup({
      pick: () => Promise.reject(new Error('the page was left or reloaded while choosing')),
    });
    await expect(captureElement(navigated.deps, TAB, 'element', TEXT)).rejects.toMatchObject({
      reason: 'pick-failed',
      params: { message: 'the page was left or reloaded while choosing' },
    });

    const hidden = await setup({
      renderElement: async () => ({ ok: false, reason: 'gone', message: '' }),
      pick: async () => topPick({ x: -500, y: 1500, width: 100, height: 100 }),
      revealRect: async () => ({
        scroll: { x: 0, y: 1300 },
        restore: { x: 0, y: 1300 },
        viewport: { width: 1280, height: 800 },
        devicePixelRatio: 2,
      }),
    });
    await expect(captureElement(hidden.deps, TAB, 'element', TEXT)).rejects.toMatchObject({
      reason: 'nothing-visible',
    });
  });
});
