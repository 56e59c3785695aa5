/**
 * The page side of full-page capture: runs IN THE WALKED TAB (the extension's isolated world),
 * bundled into the on-demand page agent (entrypoints/page-agent.ts). Its state lives in an
 * isolated-world global between calls and is removed by `restore`, which puts back every style
 * it changed and the auditor's scroll position.
 */
import type { PageMetrics, PinnedInView, ScrollArea } from './replies';

/** An inline style the capture changed, to put back as it was. */
interface SavedStyle {
  element: HTMLElement;
  property: string;
  value: string;
  priority: string;
  hadStyle: boolean;
}

/** A fixed or sticky element, with its own inline visibility saved before the capture hid it. */
interface Pinned extends Omit<SavedStyle, 'property'> {
  position: 'fixed' | 'sticky';
  anchor: 'top' | 'bottom';
  /** Over the content rather than part of the page's frame (see isOverlay). */
  overlay: boolean;
}

/**
 * Whether a pinned element lies over the content (a cookie bar, a chat button, a promo, a dialog)
 * rather than framing it: every fixed element but a site header — one at the window's top edge,
 * nearly its full width and at most a quarter of its height. Sticky elements scroll with the
 * page's flow until they stick (section headings, table heads, a header bar): part of the page.
 */
export function isOverlay(
  position: 'fixed' | 'sticky',
  box: { top: number; width: number; height: number },
  viewport: { width: number; height: number },
): boolean {
  if (position === 'sticky') return false;
  const header =
    box.top <= 1 && box.width >= viewport.width * 0.9 && box.height <= viewport.height * 0.25;
  return !header;
}

interface State {
  scrollX: number;
  scrollY: number;
  saved: SavedStyle[];
  pinned: Pinned[];
  /** The capture's token: its link to the extension (a runtime Port) is named after it. */
  token: string;
  /** Restores the page when no instruction came for this long (ms); 0: no watchdog. */
  watchdogMs: number;
  watchdog: ReturnType<typeof setTimeout> | null;
  /** The scrolling area taken when the document does not scroll; null: the document. */
  area: TakenArea | null;
}

/** A scrolling area being captured, and what it changed around it. */
interface TakenArea {
  element: HTMLElement;
  label: string;
  index: number;
  count: number;
  labels: string[];
  scrollLeft: number;
  scrollTop: number;
  /** The visibility of what lies beside the area (headers, side bars), hidden on later tiles. */
  around: SavedStyle[];
  /**
   * Its largest list, whose children are counted as rows; the rows seen, by their place in the
   * list (a virtualised list makes new elements for the same rows as it scrolls).
   */
  list: Element;
  rows: Set<number>;
  /** Elements of it seen at the start; one gone while it scrolled: it renders only what shows. */
  sample: Element[];
  virtualised: boolean;
}

/** Scrolling areas smaller than this (CSS px, either side) are not offered: a select, a ticker. */
const MIN_AREA_PX = 100;

/** The page's scrolling areas (content taller than their box), largest visible area first. */
export function scrollingAreas(): HTMLElement[] {
  const found: { element: HTMLElement; visible: number }[] = [];
  const width = window.innerWidth;
  const height = window.innerHeight;
  for (const element of document.body?.querySelectorAll<HTMLElement>('*') ?? []) {
    if (element.scrollHeight <= element.clientHeight + 1) continue;
    if (element.clientHeight < MIN_AREA_PX || element.clientWidth < MIN_AREA_PX) continue;
    const overflow = getComputedStyle(element).overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll' && overflow !== 'overlay') continue;
    const box = element.getBoundingClientRect();
    const visible =
      Math.max(0, Math.min(box.right, width) - Math.max(box.left, 0)) *
      Math.max(0, Math.min(box.bottom, height) - Math.max(box.top, 0));
    if (visible > 0) found.push({ element, visible });
  }
  return found.sort((a, b) => b.visible - a.visible).map((entry) => entry.element);
}

/** How the auditor is told which area: its accessible name, else its tag with id or class. */
function labelOf(element: HTMLElement): string {
  const named = element.getAttribute('aria-label')?.trim();
  const tag = element.tagName.toLowerCase();
  if (named) return `${tag} “${named.slice(0, 80)}”`;
  if (element.id) return `${tag}#${element.id.slice(0, 80)}`;
  const classes = [...element.classList].slice(0, 2).join('.');
  return (classes ? `${tag}.${classes}` : tag).slice(0, 120);
}

/** Whether the document itself scrolls (then the capture walks the document, as always). */
function documentScrolls(): boolean {
  const scroller = document.scrollingElement ?? document.documentElement;
  return scroller.scrollHeight > scroller.clientHeight + 1;
}

/** The element of `root` (or root) with the most element children: its list. */
function largestList(root: Element): Element {
  let best = root;
  for (const element of root.querySelectorAll('*')) {
    if (element.childElementCount > best.childElementCount) best = element;
  }
  return best;
}

function takeArea(element: HTMLElement, areas: HTMLElement[], state: State): TakenArea {
  const around: SavedStyle[] = [];
  for (let node: Element = element; node.parentElement && node !== document.body; ) {
    const parent: Element = node.parentElement;
    for (const sibling of parent.children) {
      if (sibling === node || !(sibling instanceof HTMLElement)) continue;
      if (/^(SCRIPT|STYLE|LINK|META|TEMPLATE)$/.test(sibling.tagName)) continue;
      around.push(saveStyle(sibling, 'visibility'));
    }
    node = parent;
  }
  state.saved.push(saveStyle(element, 'scroll-behavior'));
  element.style.setProperty('scroll-behavior', 'auto', 'important');
  const list = largestList(element);
  const taken: TakenArea = {
    element,
    label: labelOf(element),
    index: areas.indexOf(element),
    count: areas.length,
    labels: areas.slice(0, 20).map(labelOf),
    scrollLeft: element.scrollLeft,
    scrollTop: element.scrollTop,
    around,
    list,
    rows: new Set(),
    sample: [...element.querySelectorAll('*')].slice(0, 2000),
    virtualised: false,
  };
  watchArea(taken);
  return taken;
}

/** Notes what the area shows now: its list's rows, and whether rows seen at the start went away. */
function watchArea(area: TakenArea): void {
  const top = area.list.getBoundingClientRect().top;
  for (const row of area.list.children) {
    const box = row.getBoundingClientRect();
    if (box.height > 0) area.rows.add(Math.round(box.top - top));
  }
  if (!area.virtualised && area.sample.some((element) => !element.isConnected)) {
    area.virtualised = true;
  }
}

function scrollTarget(state: State, y: number): void {
  if (state.area) state.area.element.scrollTo({ left: 0, top: y, behavior: 'instant' });
  else window.scrollTo({ left: 0, top: y, behavior: 'instant' });
}

const holder = globalThis as unknown as {
  __touchpointAuditFullPage?: State;
  __touchpointAuditFullPageAbandoned?: (token: string) => void;
};

/**
 * Called with the capture's token when the page gave itself back because the capture was cut
 * off (its link dropped, or its watchdog fired): the agent then tells the extension.
 */
export function whenAbandoned(listener: (token: string) => void): void {
  holder.__touchpointAuditFullPageAbandoned = listener;
}

/** An instruction is being carried out: the watchdog waits until it is done. */
function hold(state: State): void {
  if (state.watchdog !== null) clearTimeout(state.watchdog);
  state.watchdog = null;
}

/** Waits for the next instruction: if none comes within the watchdog time, the page is restored. */
function wait(state: State): void {
  hold(state);
  if (state.watchdogMs > 0) {
    state.watchdog = setTimeout(() => abandon(state.token), state.watchdogMs);
  }
}

/**
 * The capture `token` was cut off (the extension context running it stopped, or it went silent):
 * puts the page back as it found it. True if there was anything to put back.
 */
export function abandon(token: string): boolean {
  const state = holder.__touchpointAuditFullPage;
  if (!state || state.token !== token) return false;
  restore();
  holder.__touchpointAuditFullPageAbandoned?.(token);
  return true;
}

function saveStyle(element: HTMLElement, property: string): SavedStyle {
  return {
    element,
    property,
    value: element.style.getPropertyValue(property),
    priority: element.style.getPropertyPriority(property),
    hadStyle: element.hasAttribute('style'),
  };
}

function putBack(item: SavedStyle): void {
  if (item.value) item.element.style.setProperty(item.property, item.value, item.priority);
  else item.element.style.removeProperty(item.property);
  // No empty style="" left where there was no style attribute.
  if (!item.hadStyle && !item.element.style.length) {
    // Chromium writes CSSOM changes to the attribute lazily: flush first, or it comes back.
    item.element.getAttribute('style');
    item.element.removeAttribute('style');
  }
}

function undo(state: State): void {
  for (const pinned of state.pinned) putBack({ ...pinned, property: 'visibility' });
  for (const item of state.area?.around ?? []) putBack(item);
  if (state.area) {
    const { element, scrollLeft, scrollTop } = state.area;
    element.scrollTo({ left: scrollLeft, top: scrollTop, behavior: 'instant' });
  }
  for (const saved of [...state.saved].reverse()) putBack(saved);
}

function metrics(): PageMetrics {
  const scroller = document.scrollingElement ?? document.documentElement;
  const taken = holder.__touchpointAuditFullPage?.area;
  const page = {
    pageHeight: scroller.scrollHeight,
    viewportWidth: scroller.clientWidth,
    viewportHeight: scroller.clientHeight,
    innerWidth: window.innerWidth,
    scrollY: window.scrollY,
    visible: document.visibilityState === 'visible',
  };
  if (!taken) return page;
  const { element } = taken;
  const box = element.getBoundingClientRect();
  const area: ScrollArea = {
    label: taken.label,
    index: taken.index,
    count: taken.count,
    labels: taken.labels,
    top: box.top + element.clientTop,
    left: box.left + element.clientLeft,
    width: element.clientWidth,
    virtualised: taken.virtualised,
    rows: taken.rows.size,
  };
  return {
    ...page,
    pageHeight: element.scrollHeight,
    viewportHeight: element.clientHeight,
    scrollY: element.scrollTop,
    area,
  };
}

const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (at most `timeoutMs`) until `images` are loaded and decoded; broken ones do not block. */
async function imagesReady(images: HTMLImageElement[], timeoutMs: number): Promise<void> {
  const loaded = (image: HTMLImageElement) =>
    image.complete
      ? Promise.resolve()
      : new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', resolve, { once: true });
        });
  await Promise.race([
    Promise.all(
      images.map((image) =>
        loaded(image).then(() => (image.naturalWidth ? image.decode().catch(() => {}) : null)),
      ),
    ),
    sleep(timeoutMs),
  ]);
}

/** Saves the scroll position and styles it will change, turns smooth scrolling off, goes to the top. */
export function prepare(token = '', watchdogMs = 0, areaIndex = 0): PageMetrics {
  // A capture that never finished (its panel was closed): undo it, keep its original position.
  const stale = holder.__touchpointAuditFullPage;
  if (stale) {
    hold(stale);
    undo(stale);
  }
  const state: State = {
    scrollX: stale?.scrollX ?? window.scrollX,
    scrollY: stale?.scrollY ?? window.scrollY,
    saved: [],
    pinned: [],
    token,
    watchdogMs,
    watchdog: null,
    area: null,
  };
  holder.__touchpointAuditFullPage = state;
  for (const element of [document.documentElement, document.body]) {
    if (!element) continue;
    state.saved.push(saveStyle(element, 'scroll-behavior'));
    element.style.setProperty('scroll-behavior', 'auto', 'important');
  }
  window.scrollTo({ left: 0, top: 0, behavior: 'instant' });
  // The document does not scroll but an area does (an app layout): that area is taken.
  if (!documentScrolls()) {
    const areas = scrollingAreas();
    const chosen = areas[areaIndex] ?? areas[0];
    if (chosen) {
      state.area = takeArea(chosen, areas, state);
      scrollTarget(state, 0);
    }
  }
  wait(state);
  return metrics();
}

/**
 * Scrolls to `y`, lets a frame render, and lists the page's fixed and sticky elements (those found
 * earlier first, in the same order) with whether each is on screen now.
 */
export async function scrollAndScan(y: number): Promise<PinnedInView[] | null> {
  const state = holder.__touchpointAuditFullPage;
  if (!state) return null;
  hold(state);
  scrollTarget(state, y);
  await frame();
  if (state.area) watchArea(state.area);
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
    const box = element.getBoundingClientRect();
    const overlay = isOverlay(position, box, {
      width: document.documentElement.clientWidth,
      height: viewportHeight,
    });
    const { value, priority, hadStyle } = saveStyle(element, 'visibility');
    state.pinned.push({ element, position, anchor, overlay, value, priority, hadStyle });
  }
  if (holder.__touchpointAuditFullPage !== state) return null;
  wait(state);
  return state.pinned.map(({ element, position, anchor, overlay }) => {
    const box = element.getBoundingClientRect();
    const inView = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < viewportHeight;
    return { position, anchor, overlay, inView };
  });
}

/**
 * Shows or hides each pinned element (same order as scrollAndScan), waits until the images on
 * screen are loaded and decoded (bounded), lets a frame render, and returns the page's sizes.
 */
export async function showTile(
  shown: boolean[],
  imageTimeoutMs: number,
  showAround = true,
): Promise<PageMetrics | null> {
  const state = holder.__touchpointAuditFullPage;
  if (!state) return null;
  hold(state);
  state.pinned.forEach((pinned, index) => {
    if (shown[index] === false) {
      pinned.element.style.setProperty('visibility', 'hidden', 'important');
    } else {
      putBack({ ...pinned, property: 'visibility' });
    }
  });
  // A scrolling area's surroundings (header, side bars) show on the first tile only.
  for (const item of state.area?.around ?? []) {
    if (showAround) putBack(item);
    else item.element.style.setProperty('visibility', 'hidden', 'important');
  }
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
  await imagesReady(onScreen, imageTimeoutMs);
  await frame();
  if (holder.__touchpointAuditFullPage !== state) return null;
  wait(state);
  return metrics();
}

/**
 * Scrolls through the whole page one viewport per frame so lazy loaders fire (native loading=lazy
 * and IntersectionObserver/data-src scripts), then waits (bounded) for every started image to load
 * and decode. Returns the page's sizes once the layout has settled.
 */
export async function loadLazyContent(
  maxHeight: number,
  budgetMs: number,
  imageTimeoutMs: number,
): Promise<PageMetrics | null> {
  const state = holder.__touchpointAuditFullPage;
  if (!state) return null;
  hold(state);
  const scroller = state.area?.element ?? document.scrollingElement ?? document.documentElement;
  const started = performance.now();
  let y = state.area ? scroller.scrollTop : window.scrollY;
  for (;;) {
    const bottom = Math.min(scroller.scrollHeight, maxHeight) - scroller.clientHeight;
    if (y >= bottom || performance.now() - started > budgetMs) break;
    // Cancelled and restored meanwhile: stop scrolling the auditor's page.
    if (holder.__touchpointAuditFullPage !== state) return null;
    y = Math.min(y + scroller.clientHeight, bottom);
    scrollTarget(state, y);
    await frame();
    if (state.area) watchArea(state.area);
  }
  await frame();
  // Images that started loading; a lazy image never scrolled near (e.g. in a closed carousel)
  // stays deferred, so only images in the viewport's columns are waited for.
  const width = window.innerWidth;
  const pending = [...document.images].filter((image) => {
    const box = image.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.right > 0 && box.left < width;
  });
  await imagesReady(pending, imageTimeoutMs);
  // Back to the top: fixed elements then sit where the first tile shows them (for redaction).
  if (holder.__touchpointAuditFullPage !== state) return null;
  scrollTarget(state, 0);
  await frame();
  if (holder.__touchpointAuditFullPage !== state) return null;
  wait(state);
  return metrics();
}

/** Puts back every style the capture changed and the auditor's scroll position; forgets its state. */
export function restore(): boolean {
  const state = holder.__touchpointAuditFullPage;
  if (!state) return false;
  hold(state);
  for (const pinned of state.pinned) putBack({ ...pinned, property: 'visibility' });
  for (const item of state.area?.around ?? []) putBack(item);
  // Scroll while smooth scrolling is still off, then restore scroll-behavior.
  window.scrollTo({ left: state.scrollX, top: state.scrollY, behavior: 'instant' });
  if (state.area) {
    const { element, scrollLeft, scrollTop } = state.area;
    element.scrollTo({ left: scrollLeft, top: scrollTop, behavior: 'instant' });
  }
  for (const saved of [...state.saved].reverse()) putBack(saved);
  delete holder.__touchpointAuditFullPage;
  return true;
}
