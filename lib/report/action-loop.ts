/**
 * The action plan's loop (pure): each action's measure before (in the wave of the step it was
 * written on) and after (in the next wave in which the brand was walked), whether it was
 * achieved, and the done actions whose problem came back in that next wave.
 *
 * A computed measure (ActionMeasure) is worked out for the action's brand from its walks in each
 * wave: a standard's pass rate, a checklist item's share of yes, a stage's mean experience. A
 * typed measure is the auditor's own words (baseline, after) and judgement (achieved).
 */
import { translator } from '../i18n';
import { standardsShare, standardsTally } from '../metrics';
import {
  ActionMeasure as ActionMeasureSchema,
  type ActionItem,
  type ActionMeasure,
  type ChecklistTemplate,
  type Standard,
  type Wave,
} from '../model';
import { itemText, stageLabel, standardName, type Locale } from '../taxonomy';
import {
  compareWaves,
  failedItems,
  type PlanItem,
  type ReportBrand,
  type ReportModel,
  type ReportStep,
} from './model';
import { figure, REAUDIT_PRECISION } from './reaudit';
import { stageScore } from './summary';

/** What a computed measure's value is: a share (0–100 %) or a mean experience (1–5). */
export type MeasureUnit = 'percent' | 'experience';

/** A computed measure's value in one wave, and how many observations it is of. */
export interface MeasuredValue {
  value: number | null;
  /** Measurements judged, items answered yes or no, or steps scored. */
  n: number;
}

export type LoopValue =
  | {
      kind: 'computed';
      measure: ActionMeasure;
      unit: MeasureUnit;
      before: MeasuredValue;
      /** null: no later wave walked the brand yet. */
      after: MeasuredValue | null;
    }
  | { kind: 'typed'; metric: string; before: string; after: string };

/** How "achieved" was decided: against the target, by improving on before, or by the auditor. */
export type Judgement = 'target' | 'improvement' | 'auditor';

/** A problem of a done action that shows again in the next wave. */
export type Recurrence =
  | { kind: 'item'; templateId: string; itemId: string }
  | { kind: 'standard'; standardId: string }
  /** The step was a weak link, and the stage has a weak link again. */
  | { kind: 'stage-weak'; stage: string }
  /** The brand's mean experience in the stage went down. */
  | { kind: 'stage-worse'; stage: string; before: number; after: number };

export interface ActionLoopRow {
  plan: PlanItem;
  brandId: string;
  /** The wave of the action's step, and the next one in which the brand was walked. */
  wave: Wave;
  nextWave: Wave | null;
  value: LoopValue;
  /** The target as typed, and as a number when it reads as one (see parseTarget). */
  target: { text: string; value: number | null };
  /** null: not known yet (no value after, or a typed measure not judged). */
  achieved: boolean | null;
  judgedBy: Judgement | null;
  /** Only for done actions with a next wave: what of their problem shows again. */
  cameBack: Recurrence[];
}

export interface ActionLoop {
  /** One per action of the plan, in the plan's order. */
  rows: ActionLoopRow[];
  /** The rows of done actions whose problem came back. */
  cameBack: ActionLoopRow[];
}

/**
 * A target as a number: "95", "95 %", "95%", "4,5", "≥ 4.5", ">= 90 %" (a decimal comma is
 * allowed); null for anything else ("", "95 % of callbacks", "fast").
 */
export function parseTarget(text: string): number | null {
  const match = /^\s*(?:≥|>=|>)?\s*([+-]?\d+(?:[.,]\d+)?)\s*%?\s*$/u.exec(text);
  return match ? Number(match[1]!.replace(',', '.')) : null;
}

/** The checklists and standards a measure's name is looked up in (the audit's method). */
export interface MeasureNames {
  checklists: readonly ChecklistTemplate[];
  standards: readonly Standard[];
}

/**
 * A computed measure in words, e.g. "pass rate of “Callback after a web form”", "share of yes to
 * “…”", "average experience at Contact" (an id when the method no longer has it).
 */
export function measureName(measure: ActionMeasure, names: MeasureNames, locale: Locale): string {
  const t = translator(locale);
  switch (measure.kind) {
    case 'standard': {
      const standard = names.standards.find((s) => s.id === measure.standardId);
      return t('loopMeasureStandard', {
        standard: standard ? standardName(standard, locale) : measure.standardId,
      });
    }
    case 'checklist': {
      const item = names.checklists
        .find((c) => c.id === measure.templateId)
        ?.items.find((i) => i.id === measure.itemId);
      return t('loopMeasureItem', {
        item: item ? itemText(measure.templateId, item, locale) : measure.itemId,
      });
    }
    case 'stage':
      return t('loopMeasureStage', { stage: stageLabel(measure.stage, locale) });
  }
}

/** A measure as the value of a picker's option (and back: measureOfKey). */
export function measureKey(measure: ActionMeasure | undefined): string {
  return measure ? JSON.stringify(measure) : '';
}

/** The measure an option's value stands for; undefined for '' (typed) or anything else. */
export function measureOfKey(key: string): ActionMeasure | undefined {
  if (!key) return undefined;
  try {
    const parsed = ActionMeasureSchema.safeParse(JSON.parse(key));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function unitOf(measure: ActionMeasure): MeasureUnit {
  return measure.kind === 'stage' ? 'experience' : 'percent';
}

/** The step at which a measure's value is shown (and judged): 1 point, or 0.1 of experience. */
function precisionOf(unit: MeasureUnit): number {
  return unit === 'percent' ? REAUDIT_PRECISION.percent : REAUDIT_PRECISION.experience;
}

/** A checklist item's answers on a brand's steps (only where its checklist is shown). */
function itemAnswers(steps: readonly ReportStep[], templateId: string, itemId: string) {
  let yes = 0;
  let no = 0;
  for (const s of steps) {
    const template = s.checklists.find((c) => c.id === templateId);
    if (!template?.items.some((i) => i.id === itemId)) continue;
    const check = s.touchpoint.checks.findLast(
      (c) => c.templateId === templateId && c.itemId === itemId,
    );
    if (check?.answer === 'yes') yes++;
    else if (check?.answer === 'no') no++;
  }
  return { yes, no };
}

/**
 * A computed measure of a brand in one wave: the pass rate of the standard's judged measurements
 * (%), the share of yes of the checklist item among its yes/no answers (%), or the stage's mean
 * experience as the scorecard computes it (summary stageScore: each walk's mean, then the mean).
 */
export function measureValue(measure: ActionMeasure, brand: ReportBrand): MeasuredValue {
  switch (measure.kind) {
    case 'standard': {
      const tally = standardsTally(
        brand.measurements.filter((r) => r.measurement.standardId === measure.standardId),
      );
      return { value: standardsShare(tally), n: tally.measured };
    }
    case 'checklist': {
      const { yes, no } = itemAnswers(brand.steps, measure.templateId, measure.itemId);
      return { value: yes + no ? (100 * yes) / (yes + no) : null, n: yes + no };
    }
    case 'stage': {
      const steps = brand.steps.filter((s) => s.touchpoint.stage === measure.stage);
      return {
        value: stageScore(brand, steps).experience,
        n: steps.filter((s) => s.touchpoint.experience !== null).length,
      };
    }
  }
}

/**
 * Achieved or not for a computed measure (more is better for each): at or above the target when
 * it reads as a number, else better than before; both at the precision shown. null while the
 * value after (or, judged by improvement, before) is unknown.
 */
export function judge(
  unit: MeasureUnit,
  before: number | null,
  after: number | null,
  target: number | null,
): { achieved: boolean | null; judgedBy: Judgement | null } {
  if (after === null) return { achieved: null, judgedBy: null };
  const step = precisionOf(unit);
  if (target !== null)
    return { achieved: Math.round(after / step) >= target / step - 1e-9, judgedBy: 'target' };
  const { direction } = figure(before, after, 'more', step);
  return direction === 'unknown'
    ? { achieved: null, judgedBy: null }
    : { achieved: direction === 'better', judgedBy: 'improvement' };
}

/** What of an action's problem shows again for the brand in the next wave. */
function recurrences(
  action: ActionItem,
  step: ReportStep | undefined,
  before: ReportBrand,
  after: ReportBrand,
): Recurrence[] {
  const out: Recurrence[] = [];
  const items = new Map<string, { templateId: string; itemId: string }>();
  for (const { template, item } of step ? failedItems(step) : [])
    items.set(JSON.stringify([template.id, item.id]), { templateId: template.id, itemId: item.id });
  const standards = new Set(
    (step?.measurements ?? [])
      .filter((r) => r.status === 'fail')
      .map((r) => r.measurement.standardId),
  );
  const stages = new Set(step ? [step.touchpoint.stage] : []);
  // The measure names the problem too, when it was one before.
  const m = action.measure;
  if (m?.kind === 'checklist' && itemAnswers(before.steps, m.templateId, m.itemId).no > 0)
    items.set(JSON.stringify([m.templateId, m.itemId]), m);
  if (
    m?.kind === 'standard' &&
    before.measurements.some(
      (r) => r.measurement.standardId === m.standardId && r.status === 'fail',
    )
  )
    standards.add(m.standardId);
  if (m?.kind === 'stage') stages.add(m.stage);

  for (const { templateId, itemId } of items.values())
    if (itemAnswers(after.steps, templateId, itemId).no > 0)
      out.push({ kind: 'item', templateId, itemId });
  for (const standardId of standards)
    if (
      after.measurements.some((r) => r.measurement.standardId === standardId && r.status === 'fail')
    )
      out.push({ kind: 'standard', standardId });
  for (const stage of stages) {
    const inStage = (b: ReportBrand) => b.steps.filter((s) => s.touchpoint.stage === stage);
    if (
      step?.touchpoint.stage === stage &&
      step.reasons.length > 0 &&
      inStage(after).some((s) => s.reasons.length > 0)
    ) {
      out.push({ kind: 'stage-weak', stage });
      continue;
    }
    const b = stageScore(before, inStage(before)).experience;
    const a = stageScore(after, inStage(after)).experience;
    if (figure(b, a, 'more', REAUDIT_PRECISION.experience).direction === 'worse')
      out.push({ kind: 'stage-worse', stage, before: b!, after: a! });
  }
  return out;
}

/**
 * The loop of every action of the plan: its brand and wave are its step's walk's; its "after" is
 * the next wave of the report's history (same brands and segment) in which the brand was walked.
 */
export function actionLoop(model: Pick<ReportModel, 'actions' | 'history'>): ActionLoop {
  const rows = model.actions.flatMap((plan): ActionLoopRow[] => {
    const { action, journey } = plan;
    const at = model.history.findIndex((h) => h.wave.id === journey.waveId);
    const here = model.history[at];
    const before = here?.brands.find((b) => b.id === journey.brandId);
    if (!here || !before) return [];
    const next = model.history
      .slice(at + 1)
      .filter((h) => compareWaves(h.wave, here.wave) > 0)
      .map((h) => ({ wave: h.wave, brand: h.brands.find((b) => b.id === journey.brandId) }))
      .find((h) => h.brand !== undefined);
    const after = next?.brand ?? null;
    const target = { text: action.target, value: parseTarget(action.target) };
    let value: LoopValue;
    let verdict: { achieved: boolean | null; judgedBy: Judgement | null };
    if (action.measure) {
      const unit = unitOf(action.measure);
      const b = measureValue(action.measure, before);
      const a = after ? measureValue(action.measure, after) : null;
      value = { kind: 'computed', measure: action.measure, unit, before: b, after: a };
      verdict = judge(unit, b.value, a?.value ?? null, target.value);
    } else {
      value = {
        kind: 'typed',
        metric: action.metric,
        before: action.baseline,
        after: action.after ?? '',
      };
      const achieved = action.achieved ?? null;
      verdict = { achieved, judgedBy: achieved === null ? null : 'auditor' };
    }
    const step = before.steps.find((s) => s.touchpoint.id === plan.touchpoint.id);
    return [
      {
        plan,
        brandId: before.id,
        wave: here.wave,
        nextWave: next?.wave ?? null,
        value,
        target,
        ...verdict,
        cameBack: action.status === 'done' && after ? recurrences(action, step, before, after) : [],
      },
    ];
  });
  return { rows, cameBack: rows.filter((r) => r.cameBack.length > 0) };
}
