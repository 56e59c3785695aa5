/**
 * Re-audit: each brand in the compared wave against the same brand in the wave before it (pure).
 * A brand's figures in a wave pool its walks there (see brandKpis); the earlier wave is the latest
 * wave before the compared one in which the brand was walked (in the same segment). For each
 * brand: the key figures, each stage's and each step's, before → after, and whether that is
 * better or worse. Stage figures pool the brand's walks; steps are compared walk with walk (the
 * walks of the two waves matched by segment, see matchWalks), the k-th step of a stage in the
 * earlier walk with the k-th in the later one.
 */
import { medianOf, standardsShare, standardsTally, type StandardsTally } from '../metrics';
import type { Brand, Outcome, Wave } from '../model';
import {
  compareWaves,
  type ReportBrand,
  type ReportJourney,
  type ReportModel,
  type ReportStep,
} from './model';
import { stageScore } from './summary';

/** better/worse for the reader; unknown: a side is missing or the figures cannot be compared. */
export type Direction = 'better' | 'worse' | 'same' | 'unknown';

/** Which way is better: more (experience, compliance, likelihood) or less (touches, time). */
export type Better = 'more' | 'less';

/**
 * The step at which each figure is shown (and so compared): experience to 0.1, compliance and
 * shares of standards met to 1 percentage point, time to 1 s. A change too small to show is
 * "same", so the report never reads "3.0 → 3.0 ▼ worse".
 */
export const REAUDIT_PRECISION = {
  count: 1,
  experience: 0.1,
  percent: 1,
  elapsedMs: 1000,
} as const;

/** One figure before → after. */
export interface Figure {
  before: number | null;
  after: number | null;
  /** after − before, of the figures as shown (rounded to their precision); null if either is missing. */
  change: number | null;
  direction: Direction;
}

/** Standards met before → after, compared by the share met (a different number may be measured). */
export interface StandardsFigure {
  before: StandardsTally;
  after: StandardsTally;
  /** Change of the share met, in percentage points (rounded); null if either side measured none. */
  change: number | null;
  direction: Direction;
}

export interface OutcomeFigure {
  /** null: still in progress. */
  before: Outcome | null;
  after: Outcome | null;
  /** Reaching the goal beats stopping short (abandoned and blocked are equally bad). */
  direction: Direction;
}

/** The k-th step of a stage in the earlier walk and the k-th of that stage in the later one. */
export interface ReauditStepPair {
  stage: string;
  /** 1-based position within the stage, in its walk (each matched pair of walks counts from 1). */
  position: number;
  /** null: the stage has fewer steps in that walk ("only after" / "only before"). */
  before: ReportStep | null;
  after: ReportStep | null;
  experience: Figure;
  /** Checklist compliance %. */
  compliance: Figure;
  standards: StandardsFigure;
}

/** A stage of either walk (in the report's stage order). */
export interface ReauditStage {
  stage: string;
  /** Mean experience of the stage's scored steps. */
  experience: Figure;
  compliance: Figure;
  /** Steps in the stage (less is better when both walks have the stage and neither stopped short). */
  touches: Figure;
  steps: ReauditStepPair[];
}

export interface ReauditFigures {
  touches: Figure;
  /** First to last step, ms. */
  elapsed: Figure;
  experience: Figure;
  compliance: Figure;
  standards: StandardsFigure;
  /** Likelihood to choose after the last step that has one, 0–10. */
  likelihood: Figure;
  outcome: OutcomeFigure;
}

export interface ReauditPair {
  brandId: string;
  brand: Brand;
  /** The brand in the earlier wave and in the compared one (walks pooled). */
  before: ReportBrand;
  after: ReportBrand;
  beforeWave: Wave;
  afterWave: Wave;
  figures: ReauditFigures;
  /** Stage figures pool every walk; step pairs are of matched walks only (see matchWalks). */
  stages: ReauditStage[];
  /** Walks of the earlier wave not matched in the later one (not walked again), and new ones. */
  onlyBefore: ReportJourney[];
  onlyAfter: ReportJourney[];
}

function rounded(value: number | null, step: number): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value / step);
}

/**
 * A figure before → after, compared at `step` (see REAUDIT_PRECISION). `comparable: false`
 * reports the values but no direction (e.g. fewer touches of a walk that stopped short).
 */
export function figure(
  before: number | null,
  after: number | null,
  better: Better,
  step: number,
  comparable = true,
): Figure {
  const b = rounded(before, step);
  const a = rounded(after, step);
  if (b === null || a === null) return { before, after, change: null, direction: 'unknown' };
  // Back to units from whole steps: 0.1 × 42 − 0.1 × 30 would not be exactly 1.2.
  const change = Number(((a - b) * step).toPrecision(12));
  const direction: Direction = !comparable
    ? 'unknown'
    : a === b
      ? 'same'
      : a > b === (better === 'more')
        ? 'better'
        : 'worse';
  return { before, after, change, direction };
}

export function standardsFigure(before: StandardsTally, after: StandardsTally): StandardsFigure {
  const { change, direction } = figure(
    standardsShare(before),
    standardsShare(after),
    'more',
    REAUDIT_PRECISION.percent,
  );
  return { before, after, change, direction };
}

const OUTCOME_RANK: Record<Outcome, number> = { 'goal-reached': 1, abandoned: 0, blocked: 0 };

export function outcomeFigure(before: Outcome | null, after: Outcome | null): OutcomeFigure {
  return {
    before,
    after,
    direction:
      before === null || after === null
        ? 'unknown'
        : OUTCOME_RANK[after] === OUTCOME_RANK[before]
          ? 'same'
          : OUTCOME_RANK[after] > OUTCOME_RANK[before]
            ? 'better'
            : 'worse',
  };
}

/** Every walk stopped short: its touches and time are not a walk to the goal, so not comparable. */
const stopped = (b: ReportBrand) => b.stopped;

/**
 * How the brand's walks in a wave ended, as one outcome: the goal reached if any walk reached it,
 * else stopped short if every walk did (abandoned, or blocked if any was), else in progress (null).
 */
export function brandOutcome(b: ReportBrand): Outcome | null {
  if (b.outcomes.reached) return 'goal-reached';
  if (b.stopped) return b.outcomes.blocked ? 'blocked' : 'abandoned';
  return null;
}

function overall(before: ReportBrand, after: ReportBrand): ReauditFigures {
  const P = REAUDIT_PRECISION;
  const comparable = !stopped(before) && !stopped(after);
  return {
    touches: figure(before.kpis.touches, after.kpis.touches, 'less', P.count, comparable),
    elapsed: figure(before.kpis.elapsedMs, after.kpis.elapsedMs, 'less', P.elapsedMs, comparable),
    experience: figure(
      before.kpis.averageExperience,
      after.kpis.averageExperience,
      'more',
      P.experience,
    ),
    compliance: figure(before.compliance.percent, after.compliance.percent, 'more', P.percent),
    standards: standardsFigure(before.standards, after.standards),
    likelihood: figure(
      before.kpis.finalLikelihood,
      after.kpis.finalLikelihood,
      'more',
      P.experience,
    ),
    outcome: outcomeFigure(brandOutcome(before), brandOutcome(after)),
  };
}

function stepPair(
  stage: string,
  position: number,
  before: ReportStep | null,
  after: ReportStep | null,
): ReauditStepPair {
  const P = REAUDIT_PRECISION;
  return {
    stage,
    position,
    before,
    after,
    experience: figure(
      before?.touchpoint.experience ?? null,
      after?.touchpoint.experience ?? null,
      'more',
      P.count,
    ),
    compliance: figure(
      before?.compliance.percent ?? null,
      after?.compliance.percent ?? null,
      'more',
      P.percent,
    ),
    standards: standardsFigure(
      standardsTally(before?.measurements ?? []),
      standardsTally(after?.measurements ?? []),
    ),
  };
}

/** How two walks' segments compare: the same persona, entry channel and task (trimmed, case ignored). */
function segmentKey(
  w: ReportJourney,
  parts: readonly ('persona' | 'entryChannel' | 'task' | 'auditor')[],
) {
  return parts.map((p) => w.journey[p].trim().toLowerCase()).join('\u0000');
}

/**
 * The brand's walks in the earlier wave matched with its walks in the later one, so steps are
 * compared walk with walk: walks of the same persona (trimmed, case ignored; two walks without
 * one are of the same), preferring the same entry channel, task and auditor, in order of creation. Walks
 * of other personas are different segments, never paired: walks left over on either side were
 * not walked again (or are new) and count in the figures without step pairs.
 */
export function matchWalks(
  before: readonly ReportJourney[],
  after: readonly ReportJourney[],
): {
  pairs: [ReportJourney, ReportJourney][];
  onlyBefore: ReportJourney[];
  onlyAfter: ReportJourney[];
} {
  const left = [...before];
  const right = [...after];
  const pairs: [ReportJourney, ReportJourney][] = [];
  const rounds: (readonly ('persona' | 'entryChannel' | 'task' | 'auditor')[])[] = [
    ['persona', 'entryChannel', 'task', 'auditor'],
    ['persona', 'entryChannel', 'task'],
    ['persona', 'task'],
    ['persona'],
  ];
  for (const parts of rounds) {
    for (const a of [...right]) {
      const i = left.findIndex((b) => segmentKey(b, parts) === segmentKey(a, parts));
      if (i < 0) continue;
      pairs.push([left[i]!, a]);
      left.splice(i, 1);
      right.splice(right.indexOf(a), 1);
    }
  }
  pairs.sort((x, y) => after.indexOf(x[1]) - after.indexOf(y[1]));
  return { pairs, onlyBefore: left, onlyAfter: right };
}

function stages(
  stageOrder: readonly string[],
  before: ReportBrand,
  after: ReportBrand,
  walkPairs: readonly [ReportJourney, ReportJourney][],
): ReauditStage[] {
  const P = REAUDIT_PRECISION;
  const comparable = !stopped(before) && !stopped(after);
  return stageOrder.flatMap((stage) => {
    const stepsBefore = before.steps.filter((s) => s.touchpoint.stage === stage);
    const stepsAfter = after.steps.filter((s) => s.touchpoint.stage === stage);
    if (stepsBefore.length === 0 && stepsAfter.length === 0) return [];
    const b = stageScore(before, stepsBefore);
    const a = stageScore(after, stepsAfter);
    const steps: ReauditStepPair[] = [];
    for (const [walkBefore, walkAfter] of walkPairs) {
      const inBefore = walkBefore.steps.filter((s) => s.touchpoint.stage === stage);
      const inAfter = walkAfter.steps.filter((s) => s.touchpoint.stage === stage);
      for (let k = 0; k < Math.max(inBefore.length, inAfter.length); k++)
        steps.push(stepPair(stage, k + 1, inBefore[k] ?? null, inAfter[k] ?? null));
    }
    // The brand's touches in a stage: the median over its walks, like its key figures.
    const touches = (brand: ReportBrand) =>
      medianOf(
        brand.walks.map((w) => w.steps.filter((s) => s.touchpoint.stage === stage).length),
      ) ?? 0;
    return [
      {
        stage,
        experience: figure(b.experience, a.experience, 'more', P.experience),
        compliance: figure(b.compliance, a.compliance, 'more', P.percent),
        // A stage missing from one wave is not "fewer touches": it was skipped or never reached.
        touches: figure(
          touches(before),
          touches(after),
          'less',
          P.count,
          comparable && stepsBefore.length > 0 && stepsAfter.length > 0,
        ),
        steps,
      },
    ];
  });
}

/**
 * The re-audit pairs of the report: each compared brand against itself in the latest earlier wave
 * in which it was walked. Brands in the report's order; none when the report compares no wave.
 */
export function reaudits(model: ReportModel): ReauditPair[] {
  if (!model.wave) return [];
  const current = model.wave;
  const earlier = model.history.filter((h) => compareWaves(h.wave, current) < 0).reverse();
  const pairs: ReauditPair[] = [];
  for (const after of model.brands) {
    const found = earlier
      .map((h) => ({
        wave: h.wave,
        stages: h.stages,
        brand: h.brands.find((b) => b.id === after.id),
      }))
      .find((h) => h.brand !== undefined);
    if (!found) continue;
    const before = found.brand!;
    // Stage order: the compared wave's rows, then stages only the earlier wave had.
    const order = [
      ...model.stages.map((r) => r.stage),
      ...found.stages.map((r) => r.stage).filter((s) => !model.stages.some((r) => r.stage === s)),
    ];
    const walks = matchWalks(before.walks, after.walks);
    pairs.push({
      brandId: after.id,
      brand: after.brand,
      before,
      after,
      beforeWave: found.wave,
      afterWave: current,
      figures: overall(before, after),
      stages: stages(order, before, after, walks.pairs),
      onlyBefore: walks.onlyBefore,
      onlyAfter: walks.onlyAfter,
    });
  }
  return pairs;
}
