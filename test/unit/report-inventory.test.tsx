/**
 * Existing and potential touchpoints: the states (walked beats the entry), the matrix and its
 * counts, the report's columns and wave, the own brand's gaps, the summary's findings, the
 * rendered section — every figure hand-computed.
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { InventoryReportSection } from '../../components/report/inventory';
import type { TouchpointType } from '../../lib/model';
import {
  inventoryGaps,
  inventoryMatrix,
  inventoryState,
  reportInventory,
  setInventoryEntry,
} from '../../lib/report/inventory';
import { buildReport } from '../../lib/report/model';
import { planSlides, type TableSlide } from '../../lib/report/slides';
import { findings } from '../../lib/report/summary';
import { findingWords } from '../../lib/report/words';
import { resolveTypes } from '../../lib/taxonomy';
import { auditWithJourneys, createWalk, testStore } from './helpers';

const type = (id: string, category: string, hidden = false): TouchpointType =>
  ({ id, name: id, category, stage: 'information', channel: 'website', hidden }) as TouchpointType;

const brand = (id: string, role: 'own' | 'competitor' | 'benchmark', inventory?: object[]) =>
  ({
    id,
    auditId: 'a',
    name: id,
    domain: '',
    role,
    createdAt: 0,
    updatedAt: 0,
    ...(inventory ? { inventory } : {}),
  }) as never;

describe('inventory states', () => {
  it('is walked whatever the entry says, else the entry, else not checked', () => {
    const walked = new Set(['a']);
    const entries = [
      { typeId: 'a', present: false },
      { typeId: 'b', present: true },
      { typeId: 'c', present: false },
    ];
    expect(inventoryState('a', walked, entries)).toBe('walked');
    expect(inventoryState('b', walked, entries)).toBe('exists');
    expect(inventoryState('c', walked, entries)).toBe('absent');
    expect(inventoryState('d', walked, entries)).toBe('unchecked');
    expect(inventoryState('d', new Set(), undefined)).toBe('unchecked');
  });

  it('sets, changes and removes one entry, keeping the others in order', () => {
    expect(setInventoryEntry(undefined, 'a', true)).toEqual([{ typeId: 'a', present: true }]);
    const two = setInventoryEntry([{ typeId: 'a', present: true }], 'b', false);
    expect(two).toEqual([
      { typeId: 'a', present: true },
      { typeId: 'b', present: false },
    ]);
    expect(setInventoryEntry(two, 'a', false)).toEqual([
      { typeId: 'a', present: false },
      { typeId: 'b', present: false },
    ]);
    expect(setInventoryEntry(two, 'a', null)).toEqual([{ typeId: 'b', present: false }]);
    expect(setInventoryEntry(undefined, 'a', null)).toEqual([]);
  });

  it('groups by Mann’s category in their order, then others; leaves hidden types out; counts', () => {
    const types = [
      type('chat', 'technology'),
      type('custom', 'my-own-category'),
      type('ad', 'communications'),
      type('gone', 'communications', true),
      type('staff-call', 'staff'),
    ];
    const matrix = inventoryMatrix(types, [
      {
        brand: brand('own', 'own', [
          { typeId: 'ad', present: false },
          { typeId: 'gone', present: true },
        ]),
        walked: new Set(['chat', 'gone']),
      },
      {
        brand: brand('rival', 'competitor', [
          { typeId: 'ad', present: true },
          { typeId: 'custom', present: true },
          { typeId: 'staff-call', present: false },
        ]),
        walked: new Set(['chat']),
      },
    ]);
    expect(matrix.types).toBe(4);
    expect(matrix.groups.map((g) => [g.category, g.rows.map((r) => r.type.id)])).toEqual([
      ['communications', ['ad']],
      ['technology', ['chat']],
      ['staff', ['staff-call']],
      ['my-own-category', ['custom']],
    ]);
    expect(matrix.groups.flatMap((g) => g.rows.map((r) => r.states))).toEqual([
      ['absent', 'exists'],
      ['walked', 'walked'],
      ['unchecked', 'absent'],
      ['unchecked', 'exists'],
    ]);
    expect(matrix.counts).toEqual([
      { walked: 1, exists: 0, absent: 1, unchecked: 2 },
      { walked: 1, exists: 2, absent: 1, unchecked: 0 },
    ]);
    // The own brand lacks the ad the rival has; it did not check the rival's own-category type;
    // the staff call nobody has is no gap.
    const gaps = inventoryGaps(matrix);
    expect(gaps.ownId).toBe('own');
    expect(gaps.absent.map((g) => [g.type.id, g.have])).toEqual([
      ['ad', [{ brandId: 'rival', state: 'exists' }]],
    ]);
    expect(gaps.unchecked.map((g) => [g.type.id, g.have])).toEqual([
      ['custom', [{ brandId: 'rival', state: 'exists' }]],
    ]);
  });

  it('names no gap without an own brand', () => {
    const matrix = inventoryMatrix(
      [type('ad', 'communications')],
      [{ brand: brand('rival', 'competitor'), walked: new Set(['ad']) }],
    );
    expect(inventoryGaps(matrix)).toEqual({ ownId: null, absent: [], unchecked: [] });
  });
});

/**
 * Wave 1: Brightline (own) walks a home page, a web form and an untyped step; Fastwave walks a
 * FAQ and an online chat. Wave 2: Brightline walks an online chat. Skyway (benchmark) is never
 * walked. The calculator is hidden. Inventories: Brightline — home page absent (but walked), FAQ
 * and online chat absent; Fastwave — personal account exists, home page absent, calculator
 * exists (hidden); Skyway — personal account exists, calculator absent (hidden).
 */
async function inventoryAudit() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const later = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    wave: 'Wave 2',
  });
  const step = (journeyId: string, typeId: string | null) =>
    store.addStep({
      journeyId,
      kind: 'page',
      url: null,
      title: typeId ?? 'untyped',
      at: clock.now(),
      ...(typeId ? { typeId } : {}),
    });
  await step(own.id, 'home-page');
  await step(own.id, 'web-form');
  await step(own.id, null);
  await step(rival.id, 'faq');
  await step(rival.id, 'online-chat');
  await step(later.id, 'online-chat');
  const skyway = await store.createBrand({
    auditId: audit.id,
    name: 'Skyway',
    domain: 'skyway.test',
    role: 'benchmark',
  });
  await store.updateMethod(audit.id, (method) => ({
    ...method,
    types: [
      ...method.types,
      { ...resolveTypes(method).find((t) => t.id === 'calculator')!, hidden: true },
    ],
  }));
  await store.updateBrand(own.brandId, {
    inventory: [
      { typeId: 'home-page', present: false },
      { typeId: 'faq', present: false },
      { typeId: 'online-chat', present: false },
    ],
  });
  await store.updateBrand(rival.brandId, {
    inventory: [
      { typeId: 'personal-account', present: true },
      { typeId: 'home-page', present: false },
      { typeId: 'calculator', present: true },
    ],
  });
  await store.updateBrand(skyway.id, {
    inventory: [
      { typeId: 'personal-account', present: true },
      { typeId: 'calculator', present: false },
    ],
  });
  const snapshot = await store.readAudit(audit.id);
  const waves = await store.listWaves(audit.id);
  const visible = resolveTypes(snapshot.audit.method).filter((t) => !t.hidden).length;
  return { snapshot, waves, visible, own, rival, skyway };
}

describe('the report’s inventory', () => {
  it('has a column per compared brand and per chosen brand checked but not walked', async () => {
    const { snapshot, waves, visible } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[0]!.id }, 0);
    const matrix = reportInventory(model);
    expect(matrix.columns.map((c) => c.brand.name)).toEqual(['Brightline', 'Fastwave', 'Skyway']);
    expect(matrix.types).toBe(visible);
    expect(matrix.groups.flatMap((g) => g.rows).some((r) => r.type.id === 'calculator')).toBe(
      false,
    );
    const stateOf = (typeId: string) =>
      matrix.groups.flatMap((g) => g.rows).find((r) => r.type.id === typeId)!.states;
    expect(stateOf('home-page')).toEqual(['walked', 'absent', 'unchecked']);
    expect(stateOf('web-form')).toEqual(['walked', 'unchecked', 'unchecked']);
    expect(stateOf('faq')).toEqual(['absent', 'walked', 'unchecked']);
    expect(stateOf('online-chat')).toEqual(['absent', 'walked', 'unchecked']);
    expect(stateOf('personal-account')).toEqual(['unchecked', 'exists', 'exists']);
    expect(matrix.counts).toEqual([
      { walked: 2, exists: 0, absent: 2, unchecked: visible - 4 },
      { walked: 2, exists: 1, absent: 1, unchecked: visible - 4 },
      { walked: 0, exists: 1, absent: 0, unchecked: visible - 1 },
    ]);
    // Chosen brands only: Skyway left out of the comparison is left out here too.
    const two = buildReport(
      snapshot,
      { waveId: waves[0]!.id, brandIds: [model.brands[0]!.id, model.brands[1]!.id] },
      0,
    );
    expect(reportInventory(two).columns.map((c) => c.brand.name)).toEqual([
      'Brightline',
      'Fastwave',
    ]);
  });

  it('counts walked in the wave compared only', async () => {
    const { snapshot, waves } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[1]!.id }, 0);
    const matrix = reportInventory(model);
    // Wave 2 has Brightline's walk only: Fastwave and Skyway are columns by their inventories.
    expect(matrix.columns.map((c) => c.brand.name)).toEqual(['Brightline', 'Fastwave', 'Skyway']);
    const stateOf = (typeId: string) =>
      matrix.groups.flatMap((g) => g.rows).find((r) => r.type.id === typeId)!.states;
    expect(stateOf('online-chat')).toEqual(['walked', 'unchecked', 'unchecked']);
    expect(stateOf('home-page')).toEqual(['absent', 'absent', 'unchecked']);
    expect(stateOf('faq')).toEqual(['absent', 'unchecked', 'unchecked']);
  });

  it('names in the summary what others have and the own brand lacks or did not check', async () => {
    const { snapshot, waves, rival, skyway } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[0]!.id }, 0);
    const gaps = inventoryGaps(reportInventory(model));
    // Technology in catalogue order: FAQ before online chat.
    expect(gaps.absent.map((g) => g.type.id)).toEqual(['faq', 'online-chat']);
    expect(gaps.unchecked.map((g) => [g.type.id, g.have.map((h) => h.brandId)])).toEqual([
      ['personal-account', [rival.brandId, skyway.id]],
    ]);
    const found = findings(model).filter((f) => f.kind.startsWith('inventory-'));
    expect(found).toEqual([
      {
        kind: 'inventory-absent',
        brandId: model.brands[0]!.id,
        gaps: [
          { typeId: 'faq', have: [rival.brandId] },
          { typeId: 'online-chat', have: [rival.brandId] },
        ],
      },
      {
        kind: 'inventory-unchecked',
        brandId: model.brands[0]!.id,
        gaps: [{ typeId: 'personal-account', have: [rival.brandId, skyway.id] }],
      },
    ]);
    expect(found.map((f) => findingWords(f, model, 'en'))).toEqual([
      'Brightline (own) lacks touchpoints other brands have: FAQ (Fastwave), Online chat (Fastwave).',
      'Not checked for Brightline (own), though other brands have them: Personal account (Fastwave, Skyway).',
    ]);
    expect(findingWords(found[1]!, model, 'ru')).toBe(
      'Не проверено для бренда Brightline (свой), хотя у других брендов это есть: Личный кабинет (Fastwave, Skyway).',
    );
  });

  it('names six touchpoints in a finding and says how many more', async () => {
    const { snapshot, waves, rival } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[0]!.id }, 0);
    const ids = [
      'faq',
      'home-page',
      'web-form',
      'calculator',
      'ivr',
      'invoice',
      'refund',
      'blog-article',
    ];
    const text = findingWords(
      {
        kind: 'inventory-absent',
        brandId: model.brands[0]!.id,
        gaps: ids.map((typeId) => ({ typeId, have: [rival.brandId] })),
      },
      model,
      'en',
    );
    expect(text).toContain('Web form (Fastwave)');
    expect(text).not.toContain('Refund');
    expect(text).toContain('and 2 more (see “Existing and potential touchpoints”).');
  });

  it('has one slide of the gaps: what the own brand lacks, then what nobody checked', async () => {
    const { snapshot, waves } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[0]!.id }, 0);
    const slides = planSlides(model, 'en').slides.filter(
      (s) => s.title === 'Touchpoints others have and we lack',
    ) as TableSlide[];
    expect(slides).toHaveLength(1);
    expect(slides[0]!.note).toBe(
      'The own brand: Brightline (own). “Not checked”: nobody has said yet whether it has them.',
    );
    expect(slides[0]!.header.map((c) => c.text)).toEqual([
      'Touchpoint type',
      'Brightline',
      'Who has it',
    ]);
    expect(slides[0]!.rows.map((row) => row.map((c) => c.text))).toEqual([
      ['FAQ', '✕ absent', 'Fastwave (walked)'],
      ['Online chat', '✕ absent', 'Fastwave (walked)'],
      [
        'Personal account',
        '? not checked',
        'Fastwave (exists, not walked), Skyway (exists, not walked)',
      ],
    ]);
    expect(slides[0]!.rows[0]![1]).toMatchObject({ tone: 'missing' });
    expect(slides[0]!.rows[0]![0]).toMatchObject({ sub: 'Technology (site, chat, phone line)' });
    // Left out of the report: no slide.
    const hidden = buildReport(
      {
        ...snapshot,
        audit: { ...snapshot.audit, report: { ...model.settings, hidden: ['inventory'] } },
      },
      { waveId: waves[0]!.id },
      0,
    );
    expect(
      planSlides(hidden, 'en').slides.some(
        (s) => s.title === 'Touchpoints others have and we lack',
      ),
    ).toBe(false);
  });

  it('renders the matrix with a word and a mark in every cell, and the counts', async () => {
    const { snapshot, waves, visible } = await inventoryAudit();
    const model = buildReport(snapshot, { waveId: waves[0]!.id }, 0);
    const html = renderToString(<InventoryReportSection model={model} locale="en" />);
    expect(html).toContain('<h2 id="inventory-title">Existing and potential touchpoints</h2>');
    expect(html).toContain('Skyway (benchmark)<span class="muted"> · no walk in this wave</span>');
    const faq = html.slice(
      html.indexOf('data-type="faq"'),
      html.indexOf('</tr>', html.indexOf('data-type="faq"')),
    );
    expect(faq).toContain(
      '<td class="inv-absent"><span class="inv-mark" aria-hidden="true">✕</span>absent</td>',
    );
    expect(faq).toContain(
      '<td class="inv-walked"><span class="inv-mark" aria-hidden="true">●</span>walked</td>',
    );
    expect(faq).toContain('<span class="inv-mark" aria-hidden="true">?</span>not checked');
    const unchecked = html.slice(html.indexOf('data-state="unchecked"'));
    expect(unchecked).toContain(
      `<td>${visible - 4}</td><td>${visible - 4}</td><td>${visible - 1}</td>`,
    );
    const ru = renderToString(<InventoryReportSection model={model} locale="ru" />);
    expect(ru).toContain('Существующие и потенциальные точки контакта');
    expect(ru).toContain('есть, не пройдена');
  });
});
