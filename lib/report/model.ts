/** The report model: a pure function of the database contents (testable in Node). */
import {
  combineCompliance,
  evaluateMeasurements,
  journeyKpis,
  likelihoodImpact,
  methodRankFixFirst,
  isOverdue,
  standardsTally,
  stepCompliance,
  stoppedShort,
  weakReasons,
  applicableChecklists,
  type Compliance,
  type JourneyKpis,
  type MeasurementResult,
  type StandardsTally,
  type WeakReason,
} from '../metrics';
import {
  DEFAULT_REPORT_SETTINGS,
  type ActionItem,
  type Audit,
  type AuditSnapshot,
  type ChecklistItem,
  type ChecklistTemplate,
  type Journey,
  type ReportSettings,
  type Screenshot,
  type Standard,
  type Step,
  type TouchpointType,
} from '../model';
import { methodStageOrder, resolveChecklists, resolveStandards, resolveTypes } from '../taxonomy';

export const REPORT_FORMAT_VERSION = 1;

export interface ReportStep {
  touchpoint: Step;
  screenshots: Screenshot[];
  /** The checklists shown on the step and how it complied with them. */
  checklists: ChecklistTemplate[];
  compliance: Compliance;
  /** Why it is a weak link (flagged, poor experience, a failed critical item or standard). */
  reasons: WeakReason[];
  /** Change of likelihood to choose from the previous step that had one. */
  impact: number | null;
  /** Standards measured on this step (the answer, or the step a duration was entered on). */
  measurements: MeasurementResult[];
  actions: ActionItem[];
}

export interface ReportJourney {
  journey: Journey;
  steps: ReportStep[];
  kpis: JourneyKpis;
  /** Checklist compliance of the whole journey (weights pooled over every answered item). */
  compliance: Compliance;
  /** Every measurement of the journey (running timers included). */
  measurements: MeasurementResult[];
  /** Standards met of those measured on the journey (lib/metrics standardsTally). */
  standards: StandardsTally;
  /** The key figures mark it for the fewest touches (see fewestTouches). */
  fewestTouches: boolean;
}

/**
 * Which journeys have the fewest touches, one flag per journey in order. Only journeys that got
 * there compete (at least one step, not abandoned or blocked: stopping short is no win), and only
 * when two or more do; ties are all marked.
 */
export function fewestTouches(
  journeys: readonly { journey: Pick<Journey, 'outcome'>; kpis: Pick<JourneyKpis, 'touches'> }[],
): boolean[] {
  const competes = journeys.map((j) => j.kpis.touches > 0 && !stoppedShort(j.journey));
  const touches = journeys.filter((_, i) => competes[i]).map((j) => j.kpis.touches);
  const fewest = Math.min(...touches);
  return journeys.map((j, i) => competes[i]! && touches.length > 1 && j.kpis.touches === fewest);
}

/**
 * The items a step answered no, of the checklists it shows, in checklist and item order (the
 * failed items the report and the CSV list).
 */
export function failedItems(
  step: Pick<ReportStep, 'checklists' | 'touchpoint'>,
): { template: ChecklistTemplate; item: ChecklistItem }[] {
  const no = new Set(
    step.touchpoint.checks
      .filter((c) => c.answer === 'no')
      .map((c) => `${c.templateId}\u0000${c.itemId}`),
  );
  return step.checklists.flatMap((template) =>
    template.items
      .filter((item) => no.has(`${template.id}\u0000${item.id}`))
      .map((item) => ({ template, item })),
  );
}

/** An action or idea with the step it belongs to (the report's action plan). */
export interface PlanItem {
  action: ActionItem;
  journey: Journey;
  touchpoint: Step;
  overdue: boolean;
}

/** One lifecycle stage across the compared journeys: the steps of each, or none (missing). */
export interface StageRow {
  stage: string;
  cells: ReportStep[][];
}

/** An own-brand step that needs fixing, with its journey (the report's "fix first" list). */
export interface FixFirstItem extends ReportStep {
  journey: Journey;
  /** 1-based rank: most important first, then the worse experience. */
  rank: number;
}

export interface ReportModel {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  generatedAt: number;
  /** What goes in (sections, images) and the consultant's conclusions; steps left out are gone. */
  settings: ReportSettings;
  audit: Audit;
  journeys: ReportJourney[];
  stages: StageRow[];
  /** The steps to fix first (lib/metrics methodRankFixFirst), shared by the report page, HTML and CSV. */
  fixFirst: FixFirstItem[];
  /** The audit's method, resolved (built-ins with the audit's changes). */
  method: { types: TouchpointType[]; checklists: ChecklistTemplate[]; standards: Standard[] };
  /** Actions of the chosen journeys' steps, by owner, then due date (done ones last per owner). */
  actions: PlanItem[];
  /** Ideas to borrow (from any journey, usually competitors'). */
  ideas: PlanItem[];
  /** Checklist compliance per brand (its chosen journeys pooled), in total and per stage. */
  compliance: BrandCompliance[];
  /** Competitors' steps worth borrowing from: their wow steps and steps with ideas. */
  borrow: (ReportStep & { journey: Journey })[];
}

export interface BrandCompliance {
  brandName: string;
  brandRole: Journey['brandRole'];
  total: Compliance;
  /** By stage (the report's stage rows); stages where the brand answered nothing are absent. */
  byStage: Record<string, Compliance>;
}

/**
 * Builds the comparison of the chosen journeys (own brand first, then competitors, each in the
 * order chosen). Unknown journey ids are ignored.
 */
export function buildReport(
  snapshot: AuditSnapshot,
  journeyIds: readonly string[],
  now: number,
  /** The reader's time zone, for working-day standards. */
  utcOffsetMinutes = 0,
): ReportModel {
  const byId = new Map(snapshot.journeys.map((j) => [j.id, j]));
  const chosen = journeyIds
    .map((id) => byId.get(id))
    .filter((j): j is Journey => j !== undefined)
    .sort((a, b) => Number(a.brandRole !== 'own') - Number(b.brandRole !== 'own'));
  const shotsByStep = new Map<string, Screenshot[]>();
  for (const shot of [...snapshot.screenshots].sort(
    (a, b) => a.createdAt - b.createdAt || a.part - b.part,
  )) {
    shotsByStep.set(shot.touchpointId, [...(shotsByStep.get(shot.touchpointId) ?? []), shot]);
  }
  const method = {
    types: resolveTypes(snapshot.audit.method),
    checklists: resolveChecklists(snapshot.audit.method),
    standards: resolveStandards(snapshot.audit.method),
  };
  const actionsByStep = new Map<string, ActionItem[]>();
  for (const action of [...snapshot.actionItems].sort((a, b) => a.createdAt - b.createdAt))
    actionsByStep.set(action.touchpointId, [
      ...(actionsByStep.get(action.touchpointId) ?? []),
      action,
    ]);
  const settings = snapshot.audit.report ?? DEFAULT_REPORT_SETTINGS;
  const excluded = new Set(settings.excludedSteps);
  const walked = chosen.map((journey) => {
    // Steps left out by the auditor are not in the report at all (figures included).
    const touchpoints = snapshot.touchpoints
      .filter((t) => t.journeyId === journey.id && !excluded.has(t.id))
      .sort((a, b) => a.seq - b.seq);
    const results = evaluateMeasurements(
      journey.measurements,
      method.standards,
      touchpoints,
      now,
      utcOffsetMinutes,
    );
    const impacts = likelihoodImpact(touchpoints);
    const ctx = { templates: method.checklists, results };
    const steps = touchpoints.map((touchpoint) => ({
      touchpoint,
      screenshots: shotsByStep.get(touchpoint.id) ?? [],
      checklists: applicableChecklists(touchpoint, method.checklists),
      compliance: stepCompliance(touchpoint, method.checklists),
      reasons: weakReasons(touchpoint, ctx),
      impact: impacts.get(touchpoint.id) ?? null,
      measurements: results.filter((r) => !r.running && r.endStepId === touchpoint.id),
      actions: actionsByStep.get(touchpoint.id) ?? [],
    }));
    return {
      journey,
      steps,
      kpis: journeyKpis(touchpoints, ctx),
      compliance: combineCompliance(steps.map((s) => s.compliance)),
      measurements: results,
      standards: standardsTally(results),
    };
  });
  const fewest = fewestTouches(walked);
  const journeys: ReportJourney[] = walked.map((j, i) => ({ ...j, fewestTouches: fewest[i]! }));
  const stages = [...new Set(journeys.flatMap((j) => j.steps.map((s) => s.touchpoint.stage)))]
    .sort(
      (a, b) =>
        methodStageOrder(a, snapshot.audit.method) - methodStageOrder(b, snapshot.audit.method) ||
        a.localeCompare(b),
    )
    .map((stage) => ({
      stage,
      cells: journeys.map((j) => j.steps.filter((s) => s.touchpoint.stage === stage)),
    }));
  // The client's to-do list: the own brand's weak steps only (competitors' faults are not ours to
  // fix; their strengths are ideas to borrow, below).
  const fixFirst = methodRankFixFirst(
    journeys
      .filter(({ journey }) => journey.brandRole === 'own')
      .flatMap(({ journey, steps }) => steps.map((step) => ({ ...step, journey }))),
    {
      templates: method.checklists,
      results: journeys.flatMap((j) => j.measurements),
    },
  ).map((item, i) => ({ ...item, rank: i + 1 }));
  const plan = journeys.flatMap(({ journey, steps }) =>
    steps.flatMap(({ touchpoint, actions }) =>
      actions.map((action) => ({
        action,
        journey,
        touchpoint,
        overdue: action.kind === 'action' && isOverdue(action, now),
      })),
    ),
  );
  // The plan by owner (no owner last), then by due date (none last), done ones last per owner.
  const byOwner = (a: PlanItem, b: PlanItem) =>
    Number(!a.action.owner) - Number(!b.action.owner) ||
    a.action.owner.localeCompare(b.action.owner) ||
    Number(a.action.status === 'done') - Number(b.action.status === 'done') ||
    (a.action.due ?? Infinity) - (b.action.due ?? Infinity) ||
    a.action.createdAt - b.action.createdAt;
  const actions = plan.filter((p) => p.action.kind === 'action').sort(byOwner);
  const brands = new Map<string, ReportJourney[]>();
  for (const j of journeys) {
    const key = `${j.journey.brandRole}\u0000${j.journey.brandName}`;
    brands.set(key, [...(brands.get(key) ?? []), j]);
  }
  const compliance = [...brands.values()].map((list) => {
    const steps = list.flatMap((j) => j.steps);
    const byStage: Record<string, Compliance> = {};
    for (const { stage } of stages) {
      const here = combineCompliance(
        steps.filter((s) => s.touchpoint.stage === stage).map((s) => s.compliance),
      );
      if (here.percent !== null) byStage[stage] = here;
    }
    return {
      brandName: list[0]!.journey.brandName,
      brandRole: list[0]!.journey.brandRole,
      total: combineCompliance(steps.map((s) => s.compliance)),
      byStage,
    };
  });
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: now,
    settings,
    audit: snapshot.audit,
    journeys,
    stages,
    fixFirst,
    method,
    actions,
    ideas: plan.filter((p) => p.action.kind === 'idea'),
    borrow: journeys
      .filter(({ journey }) => journey.brandRole === 'competitor')
      .flatMap(({ journey, steps }) =>
        steps
          .filter((s) => s.touchpoint.wow || s.actions.some((a) => a.kind === 'idea'))
          .map((step) => ({ ...step, journey })),
      ),
    compliance,
  };
}
