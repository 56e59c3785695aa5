/** The report model: a pure function of the database contents (testable in Node). */
import { alignedStages, journeyKpis, rankFixFirst, type JourneyKpis } from '../metrics';
import type { Audit, AuditSnapshot, Journey, Screenshot, Touchpoint } from '../model';

export const REPORT_FORMAT_VERSION = 1;

export interface ReportStep {
  touchpoint: Touchpoint;
  screenshots: Screenshot[];
}

export interface ReportJourney {
  journey: Journey;
  steps: ReportStep[];
  kpis: JourneyKpis;
}

/** One lifecycle stage across the compared journeys: the steps of each, or none (missing). */
export interface StageRow {
  stage: string;
  cells: ReportStep[][];
}

/** A step that needs fixing, with its journey (the report's "fix first" list). */
export interface FixFirstItem extends ReportStep {
  journey: Journey;
  /** 1-based rank: most important first, then the worse experience. */
  rank: number;
}

export interface ReportModel {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  generatedAt: number;
  audit: Audit;
  journeys: ReportJourney[];
  stages: StageRow[];
  /** The steps to fix first (lib/metrics rankFixFirst), shared by the report page, HTML and CSV. */
  fixFirst: FixFirstItem[];
}

/**
 * Builds the comparison of the chosen journeys (own brand first, then competitors, each in the
 * order chosen). Unknown journey ids are ignored.
 */
export function buildReport(
  snapshot: AuditSnapshot,
  journeyIds: readonly string[],
  now: number,
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
  const journeys = chosen.map((journey) => {
    const steps = snapshot.touchpoints
      .filter((t) => t.journeyId === journey.id)
      .sort((a, b) => a.seq - b.seq)
      .map((touchpoint) => ({ touchpoint, screenshots: shotsByStep.get(touchpoint.id) ?? [] }));
    return { journey, steps, kpis: journeyKpis(steps.map((s) => s.touchpoint)) };
  });
  const stages = alignedStages(journeys.map((j) => j.steps.map((s) => s.touchpoint))).map(
    (stage) => ({
      stage,
      cells: journeys.map((j) => j.steps.filter((s) => s.touchpoint.stage === stage)),
    }),
  );
  const fixFirst = rankFixFirst(
    journeys.flatMap(({ journey, steps }) => steps.map((step) => ({ ...step, journey }))),
  ).map((item, i) => ({ ...item, rank: i + 1 }));
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: now,
    audit: snapshot.audit,
    journeys,
    stages,
    fixFirst,
  };
}
