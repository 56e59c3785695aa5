/** The action plan's loop: measures before → after, achieved, problems that came back (lib/report/action-loop.ts). */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ActionRow, type MeasureChoice } from '../../components/panel/step-method';
import { ActionLoopSection } from '../../components/report/action-loop';
import { translator } from '../../lib/i18n';
import type { ActionItem } from '../../lib/model';
import {
  actionLoop,
  measureKey,
  measureName,
  measureOfKey,
  judge,
  parseTarget,
  type ActionLoopRow,
} from '../../lib/report/action-loop';
import { auditWithJourneys, testStore } from './helpers';
import { CONTACTS, FIRST_SCREEN, PHONE_ANSWERED, reportFixture } from './report-walks';

/**
 * Brightline walked in wave 1 (step 1 weak: experience 2, the critical "contacts" item no, the
 * phone answered after 45 s) and twice in wave 3; Fastwave in waves 1 and 2.
 */
function audit() {
  const f = reportFixture();
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Fastwave');
  const w1 = f.wave('Wave 1', 0);
  const w2 = f.wave('Wave 2', 1);
  const w3 = f.wave('Wave 3', 2);
  const b1 = f.walk(own, w1, [
    { stage: 'contact', experience: 2, checks: { [CONTACTS]: 'no' }, phoneSeconds: 45 },
    { stage: 'contact', experience: 4 },
  ]);
  const f1 = f.walk(rival, w1, [{ experience: 4 }]);
  f.walk(rival, w2, [{ experience: 3 }]);
  const b3 = f.walk(own, w3, [
    { stage: 'contact', experience: 4, checks: { [CONTACTS]: 'yes' }, phoneSeconds: 20 },
    { stage: 'contact', experience: 3, checks: { [CONTACTS]: 'yes' } },
  ]);
  f.walk(own, w3, [
    { stage: 'contact', experience: 4, checks: { [CONTACTS]: 'no' }, phoneSeconds: 40 },
  ]);
  const [s1, s2] = b1.steps;
  const actions = {
    standard: f.action(s1!, {
      what: 'Answer the phone fast',
      owner: 'Sales',
      status: 'done',
      target: '90 %',
      measure: { kind: 'standard', standardId: PHONE_ANSWERED },
    }),
    checklist: f.action(s1!, {
      what: 'Contacts on the first screen',
      owner: 'Web',
      status: 'in-progress',
      measure: { kind: 'checklist', templateId: FIRST_SCREEN, itemId: CONTACTS },
    }),
    stage: f.action(s1!, {
      what: 'Kinder contact',
      status: 'open',
      target: '3,5',
      measure: { kind: 'stage', stage: 'contact' },
    }),
    typed: f.action(s2!, {
      what: 'Fewer complaints',
      status: 'done',
      metric: 'complaints a month',
      baseline: '12',
      target: '5',
      after: '4',
      achieved: true,
    }),
    rival: f.action(f1.steps[0]!, { what: 'Borrow their home page', status: 'done' }),
    latest: f.action(b3.steps[0]!, {
      what: 'Keep it up',
      measure: { kind: 'stage', stage: 'contact' },
    }),
  };
  return { f, own, rival, w1, w2, w3, actions };
}

function rowsById(rows: ActionLoopRow[]) {
  return new Map(rows.map((r) => [r.plan.action.id, r]));
}

describe('actionLoop', () => {
  it('computes each measure before and after from the next wave the brand was walked in', () => {
    const { f, own, w1, w3, actions } = audit();
    const loop = actionLoop(f.report());
    const rows = rowsById(loop.rows);
    expect(loop.rows).toHaveLength(6);

    // Phone answered: wave 1 0 of 1 met → 0 %; wave 3 (wave 2 did not walk Brightline) 1 of 2
    // → 50 %; the target 90 % is not reached.
    const standard = rows.get(actions.standard.id)!;
    expect(standard).toMatchObject({
      brandId: own.id,
      wave: { id: w1.id },
      nextWave: { id: w3.id },
      value: { kind: 'computed', unit: 'percent', before: { value: 0, n: 1 } },
      target: { text: '90 %', value: 90 },
      achieved: false,
      judgedBy: 'target',
    });
    expect(standard.value).toMatchObject({ after: { value: 50, n: 2 } });

    // Contacts: no (0 of 1) → yes, yes, no (2 of 3); no target: better than before.
    const checklist = rows.get(actions.checklist.id)!;
    expect(checklist.value).toMatchObject({ before: { value: 0, n: 1 } });
    expect(checklist.value.kind === 'computed' && checklist.value.after!.value).toBeCloseTo(
      200 / 3,
      10,
    );
    expect(checklist).toMatchObject({ achieved: true, judgedBy: 'improvement' });

    // Contact stage: walk means (2 + 4) / 2 = 3 → ((4 + 3) / 2 + 4) / 2 = 3.75 ≥ 3,5.
    expect(rows.get(actions.stage.id)).toMatchObject({
      value: { unit: 'experience', before: { value: 3, n: 2 }, after: { value: 3.75, n: 3 } },
      target: { value: 3.5 },
      achieved: true,
      judgedBy: 'target',
    });

    // Typed: the auditor's words and judgement.
    expect(rows.get(actions.typed.id)).toMatchObject({
      value: { kind: 'typed', metric: 'complaints a month', before: '12', after: '4' },
      achieved: true,
      judgedBy: 'auditor',
    });
    expect(rows.get(actions.rival.id)).toMatchObject({
      value: { kind: 'typed', after: '' },
      achieved: null,
      judgedBy: null,
    });

    // Written in the latest wave: nothing after yet.
    expect(rows.get(actions.latest.id)).toMatchObject({
      wave: { id: w3.id },
      nextWave: null,
      value: { before: { value: 3.75 }, after: null },
      achieved: null,
    });
  });

  it('lists the done actions whose problem came back', () => {
    const { f, actions } = audit();
    const loop = actionLoop(f.report());
    expect(loop.cameBack.map((r) => r.plan.action.id)).toEqual(
      expect.arrayContaining([actions.standard.id, actions.rival.id]),
    );
    expect(loop.cameBack).toHaveLength(2);
    const rows = rowsById(loop.rows);
    // The step's failed item and standard fail again in wave 3, and the stage has a weak step.
    expect(rows.get(actions.standard.id)!.cameBack).toEqual([
      { kind: 'item', templateId: FIRST_SCREEN, itemId: CONTACTS },
      { kind: 'standard', standardId: PHONE_ANSWERED },
      { kind: 'stage-weak', stage: 'contact' },
    ]);
    // Not done: never "came back", whatever the next wave shows.
    expect(rows.get(actions.checklist.id)!.cameBack).toEqual([]);
    // Done, on a step without problems, whose stage got better: nothing came back.
    expect(rows.get(actions.typed.id)!.cameBack).toEqual([]);
    // Fastwave's information stage went from 4 to 3 in wave 2.
    expect(rows.get(actions.rival.id)!.cameBack).toEqual([
      { kind: 'stage-worse', stage: 'information', before: 4, after: 3 },
    ]);
  });

  it('takes the plan up to the compared wave only', () => {
    const { f, w1, actions } = audit();
    const loop = actionLoop(f.report({ waveId: w1.id }));
    expect(loop.rows.map((r) => r.plan.action.id).sort()).toEqual(
      [
        actions.standard.id,
        actions.checklist.id,
        actions.stage.id,
        actions.typed.id,
        actions.rival.id,
      ].sort(),
    );
  });
});

describe('parseTarget', () => {
  it.each([
    ['95', 95],
    ['95 %', 95],
    ['95%', 95],
    ['4,5', 4.5],
    ['≥ 4.5', 4.5],
    ['>= 90 %', 90],
    ['', null],
    ['fast', null],
    ['95 % of callbacks', null],
  ])('%j → %j', (text, value) => expect(parseTarget(text)).toBe(value));
});

describe('judge', () => {
  it('compares at the precision shown', () => {
    expect(judge('percent', 0, 94.6, 95)).toEqual({ achieved: true, judgedBy: 'target' });
    expect(judge('percent', 0, 94.4, 95)).toEqual({ achieved: false, judgedBy: 'target' });
    expect(judge('experience', 3.5, 4.46, 4.5)).toEqual({ achieved: true, judgedBy: 'target' });
    // 3.0 → 3.04 reads "3.0 → 3.0": not better.
    expect(judge('experience', 3, 3.04, null)).toEqual({
      achieved: false,
      judgedBy: 'improvement',
    });
    expect(judge('experience', 3, 3.1, null)).toEqual({ achieved: true, judgedBy: 'improvement' });
  });

  it('does not judge without a value after, or without before and a target', () => {
    expect(judge('percent', 40, null, 90)).toEqual({ achieved: null, judgedBy: null });
    expect(judge('percent', null, 50, null)).toEqual({ achieved: null, judgedBy: null });
    expect(judge('percent', null, 50, 40)).toEqual({ achieved: true, judgedBy: 'target' });
  });
});

describe('measure names and picker keys', () => {
  it('names each measure from the method, and reads a key back', () => {
    const { f } = audit();
    const { method } = f.report();
    const standard = { kind: 'standard', standardId: PHONE_ANSWERED } as const;
    expect(measureName(standard, method, 'en')).toMatch(/^pass rate of “.+”$/);
    expect(measureName({ kind: 'stage', stage: 'contact' }, method, 'ru')).toMatch(
      /^среднее впечатление на этапе «.+»$/,
    );
    expect(measureOfKey(measureKey(standard))).toEqual(standard);
    expect(measureOfKey('')).toBeUndefined();
    expect(measureOfKey('{"kind":"standard"}')).toBeUndefined();
    expect(measureOfKey('not json')).toBeUndefined();
  });
});

describe('ActionLoopSection', () => {
  it('shows before → after, achieved or not, and what came back, in English and Russian', () => {
    const { f } = audit();
    const model = f.report();
    const en = renderToString(h(ActionLoopSection, { model, locale: 'en' }));
    expect(en).toContain('Did the actions work?');
    expect(en).toContain('0 % → 50 %');
    expect(en).toContain('✗ not achieved');
    expect(en).toContain('✓ achieved');
    expect(en).toContain('12 → 4');
    expect(en).toContain('Problems that came back');
    expect(en).toContain('again in Wave 3');
    expect(en).toContain('experience at ');
    const ru = renderToString(h(ActionLoopSection, { model, locale: 'ru' }));
    expect(ru).toContain('Сработали ли меры?');
    expect(ru).toContain('✗ не достигнуто');
  });

  it('is left out while no action has anything after', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const w1 = f.wave('Wave 1', 0);
    const { steps } = f.walk(own, w1, [{ experience: 2 }]);
    f.action(steps[0]!, { what: 'Fix it', measure: { kind: 'stage', stage: 'information' } });
    expect(renderToString(h(ActionLoopSection, { model: f.report(), locale: 'en' }))).toBe('');
  });
});

describe('an action’s measure in the side panel and the store', () => {
  it('is stored, filled in and cleared through updateAction', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const step = await store.addStep({
      journeyId: own.id,
      kind: 'page',
      url: 'https://x.test/',
      title: 'Home',
      at: clock.now(),
      stage: 'contact',
    });
    const action = await store.addAction({
      touchpointId: step.id,
      kind: 'action',
      what: 'Answer faster',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '90 %',
      measure: { kind: 'standard', standardId: PHONE_ANSWERED },
    });
    expect(action.measure).toEqual({ kind: 'standard', standardId: PHONE_ANSWERED });
    // Back to typed: the picker's '' is no measure at all.
    const typed = await store.updateAction(action.id, { measure: measureOfKey('') });
    expect(typed.measure).toBeUndefined();
    const judged = await store.updateAction(action.id, { after: '4 a month', achieved: false });
    expect(judged).toMatchObject({ after: '4 a month', achieved: false });
    await expect(
      store.updateAction(action.id, { measure: { kind: 'stage', stage: '  ' } }),
    ).rejects.toThrow();
  });

  it('offers the picker on the step’s own list, with after and achieved for a typed measure', () => {
    const t = translator('en');
    const base: ActionItem = {
      id: '00000000-0000-4000-8000-000000000001',
      touchpointId: '00000000-0000-4000-8000-000000000002',
      kind: 'action',
      what: 'Answer faster',
      owner: '',
      due: null,
      status: 'open',
      metric: '',
      baseline: '',
      target: '',
      after: '4 a month',
      achieved: true,
      createdAt: 0,
      updatedAt: 0,
    };
    const measures: MeasureChoice = {
      options: [{ value: measureKey({ kind: 'stage', stage: 'contact' }), label: 'stage X' }],
      name: () => 'gone',
    };
    const actions = { updateAction: () => undefined, deleteAction: () => undefined };
    const row = (action: ActionItem, choice?: MeasureChoice) =>
      renderToString(
        h(ActionRow, { action, t, locale: 'en', overdue: false, measures: choice, actions }),
      );
    const typed = row(base, measures);
    expect(typed).toContain('Measured by');
    expect(typed).toContain('stage X');
    expect(typed).toContain('After (next wave)');
    expect(typed).toContain('value="4 a month"');
    expect(typed).toContain('<option selected value="yes">Yes</option>');
    const computed = row(
      { ...base, measure: { kind: 'standard', standardId: 'gone-standard' } },
      measures,
    );
    expect(computed).toContain('The next wave fills in the value after.');
    expect(computed).not.toContain('After (next wave)');
    expect(computed).toContain('>gone</option>');
    expect(row(base)).not.toContain('Measured by');
  });
});
