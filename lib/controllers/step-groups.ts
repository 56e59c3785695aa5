/**
 * The side panel's step list by stage. A group is a run of consecutive steps in one stage, in the
 * walk's order: the list stays the walk as it happened, so a stage the auditor came back to later
 * (contact, then information, then contact again) is two groups, and moving a step up or down
 * only ever changes its place, never its stage. Pure: the panel's view and its controller (which
 * words a move) share it, and unit tests check it with hand-made lists.
 */
import type { Step } from '../model';

/** A run of consecutive steps in one stage. */
export interface StageGroup {
  /**
   * Which run of which stage this is ("contact", second time: `contact\u00001`): stays the same
   * while steps are scored, added at the end or moved within the run (a collapsed group stays
   * collapsed).
   */
  key: string;
  /** The stage's id (a built-in stage) or name (the audit's own). */
  stage: string;
  /** 0 for the first run of this stage in the walk, 1 for the second… */
  occurrence: number;
  /** Index (0-based, in the walk's order) of the run's first step. */
  first: number;
  /** Steps in the run (at least 1). */
  count: number;
  /** Steps of the run with an experience score. */
  scored: number;
  /** Mean experience (1–5) of the scored steps; null when none is scored. */
  score: number | null;
}

type Grouped = Pick<Step, 'stage' | 'experience'>;

/** The runs of `steps` (in the walk's order, sorted by seq), each with its count and mean score. */
export function stageGroups(steps: readonly Grouped[]): StageGroup[] {
  const groups: StageGroup[] = [];
  const seen = new Map<string, number>();
  let sum = 0;
  for (const [i, step] of steps.entries()) {
    let group = groups.at(-1);
    if (!group || group.stage !== step.stage) {
      if (group) group.score = group.scored ? sum / group.scored : null;
      const occurrence = seen.get(step.stage) ?? 0;
      seen.set(step.stage, occurrence + 1);
      group = {
        key: `${step.stage}\u0000${occurrence}`,
        stage: step.stage,
        occurrence,
        first: i,
        count: 0,
        scored: 0,
        score: null,
      };
      groups.push(group);
      sum = 0;
    }
    group.count++;
    if (step.experience !== null) {
      group.scored++;
      sum += step.experience;
    }
  }
  const last = groups.at(-1);
  if (last) last.score = last.scored ? sum / last.scored : null;
  return groups;
}

/** Where a step stands after a move: its new number and its place in its group. */
export interface PlaceInGroup {
  /** The step's number in the walk (1-based). */
  seq: number;
  stage: string;
  /** Its place in its group (1-based) and the group's size. */
  position: number;
  count: number;
}

/**
 * Where step `id` stands in `steps` (in the walk's order): its number, its group's stage, its
 * place in the group. Null when the list does not hold it.
 */
export function placeInGroup(
  steps: readonly (Grouped & { id: string })[],
  id: string,
): PlaceInGroup | null {
  const index = steps.findIndex((s) => s.id === id);
  if (index < 0) return null;
  const group = stageGroups(steps).find((g) => index >= g.first && index < g.first + g.count)!;
  return {
    seq: index + 1,
    stage: group.stage,
    position: index - group.first + 1,
    count: group.count,
  };
}

/** The group holding the step at `index` (0-based) of the list `groups` was made from. */
export function groupAt(groups: readonly StageGroup[], index: number): StageGroup | undefined {
  // Binary search: groups are in order and cover the list without gaps.
  let lo = 0;
  let hi = groups.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const g = groups[mid]!;
    if (index < g.first) hi = mid - 1;
    else if (index >= g.first + g.count) lo = mid + 1;
    else return g;
  }
  return undefined;
}
