import { describe, expect, it } from 'vitest';
import { journeyKpis } from '../../lib/metrics';
import type { Outcome } from '../../lib/model';
import { CSV_COLUMNS, csvCell, renderCsv } from '../../lib/report/csv';
import { methodUsed } from '../../lib/report/method-used';
import { buildReport, failedItems, fewestTouches } from '../../lib/report/model';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { renderReportDocument } from '../../components/report/document';
import { leagueTable, stageScorecards } from '../../lib/report/summary';
import { auditWithJourneys, fakeImage, testStore } from './helpers';
import { CLEAR_OFFER, CONTACTS, reportFixture } from './report-walks';

const WEB_FORM = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;

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
  it('puts the own brand first and computes KPIs per brand (one walk each)', async () => {
    const { snapshot, own, rival } = await sampleAudit();
    const model = buildReport(snapshot, {}, 123);
    expect(model.brands.map((b) => b.id)).toEqual([own.brandId, rival.brandId]);
    expect(model.brands.map((b) => b.walks.map((w) => w.journey.id))).toEqual([
      [own.id],
      [rival.id],
    ]);
    const [ownKpis, rivalKpis] = model.brands.map((b) => b.kpis);
    expect(ownKpis).toMatchObject({
      touches: 3,
      elapsedMs: 10 * 60_000,
      averageExperience: 3,
      weakLinks: 1,
      wows: 0,
      walks: 1,
    });
    expect(rivalKpis).toMatchObject({
      touches: 2,
      elapsedMs: 2 * 60_000,
      averageExperience: 4.5,
      weakLinks: 0,
      wows: 1,
      walks: 1,
    });
    expect(model.generatedAt).toBe(123);
  });

  it('ranks the steps to fix first in the model (weak links and poor experiences, most important first)', async () => {
    const { snapshot } = await sampleAudit();
    const model = buildReport(snapshot, {}, 0);
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
  });

  it('aligns brands by lifecycle stage and shows missing touchpoints as empty cells', async () => {
    const { snapshot } = await sampleAudit();
    const model = buildReport(snapshot, {}, 0);
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

  it('only includes the chosen brands', async () => {
    const { snapshot, rival } = await sampleAudit();
    const model = buildReport(snapshot, { brandIds: [rival.brandId, 'not-a-brand'] }, 0);
    expect(model.journeys).toHaveLength(1);
    expect(model.brands.map((b) => b.id)).toEqual([rival.brandId]);
    expect(model.stages.map((s) => s.stage)).toEqual(['information', 'contact']);
  });

  it('handles an empty journey without dividing by zero', () => {
    expect(journeyKpis([], { templates: [], results: [] })).toEqual({
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

describe('fewest touches', () => {
  const walk = (touches: number, outcome: Outcome | null = 'goal-reached') => ({
    stopped: outcome === 'abandoned' || outcome === 'blocked',
    kpis: { touches },
  });

  it('marks the journey with the fewest touches among those that got there', () => {
    expect(fewestTouches([walk(5), walk(3), walk(4)])).toEqual([false, true, false]);
    // Still in progress counts as getting there; its touches so far compete.
    expect(fewestTouches([walk(5), walk(2, null)])).toEqual([false, true]);
  });

  it('marks every journey that ties for the fewest', () => {
    expect(fewestTouches([walk(3), walk(5), walk(3)])).toEqual([true, false, true]);
  });

  it('never marks an abandoned or blocked journey, nor one without steps', () => {
    expect(fewestTouches([walk(1, 'abandoned'), walk(4), walk(2, 'blocked'), walk(6)])).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(fewestTouches([walk(0), walk(4), walk(6)])).toEqual([false, true, false]);
  });

  it('marks nothing with fewer than two journeys to compare', () => {
    expect(fewestTouches([])).toEqual([]);
    expect(fewestTouches([walk(3)])).toEqual([false]);
    expect(fewestTouches([walk(3), walk(1, 'abandoned'), walk(0)])).toEqual([false, false, false]);
  });

  it('is what the report model says of each brand', async () => {
    const { snapshot } = await sampleAudit();
    const model = buildReport(snapshot, {}, 0);
    // Own 3 touches, rival 2: the rival is marked.
    expect(model.brands.map((b) => [b.kpis.touches, b.fewestTouches])).toEqual([
      [3, false],
      [2, true],
    ]);
    expect(model.brands.map((b) => b.fewestTouches)).toEqual(fewestTouches(model.brands));
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
    expect(csvCell(-4)).toBe('"-4"');
    expect(csvCell('-4')).toBe('"\'-4"');
  });

  it('writes one row per step in journey and step order, with a BOM and a header', async () => {
    const { snapshot } = await sampleAudit();
    const csv = renderCsv(buildReport(snapshot, {}, 0), 'ru');
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

describe('the audit method in the report', () => {
  /** Own brand: a web form with a failed critical item, a callback 3 h after the form (≤ 2 h). */
  async function methodAudit() {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const start = clock.now();
    const page = (journeyId: string, title: string, minutes: number) =>
      store.addStep({
        journeyId,
        kind: 'page',
        url: `https://x.test/${title}`,
        title,
        at: start + minutes * 60_000,
        stage: 'contact',
        typeId: 'web-form',
      });
    const form = await page(own.id, 'O form', 0);
    const rivalForm = await page(rival.id, 'R form', 0);
    const [critical, plain] = [
      WEB_FORM.items.find((i) => i.critical)!,
      WEB_FORM.items.find((i) => !i.critical)!,
    ];
    await store.answerCheck(form.id, 'web-form', plain.id, 'yes');
    await store.answerCheck(form.id, 'web-form', critical.id, 'no');
    await store.answerCheck(rivalForm.id, 'web-form', critical.id, 'yes');
    await store.answerCheck(rivalForm.id, 'web-form', plain.id, 'na');
    const timer = await store.startTimer(own.id, 'callback-after-form', form.id);
    const callback = await store.addStep({
      journeyId: own.id,
      kind: 'offline',
      url: null,
      title: 'Callback',
      at: start + 180 * 60_000,
      channel: 'phone',
      stage: 'contact',
      stopsTimers: [timer.id],
    });
    await store.updateStep(callback.id, { likelihood: 2 });
    await store.updateStep(form.id, { likelihood: 6, importance: 8 });
    await store.addAction({
      touchpointId: callback.id,
      kind: 'action',
      what: 'Route web leads to the call queue',
      owner: 'Sales ops',
      due: start - 2 * 86_400_000,
      status: 'open',
      metric: 'callbacks within 2 h',
      baseline: '40 %',
      target: '95 %',
    });
    await store.addAction({
      touchpointId: rivalForm.id,
      kind: 'idea',
      what: 'Prices on the first screen',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '',
    });
    const snapshot = await store.readAudit(audit.id);
    return { model: buildReport(snapshot, {}, start), own, critical, plain };
  }

  it('gives compliance, the failed standard, weak-link reasons, the plan and ideas', async () => {
    const { model, critical, plain } = await methodAudit();
    const [ownJourney, rivalJourney] = model.journeys;
    expect(model.brands.map((b) => b.compliance.percent)).toEqual([
      ownJourney!.compliance.percent,
      100,
    ]);
    const expected = (100 * plain.weight) / (plain.weight + critical.weight);
    expect(ownJourney!.compliance.percent).toBeCloseTo(expected);
    // N/A is left out: the rival answered one item yes and one n/a.
    expect(rivalJourney!.compliance.percent).toBe(100);
    const [form, callback] = ownJourney!.steps;
    expect(form!.reasons).toEqual([
      { kind: 'critical-item', templateId: 'web-form', itemId: critical.id },
    ]);
    expect(callback!.measurements).toHaveLength(1);
    expect(callback!.measurements[0]).toMatchObject({ status: 'fail', measuredMs: 3 * 3_600_000 });
    expect(callback!.reasons.map((r) => r.kind)).toEqual(['standard']);
    expect(callback!.impact).toBe(-4);
    // The time to goal uses the contact's own time (3 h after the form), not when it was logged.
    expect(ownJourney!.kpis.elapsedMs).toBe(3 * 3_600_000);
    expect(ownJourney!.kpis.weakLinks).toBe(2);
    // Failed items: the no of the checklists the step shows, nothing of the rival's yes and n/a.
    expect(failedItems(form!).map(({ template, item }) => [template.id, item.id])).toEqual([
      ['web-form', critical.id],
    ]);
    expect(failedItems(rivalJourney!.steps[0]!)).toEqual([]);
    // An answer to a checklist the step does not show is not listed.
    const elsewhere = { ...form!, checklists: [] };
    expect(failedItems(elsewhere)).toEqual([]);
    // One standard measured on the own journey, and failed.
    expect(ownJourney!.standards).toEqual({ met: 0, measured: 1 });
    expect(rivalJourney!.standards).toEqual({ met: 0, measured: 0 });
    expect(model.fixFirst.map((f) => f.touchpoint.title)).toEqual(['O form', 'Callback']);
    expect(model.actions.map((p) => [p.action.what, p.overdue])).toEqual([
      ['Route web leads to the call queue', true],
    ]);
    expect(model.ideas.map((p) => p.action.what)).toEqual(['Prices on the first screen']);
    expect(model.compliance.map((b) => [b.brand.role, b.byStage.contact?.percent])).toEqual([
      ['own', expected],
      ['competitor', 100],
    ]);
  });

  it('says in the method section what was used and when each journey was walked', async () => {
    const { model } = await methodAudit();
    const used = methodUsed(model);
    expect(used.standards.map((s) => s.id)).toEqual(['callback-after-form']);
    expect(used.checklists.map((c) => c.id)).toEqual(['web-form']);
    const [own, rival] = used.walks;
    // From the first to the last step: the callback came 3 h after the form.
    expect(own!.last - own!.first).toBe(3 * 3_600_000);
    expect(rival!.last).toBe(rival!.first);
  });

  it('dates a journey without steps from its creation', async () => {
    const { store } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    const model = buildReport(await store.readAudit(audit.id), { brandIds: [own.brandId] }, 0);
    expect(methodUsed(model).walks).toEqual([
      { journey: own, first: own.createdAt, last: own.finishedAt ?? own.createdAt },
    ]);
  });

  it('puts it in the CSV', async () => {
    const { model } = await methodAudit();
    const csv = renderCsv(model, 'en');
    const lines = csv.trim().split('\r\n');
    const cells = (line: string) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const callback = cells(lines.find((l) => l.includes('"Callback"'))!);
    expect(callback[col('standards')]).toBe('Callback after a web form: 3 h 0 min (≤ 2 h) fail');
    expect(callback[col('weak_reasons')]).toBe('standard');
    expect(callback[col('likelihood_change')]).toBe('-4');
    expect(callback[col('actions')]).toBe(
      `action | Route web leads to the call queue | Sales ops | ${localDay(model.actions[0]!.action.due!)} | open | callbacks within 2 h: 40 % -> 95 %`,
    );
    const form = cells(lines.find((l) => l.includes('"O form"'))!);
    expect(form[col('touchpoint_type')]).toBe('Web form');
    expect(Number(form[col('checklist_compliance_pct')])).toBeGreaterThan(0);
    expect(form[col('checklist_failed_items')]).toContain('?');
  });
});

function localDay(ms: number) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('who fixes what', () => {
  it('lists only the own brand in fix first; competitors give ideas to borrow', async () => {
    const { store, clock } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const add = async (journeyId: string, title: string, edit: object) => {
      const step = await store.addStep({
        journeyId,
        kind: 'page',
        url: `https://x.test/${title}`,
        title,
        at: clock.now(),
      });
      return store.updateStep(step.id, edit);
    };
    await add(own.id, 'O plans', { experience: 2, importance: 9 });
    await add(rival.id, 'R slow', { experience: 1, importance: 10, weakLink: true });
    const rivalWow = await add(rival.id, 'R form', { experience: 5, wow: true });
    const rivalIdea = await add(rival.id, 'R chat', { experience: 4 });
    await store.addAction({
      touchpointId: rivalIdea.id,
      kind: 'idea',
      what: 'Chat answers in a minute',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '',
    });
    const model = buildReport(await store.readAudit(audit.id), {}, clock.now());
    // The rival's weak step (more important, worse) is not on our to-do list.
    expect(model.fixFirst.map((item) => item.touchpoint.title)).toEqual(['O plans']);
    expect(model.borrow.map((s) => s.touchpoint.id)).toEqual([rivalWow.id, rivalIdea.id]);
  });
});

describe('two walks of a brand in a wave, by hand', () => {
  /**
   * Wave 2: our brand walked twice — A: 3 steps, experience 4, 2, –; clear offer yes (weight 9),
   * contacts no (8); phone answered in 20 s (pass) and 40 s (fail). B: 5 steps, experience 5, 3,
   * 4, –, –; contacts yes (8); phone answered in 10 s (pass). One competitor walk (experience 4).
   */
  function twoOwnWalks() {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const rival = f.brand('Fastwave');
    const wave1 = f.wave('Wave 1', 0);
    const wave2 = f.wave('Wave 2', 2);
    f.walk(own, wave1, [{ experience: 1 }]);
    const a = f.walk(
      own,
      wave2,
      [
        { experience: 4, checks: { [CLEAR_OFFER]: 'yes', [CONTACTS]: 'no' }, phoneSeconds: 20 },
        { experience: 2, phoneSeconds: 40 },
        {},
      ],
      { persona: 'family' },
    );
    const b = f.walk(
      own,
      wave2,
      [
        { experience: 5, checks: { [CONTACTS]: 'yes' }, phoneSeconds: 10 },
        { experience: 3 },
        { experience: 4 },
        {},
        {},
      ],
      { persona: 'student' },
    );
    const r = f.walk(rival, wave2, [{ experience: 4 }, {}]);
    return { f, own, rival, wave1, wave2, a, b, r };
  }

  it('pools the walks into the brand: experience, compliance, standards, touches, time', () => {
    const { f, own, wave2, a, b } = twoOwnWalks();
    const model = f.report();
    // The latest wave with walks is compared by default; only its walks are in the drill-down.
    expect(model.wave?.id).toBe(wave2.id);
    const brand = model.brands.find((x) => x.id === own.id)!;
    expect(brand.walks.map((w) => w.journey.id)).toEqual([a.journey.id, b.journey.id]);
    expect(brand.walks.map((w) => w.kpis.averageExperience)).toEqual([3, 4]);
    // The mean of the walks' means (3 and 4), not of the five scored steps (3.6).
    expect(brand.kpis.averageExperience).toBe(3.5);
    // Answers pooled by weight: (9 + 8) / (9 + 8 + 8) = 68 %, not the mean of 52.9 % and 100 %.
    expect(brand.walks.map((w) => w.compliance.percent)).toEqual([(100 * 9) / 17, 100]);
    expect(brand.compliance.percent).toBeCloseTo(68);
    // Standards met: 1 of 2 and 1 of 1, summed: 2 of 3.
    expect(brand.walks.map((w) => w.standards)).toEqual([
      { met: 1, measured: 2 },
      { met: 1, measured: 1 },
    ]);
    expect(brand.standards).toEqual({ met: 2, measured: 3 });
    // Touches: the median of 3 and 5; time first to last step: of 2 and 4 minutes.
    expect(brand.kpis.touches).toBe(4);
    expect(brand.kpis.elapsedMs).toBe(3 * 60_000);
    expect(brand.kpis.walks).toBe(2);
    expect(brand.outcomes).toEqual({ reached: 2, abandoned: 0, blocked: 0, inProgress: 0 });
    const league = leagueTable(model).find((row) => row.brandId === own.id)!;
    expect(league.walks).toBe(2);
    expect(league.parts.experience).toBeCloseTo(((3.5 - 1) / 4) * 100);
    expect(league.parts.standards).toBeCloseTo((100 * 2) / 3);
  });

  it('shows each brand once with its n, and each walk in the drill-down', async () => {
    const { f, a, b } = twoOwnWalks();
    const model = f.report();
    const html = await renderReportDocument(model, 'en', () => undefined);
    const league = html.slice(html.indexOf('<section class="league">'));
    const rows = [...league.slice(0, league.indexOf('</section>')).matchAll(/<tr data-brand=/g)];
    expect(rows).toHaveLength(2);
    expect(league).toContain('n = 2 walks');
    expect(league).toContain('n = 1 walk<');
    const drill = html.slice(html.indexOf('<section class="drill-down">'));
    expect(drill.match(/<tr data-journey="([^"]+)"/g)).toEqual([
      `<tr data-journey="${a.journey.id}"`,
      `<tr data-journey="${b.journey.id}"`,
      expect.stringContaining('<tr data-journey='),
    ]);
    // Told apart by what differs among the report's walks (Wave 1's included): wave and persona.
    expect(drill).toContain('<th scope="row">Brightline · Wave 2 · family</th>');
    expect(drill).toContain('<th scope="row">Brightline · Wave 2 · student</th>');
    expect(html).toContain('Compared: Wave 2, ');
  });

  it('never measures the own brand against its own re-walk, nor against a benchmark', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const leader = f.brand('Lumen Hotels', 'benchmark');
    const rival = f.brand('Fastwave');
    const wave = f.wave('Wave 1', 0);
    f.walk(own, wave, [{ experience: 2 }]);
    f.walk(own, wave, [{ experience: 5 }]);
    // Only our walks: the better re-walk is no rival.
    const onlyOwn = stageScorecards(f.report({ brandIds: [own.id] }));
    expect(onlyOwn.map((c) => [c.ownGap, c.rivalId])).toEqual([[null, null]]);
    // A benchmark, far ahead, is not a competitor: still no gap.
    f.walk(leader, wave, [{ experience: 5 }]);
    const withBenchmark = stageScorecards(f.report());
    expect(withBenchmark.map((c) => [c.winnerId, c.ownGap, c.rivalId])).toEqual([
      [leader.id, null, null],
    ]);
    // A competitor behind the benchmark is the one we are measured against: 4 − 3.5 = 0.5.
    f.walk(rival, wave, [{ experience: 4 }]);
    const [card] = stageScorecards(f.report());
    expect(card!.winnerId).toBe(leader.id);
    expect(card!.rivalId).toBe(rival.id);
    expect(card!.ownGap).toBeCloseTo(0.5);
  });
});
