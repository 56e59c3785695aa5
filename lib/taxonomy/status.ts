/**
 * The customer's status at each stage (seeds: touches "are analysed only until the sale" — a
 * common mistake): prospect, customer, former customer. Pure functions.
 */
import type { AuditMethod } from '../model';
import {
  isStageId,
  STAGE_IDS,
  STAGES,
  STATUS_GROUPS,
  type Locale,
  type StatusGroup,
} from './stages-and-channels';
import { methodStageOrder } from './method';

/** The statuses in the customer's order. */
export const STATUS_ORDER = Object.keys(STATUS_GROUPS) as StatusGroup[];

/** The status a stage nobody placed belongs to: that of the last built-in stage. */
const LAST_STATUS: StatusGroup = STAGES[STAGE_IDS[STAGE_IDS.length - 1]!].group;

/**
 * The customer's status at a stage: a built-in stage's own; a custom stage's `status`, else that
 * of the built-in stage it follows (`after`), else the last built-in stage's. A stage the method
 * does not know (a custom stage since removed) is treated like one that follows none.
 */
export function stageStatus(
  stage: string,
  method: Pick<AuditMethod, 'stages'> | undefined,
): StatusGroup {
  if (isStageId(stage)) return STAGES[stage].group;
  const custom = method?.stages.find((entry) => entry.name === stage);
  if (custom?.status) return custom.status;
  const after = custom?.after;
  return after && isStageId(after) ? STAGES[after].group : LAST_STATUS;
}

export function statusLabel(status: StatusGroup, locale: Locale): string {
  return STATUS_GROUPS[status][locale];
}

/** Sort rank of a status (prospect 0, customer 1, former 2). */
export function statusRank(status: StatusGroup): number {
  return STATUS_ORDER.indexOf(status);
}

/** Items (in their order) under their status: statuses in the customer's order, empty ones left out. */
export function groupByStatus<T>(
  items: readonly T[],
  stageOf: (item: T) => string,
  method: Pick<AuditMethod, 'stages'> | undefined,
): { status: StatusGroup; items: T[] }[] {
  return STATUS_ORDER.map((status) => ({
    status,
    items: items.filter((item) => stageStatus(stageOf(item), method) === status),
  })).filter((group) => group.items.length > 0);
}

/**
 * The report's order of stages: by status (prospect, customer, former), then in the audit's
 * lifecycle order (methodStageOrder), then by name. A custom stage whose status differs from that
 * of the stage it follows moves to its status.
 */
export function compareStages(a: string, b: string, method: AuditMethod | undefined): number {
  return (
    statusRank(stageStatus(a, method)) - statusRank(stageStatus(b, method)) ||
    methodStageOrder(a, method) - methodStageOrder(b, method) ||
    a.localeCompare(b)
  );
}
