/**
 * What a manager asks of the report, computed from the report model (pure): who wins each
 * lifecycle stage and by how much, how the brands rank overall, and the findings worth a line
 * in the executive summary.
 */
import { averageOf, standardsShare, standardsTally, type StandardsTally } from '../metrics';
import type { Brand } from '../model';
import { blindSpots, largestBlindSpot, type ExpectationTarget } from './blind-spots';
import { inventoryGaps, reportInventory } from './inventory';
import type { ReportBrand, ReportModel, ReportStep } from './model';

/** One brand's figures in one stage (its walks in the wave). */
export interface StageScore {
  brandId: string;
  steps: number;
  /**
   * Mean experience (1–5): each walk's mean of its scored steps here, then the mean of the walks
   * (each walk weighs the same); null when none is scored.
   */
  experience: number | null;
  /**
   * Experience weighted by importance (unscored importance weighs 1), per walk, then the mean of
   * the walks; null when none is scored.
   */
  weighted: number | null;
  /** Checklist compliance % (weights pooled); null when nothing was answered. */
  compliance: number | null;
  /** Standards measured on the stage's steps, and met. */
  standards: StandardsTally;
}

export interface StageScorecard {
  stage: string;
  /** One per compared brand, in the report's order (steps 0 when it has none in this stage). */
  scores: StageScore[];
  /** The brand with the best importance-weighted experience here (null: nothing scored). */
  winnerId: string | null;
  /**
   * The best competitor's weighted experience minus the own brand's (> 0: we are behind). Only
   * another brand of role competitor counts: never the own brand, never a benchmark.
   */
  ownGap: number | null;
  /** The competitor the gap is measured against. */
  rivalId: string | null;
}

/** Importance-weighted mean experience of scored steps (unscored importance weighs 1). */
function weightedExperience(steps: readonly ReportStep[]): number | null {
  const scored = steps.filter((s) => s.touchpoint.experience !== null);
  const weight = (s: ReportStep) => s.touchpoint.importance ?? 1;
  const totalWeight = scored.reduce((sum, s) => sum + weight(s), 0);
  return totalWeight
    ? scored.reduce((sum, s) => sum + weight(s) * s.touchpoint.experience!, 0) / totalWeight
    : null;
}

/** A brand's figures over `steps` (its walks' steps in one stage). */
export function stageScore(
  brand: Pick<ReportBrand, 'id'>,
  steps: readonly ReportStep[],
): StageScore {
  const byWalk = new Map<string, ReportStep[]>();
  for (const s of steps)
    byWalk.set(s.touchpoint.journeyId, [...(byWalk.get(s.touchpoint.journeyId) ?? []), s]);
  const walks = [...byWalk.values()];
  const answered = steps.reduce((sum, s) => sum + s.compliance.answeredWeight, 0);
  const yes = steps.reduce((sum, s) => sum + s.compliance.yesWeight, 0);
  return {
    brandId: brand.id,
    steps: steps.length,
    experience: averageOf(walks.map((w) => averageOf(w.map((s) => s.touchpoint.experience)))),
    weighted: averageOf(walks.map(weightedExperience)),
    compliance: answered ? (100 * yes) / answered : null,
    standards: standardsTally(steps.flatMap((s) => s.measurements)),
  };
}

/** The own brand the report measures gaps for: the first of role own (null: none compared). */
export function ownBrand(model: Pick<ReportModel, 'brands'>): ReportBrand | null {
  return model.brands.find((b) => b.brand.role === 'own') ?? null;
}

/** Per stage row of the report: every brand's figures, the winner and the own brand's gap. */
export function stageScorecards(model: ReportModel): StageScorecard[] {
  const own = ownBrand(model);
  const role = new Map(model.brands.map((b) => [b.id, b.brand.role]));
  return model.stages.map((row) => {
    const scores = model.brands.map((brand, i) => stageScore(brand, row.cells[i] ?? []));
    const ranked = scores
      .filter((s) => s.weighted !== null)
      .sort(
        (a, b) =>
          b.weighted! - a.weighted! ||
          (b.experience ?? 0) - (a.experience ?? 0) ||
          (b.compliance ?? -1) - (a.compliance ?? -1),
      );
    const ownScore = own && scores.find((s) => s.brandId === own.id);
    const bestRival = ranked.find((s) => role.get(s.brandId) === 'competitor');
    const gap =
      ownScore && ownScore.weighted !== null && bestRival
        ? bestRival.weighted! - ownScore.weighted
        : null;
    return {
      stage: row.stage,
      scores,
      winnerId: ranked[0]?.brandId ?? null,
      ownGap: gap,
      rivalId: gap === null ? null : bestRival!.brandId,
    };
  });
}

/** A brand's place in the league table (its walks in the wave pooled). */
export interface LeagueRow {
  brandId: string;
  brand: Brand;
  /** How many walks the row is of. */
  walks: number;
  /** 0–100: the mean of the parts that were measured (see `parts`); null when none was. */
  score: number | null;
  parts: {
    experience: number | null;
    compliance: number | null;
    standards: number | null;
    likelihood: number | null;
  };
  /** Every walk abandoned or blocked: ranked after every brand that did not stop short, never "best". */
  stopped: boolean;
  rank: number;
}

/**
 * The league table: each brand's composite score — the mean of its average experience (as % of
 * 5), checklist compliance, share of standards met and final likelihood to choose (as % of 10),
 * over the parts that were measured, each pooled over its walks (see brandKpis). Brands whose
 * every walk was abandoned or blocked come after the others whatever their score.
 */
export function leagueTable(model: ReportModel): LeagueRow[] {
  const rows = model.brands.map((j) => {
    const parts = {
      experience:
        j.kpis.averageExperience === null ? null : ((j.kpis.averageExperience - 1) / 4) * 100,
      compliance: j.compliance.percent,
      standards: standardsShare(j.standards),
      likelihood: j.kpis.finalLikelihood === null ? null : j.kpis.finalLikelihood * 10,
    };
    const values = Object.values(parts).filter((v): v is number => v !== null);
    return {
      brandId: j.id,
      brand: j.brand,
      walks: j.walks.length,
      score: averageOf(values),
      parts,
      stopped: j.stopped,
      rank: 0,
    };
  });
  rows.sort((a, b) => Number(a.stopped) - Number(b.stopped) || (b.score ?? -1) - (a.score ?? -1));
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}

/** One line of the executive summary, as data (the view words it in the reader's language). */
export type Finding =
  | { kind: 'stage-wins'; brandId: string; stages: string[]; of: number }
  | { kind: 'gap'; stage: string; gap: number; leaderId: string }
  | { kind: 'lead'; stage: string; lead: number; rivalId: string }
  | {
      kind: 'standard-failed';
      journeyId: string;
      standardId: string;
      seq: number;
      measuredMs: number;
    }
  | { kind: 'critical-failed'; journeyId: string; templateId: string; itemId: string; seq: number }
  | {
      /** Touchpoints other brands have (walked or exist) and the own brand lacks or did not check. */
      kind: 'inventory-absent' | 'inventory-unchecked';
      brandId: string;
      /** In the inventory's order; `have`: the brands that have it. */
      gaps: { typeId: string; have: string[] }[];
    }
  | { kind: 'moved-choice'; journeyId: string; seq: number; change: number }
  | {
      kind: 'blind-spot';
      target: ExpectationTarget;
      expected: number;
      found: number;
      brandId: string;
    };

/** How many gaps and likelihood movers the summary names. */
const SUMMARY_TOP = 3;

/**
 * The findings the data supports: the stages each brand wins; the own brand's largest gaps to the
 * best competitor; the standards and critical checklist items the own brand failed; the steps
 * (of any brand) that moved the likelihood to choose the most.
 */
export function findings(model: ReportModel, cards = stageScorecards(model)): Finding[] {
  const out: Finding[] = [];
  const decided = cards.filter((c) => c.winnerId !== null);
  for (const b of model.brands) {
    const won = decided.filter((c) => c.winnerId === b.id).map((c) => c.stage);
    if (won.length)
      out.push({ kind: 'stage-wins', brandId: b.id, stages: won, of: decided.length });
  }
  // Gaps and leads are always against another brand (the best competitor of the stage).
  const gaps = cards
    .filter((c) => c.ownGap !== null && c.ownGap > 0)
    .sort((a, b) => b.ownGap! - a.ownGap!)
    .slice(0, SUMMARY_TOP);
  for (const c of gaps)
    out.push({ kind: 'gap', stage: c.stage, gap: c.ownGap!, leaderId: c.rivalId! });
  const leads = cards
    .filter((c) => c.ownGap !== null && c.ownGap < 0)
    .sort((a, b) => a.ownGap! - b.ownGap!)
    .slice(0, SUMMARY_TOP);
  for (const c of leads)
    out.push({ kind: 'lead', stage: c.stage, lead: -c.ownGap!, rivalId: c.rivalId! });
  for (const j of model.journeys.filter((x) => x.brand.role === 'own')) {
    for (const step of j.steps) {
      for (const r of step.measurements) {
        if (r.status === 'fail' && r.measuredMs !== null)
          out.push({
            kind: 'standard-failed',
            journeyId: j.journey.id,
            standardId: r.measurement.standardId,
            seq: step.touchpoint.seq,
            measuredMs: r.measuredMs,
          });
      }
      for (const reason of step.reasons) {
        if (reason.kind === 'critical-item')
          out.push({
            kind: 'critical-failed',
            journeyId: j.journey.id,
            templateId: reason.templateId,
            itemId: reason.itemId,
            seq: step.touchpoint.seq,
          });
      }
    }
  }
  // What competitors and benchmarks have that the own brand lacks, then what it left unchecked.
  const inventory = inventoryGaps(reportInventory(model));
  const shown = !model.settings.hidden.includes('inventory');
  for (const kind of ['absent', 'unchecked'] as const) {
    const gaps = inventory[kind];
    if (shown && inventory.ownId !== null && gaps.length)
      out.push({
        kind: `inventory-${kind}`,
        brandId: inventory.ownId,
        gaps: gaps.map((g) => ({ typeId: g.type.id, have: g.have.map((h) => h.brandId) })),
      });
  }
  const movers = model.journeys
    .flatMap((j) =>
      j.steps
        .filter((s) => s.impact !== null && s.impact !== 0)
        .map((s) => ({ journeyId: j.journey.id, seq: s.touchpoint.seq, change: s.impact! })),
    )
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.seq - b.seq)
    .slice(0, SUMMARY_TOP);
  for (const m of movers) out.push({ kind: 'moved-choice', ...m });
  // Expected against found: the largest "we think it is fine; the customer does not".
  const spots = blindSpots(model);
  const blind = largestBlindSpot(spots);
  if (blind && spots.own)
    out.push({
      kind: 'blind-spot',
      target: blind.target,
      expected: blind.expected,
      found: blind.found!,
      brandId: spots.own.id,
    });
  return out;
}
