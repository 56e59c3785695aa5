/**
 * What the page itself proves (lib/capture/page-proofs.ts): each DOM check on linkedom documents
 * (positive, negative and hostile), the parse of the page's reply into answers, the pre-answered
 * checks of a capture, and how the store keeps, confirms and replaces answers "from the page".
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  proofAnswersOf,
  proofChecksOf,
  readProofs,
  type ProofView,
  type RawProofs,
} from '../../lib/capture/page-proofs';
import { applicableChecklists, stepCompliance } from '../../lib/metrics';
import { Step } from '../../lib/model';
import { failedItems, unconfirmedPageAnswers } from '../../lib/report/model';
import { BUILTIN_CHECKLISTS, resolveChecklists } from '../../lib/taxonomy';
import { readBundle, writeBundle } from '../../lib/bundle';
import { refuseV6Fields } from '../../lib/bundle/upgrade';
import { SAMPLE_OPTIONS, sampleDataSet } from './bundle-fixtures';
import { auditWithJourneys, fakeCaptureService, testStore } from './helpers';

/**
 * The fake layout over linkedom (which has none): hidden by `hidden`, display:none, visibility:
 * hidden or opacity:0 on itself or an ancestor; below the first screen inside [data-below];
 * fixed in a corner when its style says position:fixed with right and bottom.
 */
const fakeView: ProofView = {
  visible: (element) => {
    for (let e: Element | null = element; e; e = e.parentElement) {
      const style = (e.getAttribute('style') ?? '').replace(/\s/g, '');
      if (e.hasAttribute('hidden') || /display:none|visibility:hidden|opacity:0(;|$)/.test(style))
        return false;
    }
    return true;
  },
  inFirstScreen: (element) => !element.closest('[data-below]'),
  fixedCorner: (element) => {
    const style = (element.getAttribute('style') ?? '').replace(/\s/g, '');
    return (
      style.includes('position:fixed') && style.includes('right:') && style.includes('bottom:')
    );
  },
};

const proofsOf = (body: string, lang: string | null = 'en') => {
  const { document } = parseHTML(
    `<!doctype html><html${lang === null ? '' : ` lang="${lang}"`}><head><title>t</title></head><body>${body}</body></html>`,
  );
  return readProofs(document as unknown as Document, fakeView);
};

describe('phone in the first screen', () => {
  it('finds a tel: link or a written number at the top', () => {
    expect(proofsOf('<a href="tel:+74951234567">Call</a>').phone).toBe('tel:+74951234567');
    expect(proofsOf('<p>Звоните: +7 (495) 123-45-67</p>').phone).toBe('+7 (495) 123-45-67');
    expect(proofsOf('<p>8 800 555-35-35</p>').phone).toBe('8 800 555-35-35');
    expect(proofsOf('<p>Support line 0800 000 0000 · 8am</p>').phone).toBe('0800 000 0000');
  });
  it('ignores numbers below the first screen, hidden, or only in attributes', () => {
    expect(
      proofsOf('<footer data-below><a href="tel:+1555">x</a> +7 495 123 45 67</footer>').phone,
    ).toBeNull();
    expect(proofsOf('<a href="tel:+74951234567" hidden>Call</a>').phone).toBeNull();
    // Hostile: a phone only in an attribute, a script or a field's value is no visible phone.
    expect(
      proofsOf(
        '<div data-phone="+7 495 123-45-67" title="+7 495 123-45-67">Contacts</div>' +
          '<script>var p = "+7 495 123-45-67"</script><input value="+7 495 123-45-67">',
      ).phone,
    ).toBeNull();
    // Not phones: a price, a year range, an order number.
    expect(proofsOf('<p>Price 12 990 ₽, 2019–2024, order 123456</p>').phone).toBeNull();
  });
});

describe('price with a currency', () => {
  it('finds amounts with a sign or a code on either side', () => {
    expect(proofsOf('<p>от 1 990 ₽ в месяц</p>').price).toBe('1 990 ₽');
    expect(proofsOf('<p class="price">£33<small> a month</small></p>').price).toBe('£33');
    expect(proofsOf('<p>Only 49.99 EUR</p>').price).toBe('49.99 EUR');
    expect(proofsOf('<p>Цена 500 руб.</p>').price).toBe('500 руб.');
    expect(proofsOf('<p>USD 20 per seat</p>').price).toBe('USD 20');
  });
  it('ignores a price in a hidden element, and numbers without a currency', () => {
    expect(
      proofsOf('<p style="display: none">€29</p><p>Plans from 29 a month</p>').price,
    ).toBeNull();
    expect(proofsOf('<div hidden><span>$10</span></div>').price).toBeNull();
    expect(proofsOf('<p>Save 20% with 500 Mbit/s</p>').price).toBeNull();
  });
});

describe('consent checkbox', () => {
  it('finds a checkbox whose label asks consent (label for, wrapping label, aria-label)', () => {
    expect(
      proofsOf(
        '<form><input type="checkbox" id="c"><label for="c">I consent to the processing of my personal data</label></form>',
      ).consent,
    ).toBe('I consent to the processing of my personal data');
    expect(
      proofsOf(
        '<label><input type="checkbox"> Даю согласие на обработку персональных данных</label>',
      ).consent,
    ).toContain('согласие');
    expect(proofsOf('<input type="checkbox" aria-label="Accept the privacy policy">').consent).toBe(
      'Accept the privacy policy',
    );
  });
  it('ignores other checkboxes, hidden ones, and consent worded in another language', () => {
    expect(
      proofsOf('<label><input type="checkbox"> Subscribe to the newsletter</label>').consent,
    ).toBeNull();
    expect(
      proofsOf(
        '<div hidden><label><input type="checkbox"> I consent to personal data</label></div>',
      ).consent,
    ).toBeNull();
    // German wording is not matched: the item stays unanswered (no false "yes", no false "no").
    expect(
      proofsOf('<label><input type="checkbox"> Ich willige in die Datenverarbeitung ein</label>')
        .consent,
    ).toBeNull();
    // Consent only in text beside a button is not a checkbox.
    expect(proofsOf('<p>By sending you agree to our privacy policy</p>').consent).toBeNull();
  });
});

describe('form fields and required ones', () => {
  it('counts the visible fields of the largest form, and those required', () => {
    const raw = proofsOf(
      '<form role="search"><input type="search" name="q"></form>' +
        '<form><input type="hidden" name="x"><input name="a" required><input type="email" aria-required="true">' +
        '<select name="s"></select><textarea name="t"></textarea><input type="text" style="display:none">' +
        '<input type="text" disabled><input type="checkbox"><button>Send</button><input type="submit"></form>',
    );
    expect([raw.fields, raw.required]).toEqual([4, 2]);
  });
  it('says there is no form when no field is visible (a search box alone is none)', () => {
    expect(proofsOf('<form><input type="search"></form><p>Hello</p>').fields).toBeNull();
    expect(proofsOf('<form hidden><input name="a"></form>').fields).toBeNull();
    // A navbar search box (type text, worded "Search") is no form either.
    expect(
      proofsOf(
        '<nav><input type="text" placeholder="Search for..." aria-label="Search for..."></nav>',
      ).fields,
    ).toBeNull();
    expect(proofsOf('<input name="q"><input placeholder="Поиск по сайту">').fields).toBeNull();
  });
});

describe('chat widget', () => {
  it('knows vendors by their widget, and a generic chat fixed in the corner', () => {
    expect(proofsOf('<jdiv><jdiv class="button_d1b9"></jdiv></jdiv>').chat).toBe('JivoSite');
    expect(proofsOf('<iframe src="https://secure.livechatinc.com/x"></iframe>').chat).toBe(
      'LiveChat',
    );
    expect(proofsOf('<div class="b24-widget-button-wrapper"></div>').chat).toBe('Bitrix24');
    expect(
      proofsOf('<div id="my-chat" style="position:fixed; right:16px; bottom:16px">Chat</div>').chat,
    ).toBe('div#my-chat');
  });
  it('ignores a "chat" class that is not a widget in the corner', () => {
    expect(proofsOf('<p class="chat-intro">Call us, chat with us</p>').chat).toBeNull();
    expect(proofsOf('<p>Chat with us</p>').chat).toBeNull();
  });
});

describe('page language', () => {
  it('reads <html lang>', () => {
    expect(proofsOf('<p>x</p>', 'ru').lang).toBe('ru');
    expect(proofsOf('<p>x</p>', null).lang).toBeNull();
  });
});

const RAW: RawProofs = {
  lang: 'en-GB',
  phone: 'tel:+74951234567',
  price: '£33',
  fields: 6,
  required: 2,
  consent: 'I consent',
  chat: null,
};

describe('proofAnswersOf', () => {
  it('answers yes on what was found, no only where absence proves it', () => {
    const answers = proofAnswersOf(RAW);
    expect(Object.fromEntries([...answers].map(([k, v]) => [k, v.answer]))).toEqual({
      'phone-first-screen': 'yes',
      'price-currency': 'yes',
      'consent-checkbox': 'yes',
      'form-fields': 'no',
      'required-fields': 'yes',
      'page-language': 'yes',
    });
    expect(answers.get('form-fields')!.evidence).toBe('6 fields, 2 required');
    const none = proofAnswersOf({
      ...RAW,
      phone: null,
      price: null,
      consent: null,
      fields: null,
      lang: 'x y',
    });
    expect([...none.keys()]).toEqual(['page-language']);
    expect(none.get('page-language')!.answer).toBe('no');
  });
  it('takes a malformed reply as proving nothing', () => {
    expect(proofAnswersOf({ ...RAW, fields: 'many' }).size).toBe(0);
    expect(proofAnswersOf(null).size).toBe(0);
    expect(proofAnswersOf('<img src=x onerror=alert(1)>').size).toBe(0);
  });
  it('cuts long evidence (a page can write anything)', () => {
    const long = proofAnswersOf({ ...RAW, consent: 'I consent '.repeat(40) });
    expect(long.get('consent-checkbox')!.evidence.length).toBeLessThanOrEqual(120);
  });
});

describe('proofChecksOf', () => {
  const templates = resolveChecklists({ types: [], stages: [], checklists: [], standards: [] });
  it('pre-answers the proof items of every non-hidden checklist, marked from the page', () => {
    const checks = proofChecksOf(templates, proofAnswersOf(RAW));
    expect(checks.map((c) => `${c.itemId}=${c.answer}`).sort()).toEqual([
      'site-first-screen.contacts=yes',
      'site-first-screen.language=yes',
      'site-first-screen.price=yes',
      'web-form.few-fields=no',
      'web-form.few-required=yes',
      'web-form.privacy-consent=yes',
    ]);
    expect(checks.every((c) => c.source === 'page' && c.evidence)).toBe(true);
    const hidden = templates.map((t) => (t.id === 'web-form' ? { ...t, hidden: true } : t));
    expect(
      proofChecksOf(hidden, proofAnswersOf(RAW)).some((c) => c.templateId === 'web-form'),
    ).toBe(false);
  });
  it('every proof id is on one built-in item at least', () => {
    const proofs = new Set(BUILTIN_CHECKLISTS.flatMap((t) => t.items.map((i) => i.proof)));
    for (const id of [
      'phone-first-screen',
      'price-currency',
      'consent-checkbox',
      'form-fields',
      'required-fields',
      'chat-widget',
      'page-language',
    ])
      expect(proofs.has(id as never), id).toBe(true);
  });
});

describe('answers from the page in the store', () => {
  async function capturedForm() {
    const { store, clock } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const templates = resolveChecklists(audit.method);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://x.test/contact',
      title: 'Contact',
      at: clock.now(),
      checks: proofChecksOf(templates, proofAnswersOf(RAW)),
    });
    return { store, step, templates };
  }

  it('stores them with the step; they show no checklist until the type is chosen', async () => {
    const { store, step, templates } = await capturedForm();
    expect(step.checks).toHaveLength(6);
    expect(Step.safeParse(step).success).toBe(true);
    expect(applicableChecklists(step, templates).map((t) => t.id)).not.toContain('web-form');
    const typed = await store.updateStep(step.id, { typeId: 'web-form' });
    expect(applicableChecklists(typed, templates).map((t) => t.id)).toContain('web-form');
    // Counted in compliance (and said in the report as not confirmed).
    const c = stepCompliance(typed, templates);
    expect([c.yes, c.no]).toEqual([2, 1]);
    const report = { touchpoint: typed, checklists: applicableChecklists(typed, templates) };
    expect(unconfirmedPageAnswers(report)).toBe(3);
    expect(failedItems(report).map((f) => [f.item.id, f.fromPage])).toEqual([
      ['web-form.few-fields', true],
    ]);
  });

  it('one answer confirms (the mark goes), another replaces, a comment keeps the mark', async () => {
    const { store, step } = await capturedForm();
    const find = (s: Step, id: string) => s.checks.find((c) => c.itemId === id)!;
    let s = await store.answerCheck(step.id, 'web-form', 'web-form.privacy-consent', 'yes');
    expect(find(s, 'web-form.privacy-consent')).toEqual({
      templateId: 'web-form',
      itemId: 'web-form.privacy-consent',
      answer: 'yes',
      comment: '',
      screenshotId: null,
    });
    s = await store.answerCheck(step.id, 'web-form', 'web-form.few-fields', 'yes');
    expect(find(s, 'web-form.few-fields').answer).toBe('yes');
    expect(find(s, 'web-form.few-fields').source).toBeUndefined();
    s = await store.answerCheck(step.id, 'web-form', 'web-form.few-required', 'yes', {
      comment: 'seen',
    });
    expect(find(s, 'web-form.few-required')).toMatchObject({ source: 'page', comment: 'seen' });
    expect(s.checks).toHaveLength(6);
  });
});

describe('the demo contact pages', () => {
  it('prove the form counts and the language', () => {
    for (const site of ['brightline', 'fastwave']) {
      const html = readFileSync(`test/fixtures/sites/${site}/contact.html`, 'utf8');
      const { document } = parseHTML(html);
      const raw = readProofs(document as unknown as Document, fakeView);
      expect([raw.fields, raw.required, raw.lang, raw.consent], site).toEqual([
        3,
        0,
        'en-GB',
        null,
      ]);
    }
  });
});

describe('answers from the page in a bundle', () => {
  it('travel with the step, mark and evidence kept, through export and import', async () => {
    const data = sampleDataSet();
    const step = data.touchpoints[0]!;
    const pageCheck = {
      templateId: 'web-form',
      itemId: 'web-form.few-fields',
      answer: 'yes' as const,
      comment: '',
      screenshotId: null,
      source: 'page' as const,
      evidence: '3 fields, 0 required',
    };
    step.checks = [...step.checks, pageCheck];
    const { data: read } = await readBundle(await writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(read.touchpoints.find((t) => t.id === step.id)!.checks).toContainEqual(pageCheck);
    // A mark other than 'page' is refused (the bundle is checked whole).
    step.checks = [...step.checks.slice(0, -1), { ...pageCheck, source: 'robot' as never }];
    await expect(writeBundle(data, { ...SAMPLE_OPTIONS }).then(readBundle)).rejects.toThrow();
  });
});

describe('the capture service', () => {
  it('stores the page answers of the captured tab with the step, in its one write', async () => {
    const { store } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const asked: [string, number][] = [];
    const service = fakeCaptureService(store, {
      readPageProofs: async (journeyId, tabId) => {
        asked.push([journeyId, tabId]);
        return proofChecksOf(resolveChecklists(audit.method), proofAnswersOf(RAW));
      },
    });
    const { step } = await service.visible(own.id);
    expect(asked).toEqual([[own.id, 7]]);
    expect(step.checks).toHaveLength(6);
    const [stored] = await store.listSteps(own.id);
    expect(stored?.checks).toEqual(step.checks);
  });
});

describe('answers from the page in an older bundle', () => {
  it('are refused in format versions 1–5, naming the field', () => {
    const records = {
      touchpoints: [{ checks: [{ itemId: 'x' }, { itemId: 'y', source: 'page', evidence: 'e' }] }],
    };
    expect(() => refuseV6Fields(records, 5)).toThrow(/touchpoints\[0\]\.checks\[1\]\.source/);
    expect(refuseV6Fields({ touchpoints: [{ checks: [{ itemId: 'x' }] }] }, 5)).toBeTruthy();
  });
});
