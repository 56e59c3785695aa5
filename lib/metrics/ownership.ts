/**
 * Who owns a touchpoint (Aaker: controlled by the organisation, or by another unit or a partner),
 * and what fixing it costs. Pure: the report, the CSV, the slides and the side panel all resolve a
 * step's owner and a step's effort here.
 */
import type { ActionItem, Control, Ownership, Step, TouchpointType } from '../model';

/** Where a step's owner comes from: the step says so, or its touchpoint type does. */
export type OwnerSource = 'step' | 'type';

export interface ResolvedOwner extends Ownership {
  from: OwnerSource;
}

/**
 * The owner of a step: the step's own (Step.owner), else its type's (TouchpointType.owner), else
 * null (no owner said). A type the method no longer has gives none.
 */
export function resolveOwner(
  step: Pick<Step, 'owner' | 'typeId'>,
  typesById: ReadonlyMap<string, Pick<TouchpointType, 'owner'>>,
): ResolvedOwner | null {
  if (step.owner) return { ...step.owner, from: 'step' };
  const type = step.typeId === null ? undefined : typesById.get(step.typeId);
  return type?.owner ? { ...type.owner, from: 'type' } : null;
}

/** The types of a method by id (for resolveOwner). */
export function typesById<T extends Pick<TouchpointType, 'id'>>(
  types: readonly T[],
): Map<string, T> {
  return new Map(types.map((type) => [type.id, type]));
}

/** The key two spellings of one department share: trimmed, inner spaces collapsed, any case. */
export function departmentKey(department: string): string {
  return department.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** A department name as typed, made storable: trimmed and with inner runs of spaces collapsed. */
export function cleanDepartment(text: string): { value: string; changed: boolean } {
  const value = text.trim().replace(/\s+/g, ' ');
  return { value, changed: value !== text };
}

/**
 * The departments already used in an audit (by types and steps), each once in its first
 * spelling, sorted by name: what a department field offers.
 */
export function usedDepartments(
  owners: Iterable<Pick<Ownership, 'department'> | undefined | null>,
): string[] {
  const seen = new Map<string, string>();
  for (const owner of owners) {
    const name = owner?.department.trim();
    if (!name) continue;
    const key = departmentKey(name);
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export const CONTROLS: readonly Control[] = ['own', 'partner', 'third-party'];

// ---------------------------------------------------------------------------------------------
// Effort: what fixing a step takes

export type Effort = NonNullable<ActionItem['effort']>;
export const EFFORTS: readonly Effort[] = ['S', 'M', 'L'];

/**
 * How much an effort weighs when a step's worth is divided by it. Each size is about twice the
 * one before (a day, a week or two, a project), so S = 1, M = 2, L = 4.
 */
export const EFFORT_WEIGHT: Record<Effort, number> = { S: 1, M: 2, L: 4 };

/** What fixing a step is estimated to take: its cheapest open action's effort, the lowest cost. */
export interface StepEstimate {
  /** The smallest effort of its open actions (null: none of them has one). */
  effort: Effort | null;
  /** The lowest cost of its open actions (null: none of them has one). */
  cost: number | null;
  /** Open actions (not done) of the step. */
  open: number;
}

/**
 * A step's estimate from its actions: only open ones (not done) count, ideas never do. The
 * effort is the smallest S/M/L given; the cost the lowest given. Nothing is assumed when none is
 * given (a step with no estimate is not an S).
 */
export function stepEstimate(
  actions: readonly Pick<ActionItem, 'kind' | 'status' | 'effort' | 'cost'>[],
): StepEstimate {
  let effort: Effort | null = null;
  let cost: number | null = null;
  let open = 0;
  for (const action of actions) {
    if (action.kind !== 'action' || action.status === 'done') continue;
    open += 1;
    const e = action.effort ?? null;
    if (e !== null && (effort === null || EFFORT_WEIGHT[e] < EFFORT_WEIGHT[effort])) effort = e;
    const c = action.cost ?? null;
    if (c !== null && (cost === null || c < cost)) cost = c;
  }
  return { effort, cost, open };
}
