import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAP_SLIDE, mindMapSlides, type MindMapSlide } from '../../lib/report/mind-map-slides';
import { buildReport } from '../../lib/report/model';
import { renderSlides } from '../../lib/report/pptx';
import { slideSeriesStyle, styledLines } from '../../lib/report/series-pptx';
import { CONTENT_WIDTH, SLIDE, planSlides, type Box } from '../../lib/report/slides';
import { BUILTIN_TYPES } from '../../lib/taxonomy';
import { auditWithJourneys, createWalk, testStore } from './helpers';

async function report(brands: number) {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const walks = [own, rival];
  for (let k = walks.length; k < brands; k++)
    walks.push(await createWalk(store, { auditId: audit.id, brandName: `Rival ${k}` }));
  for (const [w, j] of walks.entries()) {
    const s = await store.addStep({
      journeyId: j.id,
      kind: 'page',
      url: null,
      title: 'Home',
      at: clock.now() + w,
      typeId: 'home-page',
    });
    await store.updateStep(s.id, { experience: (w % 5) + 1 });
  }
  await store.updateBrand(own.brandId, { inventory: [{ typeId: 'web-form', present: false }] });
  return buildReport(await store.readAudit(audit.id), {}, clock.now());
}

const inside = (b: Box) =>
  b.x >= SLIDE.margin - 1e-9 &&
  b.x + b.w <= SLIDE.margin + CONTENT_WIDTH + 1e-9 &&
  b.y >= SLIDE.topWithNote - 1e-9 &&
  b.y + b.h <= SLIDE.bottom + 1e-9;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function checkGeometry(slide: MindMapSlide) {
  const boxes = [slide.category.box, ...slide.types.map((t) => t.box)];
  for (const b of [...boxes, ...slide.heads.map((h) => h.box)]) expect(inside(b)).toBe(true);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
  for (const t of slide.types) {
    for (const m of t.marks) {
      expect(m.box.x).toBeGreaterThanOrEqual(t.nameBox.x + t.nameBox.w);
      expect(m.box.x + m.box.w).toBeLessThanOrEqual(t.box.x + t.box.w);
    }
  }
  expect(slide.links).toHaveLength(slide.types.length);
}

describe('touchpoint map slides', () => {
  it('a slide per category with walked or checked types, nothing off the slide (3 brands)', async () => {
    const model = await report(3);
    const slides = mindMapSlides(model, 'en');
    // Two columns of floor((5.0 − 1.44 − 0.2) / 0.4) = 8 rows. Shown: the home page (walked,
    // technology) and the web form (absent for Brightline, technology): one slide.
    const rows = Math.floor((SLIDE.bottom - SLIDE.topWithNote - MAP_SLIDE.headH) / MAP_SLIDE.row);
    expect(rows).toBe(8);
    expect(slides).toHaveLength(1);
    expect(slides[0]!.title).toBe('Map: Technology (site, chat, phone line)');
    for (const s of slides) checkGeometry(s);
    const home = slides[0]!.types.find((t) => t.name === 'Home page')!;
    // Brightline 1, Fastwave 2, Rival 2 3 (the brands' order); the web form absent for ours.
    expect(home.marks.map((m) => m.text)).toEqual(['1.0', '2.0', '3.0']);
    const form = slides[0]!.types.find((t) => t.name === 'Web form')!;
    expect(form.marks.map((m) => m.text)).toEqual(['×', '—', '—']);
    expect(slides[0]!.types).toHaveLength(2);
    expect(slides[0]!.heads.map((h) => h.text)).toEqual(['1', '2', '3', '1', '2', '3']);
    expect(slides[0]!.note).toContain('1 Brightline (own), 2 Fastwave (competitor), 3 Rival 2');
    expect(slides[0]!.note).toContain(
      `Types nobody walked or checked: ${BUILTIN_TYPES.length - 2}`,
    );
  });

  it('pages a category with more types than fit; every type once', async () => {
    const model = await report(3);
    // Every brand checked for every type (present): all 65 shown, 16 a slide (two columns of 8).
    const all = {
      ...model,
      brands: model.brands.map((b) => ({
        ...b,
        brand: {
          ...b.brand,
          inventory: BUILTIN_TYPES.map((t) => ({ typeId: t.id, present: true })),
        },
      })),
    };
    const slides = mindMapSlides(all, 'en');
    // Categories: 12, 2, 5, 17, 17, 12 types (technology and staff take two slides each).
    expect(slides).toHaveLength(8);
    expect(slides.flatMap((s) => s.types)).toHaveLength(BUILTIN_TYPES.length);
    for (const s of slides) checkGeometry(s);
    expect(slides.map((s) => s.title)).toContain('Map: Technology (site, chat, phone lin… (1/2)');
  });

  it('one column with more brands; past eight brands, the next slides carry the others', async () => {
    const model = await report(10);
    const slides = mindMapSlides(model, 'ru');
    for (const s of slides) checkGeometry(s);
    // Brands 1–8: the home page and the web form (one slide); brands 9–10: the home page.
    expect(slides).toHaveLength(2);
    expect(slides[0]!.types[0]!.marks).toHaveLength(8);
    expect(slides[1]!.types[0]!.marks).toHaveLength(2);
    expect(slides[1]!.types).toHaveLength(1);
    expect(slides[1]!.note).toContain('9 Rival 8');
    expect(slides[0]!.title).toBe('Карта: Технологии (сайт, чат, телефон)');
  });

  it('is in the deck where the section is shown, and drawn with native shapes', async () => {
    const model = await report(2);
    const plan = planSlides(model, 'en');
    const maps = plan.slides.filter((s) => s.kind === 'mindMap');
    expect(maps).toHaveLength(1);
    const files = unzipSync(new Uint8Array(await renderSlides(plan, new Map())));
    const index = plan.slides.findIndex((s) => s.kind === 'mindMap');
    const xml = strFromU8(files[`ppt/slides/slide${index + 1}.xml`]!);
    expect(xml).toContain('Map: Technology (site, chat, phone line)');
    expect(xml).toContain('<a:t>Home page</a:t>');
    expect(xml).toContain('prst="line"');
    const left = planSlides(
      { ...model, settings: { ...model.settings, hidden: ['mindMap'] } },
      'en',
    );
    expect(left.slides.filter((s) => s.kind === 'mindMap')).toHaveLength(0);
  });
});

describe('series on the slides’ line charts', () => {
  it('gives each series its own colour, dash and marker', () => {
    const lines = styledLines(
      'line' as never,
      Array.from({ length: 12 }, (_, k) => ({ name: `B${k}`, values: [k, null, 1] })),
      ['W1', 'W2', 'W3'],
    );
    expect(lines).toHaveLength(12);
    const keys = lines.map((l) => {
      const o = l.options as { chartColors: string[]; lineDash: string; lineDataSymbol: string };
      // Every colour of an entry is its series' (markers are coloured by the series' index).
      expect(new Set(o.chartColors).size).toBe(1);
      expect(o.chartColors).toHaveLength(12);
      return `${o.chartColors[0]}|${o.lineDash}|${o.lineDataSymbol}`;
    });
    expect(new Set(keys).size).toBe(12);
    expect(slideSeriesStyle(0)).toEqual({ colour: '1F5FBF', dash: 'solid', symbol: 'circle' });
    expect(slideSeriesStyle(6)).toEqual({ colour: '1F5FBF', dash: 'dash', symbol: 'dot' });
  });
});
