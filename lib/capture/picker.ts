/**
 * The page side of element and region capture: the functions here run IN THE WALKED TAB (the
 * extension's isolated world), bundled with their imports into the on-demand page agent
 * (page/agent.ts) — not serialised one by one, so they share this module's constants and
 * helpers — and leave the page exactly as they found it. Types and constants here are shared
 * with the extension side (element.ts, element-render.ts).
 */
import type { Rect } from '../geometry';
import { shadowOpener } from './page/sensitive';

export type { PickMode } from '../model';
import type { PickMode } from '../model';

/** The picker's floating hint, in the panel's language (passed in: the page has no translations). */
export interface PickerText {
  /** e.g. "Click an element to capture it — Esc to cancel". */
  hint: string;
  /** A second, smaller line (keyboard help); empty for none. */
  keys: string;
}

export type { DomFailure, DomRender, PagePick, PageView, PickCancelled } from './page/replies';
import type { PagePick, PageView, PickCancelled } from './page/replies';

/** DOM rendering gives up after this long (in the page, by aborting html2canvas). */
export const DOM_RENDER_TIMEOUT_MS = 4000;
/** Largest canvas side the DOM renderer attempts; bigger elements are cropped from a capture. */
export const DOM_RENDER_MAX_SIDE = 16_384;
/** Isolated-world global holding the picked element until element-render.ts takes it. */
export const PICKED_ELEMENT_KEY = '__touchpointAuditPicked';
/** Isolated-world global holding the open picker, so a new one or cancelPicker can close it. */
const PICKER_KEY = '__touchpointAuditPicker';
/** The picker's outline and badge colour. */
const ACCENT = '#1a73e8';

/** Resolves once two frames are painted (a removal reaches the screen); 150 ms in a hidden tab. */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 150);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/**
 * Runs IN THE PAGE (in each frame, for element mode). Shows the picker over the page and resolves
 * with what the auditor chose, or `{ cancelled: true }` when they press Esc or the panel cancels
 * (cancelPicker). (A page that is left while picking gives no result at all, which the caller
 * tells apart from a cancel.) Element mode: hover highlights the element under the pointer,
 * click takes it, ↑/↓ widen or narrow, Enter takes the highlighted one.
 * Region mode: drag a rectangle. The overlay lives in a closed shadow root on a fixed host element
 * (page CSS cannot reach it, page layout does not change); clicks never reach the page. Before
 * resolving, every listener and node is removed and a frame is painted, so a capture taken next
 * shows the page alone. The picked element stays in an isolated-world global for element-render.ts.
 * `holes`: child frames that run a picker of their own — the overlay leaves them out (clip-path),
 * so the pointer reaches the innermost document and an element inside a frame can be chosen.
 */
export function pickInPage(
  mode: PickMode,
  text: PickerText,
  holes: readonly Element[] = [],
): Promise<PagePick | PickCancelled> {
  const scope = globalThis as unknown as Record<string, unknown>;
  (scope[PICKER_KEY] as { cancel(): void } | undefined)?.cancel();
  delete scope[PICKED_ELEMENT_KEY];

  const styled = <E extends HTMLElement>(element: E, styles: Record<string, string>): E => {
    for (const [name, value] of Object.entries(styles))
      element.style.setProperty(name, value, 'important');
    return element;
  };
  const div = (styles: Record<string, string>) => styled(document.createElement('div'), styles);

  const host = document.createElement('touchpoint-audit-picker');
  // `all: initial` first, then our own values; inline !important beats any page rule.
  styled(host, {
    all: 'initial',
    position: 'fixed',
    left: '0',
    top: '0',
    width: '100vw',
    height: '100vh',
    'z-index': '2147483647',
    display: 'block',
    margin: '0',
    padding: '0',
    border: '0',
    background: 'transparent',
    'pointer-events': 'auto',
    contain: 'strict',
  });
  const root = host.attachShadow({ mode: 'closed' });
  const layer = div({
    position: 'absolute',
    inset: '0',
    cursor: 'crosshair',
    'user-select': 'none',
    'touch-action': 'none',
  });
  const box = div({
    position: 'absolute',
    display: 'none',
    'box-sizing': 'border-box',
    border: `2px solid ${ACCENT}`,
    background: 'rgba(26, 115, 232, 0.14)',
    // A thin white ring keeps the outline visible on blue or dark elements too.
    'box-shadow': '0 0 0 1px rgba(255, 255, 255, 0.9)',
    'border-radius': '2px',
    'pointer-events': 'none',
  });
  const badge = div({
    position: 'absolute',
    left: '-2px',
    bottom: '100%',
    'margin-bottom': '2px',
    padding: '1px 6px',
    background: ACCENT,
    color: '#fff',
    font: '11px/16px system-ui, sans-serif',
    'white-space': 'nowrap',
    'border-radius': '2px',
    'box-shadow': '0 0 0 1px rgba(255, 255, 255, 0.9)',
  });
  box.append(badge);
  const label = div({
    position: 'absolute',
    left: '50%',
    top: '12px',
    transform: 'translateX(-50%)',
    'max-width': 'calc(100vw - 32px)',
    padding: '8px 14px',
    background: 'rgba(32, 33, 36, 0.94)',
    color: '#fff',
    font: '14px/1.4 system-ui, sans-serif',
    'text-align': 'center',
    'border-radius': '8px',
    'box-shadow': '0 2px 10px rgba(0, 0, 0, 0.3)',
    'pointer-events': 'none',
  });
  label.setAttribute('role', 'status');
  label.append(text.hint);
  if (text.keys) {
    const keys = div({ font: '12px/1.4 system-ui, sans-serif', opacity: '0.8' });
    keys.append(text.keys);
    label.append(keys);
  }
  // Frames inside the page show no hint of their own: one on the page is enough.
  layer.append(box, ...(text.hint ? [label] : []));
  root.append(layer);

  /** Cuts the holes (the child frames' boxes, as they are now) out of the overlay. */
  const cutHoles = () => {
    if (!holes.length) return;
    let path = `M0 0H${innerWidth}V${innerHeight}H0Z`;
    for (const frame of holes) {
      const r = frame.getBoundingClientRect();
      if (r.width > 0 && r.height > 0)
        path += `M${r.left} ${r.top}h${r.width}v${r.height}h${-r.width}Z`;
    }
    // On the host: it is what the page's hit testing meets first.
    host.style.setProperty('clip-path', `path(evenodd, "${path}")`, 'important');
  };

  const place = (r: { left: number; top: number; width: number; height: number }) => {
    styled(box, {
      display: 'block',
      left: `${r.left}px`,
      top: `${r.top}px`,
      width: `${Math.max(2, r.width)}px`,
      height: `${Math.max(2, r.height)}px`,
    });
    // The badge goes inside the box when there is no room above it.
    styled(badge, r.top < 20 ? { bottom: 'auto', top: '0' } : { bottom: '100%', top: 'auto' });
    badge.textContent = `${Math.round(r.width)} × ${Math.round(r.height)}`;
  };
  // Keep the hint out of the way of the pointer.
  const moveLabel = (y: number) =>
    styled(label, y < 80 ? { top: 'auto', bottom: '12px' } : { top: '12px', bottom: 'auto' });

  return new Promise<PagePick | PickCancelled>((resolve) => {
    let current: HTMLElement | null = null;
    const narrower: HTMLElement[] = [];
    let pointer: { x: number; y: number } | null = null;
    let start: { x: number; y: number } | null = null;
    let done = false;

    const openShadow = shadowOpener();
    /** The innermost element at a point, inside open and closed shadow roots too. */
    const elementAt = (x: number, y: number): HTMLElement | null => {
      let scope: Document | ShadowRoot = document;
      let found: HTMLElement | null = null;
      for (let depth = 0; depth < 32; depth++) {
        let next: HTMLElement | null = null;
        for (const hit of scope.elementsFromPoint(x, y)) {
          if (hit === host) continue;
          // A shadow root's list starts with its own elements; its host means none is there.
          if (scope !== document && hit.getRootNode() !== scope) break;
          let element: Element | null = hit;
          while (element && !(element instanceof HTMLElement)) element = element.parentElement;
          if (element) next = element;
          break;
        }
        if (!next) break;
        found = next;
        const shadow = openShadow(next);
        if (!shadow || shadow === scope) break;
        scope = shadow;
      }
      return found;
    };
    const highlight = (element: HTMLElement | null) => {
      current = element;
      if (!element) {
        box.style.setProperty('display', 'none', 'important');
        return;
      }
      const r = element.getBoundingClientRect();
      place(r);
      const id = element.id ? `#${element.id}` : '';
      const cls = element.classList[0] ? `.${element.classList[0]}` : '';
      badge.textContent = `${element.tagName.toLowerCase()}${id}${cls} · ${badge.textContent}`;
    };
    const measure = (r: { left: number; top: number; width: number; height: number }) => ({
      rect: { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height },
      scroll: { x: scrollX, y: scrollY },
      viewport: { width: innerWidth, height: innerHeight },
      devicePixelRatio: devicePixelRatio || 1,
    });

    const stop = (event: Event) => {
      event.preventDefault();
      event.stopPropagation();
    };
    const onMove = (event: PointerEvent) => {
      pointer = { x: event.clientX, y: event.clientY };
      moveLabel(event.clientY);
      if (mode === 'element') {
        narrower.length = 0;
        highlight(elementAt(event.clientX, event.clientY));
      } else if (start) {
        place({
          left: Math.min(start.x, event.clientX),
          top: Math.min(start.y, event.clientY),
          width: Math.abs(event.clientX - start.x),
          height: Math.abs(event.clientY - start.y),
        });
      }
    };
    const onDown = (event: PointerEvent) => {
      stop(event);
      if (mode !== 'region' || event.button !== 0) return;
      start = { x: event.clientX, y: event.clientY };
      layer.setPointerCapture(event.pointerId);
    };
    const onUp = (event: PointerEvent) => {
      stop(event);
      if (event.button !== 0) return;
      if (mode === 'element') {
        const element = elementAt(event.clientX, event.clientY) ?? current;
        if (element) take(element);
        return;
      }
      if (!start) return;
      const r = {
        left: Math.max(0, Math.min(start.x, event.clientX)),
        top: Math.max(0, Math.min(start.y, event.clientY)),
        width: Math.abs(event.clientX - start.x),
        height: Math.abs(event.clientY - start.y),
      };
      start = null;
      // A click or a tiny drag is not a region: keep picking.
      if (r.width < 4 || r.height < 4) {
        box.style.setProperty('display', 'none', 'important');
        return;
      }
      void finish(measure(r));
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        stop(event);
        cancel();
      } else if (mode === 'element' && current && event.key === 'ArrowUp') {
        stop(event);
        // Out of a shadow root to its host.
        const root = current.getRootNode();
        const parent =
          current.parentElement ?? (root instanceof ShadowRoot ? (root.host as HTMLElement) : null);
        if (parent && parent !== document.documentElement) {
          narrower.push(current);
          highlight(parent);
        }
      } else if (mode === 'element' && event.key === 'ArrowDown') {
        stop(event);
        const child = narrower.pop();
        if (child) highlight(child);
      } else if (mode === 'element' && current && event.key === 'Enter') {
        stop(event);
        take(current);
      }
    };
    const onScroll = () => {
      cutHoles();
      if (mode === 'element' && pointer) highlight(elementAt(pointer.x, pointer.y));
    };
    // Into a hole (a child frame's own picker takes over) or out of the page: no highlight here.
    const onLeave = () => {
      pointer = null;
      if (mode === 'element') highlight(null);
    };

    const swallowed = ['mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu'];
    const cleanup = () => {
      done = true;
      layer.removeEventListener('pointermove', onMove);
      layer.removeEventListener('pointerdown', onDown);
      layer.removeEventListener('pointerup', onUp);
      layer.removeEventListener('pointerleave', onLeave);
      for (const type of swallowed) layer.removeEventListener(type, stop);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onScroll);
      host.remove();
      if (scope[PICKER_KEY] === picker) delete scope[PICKER_KEY];
    };
    const finish = async (pick: PagePick) => {
      if (done) return;
      cleanup();
      await painted();
      resolve(pick);
    };
    const take = (element: HTMLElement) => {
      scope[PICKED_ELEMENT_KEY] = element;
      void finish(measure(element.getBoundingClientRect()));
    };
    const cancel = () => {
      if (done) return;
      cleanup();
      delete scope[PICKED_ELEMENT_KEY];
      resolve({ cancelled: true });
    };
    const picker = { cancel };
    scope[PICKER_KEY] = picker;

    layer.addEventListener('pointermove', onMove);
    layer.addEventListener('pointerdown', onDown);
    layer.addEventListener('pointerup', onUp);
    layer.addEventListener('pointerleave', onLeave);
    for (const type of swallowed) layer.addEventListener(type, stop);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });
    window.addEventListener('resize', onScroll, { passive: true });
    cutHoles();
    document.documentElement.append(host);
  });
}

/** Runs IN THE PAGE: closes a picker that is open in this tab (its pickInPage resolves cancelled). */
export function cancelPicker(): boolean {
  const picker = (globalThis as unknown as Record<string, unknown>)[PICKER_KEY] as
    | { cancel(): void }
    | undefined;
  picker?.cancel();
  return Boolean(picker);
}

/**
 * Runs IN THE PAGE: scrolls so that `rect` (document CSS px) is on screen — centred when it fits,
 * its top-left at the top-left when it does not — only if it is not fully visible already.
 * Resolves after a frame is painted, with the scroll to restore afterwards.
 */
export function revealRect(rect: Rect): Promise<PageView> {
  const restore = { x: scrollX, y: scrollY };
  const viewport = { width: innerWidth, height: innerHeight };
  const target = (start: number, size: number, now: number, view: number) =>
    start >= now && start + size <= now + view
      ? now
      : size <= view
        ? start - (view - size) / 2
        : start;
  const x = target(rect.x, rect.width, scrollX, viewport.width);
  const y = target(rect.y, rect.height, scrollY, viewport.height);
  const moved = x !== scrollX || y !== scrollY;
  if (moved) window.scrollTo({ left: x, top: y, behavior: 'instant' });
  return new Promise((resolve) => {
    const done = () =>
      resolve({
        scroll: { x: scrollX, y: scrollY },
        restore,
        viewport,
        devicePixelRatio: devicePixelRatio || 1,
      });
    if (!moved) return done();
    void painted().then(done);
  });
}

/** Runs IN THE PAGE: puts the scroll position back (see revealRect). */
export function restoreScroll(position: { x: number; y: number }): void {
  if (scrollX !== position.x || scrollY !== position.y)
    window.scrollTo({ left: position.x, top: position.y, behavior: 'instant' });
}
