/**
 * The part of page-proofs.ts that runs in the page (entrypoints/page-proofs.ts): reads what the
 * top document's DOM proves. No imports, so the injected script stays small; its reply is parsed
 * in the extension (page-proofs.ts `proofAnswersOf`).
 */
/** How the page's layout is seen: real in the tab, faked over linkedom in unit tests. */
export interface ProofView {
  /** The element is rendered and not hidden (display, visibility, opacity, `hidden`). */
  visible(element: Element): boolean;
  /** The element starts within the first screen (the top viewport of the document). */
  inFirstScreen(element: Element): boolean;
  /** The element is fixed to the viewport near its bottom-right corner (a chat launcher). */
  fixedCorner(element: Element): boolean;
}

/** What the page reports (raw, unparsed in the extension). */
export interface RawProofs {
  lang: string | null;
  phone: string | null;
  price: string | null;
  /** Visible fields and required ones of the page's largest form (null: no visible form). */
  fields: number | null;
  required: number | null;
  consent: string | null;
  chat: string | null;
}

/** Most fields a form may ask for / require and still get a "yes". */
export const MAX_FIELDS = 5;
export const MAX_REQUIRED = 3;

const EVIDENCE_MAX = 120;
const cut = (text: string, max = EVIDENCE_MAX) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/**
 * A phone number as written for people: +7 (495) 123-45-67, 8 800 555-35-35, (212) 555-0100,
 * 0800 000 0000; 10–15 digits (checked after the match).
 */
const PHONE =
  /(?:\+\d{1,3}[\s.(-]*\d[\d\s.()-]{6,16}\d|\b8[\s(-]+\d{3}[\s)-]+\d[\d\s-]{5,9}\d|\(\d{3,5}\)[\s-]?\d[\d\s-]{4,9}\d|\b0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b)/;
const digits = (text: string) => text.replace(/\D/g, '').length;
/** A price: an amount with a currency sign or code before or after it. */
const PRICE =
  /(?:[$€£¥₽₴₸]\s?\d[\d\s.,]*\d?|\b(?:USD|EUR|RUB|GBP)\s?\d[\d\s.,]*|\d[\d\s.,]*\s?(?:[$€£¥₽₴₸]|руб(?:\.|лей|ля|ль)?|(?:USD|EUR|RUB|GBP)\b))/i;
const CONSENT =
  /consent|personal data|privacy|data processing|соглас|персональн|конфиденциальн|обработк/i;
/** Known chat vendors, by what their widget leaves in the DOM. */
const CHAT_VENDORS: readonly (readonly [string, string])[] = [
  ['JivoSite', '[id^="jivo"], [class*="jivo"], iframe[src*="jivosite"], jdiv'],
  ['LiveChat', '#chat-widget-container, iframe[src*="livechatinc"]'],
  ['Intercom', '#intercom-container, .intercom-lightweight-app, iframe[name^="intercom"]'],
  ['Drift', '#drift-widget, #drift-frame-controller, iframe[src*="drift"]'],
  ['Tawk.to', 'iframe[src*="tawk.to"], [class*="tawk-"], [id^="tawk"]'],
  ['Crisp', '.crisp-client, #crisp-chatbox'],
  [
    'Zendesk',
    '#launcher[title*="Zendesk" i], iframe#launcher, iframe[src*="zopim"], .zEWidget-launcher',
  ],
  [
    'Carrot quest',
    '#carrotquest-messenger-collapsed-container, [id^="carrotquest"], [class*="carrotquest"]',
  ],
  ['Talk-Me', '#supportTrigger, [id^="talk-me"], [class*="talk-me"], iframe[src*="talk-me"]'],
  ['Bitrix24', '.b24-widget-button-wrapper, [class*="bx-livechat"], [class*="b24-widget"]'],
];
const FIELD_SKIP = new Set(['hidden', 'submit', 'button', 'reset', 'image']);
/** A site search box is no form to fill in: by its type, its form's role or its wording. */
const SEARCH_WORDS = /search|поиск|найти/i;
function isSearch(field: Element): boolean {
  if (field.getAttribute('type')?.toLowerCase() === 'search') return true;
  if (field.closest('form')?.getAttribute('role') === 'search') return true;
  const words = ['name', 'placeholder', 'aria-label', 'id'].map((a) => field.getAttribute(a) ?? '');
  return words.some((word) => SEARCH_WORDS.test(word)) || field.getAttribute('name') === 'q';
}

/** The document and its open shadow roots (closed ones cannot be read, and are not). */
function rootsOf(doc: Document): (Document | ShadowRoot)[] {
  const roots: (Document | ShadowRoot)[] = [doc];
  for (let i = 0; i < roots.length && roots.length < 200; i++) {
    for (const element of roots[i]!.querySelectorAll('*')) {
      if (element.shadowRoot) roots.push(element.shadowRoot);
    }
  }
  return roots;
}

/** Visible text nodes' parents with their text, in document order (scripts and styles left out). */
function textsOf(roots: (Document | ShadowRoot)[], view: ProofView) {
  const texts: { element: Element; text: string }[] = [];
  for (const root of roots) {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.nodeValue ?? '';
      if (!parent || !text.trim() || parent.closest('script, style, noscript, template')) continue;
      if (view.visible(parent)) texts.push({ element: parent, text });
    }
  }
  return texts;
}

function labelOf(box: Element): string {
  const doc = box.ownerDocument;
  const parts: string[] = [];
  const aria = box.getAttribute('aria-label');
  if (aria) parts.push(aria);
  for (const id of (box.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)) {
    parts.push(doc.getElementById(id)?.textContent ?? '');
  }
  const id = box.getAttribute('id');
  if (id) {
    for (const label of doc.querySelectorAll('label')) {
      if (label.getAttribute('for') === id) parts.push(label.textContent ?? '');
    }
  }
  const wrapping = box.closest('label');
  if (wrapping) parts.push(wrapping.textContent ?? '');
  // A box without a label: the text around it (its parent's).
  if (!parts.join('').trim()) parts.push(box.parentElement?.textContent ?? '');
  return parts.join(' ');
}

/** Runs in the page (isolated world): what the top document's DOM proves. */
export function readProofs(doc: Document, view: ProofView): RawProofs {
  const roots = rootsOf(doc);
  const all = (selector: string) => roots.flatMap((root) => [...root.querySelectorAll(selector)]);
  const texts = textsOf(roots, view);

  let phone: string | null = null;
  const tel = all('a[href^="tel:" i]').find((a) => view.visible(a) && view.inFirstScreen(a));
  if (tel) phone = `${tel.getAttribute('href')}`;
  else {
    for (const { element, text } of texts) {
      const found = PHONE.exec(text)?.[0];
      if (found && digits(found) >= 10 && digits(found) <= 15 && view.inFirstScreen(element)) {
        phone = found;
        break;
      }
    }
  }

  let price: string | null = null;
  for (const { text } of texts) {
    const found = PRICE.exec(text)?.[0];
    if (found && /\d/.test(found)) {
      price = found;
      break;
    }
  }

  const isField = (element: Element) =>
    !FIELD_SKIP.has((element.getAttribute('type') ?? 'text').toLowerCase()) &&
    !element.hasAttribute('disabled') &&
    view.visible(element);
  const groups = new Map<Element | null, Element[]>();
  for (const field of all('input, select, textarea').filter(isField)) {
    const form = field.closest('form');
    groups.set(form, [...(groups.get(form) ?? []), field]);
  }
  // The largest group of fields (a form, or fields outside any form) is the page's form.
  const largest = [...groups.values()]
    .map((fields) => fields.filter((f) => !isSearch(f)))
    .filter((fields) => fields.length > 0)
    .sort((a, b) => b.length - a.length)[0];
  const fields = largest ? largest.filter((f) => f.getAttribute('type') !== 'checkbox') : null;
  const required = fields
    ? fields.filter((f) => f.hasAttribute('required') || f.getAttribute('aria-required') === 'true')
    : null;

  let consent: string | null = null;
  for (const box of all('input[type="checkbox" i], [role="checkbox"]')) {
    const label = labelOf(box);
    // A visible box, or a styled one whose label is visible (the box itself often is hidden).
    const shown =
      view.visible(box) || Boolean(box.closest('label') && view.visible(box.closest('label')!));
    if (shown && CONSENT.test(label)) {
      consent = label;
      break;
    }
  }

  let chat: string | null = null;
  for (const [vendor, selector] of CHAT_VENDORS) {
    if (all(selector).length > 0) {
      chat = vendor;
      break;
    }
  }
  if (!chat) {
    const generic = all('[class*="chat" i], [id*="chat" i]').find(
      (element) => view.visible(element) && view.fixedCorner(element),
    );
    if (generic) chat = `${generic.tagName.toLowerCase()}${generic.id ? `#${generic.id}` : ''}`;
  }

  const lang = doc.documentElement.getAttribute('lang');
  return {
    lang: lang === null ? null : cut(lang, 40),
    phone: phone && cut(phone),
    price: price && cut(price),
    fields: fields ? fields.length : null,
    required: required ? required.length : null,
    consent: consent && cut(consent),
    chat: chat && cut(chat),
  };
}

/** The real layout of the tab (runs in the page). */
export function pageView(win: Window): ProofView {
  return {
    visible(element) {
      const el = element as HTMLElement;
      if (typeof el.checkVisibility === 'function') {
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      }
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0;
    },
    inFirstScreen(element) {
      const rect = element.getBoundingClientRect();
      return rect.top + win.scrollY < win.innerHeight && rect.bottom + win.scrollY > 0;
    },
    fixedCorner(element) {
      const style = win.getComputedStyle(element);
      if (style.position !== 'fixed' && style.position !== 'sticky') return false;
      const rect = element.getBoundingClientRect();
      return rect.right > win.innerWidth - 240 && rect.bottom > win.innerHeight - 240;
    },
  };
}
