/**
 * Who owns what, and what to fix for the least (#16 points 3 and 4). Pure, from the report model:
 *
 * - the action plan rolled up by department (the resolved owner of each step, lib/metrics
 *   resolveOwner): actions open / in progress / done and overdue, weak links, steps and their
 *   mean experience, the control split own / partner / third party; steps with no owner together;
 * - the ranking that counts the cost (Aaker, step 4: weak, matters, and cost-effective to fix):
 *   importance × experience gap ÷ effort weight (S 1, M 2, L 4), steps with no estimate apart;
 * - quick wins: steps that matter (outside the priority matrix's low-priority corner) whose
 *   cheapest open action is small (S).
 *
 * Only the own brand's steps of the compared walks count (competitors' faults are not the
 * client's to fix); actions are the plan's (lib/report/model `actions`).
 */
import { fixPriority } from '../metrics';
import {
  EFFORT_WEIGHT,
  departmentKey,
  resolveOwner,
  stepEstimate,
  typesById,
  type Effort,
  type ResolvedOwner,
} from '../metrics/ownership';
import { formatNumber, type Translate } from '../i18n';
import type { ActionItem, Control, Journey, Ownership } from '../model';
import type { Locale } from '../taxonomy';
import { quadrantOf, type Quadrant } from './charts';
import type { ReportModel, ReportStep } from './model';

/** A step of the own brand with its walk and its resolved owner. */
export interface OwnedStep extends ReportStep {
  journey: Journey;
  owner: ResolvedOwner | null;
}

/** The own brand's steps of the compared walks, walk after walk, each with its owner. */
export function ownSteps(model: ReportModel): OwnedStep[] {
  const types = typesById(model.method.types);
  return model.brands
    .filter((b) => b.brand.role === 'own')
    .flatMap((b) => b.walks)
    .flatMap(({ journey, steps }) =>
      steps.map((step) => ({
        ...step,
        journey,
        owner: resolveOwner(step.touchpoint, types),
      })),
    );
}

// --- Departments ------------------------------------------------------------------------------

/**
 * A row of the roll-up: a named department, owners with no department named ('unnamed': a control
 * said, no department), or steps with no owner at all ('none').
 */
export type DepartmentKind = 'named' | 'unnamed' | 'none';

export interface DepartmentRow {
  kind: DepartmentKind;
  /** The department as first spelt ('' unless named). */
  department: string;
  /** Own-brand steps it owns (in the compared walks). */
  steps: number;
  /** Of them, weak links. */
  weak: number;
  /** Of them, scored for experience. */
  scored: number;
  /** Their mean experience (null: none scored). */
  meanExperience: number | null;
  /** The steps by who controls them (a step with no owner in none). */
  control: Record<Control, number>;
  /** Actions on its steps (the plan: the own brand's, up to the compared wave). */
  actions: { open: number; inProgress: number; done: number; overdue: number };
}

export interface DepartmentRollup {
  rows: DepartmentRow[];
  /** Every row added up (mean experience over every scored step). */
  total: DepartmentRow;
}

const emptyRow = (kind: DepartmentKind, department: string): DepartmentRow => ({
  kind,
  department,
  steps: 0,
  weak: 0,
  scored: 0,
  meanExperience: null,
  control: { own: 0, partner: 0, 'third-party': 0 },
  actions: { open: 0, inProgress: 0, done: 0, overdue: 0 },
});

const KIND_ORDER: Record<DepartmentKind, number> = { named: 0, unnamed: 1, none: 2 };

/**
 * The plan by department. Rows: named departments (the most weak links first, then the most
 * steps, then by name), then owners with no department named, then no owner. A department that
 * owns only actions of steps from earlier waves still gets a row (its step counts are 0).
 */
export function departmentRollup(model: ReportModel): DepartmentRollup {
  const types = typesById(model.method.types);
  const rows = new Map<string, DepartmentRow>();
  const sums = new Map<DepartmentRow, number>();
  const rowOf = (owner: ResolvedOwner | null): DepartmentRow => {
    const name = owner?.department.trim() ?? '';
    const kind: DepartmentKind = !owner ? 'none' : name ? 'named' : 'unnamed';
    const key = kind === 'named' ? `d:${departmentKey(name)}` : kind;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(kind, kind === 'named' ? name : '')));
    return row;
  };
  for (const step of ownSteps(model)) {
    const row = rowOf(step.owner);
    row.steps += 1;
    if (step.reasons.length > 0) row.weak += 1;
    if (step.owner) row.control[step.owner.control] += 1;
    const experience = step.touchpoint.experience;
    if (experience !== null) {
      row.scored += 1;
      sums.set(row, (sums.get(row) ?? 0) + experience);
    }
  }
  const roles = new Map(model.allBrands.map((b) => [b.id, b.role]));
  for (const plan of model.actions) {
    if (roles.get(plan.journey.brandId) !== 'own') continue;
    const row = rowOf(resolveOwner(plan.touchpoint, types));
    const status = plan.action.status;
    if (status === 'open') row.actions.open += 1;
    else if (status === 'in-progress') row.actions.inProgress += 1;
    else row.actions.done += 1;
    if (plan.overdue) row.actions.overdue += 1;
  }
  const total = emptyRow('named', '');
  let totalSum = 0;
  for (const row of rows.values()) {
    const sum = sums.get(row) ?? 0;
    row.meanExperience = row.scored ? sum / row.scored : null;
    totalSum += sum;
    total.steps += row.steps;
    total.weak += row.weak;
    total.scored += row.scored;
    for (const c of Object.keys(total.control) as Control[]) total.control[c] += row.control[c];
    for (const a of Object.keys(total.actions) as (keyof DepartmentRow['actions'])[])
      total.actions[a] += row.actions[a];
  }
  total.meanExperience = total.scored ? totalSum / total.scored : null;
  return {
    rows: [...rows.values()].sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        b.weak - a.weak ||
        b.steps - a.steps ||
        a.department.localeCompare(b.department),
    ),
    total,
  };
}

// --- Priority that counts the cost ----------------------------------------------------------------

/** A step worth fixing, with what fixing it takes. */
export interface CostItem extends OwnedStep {
  /** importance × experience gap (lib/metrics fixPriority). */
  value: number;
  /** The cheapest open action's effort (null: not estimated). */
  effort: Effort | null;
  /** The lowest cost of its open actions (null: none given). */
  cost: number | null;
  /** value ÷ effort weight (null: not estimated). */
  score: number | null;
  /** 1-based; steps with the same score share a rank (null: not estimated). */
  rank: number | null;
  /** Where the step falls in the priority matrix. */
  quadrant: Quadrant;
}

export interface CostRanking {
  /** Steps with an effort, by score, then value, then the lower cost. */
  ranked: CostItem[];
  /** Steps worth fixing with no effort given (a cost alone does not rank them), by value. */
  unestimated: CostItem[];
}

/**
 * The ranking by importance × gap ÷ effort. Candidates: own-brand steps with importance and
 * experience scored and a gap (value > 0) that are weak links or have an open action. A step's
 * effort is its cheapest open action's (lib/metrics stepEstimate); a step with none is never
 * taken for an S: it is listed apart, by value.
 */
export function costRanking(model: ReportModel): CostRanking {
  const items: CostItem[] = [];
  for (const step of ownSteps(model)) {
    const value = fixPriority(step.touchpoint);
    const estimate = stepEstimate(step.actions);
    if (value <= 0 || (step.reasons.length === 0 && estimate.open === 0)) continue;
    items.push({
      ...step,
      value,
      effort: estimate.effort,
      cost: estimate.cost,
      score: estimate.effort === null ? null : value / EFFORT_WEIGHT[estimate.effort],
      rank: null,
      quadrant: quadrantOf(step.touchpoint.importance ?? 0, 5 - (step.touchpoint.experience ?? 5)),
    });
  }
  const byCost = (a: CostItem, b: CostItem) => (a.cost ?? Infinity) - (b.cost ?? Infinity);
  const ranked = items
    .filter((item) => item.score !== null)
    .sort((a, b) => b.score! - a.score! || b.value - a.value || byCost(a, b));
  for (const item of ranked) item.rank = 1 + ranked.filter((o) => o.score! > item.score!).length;
  const unestimated = items
    .filter((item) => item.score === null)
    .sort((a, b) => b.value - a.value || byCost(a, b));
  return { ranked, unestimated };
}

/**
 * Quick wins: ranked steps whose cheapest open action is small (S) and that matter (outside the
 * matrix's low-priority corner: importance 6–10 or a gap of 3–4), the most worth first, then the
 * lowest cost.
 */
export function quickWins(ranking: CostRanking): CostItem[] {
  return ranking.ranked
    .filter((item) => item.effort === 'S' && item.quadrant !== 'low-priority')
    .sort(
      (a, b) =>
        b.value - a.value || (a.cost ?? Infinity) - (b.cost ?? Infinity) || a.rank! - b.rank!,
    );
}

/** The open actions of a step that make its estimate (the cheapest first). */
export function openActions(actions: readonly ActionItem[]): ActionItem[] {
  return actions
    .filter((a) => a.kind === 'action' && a.status !== 'done')
    .sort(
      (a, b) =>
        (a.effort ? EFFORT_WEIGHT[a.effort] : Infinity) -
          (b.effort ? EFFORT_WEIGHT[b.effort] : Infinity) ||
        (a.cost ?? Infinity) - (b.cost ?? Infinity),
    );
}

// --- Words ----------------------------------------------------------------------------------------

/** "Sales (ours)", "department not named (partner)"; `none` when there is no owner. */
export function ownerText(
  owner: Pick<Ownership, 'department' | 'control'> | null | undefined,
  t: Translate,
  none = t('noOwner'),
): string {
  if (!owner) return none;
  return t('ownOwnerText', {
    department: owner.department.trim() || t('ownOwnerNoDepartment'),
    control: t(`ownControlIs_${owner.control}`),
  });
}

/** A cost as the reader writes numbers, without decimals when it has none ("12 500", "99.5"). */
export function costText(cost: number, locale: Locale): string {
  return formatNumber(cost, locale, Number.isInteger(cost) ? 0 : 2);
}

/** A department row's name in the reader's language. */
export function departmentName(row: Pick<DepartmentRow, 'kind' | 'department'>, t: Translate) {
  return row.kind === 'named'
    ? row.department
    : t(row.kind === 'unnamed' ? 'ownersRowUnnamed' : 'ownersRowNone');
}
