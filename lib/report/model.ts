/** The report model: a pure function of the database contents (testable in Node). */
import {
  combineCompliance,
  evaluateMeasurements,
  averageOf,
  journeyKpis,
  likelihoodImpact,
  medianOf,
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
  type Brand,
  type BrandRole,
  type Wave,
  type ChecklistItem,
  type ChecklistTemplate,
  type Journey,
  type ReportSettings,
  type Screenshot,
  type Standard,
  type Step,
  type TouchpointType,
} from '../model';
import { compareStages, resolveChecklists, resolveStandards, resolveTypes } from '../taxonomy';
import { resolveCategories, resolveChannels } from '../taxonomy';
import type { CategoryEntry, ChannelEntry } from '../model';

export const REPORT_FORMAT_VERSION = 2;

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

/** One walk in the report: a journey with its brand, wave, steps and figures. */
export interface ReportJourney {
  journey: Journey;
  brand: Brand;
  wave: Wave;
  steps: ReportStep[];
  kpis: JourneyKpis;
  /** Checklist compliance of the whole journey (weights pooled over every answered item). */
  compliance: Compliance;
  /** Every measurement of the journey (running timers included). */
  measurements: MeasurementResult[];
  /** Standards met of those measured on the journey (lib/metrics standardsTally). */
  standards: StandardsTally;
}

/** A brand's key figures over its walks in a wave (see brandKpis for how each is pooled). */
export interface BrandKpis extends JourneyKpis {
  /** How many walks the figures are of (n). */
  walks: number;
}

/** How the walks of a brand in a wave ended. */
export interface OutcomeCounts {
  reached: number;
  abandoned: number;
  blocked: number;
  inProgress: number;
}

/**
 * A brand in one wave: the column the report compares. Its figures pool its walks in the wave
 * (the drill-down lists each walk with its own figures).
 */
export interface ReportBrand {
  /** The brand's id (the column's key everywhere in the report). */
  id: string;
  brand: Brand;
  /** Its walks in the wave, by creation. */
  walks: ReportJourney[];
  /** The walks' steps, walk after walk, each walk's in order. */
  steps: ReportStep[];
  kpis: BrandKpis;
  /** Checklist compliance pooled over every answered item of every walk. */
  compliance: Compliance;
  measurements: MeasurementResult[];
  /** Standards met of those measured, over every walk. */
  standards: StandardsTally;
  outcomes: OutcomeCounts;
  /** Every walk stopped short (abandoned or blocked): ranked last, never "best". */
  stopped: boolean;
  /** The key figures mark it for the fewest touches (see fewestTouches). */
  fewestTouches: boolean;
}

/** What the report compares: a wave, brands, a segment (null: the default, see buildReport). */
export interface ReportSelection {
  waveId: string | null;
  /** Brands shown (null: every brand with a walk in the wave). */
  brandIds: readonly string[] | null;
  /** Only walks of this persona (trimmed; null: every persona). */
  persona: string | null;
  /** Only walks entered by this channel (null: every channel). */
  /** A channel id (built-in or the audit's own); null: every entry channel. */
  entryChannel: string | null;
}

export const DEFAULT_SELECTION: ReportSelection = {
  waveId: null,
  brandIds: null,
  persona: null,
  entryChannel: null,
};

/**
 * Which columns have the fewest touches, one flag per column in order. Only columns that got
 * there compete (at least one step, not stopped short: stopping short is no win), and only when
 * two or more do; ties are all marked.
 */
export function fewestTouches(
  columns: readonly { stopped: boolean; kpis: Pick<JourneyKpis, 'touches'> }[],
): boolean[] {
  const competes = columns.map((j) => j.kpis.touches > 0 && !j.stopped);
  const touches = columns.filter((_, i) => competes[i]).map((j) => j.kpis.touches);
  const fewest = Math.min(...touches);
  return columns.map((j, i) => competes[i]! && touches.length > 1 && j.kpis.touches === fewest);
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

/** One lifecycle stage across the compared brands: the steps of each (its walks pooled), or none. */
export interface StageRow {
  stage: string;
  /** One cell per brand of the comparison, in its order. */
  cells: ReportStep[][];
}

/** An own-brand step that needs fixing, with its journey (the report's "fix first" list). */
export interface FixFirstItem extends ReportStep {
  journey: Journey;
  /** 1-based rank: most important first, then the worse experience. */
  rank: number;
}

/** The brands of one wave compared: its walks, the brand columns and the stage rows. */
export interface WaveComparison {
  wave: Wave;
  walks: ReportJourney[];
  brands: ReportBrand[];
  stages: StageRow[];
}

export interface ReportModel {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  generatedAt: number;
  /**
   * The auditor's key that signs the exported file (its fingerprint is printed in the method
   * section; docs/report-manifest.md). Set by the export only.
   */
  signer?: { fingerprint: string };
  /** What goes in (sections, images) and the consultant's conclusions; steps left out are gone. */
  settings: ReportSettings;
  audit: Audit;
  /** The comparison as chosen, with the wave resolved (null only when no wave has a walk). */
  selection: ReportSelection;
  /** Every wave of the audit (by start), for the wave picker. */
  allWaves: Wave[];
  /** Every brand of the audit (own first), for the brand picker. */
  allBrands: Brand[];
  /** The wave compared (null: no walk in any wave). */
  wave: Wave | null;
  /** The chosen brands' walks in the wave that match the segment: the drill-down. */
  journeys: ReportJourney[];
  /** The compared brands (own first, then competitors, then benchmarks, each by name). */
  brands: ReportBrand[];
  stages: StageRow[];
  /** The chosen brands' walks in the wave whatever their persona or entry channel (segments). */
  segmentWalks: ReportJourney[];
  /**
   * Blind scorings (Journey.blindOf) of the compared walks, by creation: in no brand's figures,
   * only in calibration between auditors.
   */
  blindWalks: ReportJourney[];
  /** Every wave with walks of the chosen brands and segment, by start: the waves over time. */
  history: WaveComparison[];
  /** The steps to fix first (lib/metrics methodRankFixFirst), shared by the report page, HTML and CSV. */
  fixFirst: FixFirstItem[];
  /** The audit's method, resolved (built-ins with the audit's changes). */
  method: {
    types: TouchpointType[];
    checklists: ChecklistTemplate[];
    standards: Standard[];
    /** Mann's categories and the channels as the audit changed them (labels resolve through them). */
    categories: CategoryEntry[];
    channels: ChannelEntry[];
  };
  /**
   * Actions of the chosen brands' steps in every wave up to the one compared (the plan is the
   * audit's), by owner, then due date (done ones last per owner).
   */
  actions: PlanItem[];
  /** Ideas to borrow (of the compared walks, usually competitors' and benchmarks'). */
  ideas: PlanItem[];
  /** Checklist compliance per brand (its walks pooled), in total and per stage. */
  compliance: BrandCompliance[];
  /** Other brands' steps worth borrowing from: their wow steps and steps with ideas. */
  borrow: (ReportStep & { journey: Journey })[];
}

export interface BrandCompliance {
  brandId: string;
  brand: Brand;
  total: Compliance;
  /** By stage (the report's stage rows); stages where the brand answered nothing are absent. */
  byStage: Record<string, Compliance>;
}

const ROLE_ORDER: Record<BrandRole, number> = { own: 0, competitor: 1, benchmark: 2 };

/** Own brand first, then competitors, then benchmarks; by name, then creation. */
export function compareBrands(a: Brand, b: Brand): number {
  return (
    ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
    a.name.localeCompare(b.name) ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Waves by start, then creation. */
export function compareWaves(a: Wave, b: Wave): number {
  return a.start - b.start || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A brand's key figures over its walks. Each walk weighs the same: experience is the mean of the
 * walks' mean experience, likelihood the mean of their final likelihoods. Touches and time are
 * medians over the walks that did not stop short (every walk when all did: the brand is then
 * ranked as stopped). Weak links, wows and scored steps are counted over all walks.
 */
export function brandKpis(walks: readonly ReportJourney[]): BrandKpis {
  const going = walks.filter((w) => !stoppedShort(w.journey) && w.kpis.touches > 0);
  const timed = going.length ? going : walks;
  return {
    walks: walks.length,
    touches: medianOf(timed.map((w) => w.kpis.touches)) ?? 0,
    elapsedMs: medianOf(timed.map((w) => w.kpis.elapsedMs)),
    averageExperience: averageOf(walks.map((w) => w.kpis.averageExperience)),
    scoredSteps: walks.reduce((sum, w) => sum + w.kpis.scoredSteps, 0),
    weakLinks: walks.reduce((sum, w) => sum + w.kpis.weakLinks, 0),
    wows: walks.reduce((sum, w) => sum + w.kpis.wows, 0),
    finalLikelihood: averageOf(walks.map((w) => w.kpis.finalLikelihood)),
  };
}

function outcomeCounts(walks: readonly ReportJourney[]): OutcomeCounts {
  const count = (o: Journey['outcome']) => walks.filter((w) => w.journey.outcome === o).length;
  return {
    reached: count('goal-reached'),
    abandoned: count('abandoned'),
    blocked: count('blocked'),
    inProgress: count(null),
  };
}

/** The brand columns and stage rows of a set of walks (one wave). */
export function compareBrandsOf(
  walks: readonly ReportJourney[],
  method: Audit['method'],
): { brands: ReportBrand[]; stages: StageRow[] } {
  const byBrand = new Map<string, ReportJourney[]>();
  for (const w of walks) byBrand.set(w.brand.id, [...(byBrand.get(w.brand.id) ?? []), w]);
  const columns = [...byBrand.values()]
    .sort((a, b) => compareBrands(a[0]!.brand, b[0]!.brand))
    .map((list) => {
      const own = [...list].sort(
        (a, b) =>
          a.journey.createdAt - b.journey.createdAt || (a.journey.id < b.journey.id ? -1 : 1),
      );
      const measurements = own.flatMap((w) => w.measurements);
      return {
        id: own[0]!.brand.id,
        brand: own[0]!.brand,
        walks: own,
        steps: own.flatMap((w) => w.steps),
        kpis: brandKpis(own),
        compliance: combineCompliance(own.map((w) => w.compliance)),
        measurements,
        standards: standardsTally(measurements),
        outcomes: outcomeCounts(own),
        stopped: own.every((w) => stoppedShort(w.journey)),
      };
    });
  const fewest = fewestTouches(columns);
  const brands: ReportBrand[] = columns.map((c, i) => ({ ...c, fewestTouches: fewest[i]! }));
  const stages = [...new Set(brands.flatMap((b) => b.steps.map((s) => s.touchpoint.stage)))]
    .sort((a, b) => compareStages(a, b, method))
    .map((stage) => ({
      stage,
      cells: brands.map((b) => b.steps.filter((s) => s.touchpoint.stage === stage)),
    }));
  return { brands, stages };
}

/** The wave a report compares by default: the latest (by start) with a walk; null if none. */
export function defaultWaveId(snapshot: Pick<AuditSnapshot, 'waves' | 'journeys'>): string | null {
  const walked = new Set(snapshot.journeys.map((j) => j.waveId));
  return (
    [...snapshot.waves]
      .sort(compareWaves)
      .filter((w) => walked.has(w.id))
      .at(-1)?.id ?? null
  );
}

/**
 * Builds the comparison: the chosen brands' walks in the chosen wave (default: the latest with
 * walks) that match the segment, pooled per brand; the same for every wave (waves over time).
 * Steps left out by the auditor are not in the report at all (figures included). Journeys whose
 * brand or wave is missing from the snapshot are left out. Blind scorings of a walk (blindOf) are
 * in no brand's figures: those of the compared walks are `blindWalks`, for calibration.
 */
export function buildReport(
  snapshot: AuditSnapshot,
  choice: Partial<ReportSelection>,
  now: number,
  /** The reader's time zone, for working-day standards. */
  utcOffsetMinutes = 0,
): ReportModel {
  const brandsById = new Map(snapshot.brands.map((b) => [b.id, b]));
  const wavesById = new Map(snapshot.waves.map((w) => [w.id, w]));
  const allWaves = [...snapshot.waves].sort(compareWaves);
  const waveId =
    choice.waveId && wavesById.has(choice.waveId) ? choice.waveId : defaultWaveId(snapshot);
  const selection: ReportSelection = {
    waveId,
    brandIds: choice.brandIds ?? null,
    persona: choice.persona?.trim() || null,
    entryChannel: choice.entryChannel ?? null,
  };
  const shownBrand = selection.brandIds ? new Set(selection.brandIds) : null;
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
    categories: resolveCategories(snapshot.audit.method),
    channels: resolveChannels(snapshot.audit.method),
  };
  const actionsByStep = new Map<string, ActionItem[]>();
  for (const action of [...snapshot.actionItems].sort((a, b) => a.createdAt - b.createdAt))
    actionsByStep.set(action.touchpointId, [
      ...(actionsByStep.get(action.touchpointId) ?? []),
      action,
    ]);
  const settings = snapshot.audit.report ?? DEFAULT_REPORT_SETTINGS;
  const excluded = new Set(settings.excludedSteps);
  const stepsByJourney = new Map<string, Step[]>();
  for (const t of snapshot.touchpoints) {
    if (excluded.has(t.id)) continue;
    stepsByJourney.set(t.journeyId, [...(stepsByJourney.get(t.journeyId) ?? []), t]);
  }
  const walk = (journey: Journey, brand: Brand, wave: Wave): ReportJourney => {
    const touchpoints = (stepsByJourney.get(journey.id) ?? []).sort((a, b) => a.seq - b.seq);
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
      brand,
      wave,
      steps,
      kpis: journeyKpis(touchpoints, ctx),
      compliance: combineCompliance(steps.map((s) => s.compliance)),
      measurements: results,
      standards: standardsTally(results),
    };
  };
  // Every walk of the chosen brands, in every wave (segment filters apply below). Blind scorings
  // of a walk are no walk of a brand: they count in no figure, only in calibration (below).
  const everyWalk: ReportJourney[] = [];
  const blind: Journey[] = [];
  for (const journey of [...snapshot.journeys].sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  )) {
    const brand = brandsById.get(journey.brandId);
    const wave = wavesById.get(journey.waveId);
    if (!brand || !wave || (shownBrand && !shownBrand.has(brand.id))) continue;
    if (journey.blindOf !== undefined) blind.push(journey);
    else everyWalk.push(walk(journey, brand, wave));
  }
  const inSegment = (w: ReportJourney) =>
    (selection.persona === null || w.journey.persona.trim() === selection.persona) &&
    (selection.entryChannel === null || w.journey.entryChannel === selection.entryChannel);
  const history = allWaves.flatMap((wave) => {
    const walks = everyWalk.filter((w) => w.wave.id === wave.id && inSegment(w));
    return walks.length ? [{ wave, walks, ...compareBrandsOf(walks, snapshot.audit.method) }] : [];
  });
  const wave = waveId ? wavesById.get(waveId)! : null;
  const current = history.find((h) => h.wave.id === waveId);
  const journeys = current?.walks ?? [];
  const compared = new Set(journeys.map((w) => w.journey.id));
  const blindWalks = blind
    .filter((j) => compared.has(j.blindOf!))
    .map((j) => walk(j, brandsById.get(j.brandId)!, wavesById.get(j.waveId)!));
  const brands = current?.brands ?? [];
  const stages = current?.stages ?? [];
  // The client's to-do list: the own brand's weak steps only (competitors' faults are not ours to
  // fix; their strengths are ideas to borrow, below).
  const fixFirst = methodRankFixFirst(
    brands
      .filter((b) => b.brand.role === 'own')
      .flatMap((b) => b.walks)
      .flatMap(({ journey, steps }) => steps.map((step) => ({ ...step, journey }))),
    {
      templates: method.checklists,
      results: journeys.flatMap((j) => j.measurements),
    },
  ).map((item, i) => ({ ...item, rank: i + 1 }));
  const planOf = (walks: readonly ReportJourney[]) =>
    walks.flatMap(({ journey, steps }) =>
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
  const upTo = wave ? history.filter((h) => compareWaves(h.wave, wave) <= 0) : [];
  const actions = planOf(upTo.flatMap((h) => h.walks))
    .filter((p) => p.action.kind === 'action')
    .sort(byOwner);
  const compliance = brands.map((b) => {
    const byStage: Record<string, Compliance> = {};
    for (const { stage } of stages) {
      const here = combineCompliance(
        b.steps.filter((s) => s.touchpoint.stage === stage).map((s) => s.compliance),
      );
      if (here.percent !== null) byStage[stage] = here;
    }
    return { brandId: b.id, brand: b.brand, total: b.compliance, byStage };
  });
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: now,
    settings,
    audit: snapshot.audit,
    selection,
    allWaves,
    allBrands: [...snapshot.brands].sort(compareBrands),
    wave,
    journeys,
    brands,
    stages,
    segmentWalks: everyWalk.filter((w) => w.wave.id === waveId),
    blindWalks,
    history,
    fixFirst,
    method,
    actions,
    ideas: planOf(journeys).filter((p) => p.action.kind === 'idea'),
    borrow: journeys
      .filter(({ brand }) => brand.role !== 'own')
      .flatMap(({ journey, steps }) =>
        steps
          .filter((s) => s.touchpoint.wow || s.actions.some((a) => a.kind === 'idea'))
          .map((step) => ({ ...step, journey })),
      ),
    compliance,
  };
}
