/** Waves over time: each brand's figures wave by wave (lib/report/trend.ts). */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { TrendSection } from '../../components/report/trend';
import { waveTrend } from '../../lib/report/trend';
import { CLEAR_OFFER, CONTACTS, reportFixture } from './report-walks';

/** Three waves (made out of order); Brightline skips wave 2, Fastwave is walked in all three. */
function audit() {
  const f = reportFixture();
  const rival = f.brand('Fastwave');
  const own = f.brand('Brightline', 'own');
  const w3 = f.wave('Wave 3', 2);
  const w1 = f.wave('Wave 1', 0);
  const w2 = f.wave('Wave 2', 1);
  f.walk(own, w1, [
    { experience: 2, likelihood: 4, checks: { [CONTACTS]: 'no' }, phoneSeconds: 45 },
    { experience: 4, likelihood: 6 },
  ]);
  f.walk(own, w3, [
    { experience: 4, likelihood: 8, checks: { [CONTACTS]: 'yes' }, phoneSeconds: 20 },
  ]);
  f.walk(rival, w1, [{ experience: 3, likelihood: 5 }]);
  f.walk(rival, w1, [{ experience: 5, likelihood: 9 }]);
  f.walk(rival, w2, [{ experience: 2, checks: { [CLEAR_OFFER]: 'yes', [CONTACTS]: 'no' } }]);
  f.walk(rival, w3, [
    { experience: 5, phoneSeconds: 40 },
    { experience: 3, phoneSeconds: 10 },
  ]);
  return { f, own, rival, w1, w2, w3 };
}

describe('waveTrend', () => {
  it('gives every brand its figures in every wave, by hand', () => {
    const { f, own, rival, w1, w2, w3 } = audit();
    const trend = waveTrend(f.report());
    expect(trend.waves.map((w) => w.id)).toEqual([w1.id, w2.id, w3.id]);
    expect(trend.brands.map((b) => b.brandId)).toEqual([own.id, rival.id]);
    const [ownTrend, rivalTrend] = trend.brands;
    expect(ownTrend!.points).toEqual([
      // Walk mean (2 + 4) / 2; contacts no: 0 %; 45 s > 30 s: 0 of 1 met; last likelihood 6.
      { walks: 1, experience: 3, compliance: 0, standards: 0, likelihood: 6 },
      null,
      { walks: 1, experience: 4, compliance: 100, standards: 100, likelihood: 8 },
    ]);
    expect(rivalTrend!.points[0]).toEqual({
      walks: 2,
      experience: 4,
      compliance: null,
      standards: null,
      likelihood: 7,
    });
    // Yes to the item of weight 9, no to the one of weight 8: 9/17.
    expect(rivalTrend!.points[1]!.compliance).toBeCloseTo((100 * 9) / 17, 10);
    expect(rivalTrend!.points[2]).toEqual({
      walks: 1,
      experience: 4,
      compliance: null,
      standards: 50,
      likelihood: null,
    });
  });

  it('follows the segment and brands chosen; a single wave is one column', () => {
    const { f, own, w1, w3 } = audit();
    const onlyOwn = waveTrend(f.report({ brandIds: [own.id] }));
    expect(onlyOwn.waves.map((w) => w.id)).toEqual([w1.id, w3.id]);
    expect(onlyOwn.brands).toHaveLength(1);
    const nobody = waveTrend(f.report({ persona: 'pensioners' }));
    expect(nobody).toEqual({ waves: [], brands: [] });
  });
});

describe('TrendSection', () => {
  it('draws a chart per figure from three waves, with the table', () => {
    const { f } = audit();
    const html = renderToString(h(TrendSection, { model: f.report(), locale: 'en' }));
    for (const metric of ['experience', 'compliance', 'standards', 'likelihood'])
      expect(html).toContain(`data-chart="trend-${metric}"`);
    // The text alternative states the data: Brightline skips wave 2.
    expect(html).toContain('Brightline (own): Wave 1 3.0, Wave 2 —, Wave 3 4.0');
    expect(html).toContain('not walked');
    expect(renderToString(h(TrendSection, { model: f.report(), locale: 'ru' }))).toContain(
      'Волны во времени',
    );
  });

  it('is a table with two waves and nothing with one', () => {
    const { f, w2 } = audit();
    // Without wave 2's walks: waves 1 and 3.
    f.snapshot.journeys = f.snapshot.journeys.filter((j) => j.waveId !== w2.id);
    const two = renderToString(h(TrendSection, { model: f.report(), locale: 'en' }));
    expect(two).toContain('trend-table');
    expect(two).not.toContain('data-chart');
    const { f: g, w1 } = audit();
    g.snapshot.journeys = g.snapshot.journeys.filter((j) => j.waveId === w1.id);
    expect(renderToString(h(TrendSection, { model: g.report(), locale: 'en' }))).toBe('');
  });
});
