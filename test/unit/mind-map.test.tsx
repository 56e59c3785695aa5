import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { MindMapSection } from '../../components/report/mind-map';
import { markSymbol } from '../../lib/report/mind-map';
import {
  MAP,
  layoutMindMap,
  markCounts,
  mindMapData,
  splitSides,
  wrapName,
  type Box,
  type MapCategory,
  type MindMapData,
} from '../../lib/report/mind-map';
import { buildReport } from '../../lib/report/model';
import type { ReportBrand } from '../../lib/report/model';
import { BUILTIN_TYPES } from '../../lib/taxonomy';
import { auditWithJourneys, createWalk, testStore } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';

/**
 * Brightline (own), two walks: home-page 4 and 2 in walk 1 (walk mean 3), home-page 5 in walk 2
 * → mean of walks (3 + 5) / 2 = 4; faq walked without a score; web-form absent, online-chat
 * present (inventory). Fastwave: home-page 3; product-card 1 and 2 → 1.5; web-form present. A
 * hidden type (search-ad) and a step without a type are off the map; a type renamed hostile.
 */
async function mapReport() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const own2 = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    persona: 'student',
  });
  const step = async (
    journeyId: string,
    typeId: string | null,
    experience: number | null,
    minutes: number,
  ) => {
    const s = await store.addStep({
      journeyId,
      kind: 'page',
      url: null,
      title: `step ${typeId}`,
      at: clock.now() + minutes * 60_000,
      stage: 'information',
      typeId,
      channel: 'website',
    });
    if (experience !== null) await store.updateStep(s.id, { experience });
  };
  await step(own.id, 'home-page', 4, 0);
  await step(own.id, 'home-page', 2, 1);
  await step(own.id, 'faq', null, 2);
  await step(own.id, 'search-ad', 5, 3);
  await step(own.id, null, 5, 4);
  await step(own2.id, 'home-page', 5, 0);
  await step(rival.id, 'home-page', 3, 0);
  await step(rival.id, 'product-card', 1, 1);
  await step(rival.id, 'product-card', 2, 2);
  await store.updateMethod(audit.id, (m) => ({
    ...m,
    types: [
      { ...builtin('search-ad'), hidden: true },
      { ...builtin('faq'), name: HOSTILE },
    ],
  }));
  await store.updateBrand(own.brandId, {
    inventory: [
      { typeId: 'web-form', present: false },
      { typeId: 'online-chat', present: true },
      // Walked: the steps win over the inventory.
      { typeId: 'home-page', present: false },
    ],
  });
  await store.updateBrand(rival.brandId, { inventory: [{ typeId: 'web-form', present: true }] });
  return buildReport(await store.readAudit(audit.id), {}, clock.now());
}

function builtin(id: string) {
  const b = BUILTIN_TYPES.find((x) => x.id === id)!;
  return { id, name: '', category: b.category, stage: b.stage, channel: b.channel, hidden: false };
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every node of a layout (root, categories, types) as boxes. */
function boxes(layout: ReturnType<typeof layoutMindMap>): Box[] {
  return [layout.root, ...layout.categories.map((c) => c.box), ...layout.types.map((t) => t.box)];
}

/** A made-up catalogue of `n` types spread over six categories, names of varied length. */
function syntheticData(n: number, brands: number): MindMapData {
  const categories: MapCategory[] = Array.from({ length: 6 }, (_, c) => ({
    id: `cat-${c}`,
    name: `Category ${c}`,
    label: wrapName(`Category ${c}`, 20, 3),
    types: [],
  }));
  for (let i = 0; i < n; i++) {
    const name = `Type ${i} ${'long name '.repeat(i % 7)}`.trim();
    categories[(i * 7) % 6]!.types.push({
      id: `type-${i}`,
      name,
      label: wrapName(name, 26, 2),
      marks: Array.from({ length: brands }, (_, b) => ({
        kind: (['score', 'unscored', 'exists', 'notWalked', 'absent'] as const)[(i + b) % 5]!,
        mean: (i + b) % 5 === 0 ? 3 : null,
        steps: (i + b) % 5 < 2 ? 1 : 0,
      })),
    });
  }
  return {
    categories,
    brands: Array.from({ length: brands }, (_, b) => ({ id: `b${b}` }) as ReportBrand),
    typeCount: n,
    offMap: 0,
  };
}

describe('touchpoint map data', () => {
  it('marks each visible type per brand: mean of walks, unscored, exists, not walked, absent', async () => {
    const model = await mapReport();
    const data = mindMapData(model, 'en');
    const visible = model.method.types.filter((t) => !t.hidden);
    expect(data.typeCount).toBe(visible.length);
    expect(data.typeCount).toBe(BUILTIN_TYPES.length - 1);
    const types = data.categories.flatMap((c) => c.types);
    // Every visible type once, none hidden.
    expect(new Set(types.map((t) => t.id)).size).toBe(types.length);
    expect(types.some((t) => t.id === 'search-ad')).toBe(false);
    const at = (id: string) => types.find((t) => t.id === id)!.marks;
    expect(data.brands.map((b) => b.brand.name)).toEqual(['Brightline', 'Fastwave']);
    // Brightline: walk 1 (4 + 2) / 2 = 3, walk 2: 5 → (3 + 5) / 2 = 4; three steps.
    expect(at('home-page')).toEqual([
      { kind: 'score', mean: 4, steps: 3 },
      { kind: 'score', mean: 3, steps: 1 },
    ]);
    expect(at('product-card')).toEqual([
      { kind: 'notWalked', mean: null, steps: 0 },
      { kind: 'score', mean: 1.5, steps: 2 },
    ]);
    expect(at('faq')[0]).toEqual({ kind: 'unscored', mean: null, steps: 1 });
    expect(at('web-form')).toEqual([
      { kind: 'absent', mean: null, steps: 0 },
      { kind: 'exists', mean: null, steps: 0 },
    ]);
    expect(at('online-chat')[0]!.kind).toBe('exists');
    // The hidden type's step and the step without a type.
    expect(data.offMap).toBe(2);
    expect(markCounts(data, 0)).toEqual({
      score: 1,
      unscored: 1,
      exists: 1,
      notWalked: BUILTIN_TYPES.length - 1 - 4,
      absent: 1,
    });
    // Categories in Mann's order, each with its types.
    expect(data.categories.map((c) => c.id)).toEqual([
      'communications',
      'premises',
      'product',
      'technology',
      'staff',
      'materials',
    ]);
    expect(types.find((t) => t.id === 'faq')!.name).toBe(HOSTILE);
    expect(mindMapData(model, 'ru').categories[0]!.name).toBe('Коммуникации и реклама');
  });

  it('wraps long names in two lines and says when one was shortened', () => {
    expect(wrapName('Home page', 26, 2)).toEqual({ lines: ['Home page'], shortened: false });
    expect(wrapName('Reviews on a review site and in the press', 26, 2)).toEqual({
      lines: ['Reviews on a review site', 'and in the press'],
      shortened: false,
    });
    expect(
      wrapName('Reviews on a review site and in the press, the radio and on television', 26, 2),
    ).toEqual({ lines: ['Reviews on a review site', 'and in the press, the…'], shortened: true });
    // A word longer than a line is cut into pieces.
    expect(wrapName('x'.repeat(60), 26, 2)).toEqual({
      lines: ['x'.repeat(26), `${'x'.repeat(25)}…`],
      shortened: true,
    });
    expect(wrapName('  ', 26, 2)).toEqual({ lines: [''], shortened: false });
  });
});

describe('touchpoint map layout', () => {
  it('places every type once, no two nodes overlapping, deterministic, with 150 types', () => {
    for (const brands of [0, 1, 3, 4, 5, 12]) {
      const data = syntheticData(150, brands);
      const layout = layoutMindMap(data, 'Touchpoints');
      expect(layout.types).toHaveLength(150);
      expect(new Set(layout.types.map((t) => t.type.id)).size).toBe(150);
      expect(layout.categories).toHaveLength(6);
      expect(layout.sides).toBe(brands <= 4 ? 2 : 1);
      const all = boxes(layout);
      for (let i = 0; i < all.length; i++)
        for (let j = i + 1; j < all.length; j++) expect(overlap(all[i]!, all[j]!)).toBe(false);
      // Inside the drawing, and every mark cell inside its node.
      for (const b of all) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(layout.width);
        expect(b.y + b.h).toBeLessThanOrEqual(layout.height);
      }
      for (const t of layout.types) {
        expect(t.cells).toHaveLength(brands);
        for (const c of t.cells) {
          expect(c.x).toBeGreaterThanOrEqual(t.box.x);
          expect(c.x + c.w).toBeLessThanOrEqual(t.box.x + t.box.w);
          expect(c.y).toBeGreaterThanOrEqual(t.box.y);
          expect(c.y + c.h).toBeLessThanOrEqual(t.box.y + t.box.h);
        }
      }
      // One link per category and per type.
      expect(layout.links).toHaveLength(156);
      expect(layoutMindMap(syntheticData(150, brands), 'Touchpoints')).toEqual(layout);
    }
  });

  it('stays readable with 150 types: both sides, about equally tall', () => {
    const layout = layoutMindMap(syntheticData(150, 3), 'Touchpoints');
    const rows = { left: 0, right: 0 };
    for (const t of layout.types) rows[t.side]++;
    expect(Math.abs(rows.left - rows.right)).toBeLessThanOrEqual(26);
    // 75 rows a side of at most two lines: well under 3,000 px; under the report's 1,352 px width.
    expect(layout.height).toBeLessThan(3000);
    expect(layout.width).toBeLessThanOrEqual(1352);
    // Types sit right of their category on the right side, left of it on the left.
    for (const t of layout.types) {
      const c = layout.categories.find((x) => x.category.id === t.categoryId)!;
      if (t.side === 'right') expect(t.box.x).toBeGreaterThan(c.box.x + c.box.w);
      else expect(t.box.x + t.box.w).toBeLessThan(c.box.x);
    }
  });

  it('splits categories between the sides by their number of types, in order', () => {
    const c = (n: number) => ({ types: Array.from({ length: n }) }) as MapCategory;
    // right 12; left 2; left 2+5=7; left 7+17=24? no: 7 < 12 → left (24); right 12+12=24; tie → right.
    expect(splitSides([c(12), c(2), c(5), c(17), c(12), c(17)], 2)).toEqual([
      'right',
      'left',
      'left',
      'left',
      'right',
      'right',
    ]);
    expect(splitSides([c(3), c(4)], 1)).toEqual(['right', 'right']);
  });
});

describe('touchpoint map section', () => {
  it('renders the map, its key and its table; hostile names stay text', async () => {
    const model = await mapReport();
    const html = renderToString(<MindMapSection model={model} locale="en" />);
    expect(html).toContain('<h2 id="mind-map-title">Touchpoint map</h2>');
    expect(html.match(/<g data-type=/g)).toHaveLength(BUILTIN_TYPES.length - 1);
    expect(html).toContain('role="img"');
    expect(html).toContain('Brightline (own): scored 1, walked but not scored 1');
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    // The table: a row per type, a group per category.
    expect(html.match(/<tr data-type=/g)).toHaveLength(BUILTIN_TYPES.length - 1);
    expect(html).toContain('<td class="mark-score">experience 4.0 (steps: 3)</td>');
    expect(html).toContain('<td class="mark-absent">absent</td>');
    expect(html).toContain('<td class="mark-exists">exists, not walked</td>');
    expect(html).toContain('Steps not on the map (no type, or a hidden type): 2.');
    const ru = renderToString(<MindMapSection model={model} locale="ru" />);
    expect(ru).toContain('Карта точек контакта');
    expect(ru).toContain('впечатление 1,5 (шагов: 2)');
    expect(ru).not.toMatch(/Touchpoint map|experience \d/);
  });

  it('writes a symbol in every mark, not only a colour', () => {
    const mark = (kind: 'score' | 'unscored' | 'exists' | 'notWalked' | 'absent') => ({
      kind,
      mean: kind === 'score' ? 3.25 : null,
      steps: 1,
    });
    expect(markSymbol(mark('score'), 'en')).toBe('3.3');
    expect(markSymbol(mark('score'), 'ru')).toBe('3,3');
    expect(
      (['unscored', 'exists', 'notWalked', 'absent'] as const).map((k) =>
        markSymbol(mark(k), 'en'),
      ),
    ).toEqual(['?', '✓', '—', '×']);
  });

  it('says so when every type is hidden', async () => {
    const { store, clock } = testStore();
    const { audit } = await auditWithJourneys(store);
    await store.updateMethod(audit.id, (m) => ({
      ...m,
      types: BUILTIN_TYPES.map((b) => ({ ...builtin(b.id), hidden: true })),
    }));
    const model = buildReport(await store.readAudit(audit.id), {}, clock.now());
    const html = renderToString(<MindMapSection model={model} locale="en" />);
    expect(html).toContain('every type of the catalogue is hidden');
    expect(html).not.toContain('role="img"');
    expect(MAP.twoSidesUpTo).toBe(4);
  });
});
