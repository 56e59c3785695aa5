/**
 * Waiting in the page until it has settled, for auto-capture: no change of the DOM, no resize, no
 * layout shift and no network activity for a quiet time, with an upper bound. What counts as
 * activity (all seen from the extension's isolated world, which shares the page's DOM and
 * performance timeline but not its JavaScript):
 *
 * - a DOM mutation (MutationObserver on the document: nodes, attributes, text);
 * - a resize of the body or the root element (ResizeObserver);
 * - a layout shift (PerformanceObserver 'layout-shift');
 * - a finished network request (PerformanceObserver 'resource': an entry arrives when a request
 *   ends, so it marks activity, not a pending request);
 * - requests still pending, as counted by the request counter in the page's own world
 *   (`installRequestCounter`, wrapping fetch and XMLHttpRequest from the moment auto-capture was
 *   switched on or the page loaded; requests started before it are not counted);
 * - the document still loading, a web font still loading, or an image in the viewport not yet
 *   complete (checked every 100 ms).
 *
 * A CSS animation that changes no layout is not activity; a script that rewrites the page every
 * few hundred milliseconds (a ticking clock) is, and such a page reaches the bound.
 */

/** The event by which the page-world request counter says how many requests are pending. */
export const REQUESTS_EVENT = 'touchpoint-audit:requests';
/** The event by which the agent asks the counter to say it now. */
export const REQUESTS_ASK_EVENT = 'touchpoint-audit:requests-ask';

/** The page settled when nothing happened for this long. */
export const QUIET_MS = 500;
/** Auto-capture waits no longer than this for the page to settle; then it captures anyway. */
export const SETTLE_BOUND_MS = 8_000;
/** How often the things no observer reports (loading document, images, fonts) are checked. */
const POLL_MS = 100;

/** What the wait found: settled or not, after how long, and what was still busy at the bound. */
export interface SettleResult {
  settled: boolean;
  waitedMs: number;
  /** What kept the page busy last (empty when it settled). */
  busy: string[];
}

/**
 * Installs, in the page's own (main) world, a counter of pending fetch and XMLHttpRequest calls,
 * and reports the count to the isolated world by DOM events. Self-contained: it is serialised and
 * run by scripting.executeScript with world 'MAIN'. Installed once per document; the page's
 * functions keep working as before (each wrapper calls the original and returns what it returns).
 * A page could forge the events: at worst the wait reaches its bound.
 */
export function installRequestCounter(eventName: string, askName: string): boolean {
  const scope = window as unknown as Record<string, unknown>;
  const key = '__touchpointAuditRequests';
  if (scope[key]) return true;
  let pending = 0;
  const report = () => window.dispatchEvent(new CustomEvent(eventName, { detail: pending }));
  const done = () => {
    pending = Math.max(0, pending - 1);
    report();
  };
  scope[key] = true;
  window.addEventListener(askName, report);
  const originalFetch = window.fetch;
  if (typeof originalFetch === 'function') {
    window.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
      pending++;
      report();
      try {
        const result = originalFetch.apply(this, args);
        result.then(done, done);
        return result;
      } catch (error) {
        done();
        throw error;
      }
    } as typeof fetch;
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, ...args) {
    pending++;
    report();
    this.addEventListener('loadend', done, { once: true });
    try {
      return send.apply(this, args);
    } catch (error) {
      done();
      throw error;
    }
  };
  return true;
}

/** Images in the viewport that have not finished loading. */
function imagesLoading(): boolean {
  const height = window.innerHeight;
  const width = window.innerWidth;
  for (const image of Array.from(document.images)) {
    if (image.complete) continue;
    const box = image.getBoundingClientRect();
    if (box.bottom > 0 && box.right > 0 && box.top < height && box.left < width) return true;
  }
  return false;
}

/**
 * Resolves once the page has been quiet for `quietMs` (see above), or after `boundMs` with
 * `settled: false`. Leaves nothing behind: every observer and listener is removed.
 */
export function waitSettled(quietMs = QUIET_MS, boundMs = SETTLE_BOUND_MS): Promise<SettleResult> {
  const start = performance.now();
  let lastActivity = start;
  let lastReason = 'start';
  let pending = 0;
  const activity = (reason: string) => {
    lastActivity = performance.now();
    lastReason = reason;
  };
  return new Promise<SettleResult>((resolve) => {
    const cleanups: (() => void)[] = [];
    const mutations = new MutationObserver(() => activity('dom'));
    mutations.observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    cleanups.push(() => mutations.disconnect());
    if (typeof ResizeObserver === 'function') {
      let first = true;
      const resizes = new ResizeObserver(() => {
        // The first callback reports the current size, not a change.
        if (first) first = false;
        else activity('resize');
      });
      resizes.observe(document.documentElement);
      if (document.body) resizes.observe(document.body);
      cleanups.push(() => resizes.disconnect());
    }
    for (const type of ['layout-shift', 'resource']) {
      try {
        const observer = new PerformanceObserver((list) => {
          if (list.getEntries().length) activity(type === 'resource' ? 'network' : 'layout');
        });
        observer.observe({ type, buffered: false });
        cleanups.push(() => observer.disconnect());
      } catch {
        // This browser does not report that entry type: the other signals still count.
      }
    }
    const onRequests = (event: Event) => {
      const detail = (event as CustomEvent<unknown>).detail;
      pending = typeof detail === 'number' && Number.isFinite(detail) ? detail : 0;
      activity('network');
    };
    window.addEventListener(REQUESTS_EVENT, onRequests);
    cleanups.push(() => window.removeEventListener(REQUESTS_EVENT, onRequests));
    // The counter (if installed) says the count now.
    window.dispatchEvent(new Event(REQUESTS_ASK_EVENT));

    const busyNow = (): string[] => {
      const busy: string[] = [];
      if (document.readyState !== 'complete') busy.push('document');
      if (pending > 0) busy.push('network');
      if (document.fonts?.status === 'loading') busy.push('fonts');
      if (imagesLoading()) busy.push('images');
      return busy;
    };
    const timer = setInterval(() => {
      const now = performance.now();
      const busy = busyNow();
      if (busy.length) activity(busy[0]!);
      const waitedMs = Math.round(now - start);
      if (!busy.length && now - lastActivity >= quietMs) finish({ settled: true, waitedMs, busy });
      else if (now - start >= boundMs) {
        finish({ settled: false, waitedMs, busy: busy.length ? busy : [lastReason] });
      }
    }, POLL_MS);
    cleanups.push(() => clearInterval(timer));
    const finish = (result: SettleResult) => {
      for (const cleanup of cleanups) cleanup();
      resolve(result);
    };
  });
}
