/**
 * Re-audit: the same brand walked again later, compared with its earlier walk (pure). Among the
 * report's chosen journeys, walks of one brand are those with the same brand name (trimmed, case
 * ignored) and the same role; sorted by when each was created, every walk is compared with the
 * one before it (so with three walks: 1 → 2 and 2 → 3). For each pair: the journey's key
 * figures, each stage's and each step's, before → after, and whether that is better or worse.
 */
import { standardsShare, standardsTally, stoppedShort, type StandardsTally } from '../metrics';
import type { Journey, Outcome } from '../model';
import type { ReportJourney, ReportModel, ReportStep } from './model';
import { stageScorecards, type StageScore, type StageScorecard } from './summary';

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
  /** 1-based position within the stage. */
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
  /** The later walk's brand name (as typed) and the role both share. */
  brandName: string;
  brandRole: Journey['brandRole'];
  before: ReportJourney;
  after: ReportJourney;
  /** 1-based: this pair compares walk `index` with walk `index + 1` of `walks` of the brand. */
  index: number;
  walks: number;
  figures: ReauditFigures;
  stages: ReauditStage[];
}

/** The key that makes two journeys walks of one brand. */
export function brandKey(journey: Pick<Journey, 'brandName' | 'brandRole'>): string {
  return `${journey.brandRole}\u0000${journey.brandName.trim().toLowerCase()}`;
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

/** Abandoned or blocked: its touches and time are not a walk to the goal, so not comparable. */
const stopped = (j: ReportJourney) => stoppedShort(j.journey);

function overall(before: ReportJourney, after: ReportJourney): ReauditFigures {
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
    likelihood: figure(before.kpis.finalLikelihood, after.kpis.finalLikelihood, 'more', P.count),
    outcome: outcomeFigure(before.journey.outcome, after.journey.outcome),
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

function stages(
  model: ReportModel,
  cards: readonly StageScorecard[],
  before: ReportJourney,
  after: ReportJourney,
): ReauditStage[] {
  const P = REAUDIT_PRECISION;
  const iBefore = model.journeys.indexOf(before);
  const iAfter = model.journeys.indexOf(after);
  const comparable = !stopped(before) && !stopped(after);
  return model.stages.flatMap((row, r) => {
    const stepsBefore = row.cells[iBefore] ?? [];
    const stepsAfter = row.cells[iAfter] ?? [];
    if (stepsBefore.length === 0 && stepsAfter.length === 0) return [];
    const card = cards.find((c) => c.stage === row.stage) ?? cards[r];
    const score = (j: ReportJourney): StageScore | undefined =>
      card?.scores.find((s) => s.journeyId === j.journey.id);
    const b = score(before);
    const a = score(after);
    const steps: ReauditStepPair[] = [];
    for (let k = 0; k < Math.max(stepsBefore.length, stepsAfter.length); k++)
      steps.push(stepPair(row.stage, k + 1, stepsBefore[k] ?? null, stepsAfter[k] ?? null));
    return [
      {
        stage: row.stage,
        experience: figure(b?.experience ?? null, a?.experience ?? null, 'more', P.experience),
        compliance: figure(b?.compliance ?? null, a?.compliance ?? null, 'more', P.percent),
        // A stage missing from one walk is not "fewer touches": it was skipped or never reached.
        touches: figure(
          stepsBefore.length,
          stepsAfter.length,
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
 * The re-audit pairs of the report's chosen journeys: for each brand (name trimmed and compared
 * case-insensitively, own and competitor kept apart) walked more than once, each walk with the
 * next one by creation time (ties: the report's order). Brands in the report's order.
 */
export function reaudits(
  model: ReportModel,
  cards: readonly StageScorecard[] = stageScorecards(model),
): ReauditPair[] {
  const groups = new Map<string, ReportJourney[]>();
  for (const j of model.journeys) {
    const list = groups.get(brandKey(j.journey)) ?? [];
    // The same journey chosen twice is one walk.
    if (!list.some((x) => x.journey.id === j.journey.id)) list.push(j);
    groups.set(brandKey(j.journey), list);
  }
  const pairs: ReauditPair[] = [];
  for (const list of groups.values()) {
    // Array.prototype.sort is stable: equal times keep the report's order.
    const walks = [...list].sort((a, b) => a.journey.createdAt - b.journey.createdAt);
    for (let i = 1; i < walks.length; i++) {
      const before = walks[i - 1]!;
      const after = walks[i]!;
      pairs.push({
        brandName: after.journey.brandName.trim(),
        brandRole: after.journey.brandRole,
        before,
        after,
        index: i,
        walks: walks.length,
        figures: overall(before, after),
        stages: stages(model, cards, before, after),
      });
    }
  }
  return pairs;
}
