/** Segments: persona × brand and entry channel × brand, and the gaps (lib/report/segments.ts). */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SegmentsSection } from '../../components/report/segments';
import { segmentTable, segmentsWorthShowing } from '../../lib/report/segments';
import { CLEAR_OFFER, CONTACTS, reportFixture } from './report-walks';

/**
 * Wave 1: Brightline (own) walked twice by students on search and once by a family by phone;
 * Fastwave walked by students on search and by email. A benchmark walked only in wave 2.
 */
function audit() {
  const f = reportFixture();
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Fastwave');
  const bench = f.brand('Aerobank', 'benchmark');
  const w1 = f.wave('Wave 1', 0);
  const w2 = f.wave('Wave 2', 1);
  f.walk(
    own,
    w1,
    [{ experience: 4, checks: { [CLEAR_OFFER]: 'yes', [CONTACTS]: 'no' } }, { experience: 2 }],
    { persona: 'Students', entryChannel: 'search' },
  );
  f.walk(
    own,
    w1,
    [{ experience: 5, checks: { [CLEAR_OFFER]: 'yes' } }, { experience: 5 }, { experience: 5 }],
    { persona: ' Students ', entryChannel: 'search', outcome: 'abandoned' },
  );
  f.walk(own, w1, [{ experience: 3 }], { persona: 'Families', entryChannel: 'phone' });
  f.walk(rival, w1, [{ experience: 2 }, { experience: 3 }, { experience: 4 }, { experience: 5 }], {
    persona: 'Students',
    entryChannel: 'search',
  });
  f.walk(rival, w1, [{ experience: 4 }], { persona: 'Students', entryChannel: 'email' });
  f.walk(bench, w2, [{ experience: 5 }], { persona: 'Students' });
  return { f, own, rival, bench, w1, w2 };
}

describe('segmentTable by persona', () => {
  it('pools each brand per persona (trimmed), by hand', () => {
    const { f, own, rival, w1 } = audit();
    const table = segmentTable(f.report({ waveId: w1.id }), 'persona');
    expect(table.brands.map((b) => b.id)).toEqual([own.id, rival.id]);
    expect(table.rows.map((r) => r.segment)).toEqual(['Families', 'Students']);
    const [families, students] = table.rows;
    // Brightline students: walk means 3 and 5 → 4; compliance (9 + 9) / (9 + 8 + 9) = 18/26;
    // touches: the median of the walks that did not stop short (the abandoned one did) → 2.
    const ownStudents = students!.cells[0]!;
    expect(ownStudents).toMatchObject({
      brandId: own.id,
      walks: 2,
      experience: 4,
      touches: 2,
      outcomes: { reached: 1, abandoned: 1, blocked: 0, inProgress: 0 },
    });
    expect(ownStudents.compliance).toBeCloseTo((100 * 18) / 26, 10);
    // Fastwave students: walk means 3.5 and 4 → 3.75; touches median of 4 and 1 → 2.5; no checks.
    expect(students!.cells[1]).toMatchObject({
      walks: 2,
      experience: 3.75,
      touches: 2.5,
      compliance: null,
    });
    expect(families!.cells[0]).toMatchObject({ walks: 1, experience: 3, touches: 1 });
    expect(families!.cells[1]).toBeNull();
    expect(table.gaps).toEqual([{ segment: 'Families', brandId: rival.id, own: false }]);
    expect(segmentsWorthShowing(table)).toBe(true);
  });

  it('a walk with no persona is a segment of its own, listed last', () => {
    const { f, own, w1 } = audit();
    f.walk(own, w1, [{ experience: 1 }], { persona: '   ' });
    const table = segmentTable(f.report({ waveId: w1.id }), 'persona');
    expect(table.rows.map((r) => r.segment)).toEqual(['Families', 'Students', '']);
    expect(table.rows[2]!.cells[0]).toMatchObject({ walks: 1, experience: 1 });
  });
});

describe('segmentTable by entry channel', () => {
  it('lists channels in the catalogue order and names the own brand’s gaps first', () => {
    const { f, own, rival, w1 } = audit();
    const table = segmentTable(f.report({ waveId: w1.id }), 'entryChannel');
    expect(table.rows.map((r) => r.segment)).toEqual(['search', 'phone', 'email']);
    expect(table.rows[0]!.cells.map((c) => c?.walks)).toEqual([2, 1]);
    expect(table.gaps).toEqual([
      { segment: 'phone', brandId: rival.id, own: false },
      { segment: 'email', brandId: own.id, own: true },
    ]);
  });

  it('covers every segment of the wave whatever segment the report is filtered to', () => {
    const { f, w1 } = audit();
    const all = segmentTable(f.report({ waveId: w1.id }), 'entryChannel');
    const filtered = segmentTable(
      f.report({ waveId: w1.id, persona: 'Families', entryChannel: 'phone' }),
      'entryChannel',
    );
    expect(filtered).toEqual(all);
  });

  it('follows the chosen brands and the chosen wave', () => {
    const { f, own, bench, w1, w2 } = audit();
    const onlyOwn = segmentTable(f.report({ waveId: w1.id, brandIds: [own.id] }), 'entryChannel');
    expect(onlyOwn.brands.map((b) => b.id)).toEqual([own.id]);
    expect(onlyOwn.rows.map((r) => r.segment)).toEqual(['search', 'phone']);
    expect(onlyOwn.gaps).toEqual([]);
    const second = segmentTable(f.report({ waveId: w2.id }), 'persona');
    expect(second.brands.map((b) => b.id)).toEqual([bench.id]);
    expect(second.rows).toHaveLength(1);
    expect(segmentsWorthShowing(second)).toBe(false);
  });
});

describe('SegmentsSection', () => {
  it('shows both tables, a heat map each and the gaps, in English and Russian', () => {
    const { f, w1 } = audit();
    const model = f.report({ waveId: w1.id });
    const en = renderToString(h(SegmentsSection, { model, locale: 'en' }));
    expect(en).toContain('Persona × brand');
    expect(en).toContain('Entry channel × brand');
    expect(en).toContain('data-chart="segments-persona-map"');
    expect(en).toContain('No walk of persona “Families” at Fastwave.');
    expect(en).toContain('Entry by Email not walked for our brand (Brightline).');
    expect(en).toContain('Entry by Phone call not walked at Fastwave.');
    // Brightline students: 4.0, n = 2, compliance 69 %, touches 2, goal reached 1 of 2.
    expect(en).toContain('<b>4.0</b>');
    expect(en).toContain('n = 2 · compliance 69 % · touches 2 · goal reached 1 of 2');
    const ru = renderToString(h(SegmentsSection, { model, locale: 'ru' }));
    expect(ru).toContain('Персона × бренд');
    expect(ru).toContain('Вход через канал «Электронная почта» не пройден для нашего бренда');
  });

  it('is left out with a single segment each way; a persona is text, never HTML', () => {
    const { f, w2 } = audit();
    expect(
      renderToString(h(SegmentsSection, { model: f.report({ waveId: w2.id }), locale: 'en' })),
    ).toBe('');
    const g = reportFixture();
    const own = g.brand('Brightline', 'own');
    const w = g.wave('Wave 1', 0);
    g.walk(own, w, [{ experience: 3 }], { persona: '<img src=x onerror=alert(1)>' });
    g.walk(own, w, [{ experience: 4 }], { persona: 'Students' });
    const html = renderToString(h(SegmentsSection, { model: g.report(), locale: 'en' }));
    expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html).not.toContain('<img');
  });
});
