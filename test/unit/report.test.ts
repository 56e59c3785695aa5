import { describe, expect, it } from 'vitest';
import { journeyKpis, needsFixing } from '../../lib/metrics';
import { CSV_COLUMNS, csvCell, renderCsv } from '../../lib/report/csv';
import { buildReport } from '../../lib/report/model';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

async function sampleAudit() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const add = async (
    journeyId: string,
    title: string,
    stage: string,
    minutes: number,
    extra = {},
  ) => {
    const step = await store.addStep({
      journeyId,
      kind: 'page',
      url: `https://x.test/${encodeURIComponent(title)}`,
      title,
      at: clock.now() + minutes * 60_000,
      stage,
      images: [fakeImage(title)],
    });
    return store.updateStep(step.id, extra);
  };
  // The competitor is listed first on purpose: the report puts the own brand first.
  await add(rival.id, 'R home', 'information', 0, { experience: 5 });
  await add(rival.id, 'R form', 'contact', 2, { experience: 4, wow: true });
  await add(own.id, 'O home', 'information', 0, { experience: 4 });
  await add(own.id, 'O plans', 'information', 3, { experience: 2, weakLink: true, importance: 9 });
  await add(own.id, 'O offer', 'offer', 10, { experience: 3 });
  return { snapshot: await store.readAudit(audit.id), audit, own, rival };
}

describe('report model', () => {
  it('puts the own brand first and computes KPIs per journey', async () => {
    const { snapshot, own, rival } = await sampleAudit();
    const model = buildReport(snapshot, [rival.id, own.id], 123);
    expect(model.journeys.map((j) => j.journey.id)).toEqual([own.id, rival.id]);
    const [ownKpis, rivalKpis] = model.journeys.map((j) => j.kpis);
    expect(ownKpis).toMatchObject({
      touches: 3,
      elapsedMs: 10 * 60_000,
      averageExperience: 3,
      weakLinks: 1,
      wows: 0,
    });
    expect(rivalKpis).toMatchObject({
      touches: 2,
      elapsedMs: 2 * 60_000,
      averageExperience: 4.5,
      weakLinks: 0,
      wows: 1,
    });
    expect(model.generatedAt).toBe(123);
  });

  it('ranks the steps to fix first in the model (weak links and poor experiences, most important first)', async () => {
    const { snapshot, own, rival } = await sampleAudit();
    const model = buildReport(snapshot, [own.id, rival.id], 0);
    expect(model.fixFirst.map((f) => [f.rank, f.touchpoint.title])).toEqual([[1, 'O plans']]);
    // The CSV carries the same rank, so a spreadsheet can sort by it.
    const csv = renderCsv(model, 'en');
    const header = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(',');
    const rankColumn = header.indexOf('"fix_first_rank"');
    const plans = csv.split('\r\n').find((line) => line.includes('"O plans"'))!;
    expect([...plans.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1])[rankColumn]).toBe('1');
    expect(needsFixing({ ...model.journeys[0]!.steps[0]!.touchpoint, experience: 2 })).toBe(true);
    expect(needsFixing({ ...model.journeys[0]!.steps[0]!.touchpoint, experience: 3 })).toBe(false);
  });

  it('aligns journeys by lifecycle stage and shows missing touchpoints as empty cells', async () => {
    const { snapshot, own, rival } = await sampleAudit();
    const model = buildReport(snapshot, [own.id, rival.id], 0);
    expect(model.stages.map((s) => s.stage)).toEqual(['information', 'contact', 'offer']);
    const titles = model.stages.map((row) =>
      row.cells.map((cell) => cell.map((s) => s.touchpoint.title)),
    );
    expect(titles).toEqual([
      [['O home', 'O plans'], ['R home']],
      [[], ['R form']],
      [['O offer'], []],
    ]);
  });

  it('only includes the chosen journeys', async () => {
    const { snapshot, rival } = await sampleAudit();
    const model = buildReport(snapshot, [rival.id, 'not-a-journey'], 0);
    expect(model.journeys).toHaveLength(1);
    expect(model.stages.map((s) => s.stage)).toEqual(['information', 'contact']);
  });

  it('handles an empty journey without dividing by zero', () => {
    expect(journeyKpis([])).toEqual({
      touches: 0,
      elapsedMs: null,
      averageExperience: null,
      scoredSteps: 0,
      weakLinks: 0,
      wows: 0,
      finalLikelihood: null,
    });
  });
});

describe('CSV export', () => {
  it('neutralises formula cells and quotes everything', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2')).toBe(`"'-2"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('plain, "text"')).toBe(`"plain, ""text"""`);
    expect(csvCell(null)).toBe('""');
    expect(csvCell(3)).toBe('"3"');
  });

  it('writes one row per step in journey and step order, with a BOM and a header', async () => {
    const { snapshot, own, rival } = await sampleAudit();
    const csv = renderCsv(buildReport(snapshot, [own.id, rival.id], 0), 'ru');
    expect(csv.startsWith('\uFEFF"audit","brand"')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
    const title = CSV_COLUMNS.indexOf('title');
    expect(lines.slice(1).map((l) => cells(l)[title])).toEqual([
      'O home',
      'O plans',
      'O offer',
      'R home',
      'R form',
    ]);
    expect(
      lines
        .slice(1)
        .map((l) => cells(l))
        .every((c) => c.length === CSV_COLUMNS.length),
    ).toBe(true);
    expect(lines[1]).toContain('"Сбор информации"');
  });
});
