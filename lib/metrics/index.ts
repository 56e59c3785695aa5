/** Pure journey metrics: the figures the report compares. */
import type { Touchpoint } from '../model';
import { stageOrder } from '../taxonomy';

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
