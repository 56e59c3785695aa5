/** The audit method's metrics: checklists and compliance, standards, weak links, impact, actions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applicableChecklists,
  averageOf,
  combineCompliance,
  evaluateMeasurement,
  evaluateMeasurements,
  isOverdue,
  isWeak,
  journeyKpis,
  journeySpan,
  likelihoodImpact,
  measurementStart,
  methodRankFixFirst,
  openActions,
  POOR_EXPERIENCE,
  standardLimitMs,
  standardsShare,
  standardsTally,
  stepCompliance,
  timerAt,
  weakReasons,
  workingMsBetween,
  type ChecklistStep,
  type MeasurementResult,
  type WeakContext,
} from '../../lib/metrics';
import type {
  ActionItem,
  CheckAnswer,
  ChecklistTemplate,
  Measurement,
  Standard,
  Step,
} from '../../lib/model';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function template(id: string, extra: Partial<ChecklistTemplate> = {}): ChecklistTemplate {
  return { id, name: '', types: [], stages: [], items: [], hidden: false, ...extra };
}

const item = (id: string, weight = 1, critical = false) => ({ id, text: '', weight, critical });

const check = (templateId: string, itemId: string, answer: CheckAnswer) => ({
  templateId,
  itemId,
  answer,
  comment: '',
  screenshotId: null,
});

function step(extra: Partial<ChecklistStep> = {}): ChecklistStep {
  return { typeId: null, stage: 'information', checklists: [], checks: [], ...extra };
}

function touchpoint(n: number, extra: Partial<Step> = {}): Step {
  return {
    id: uuid(n),
    journeyId: uuid(999),
    seq: n,
    kind: 'page',
    url: 'https://x.test/',
    title: `Step ${n}`,
    at: n * 60_000,
    stage: 'information',
    typeId: null,
    category: 'communications',
    channel: 'website',
    checks: [],
    checklists: [],
    experience: null,
    importance: null,
    likelihood: null,
    note: '',
    weakLink: false,
    wow: false,
    viewport: null,
    devicePixelRatio: null,
    shortened: [],
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

function standard(extra: Partial<Standard> = {}): Standard {
  return {
    id: 'callback',
    name: '',
    target: 2,
    unit: 'hours',
    measure: 'between',
    answerChannels: ['phone'],
    hidden: false,
    ...extra,
  };
}

function measurement(extra: Partial<Measurement> = {}): Measurement {
  return {
    id: uuid(500),
    standardId: 'callback',
    startStepId: uuid(1),
    endStepId: uuid(2),
    startedAt: 0,
    durationMs: null,
    excused: false,
    ...extra,
  };
}

/** Steps by id for evaluateMeasurement: step n at time `at`. */
const stepsAt = (...times: [number, number][]) =>
  new Map(times.map(([n, at]) => [uuid(n), { id: uuid(n), at }]));

describe('applicable checklists', () => {
  const templates = [
    template('by-type', { types: ['web-form'] }),
    template('by-stage', { stages: ['contact'] }),
    template('by-hand'),
    template('hidden', { types: ['web-form'], hidden: true }),
    template('answered-hidden', { hidden: true, items: [item('a')] }),
    template('other', { types: ['call'], stages: ['offer'] }),
  ];

  it('shows non-hidden templates of the type, the stage or added by hand, in template order', () => {
    const shown = applicableChecklists(
      step({ typeId: 'web-form', stage: 'contact', checklists: ['by-hand', 'hidden'] }),
      templates,
    );
    expect(shown.map((t) => t.id)).toEqual(['by-type', 'by-stage', 'by-hand']);
    expect(applicableChecklists(step(), templates)).toEqual([]);
  });

  it('keeps answered templates visible even when hidden or no longer of the step type, once each', () => {
    const shown = applicableChecklists(
      step({
        typeId: 'call',
        checks: [check('answered-hidden', 'a', 'yes'), check('by-type', 'x', 'no')],
        checklists: ['by-type'],
      }),
      [...templates, template('by-type', { types: ['call'] })],
    );
    expect(shown.map((t) => t.id)).toEqual(['by-type', 'answered-hidden', 'other']);
  });
});

describe('compliance', () => {
  const form = template('form', {
    types: ['web-form'],
    items: [item('a', 3), item('b', 1, true), item('c', 2), item('d', 5), item('e', 1)],
  });

  it('weights yes over yes-or-no, leaving N/A and unanswered out, and lists failed critical items', () => {
    const result = stepCompliance(
      step({
        typeId: 'web-form',
        checks: [
          check('form', 'a', 'yes'),
          check('form', 'b', 'no'),
          check('form', 'c', 'na'),
          check('form', 'gone', 'no'),
          check('deleted-template', 'a', 'no'),
        ],
      }),
      [form],
    );
    expect(result).toEqual({
      yes: 1,
      no: 1,
      na: 1,
      unanswered: 2,
      yesWeight: 3,
      answeredWeight: 4,
      percent: 75,
      failedCritical: [{ templateId: 'form', itemId: 'b' }],
    });
    expect(stepCompliance(step({ typeId: 'web-form' }), [form]).percent).toBe(null);
    expect(stepCompliance(step(), [form])).toMatchObject({ unanswered: 0, percent: null });
  });

  it('pools weights over steps rather than averaging percentages', () => {
    const steps = [
      step({ typeId: 'web-form', stage: 'contact', checks: [check('form', 'e', 'yes')] }),
      step({
        typeId: 'web-form',
        stage: 'offer',
        checks: [check('form', 'a', 'no'), check('form', 'e', 'yes')],
      }),
      step({ typeId: 'web-form', stage: 'contact', checks: [check('form', 'd', 'no')] }),
    ];
    const pooled = (list: typeof steps) =>
      combineCompliance(list.map((s) => stepCompliance(s, [form])));
    expect(pooled(steps)).toMatchObject({
      yes: 2,
      no: 2,
      yesWeight: 2,
      answeredWeight: 10,
      percent: 20,
    });
    const contact = pooled(steps.filter((s) => s.stage === 'contact'));
    expect(contact).toMatchObject({ yesWeight: 1, answeredWeight: 6 });
    expect(pooled(steps.filter((s) => s.stage === 'offer')).percent).toBe(25);
    expect(combineCompliance([])).toEqual({
      yes: 0,
      no: 0,
      na: 0,
      unanswered: 0,
      yesWeight: 0,
      answeredWeight: 0,
      percent: null,
      failedCritical: [],
    });
  });

  /** One checklist of generated items (weight 1–5) with an answer or none each. */
  const answered = fc.array(
    fc.record({
      weight: fc.integer({ min: 1, max: 5 }),
      critical: fc.boolean(),
      answer: fc.constantFrom<CheckAnswer | null>('yes', 'no', 'na', null),
    }),
    { maxLength: 30 },
  );
  type Answered = { weight: number; critical: boolean; answer: CheckAnswer | null }[];
  const percentOf = (items: Answered) => {
    const t = template('t', {
      stages: ['information'],
      items: items.map((it, i) => item(`i${i}`, it.weight, it.critical)),
    });
    const checks = items.flatMap((it, i) => (it.answer ? [check('t', `i${i}`, it.answer)] : []));
    return stepCompliance(step({ checks }), [t]).percent;
  };

  it('keeps percent within 0–100, or null when nothing is answered yes or no', () => {
    fc.assert(
      fc.property(answered, (items) => {
        const percent = percentOf(items);
        if (items.some((it) => it.answer === 'yes' || it.answer === 'no')) {
          expect(percent).not.toBe(null);
          expect(percent).toBeGreaterThanOrEqual(0);
          expect(percent).toBeLessThanOrEqual(100);
        } else expect(percent).toBe(null);
      }),
    );
  });

  it('is unchanged by N/A answers, added or replacing unanswered items', () => {
    fc.assert(
      fc.property(answered, answered, (items, extra) => {
        const before = percentOf(items);
        expect(percentOf([...items, ...extra.map((e) => ({ ...e, answer: 'na' as const }))])).toBe(
          before,
        );
        expect(percentOf(items.map((it) => ({ ...it, answer: it.answer ?? 'na' })))).toBe(before);
      }),
    );
  });

  it('is unchanged when every weight is multiplied by the same factor', () => {
    fc.assert(
      fc.property(answered, fc.constantFrom(1, 2), (items, k) => {
        expect(percentOf(items.map((it) => ({ ...it, weight: it.weight * k })))).toBe(
          percentOf(items),
        );
      }),
    );
  });

  it('is 100 when all answers are yes and 0 when all are no', () => {
    fc.assert(
      fc.property(
        answered.filter((items) => items.length > 0),
        (items) => {
          expect(percentOf(items.map((it) => ({ ...it, answer: 'yes' })))).toBe(100);
          expect(percentOf(items.map((it) => ({ ...it, answer: 'no' })))).toBe(0);
        },
      ),
    );
  });

  it('rises when a yes weighs more (strictly when some item is answered no)', () => {
    fc.assert(
      fc.property(answered, fc.nat(), fc.integer({ min: 1, max: 5 }), (items, pick, extra) => {
        const yesAt = items.flatMap((it, i) => (it.answer === 'yes' ? [i] : []));
        fc.pre(yesAt.length > 0);
        const index = yesAt[pick % yesAt.length]!;
        const heavier = items.map((it, i) =>
          i === index ? { ...it, weight: it.weight + extra } : it,
        );
        const before = percentOf(items)!;
        const after = percentOf(heavier)!;
        if (items.some((it) => it.answer === 'no')) expect(after).toBeGreaterThan(before);
        else expect(after).toBe(100);
      }),
    );
  });

  it('pools to a percent between the parts’ percents', () => {
    fc.assert(
      fc.property(fc.array(answered, { maxLength: 5 }), (parts) => {
        const list = parts.map((items, p) =>
          stepCompliance(
            step({
              checks: items.flatMap((it, i) =>
                it.answer ? [check(`t${p}`, `i${i}`, it.answer)] : [],
              ),
            }),
            [
              template(`t${p}`, {
                stages: ['information'],
                items: items.map((it, i) => item(`i${i}`, it.weight)),
              }),
            ],
          ),
        );
        const percents = list.flatMap((c) => (c.percent === null ? [] : [c.percent]));
        const pooled = combineCompliance(list).percent;
        if (percents.length === 0) expect(pooled).toBe(null);
        else {
          expect(pooled).toBeGreaterThanOrEqual(Math.min(...percents) - 1e-9);
          expect(pooled).toBeLessThanOrEqual(Math.max(...percents) + 1e-9);
        }
      }),
    );
  });
});

describe('working time', () => {
  const fridayFive = Date.UTC(2026, 0, 9, 17); // Friday 9 January 2026, 17:00 UTC
  const mondayTen = Date.UTC(2026, 0, 12, 10);

  it('counts only the time on Mondays to Fridays', () => {
    // Friday 17:00–24:00 (7 h) and Monday 00:00–10:00 (10 h); the weekend is left out.
    expect(workingMsBetween(fridayFive, mondayTen)).toBe(17 * HOUR);
    expect(workingMsBetween(fridayFive, Date.UTC(2026, 0, 12))).toBe(7 * HOUR);
    expect(workingMsBetween(Date.UTC(2026, 0, 10, 3), Date.UTC(2026, 0, 11, 20))).toBe(0);
    expect(workingMsBetween(Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 19))).toBe(10 * DAY);
    expect(workingMsBetween(mondayTen, fridayFive)).toBe(0);
    // Before 1970 too (1 January 1969 was a Wednesday, 4 January a Saturday).
    expect(workingMsBetween(Date.UTC(1969, 0, 1), Date.UTC(1969, 0, 8))).toBe(5 * DAY);
  });

  it('takes days in the given time zone', () => {
    // 20:00–02:00 UTC is Friday 23:00 to Saturday 05:00 in UTC+3: one working hour.
    const start = Date.UTC(2026, 0, 9, 20);
    const end = Date.UTC(2026, 0, 10, 2);
    expect(workingMsBetween(start, end)).toBe(4 * HOUR);
    expect(workingMsBetween(start, end, 180)).toBe(1 * HOUR);
    // Sunday 22:00 UTC is already Monday 03:00 in UTC+5, still Sunday 17:00 in UTC−5.
    const sunday = Date.UTC(2026, 0, 11, 22);
    expect(workingMsBetween(sunday, sunday + HOUR, 300)).toBe(HOUR);
    expect(workingMsBetween(sunday, sunday + HOUR, -300)).toBe(0);
  });

  const instant = fc.integer({ min: -1e12, max: 4e12 });
  const offset = fc.integer({ min: -720, max: 840 });

  it('stays between 0 and the elapsed time', () => {
    fc.assert(
      fc.property(instant, instant, offset, (a, b, tz) => {
        const working = workingMsBetween(a, b, tz);
        expect(working).toBeGreaterThanOrEqual(0);
        expect(working).toBeLessThanOrEqual(Math.max(0, b - a));
      }),
    );
  });

  it('adds up over a split point, and a full week holds five working days', () => {
    fc.assert(
      fc.property(fc.array(instant, { minLength: 3, maxLength: 3 }), offset, (times, tz) => {
        const [a, m, b] = times.sort((x, y) => x - y) as [number, number, number];
        expect(workingMsBetween(a, m, tz) + workingMsBetween(m, b, tz)).toBe(
          workingMsBetween(a, b, tz),
        );
        expect(workingMsBetween(a, a + 7 * DAY, tz)).toBe(5 * DAY);
      }),
    );
  });
});

describe('standards', () => {
  const start = Date.UTC(2026, 0, 6, 9);

  it('converts a target to milliseconds (a working day as 24 h of weekday time)', () => {
    expect(standardLimitMs({ target: 30, unit: 'seconds' })).toBe(30_000);
    expect(standardLimitMs({ target: 5, unit: 'minutes' })).toBe(300_000);
    expect(standardLimitMs({ target: 2, unit: 'hours' })).toBe(7_200_000);
    expect(standardLimitMs({ target: 3, unit: 'days' })).toBe(3 * DAY);
    expect(standardLimitMs({ target: 1, unit: 'working-days' })).toBe(DAY);
    // Whole milliseconds, whatever the fraction typed.
    expect(standardLimitMs({ target: 1 / 3, unit: 'seconds' })).toBe(333);
  });

  it('passes at exactly the limit and fails a millisecond over', () => {
    const std = standard({ target: 2, unit: 'hours' });
    const at = evaluateMeasurement(
      measurement(),
      std,
      stepsAt([1, start], [2, start + 2 * HOUR]),
      0,
    );
    expect(at).toMatchObject({
      status: 'pass',
      running: false,
      measuredMs: 2 * HOUR,
      limitMs: 2 * HOUR,
      endStepId: uuid(2),
    });
    const over = evaluateMeasurement(
      measurement(),
      std,
      stepsAt([1, start], [2, start + 2 * HOUR + 1]),
      0,
    );
    expect(over.status).toBe('fail');
    for (const [unit, ms] of [
      ['seconds', 1000],
      ['minutes', 60_000],
      ['days', DAY],
    ] as const) {
      const limit = evaluateMeasurement(
        measurement(),
        standard({ target: 1.5, unit }),
        stepsAt([1, start], [2, start + 1.5 * ms]),
        0,
      );
      expect(limit).toMatchObject({ status: 'pass', limitMs: 1.5 * ms });
    }
  });

  it('times from the start step, or from startedAt once that step is deleted', () => {
    const std = standard();
    const moved = evaluateMeasurement(
      measurement({ startedAt: start - 5 * HOUR }),
      std,
      stepsAt([1, start], [2, start + HOUR]),
      0,
    );
    expect(moved).toMatchObject({ status: 'pass', measuredMs: HOUR });
    const deletedStart = evaluateMeasurement(
      measurement({ startedAt: start - 5 * HOUR }),
      std,
      stepsAt([2, start + HOUR]),
      0,
    );
    expect(deletedStart).toMatchObject({ status: 'fail', measuredMs: 6 * HOUR });
  });

  it('counts working days on Mondays to Fridays only, in the given zone', () => {
    const std = standard({ target: 1, unit: 'working-days' });
    const fri = Date.UTC(2026, 0, 9, 12);
    const mon = Date.UTC(2026, 0, 12, 12);
    const result = evaluateMeasurement(measurement(), std, stepsAt([1, fri], [2, mon]), 0);
    expect(result).toMatchObject({ status: 'pass', measuredMs: DAY, limitMs: DAY });
    const later = evaluateMeasurement(measurement(), std, stepsAt([1, fri], [2, mon + 1]), 0);
    expect(later.status).toBe('fail');
    // In UTC+13 the same span is Saturday 01:00 to Tuesday 01:00: all of Monday and an hour more.
    const east = evaluateMeasurement(measurement(), std, stepsAt([1, fri], [2, mon]), 0, 780);
    expect(east).toMatchObject({ status: 'fail', measuredMs: 25 * HOUR });
  });

  it('reports a running timer with its current time, failing once past the limit', () => {
    const std = standard({ target: 2, unit: 'hours' });
    const m = measurement({ endStepId: null });
    const steps = stepsAt([1, start]);
    expect(evaluateMeasurement(m, std, steps, start + HOUR)).toMatchObject({
      status: 'running',
      running: true,
      measuredMs: HOUR,
      endStepId: null,
    });
    expect(evaluateMeasurement(m, std, steps, start + 2 * HOUR).status).toBe('running');
    expect(evaluateMeasurement(m, std, steps, start + 3 * HOUR)).toMatchObject({
      status: 'fail',
      running: true,
      measuredMs: 3 * HOUR,
    });
    expect(evaluateMeasurement(m, std, steps, start - HOUR)).toMatchObject({
      status: 'running',
      measuredMs: 0,
    });
  });

  it('is unknown when the end step or the standard is gone, or the end comes first', () => {
    const std = standard();
    expect(evaluateMeasurement(measurement(), std, stepsAt([1, start]), 0)).toMatchObject({
      status: 'unknown',
      running: false,
      measuredMs: null,
      endStepId: null,
    });
    expect(
      evaluateMeasurement(measurement(), undefined, stepsAt([1, start], [2, start + 1]), 0),
    ).toMatchObject({ status: 'unknown', standard: undefined, limitMs: null });
    expect(
      evaluateMeasurement(measurement(), std, stepsAt([1, start], [2, start - 1]), 0).status,
    ).toBe('unknown');
  });

  it('judges an entered duration on its step', () => {
    const std = standard({ measure: 'duration', target: 30, unit: 'seconds' });
    const m = measurement({ startStepId: null, endStepId: uuid(3), durationMs: 30_000 });
    const steps = stepsAt([3, start]);
    expect(evaluateMeasurement(m, std, steps, 0)).toMatchObject({
      status: 'pass',
      measuredMs: 30_000,
      endStepId: uuid(3),
    });
    expect(evaluateMeasurement({ ...m, durationMs: 30_001 }, std, steps, 0).status).toBe('fail');
    expect(evaluateMeasurement({ ...m, durationMs: null }, std, steps, 0).status).toBe('unknown');
  });

  it('starts a measurement at its start step, or at startedAt once that step is gone', () => {
    const steps = stepsAt([1, start + HOUR]);
    expect(measurementStart(measurement({ startedAt: start }), steps)).toBe(start + HOUR);
    expect(measurementStart(measurement({ startStepId: uuid(7), startedAt: start }), steps)).toBe(
      start,
    );
    expect(measurementStart(measurement({ startStepId: null, startedAt: start }), steps)).toBe(
      start,
    );
  });

  it('shows a running timer’s time since its start, over once past the limit', () => {
    const limit = { limitMs: 2 * HOUR };
    expect(timerAt(limit, start, start + 2 * HOUR)).toEqual({ elapsedMs: 2 * HOUR, over: false });
    expect(timerAt(limit, start, start + 2 * HOUR + 1)).toEqual({
      elapsedMs: 2 * HOUR + 1,
      over: true,
    });
    // A start typed ahead of now has not begun to count; a removed standard has no limit.
    expect(timerAt(limit, start + HOUR, start)).toEqual({ elapsedMs: 0, over: false });
    expect(timerAt({ limitMs: null }, start, start + 99 * HOUR).over).toBe(false);
  });

  it('evaluates a journey’s measurements, looking standards up by id', () => {
    const results = evaluateMeasurements(
      [measurement(), measurement({ id: uuid(501), standardId: 'deleted' })],
      [standard()],
      [
        { id: uuid(1), at: start },
        { id: uuid(2), at: start + HOUR },
      ],
      0,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'unknown']);
  });
});

describe('weak links', () => {
  const templates = [
    template('form', {
      types: ['web-form'],
      items: [item('consent', 1, true), item('tone', 2), item('reply', 3, true)],
    }),
    template('hidden', { hidden: true, types: ['web-form'], items: [item('x', 1, true)] }),
  ];
  const result = (extra: Partial<MeasurementResult> & { measurement: Measurement }) =>
    ({
      standard: standard(),
      status: 'fail',
      running: false,
      measuredMs: 3 * HOUR,
      limitMs: 2 * HOUR,
      endStepId: uuid(2),
      ...extra,
    }) as MeasurementResult;
  const results = [
    result({ measurement: measurement({ id: uuid(600) }) }),
    result({ measurement: measurement({ id: uuid(601), excused: true }) }),
    result({ measurement: measurement({ id: uuid(602) }), running: true, endStepId: null }),
    result({ measurement: measurement({ id: uuid(603) }), status: 'pass' }),
    result({ measurement: measurement({ id: uuid(604) }), status: 'unknown' }),
    result({ measurement: measurement({ id: uuid(605), standardId: 'x' }), endStepId: uuid(9) }),
  ];
  const ctx: WeakContext = { templates, results };

  it('gives every reason: flagged, poor experience, critical items, failed standards', () => {
    const weak = touchpoint(2, {
      typeId: 'web-form',
      weakLink: true,
      experience: 2,
      checks: [
        check('form', 'consent', 'no'),
        check('form', 'tone', 'no'),
        check('form', 'reply', 'yes'),
        check('hidden', 'x', 'na'),
      ],
    });
    expect(weakReasons(weak, ctx)).toEqual([
      { kind: 'flagged' },
      { kind: 'poor-experience', experience: 2 },
      { kind: 'critical-item', templateId: 'form', itemId: 'consent' },
      { kind: 'standard', measurementId: uuid(600), standardId: 'callback' },
    ]);
  });

  it('finds no reason in a fine step, an excused or running failure, or a non-critical no', () => {
    const fine = touchpoint(3, {
      typeId: 'web-form',
      experience: 3,
      checks: [check('form', 'tone', 'no'), check('deleted', 'consent', 'no')],
    });
    expect(weakReasons(fine, ctx)).toEqual([]);
    expect(isWeak(fine, ctx)).toBe(false);
    const onlyExcused = { templates, results: [results[1]!, results[2]!] };
    expect(isWeak(touchpoint(2), onlyExcused)).toBe(false);
    expect(isWeak(touchpoint(2), ctx)).toBe(true);
  });

  it('ranks method weak links by importance × experience gap, then importance, then experience', () => {
    const items = [
      touchpoint(1, { importance: 3, experience: 2 }),
      touchpoint(2, { importance: 5, experience: 4 }), // fails a standard
      touchpoint(3, { importance: 5, experience: 1 }),
      touchpoint(4, { importance: 9, experience: 4 }), // fine
      touchpoint(5, {
        importance: null,
        typeId: 'web-form',
        checks: [check('form', 'reply', 'no')],
      }),
    ].map((touchpoint) => ({ touchpoint }));
    // 5 × 4 = 20, 3 × 3 = 9, 5 × 1 = 5, unscored importance 0.
    expect(methodRankFixFirst(items, ctx).map((i) => i.touchpoint.seq)).toEqual([3, 1, 2, 5]);
    // Without checklists or standards only flags and poor experiences make a weak link.
    const bare = { templates: [], results: [] };
    expect(methodRankFixFirst(items, bare).map((i) => i.touchpoint.seq)).toEqual([3, 1]);
  });

  it('makes a poor experience weak at POOR_EXPERIENCE and below, not above', () => {
    const bare = { templates: [], results: [] };
    expect(POOR_EXPERIENCE).toBe(2);
    expect(isWeak(touchpoint(1, { experience: POOR_EXPERIENCE }), bare)).toBe(true);
    expect(isWeak(touchpoint(1, { experience: 1 }), bare)).toBe(true);
    expect(isWeak(touchpoint(1, { experience: POOR_EXPERIENCE + 1 }), bare)).toBe(false);
    expect(isWeak(touchpoint(1, { experience: null }), bare)).toBe(false);
    expect(isWeak(touchpoint(1, { experience: 5, weakLink: true }), bare)).toBe(true);
  });

  it('counts the key figures’ weak links by the same rule (isWeak), not by the flag alone', () => {
    const steps = [
      touchpoint(1, { experience: 2 }), // poor, not flagged
      touchpoint(2, { experience: 4 }), // fails a standard
      touchpoint(3, { weakLink: true, experience: 5 }), // flagged
      touchpoint(4, { typeId: 'web-form', checks: [check('form', 'consent', 'no')] }), // critical
      touchpoint(5, { experience: 3 }), // fine
    ];
    expect(journeyKpis(steps, ctx).weakLinks).toBe(4);
    expect(journeyKpis(steps, ctx).weakLinks).toBe(steps.filter((s) => isWeak(s, ctx)).length);
    expect(journeyKpis(steps, { templates: [], results: [] }).weakLinks).toBe(2);
  });
});

describe('standards met', () => {
  const judged = (...statuses: MeasurementResult['status'][]) =>
    statuses.map((status) => ({ status }));

  it('counts passed and failed measurements as measured, the passed ones as met', () => {
    expect(standardsTally(judged('pass', 'fail', 'pass'))).toEqual({ met: 2, measured: 3 });
    // A timer still within its limit and an unknown measurement are not measured yet.
    expect(standardsTally(judged('running', 'unknown', 'pass'))).toEqual({ met: 1, measured: 1 });
    expect(standardsTally([])).toEqual({ met: 0, measured: 0 });
  });

  it('gives the share met in percent, or null when nothing was measured', () => {
    expect(standardsShare({ met: 3, measured: 4 })).toBe(75);
    expect(standardsShare({ met: 0, measured: 2 })).toBe(0);
    expect(standardsShare({ met: 0, measured: 0 })).toBeNull();
  });

  it('never has more met than measured (property)', () => {
    const status = fc.constantFrom<MeasurementResult['status']>(
      'pass',
      'fail',
      'running',
      'unknown',
    );
    fc.assert(
      fc.property(fc.array(status), (statuses) => {
        const tally = standardsTally(judged(...statuses));
        expect(tally.met).toBeLessThanOrEqual(tally.measured);
        expect(tally.measured).toBe(statuses.filter((s) => s === 'pass' || s === 'fail').length);
        const share = standardsShare(tally);
        if (share !== null) expect(share).toBeGreaterThanOrEqual(0);
        if (share !== null) expect(share).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe('likelihood impact', () => {
  it('gives each scored step its change from the closest earlier scored step, by seq', () => {
    const steps = [
      { id: 'c', seq: 3, likelihood: 4 },
      { id: 'a', seq: 1, likelihood: 5 },
      { id: 'b', seq: 2, likelihood: null },
      { id: 'd', seq: 4, likelihood: 9 },
    ];
    expect([...likelihoodImpact(steps)]).toEqual([
      ['a', null],
      ['b', null],
      ['c', -1],
      ['d', 5],
    ]);
    expect(likelihoodImpact([])).toEqual(new Map());
  });

  it('adds up to the last scored likelihood minus the first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 10 })), { maxLength: 20 }),
        (likelihoods) => {
          const steps = likelihoods.map((likelihood, i) => ({
            id: `s${i}`,
            seq: i + 1,
            likelihood,
          }));
          const impact = likelihoodImpact([...steps].reverse());
          const changes = [...impact.values()].filter((v): v is number => v !== null);
          const scored = likelihoods.filter((l): l is number => l !== null);
          const sum = changes.reduce((a, b) => a + b, 0);
          expect(sum).toBe(scored.length ? scored.at(-1)! - scored[0]! : 0);
          expect(changes.length).toBe(Math.max(0, scored.length - 1));
          for (const s of steps) if (s.likelihood === null) expect(impact.get(s.id)).toBe(null);
        },
      ),
    );
  });
});

describe('averageOf', () => {
  it('averages the values that are there: a gap is not a zero', () => {
    expect(averageOf([4, null, 2])).toBe(3);
    expect(averageOf([5])).toBe(5);
    expect(averageOf([null, null])).toBeNull();
    expect(averageOf([])).toBeNull();
  });
});

describe('journey span', () => {
  it('is the time from the earliest to the latest step, as journeyKpis reports it', () => {
    expect(journeySpan([])).toBe(null);
    expect(journeySpan([{ at: 5 }])).toBe(null);
    expect(journeySpan([{ at: 50 }, { at: 10 }, { at: 30 }])).toBe(40);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1e12 }), { maxLength: 10 }), (times) => {
        const steps = times.map((at, i) => touchpoint(i + 1, { at }));
        expect(journeySpan(steps)).toBe(
          journeyKpis(steps, { templates: [], results: [] }).elapsedMs,
        );
      }),
    );
  });
});

describe('actions', () => {
  const dueDay = Date.UTC(2026, 0, 9); // "local" midnight in the test's zone
  const action = (
    n: number,
    due: number | null,
    status: ActionItem['status'] = 'open',
    createdAt = n,
  ) => ({ id: `a${n}`, due, status, createdAt });

  it('is overdue only after the whole due day, unless done or without a due date', () => {
    expect(isOverdue(action(1, dueDay), dueDay + DAY - 1)).toBe(false);
    expect(isOverdue(action(1, dueDay), dueDay + DAY)).toBe(true);
    expect(isOverdue(action(1, dueDay, 'in-progress'), dueDay + 2 * DAY)).toBe(true);
    expect(isOverdue(action(1, dueDay, 'done'), dueDay + 2 * DAY)).toBe(false);
    expect(isOverdue(action(1, null), Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('lists open actions: overdue first, then by due date (none last), then oldest first', () => {
    const now = dueDay + DAY;
    const actions = [
      action(1, null, 'open', 1),
      action(2, dueDay + 5 * DAY),
      action(3, dueDay, 'done'),
      action(4, dueDay - DAY, 'in-progress'),
      action(5, dueDay),
      action(6, null, 'open', 0),
      action(7, now, 'open'),
      action(8, dueDay + 5 * DAY, 'open', 0),
    ];
    expect(openActions(actions, now).map((a) => a.id)).toEqual([
      'a4',
      'a5',
      'a7',
      'a8',
      'a2',
      'a6',
      'a1',
    ]);
  });
});
