/**
 * Who owns a touchpoint and priority that counts the cost (#16 points 3, 4): the owner resolved
 * step → type → none, the plan rolled up by department, the ranking importance × gap ÷ effort
 * (ties, missing estimates), quick wins, and what the CSV and the slides carry. Every figure is
 * computed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n';
import {
  cleanDepartment,
  departmentKey,
  resolveOwner,
  stepEstimate,
  typesById,
  usedDepartments,
} from '../../lib/metrics/ownership';
import { EMPTY_METHOD, type ActionItem, type TouchpointType } from '../../lib/model';
import { putType, resolveTypes } from '../../lib/taxonomy';
import { CSV_COLUMNS, renderCsv } from '../../lib/report/csv';
import { ownersTables } from '../../lib/report/owners-slides';
import {
  costRanking,
  departmentRollup,
  ownerText,
  quickWins,
  type DepartmentRow,
} from '../../lib/report/owners';
import { planSlides } from '../../lib/report/slides';
import { parseCost } from '../../components/panel/action-effort';
import { auditWithJourneys, fakeImage, testStore } from './helpers';
import { NOW, reportFixture } from './report-walks';

const DAY = 86_400_000;

const type = (id: string, owner?: TouchpointType['owner']): TouchpointType => ({
  id,
  name: id,
  category: 'technology',
  stage: 'information',
  channel: 'website',
  hidden: false,
  ...(owner ? { owner } : {}),
});

describe('resolveOwner: the step’s, else its type’s, else none', () => {
  const types = typesById([
    type('site', { department: 'Marketing', control: 'own' }),
    type('bare'),
  ]);
  it('takes the step’s own owner first', () => {
    expect(
      resolveOwner({ typeId: 'site', owner: { department: 'Sales', control: 'partner' } }, types),
    ).toEqual({ department: 'Sales', control: 'partner', from: 'step' });
  });
  it('falls back to the type’s owner', () => {
    expect(resolveOwner({ typeId: 'site' }, types)).toEqual({
      department: 'Marketing',
      control: 'own',
      from: 'type',
    });
  });
  it('is none for a type with no owner, no type, or a type the method lacks', () => {
    expect(resolveOwner({ typeId: 'bare' }, types)).toBeNull();
    expect(resolveOwner({ typeId: null }, types)).toBeNull();
    expect(resolveOwner({ typeId: 'gone' }, types)).toBeNull();
  });
  it('words an owner, one with no department, and none', () => {
    const t = translator('en');
    expect(ownerText({ department: 'Sales', control: 'partner' }, t)).toBe('Sales (partner)');
    expect(ownerText({ department: '', control: 'third-party' }, t)).toBe(
      'department not named (third party)',
    );
    expect(ownerText(null, t)).toBe('no owner');
    expect(ownerText({ department: 'Продажи', control: 'own' }, translator('ru'))).toBe(
      'Продажи (свой)',
    );
  });
});

describe('department names', () => {
  it('are trimmed, inner runs of spaces collapsed, and the change is reported', () => {
    expect(cleanDepartment('  Call   centre ')).toEqual({ value: 'Call centre', changed: true });
    expect(cleanDepartment('Sales')).toEqual({ value: 'Sales', changed: false });
  });
  it('offer each department once, first spelling, sorted', () => {
    expect(departmentKey(' Call  Centre ')).toBe('call centre');
    expect(
      usedDepartments([
        { department: 'Sales' },
        undefined,
        { department: ' sales ' },
        { department: '' },
        { department: 'Call centre' },
        null,
      ]),
    ).toEqual(['Call centre', 'Sales']);
  });
});

describe('stepEstimate: the cheapest open action', () => {
  const a = (fields: Partial<ActionItem>) =>
    ({ kind: 'action', status: 'open', effort: null, cost: null, ...fields }) as ActionItem;
  it('takes the smallest effort and the lowest cost of open actions only', () => {
    expect(
      stepEstimate([
        a({ effort: 'L', cost: 900 }),
        a({ effort: 'M', cost: 2000 }),
        a({ effort: 'S', status: 'done', cost: 1 }), // done: not counted
        a({ kind: 'idea', effort: 'S' }), // an idea: not counted
        a({ status: 'in-progress', cost: 50 }),
      ]),
    ).toEqual({ effort: 'M', cost: 50, open: 3 });
  });
  it('assumes nothing when nothing is given', () => {
    expect(stepEstimate([a({})])).toEqual({ effort: null, cost: null, open: 1 });
    expect(stepEstimate([])).toEqual({ effort: null, cost: null, open: 0 });
  });
});

/**
 * Brightline (own), one walk of six steps; Rival (competitor), one weak step that counts nowhere.
 * Types: "site" owned by Marketing (ours), "call" by Call centre (a partner).
 *
 *   s1 site            exp 2 imp 8  weak (poor)   → Marketing (type)
 *   s2 site, step: Sales (ours)       exp 4 imp 5 → Sales
 *   s3 call            exp 1 imp 10 weak          → Call centre (partner)
 *   s4 no type         exp 3 imp 6                → no owner
 *   s5 no type, step: '' (third party), unscored → department not named
 *   s6 site, step: " marketing " (partner) exp 5  → Marketing (same department)
 *
 * Actions: a1 s1 open M 5000 due 2 days ago (overdue); a2 s1 done S; a3 s3 in progress S 300;
 * a4 s4 open L; a5 s2 open, cost 100 only.
 */
function ownedAudit() {
  const f = reportFixture();
  f.snapshot.audit.method = {
    ...f.snapshot.audit.method,
    types: [
      type('site', { department: 'Marketing', control: 'own' }),
      type('call', { department: 'Call centre', control: 'partner' }),
    ],
  };
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Rival');
  const wave = f.wave('Wave 1', 4);
  const { steps } = f.walk(own, wave, [
    { experience: 2, importance: 8 },
    { experience: 4, importance: 5 },
    { experience: 1, importance: 10 },
    { experience: 3, importance: 6 },
    {},
    { experience: 5, importance: 3 },
  ]);
  const [s1, s2, s3, s4, s5, s6] = steps as [
    (typeof steps)[0],
    (typeof steps)[0],
    (typeof steps)[0],
    (typeof steps)[0],
    (typeof steps)[0],
    (typeof steps)[0],
  ];
  s1.typeId = 'site';
  s2.typeId = 'site';
  s2.owner = { department: 'Sales', control: 'own' };
  s3.typeId = 'call';
  s5.owner = { department: '', control: 'third-party' };
  s6.typeId = 'site';
  s6.owner = { department: ' marketing ', control: 'partner' };
  const rivalWalk = f.walk(rival, wave, [{ experience: 1, importance: 9 }]);
  rivalWalk.steps[0]!.typeId = 'call';
  f.action(s1, { what: 'a1', effort: 'M', cost: 5000, due: NOW - 2 * DAY, owner: 'Anna' });
  f.action(s1, { what: 'a2', effort: 'S', status: 'done' });
  f.action(s3, { what: 'a3', effort: 'S', cost: 300, status: 'in-progress' });
  f.action(s4, { what: 'a4', effort: 'L' });
  f.action(s2, { what: 'a5', cost: 100 });
  f.action(rivalWalk.steps[0]!, { what: 'borrow this', kind: 'idea' });
  return { f, steps: { s1, s2, s3, s4, s5, s6 } };
}

const pick = (row: DepartmentRow) => ({
  name: row.kind === 'named' ? row.department : row.kind,
  steps: row.steps,
  weak: row.weak,
  mean: row.meanExperience,
  control: row.control,
  actions: row.actions,
});

describe('departmentRollup', () => {
  it('counts steps, weak links, mean experience, control and actions per department', () => {
    const { f } = ownedAudit();
    const { rows, total } = departmentRollup(f.report());
    expect(rows.map(pick)).toEqual([
      // Marketing: s1 (exp 2, weak, ours by type) and s6 (exp 5, partner): mean 3.5
      {
        name: 'Marketing',
        steps: 2,
        weak: 1,
        mean: 3.5,
        control: { own: 1, partner: 1, 'third-party': 0 },
        actions: { open: 1, inProgress: 0, done: 1, overdue: 1 },
      },
      // Call centre: s3 (exp 1, weak); as many weak links as Marketing, fewer steps
      {
        name: 'Call centre',
        steps: 1,
        weak: 1,
        mean: 1,
        control: { own: 0, partner: 1, 'third-party': 0 },
        actions: { open: 0, inProgress: 1, done: 0, overdue: 0 },
      },
      {
        name: 'Sales',
        steps: 1,
        weak: 0,
        mean: 4,
        control: { own: 1, partner: 0, 'third-party': 0 },
        actions: { open: 1, inProgress: 0, done: 0, overdue: 0 },
      },
      {
        name: 'unnamed',
        steps: 1,
        weak: 0,
        mean: null,
        control: { own: 0, partner: 0, 'third-party': 1 },
        actions: { open: 0, inProgress: 0, done: 0, overdue: 0 },
      },
      {
        name: 'none',
        steps: 1,
        weak: 0,
        mean: 3,
        control: { own: 0, partner: 0, 'third-party': 0 },
        actions: { open: 1, inProgress: 0, done: 0, overdue: 0 },
      },
    ]);
    // (2 + 4 + 1 + 3 + 5) / 5 scored steps = 3; the competitor's step counts nowhere.
    expect(pick(total)).toEqual({
      name: '',
      steps: 6,
      weak: 2,
      mean: 3,
      control: { own: 2, partner: 2, 'third-party': 1 },
      actions: { open: 3, inProgress: 1, done: 1, overdue: 1 },
    });
  });
  it('has no row without own-brand steps', () => {
    const f = reportFixture();
    f.walk(f.brand('Rival'), f.wave('W', 0), [{ experience: 1, importance: 9 }]);
    expect(departmentRollup(f.report()).rows).toEqual([]);
  });
});

describe('costRanking and quickWins', () => {
  it('ranks by importance × gap ÷ effort; steps with no effort apart, never as S', () => {
    const { f, steps } = ownedAudit();
    const ranking = costRanking(f.report());
    // s3: 10 × 4 = 40 ÷ S(1) = 40; s1: 8 × 3 = 24 ÷ M(2) = 12 (a2 is done: not its S);
    // s4: 6 × 2 = 12 ÷ L(4) = 3. s6 has no gap, s5 no scores: not candidates.
    expect(
      ranking.ranked.map((i) => [i.touchpoint.id, i.value, i.effort, i.cost, i.score, i.rank]),
    ).toEqual([
      [steps.s3.id, 40, 'S', 300, 40, 1],
      [steps.s1.id, 24, 'M', 5000, 12, 2],
      [steps.s4.id, 12, 'L', null, 3, 3],
    ]);
    // s2: 5 × 1 = 5, only a cost (100): not estimated.
    expect(ranking.unestimated.map((i) => [i.touchpoint.id, i.value, i.effort, i.cost])).toEqual([
      [steps.s2.id, 5, null, 100],
    ]);
    expect(ranking.ranked[0]!.owner).toMatchObject({ department: 'Call centre', from: 'type' });
    // Quick wins: S and outside the low-priority corner: s3 only (fix first: importance 10, gap 4).
    expect(quickWins(ranking).map((i) => i.touchpoint.id)).toEqual([steps.s3.id]);
  });

  it('shares a rank on equal scores, orders them by value then cost', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const { steps } = f.walk(own, f.wave('W', 0), [
      { experience: 3, importance: 4 }, // A: 4 × 2 = 8 ÷ M = 4
      { experience: 4, importance: 4 }, // B: 4 × 1 = 4 ÷ S = 4 (low priority: no quick win)
      { experience: 1, importance: 2 }, // C: 2 × 4 = 8 ÷ M = 4, cost 100
      { experience: 2, importance: 3 }, // D: 3 × 3 = 9 ÷ S = 9 (gap 3: improve later)
      { experience: 4, importance: 7 }, // E: 7 × 1 = 7 ÷ S = 7, cost 50 (importance 7: keep up)
    ]);
    const [a, b, c, d, e] = steps as [
      (typeof steps)[0],
      (typeof steps)[0],
      (typeof steps)[0],
      (typeof steps)[0],
      (typeof steps)[0],
    ];
    f.action(a, { what: 'A', effort: 'M' });
    f.action(b, { what: 'B', effort: 'S' });
    f.action(c, { what: 'C', effort: 'M', cost: 100 });
    f.action(d, { what: 'D', effort: 'S' });
    f.action(e, { what: 'E', effort: 'S', cost: 50 });
    const ranking = costRanking(f.report());
    expect(ranking.ranked.map((i) => [i.touchpoint.title, i.score, i.rank])).toEqual([
      [d.title, 9, 1],
      [e.title, 7, 2],
      // 4, 4, 4 share rank 3: value 8 (C before A: it has a cost, A none), then B (value 4)
      [c.title, 4, 3],
      [a.title, 4, 3],
      [b.title, 4, 3],
    ]);
    expect(ranking.unestimated).toEqual([]);
    expect(quickWins(ranking).map((i) => i.touchpoint.title)).toEqual([d.title, e.title]);
  });

  it('leaves out steps that are neither weak nor have an open action', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const { steps } = f.walk(own, f.wave('W', 0), [{ experience: 3, importance: 9 }]);
    expect(costRanking(f.report())).toEqual({ ranked: [], unestimated: [] });
    f.action(steps[0]!, { what: 'done already', effort: 'S', status: 'done' });
    expect(costRanking(f.report())).toEqual({ ranked: [], unestimated: [] });
  });
});

describe('the CSV and the slides', () => {
  it('carry each step’s owner and each action’s effort and cost', () => {
    const { f } = ownedAudit();
    const csv = renderCsv(f.report(), 'en');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cells = (line: string) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
    const at = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const rows = lines.slice(1).map(cells);
    expect(rows.map((r) => [r[at('owner_department')], r[at('owner_control')]])).toEqual([
      ['Marketing', 'own'],
      ['Sales', 'own'],
      ['Call centre', 'partner'],
      ['', ''],
      ['', 'third-party'],
      [' marketing ', 'partner'],
      ['Call centre', 'partner'], // Rival's step: its type's owner
    ]);
    expect(rows[0]![at('actions')]).toContain('effort M | cost 5000');
    expect(rows[1]![at('actions')]).toContain('cost 100');
  });

  it('make a departments slide and a quick wins slide, and none for a section left out', () => {
    const { f } = ownedAudit();
    const model = f.report();
    const tables = ownersTables(model, 'en', translator('en'));
    expect(tables.map((x) => [x.section, x.title, x.rows.length])).toEqual([
      ['owners', 'The plan by department', 6], // 5 rows and the total
      ['quickWins', 'Quick wins', 1],
    ]);
    expect(tables[0]!.rows[0]!.map((c) => c.text)).toEqual([
      'Marketing',
      '2',
      '1',
      '3.5',
      '1 / 1 / 0',
      '1 / 0 / 1',
      '1',
    ]);
    expect(tables[0]!.note).toBe(
      '1 of 6 own-brand steps have no owner: give their touchpoint types an owner on the Method page, or the steps themselves in the side panel.',
    );
    const titles = planSlides(model, 'ru').slides.map((s) => ('title' in s ? s.title : ''));
    expect(titles).toContain('План по отделам');
    expect(titles).toContain('Быстрые победы');
    model.settings = { ...model.settings, hidden: ['quickWins'] };
    const left = planSlides(model, 'en').slides.map((s) => ('title' in s ? s.title : ''));
    expect(left).toContain('The plan by department');
    expect(left).not.toContain('Quick wins');
  });
});

describe('a built-in type given an owner', () => {
  it('is stored as a change, and leaves the audit’s list when the owner is taken away', () => {
    const builtin = resolveTypes(EMPTY_METHOD).find((x) => x.id === 'web-form')!;
    const owned = putType(EMPTY_METHOD, {
      ...builtin,
      owner: { department: 'Sales', control: 'own' },
    });
    expect(owned.types).toEqual([{ ...builtin, owner: { department: 'Sales', control: 'own' } }]);
    expect(resolveTypes(owned).find((x) => x.id === 'web-form')!.owner).toEqual({
      department: 'Sales',
      control: 'own',
    });
    expect(putType(owned, builtin).types).toEqual([]);
  });
});

describe('the panel’s cost field and the stored step owner', () => {
  it('reads a cost as typed, refuses what is not one', () => {
    expect(parseCost('')).toBeNull();
    expect(parseCost('12 500')).toBe(12500);
    expect(parseCost('12\u202f500,5')).toBe(12500.5);
    expect(parseCost('0')).toBe(0);
    expect(parseCost('-3')).toBeUndefined();
    expect(parseCost('12,5x')).toBeUndefined();
    expect(parseCost('2000000000000')).toBeUndefined();
  });

  it('stores a step’s owner trimmed, and takes it away again (the type’s applies)', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://brightline.test/',
      title: 'Home',
      at: clock.now(),
      images: [fakeImage()],
    });
    const owned = await store.updateStep(step.id, {
      owner: { department: ' Web team ', control: 'third-party' },
    });
    expect(owned.owner).toEqual({ department: 'Web team', control: 'third-party' });
    const cleared = await store.updateStep(step.id, { owner: undefined });
    expect(cleared.owner).toBeUndefined();
    expect((await store.listSteps(own.id))[0]!.owner).toBeUndefined();
  });
});
