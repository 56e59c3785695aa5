/** A journey's key figures, as the report compares them (pure). */
import type { Journey, Step } from '../model';
import { isWeak, journeySpan, type WeakContext } from './method';

/** Abandoned or blocked: the walk stopped short of the goal (its touches and time are no win). */
export function stoppedShort(journey: Pick<Journey, 'outcome'>): boolean {
  return journey.outcome === 'abandoned' || journey.outcome === 'blocked';
}

/** The mean of the values that are there (an unscored step is a gap, not a zero); null for none. */
export function averageOf(values: readonly (number | null)[]): number | null {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (value === null) continue;
    sum += value;
    count++;
  }
  return count ? sum / count : null;
}

/**
 * The median of the values that are there (the mean of the middle two for an even count); null
 * for none. Used for a brand's touches and time over its walks: one long walk does not drag it.
 */
export function medianOf(values: readonly (number | null)[]): number | null {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface JourneyKpis {
  /** Number of touches (steps) from first to last. */
  touches: number;
  /** Milliseconds from the first to the last step; null with fewer than two steps. */
  elapsedMs: number | null;
  /** Mean experience score (1–5) of the scored steps; null when none is scored. */
  averageExperience: number | null;
  scoredSteps: number;
  /** Steps that are weak links by the method's rule (isWeak). */
  weakLinks: number;
  wows: number;
  /** Likelihood to choose the brand after the last step that has one. */
  finalLikelihood: number | null;
}

/** A journey's key figures; its weak links judged by the method's rule with `ctx`. */
export function journeyKpis(steps: readonly Step[], ctx: WeakContext): JourneyKpis {
  const scored = steps.filter((s) => s.experience !== null);
  const likelihoods = [...steps].sort((a, b) => a.seq - b.seq).filter((s) => s.likelihood !== null);
  return {
    touches: steps.length,
    elapsedMs: journeySpan(steps),
    averageExperience: averageOf(steps.map((s) => s.experience)),
    scoredSteps: scored.length,
    weakLinks: steps.filter((s) => isWeak(s, ctx)).length,
    wows: steps.filter((s) => s.wow).length,
    finalLikelihood: likelihoods.at(-1)?.likelihood ?? null,
  };
}
