import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ExperienceChart, SERIES_STYLES } from '../../components/report/charts';
import { buildReport } from '../../lib/report/model';
import {
  DISTINCT_STYLES,
  SERIES_COLOURS,
  SERIES_DASHES,
  SERIES_MARKERS,
  nudgeApart,
  seriesStyle,
} from '../../lib/report/series';
import { reportLabels } from '../../lib/report/words';
import { auditWithJourneys, createWalk, testStore } from './helpers';

const key = (i: number) => {
  const s = seriesStyle(i);
  return `${s.colour}|${s.dash}|${s.marker}`;
};

describe('series styles', () => {
  it('gives 24 series 24 distinct (colour, dash, marker) triples, 36 before any repeats', () => {
    expect(new Set(Array.from({ length: 24 }, (_, i) => key(i))).size).toBe(24);
    expect(DISTINCT_STYLES).toBe(36);
    expect(new Set(Array.from({ length: 36 }, (_, i) => key(i))).size).toBe(36);
    expect(key(36)).toBe(key(0));
  });

  it('keeps the first six as they were, and tells same-colour series apart by dash and marker', () => {
    expect(SERIES_STYLES.map((s) => s.colour)).toEqual([...SERIES_COLOURS]);
    expect(SERIES_STYLES.map((s) => s.dash)).toEqual([...SERIES_DASHES]);
    expect(SERIES_STYLES.map((s) => s.marker)).toEqual([...SERIES_MARKERS]);
    // By hand: series 7 (index 6) is colour 0, dash (0 + 1) % 6 = 1, marker (0 + 5) % 6 = 5.
    expect(seriesStyle(6)).toEqual({
      colour: SERIES_COLOURS[0],
      dash: SERIES_DASHES[1],
      marker: SERIES_MARKERS[5],
    });
    // Series 12 (index 11): colour 5, dash (5 + 1) % 6 = 0, marker (5 + 5) % 6 = 4.
    expect(seriesStyle(11)).toEqual({
      colour: SERIES_COLOURS[5],
      dash: SERIES_DASHES[0],
      marker: SERIES_MARKERS[4],
    });
    for (let a = 0; a < 36; a++)
      for (let b = a + 1; b < 36; b++) {
        const [x, y] = [seriesStyle(a), seriesStyle(b)];
        if (x.colour !== y.colour) continue;
        expect(x.dash).not.toBe(y.dash);
        expect(x.marker).not.toBe(y.marker);
      }
  });
});

describe('labels at the lines’ ends', () => {
  it('leaves labels that do not collide where they are', () => {
    expect(nudgeApart([10, 50, 100], 13, 0, 200)).toEqual([10, 50, 100]);
  });

  it('pushes colliding labels apart, in their order, as little as needed', () => {
    // 40, 45, 47 → 40, 53, 66 (each 13 below the one above).
    expect(nudgeApart([45, 40, 47], 13, 0, 200)).toEqual([53, 40, 66]);
    // Ties keep the order given.
    expect(nudgeApart([100, 100], 10, 0, 200)).toEqual([100, 110]);
  });

  it('stays inside the range when the labels fit, running on below it when they do not', () => {
    // At the bottom edge: 95, 98, 100 → up from 100: 76, 88, 100.
    expect(nudgeApart([95, 98, 100], 12, 0, 100)).toEqual([76, 88, 100]);
    // Twelve labels at one value, 13 apart, in a range of 100: from the top, 0 … 143.
    const many = nudgeApart(
      Array.from({ length: 12 }, () => 50),
      13,
      0,
      100,
    );
    expect(many).toEqual(Array.from({ length: 12 }, (_, i) => i * 13));
  });

  it('never puts two labels closer than the gap (random sets)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 220;
    for (let round = 0; round < 200; round++) {
      const wanted = Array.from({ length: 1 + (round % 24) }, random);
      const ys = [...nudgeApart(wanted, 13, 10, 230)].sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++)
        expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(13 - 1e-9);
      expect(ys[0]).toBeGreaterThanOrEqual(10);
      if (wanted.length * 13 <= 220) expect(ys.at(-1)).toBeLessThanOrEqual(230);
    }
  });
});

describe('a chart of twelve walks', () => {
  it('labels every line at its end with the walk’s label, each with its own style', async () => {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const walks = [own, rival];
    for (let k = 0; k < 10; k++)
      walks.push(await createWalk(store, { auditId: audit.id, brandName: `Rival ${k + 1}` }));
    let n = 0;
    for (const [w, j] of walks.entries())
      for (let i = 0; i < 3; i++) {
        const s = await store.addStep({
          journeyId: j.id,
          kind: 'page',
          url: null,
          title: 'page',
          at: clock.now() + n++ * 1000,
        });
        // Every walk ends on 3: twelve labels wanted at one height, nudged apart.
        await store.updateStep(s.id, { experience: i === 2 ? 3 : ((w + i) % 5) + 1 });
      }
    const model = buildReport(await store.readAudit(audit.id), {}, clock.now());
    const html = renderToString(<ExperienceChart model={model} locale="en" prefix="c" />);
    const labels = reportLabels(model, 'en');
    const ends = [...html.matchAll(/data-end-label="([^"]*)"/g)].map((m) => m[1]);
    expect(ends).toEqual(model.journeys.map((j) => labels.walk(j.journey.id)));
    expect(new Set(ends).size).toBe(12);
    // Their heights: all different, at least 13 px apart.
    const ys = [...html.matchAll(/<text x="[\d.]+" y="([\d.]+)" dy="0.35em" font-size="11"/g)]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    expect(ys).toHaveLength(12);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(12.9);
    // Twelve distinct dash patterns × colours on the lines.
    const strokes = new Set(
      [
        ...html.matchAll(
          /<polyline points="[^"]*" fill="none" stroke="(#\w+)" stroke-width="2.25"(?: stroke-dasharray="([^"]*)")?/g,
        ),
      ].map((m) => `${m[1]}|${m[2] ?? ''}`),
    );
    expect(strokes.size).toBe(12);
  });
});
