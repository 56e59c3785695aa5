/**
 * Element and region capture: pick in the page → render the element from the DOM (html2canvas-pro)
 * or crop a native capture → cover sensitive fields → encode. Returns the records of the step;
 * storing them is the capture service's job. Browser and page access come in through deps, so
 * this runs in Node tests.
 */
import type { EncodedImage, WalkedTab } from '../model';
import { captureFailure, type CapturedPage, type Redaction } from './captured';
import { CaptureError } from './errors';
import { compareImages, mismatch, type Fidelity, type RgbaImage } from './fidelity';
import { frameToTop, type TabCoverage } from './frame-tree';
import { CAPTURE_QUALITY } from './visible';
import { coverBoxes, intersect, toImagePixels, type Rect } from '../geometry';
import type { CapturePacer } from './pacer';
import { coverBoxesFor, type CoverBoxes } from './redact';
import {
  DOM_RENDER_TIMEOUT_MS,
  type DomFailure,
  type DomRender,
  type PagePick,
  type PageView,
  type PickerText,
  type PickMode,
} from './picker';

export type { DomFailure, DomRender, PagePick, PageView, PickerText, PickMode } from './picker';

/** Extra time the panel waits past the page's own render time limit (injection, transfer). */
const DOM_RENDER_GRACE_MS = 1500;

export interface ElementCaptureDeps {
  tabExists(tabId: number): Promise<boolean>;
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  pacer: CapturePacer;
  /**
   * Shows the picker in the tab — element mode in every frame, region mode over the top document
   * (picker.ts pickInPage) — and says in which frame the auditor chose (0: the top document;
   * the pick is in that frame's document CSS px); null when the auditor cancelled. Rejects when
   * the picker could not run or the page was left while choosing.
   */
  pick(tabId: number, mode: PickMode, text: PickerText): Promise<FramePick | null>;
  /** Renders the picked element in its frame (element-render.ts); never rejects on a render error. */
  renderElement(tabId: number, frameId: number): Promise<DomRender>;
  /** Scrolls the tab so the rect is on screen (picker.ts revealRect). */
  revealRect(tabId: number, rect: Rect): Promise<PageView>;
  restoreScroll(tabId: number, position: { x: number; y: number }): Promise<void>;
  /**
   * Decodes `source` (a data URL), covers `cover` with solid black (holding back the original
   * pixels of unchecked frames), cuts `crop` (null: keep the whole image) and encodes it. Rects
   * are in pixels of an image of size `frame` (null: the source's own size); a source of another
   * size (emulated or zoomed screen) is mapped to it.
   */
  encode(
    source: string,
    crop: Rect | null,
    cover: CoverBoxes,
    frame: { width: number; height: number } | null,
  ): Promise<EncodedImage>;
  /** What to cover in every frame of the tab, in top-document CSS px (the page agent). */
  coverage(tabId: number): Promise<TabCoverage>;
  sleep(ms: number): Promise<void>;
  now(): number;
  /** Defaults to DOM_RENDER_TIMEOUT_MS plus a grace period for the injection. */
  domTimeoutMs?: number;
  /**
   * Decodes an image (encode.ts decodePixels) for the fidelity check; rejects when the capture is
   * not of size `frame`. Absent: the DOM render is kept unchecked.
   */
  decodePixels?(
    source: string,
    crop: Rect | null,
    frame: { width: number; height: number } | null,
  ): Promise<RgbaImage>;
}

/** What the auditor chose, and in which frame of the tab (0: the top document). */
export interface FramePick {
  frameId: number;
  /** In that frame's own document CSS px, scroll, viewport and pixel ratio. */
  pick: PagePick;
}

/** Why the DOM render was not used: the page's reason, or 'mismatch' (it did not look like the screen). */
export type ElementFallback = DomFailure | 'mismatch';

export type ElementCapture =
  | { outcome: 'cancelled'; mode: PickMode }
  | {
      outcome: 'captured';
      mode: PickMode;
      page: CapturedPage;
      /** 'dom': rendered from the page by html2canvas-pro; 'native': cut from captureVisibleTab. */
      path: 'dom' | 'native';
      /** Why the DOM render was not used (element mode only). */
      fallback: ElementFallback | null;
      /** How the DOM render compared with a screenshot of the element, when it could be checked. */
      fidelity: Fidelity | null;
      /** Only the part of the element that fits on screen was captured. */
      clipped: boolean;
      redacted: boolean;
    };

/** The element left its frame, or its frame left the page, between the pick and the capture. */
function elementGone(): CaptureError {
  return new CaptureError(
    'nothing-visible',
    'The chosen element is not visible on the screen, so there is nothing to capture.',
  );
}

/**
 * The pick in top-document terms: a pick in an embedded frame is mapped through the frames that
 * show it (their offsets, scales and scroll positions) to where it shows in the top document.
 */
function pickInTop(chosen: FramePick, coverage: TabCoverage): PagePick {
  if (chosen.frameId === 0) return chosen.pick;
  const rect = frameToTop(coverage, chosen.frameId, chosen.pick.rect);
  if (!rect) throw elementGone();
  return {
    rect,
    scroll: coverage.scroll,
    viewport: coverage.viewport,
    devicePixelRatio: chosen.pick.devicePixelRatio,
  };
}

/**
 * What a render of an element in `frameId` shows to cover: that frame's fields whole (the render
 * draws all of the element, also where the frame's viewport cuts it off), the rest as shown.
 */
function renderCoverage(
  coverage: TabCoverage,
  frameId: number,
): Pick<TabCoverage, 'fields' | 'frames'> {
  const own = coverage.frameFields.get(frameId);
  if (!own || frameId === 0) return coverage;
  const shown = new Set(own.shown);
  return {
    fields: [...coverage.fields.filter((field) => !shown.has(field)), ...own.whole],
    frames: coverage.frames,
  };
}

/** A render made in an embedded frame, in top-document CSS px (see pickInTop). */
function renderInTop(
  dom: Extract<DomRender, { ok: true }>,
  frameId: number,
  coverage: TabCoverage,
): Extract<DomRender, { ok: true }> | null {
  if (frameId === 0) return dom;
  const rect = frameToTop(coverage, frameId, dom.rect);
  if (!rect) return null;
  const transient = dom.transient
    .map((box) => frameToTop(coverage, frameId, box))
    .filter((box): box is Rect => box !== null);
  return { ...dom, rect, transient };
}

/**
 * Where to cut a capture of the viewport: the part of `rect` (document CSS px) on screen at
 * `view`'s scroll position, in capture pixels (CSS px × device pixel ratio). Null when none of it is.
 */
export function viewportCrop(
  rect: Rect,
  view: Pick<PageView, 'scroll' | 'viewport' | 'devicePixelRatio'>,
): { crop: Rect; clipped: boolean } | null {
  const screen = { ...view.scroll, ...view.viewport };
  const visible = intersect(rect, screen);
  if (!visible) return null;
  const dpr = view.devicePixelRatio;
  const image = {
    width: Math.round(view.viewport.width * dpr),
    height: Math.round(view.viewport.height * dpr),
  };
  const crop = toImagePixels(visible, { origin: view.scroll, scale: dpr, image });
  if (!crop) return null;
  const clipped = visible.width < rect.width - 0.5 || visible.height < rect.height - 0.5;
  return { crop, clipped };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Lets the auditor pick an element or drag a region in `tab` and captures it (screenshot mode
 * 'element'). An element is rendered from the DOM; when that fails or takes too long — and always
 * for a region — the native capture is cropped instead. Returns `cancelled` when the auditor
 * pressed Esc; throws CaptureError on failure.
 */
export async function captureElement(
  deps: ElementCaptureDeps,
  tab: WalkedTab,
  mode: PickMode,
  text: PickerText,
): Promise<ElementCapture> {
  let chosen: FramePick | null;
  try {
    chosen = await deps.pick(tab.tabId, mode, text);
  } catch (cause) {
    const failure = await captureFailure(cause, tab, deps.tabExists);
    if (failure.reason === 'tab-closed') throw failure;
    throw new CaptureError(
      'pick-failed',
      `Choosing on the page did not finish (${message(cause)}).`,
      {
        cause,
        params: { message: message(cause) },
      },
    );
  }
  if (!chosen) return { outcome: 'cancelled', mode };
  const at = deps.now();

  let fallback: ElementFallback | null = null;
  let fidelity: Fidelity | null = null;
  let rendered: Rendered | null = null;
  // Every frame is checked as the renderer sees the page (it does not scroll).
  const coverage = await scanSensitive(deps, tab.tabId);
  const pick = pickInTop(chosen, coverage);
  if (mode === 'element') {
    const reply = await renderWithin(deps, tab.tabId, chosen.frameId);
    const dom = reply.ok ? renderInTop(reply, chosen.frameId, coverage) : null;
    if (reply.ok && !dom) throw elementGone();
    if (dom) {
      const check = await checkFidelity(deps, tab, pick, dom);
      fidelity = check.fidelity;
      if (check.verdict === 'mismatch') {
        // The render does not look like the page: the screenshot is the evidence.
        fallback = 'mismatch';
      } else {
        const scale = dom.width / Math.max(1, dom.rect.width);
        const cover = coverBoxesFor(renderCoverage(coverage, chosen.frameId), {
          origin: dom.rect,
          scale,
          image: dom,
        });
        try {
          const image = await deps.encode(dom.dataUrl, null, cover, null);
          rendered = {
            image: { ...image, redacted: covers(cover) },
            path: 'dom',
            clipped: false,
            redaction: { fields: cover.fields.length, frames: cover.frames.length },
          };
        } catch {
          fallback = 'error';
        }
      }
    } else if (!reply.ok) {
      fallback = reply.reason;
    }
  }
  rendered ??= await cropNative(deps, tab, pick.rect);

  const { image, path, clipped } = rendered;
  return {
    outcome: 'captured',
    mode,
    page: {
      url: tab.url,
      title: tab.title,
      at,
      viewport: {
        width: Math.max(1, Math.round(pick.viewport.width)),
        height: Math.max(1, Math.round(pick.viewport.height)),
      },
      devicePixelRatio: pick.devicePixelRatio,
      images: [{ ...image, mode: 'element' }],
      redaction: { ...rendered.redaction, scanned: coverage.scanned },
    },
    path,
    fallback,
    fidelity,
    clipped,
    redacted: image.redacted === true,
  };
}

/** An element or region image and how it was made. */
interface Rendered {
  image: EncodedImage;
  path: 'dom' | 'native';
  clipped: boolean;
  redaction: Omit<Redaction, 'scanned'>;
}

const covers = (boxes: CoverBoxes) => boxes.fields.length > 0 || boxes.frames.length > 0;

interface FidelityCheck {
  verdict: 'match' | 'mismatch' | 'unchecked';
  fidelity: Fidelity | null;
}

/**
 * Compares the DOM render with a native capture of the same element when it is wholly on screen
 * where it was picked (nothing scrolls for this). Both images stay in memory, unredacted, and are
 * never stored. Never throws: when the check cannot run, the render is kept.
 */
async function checkFidelity(
  deps: ElementCaptureDeps,
  tab: WalkedTab,
  pick: PagePick,
  dom: Extract<DomRender, { ok: true }>,
): Promise<FidelityCheck> {
  const unchecked: FidelityCheck = { verdict: 'unchecked', fidelity: null };
  if (!deps.decodePixels) return unchecked;
  const cut = viewportCrop(dom.rect, pick);
  if (!cut || cut.clipped) return unchecked;
  const dpr = pick.devicePixelRatio;
  const frame = {
    width: Math.round(pick.viewport.width * dpr),
    height: Math.round(pick.viewport.height * dpr),
  };
  try {
    const shot = await deps.pacer.run(() => deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY));
    const [render, crop] = await Promise.all([
      deps.decodePixels(dom.dataUrl, null, null),
      deps.decodePixels(shot, cut.crop, frame),
    ]);
    // The focus ring and caret are on the screen only; a render never draws them.
    const ignore = coverBoxes(dom.transient, dom.rect, dpr, crop);
    const fidelity = compareImages(render, crop, { scale: dpr, ignore });
    return { verdict: mismatch(fidelity) ? 'mismatch' : 'match', fidelity };
  } catch {
    return unchecked;
  }
}

/** The DOM render, or a timeout failure if the page does not answer in time. */
async function renderWithin(
  deps: ElementCaptureDeps,
  tabId: number,
  frameId: number,
): Promise<DomRender> {
  const limit = deps.domTimeoutMs ?? DOM_RENDER_TIMEOUT_MS + DOM_RENDER_GRACE_MS;
  const timeout = deps
    .sleep(limit)
    .then((): DomRender => ({ ok: false, reason: 'timeout', message: `over ${limit} ms` }));
  const render = deps
    .renderElement(tabId, frameId)
    .then(
      (result): DomRender =>
        result ?? { ok: false, reason: 'error', message: 'The page returned no image.' },
    )
    .catch(
      (error: unknown): DomRender => ({ ok: false, reason: 'error', message: message(error) }),
    );
  return Promise.race([render, timeout]);
}

/** What to cover in every frame; fails closed (no capture) when the check fails. */
async function scanSensitive(deps: ElementCaptureDeps, tabId: number): Promise<TabCoverage> {
  try {
    return await deps.coverage(tabId);
  } catch (cause) {
    throw new CaptureError(
      'capture-failed',
      `Could not check the page for fields to cover (${message(cause)}).`,
      { cause, params: { message: message(cause) } },
    );
  }
}

/**
 * Scrolls the rect into view if needed, finds the fields to cover at that scroll position (fixed
 * and sticky fields move with it), captures the tab, puts the scroll back, crops.
 */
async function cropNative(
  deps: ElementCaptureDeps,
  tab: WalkedTab,
  rect: Rect,
): Promise<Rendered & { path: 'native' }> {
  let view: PageView;
  try {
    view = await deps.revealRect(tab.tabId, rect);
  } catch (cause) {
    throw await captureFailure(cause, tab, deps.tabExists);
  }
  let dataUrl: string;
  let coverage: TabCoverage;
  try {
    coverage = await scanSensitive(deps, tab.tabId);
    try {
      dataUrl = await deps.pacer.run(() => deps.captureVisibleTab(tab.windowId, CAPTURE_QUALITY));
    } catch (cause) {
      throw await captureFailure(cause, tab, deps.tabExists);
    }
  } finally {
    await deps.restoreScroll(tab.tabId, view.restore).catch(() => undefined);
  }
  const cut = viewportCrop(rect, view);
  if (!cut) throw elementGone();
  const dpr = view.devicePixelRatio;
  const image = {
    width: Math.round(view.viewport.width * dpr),
    height: Math.round(view.viewport.height * dpr),
  };
  const all = coverBoxesFor(coverage, { origin: coverage.scroll, scale: dpr, image });
  const inCrop = (boxes: Rect[]) => boxes.filter((box) => intersect(box, cut.crop));
  const cover = { fields: inCrop(all.fields), frames: inCrop(all.frames) };
  let encoded: EncodedImage;
  try {
    encoded = await deps.encode(dataUrl, cut.crop, cover, image);
  } catch (cause) {
    throw new CaptureError(
      'capture-failed',
      `The capture could not be cut to the selection (${message(cause)}).`,
      { cause, params: { message: message(cause) } },
    );
  }
  return {
    image: { ...encoded, redacted: covers(cover) },
    path: 'native',
    clipped: cut.clipped,
    redaction: { fields: cover.fields.length, frames: cover.frames.length },
  };
}
