/**
 * Pure metrics of the audit method (lib/model/method.ts): which checklists a step shows, checklist
 * compliance, service-standard measurements and the standards met, weak links with their reasons,
 * the change in the likelihood to choose the brand, and overdue actions. No labels here: callers
 * word the results.
 */
import type {
  ActionItem,
  ChecklistTemplate,
  Measurement,
  Standard,
  TimeUnit,
  Step,
} from '../model';

const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Checklists and compliance

/** The fields of a step that decide which checklists it shows. */
export type ChecklistStep = Pick<Step, 'typeId' | 'stage' | 'checklists' | 'checks'>;

/**
 * The checklists a step shows, in the templates' order and each once: the non-hidden templates
 * of its type or stage or added to it by hand, plus any template the step already has an answer
 * for (answers stay visible after the template is hidden or the step's type changes); answers
 * "from the page" not yet confirmed do not count here.
 */
export function applicableChecklists(
  step: ChecklistStep,
  templates: readonly ChecklistTemplate[],
): ChecklistTemplate[] {
  // A page's answer the auditor has not confirmed does not make its checklist show: captures
  // pre-answer every checklist's items, before the step's type is chosen.
  const answered = new Set(step.checks.filter((c) => c.source !== 'page').map((c) => c.templateId));
  const added = new Set(step.checklists);
  const seen = new Set<string>();
  return templates.filter((t) => {
    if (seen.has(t.id)) return false;
    const shown =
      answered.has(t.id) ||
      (!t.hidden &&
        ((step.typeId !== null && t.types.includes(step.typeId)) ||
          t.stages.includes(step.stage) ||
          added.has(t.id)));
    if (shown) seen.add(t.id);
    return shown;
  });
}

/** Checklist compliance of one step or of several pooled together. */
export interface Compliance {
  /** Items answered yes / no / not applicable, and items of the shown checklists not answered. */
  yes: number;
  no: number;
  na: number;
  unanswered: number;
  /** Sum of the weights of the items answered yes. */
  yesWeight: number;
  /** Sum of the weights of the items answered yes or no. */
  answeredWeight: number;
  /** 100 × yesWeight / answeredWeight; null when no item is answered yes or no. */
  percent: number | null;
  /** Critical items answered no. */
  failedCritical: { templateId: string; itemId: string }[];
}

const compliancePercent = (yesWeight: number, answeredWeight: number): number | null =>
  answeredWeight > 0 ? (100 * yesWeight) / answeredWeight : null;

/**
 * Compliance of a step over the items of its applicable checklists (weighted: an item counts
 * with its weight). N/A and unanswered items are left out of the percentage; an answer whose
 * template or item no longer exists is ignored; of two answers to one item the later one counts.
 */
export function stepCompliance(
  step: ChecklistStep,
  templates: readonly ChecklistTemplate[],
): Compliance {
  const answers = new Map(step.checks.map((c) => [`${c.templateId} ${c.itemId}`, c.answer]));
  const result: Compliance = {
    yes: 0,
    no: 0,
    na: 0,
    unanswered: 0,
    yesWeight: 0,
    answeredWeight: 0,
    percent: null,
    failedCritical: [],
  };
  for (const template of applicableChecklists(step, templates)) {
    for (const item of template.items) {
      switch (answers.get(`${template.id} ${item.id}`)) {
        case 'yes':
          result.yes++;
          result.yesWeight += item.weight;
          result.answeredWeight += item.weight;
          break;
        case 'no':
          result.no++;
          result.answeredWeight += item.weight;
          if (item.critical)
            result.failedCritical.push({ templateId: template.id, itemId: item.id });
          break;
        case 'na':
          result.na++;
          break;
        default:
          result.unanswered++;
      }
    }
  }
  result.percent = compliancePercent(result.yesWeight, result.answeredWeight);
  return result;
}

/**
 * Several compliances pooled into one (a journey, a brand, a stage): counts and weights add up,
 * so the percentage is weighted over all items, not an average of the parts' percentages.
 */
export function combineCompliance(list: readonly Compliance[]): Compliance {
  let yes = 0;
  let no = 0;
  let na = 0;
  let unanswered = 0;
  let yesWeight = 0;
  let answeredWeight = 0;
  for (const c of list) {
    yes += c.yes;
    no += c.no;
    na += c.na;
    unanswered += c.unanswered;
    yesWeight += c.yesWeight;
    answeredWeight += c.answeredWeight;
  }
  return {
    yes,
    no,
    na,
    unanswered,
    yesWeight,
    answeredWeight,
    percent: compliancePercent(yesWeight, answeredWeight),
    failedCritical: list.flatMap((c) => c.failedCritical),
  };
}

// ---------------------------------------------------------------------------------------------
// Service standards

const UNIT_MS: Record<Exclude<TimeUnit, 'working-days'>, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: DAY_MS,
};

/** Milliseconds in a standard's limit (a working day counts as 24 h of weekday time). */
export function standardLimitMs(standard: Pick<Standard, 'target' | 'unit'>): number {
  const unit = standard.unit === 'working-days' ? DAY_MS : UNIT_MS[standard.unit];
  return Math.round(standard.target * unit);
}

/** Cumulative count of Mon–Fri days among days [0, n) since 1970-01-01 (a Thursday), any sign. */
const WORKING_BEFORE = [0, 1, 2, 2, 2, 3, 4, 5];
function workingDaysBefore(day: number): number {
  const weeks = Math.floor(day / 7);
  return weeks * 5 + (WORKING_BEFORE[day - weeks * 7] ?? 0);
}

/** Working milliseconds from local time 0 to local time `local` (an antiderivative, any sign). */
function workingMsBefore(local: number): number {
  let day = Math.floor(local / DAY_MS);
  if (local - day * DAY_MS < 0) day--;
  else if (local - day * DAY_MS >= DAY_MS) day++;
  const dayStart = day * DAY_MS;
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  const today = weekday >= 1 && weekday <= 5 ? local - dayStart : 0;
  return workingDaysBefore(day) * DAY_MS + today;
}

/**
 * The milliseconds between `start` and `end` that fall on a Monday to Friday, days taken in the
 * time zone `utcOffsetMinutes` east of UTC (the extension passes -new Date().getTimezoneOffset()).
 * 0 when end ≤ start.
 */
export function workingMsBetween(start: number, end: number, utcOffsetMinutes = 0): number {
  if (end <= start) return 0;
  const shift = utcOffsetMinutes * 60_000;
  return workingMsBefore(end + shift) - workingMsBefore(start + shift);
}

export type MeasurementStatus = 'running' | 'pass' | 'fail' | 'unknown';

/** A measurement judged against its standard. */
export interface MeasurementResult {
  measurement: Measurement;
  /** undefined: the standard was deleted. */
  standard: Standard | undefined;
  /**
   * running: the timer has no end yet and is still within the limit (a running timer already past
   * it is 'fail' with `running` set); unknown: the standard, the end step or the time is missing
   * or the end comes before the start.
   */
  status: MeasurementStatus;
  /** A 'between' timer with no end step yet, still counting (never set when status is unknown). */
  running: boolean;
  /** The time counted against the limit (working time for working-day standards); null if unknown. */
  measuredMs: number | null;
  limitMs: number | null;
  /** The measured step (the answer, or the step a duration was entered on) if it still exists. */
  endStepId: string | null;
}

/**
 * Judges a measurement: 'between' runs from the start step's time (or `startedAt` once that step
 * is deleted) to the end step's time, or to `now` while running; 'duration' is the entered time.
 * Passes when the measured time is at most the limit. For working-day standards only the time on
 * Mondays to Fridays counts (in the zone `utcOffsetMinutes`; an entered duration counts whole).
 */
export function evaluateMeasurement(
  m: Measurement,
  standard: Standard | undefined,
  stepsById: ReadonlyMap<string, Pick<Step, 'id' | 'at'>>,
  now: number,
  utcOffsetMinutes = 0,
): MeasurementResult {
  const endStep = m.endStepId === null ? undefined : stepsById.get(m.endStepId);
  const base = { measurement: m, standard, endStepId: endStep?.id ?? null };
  const unknown = (): MeasurementResult => ({
    ...base,
    status: 'unknown',
    running: false,
    measuredMs: null,
    limitMs: standard ? standardLimitMs(standard) : null,
  });
  if (!standard) return unknown();
  const limitMs = standardLimitMs(standard);

  let measuredMs: number;
  let running = false;
  if (standard.measure === 'duration') {
    if (m.durationMs === null) return unknown();
    measuredMs = m.durationMs;
  } else {
    const start = measurementStart(m, stepsById);
    let end: number;
    if (m.endStepId === null) {
      running = true;
      // A start later than now (a contact time typed ahead) has not begun to count yet.
      end = Math.max(now, start);
    } else {
      if (!endStep) return unknown();
      if (endStep.at < start) return unknown();
      end = endStep.at;
    }
    measuredMs =
      standard.unit === 'working-days'
        ? workingMsBetween(start, end, utcOffsetMinutes)
        : end - start;
  }
  const within = measuredMs <= limitMs;
  return {
    ...base,
    status: within ? (running ? 'running' : 'pass') : 'fail',
    running,
    measuredMs,
    limitMs,
  };
}

/** When a measurement's time starts: its start step's time, or `startedAt` once it is gone. */
export function measurementStart(
  m: Pick<Measurement, 'startStepId' | 'startedAt'>,
  stepsById: ReadonlyMap<string, Pick<Step, 'at'>>,
): number {
  return (m.startStepId === null ? undefined : stepsById.get(m.startStepId))?.at ?? m.startedAt;
}

/**
 * A running timer as the panel's clock shows it at `now`: the time since `start` (never below 0)
 * and whether that is past its standard's limit (none once the standard is removed).
 */
export function timerAt(
  result: Pick<MeasurementResult, 'limitMs'>,
  start: number,
  now: number,
): { elapsedMs: number; over: boolean } {
  const elapsedMs = Math.max(0, now - start);
  return { elapsedMs, over: result.limitMs !== null && elapsedMs > result.limitMs };
}

/** Every measurement of a journey judged; standards are looked up by id (missing: deleted). */
export function evaluateMeasurements(
  measurements: readonly Measurement[],
  standards: readonly Standard[],
  steps: readonly Pick<Step, 'id' | 'at'>[],
  now: number,
  utcOffsetMinutes = 0,
): MeasurementResult[] {
  const byId = new Map(standards.map((s) => [s.id, s]));
  const stepsById = new Map(steps.map((s) => [s.id, s]));
  return measurements.map((m) =>
    evaluateMeasurement(m, byId.get(m.standardId), stepsById, now, utcOffsetMinutes),
  );
}

/** Standards measured (finished: passed or failed) and how many of them were met. */
export interface StandardsTally {
  met: number;
  measured: number;
}

/**
 * The standards-met tally of judged measurements: passed and failed ones are measured (a running
 * timer already past its limit has failed); running ones within their limit and unknown ones not.
 */
export function standardsTally(
  results: readonly Pick<MeasurementResult, 'status'>[],
): StandardsTally {
  let met = 0;
  let measured = 0;
  for (const { status } of results) {
    if (status !== 'pass' && status !== 'fail') continue;
    measured++;
    if (status === 'pass') met++;
  }
  return { met, measured };
}

/** The share of measured standards that were met, 0–100; null when none was measured. */
export function standardsShare(tally: StandardsTally): number | null {
  return tally.measured ? (100 * tally.met) / tally.measured : null;
}

// ---------------------------------------------------------------------------------------------
// Weak links

/** An experience this low (1–5) makes a step a weak link even when nobody flagged it. */
export const POOR_EXPERIENCE = 2;

/** Why a step is a weak link. */
export type WeakReason =
  | { kind: 'flagged' }
  | { kind: 'poor-experience'; experience: number }
  | { kind: 'critical-item'; templateId: string; itemId: string }
  | { kind: 'standard'; measurementId: string; standardId: string };

/** What the weak-link rule needs besides the step: the method's checklists and judged standards. */
export interface WeakContext {
  templates: readonly ChecklistTemplate[];
  /** Judged measurements (of any journeys: they are matched to the step by its id). */
  results: readonly MeasurementResult[];
}

/** The fields of a step the weak-link rule reads. */
export type WeakStep = ChecklistStep & Pick<Step, 'id' | 'weakLink' | 'experience'>;

/**
 * Why a step is a weak link, in this order: flagged by the auditor; a poor experience (≤
 * POOR_EXPERIENCE); each critical item of its applicable checklists answered no; each finished,
 * failed and not excused measurement whose measured step (end step) it is.
 */
export function weakReasons(step: WeakStep, ctx: WeakContext): WeakReason[] {
  const reasons: WeakReason[] = [];
  if (step.weakLink) reasons.push({ kind: 'flagged' });
  if (step.experience !== null && step.experience <= POOR_EXPERIENCE)
    reasons.push({ kind: 'poor-experience', experience: step.experience });
  for (const failed of stepCompliance(step, ctx.templates).failedCritical)
    reasons.push({ kind: 'critical-item', ...failed });
  for (const r of ctx.results) {
    if (r.status !== 'fail' || r.running || r.measurement.excused || r.endStepId !== step.id)
      continue;
    reasons.push({
      kind: 'standard',
      measurementId: r.measurement.id,
      standardId: r.measurement.standardId,
    });
  }
  return reasons;
}

/** The method's weak-link rule: the step has at least one weak reason. */
export function isWeak(step: WeakStep, ctx: WeakContext): boolean {
  return weakReasons(step, ctx).length > 0;
}

/** How much fixing a step is worth: importance × experience gap (5 − experience), 0 if unscored. */
export function fixPriority(step: Pick<Step, 'importance' | 'experience'>): number {
  return (step.importance ?? 0) * (5 - (step.experience ?? 5));
}

/**
 * The "fix first" order with the method's weak-link rule (isWeak): the weak steps by importance ×
 * experience gap, then the more important, then the worse experience first (unscored importance
 * counts as 0, unscored experience as fine — such a step is weak for another reason, and listed
 * after the scored ones).
 */
export function methodRankFixFirst<T extends { touchpoint: Step }>(
  items: readonly T[],
  ctx: WeakContext,
): T[] {
  return items
    .filter((item) => isWeak(item.touchpoint, ctx))
    .sort(
      (a, b) =>
        fixPriority(b.touchpoint) - fixPriority(a.touchpoint) ||
        (b.touchpoint.importance ?? 0) - (a.touchpoint.importance ?? 0) ||
        (a.touchpoint.experience ?? 5) - (b.touchpoint.experience ?? 5),
    );
}

// ---------------------------------------------------------------------------------------------
// Likelihood to choose, time to goal

/**
 * How each step changed the likelihood to choose the brand: per step id, its likelihood minus
 * that of the closest earlier step (by seq) that has one. null for unscored steps and for the
 * first scored step.
 */
export function likelihoodImpact(
  steps: readonly Pick<Step, 'id' | 'seq' | 'likelihood'>[],
): Map<string, number | null> {
  const impact = new Map<string, number | null>();
  let previous: number | null = null;
  for (const step of [...steps].sort((a, b) => a.seq - b.seq)) {
    if (step.likelihood === null) {
      impact.set(step.id, null);
      continue;
    }
    impact.set(step.id, previous === null ? null : step.likelihood - previous);
    previous = step.likelihood;
  }
  return impact;
}

/** Milliseconds from the earliest to the latest step; null with fewer than two steps. */
export function journeySpan(steps: readonly Pick<Step, 'at'>[]): number | null {
  if (steps.length < 2) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const { at } of steps) {
    if (at < min) min = at;
    if (at > max) max = at;
  }
  return max - min;
}

// ---------------------------------------------------------------------------------------------
// Actions

/**
 * Whether an action is overdue: not done, and its whole due day (from local midnight `due`) is
 * over. An action without a due date is never overdue.
 */
export function isOverdue(action: Pick<ActionItem, 'due' | 'status'>, now: number): boolean {
  return action.status !== 'done' && action.due !== null && now >= action.due + DAY_MS;
}

/** Earlier due date first, no due date last. */
function compareDue(a: number | null, b: number | null): number {
  if (a === null || b === null) return Number(a === null) - Number(b === null);
  return a - b;
}

/** The actions not done yet: overdue first, then by due date (none last), then oldest first. */
export function openActions<T extends Pick<ActionItem, 'due' | 'status' | 'createdAt'>>(
  actions: readonly T[],
  now: number,
): T[] {
  return actions
    .filter((a) => a.status !== 'done')
    .map((action) => ({ action, overdue: isOverdue(action, now) }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        compareDue(a.action.due, b.action.due) ||
        a.action.createdAt - b.action.createdAt,
    )
    .map(({ action }) => action);
}
