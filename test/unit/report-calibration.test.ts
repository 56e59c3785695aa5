/** Calibration in the report: walks of one brand and task by two auditors (lib/report/calibration.ts). */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { CalibrationSection } from '../../components/report/calibration';
import { calibrationPairs } from '../../lib/report/calibration';
import { CLEAR_OFFER, CONTACTS, reportFixture, type StepSpec } from './report-walks';

/** Auditor A's four steps (all of stage information, no type: paired in order). */
const ANNA: StepSpec[] = [
  {
    experience: 2,
    importance: 5,
    likelihood: 5,
    checks: { [CLEAR_OFFER]: 'yes', [CONTACTS]: 'yes' },
  },
  { experience: 3, likelihood: 6, checks: { [CONTACTS]: 'yes' } },
  { experience: 4, importance: 8 },
  { experience: 5, importance: 10, title: 'Offer page' },
];
/** Auditor B's four steps of the same walk. */
const BORIS: StepSpec[] = [
  {
    experience: 2,
    importance: 7,
    likelihood: 5,
    checks: { [CLEAR_OFFER]: 'yes', [CONTACTS]: 'no' },
  },
  { experience: 4, importance: 3, likelihood: 8, checks: { [CONTACTS]: 'yes' } },
  { experience: 4, importance: 8 },
  { experience: 3, importance: 10, title: 'Offer' },
];

function audit() {
  const f = reportFixture();
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Fastwave');
  const w1 = f.wave('Wave 1', 0);
  const a = f.walk(rival, w1, ANNA, { auditor: 'Anna', task: 'Request a callback' });
  const b = f.walk(rival, w1, BORIS, { auditor: 'Boris', task: '  request a  CALLBACK ' });
  return { f, own, rival, w1, a, b };
}

describe('calibrationPairs', () => {
  it('compares two auditors of one brand and task, by hand', () => {
    const { f, a, b } = audit();
    const pairs = calibrationPairs(f.report());
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(pair!.a.journey.id).toBe(a.journey.id);
    expect(pair!.b.journey.id).toBe(b.journey.id);
    const c = pair!.calibration;
    // Experience pairs (2,2) (3,4) (4,4) (5,3): |d| = 0, 1, 0, 2 → MAD 0.75, agreement 50 %.
    // Linear κ: observed Σ|d| = 3 over 4 pairs; by chance, A's 2, 3, 4, 5 against B's 2, 3, 4, 4:
    // Σ|a − b| = 5 + 3 + 3 + 7 = 18 over 16 → κ = 1 − (3/4) / (18/16) = 1/3.
    expect(c.experience.n).toBe(4);
    expect(c.experience.mad).toBe(0.75);
    expect(c.experience.agreement).toBe(50);
    expect(c.experience.kappa).toBeCloseTo(1 / 3, 12);
    // Importance where both scored: (5,7) (8,8) (10,10) → 2/3; likelihood (5,5) (6,8) → 1.
    expect(c.importance).toEqual({ n: 3, mad: 2 / 3 });
    expect(c.likelihood).toEqual({ n: 2, mad: 1 });
    // Contacts: (yes,no) (yes,yes) → 50 %; clear offer (yes,yes) → 100 %.
    expect(c.checklist.items).toEqual([
      { templateId: 'site-first-screen', itemId: CLEAR_OFFER, n: 1, agreement: 100 },
      { templateId: 'site-first-screen', itemId: CONTACTS, n: 2, agreement: 50 },
    ]);
    // To settle: the offer page 5 against 3, and contacts yes against no on the first step.
    expect(c.disagreements).toEqual([
      {
        kind: 'check',
        stepA: a.steps[0]!.id,
        stepB: b.steps[0]!.id,
        templateId: 'site-first-screen',
        itemId: CONTACTS,
        a: 'yes',
        b: 'no',
      },
      { kind: 'experience', stepA: a.steps[3]!.id, stepB: b.steps[3]!.id, a: 5, b: 3 },
    ]);
    expect(pair!.steps.get(b.steps[3]!.id)?.touchpoint.title).toBe('Offer');
  });

  it('pairs only different named auditors on the same brand and task', () => {
    const { f, own, rival, w1, a, b } = audit();
    const c = f.walk(rival, w1, ANNA, { auditor: ' anna ', task: 'request a callback' });
    f.walk(rival, w1, ANNA, { auditor: 'Vera', task: 'buy a router' });
    f.walk(rival, w1, ANNA, { auditor: '', task: 'request a callback' });
    f.walk(own, w1, ANNA, { auditor: 'Vera', task: 'request a callback' });
    const pairs = calibrationPairs(f.report());
    // Anna and " anna " are one auditor; a walk by nobody named is in no pair.
    expect(pairs.map((p) => [p.a.journey.id, p.b.journey.id])).toEqual([
      [a.journey.id, b.journey.id],
      [b.journey.id, c.journey.id],
    ]);
  });

  it('says κ is not defined when both always gave the same score', () => {
    const f = reportFixture();
    const rival = f.brand('Fastwave');
    const w1 = f.wave('Wave 1', 0);
    const fours: StepSpec[] = [{ experience: 4 }, { experience: 4 }];
    f.walk(rival, w1, fours, { auditor: 'Anna' });
    f.walk(rival, w1, fours, { auditor: 'Boris' });
    const [pair] = calibrationPairs(f.report());
    expect(pair!.calibration.experience).toEqual({ n: 2, mad: 0, kappa: null, agreement: 100 });
  });

  it('looks only at the compared wave and segment', () => {
    const { f, rival } = audit();
    const w2 = f.wave('Wave 2', 1);
    f.walk(rival, w2, ANNA, { auditor: 'Anna' });
    expect(calibrationPairs(f.report())).toEqual([]);
    expect(calibrationPairs(f.report({ waveId: f.snapshot.waves[0]!.id }))).toHaveLength(1);
  });
});

describe('CalibrationSection', () => {
  it('shows agreement per scale and item and the disagreements, in English and Russian', () => {
    const { f } = audit();
    const en = renderToString(h(CalibrationSection, { model: f.report(), locale: 'en' }));
    expect(en).toContain('Calibration between auditors');
    expect(en).toContain('Anna');
    expect(en).toContain('Boris');
    expect(en).toContain('<td>0.75</td><td>0.33</td><td>50 %</td>');
    expect(en).toContain('Step 4 “Offer page” and Step 4 “Offer”: experience 5 against 3.');
    expect(en).toContain('Yes against No');
    const ru = renderToString(h(CalibrationSection, { model: f.report(), locale: 'ru' }));
    expect(ru).toContain('Согласованность аудиторов');
    expect(ru).toContain('<td>0,75</td><td>0,33</td><td>50 %</td>');
  });

  it('says κ is not defined, and is left out without a pair', () => {
    const f = reportFixture();
    const rival = f.brand('Fastwave');
    const w1 = f.wave('Wave 1', 0);
    f.walk(rival, w1, [{ experience: 4 }, { experience: 4 }], { auditor: 'Anna' });
    expect(renderToString(h(CalibrationSection, { model: f.report(), locale: 'en' }))).toBe('');
    f.walk(rival, w1, [{ experience: 4 }, { experience: 4 }], { auditor: 'Boris' });
    const html = renderToString(h(CalibrationSection, { model: f.report(), locale: 'en' }));
    expect(html).toContain('κ not defined');
    expect(html).toContain('Nothing to settle');
  });
});
