/**
 * Click capture, the page side: while it is on for the tab, a click (pointerdown, in the capture
 * phase, so that a link that navigates is reported before the page unloads) on a link, button or
 * form control is reported to the extension with the element's accessible name, its kind and its
 * box in viewport CSS px. Never the value of a field. The page's own handlers run as before: the
 * listener only reads.
 */

/** The longest accessible name kept; a longer one is cut and the step says so. */
export const CLICK_NAME_MAX = 120;

/** The message a click sends to the service worker (parsed there: ClickReport in replies.ts). */
export const CLICK_MESSAGE = 'touchpoint-audit:click';

export type ClickKind = 'link' | 'button' | 'control';

export interface ClickReport {
  type: typeof CLICK_MESSAGE;
  kind: ClickKind;
  name: string;
  /** The name's length before it was cut (equal to name.length when it was not). */
  length: number;
  rect: { x: number; y: number; width: number; height: number };
}

const LINKS = 'a[href], area[href], [role="link"]';
const BUTTONS =
  'button, input[type="button"], input[type="submit"], input[type="reset"], input[type="image"], summary, [role="button"]';
const CONTROLS =
  'input:not([type="hidden"]), select, textarea, label, [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"], [role="option"], [role="combobox"], [role="textbox"], [role="slider"], [contenteditable="true"]';

const squash = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The element's text as read out: its text, or the alt of the images inside it. */
function textOf(element: Element): string {
  const text = squash(element.textContent);
  if (text) return text;
  return squash(
    Array.from(element.querySelectorAll('img[alt]'))
      .map((image) => image.getAttribute('alt'))
      .join(' '),
  );
}

/**
 * The accessible name, in the usual order (simplified from the accessible-name computation):
 * aria-labelledby, aria-label, the labels of a form control, the value of a button-like input or
 * an image input's alt, the text content (or the alt of the images inside), the title, a field's
 * placeholder.
 */
export function accessibleName(element: Element): string {
  const labelledBy = squash(element.getAttribute('aria-labelledby'));
  if (labelledBy) {
    const text = squash(
      labelledBy
        .split(' ')
        .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    if (text) return text;
  }
  const aria = squash(element.getAttribute('aria-label'));
  if (aria) return aria;
  if (
    element instanceof HTMLInputElement ||
    element instanceof HTMLSelectElement ||
    element instanceof HTMLTextAreaElement
  ) {
    const labels = squash(
      Array.from(element.labels ?? [])
        .map((label) => label.textContent)
        .join(' '),
    );
    if (labels) return labels;
    if (element instanceof HTMLInputElement) {
      if (['button', 'submit', 'reset'].includes(element.type)) {
        const value = squash(element.value);
        if (value) return value;
      }
      if (element.type === 'image') {
        const alt = squash(element.alt);
        if (alt) return alt;
      }
    }
  } else {
    const text = textOf(element);
    if (text) return text;
  }
  const title = squash(element.getAttribute('title'));
  if (title) return title;
  return squash(element.getAttribute('placeholder'));
}

/** The clicked link, button or form control (a label stands for its control), or null. */
export function clickTarget(path: EventTarget[]): { element: Element; kind: ClickKind } | null {
  for (const node of path) {
    if (!(node instanceof Element)) continue;
    if (node.matches(LINKS)) return { element: node, kind: 'link' };
    if (node.matches(BUTTONS)) return { element: node, kind: 'button' };
    if (node.matches(CONTROLS)) {
      const control = node instanceof HTMLLabelElement ? node.control : null;
      if (control) {
        return { element: control, kind: control.matches(BUTTONS) ? 'button' : 'control' };
      }
      return { element: node, kind: 'control' };
    }
  }
  return null;
}

/** What a click on `element` reports. */
export function describeClick(element: Element, kind: ClickKind): ClickReport {
  const full = accessibleName(element);
  const name = full.length > CLICK_NAME_MAX ? `${full.slice(0, CLICK_NAME_MAX - 1)}…` : full;
  const box = element.getBoundingClientRect();
  return {
    type: CLICK_MESSAGE,
    kind,
    name,
    length: full.length,
    rect: { x: box.x, y: box.y, width: box.width, height: box.height },
  };
}

/**
 * Switches click reporting on or off in this document (idempotent): `send` carries each report
 * to the service worker. Returns whether it is on.
 */
export function clickWatcher(send: (report: ClickReport) => void) {
  let listener: ((event: PointerEvent) => void) | null = null;
  return (on: boolean): boolean => {
    if (on && !listener) {
      listener = (event) => {
        if (!event.isPrimary || event.button !== 0) return;
        const target = clickTarget(event.composedPath());
        if (target) send(describeClick(target.element, target.kind));
      };
      window.addEventListener('pointerdown', listener, { capture: true });
    } else if (!on && listener) {
      window.removeEventListener('pointerdown', listener, { capture: true });
      listener = null;
    }
    return listener !== null;
  };
}
