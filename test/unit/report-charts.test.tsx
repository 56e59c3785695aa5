import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import {
  CHART_CSS,
  CoverageMatrix,
  ExperienceChart,
  KpiBars,
  LikelihoodChart,
  PriorityMatrix,
  ReportCharts,
  SERIES_STYLES,
} from '../../components/report/charts';
import { MESSAGES } from '../../lib/i18n';
import {
  coverageMatrix,
  curvesByStep,
  scoreByStage,
  hasValues,
  integerTicks,
  kpiGroups,
  linearScale,
  priorityMatrix,
  quadrantOf,
  segments,
} from '../../lib/report/charts';
import { buildReport } from '../../lib/report/model';
import { auditWithJourneys, createWalk, testStore } from './helpers';
import { reportFixture } from './report-walks';

const HOSTILE = '<img src=x onerror=alert(1)>';

interface StepPlan {
  stage: string;
  typeId?: string;
  channel?: 'website' | 'phone' | 'email' | 'web-chat';
  experience?: number | null;
  importance?: number | null;
  likelihood?: number | null;
  minutes: number;
}

/**
 * Brightline (own): 5 steps, step 3 without an experience, step 5 without an importance, two
 * steps without a type (phone, email). Fastwave: 2 steps. A hostile-named competitor: 2 steps.
 */
async function chartReport() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  const hostile = await createWalk(store, {
    auditId: audit.id,
    brandName: HOSTILE,
    brandDomain: 'hostile.test',
    brandRole: 'competitor',
    task: 'request a callback',
  });
  const walk = async (journeyId: string, steps: StepPlan[]) => {
    for (const { stage, typeId, channel = 'website', minutes, ...scores } of steps) {
      const step = await store.addStep({
        journeyId,
        kind: channel === 'website' ? 'page' : 'offline',
        url: null,
        title: `${stage} ${typeId ?? channel}`,
        at: clock.now() + minutes * 60_000,
        stage,
        typeId: typeId ?? null,
        channel,
      });
      await store.updateStep(step.id, scores);
    }
  };
  await walk(rival.id, [
    { stage: 'information', typeId: 'home-page', experience: 5, likelihood: 7, minutes: 0 },
    {
      stage: 'contact',
      typeId: 'online-chat',
      channel: 'web-chat',
      experience: 4,
      likelihood: 8,
      minutes: 30,
    },
  ]);
  await walk(own.id, [
    {
      stage: 'information',
      typeId: 'home-page',
      experience: 4,
      importance: 3,
      likelihood: 6,
      minutes: 0,
    },
    {
      stage: 'information',
      typeId: 'product-card',
      experience: 2,
      importance: 9,
      likelihood: 4,
      minutes: 5,
    },
    { stage: 'contact', channel: 'phone', importance: 8, minutes: 60 },
    {
      stage: 'contact',
      typeId: 'web-form',
      experience: 1,
      importance: 10,
      likelihood: 2,
      minutes: 90,
    },
    { stage: 'offer', channel: 'email', experience: 3, likelihood: 5, minutes: 120 },
  ]);
  await walk(hostile.id, [
    { stage: 'information', typeId: 'home-page', experience: 3, minutes: 0 },
    { stage: 'information', typeId: 'faq', experience: 4, minutes: 1 },
  ]);
  return {
    model: buildReport(await store.readAudit(audit.id), {}, clock.now()),
    own,
    rival,
    hostile,
  };
}

/** A report whose steps carry no scores at all (every chart but coverage and KPIs is empty). */
async function unscoredReport(withOwn: boolean) {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  await store.addStep({
    journeyId: withOwn ? own.id : rival.id,
    kind: 'page',
    url: null,
    title: 'Home',
    at: clock.now(),
  });
  return buildReport(
    await store.readAudit(audit.id),
    { brandIds: [withOwn ? own.brandId : rival.brandId] },
    0,
  );
}

const render = (node: preact.VNode) => renderToString(node);

describe('chart data', () => {
  it('puts each journey’s scores on step numbers, an unscored step being a gap, not a zero', async () => {
    const { model } = await chartReport();
    const experience = curvesByStep(model, 'experience');
    expect(experience.x).toEqual(['1', '2', '3', '4', '5']);
    // One series per walk (a chart of steps in order), named by brand.
    // Brands: own first, then competitors by name (the hostile name sorts first); walks by creation.
    expect(model.brands.map((b) => b.brand.name)).toEqual(['Brightline', HOSTILE, 'Fastwave']);
    expect(experience.series.map((s) => s.journey?.brandId)).toEqual([
      model.brands[0]!.id,
      model.brands[2]!.id,
      model.brands[1]!.id,
    ]);
    expect(experience.series.map((s) => s.brand.name)).toEqual(['Brightline', 'Fastwave', HOSTILE]);
    expect(experience.series.map((s) => s.values)).toEqual([
      [4, 2, null, 1, 3],
      [5, 4, null, null, null],
      [3, 4, null, null, null],
    ]);
    // Past the end of a shorter journey there is no step at all (not an unscored one).
    expect(experience.series[0]!.present).toEqual([true, true, true, true, true]);
    expect(experience.series[1]!.present).toEqual([true, true, false, false, false]);
    expect(curvesByStep(model, 'likelihood').series[0]!.values).toEqual([6, 4, null, 2, 5]);
    // A gap splits the line; a lone value stays a point of its own.
    expect(segments([4, 2, null, 1, 3])).toEqual([
      [
        [0, 4],
        [1, 2],
      ],
      [
        [3, 1],
        [4, 3],
      ],
    ]);
    expect(segments([null, 5, null])).toEqual([[[1, 5]]]);
    expect(segments([null, null])).toEqual([]);
  });

  it('averages each journey’s experience per stage row, null where nothing is scored', async () => {
    const { model } = await chartReport();
    const byStage = scoreByStage(model, 'experience');
    expect(byStage.x).toEqual(['information', 'contact', 'offer']);
    // One series per brand: own, hostile, Fastwave.
    expect(byStage.series.map((s) => s.values)).toEqual([
      [3, 1, 3], // (4 + 2) / 2; the unscored phone step does not count as a zero
      [3.5, null, null],
      [5, 4, null],
    ]);
    expect(byStage.series[1]!.present).toEqual([true, false, false]);
    expect(hasValues(byStage)).toBe(true);
    // The same rule for the likelihood to choose.
    const likely = scoreByStage(model, 'likelihood');
    expect(likely.x).toEqual(byStage.x);
    expect(likely.series.map((s) => s.present)).toEqual(byStage.series.map((s) => s.present));
    for (const series of likely.series)
      for (const [i, value] of series.values.entries()) {
        const cells = model.stages[i]!.cells[series.index] ?? [];
        const scored = cells.map((c) => c.touchpoint.likelihood).filter((v) => v !== null);
        expect(value).toBe(
          scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : null,
        );
      }
  });

  it('splits the priority matrix at importance 5.5 and gap 2.5, own brand only, leaving unscored steps out', async () => {
    expect(quadrantOf(6, 3)).toBe('fix-first');
    expect(quadrantOf(10, 4)).toBe('fix-first');
    expect(quadrantOf(5, 3)).toBe('improve-later');
    expect(quadrantOf(6, 2)).toBe('keep-up');
    expect(quadrantOf(5, 2)).toBe('low-priority');
    expect(quadrantOf(1, 0)).toBe('low-priority');
    const { model, own } = await chartReport();
    const data = priorityMatrix(model);
    expect(data.brands.map((b) => b.id)).toEqual([own.brandId]);
    expect(data.points.map((p) => [p.seq, p.importance, p.gap, p.quadrant])).toEqual([
      [1, 3, 1, 'low-priority'],
      [2, 9, 3, 'fix-first'],
      [4, 10, 4, 'fix-first'],
    ]);
    expect(data.leftOut.map((l) => l.step.touchpoint.seq)).toEqual([3, 5]);
    expect(data.total).toBe(5);
    expect(data.clusters.map((c) => c.seqs)).toEqual([[1], [2], [4]]);
  });

  it('groups steps at the same place of the matrix into one labelled point', async () => {
    const { model } = await chartReport();
    const [own, ...others] = model.brands;
    const walk = own!.walks[0]!;
    const same = walk.steps.map((s, i) => ({
      ...s,
      touchpoint: { ...s.touchpoint, importance: 7, experience: i === 4 ? 5 : 2 },
    }));
    const data = priorityMatrix({
      ...model,
      brands: [{ ...own!, walks: [{ ...walk, steps: same }], steps: same }, ...others],
    });
    expect(data.clusters.map((c) => [c.seqs, c.quadrant])).toEqual([
      [[1, 2, 3, 4], 'fix-first'],
      [[5], 'keep-up'],
    ]);
  });

  it('counts steps per touchpoint type and brand, steps without a type by channel, 0 where missing', async () => {
    const { model } = await chartReport();
    const data = coverageMatrix(model, 'en');
    const walked = data.rows.filter((r) => r.counts.some((n) => n > 0));
    expect(walked.map((r) => [r.key, r.label, r.counts])).toEqual([
      ['type:home-page', 'Home page', [1, 1, 1]],
      ['type:product-card', 'Product or service page', [1, 0, 0]],
      ['type:faq', 'FAQ', [0, 1, 0]],
      ['channel:phone', 'Phone call', [1, 0, 0]],
      ['type:web-form', 'Web form', [1, 0, 0]],
      ['type:online-chat', 'Online chat', [0, 0, 1]],
      ['channel:email', 'Email', [1, 0, 0]],
    ]);
    expect(data.totals).toEqual([5, 2, 2]);
    // The whole catalogue: every other type has its row (nobody walked it), at its own stage.
    const catalogue = model.method.types.filter((t) => !t.hidden);
    expect(data.rows).toHaveLength(catalogue.length + 2);
    expect(data.rows[0]).toEqual({
      key: 'type:search-ad',
      kind: 'type',
      label: 'Search ad',
      counts: [0, 0, 0],
    });
    const index = (key: string) => data.rows.findIndex((r) => r.key === key);
    expect(index('type:home-page')).toBeLessThan(index('type:calculator'));
    expect(index('type:product-card')).toBeLessThan(index('type:calculator'));
    expect(index('type:calculator')).toBeLessThan(index('channel:phone'));
    expect(coverageMatrix(model, 'ru').rows.find((r) => r.key === 'type:home-page')!.label).toBe(
      'Главная страница сайта',
    );
  });

  it('gives one bar group per key figure with no bar where there is no data', async () => {
    const { model } = await chartReport();
    const groups = kpiGroups(model);
    expect(groups.map((g) => g.kpi)).toEqual(['touches', 'time', 'experience', 'compliance']);
    const values = Object.fromEntries(groups.map((g) => [g.kpi, g.bars.map((b) => b.value)]));
    expect(values.touches).toEqual([5, 2, 2]);
    expect(values.time).toEqual([2, 1 / 60, 0.5]);
    expect(values.experience).toEqual([2.5, 3.5, 4.5]);
    expect(values.compliance).toEqual([null, null, null]);
    expect(groups.map((g) => g.max)).toEqual([5, 2, 5, 100]);
  });

  it('scales linearly and picks readable integer ticks', () => {
    const y = linearScale([1, 5], [200, 0]);
    expect([y(1), y(3), y(5)]).toEqual([200, 100, 0]);
    expect(linearScale([2, 2], [0, 10])(2)).toBe(0);
    expect(integerTicks(1, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(integerTicks(0, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(integerTicks(0, 40)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
  });
});

describe('chart rendering', () => {
  it('renders every chart as an SVG image named by its title and described by its data', async () => {
    const { model } = await chartReport();
    const html = render(<ReportCharts model={model} locale="en" />);
    expect(html).toContain('<section class="charts"');
    expect(html).toContain('>Charts</h2>');
    // Experience by step and by stage, likelihood by step and by stage, priority, key figures.
    expect(html.match(/<svg class="chart-svg" role="img"/g)).toHaveLength(6);
    const labelled = [...html.matchAll(/role="img" aria-labelledby="([^"]+)"/g)].map((m) => m[1]!);
    for (const ids of labelled) {
      const [title, desc] = ids.split(' ');
      expect(html).toContain(`<title id="${title}">`);
      expect(html).toContain(`<desc id="${desc}">`);
    }
    // Ids are unique on the page (several charts share it).
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html.match(/<figure class="chart"/g)).toHaveLength(6);
    expect(html.match(/<figcaption>/g)).toHaveLength(6);
    expect(html).toContain('<table class="coverage"');
    expect(html).toContain('<caption>');
  });

  it('states each journey’s values in the text alternatives', async () => {
    const { model } = await chartReport();
    const descOf = (node: preact.VNode) => render(node).match(/<desc id="[^"]+">([^<]*)</)![1]!;
    const byStep = descOf(<ExperienceChart model={model} locale="en" prefix="e" />);
    expect(byStep).toContain(
      'Brightline: step 1 experience 4, step 2 experience 2, step 3 experience not scored, step 4 experience 1, step 5 experience 3.',
    );
    expect(byStep).toContain('Fastwave: step 1 experience 5, step 2 experience 4.');
    expect(byStep).toContain('&lt;img src=x onerror=alert(1)>: step 1 experience 3');
    const byStage = descOf(<ExperienceChart model={model} locale="en" prefix="s" by="stage" />);
    expect(byStage).toContain(
      'Brightline (own): Information gathering experience 3, Contact / communication experience 1, Offer experience 3.',
    );
    expect(byStage).toContain('(competitor): Information gathering experience 3.5.');
    expect(descOf(<LikelihoodChart model={model} locale="en" prefix="l" />)).toContain(
      'Brightline: step 1 likelihood 6, step 2 likelihood 4, step 3 likelihood not scored',
    );
    const priority = descOf(<PriorityMatrix model={model} locale="en" prefix="p" />);
    expect(priority).toContain(
      'Fix first: step 4 (importance 10, gap 4), step 2 (importance 9, gap 3).',
    );
    expect(priority).toContain('Keep up: none.');
    expect(priority).toContain('Low priority: step 1 (importance 3, gap 1).');
    expect(priority).toContain('Not plotted: 2 of 5 steps');
    const kpi = descOf(<KpiBars model={model} locale="en" prefix="k" />);
    expect(kpi).toContain(
      'Touches (fewer is better): Brightline (own) 5, &lt;img src=x onerror=alert(1)> (competitor) 2, Fastwave (competitor) 2.',
    );
    expect(kpi).toContain('Brightline (own) 2 h 0 min');
    expect(kpi).toContain('Brightline (own) — (no data)');
  });

  it('draws the priority matrix with a "Fix first" quadrant and step numbers on the points', async () => {
    const { model, own } = await chartReport();
    const html = render(<PriorityMatrix model={model} locale="en" prefix="p" />);
    expect(html).toMatch(/data-quadrant="fix-first">.*?>Fix first<\/text>/);
    const point = (quadrant: string, steps: string) =>
      `data-quadrant-point="${quadrant}" data-journey="${own.id}" data-steps="${steps}"`;
    expect(html).toContain(point('fix-first', '2'));
    expect(html).toContain(point('fix-first', '4'));
    expect(html).toContain(point('low-priority', '1'));
    // One walk of the brand: the point is labelled with its step number only.
    expect(html).toContain('>4</text>');
    expect(html).toContain('Not plotted: 2 of 5 steps (importance or experience not scored).');
  });

  it('marks a type a brand lacks as missing, in words and by class', async () => {
    const { model } = await chartReport();
    const html = render(<CoverageMatrix model={model} locale="en" prefix="c" />);
    const row = html.match(/<tr data-row="type:faq">(.*?)<\/tr>/)![1]!;
    expect(row.match(/<td class="coverage-missing"><span>missing<\/span><\/td>/g)).toHaveLength(2);
    expect(row).toContain('<td>1</td>');
    expect(html).toContain('<th scope="row">channel: Phone call</th>');
    expect(html).toMatch(/All steps<\/th><td>5<\/td><td>2<\/td><td>2<\/td>/);
  });

  it('is static and safe: no style attribute, no script, no handler, hostile text escaped', async () => {
    const { model } = await chartReport();
    for (const locale of ['en', 'ru'] as const) {
      const html = render(<ReportCharts model={model} locale={locale} />);
      expect(html).not.toMatch(/ style=/);
      expect(html).not.toMatch(/<script/i);
      // No event handler attribute on any element (the hostile text's "onerror=" is text).
      expect(html).not.toMatch(/<[^>]*\son[a-z]+=/i);
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)>');
    }
    expect(CHART_CSS).not.toMatch(/url\(|@import/);
  });

  it('renders in Russian with Russian labels and numbers', async () => {
    const { model } = await chartReport();
    const html = render(<ReportCharts model={model} locale="ru" />);
    expect(html).toContain('>Графики</h2>');
    expect(html).toContain('Исправить в первую очередь');
    expect(html).toContain('Brightline: шаг 1: впечатление 4');
    expect(html).toContain('Brightline (свой): Сбор информации: впечатление 3');
    expect(html).toContain('Сбор информации: впечатление 3,5');
    expect(html).toContain('<th scope="row">канал: Телефонный звонок</th>');
    expect(html).toContain('<span>нет</span>');
    expect(html).not.toMatch(/Experience|Fix first|>missing</);
  });

  it('gives every journey its own colour, dash and marker, the own brand first', () => {
    expect(SERIES_STYLES).toHaveLength(6);
    for (const key of ['colour', 'dash', 'marker'] as const)
      expect(new Set(SERIES_STYLES.map((s) => s[key])).size).toBe(6);
    expect(SERIES_STYLES[0]!.dash).toBe('');
  });

  it('leaves a one-line note instead of a chart with nothing to draw', async () => {
    const t = MESSAGES.en;
    const ownOnly = render(<ReportCharts model={await unscoredReport(true)} locale="en" />);
    expect(ownOnly).toContain(
      `<p class="chart-none">${t.chartExperienceByStep}: nothing to draw yet — no step has this score.</p>`,
    );
    expect(ownOnly).toContain(`<p class="chart-none">${t.chartPriorityNoScores}</p>`);
    // Coverage and key figures still have something to show.
    expect(ownOnly).toContain('<table class="coverage"');
    expect(ownOnly.match(/role="img"/g)).toHaveLength(1);
    const rivalOnly = render(<ReportCharts model={await unscoredReport(false)} locale="en" />);
    expect(rivalOnly).toContain(`<p class="chart-none">${t.chartPriorityNoOwn}</p>`);
    const { store } = testStore();
    const { audit } = await auditWithJourneys(store);
    const empty = render(
      <ReportCharts
        model={buildReport(await store.readAudit(audit.id), { brandIds: [] }, 0)}
        locale="en"
      />,
    );
    expect(empty).not.toContain('role="img"');
    expect(empty).toContain(`<p class="chart-none">${t.chartKpiNone}</p>`);
    expect(empty).toContain(`<p class="chart-none">${t.chartCoverageNone}</p>`);
  });
});

describe('charts of a brand walked twice', () => {
  /** Our brand walked by two personas, a competitor once; steps scored for the priority matrix. */
  function twoWalks() {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const rival = f.brand('Fastwave');
    const wave = f.wave('Wave 1', 0);
    const a = f.walk(
      own,
      wave,
      [
        { experience: 2, importance: 9 },
        { experience: 4, importance: 2 },
      ],
      {
        persona: 'family',
      },
    );
    const b = f.walk(own, wave, [{ experience: 2, importance: 9 }], { persona: 'student' });
    f.walk(rival, wave, [{ experience: 5, importance: 9 }]);
    return { model: f.report(), own, a, b };
  }

  it('names walk series by the walk and brand series by the brand', () => {
    const { model } = twoWalks();
    const legend = (node: preact.VNode) =>
      [...render(node).matchAll(/<\/svg>([^<]+)<\/li>/g)].map((m) => m[1]);
    expect(legend(<ExperienceChart model={model} locale="en" prefix="e" />)).toEqual([
      'Brightline · family',
      'Brightline · student',
      'Fastwave',
    ]);
    expect(legend(<ExperienceChart model={model} locale="en" prefix="s" by="stage" />)).toEqual([
      'Brightline (own)',
      'Fastwave (competitor)',
    ]);
    const kpi = render(<KpiBars model={model} locale="en" prefix="k" />);
    // Touches: the median of our walks' 2 and 1.
    expect(kpi).toContain(
      'Touches (fewer is better): Brightline (own) 1.5, Fastwave (competitor) 1.',
    );
  });

  it('labels each point of the priority matrix with its walk when the brand has several', () => {
    const { model, a, b } = twoWalks();
    const html = render(<PriorityMatrix model={model} locale="en" prefix="p" />);
    expect(html).toContain('Priority matrix: Brightline');
    // The same place in two walks: two points, each naming its walk.
    expect(html).toContain(`data-journey="${a.journey.id}" data-steps="1"`);
    expect(html).toContain(`data-journey="${b.journey.id}" data-steps="1"`);
    expect(html).toContain('>family: 1</text>');
    expect(html).toContain('>student: 1</text>');
    expect(html).toContain(
      'Fix first: Brightline · family, step 1 (importance 9, gap 3), Brightline · student, step 1 (importance 9, gap 3).',
    );
    // The legend tells the walks' markers apart.
    expect(html).toContain('Brightline · family</li>');
  });
});
