/**
 * Runs IN THE PAGE (bundled into the on-demand script entrypoints/element-capture.ts, isolated
 * world): renders the element the picker chose with html2canvas-pro, the maintained fork of
 * html2canvas that understands oklch()/oklab()/color-mix() colours, once its cloned document has
 * the page's stylesheets, fonts and images (settleClone).
 */
import html2canvas from 'html2canvas-pro';
import {
  DOM_RENDER_MAX_SIDE,
  DOM_RENDER_TIMEOUT_MS,
  PICKED_ELEMENT_KEY,
  type DomRender,
} from './picker';

const TRANSPARENT = /^(transparent|rgba\(0, 0, 0, 0\)|.*\/ 0\))$/;

/** The colour seen behind `element`: the first opaque-ish ancestor background, else white. */
function backdropOf(element: HTMLElement): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (colour && !TRANSPARENT.test(colour)) return colour;
  }
  return '#ffffff';
}

/**
 * html2canvas-pro polls its cloned document every 50 ms (iframeLoader) until it is "complete";
 * polling every 4 ms saves about 50 ms per render. That readiness check says nothing about the
 * clone's stylesheets, fonts or images, so the render waits for those itself (settleClone, run as
 * onclone). Only this isolated world's own setInterval is wrapped (the page's is untouched), and
 * only during the render.
 */
async function withQuickPolling<T>(run: () => Promise<T>): Promise<T> {
  const scope = globalThis as { setInterval: typeof setInterval };
  const original = scope.setInterval;
  scope.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
    original(handler, ms === 50 ? 4 : ms, ...args)) as typeof setInterval;
  try {
    return await run();
  } finally {
    scope.setInterval = original;
  }
}

/** How long the clone may take to load its stylesheets, fonts and images, at most. */
const SETTLE_LIMIT_MS = 2500;

/**
 * Whether `link`'s stylesheet arrived: true once it has loaded, false if it failed or `deadline`
 * came first.
 */
function sheetArrived(link: HTMLLinkElement, deadline: Promise<void>): Promise<boolean> {
  if (link.sheet) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      link.removeEventListener('load', onLoad);
      link.removeEventListener('error', onError);
      resolve(value);
    };
    const onLoad = () => done(true);
    const onError = () => done(false);
    link.addEventListener('load', onLoad);
    link.addEventListener('error', onError);
    void deadline.then(() => done(link.sheet !== null));
  });
}

/** The stylesheet links (resolved hrefs) whose sheet the page has: the clone must load them too. */
function loadedSheetLinks(page: Document): Set<string> {
  const hrefs = new Set<string>();
  for (const link of page.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i]')) {
    if (link.sheet) hrefs.add(link.href);
  }
  return hrefs;
}

/** Font faces the page has loaded, as "family|style|weight|stretch" keys. */
function loadedFaces(page: Document): Set<string> {
  const keys = new Set<string>();
  page.fonts.forEach((face) => {
    if (face.status === 'loaded') keys.add(faceKey(face));
  });
  return keys;
}

const faceKey = (face: FontFace) =>
  [face.family.replace(/^["']|["']$/g, ''), face.style, face.weight, face.stretch].join('|');

/**
 * Makes html2canvas-pro's cloned document look like the page before it is read. The clone (an
 * about:blank iframe) gets the page's nodes only after its document was closed, so its load event
 * and readyState do not wait for them: its <link rel=stylesheet> elements fetch their sheets again
 * (no-store or uncached sheets from the network), its @font-face fonts start loading only once
 * those sheets apply, and html2canvas-pro's own `fonts.ready` wait ran while no font was pending
 * yet. Reading the clone then gives unstyled boxes (default grey buttons, images at their natural
 * size) and text laid out in a fallback font. So: wait for every sheet the page has, then load the
 * font faces the page has loaded, then the clone's images in the element. Throws when the sheets
 * did not arrive in time, so the extension crops a native capture instead.
 */
async function settleClone(
  page: Document,
  clone: Document,
  element: HTMLElement,
  signal: AbortSignal,
): Promise<void> {
  const sheets = loadedSheetLinks(page);
  const faces = loadedFaces(page);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SETTLE_LIMIT_MS);
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    const links = [...clone.querySelectorAll<HTMLLinkElement>('link[rel~="stylesheet" i]')].filter(
      (link) => sheets.has(link.href),
    );
    const loaded = await Promise.all(links.map((link) => sheetArrived(link, deadline)));
    if (signal.aborted) return;
    if (loaded.includes(false)) {
      throw new Error("the page's stylesheets did not load in the copy it is rendered from");
    }
    // The sheets apply now: load every face the page uses (the clone would only ask for them
    // while laying out, after html2canvas-pro's font wait), and let layout settle on them.
    const pending: Promise<unknown>[] = [];
    clone.fonts.forEach((face) => {
      if (face.status !== 'loaded' && faces.has(faceKey(face))) {
        pending.push(face.load().catch(() => undefined));
      }
    });
    element.getBoundingClientRect();
    await Promise.race([Promise.all(pending).then(() => clone.fonts.ready), deadline]);
    const images = [...element.querySelectorAll('img')].filter((image) => !image.complete);
    await Promise.race([
      Promise.all(images.map((image) => image.decode().catch(() => undefined))),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The box (document CSS px) of what the screen shows there only because of focus: the focused
 * element inside `element`, grown by its focus ring (outline width and offset, at least 3 px).
 * A render never draws the ring or the text caret, so the fidelity check leaves that box out.
 */
function focusBox(element: HTMLElement) {
  // Focus inside a shadow root shows here as its host, whose box holds the focused part.
  const focused = document.activeElement;
  if (!focused || focused === document.body || !element.contains(focused)) return null;
  const style = getComputedStyle(focused);
  const ring =
    (parseFloat(style.outlineWidth) || 0) + Math.max(0, parseFloat(style.outlineOffset) || 0);
  const grow = Math.max(3, ring + 1);
  const box = focused.getBoundingClientRect();
  return {
    x: box.left + scrollX - grow,
    y: box.top + scrollY - grow,
    width: box.width + 2 * grow,
    height: box.height + 2 * grow,
  };
}

/**
 * Takes the picked element (and forgets it) and renders it at the device pixel ratio. Never
 * throws: a failure or a render longer than DOM_RENDER_TIMEOUT_MS (aborted, its hidden clone
 * removed) comes back as `{ ok: false }` so the extension can crop a native capture instead.
 */
export async function renderPickedElement(timeoutMs = DOM_RENDER_TIMEOUT_MS): Promise<DomRender> {
  const scope = globalThis as unknown as Record<string, unknown>;
  const element = scope[PICKED_ELEMENT_KEY];
  delete scope[PICKED_ELEMENT_KEY];
  if (!(element instanceof HTMLElement) || !element.isConnected) {
    return { ok: false, reason: 'gone', message: 'The element left the page before rendering.' };
  }
  const box = element.getBoundingClientRect();
  const scale = devicePixelRatio || 1;
  if (Math.max(box.width, box.height) * scale > DOM_RENDER_MAX_SIDE) {
    return { ok: false, reason: 'too-large', message: 'The element is too large to render.' };
  }
  const rect = {
    x: box.left + scrollX,
    y: box.top + scrollY,
    width: box.width,
    height: box.height,
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const start = performance.now();
  try {
    const canvas = await withQuickPolling(() =>
      html2canvas(element, {
        scale,
        backgroundColor: backdropOf(element),
        logging: false,
        // Only what the page already shows: no proxy, no CORS re-fetch, no tainted canvas.
        useCORS: false,
        allowTaint: false,
        imageTimeout: Math.min(2000, timeoutMs),
        // The clone's frame has no scrollbar (html2canvas-pro sets scrolling="no"): given the
        // window's full width it lays the page out wider than the page itself wherever a
        // classic scrollbar takes room (Firefox, or Chromium without overlay scrollbars), and
        // every full-width element came out a scrollbar wider than on screen. The page's own
        // layout width is the viewport without its scrollbar.
        windowWidth: document.documentElement.clientWidth || innerWidth,
        signal: controller.signal,
        onclone: (clone, cloned) => settleClone(document, clone, cloned, controller.signal),
      }),
    );
    const renderMs = performance.now() - start;
    // Throws (SecurityError) if a cross-origin image slipped in: the caller falls back.
    const dataUrl = canvas.toDataURL('image/png');
    const transient = focusBox(element);
    return {
      ok: true,
      dataUrl,
      width: canvas.width,
      height: canvas.height,
      rect,
      transient: transient ? [transient] : [],
      renderMs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'error', message };
  } finally {
    clearTimeout(timer);
  }
}
