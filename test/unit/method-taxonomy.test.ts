/** The built-in audit method (lib/taxonomy/method.ts): its data, and overrides resolving against it. */
import { describe, expect, it } from 'vitest';
import {
  AuditMethod,
  ChecklistTemplate,
  EMPTY_METHOD,
  MethodKey,
  Standard,
  TouchpointType,
} from '../../lib/model';
import {
  BUILTIN_CHECKLISTS,
  BUILTIN_STANDARDS,
  BUILTIN_TYPES,
  builtinChecklist,
  builtinStandard,
  builtinType,
  CATEGORY_IDS,
  checklistName,
  formatTarget,
  isBuiltinType,
  itemText,
  LOCALES,
  methodStageOrder,
  resolveChecklists,
  resolveStandards,
  resolveTypes,
  STAGE_IDS,
  stageOptions,
  stageOrder,
  standardName,
  typeName,
} from '../../lib/taxonomy';

const ITEMS = BUILTIN_CHECKLISTS.flatMap((template) => template.items);
const LISTS = {
  types: BUILTIN_TYPES,
  checklists: BUILTIN_CHECKLISTS,
  items: ITEMS,
  standards: BUILTIN_STANDARDS,
};
const CYRILLIC = /[А-Яа-яЁё]/;

const method = (overrides: Partial<AuditMethod>): AuditMethod =>
  AuditMethod.parse({ ...EMPTY_METHOD, ...overrides });

describe('built-in method data', () => {
  it('has unique method ids in every list', () => {
    for (const [list, entries] of Object.entries(LISTS)) {
      const ids = entries.map((entry) => entry.id);
      expect(new Set(ids).size, list).toBe(ids.length);
      for (const id of ids) expect(MethodKey.safeParse(id).success, `${list} ${id}`).toBe(true);
    }
    for (const { id } of [...BUILTIN_TYPES, ...BUILTIN_CHECKLISTS, ...BUILTIN_STANDARDS])
      expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    for (const template of BUILTIN_CHECKLISTS)
      for (const { id } of template.items)
        expect(id).toMatch(new RegExp(`^${template.id}\\.[a-z]+(-[a-z]+)*$`));
  });

  it('labels every entry in English and in Russian', () => {
    for (const [list, entries] of Object.entries(LISTS)) {
      for (const entry of entries) {
        for (const locale of LOCALES)
          expect(entry[locale].trim(), `${list} ${entry.id}`).not.toBe('');
        expect(entry.ru, `${list} ${entry.id}`).toMatch(CYRILLIC);
        expect(entry.ru).not.toBe(entry.en);
        expect(entry.en, `${list} ${entry.id}`).not.toMatch(CYRILLIC);
      }
      for (const locale of LOCALES) {
        const labels = entries.map((entry) => entry[locale]);
        expect(new Set(labels).size, `${list} ${locale}`).toBe(labels.length);
      }
    }
  });

  it('covers every Mann category and every stage, listed by stage then category', () => {
    expect(BUILTIN_TYPES.length).toBeGreaterThanOrEqual(55);
    for (const category of CATEGORY_IDS)
      expect(
        BUILTIN_TYPES.some((type) => type.category === category),
        category,
      ).toBe(true);
    for (const stage of STAGE_IDS)
      expect(
        BUILTIN_TYPES.some((type) => type.stage === stage),
        stage,
      ).toBe(true);
    const keys = BUILTIN_TYPES.map(
      (type) => stageOrder(type.stage) * 100 + CATEGORY_IDS.indexOf(type.category),
    );
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('has the touchpoint types the method names', () => {
    for (const id of [
      'search-ad',
      'landing-page',
      'price-list',
      'web-form',
      'online-chat',
      'call-centre-call',
      'ivr',
      'callback',
      'confirmation-email',
      'commercial-offer',
      'contract',
      'invoice',
      'delivery',
      'office-visit',
      'onboarding-call',
      'support-ticket',
      'satisfaction-survey',
      'cancellation',
      'closing-documents',
      'auto-reply',
      'thank-you-page',
      'nps-call',
    ])
      expect(isBuiltinType(id), id).toBe(true);
    expect(builtinType('ivr')).toMatchObject({ ru: 'Голосовое меню (IVR)', channel: 'phone' });
  });

  it('gives each checklist template known types, 6–10 items (12 with the items the page proves) and at least one critical item', () => {
    expect(BUILTIN_CHECKLISTS.map((template) => template.id)).toEqual([
      'site-first-screen',
      'web-form',
      'phone-call',
      'email-reply',
      'office-visit',
      'contract',
      'invoice',
      'delivery',
      'onboarding',
      'support-request',
      'feedback',
      'cancellation',
      'closing',
    ]);
    for (const template of BUILTIN_CHECKLISTS) {
      expect(template.types.length + template.stages.length, template.id).toBeGreaterThan(0);
      for (const type of template.types)
        expect(isBuiltinType(type), `${template.id} ${type}`).toBe(true);
      for (const stage of template.stages) expect(STAGE_IDS).toContain(stage);
      expect(template.items.length, template.id).toBeGreaterThanOrEqual(6);
      // Items the page's DOM answers at capture (issue #17) come on top of the seeds' 6–10.
      const proved = template.items.filter((item) => item.proof).length;
      expect(template.items.length, template.id).toBeLessThanOrEqual(10 + Math.min(2, proved));
      const critical = template.items.filter((item) => item.critical).length;
      expect(critical, template.id).toBeGreaterThanOrEqual(1);
      expect(critical, template.id).toBeLessThanOrEqual(2);
      for (const item of template.items) {
        expect(
          Number.isInteger(item.weight) && item.weight >= 1 && item.weight <= 10,
          item.id,
        ).toBe(true);
        expect(item.en.endsWith('?') && item.ru.endsWith('?'), item.id).toBe(true);
      }
    }
  });

  it('has the standards of the method, those after the sale included', () => {
    expect(
      BUILTIN_STANDARDS.map(({ id, target, unit, measure, answerChannels }) => [
        id,
        target,
        unit,
        measure,
        answerChannels,
      ]),
    ).toEqual([
      ['callback-after-form', 2, 'hours', 'between', ['phone']],
      ['email-reply', 24, 'hours', 'between', ['email']],
      ['phone-answered', 30, 'seconds', 'duration', []],
      ['thank-you-email', 5, 'minutes', 'between', ['email']],
      ['offer-received', 1, 'working-days', 'between', ['email', 'document', 'messenger']],
      ['invoice-issued', 1, 'working-days', 'between', ['email', 'document', 'messenger']],
      ['receipt-after-payment', 15, 'minutes', 'between', ['email', 'sms', 'document']],
      ['delivery-after-order', 3, 'days', 'between', ['delivery']],
      ['support-first-answer', 4, 'hours', 'between', ['email', 'messenger', 'web-chat', 'phone']],
      ['closing-documents-sent', 5, 'working-days', 'between', ['email', 'document']],
      ['refund-paid', 10, 'days', 'between', []],
    ]);
  });
});

describe('resolving an audit method', () => {
  it('turns the built-ins of an empty method into valid records', () => {
    const types = resolveTypes(EMPTY_METHOD);
    const checklists = resolveChecklists(EMPTY_METHOD);
    const standards = resolveStandards(EMPTY_METHOD);
    expect(types.map((type) => type.id)).toEqual(BUILTIN_TYPES.map((type) => type.id));
    expect(checklists.map((c) => c.id)).toEqual(BUILTIN_CHECKLISTS.map((c) => c.id));
    expect(standards.map((s) => s.id)).toEqual(BUILTIN_STANDARDS.map((s) => s.id));
    for (const type of types) {
      expect(TouchpointType.parse(type)).toEqual(type);
      expect(type).toMatchObject({ name: '', hidden: false });
    }
    for (const template of checklists) {
      expect(ChecklistTemplate.parse(template)).toEqual(template);
      expect(template.items.every((item) => item.text === '')).toBe(true);
    }
    for (const standard of standards) expect(Standard.parse(standard)).toEqual(standard);
    expect(AuditMethod.parse({ ...EMPTY_METHOD, types, checklists, standards })).toBeTruthy();
  });

  it('does not let a resolved record alias the built-in data', () => {
    const [template] = resolveChecklists(EMPTY_METHOD);
    template!.types.push('x');
    template!.items.pop();
    expect(resolveChecklists(EMPTY_METHOD)[0]).not.toEqual(template);
    expect(builtinChecklist('site-first-screen')!.types).not.toContain('x');
  });

  it('replaces a built-in by the audit entry of its id and appends its own entries', () => {
    const renamed = { ...resolveTypes(EMPTY_METHOD)[0]!, name: 'Яндекс.Директ' };
    const hidden = {
      ...resolveTypes(EMPTY_METHOD).find((type) => type.id === 'ivr')!,
      hidden: true,
    };
    const own = {
      id: 'promo-stand',
      name: 'Promo stand',
      category: 'premises',
      stage: 'Exhibition',
      channel: 'office',
      hidden: false,
    } as const;
    const m = method({
      types: [own, hidden, renamed],
      stages: [{ name: 'Exhibition', after: null }],
    });
    const types = resolveTypes(m);
    expect(types).toHaveLength(BUILTIN_TYPES.length + 1);
    expect(types[0]).toEqual(renamed);
    expect(types.find((type) => type.id === 'ivr')!.hidden).toBe(true);
    expect(types.at(-1)).toEqual(own);
    // A repeated id counts once: its first entry.
    const twice = resolveTypes(
      method({ types: [renamed, { ...renamed, name: 'Later' }, own, own] }),
    );
    expect(twice).toHaveLength(BUILTIN_TYPES.length + 1);
    expect(twice[0]!.name).toBe('Яндекс.Директ');
    expect(typeName(types[0]!, 'en')).toBe('Яндекс.Директ');
    expect(typeName(types[1]!, 'en')).toBe('Targeted or display ad');
    expect(typeName(types[1]!, 'ru')).toBe('Таргетированная и медийная реклама');
    expect(typeName(own, 'ru')).toBe('Promo stand');
    expect(typeName({ id: 'gone', name: '' }, 'ru')).toBe('gone');
  });

  it('resolves checklist templates and standards the same way', () => {
    const base = resolveChecklists(EMPTY_METHOD).find((c) => c.id === 'web-form')!;
    const edited = {
      ...base,
      items: [{ ...base.items[0]!, text: 'Only name and phone?' }, base.items[1]!],
    };
    const own = {
      id: 'chat',
      name: 'Chat',
      types: ['online-chat'],
      stages: [],
      items: [{ id: 'chat.fast', text: 'Fast?', weight: 5, critical: true }],
      hidden: false,
    };
    const checklists = resolveChecklists(method({ checklists: [own, edited] }));
    expect(checklists.map((c) => c.id)).toEqual([...BUILTIN_CHECKLISTS.map((c) => c.id), 'chat']);
    const webForm = checklists.find((c) => c.id === 'web-form')!;
    expect(webForm.items).toHaveLength(2);
    expect(itemText('web-form', webForm.items[0]!, 'ru')).toBe('Only name and phone?');
    expect(itemText('web-form', webForm.items[1]!, 'en')).toBe(
      builtinChecklist('web-form')!.items[1]!.en,
    );
    expect(itemText('web-form', webForm.items[1]!, 'ru')).toMatch(CYRILLIC);
    // A built-in question copied into the auditor's own template keeps its wording.
    expect(itemText('chat', { id: 'web-form.thanks', text: '' }, 'en')).toBe(
      'Did a thank-you message appear after sending the form?',
    );
    expect(itemText('chat', own.items[0]!, 'en')).toBe('Fast?');
    expect(checklistName(webForm, 'ru')).toBe('Веб-форма заявки');
    expect(checklistName(own, 'ru')).toBe('Chat');

    const standards = resolveStandards(
      method({ standards: [{ ...resolveStandards(EMPTY_METHOD)[0]!, target: 1, hidden: true }] }),
    );
    expect(standards[0]).toMatchObject({ id: 'callback-after-form', target: 1, hidden: true });
    expect(standardName(standards[0]!, 'en')).toBe('Callback after a web form');
    expect(standardName({ ...standards[0]!, name: '  ' }, 'ru')).toBe(
      builtinStandard('callback-after-form')!.ru,
    );
  });
});

describe('standards', () => {
  it('formats a target in both languages with Russian plural forms', () => {
    const f = (target: number, unit: Standard['unit'], locale: 'en' | 'ru') =>
      formatTarget({ target, unit }, locale);
    expect(f(2, 'hours', 'en')).toBe('≤ 2 h');
    expect(f(30, 'seconds', 'en')).toBe('≤ 30 s');
    expect(f(24, 'hours', 'en')).toBe('≤ 24 h');
    expect(f(5, 'minutes', 'en')).toBe('≤ 5 min');
    expect(f(1, 'working-days', 'en')).toBe('≤ 1 working day');
    expect(f(2, 'working-days', 'en')).toBe('≤ 2 working days');
    expect(f(1, 'days', 'en')).toBe('≤ 1 day');
    expect(f(2, 'hours', 'ru')).toBe('≤ 2 ч');
    expect(f(30, 'seconds', 'ru')).toBe('≤ 30 с');
    expect(f(5, 'minutes', 'ru')).toBe('≤ 5 мин');
    expect([1, 2, 5, 11, 21, 22, 25].map((n) => f(n, 'working-days', 'ru'))).toEqual([
      '≤ 1 рабочий день',
      '≤ 2 рабочих дня',
      '≤ 5 рабочих дней',
      '≤ 11 рабочих дней',
      '≤ 21 рабочий день',
      '≤ 22 рабочих дня',
      '≤ 25 рабочих дней',
    ]);
    expect([1, 2, 5, 12, 21].map((n) => f(n, 'days', 'ru'))).toEqual([
      '≤ 1 день',
      '≤ 2 дня',
      '≤ 5 дней',
      '≤ 12 дней',
      '≤ 21 день',
    ]);
    expect(f(1.5, 'days', 'ru')).toBe('≤ 1,5 дня');
    expect(f(1.5, 'hours', 'en')).toBe('≤ 1.5 h');
    expect(formatTarget(BUILTIN_STANDARDS.find((s) => s.id === 'offer-received')!, 'ru')).toBe(
      '≤ 1 рабочий день',
    );
  });
});

describe('stages of an audit', () => {
  const m = method({
    stages: [
      { name: 'Trial', after: 'offer' },
      { name: 'Audit end', after: null },
      { name: 'Tender', after: 'offer' },
      { name: 'Orphan', after: 'no-such-stage' },
      { name: 'Exhibition', after: 'first-mention' },
    ],
  });

  it('lists built-in stages in order with each custom stage right after its `after`', () => {
    const options = stageOptions(m, 'ru');
    const values = options.map((option) => option.value);
    expect(values.filter((value) => (STAGE_IDS as readonly string[]).includes(value))).toEqual(
      STAGE_IDS,
    );
    expect(values.slice(0, 3)).toEqual(['first-mention', 'Exhibition', 'information']);
    const offer = values.indexOf('offer');
    expect(values.slice(offer, offer + 4)).toEqual(['offer', 'Trial', 'Tender', 'contract']);
    expect(values.slice(-2)).toEqual(['Audit end', 'Orphan']);
    expect(options[0]).toEqual({
      value: 'first-mention',
      label: 'Первое упоминание',
      custom: false,
    });
    expect(options[1]).toEqual({ value: 'Exhibition', label: 'Exhibition', custom: true });
    expect(stageOptions(EMPTY_METHOD, 'en').map((option) => option.value)).toEqual(STAGE_IDS);
  });

  it('sorts stages consistently with the options; unknown stages last', () => {
    const values = stageOptions(m, 'en').map((option) => option.value);
    expect(values.map((value) => methodStageOrder(value, m))).toEqual(values.map((_, i) => i));
    expect(methodStageOrder('Trial', m)).toBeGreaterThan(methodStageOrder('offer', m));
    expect(methodStageOrder('Trial', m)).toBeLessThan(methodStageOrder('contract', m));
    expect(methodStageOrder('Nobody knows', m)).toBe(values.length);
    expect(methodStageOrder('Nobody knows', m)).toBeGreaterThan(methodStageOrder('Orphan', m));
    for (const id of STAGE_IDS) expect(methodStageOrder(id, undefined)).toBe(stageOrder(id));
    expect(methodStageOrder('Trial', undefined)).toBe(STAGE_IDS.length);
  });
});
