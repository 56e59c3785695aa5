/**
 * The page side of automatic redaction: runs IN EVERY FRAME OF THE WALKED TAB (the extension's
 * isolated world), bundled into the on-demand page agent, at the moment of a capture and nowhere
 * else. Each frame reports its own sensitive fields and its own embedded frames; the extension
 * puts the frames together (lib/capture/frame-tree.ts), so nothing depends on a frame being able
 * to see its parent.
 */
import type { Identity } from '../../model';
import type { FrameBox, FrameReport, PageRect } from './replies';

/** The message a frame's agent sends each child frame to tell it who its parent is. */
export const FRAME_LINK_KEY = '__touchpointAuditFrameLink';

/** Tag names of elements that hold another document (the ones a scan must account for). */
const FRAME_TAGS = new Set(['IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'FENCEDFRAME']);
/** The picker's own overlay (a closed shadow root of ours): never part of the page. */
const OWN_HOSTS = new Set(['TOUCHPOINT-AUDIT-PICKER']);

type ShadowOpener = (element: Element) => ShadowRoot | null;

/**
 * Open and closed shadow roots are both reachable from an extension's isolated world: Chromium's
 * `chrome.dom.openOrClosedShadowRoot`, Firefox's `element.openOrClosedShadowRoot()`.
 */
export function shadowOpener(): ShadowOpener {
  const scope = globalThis as unknown as {
    chrome?: { dom?: { openOrClosedShadowRoot?: ShadowOpener } };
    browser?: { dom?: { openOrClosedShadowRoot?: ShadowOpener } };
  };
  const api =
    scope.chrome?.dom?.openOrClosedShadowRoot ?? scope.browser?.dom?.openOrClosedShadowRoot;
  if (api) {
    return (element) => {
      if (!(element instanceof HTMLElement)) return element.shadowRoot;
      try {
        return api(element) ?? null;
      } catch {
        return element.shadowRoot;
      }
    };
  }
  return (element) => {
    const firefox = (element as { openOrClosedShadowRoot?: () => ShadowRoot | null })
      .openOrClosedShadowRoot;
    return typeof firefox === 'function' ? firefox.call(element) : element.shadowRoot;
  };
}

/** Elements that could show a shadow root (custom elements and the few standard hosts). */
const SHADOW_HOSTS = new Set([
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DIV',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'MAIN',
  'NAV',
  'P',
  'SECTION',
  'SPAN',
]);

/**
 * Every element of the document and of every shadow root in it (open or closed), in tree order,
 * except the picker's own overlay. `visit` sees each one once.
 */
export function walkComposed(root: Document | ShadowRoot, visit: (element: Element) => void) {
  const open = shadowOpener();
  const stack: (Document | ShadowRoot)[] = [root];
  while (stack.length) {
    const scope = stack.pop()!;
    const walker = (scope.ownerDocument ?? (scope as Document)).createTreeWalker(
      scope,
      NodeFilter.SHOW_ELEMENT,
    );
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node as Element;
      if (OWN_HOSTS.has(element.tagName)) continue;
      visit(element);
      if (element.tagName.includes('-') || SHADOW_HOSTS.has(element.tagName)) {
        const shadow = open(element);
        if (shadow) stack.push(shadow);
      }
    }
  }
}

/** Decides whether a form field shows the auditor's identity or a password or card number. */
export function sensitiveMatcher(identity: Identity) {
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const digitsOf = (text: string) => text.replace(/\D/g, '');
  const luhn = (digits: string) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  };
  const texts = [identity.name, identity.email].map(squash).filter((t) => t.length >= 3);
  // People write the same number with different prefixes (+7 …, 8 …): match its last 10 digits.
  const phone = digitsOf(identity.phone).slice(-10);
  const cardHint = /(^|[^a-z])(cc|card|cvc|cvv|csc|pan|expir)/i;
  const holdsIdentity = (value: string) => {
    const text = squash(value);
    return (
      text !== '' &&
      (texts.some((t) => text.includes(t)) ||
        (phone.length >= 6 && digitsOf(value).includes(phone)))
    );
  };
  /** Whether `field` must be covered; null when it is not a form field at all. */
  return (field: Element): boolean | null => {
    if (field instanceof HTMLInputElement) {
      const value = field.value;
      const hints = `${field.name} ${field.id} ${field.autocomplete} ${field.getAttribute('aria-label') ?? ''}`;
      return (
        field.type === 'password' ||
        field.autocomplete.startsWith('cc-') ||
        cardHint.test(hints) ||
        (/^[\d\s-]{13,23}$/.test(value) &&
          digitsOf(value).length >= 13 &&
          digitsOf(value).length <= 19 &&
          luhn(digitsOf(value))) ||
        holdsIdentity(value)
      );
    }
    if (field instanceof HTMLTextAreaElement) return holdsIdentity(field.value);
    if (field instanceof HTMLSelectElement)
      return holdsIdentity(field.selectedOptions[0]?.text ?? '');
    // Editable regions are marked by the attribute (reading isContentEditable on every element
    // would compute every element's style).
    if (field instanceof HTMLElement && field.hasAttribute('contenteditable')) {
      return field.isContentEditable ? holdsIdentity(field.innerText) : null;
    }
    return null;
  };
}

const clientRect = (box: DOMRect, grow = 0): PageRect => ({
  x: box.left - grow,
  y: box.top - grow,
  width: box.width + 2 * grow,
  height: box.height + 2 * grow,
});

/** The composed-tree parent: the parent element, or the host of a shadow root. */
function composedParent(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Whether `element` and its ancestors are only translated and scaled (no rotation, skew, 3D). */
function axisAligned(element: Element): boolean {
  for (let node: Element | null = element; node; node = composedParent(node)) {
    const style = getComputedStyle(node);
    if (style.rotate !== 'none' && !/^0(deg|rad|turn)?$/.test(style.rotate)) return false;
    if (style.transform !== 'none') {
      const m = new DOMMatrixReadOnly(style.transform);
      if (!m.is2D || Math.abs(m.b) > 1e-9 || Math.abs(m.c) > 1e-9) return false;
    }
    if (style.perspective !== 'none' && style.transformStyle === 'preserve-3d') return false;
  }
  return true;
}

/**
 * Where an embedded frame shows its document, in this frame's client CSS px: its content box
 * (inside border and padding), scaled as the screen shows it.
 */
function frameBox(element: HTMLElement, slot: number): FrameBox | null {
  const box = element.getBoundingClientRect();
  if (box.width <= 0 || box.height <= 0) return null;
  const style = getComputedStyle(element);
  if (style.visibility === 'hidden' || style.visibility === 'collapse') return null;
  const px = (value: string) => parseFloat(value) || 0;
  const sx = element.offsetWidth ? box.width / element.offsetWidth : 1;
  const sy = element.offsetHeight ? box.height / element.offsetHeight : 1;
  const left = px(style.borderLeftWidth) + px(style.paddingLeft);
  const top = px(style.borderTopWidth) + px(style.paddingTop);
  const right = px(style.borderRightWidth) + px(style.paddingRight);
  const bottom = px(style.borderBottomWidth) + px(style.paddingBottom);
  const width = Math.max(0, element.offsetWidth - left - right) * sx;
  const height = Math.max(0, element.offsetHeight - top - bottom) * sy;
  return {
    slot,
    content: { x: box.left + left * sx, y: box.top + top * sy, width, height },
    outer: clientRect(box),
    exact: axisAligned(element),
    reachable: element.tagName !== 'EMBED',
  };
}

interface LinkState {
  token: string;
  nonce: string;
  frames: Element[];
}

interface ReceivedLink {
  token: string;
  parent: string;
  slot: number;
}

/**
 * The frame-linking half of the agent: each frame tells its child frames (by postMessage, which
 * crosses origins) a random nonce of its own and the child's place among its frames, so the
 * extension can tell which report belongs inside which frame element. Created once per frame.
 */
export function createFrameScanner() {
  let link: LinkState | null = null;
  const received: ReceivedLink[] = [];
  const waiting = new Set<() => void>();
  const isTop = window.parent === window;

  addEventListener('message', (event: MessageEvent) => {
    if (isTop || event.source !== window.parent) return;
    const data = (event.data as Record<string, unknown> | null)?.[FRAME_LINK_KEY] as
      | Record<string, unknown>
      | undefined;
    if (!data || typeof data !== 'object') return;
    const { token, parent, slot } = data;
    if (typeof token !== 'string' || typeof parent !== 'string' || !Number.isInteger(slot)) return;
    // Kept until a scan with this token asks: the last few captures at most.
    received.unshift({ token, parent, slot: slot as number });
    received.length = Math.min(received.length, 4);
    for (const wake of waiting) wake();
  });

  const frameElements = (): Element[] => {
    const frames: Element[] = [];
    walkComposed(document, (element) => {
      if (FRAME_TAGS.has(element.tagName)) frames.push(element);
    });
    return frames;
  };

  /**
   * Gives this frame a nonce for `token` and tells each child frame its slot. Called again for
   * the same token (a child frame got the agent only after the first message), it tells them
   * again with the same nonce and slots; frames that appeared meanwhile get the next slots.
   */
  function linkFrames(token: string): { nonce: string } {
    if (link?.token !== token) link = { token, nonce: crypto.randomUUID(), frames: [] };
    const { nonce, frames } = link;
    const known = new Set(frames);
    for (const element of frameElements()) if (!known.has(element)) frames.push(element);
    frames.forEach((element, slot) => {
      const target = (element as HTMLIFrameElement).contentWindow;
      try {
        target?.postMessage({ [FRAME_LINK_KEY]: { token, parent: nonce, slot } }, '*');
      } catch {
        // A frame that cannot be told is not linked: the extension covers it whole.
      }
    });
    return { nonce };
  }

  /** The link message for `token`, waiting at most `waitMs` for it to arrive. */
  async function parentLink(token: string, waitMs: number) {
    const find = () => received.find((item) => item.token === token) ?? null;
    if (isTop || find() || waitMs <= 0) return find();
    await new Promise<void>((resolve) => {
      const wake = () => {
        if (!find()) return;
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.delete(wake);
        resolve();
      }, waitMs);
      waiting.add(wake);
    });
    return find();
  }

  /**
   * This frame's fields to cover (client CSS px, grown by 2 px so the field's border goes too)
   * and its embedded frames, for the capture `token`. Every frame runs this at once: each first
   * tells its child frames their slots, then waits (at most `waitMs`) for its own parent's word.
   */
  async function scanFrame(
    token: string,
    identity: Identity,
    waitMs: number,
  ): Promise<FrameReport> {
    linkFrames(token);
    const found = await parentLink(token, waitMs);
    const sensitive = sensitiveMatcher(identity);
    const fields: PageRect[] = [];
    const frames: FrameBox[] = [];
    const linked = link?.token === token ? link : null;
    const slots = new Map(linked?.frames.map((element, slot) => [element, slot]));
    walkComposed(document, (element) => {
      if (FRAME_TAGS.has(element.tagName)) {
        if (!(element instanceof HTMLElement)) return;
        // A frame added after linking has no slot: it is reported unlinked (-1) and covered.
        const slot = slots.get(element) ?? -1;
        const box = frameBox(element, slot);
        if (box) frames.push(box);
        return;
      }
      if (sensitive(element) !== true) return;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) fields.push(clientRect(box, 2));
    });
    return {
      nonce: linked?.nonce ?? null,
      parent: found ? { nonce: found.parent, slot: found.slot } : null,
      top: isTop,
      viewport: { width: innerWidth, height: innerHeight },
      scroll: { x: scrollX, y: scrollY },
      // Over the limits of the reply, it is refused whole (never cut): the top document's
      // capture is not made, another frame is covered whole.
      fields,
      frames,
    };
  }

  /** The frame elements linked for `token` at `slots` (the picker's holes). */
  function framesAt(token: string, slots: readonly number[]): Element[] {
    if (link?.token !== token) return [];
    return slots.map((slot) => link!.frames[slot]).filter((e): e is Element => e !== undefined);
  }

  return { scanFrame, framesAt };
}
