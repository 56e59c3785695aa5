/**
 * Calibration: how far two auditors agree when they walk the same brand and task. Steps of the
 * two walks are paired by stage and touchpoint type, then each scale is compared: weighted κ and
 * mean absolute difference for experience, the difference for importance and likelihood, percent
 * agreement for checklist answers; the large disagreements are listed to settle. No labels here.
 */
import type { CheckAnswer, Step } from '../model';

/** Two auditors' values for the same thing: [auditor A's, auditor B's]. */
export type RatingPair = readonly [number, number];

/**
 * How much a disagreement counts in weighted κ: linear (by the distance between the two
 * categories) or quadratic (by its square, which forgives near misses more).
 */
export type KappaWeights = 'linear' | 'quadratic';

/** The experience scale, in order. */
export const EXPERIENCE_CATEGORIES = [1, 2, 3, 4, 5] as const;

/** An experience gap from which a pair of steps is a disagreement to settle. */
export const EXPERIENCE_GAP_TO_SETTLE = 2;

/**
 * Cohen's weighted κ of two raters over ordered `categories` (distinct, in scale order):
 * κ = 1 − Σ wᵢⱼ·oᵢⱼ / Σ wᵢⱼ·eᵢⱼ, with o the observed share of pairs in cell (i, j), e the share
 * expected by chance (row share × column share) and w the disagreement weight |i − j| (linear,
 * the default) or (i − j)² (quadratic). 1 is full agreement, 0 agreement at chance level, below
 * 0 worse than chance. Null where κ is undefined: fewer than 2 pairs, or no disagreement
 * expected by chance — both raters always gave one and the same value (their agreement is then
 * 100 %, see `percentAgreement`, but κ cannot tell it from luck). Throws a RangeError naming a
 * value that is not a category, or a category given twice.
 */
export function weightedKappa(
  pairs: readonly RatingPair[],
  categories: readonly number[],
  weights: KappaWeights = 'linear',
): number | null {
  if (new Set(categories).size !== categories.length)
    throw new RangeError(`weightedKappa: a category is given twice in ${categories.join(', ')}`);
  if (pairs.length < 2) return null;
  const k = categories.length;
  const indexOf = (value: number) => {
    const index = categories.indexOf(value);
    if (index === -1)
      throw new RangeError(`weightedKappa: ${value} is not one of ${categories.join(', ')}`);
    return index;
  };
  const cells = new Array<number>(k * k).fill(0);
  const rows = new Array<number>(k).fill(0);
  const columns = new Array<number>(k).fill(0);
  for (const [a, b] of pairs) {
    const i = indexOf(a);
    const j = indexOf(b);
    cells[i * k + j]!++;
    rows[i]!++;
    columns[j]!++;
  }
  // In counts, not shares: both sums are n² times the shares' sums, so the ratio is the same,
  // and integers keep "no disagreement expected" exact.
  const weight = (i: number, j: number) => (weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      observed += weight(i, j) * cells[i * k + j]! * pairs.length;
      expected += weight(i, j) * rows[i]! * columns[j]!;
    }
  }
  return expected === 0 ? null : 1 - observed / expected;
}

/** The mean of |a − b| over the pairs; null for no pairs. */
export function meanAbsoluteDifference(pairs: readonly RatingPair[]): number | null {
  if (pairs.length === 0) return null;
  return pairs.reduce((sum, [a, b]) => sum + Math.abs(a - b), 0) / pairs.length;
}

/**
 * The share of pairs where both gave the same answer, 0–100; null for no pairs. For checklist
 * answers yes/no/na every difference counts, "na" against "yes" too.
 */
export function percentAgreement<T>(pairs: readonly (readonly [T, T])[]): number | null {
  if (pairs.length === 0) return null;
  return (100 * pairs.filter(([a, b]) => a === b).length) / pairs.length;
}

// ---------------------------------------------------------------------------------------------
// Pairing the steps of two walks

/** The fields of a step that decide its pair. */
export type PairedStep = Pick<Step, 'id' | 'seq' | 'stage' | 'typeId'>;

export interface StepPairing<S extends PairedStep> {
  /** Paired steps, in walk A's order. */
  pairs: { a: S; b: S }[];
  /** Steps with no counterpart in the other walk, each in its walk's order. */
  unpairedA: S[];
  unpairedB: S[];
}

const bySeq = (x: PairedStep, y: PairedStep) =>
  x.seq - y.seq || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * Pairs the steps of two walks of the same brand and task: steps of the same stage and the same
 * touchpoint type (no type matches no type) are paired k-th with k-th in the order of `seq`; the
 * rest of the longer side is unpaired.
 */
export function pairSteps<S extends PairedStep>(
  stepsA: readonly S[],
  stepsB: readonly S[],
): StepPairing<S> {
  const slot = (s: S) => JSON.stringify([s.stage, s.typeId]);
  const waiting = new Map<string, S[]>();
  for (const b of [...stepsB].sort(bySeq)) {
    const queue = waiting.get(slot(b));
    if (queue) queue.push(b);
    else waiting.set(slot(b), [b]);
  }
  const pairs: { a: S; b: S }[] = [];
  const unpairedA: S[] = [];
  for (const a of [...stepsA].sort(bySeq)) {
    const b = waiting.get(slot(a))?.shift();
    if (b) pairs.push({ a, b });
    else unpairedA.push(a);
  }
  const unpairedB = [...waiting.values()].flat().sort(bySeq);
  return { pairs, unpairedA, unpairedB };
}

/**
 * Pairs the steps of a walk and its blind scoring (the same steps copied, see lib/db/blind.ts):
 * the step at position n with the step at position n; the positions only one side has are
 * unpaired (a step deleted or added on one side since).
 */
export function pairStepsBySeq<S extends PairedStep>(
  stepsA: readonly S[],
  stepsB: readonly S[],
): StepPairing<S> {
  const bySeqB = new Map<number, S>();
  for (const b of [...stepsB].sort(bySeq)) if (!bySeqB.has(b.seq)) bySeqB.set(b.seq, b);
  const pairs: { a: S; b: S }[] = [];
  const unpairedA: S[] = [];
  for (const a of [...stepsA].sort(bySeq)) {
    const b = bySeqB.get(a.seq);
    if (b) {
      pairs.push({ a, b });
      bySeqB.delete(a.seq);
    } else unpairedA.push(a);
  }
  const paired = new Set(pairs.map((p) => p.b));
  const unpairedB = [...stepsB].sort(bySeq).filter((b) => !paired.has(b));
  return { pairs, unpairedA, unpairedB };
}

// ---------------------------------------------------------------------------------------------
// Calibration of two walks

/** The fields of a step calibration reads. */
export type CalibratedStep = PairedStep &
  Pick<Step, 'experience' | 'importance' | 'likelihood' | 'checks'>;

/** Agreement on one checklist item over the step pairs where both auditors answered it. */
export interface ItemAgreement {
  templateId: string;
  itemId: string;
  /** Answer pairs (step pairs where both answered the item). */
  n: number;
  /** Share of equal answers, 0–100. */
  agreement: number;
}

/** Something the two auditors should talk over, naming the two steps. */
export type Disagreement =
  | { kind: 'experience'; stepA: string; stepB: string; a: number; b: number }
  | {
      kind: 'check';
      stepA: string;
      stepB: string;
      templateId: string;
      itemId: string;
      a: CheckAnswer;
      b: CheckAnswer;
    };

export interface Calibration {
  /** Paired step ids (A's order) and the steps of each walk left without a pair. */
  pairs: { stepA: string; stepB: string }[];
  unpairedA: string[];
  unpairedB: string[];
  /** Over the pairs where both scored experience; `agreement` is the share of equal scores. */
  experience: {
    n: number;
    mad: number | null;
    kappa: number | null;
    agreement: number | null;
  };
  importance: { n: number; mad: number | null };
  likelihood: { n: number; mad: number | null };
  checklist: {
    /** Items answered by both on at least one pair, in the order first met. */
    items: ItemAgreement[];
    /** All answer pairs, and the share of them that agree (0–100). */
    n: number;
    agreement: number | null;
    /** Answers given on a paired step by one auditor only (not compared). */
    answeredByOne: number;
  };
  /** Experience differing by EXPERIENCE_GAP_TO_SETTLE or more; a check yes for one, no for the other. */
  disagreements: Disagreement[];
}

type Field = 'experience' | 'importance' | 'likelihood';

function scored(pairs: readonly { a: CalibratedStep; b: CalibratedStep }[], field: Field) {
  const out: RatingPair[] = [];
  for (const { a, b } of pairs) {
    const x = a[field];
    const y = b[field];
    if (x !== null && y !== null) out.push([x, y]);
  }
  return out;
}

function answers(step: CalibratedStep): Map<string, CalibratedStep['checks'][number]> {
  // One answer per item; should a step hold two, the later one counts (as on the step card).
  return new Map(step.checks.map((c) => [JSON.stringify([c.templateId, c.itemId]), c]));
}

/**
 * Compares two walks of the same brand and task by different auditors (A and B), step pair by
 * step pair (`pairing`: `pairSteps`, or `pairStepsBySeq` for a blind scoring): experience (κ with linear weights over 1–5, mean absolute difference,
 * exact agreement), importance 1–10 and likelihood 0–10 (mean absolute difference), checklist
 * answers (percent agreement per item answered by both on a pair, and overall), and the
 * disagreements to settle, in A's order.
 */
export function calibrate(
  walkA: { steps: readonly CalibratedStep[] },
  walkB: { steps: readonly CalibratedStep[] },
  pair: typeof pairSteps = pairSteps,
): Calibration {
  const pairing = pair(walkA.steps, walkB.steps);
  const experience = scored(pairing.pairs, 'experience');
  const importance = scored(pairing.pairs, 'importance');
  const likelihood = scored(pairing.pairs, 'likelihood');

  const items = new Map<
    string,
    { templateId: string; itemId: string; pairs: [string, string][] }
  >();
  const allAnswers: [CheckAnswer, CheckAnswer][] = [];
  let answeredByOne = 0;
  const disagreements: Disagreement[] = [];
  for (const { a, b } of pairing.pairs) {
    const ids = { stepA: a.id, stepB: b.id };
    if (a.experience !== null && b.experience !== null) {
      if (Math.abs(a.experience - b.experience) >= EXPERIENCE_GAP_TO_SETTLE)
        disagreements.push({ kind: 'experience', ...ids, a: a.experience, b: b.experience });
    }
    const answersB = answers(b);
    const answersA = answers(a);
    for (const [key, checkA] of answersA) {
      const checkB = answersB.get(key);
      if (!checkB) continue;
      const { templateId, itemId } = checkA;
      const item = items.get(key) ?? { templateId, itemId, pairs: [] };
      items.set(key, item);
      item.pairs.push([checkA.answer, checkB.answer]);
      allAnswers.push([checkA.answer, checkB.answer]);
      if (checkA.answer !== checkB.answer && checkA.answer !== 'na' && checkB.answer !== 'na')
        disagreements.push({
          kind: 'check',
          ...ids,
          templateId,
          itemId,
          a: checkA.answer,
          b: checkB.answer,
        });
    }
    for (const key of answersA.keys()) if (!answersB.has(key)) answeredByOne++;
    for (const key of answersB.keys()) if (!answersA.has(key)) answeredByOne++;
  }

  return {
    pairs: pairing.pairs.map(({ a, b }) => ({ stepA: a.id, stepB: b.id })),
    unpairedA: pairing.unpairedA.map((s) => s.id),
    unpairedB: pairing.unpairedB.map((s) => s.id),
    experience: {
      n: experience.length,
      mad: meanAbsoluteDifference(experience),
      kappa: weightedKappa(experience, EXPERIENCE_CATEGORIES, 'linear'),
      agreement: percentAgreement(experience),
    },
    importance: { n: importance.length, mad: meanAbsoluteDifference(importance) },
    likelihood: { n: likelihood.length, mad: meanAbsoluteDifference(likelihood) },
    checklist: {
      items: [...items.values()].map(({ templateId, itemId, pairs }) => ({
        templateId,
        itemId,
        n: pairs.length,
        agreement: percentAgreement(pairs) ?? 0,
      })),
      n: allAnswers.length,
      agreement: percentAgreement(allAnswers),
      answeredByOne,
    },
    disagreements,
  };
}
