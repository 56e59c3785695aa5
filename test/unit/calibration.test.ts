/** Calibration between two auditors (lib/metrics/calibration.ts): κ worked by hand, pairing, calibrate. */
import { describe, expect, it } from 'vitest';
import {
  calibrate,
  EXPERIENCE_CATEGORIES,
  meanAbsoluteDifference,
  pairSteps,
  percentAgreement,
  weightedKappa,
  type CalibratedStep,
  type RatingPair,
} from '../../lib/metrics/calibration';
import type { CheckAnswer } from '../../lib/model';

const SCALE = EXPERIENCE_CATEGORIES;

describe('weightedKappa, worked by hand', () => {
  // Eight steps scored by A (rows) and B (columns) on 1–5:
  //   (1,1) (2,2) (3,3) (4,4) (5,5) (2,3) (4,5) (1,3)
  //
  //         B: 1  2  3  4  5 | row
  //   A 1:     1  .  1  .  . |  2
  //   A 2:     .  1  1  .  . |  2
  //   A 3:     .  .  1  .  . |  1
  //   A 4:     .  .  .  1  1 |  2
  //   A 5:     .  .  .  .  1 |  1
  //   column:  1  1  3  1  2 |  n = 8
  const table: RatingPair[] = [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
    [2, 3],
    [4, 5],
    [1, 3],
  ];

  it('linear: κ = 1 − 32/102 = 35/51', () => {
    // Weight |i − j|, in counts (n² × shares; the ratio is the same).
    // Observed: n × Σ w·count = 8 × (|2−3| + |4−5| + |1−3|) = 8 × 4 = 32.
    // Expected: Σ w·row·column, row by row, Σ_j |i − j|·column_j × row_i:
    //   i=1: (0·1 + 1·1 + 2·3 + 3·1 + 4·2) = 18 × 2 = 36
    //   i=2: (1·1 + 0·1 + 1·3 + 2·1 + 3·2) = 12 × 2 = 24
    //   i=3: (2·1 + 1·1 + 0·3 + 1·1 + 2·2) =  8 × 1 =  8
    //   i=4: (3·1 + 2·1 + 1·3 + 0·1 + 1·2) = 10 × 2 = 20
    //   i=5: (4·1 + 3·1 + 2·3 + 1·1 + 0·2) = 14 × 1 = 14   → 102
    // κ = 1 − 32/102 = 70/102 = 35/51 ≈ 0.686.
    expect(weightedKappa(table, SCALE)).toBeCloseTo(35 / 51, 12);
    expect(weightedKappa(table, SCALE, 'linear')).toBeCloseTo(35 / 51, 12);
  });

  it('quadratic: κ = 1 − 48/248 = 25/31', () => {
    // Weight (i − j)². Observed: 8 × (1 + 1 + 4) = 48.
    // Expected:
    //   i=1: (0·1 + 1·1 + 4·3 + 9·1 + 16·2) = 54 × 2 = 108
    //   i=2: (1·1 + 0·1 + 1·3 + 4·1 +  9·2) = 26 × 2 =  52
    //   i=3: (4·1 + 1·1 + 0·3 + 1·1 +  4·2) = 14 × 1 =  14
    //   i=4: (9·1 + 4·1 + 1·3 + 0·1 +  1·2) = 18 × 2 =  36
    //   i=5: (16·1 + 9·1 + 4·3 + 1·1 + 0·2) = 38 × 1 =  38   → 248
    // κ = 1 − 48/248 = 200/248 = 25/31 ≈ 0.806 (near misses forgiven more than by linear).
    expect(weightedKappa(table, SCALE, 'quadratic')).toBeCloseTo(25 / 31, 12);
  });

  it('two categories: the textbook Cohen κ = 0.4', () => {
    // 50 answers: yes/yes 20, yes/no 5, no/yes 10, no/no 15 (yes = 1, no = 0).
    // Observed agreement 35/50 = 0.7; by chance (25·30 + 25·20)/2500 = 0.5;
    // κ = (0.7 − 0.5)/(1 − 0.5) = 0.4. With two categories weighted κ is the same:
    // 1 − (15/50)/(1 − 0.5) = 1 − 0.3/0.5 = 0.4.
    const pairs: RatingPair[] = [
      ...Array.from({ length: 20 }, (): RatingPair => [1, 1]),
      ...Array.from({ length: 5 }, (): RatingPair => [1, 0]),
      ...Array.from({ length: 10 }, (): RatingPair => [0, 1]),
      ...Array.from({ length: 15 }, (): RatingPair => [0, 0]),
    ];
    expect(weightedKappa(pairs, [0, 1])).toBeCloseTo(0.4, 12);
    expect(percentAgreement(pairs)).toBe(70);
  });

  it('one always a point higher: never equal, yet κ = 1 − 16/24 = 1/3', () => {
    // (2,1) (3,2) (4,3) (5,4): rows 2–5 one each, columns 1–4 one each.
    // Observed: 4 × (1+1+1+1) = 16. Expected Σ_i Σ_j |i − j| over i in 2..5, j in 1..4:
    //   i=2: 1+0+1+2 = 4; i=3: 2+1+0+1 = 4; i=4: 3+2+1+0 = 6; i=5: 4+3+2+1 = 10 → 24.
    const pairs: RatingPair[] = [
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 4],
    ];
    expect(weightedKappa(pairs, SCALE)).toBeCloseTo(1 / 3, 12);
    expect(percentAgreement(pairs)).toBe(0);
    expect(meanAbsoluteDifference(pairs)).toBe(1);
  });
});

describe('weightedKappa, edge cases', () => {
  it('is 1 for full agreement with some spread, −1 for the two ends swapped', () => {
    expect(
      weightedKappa(
        [
          [1, 1],
          [3, 3],
          [5, 5],
        ],
        SCALE,
      ),
    ).toBe(1);
    // Observed 2 × (4 + 4) = 16; expected |1−5|·1·1 + |5−1|·1·1 = 8; κ = 1 − 16/8 = −1.
    expect(
      weightedKappa(
        [
          [1, 5],
          [5, 1],
        ],
        SCALE,
      ),
    ).toBe(-1);
  });

  it('is null for fewer than two pairs', () => {
    expect(weightedKappa([], SCALE)).toBeNull();
    expect(weightedKappa([[2, 4]], SCALE)).toBeNull();
  });

  it('is null when both always gave one and the same value (agreement 100 %)', () => {
    const same: RatingPair[] = [
      [4, 4],
      [4, 4],
      [4, 4],
    ];
    expect(weightedKappa(same, SCALE)).toBeNull();
    expect(weightedKappa(same, SCALE, 'quadratic')).toBeNull();
    expect(percentAgreement(same)).toBe(100);
  });

  it('is 0 when each always gave one value but not the same one', () => {
    // Observed 3 × (1+1+1) = 9; expected |3−4|·3·3 = 9: agreement no better than chance.
    const pairs: RatingPair[] = [
      [3, 4],
      [3, 4],
      [3, 4],
    ];
    expect(weightedKappa(pairs, SCALE)).toBe(0);
  });

  it('refuses a value off the scale and a category given twice, naming them', () => {
    expect(() =>
      weightedKappa(
        [
          [1, 6],
          [2, 2],
        ],
        SCALE,
      ),
    ).toThrow('6 is not one of 1, 2, 3, 4, 5');
    expect(() => weightedKappa([], [1, 2, 2])).toThrow('given twice');
  });
});

describe('meanAbsoluteDifference and percentAgreement', () => {
  it('average the gaps and count equal answers, null for nothing', () => {
    expect(
      meanAbsoluteDifference([
        [8, 10],
        [5, 2],
        [0, 0],
      ]),
    ).toBeCloseTo(5 / 3, 12);
    expect(meanAbsoluteDifference([])).toBeNull();
    const checks: [CheckAnswer, CheckAnswer][] = [
      ['yes', 'yes'],
      ['no', 'yes'],
      ['na', 'na'],
      ['na', 'no'],
    ];
    expect(percentAgreement(checks)).toBe(50);
    expect(percentAgreement([])).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

function step(
  id: string,
  seq: number,
  stage: string,
  typeId: string | null,
  more: Partial<CalibratedStep> = {},
): CalibratedStep {
  return {
    id,
    seq,
    stage,
    typeId,
    experience: null,
    importance: null,
    likelihood: null,
    checks: [],
    ...more,
  };
}
function check(templateId: string, itemId: string, answer: CheckAnswer) {
  return { templateId, itemId, answer, comment: '', screenshotId: null };
}
const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('pairSteps', () => {
  it('pairs by stage and type, k-th with k-th in seq order, and reports the rest', () => {
    const a = [
      step('a3', 3, 'consideration', 'web-form'),
      step('a1', 1, 'awareness', null),
      step('a2', 2, 'consideration', 'web-form'),
      step('a4', 4, 'consideration', 'web-form'),
      step('a5', 5, 'purchase', 'callback'),
    ];
    const b = [
      step('b1', 1, 'consideration', 'web-form'),
      step('b2', 2, 'awareness', null),
      step('b3', 3, 'awareness', 'web-form'),
      step('b4', 4, 'consideration', 'web-form'),
      step('b5', 5, 'awareness', null),
    ];
    const { pairs, unpairedA, unpairedB } = pairSteps(a, b);
    expect(pairs.map((p) => [p.a.id, p.b.id])).toEqual([
      ['a1', 'b2'],
      ['a2', 'b1'],
      ['a3', 'b4'],
    ]);
    expect(ids(unpairedA)).toEqual(['a4', 'a5']);
    // b3 is of the awareness stage but a typed step: no type matches only no type.
    expect(ids(unpairedB)).toEqual(['b3', 'b5']);
  });

  it('pairs nothing for an empty walk', () => {
    const a = [step('a1', 1, 'awareness', null)];
    expect(pairSteps(a, [])).toEqual({ pairs: [], unpairedA: a, unpairedB: [] });
    expect(pairSteps([], a)).toEqual({ pairs: [], unpairedA: [], unpairedB: a });
  });
});

describe('calibrate', () => {
  const walkA = {
    steps: [
      step('a1', 1, 'awareness', null, {
        experience: 4,
        importance: 8,
        likelihood: 7,
        checks: [check('t1', 'i1', 'yes'), check('t1', 'i2', 'no')],
      }),
      step('a2', 2, 'consideration', 'web-form', {
        experience: 2,
        importance: 5,
        checks: [check('t1', 'i1', 'yes'), check('t2', 'i1', 'na')],
      }),
      step('a3', 3, 'consideration', 'web-form', { experience: 5, likelihood: 6 }),
      step('a4', 4, 'purchase', 'callback', { experience: 1 }),
    ],
  };
  const walkB = {
    steps: [
      step('b1', 1, 'consideration', 'web-form', {
        experience: 4,
        importance: 7,
        likelihood: 5,
        checks: [check('t1', 'i1', 'no'), check('t2', 'i1', 'yes')],
      }),
      step('b2', 2, 'awareness', null, {
        experience: 4,
        importance: 10,
        likelihood: 9,
        checks: [check('t1', 'i1', 'yes'), check('t1', 'i2', 'no'), check('t3', 'x', 'yes')],
      }),
      step('b3', 3, 'consideration', 'web-form', { likelihood: 6 }),
      step('b4', 4, 'awareness', 'web-form', { experience: 5 }),
    ],
  };

  it('compares every scale over the pairs where both answered', () => {
    const result = calibrate(walkA, walkB);
    expect(result.pairs).toEqual([
      { stepA: 'a1', stepB: 'b2' },
      { stepA: 'a2', stepB: 'b1' },
      { stepA: 'a3', stepB: 'b3' },
    ]);
    expect(result.unpairedA).toEqual(['a4']);
    expect(result.unpairedB).toEqual(['b4']);
    // Experience pairs (4,4) and (2,4); b3 is not scored. MAD (0 + 2)/2 = 1. κ: observed
    // 2 × |2−4| = 4; expected rows {2:1, 4:1} × columns {4:2}: |2−4|·1·2 + 0 = 4; κ = 1 − 4/4 = 0.
    expect(result.experience).toEqual({ n: 2, mad: 1, kappa: 0, agreement: 50 });
    // Importance (8,10) and (5,7); a3 has none. Likelihood (7,9) and (6,6); a2 has none.
    expect(result.importance).toEqual({ n: 2, mad: 2 });
    expect(result.likelihood).toEqual({ n: 2, mad: 1 });
    expect(result.checklist).toEqual({
      items: [
        { templateId: 't1', itemId: 'i1', n: 2, agreement: 50 },
        { templateId: 't1', itemId: 'i2', n: 1, agreement: 100 },
        { templateId: 't2', itemId: 'i1', n: 1, agreement: 0 },
      ],
      n: 4,
      agreement: 50,
      answeredByOne: 1,
    });
  });

  it('lists the experience gaps of 2 or more and the checks yes against no to settle', () => {
    // t2/i1 "na" against "yes" lowers the agreement but is not listed: only yes against no is.
    expect(calibrate(walkA, walkB).disagreements).toEqual([
      { kind: 'experience', stepA: 'a2', stepB: 'b1', a: 2, b: 4 },
      {
        kind: 'check',
        stepA: 'a2',
        stepB: 'b1',
        templateId: 't1',
        itemId: 'i1',
        a: 'yes',
        b: 'no',
      },
    ]);
  });

  it('gives empty figures for walks with nothing to compare', () => {
    const result = calibrate({ steps: [] }, { steps: [] });
    expect(result.experience).toEqual({ n: 0, mad: null, kappa: null, agreement: null });
    expect(result.importance).toEqual({ n: 0, mad: null });
    expect(result.checklist).toEqual({ items: [], n: 0, agreement: null, answeredByOne: 0 });
    expect(result.disagreements).toEqual([]);
  });
});
