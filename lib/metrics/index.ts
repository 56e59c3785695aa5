/** Pure journey metrics: the figures the report compares. */
import type { Journey, Touchpoint } from '../model';
import { stageOrder } from '../taxonomy';

/** Abandoned or blocked: the walk stopped short of the goal (its touches and time are no win). */
export function stoppedShort(journey: Pick<Journey, 'outcome'>): boolean {
  return journey.outcome === 'abandoned' || journey.outcome === 'blocked';
}

export interface JourneyKpis {
  /** Number of touches (steps) from first to last. */
  touches: number;
  /** Milliseconds from the first to the last step; null with fewer than two steps. */
  elapsedMs: number | null;
  /** Mean experience score (1–5) of the scored steps; null when none is scored. */
  averageExperience: number | null;
  scoredSteps: number;
  weakLinks: number;
  wows: number;
  /** Likelihood to choose the brand after the last step that has one. */
  finalLikelihood: number | null;
}

export function journeyKpis(steps: readonly Touchpoint[]): JourneyKpis {
  const times = steps.map((s) => s.at);
  const scored = steps.filter((s) => s.experience !== null);
  const likelihoods = [...steps].sort((a, b) => a.seq - b.seq).filter((s) => s.likelihood !== null);
  return {
    touches: steps.length,
    elapsedMs: steps.length > 1 ? Math.max(...times) - Math.min(...times) : null,
    averageExperience: scored.length
      ? scored.reduce((sum, s) => sum + (s.experience ?? 0), 0) / scored.length
      : null,
    scoredSteps: scored.length,
    weakLinks: steps.filter((s) => s.weakLink).length,
    wows: steps.filter((s) => s.wow).length,
    finalLikelihood: likelihoods.at(-1)?.likelihood ?? null,
  };
}

/** Stages present in any of the journeys, in lifecycle order (custom stages after, by name). */
export function alignedStages(journeys: readonly (readonly Touchpoint[])[]): string[] {
  const stages = new Set(journeys.flatMap((steps) => steps.map((s) => s.stage)));
  return [...stages].sort((a, b) => stageOrder(a) - stageOrder(b) || a.localeCompare(b));
}

/** An experience this low (1–5) makes a step a problem even when nobody flagged it. */
export const POOR_EXPERIENCE = 2;

/** The weak-link rule: flagged as a weak link, or experienced as poor. */
export function needsFixing(step: Touchpoint): boolean {
  return step.weakLink || (step.experience !== null && step.experience <= POOR_EXPERIENCE);
}

/**
 * The "fix first" order: the steps that need fixing, most important first, then the worse
 * experience first (unscored importance counts as 0, unscored experience as fine).
 */
export function rankFixFirst<T extends { touchpoint: Touchpoint }>(items: readonly T[]): T[] {
  return items
    .filter((item) => needsFixing(item.touchpoint))
    .sort(
      (a, b) =>
        (b.touchpoint.importance ?? 0) - (a.touchpoint.importance ?? 0) ||
        (a.touchpoint.experience ?? 5) - (b.touchpoint.experience ?? 5),
    );
}
export * from './method';
