/**
 * What a manager asks of the report, computed from the report model (pure): who wins each
 * lifecycle stage and by how much, how the brands rank overall, and the findings worth a line
 * in the executive summary.
 */
import {
  averageOf,
  standardsShare,
  standardsTally,
  stoppedShort,
  type StandardsTally,
} from '../metrics';
import type { Journey } from '../model';
import type { ReportJourney, ReportModel, ReportStep } from './model';

/** One journey's figures in one stage. */
export interface StageScore {
  journeyId: string;
  steps: number;
  /** Mean experience (1–5) of the scored steps; null when none is scored. */
  experience: number | null;
  /** Experience weighted by importance (unscored importance weighs 1); null when none is scored. */
  weighted: number | null;
  /** Checklist compliance % (weights pooled); null when nothing was answered. */
  compliance: number | null;
  /** Standards measured on the stage's steps, and met. */
  standards: StandardsTally;
}

export interface StageScorecard {
  stage: string;
  /** One per chosen journey, in the report's order (steps 0 when it has none in this stage). */
  scores: StageScore[];
  /** The journey with the best importance-weighted experience here (null: nothing scored). */
  winnerId: string | null;
  /** The best competitor's weighted experience minus the own brand's (> 0: we are behind). */
  ownGap: number | null;
}

function stageScore(journey: ReportJourney, steps: ReportStep[]): StageScore {
  const scored = steps.filter((s) => s.touchpoint.experience !== null);
  const weight = (s: ReportStep) => s.touchpoint.importance ?? 1;
  const totalWeight = scored.reduce((sum, s) => sum + weight(s), 0);
  const answered = steps.reduce((sum, s) => sum + s.compliance.answeredWeight, 0);
  const yes = steps.reduce((sum, s) => sum + s.compliance.yesWeight, 0);
  return {
    journeyId: journey.journey.id,
    steps: steps.length,
    experience: averageOf(steps.map((s) => s.touchpoint.experience)),
    weighted: totalWeight
      ? scored.reduce((sum, s) => sum + weight(s) * s.touchpoint.experience!, 0) / totalWeight
      : null,
    compliance: answered ? (100 * yes) / answered : null,
    standards: standardsTally(steps.flatMap((s) => s.measurements)),
  };
}

/** Per stage row of the report: every journey's figures, the winner and the own brand's gap. */
export function stageScorecards(model: ReportModel): StageScorecard[] {
  const own = model.journeys.find((j) => j.journey.brandRole === 'own');
  return model.stages.map((row) => {
    const scores = model.journeys.map((journey, i) => stageScore(journey, row.cells[i] ?? []));
    const ranked = scores
      .filter((s) => s.weighted !== null)
      .sort(
        (a, b) =>
          b.weighted! - a.weighted! ||
          (b.experience ?? 0) - (a.experience ?? 0) ||
          (b.compliance ?? -1) - (a.compliance ?? -1),
      );
    const ownScore = own && scores.find((s) => s.journeyId === own.journey.id);
    const bestRival = ranked.find((s) => s.journeyId !== own?.journey.id);
    return {
      stage: row.stage,
      scores,
      winnerId: ranked[0]?.journeyId ?? null,
      ownGap:
        ownScore && ownScore.weighted !== null && bestRival
          ? bestRival.weighted! - ownScore.weighted
          : null,
    };
  });
}

/** A journey's place in the league table. */
export interface LeagueRow {
  journey: Journey;
  /** 0–100: the mean of the parts that were measured (see `parts`); null when none was. */
  score: number | null;
  parts: {
    experience: number | null;
    compliance: number | null;
    standards: number | null;
    likelihood: number | null;
  };
  /** Abandoned or blocked: ranked after every journey that did not stop short, never "best". */
  stopped: boolean;
  rank: number;
}

/**
 * The league table: each journey's composite score — the mean of its average experience (as %
 * of 5), checklist compliance, share of standards met and final likelihood to choose (as % of
 * 10), over the parts that were measured. Journeys that were abandoned or blocked come after the
 * others whatever their score.
 */
export function leagueTable(model: ReportModel): LeagueRow[] {
  const rows = model.journeys.map((j) => {
    const parts = {
      experience:
        j.kpis.averageExperience === null ? null : ((j.kpis.averageExperience - 1) / 4) * 100,
      compliance: j.compliance.percent,
      standards: standardsShare(j.standards),
      likelihood: j.kpis.finalLikelihood === null ? null : j.kpis.finalLikelihood * 10,
    };
    const values = Object.values(parts).filter((v): v is number => v !== null);
    return {
      journey: j.journey,
      score: averageOf(values),
      parts,
      stopped: stoppedShort(j.journey),
      rank: 0,
    };
  });
  rows.sort((a, b) => Number(a.stopped) - Number(b.stopped) || (b.score ?? -1) - (a.score ?? -1));
  return rows.map((row, i) => ({ ...row, rank: i + 1 }));
}

/** One line of the executive summary, as data (the view words it in the reader's language). */
export type Finding =
  | { kind: 'stage-wins'; journeyId: string; stages: string[]; of: number }
  | { kind: 'gap'; stage: string; gap: number; leaderId: string }
  | {
      kind: 'standard-failed';
      journeyId: string;
      standardId: string;
      seq: number;
      measuredMs: number;
    }
  | { kind: 'critical-failed'; journeyId: string; templateId: string; itemId: string; seq: number }
  | { kind: 'moved-choice'; journeyId: string; seq: number; change: number };

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
  for (const j of model.journeys) {
    const won = decided.filter((c) => c.winnerId === j.journey.id).map((c) => c.stage);
    if (won.length)
      out.push({ kind: 'stage-wins', journeyId: j.journey.id, stages: won, of: decided.length });
  }
  const gaps = cards
    .filter((c) => c.ownGap !== null && c.ownGap > 0)
    .sort((a, b) => b.ownGap! - a.ownGap!)
    .slice(0, SUMMARY_TOP);
  for (const c of gaps) {
    const leader = c.scores
      .filter(
        (s) =>
          s.weighted !== null &&
          model.journeys.find((j) => j.journey.id === s.journeyId)?.journey.brandRole !== 'own',
      )
      .sort((a, b) => b.weighted! - a.weighted!)[0]!;
    out.push({ kind: 'gap', stage: c.stage, gap: c.ownGap!, leaderId: leader.journeyId });
  }
  for (const j of model.journeys.filter((x) => x.journey.brandRole === 'own')) {
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
  const movers = model.journeys
    .flatMap((j) =>
      j.steps
        .filter((s) => s.impact !== null && s.impact !== 0)
        .map((s) => ({ journeyId: j.journey.id, seq: s.touchpoint.seq, change: s.impact! })),
    )
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.seq - b.seq)
    .slice(0, SUMMARY_TOP);
  for (const m of movers) out.push({ kind: 'moved-choice', ...m });
  return out;
}
