/**
 * Fewer touches, people and handoffs, would recommend (issue #16, points 5, 6 and 8): the
 * figures the report, the CSV and the slides show of them. Pure.
 *
 * - Would recommend (Journey.recommend, 0–10) per brand as an NPS: % promoters (9–10) minus %
 *   detractors (0–6) over the walks that have a value, with n and the mean. Never part of
 *   checklist compliance or of the league table's score.
 * - People per walk: the distinct persons the customer dealt with (Step.person.who compared
 *   trimmed, inner spaces as one, ignoring case; a person recorded without a name is one more
 *   person each time), the transfers and the times the customer had to repeat information.
 * - Touches per stage: each brand's median over its walks (pooled as the key figures pool them,
 *   see `pooledWalks`) that have a step at that stage; the own brand against the competitor with
 *   the fewest (ties all named), and the difference.
 */
import { medianOf, stoppedShort } from '../metrics';
import type { Brand, Journey, Reduce, Step } from '../model';
import type { ReportBrand, ReportJourney, ReportModel } from './model';

// --- Would recommend --------------------------------------------------------------------------

export interface RecommendFigure {
  /** Walks with a value. */
  n: number;
  /** Values 9–10. */
  promoters: number;
  /** Values 7–8. */
  passives: number;
  /** Values 0–6. */
  detractors: number;
  /** % promoters − % detractors, −100 to +100; null when n = 0. */
  nps: number | null;
  /** Mean of the values; null when n = 0. */
  mean: number | null;
}

/** The NPS of some walks' answers (null or absent: not asked, left out). */
export function recommendFigure(values: readonly (number | null | undefined)[]): RecommendFigure {
  const given = values.filter((v): v is number => typeof v === 'number');
  const n = given.length;
  const promoters = given.filter((v) => v >= 9).length;
  const detractors = given.filter((v) => v <= 6).length;
  return {
    n,
    promoters,
    passives: n - promoters - detractors,
    detractors,
    nps: n ? ((promoters - detractors) / n) * 100 : null,
    mean: n ? given.reduce((a, b) => a + b, 0) / n : null,
  };
}

/** A brand's NPS over its walks in the wave (every walk with a value, stopped short or not). */
export function brandRecommend(brand: Pick<ReportBrand, 'walks'>): RecommendFigure {
  return recommendFigure(brand.walks.map((w) => w.journey.recommend));
}

// --- People and handoffs ----------------------------------------------------------------------

/** How two names of a person compare: trimmed, inner spaces as one, ignoring case. */
export function personKey(who: string): string {
  return who.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export interface WalkPeople {
  /** Steps that record a person. */
  contacts: number;
  /** Distinct named persons plus each person recorded without a name. */
  people: number;
  /** Persons recorded without a name (each counted as one more person). */
  unnamed: number;
  /** The distinct names, as first written, in the order met. */
  names: string[];
  transfers: number;
  repeats: number;
}

/** Who the customer dealt with on a walk (its steps in the report). */
export function walkPeople(steps: readonly Pick<Step, 'person'>[]): WalkPeople {
  const names = new Map<string, string>();
  let contacts = 0;
  let unnamed = 0;
  let transfers = 0;
  let repeats = 0;
  for (const { person } of steps) {
    if (!person) continue;
    contacts++;
    const key = personKey(person.who);
    if (!key) unnamed++;
    else if (!names.has(key)) names.set(key, person.who.trim());
    if (person.transfer) transfers++;
    if (person.repeated) repeats++;
  }
  return {
    contacts,
    people: names.size + unnamed,
    unnamed,
    names: [...names.values()],
    transfers,
    repeats,
  };
}

/**
 * The walks a brand's pooled figures are of, as the key figures pool touches (brandKpis): those
 * that did not stop short and have a step; every walk when none did.
 */
export function pooledWalks<W extends Pick<ReportJourney, 'journey' | 'kpis'>>(
  walks: readonly W[],
): W[] {
  const going = walks.filter((w) => !stoppedShort(w.journey) && w.kpis.touches > 0);
  return going.length ? going : [...walks];
}

export interface BrandPeople {
  /** Walks the medians are of: pooled walks that recorded a person. */
  n: number;
  people: number | null;
  transfers: number | null;
  repeats: number | null;
}

/**
 * A brand's medians of people, transfers and repeats over its pooled walks that recorded a person
 * (a walk that recorded none says nothing about people: it is left out, not counted as 0).
 */
export function brandPeople(brand: Pick<ReportBrand, 'walks'>): BrandPeople {
  const figures = pooledWalks(brand.walks)
    .map((w) => walkPeople(w.steps.map((s) => s.touchpoint)))
    .filter((p) => p.contacts > 0);
  return {
    n: figures.length,
    people: medianOf(figures.map((p) => p.people)),
    transfers: medianOf(figures.map((p) => p.transfers)),
    repeats: medianOf(figures.map((p) => p.repeats)),
  };
}

/** A step where the customer was transferred or had to repeat themselves. */
export interface HandoffStep {
  journey: Journey;
  brand: Brand;
  step: Step;
}

/** Every step of the compared walks with a transfer or a repeat, walk after walk, in order. */
export function handoffSteps(model: Pick<ReportModel, 'journeys'>): HandoffStep[] {
  return model.journeys.flatMap(({ journey, brand, steps }) =>
    steps
      .filter((s) => s.touchpoint.person?.transfer || s.touchpoint.person?.repeated)
      .map((s) => ({ journey, brand, step: s.touchpoint })),
  );
}

// --- Fewer touches ----------------------------------------------------------------------------

export interface FlaggedStep {
  journey: Journey;
  brand: Brand;
  step: Step;
  reduce: Reduce;
}

/** The steps flagged "could be cut" or "could be merged", walk after walk, each walk in order. */
export function flaggedSteps(model: Pick<ReportModel, 'journeys'>): FlaggedStep[] {
  return model.journeys.flatMap(({ journey, brand, steps }) =>
    steps.flatMap(({ touchpoint }) =>
      touchpoint.reduce ? [{ journey, brand, step: touchpoint, reduce: touchpoint.reduce }] : [],
    ),
  );
}

/** A brand's touches at one stage: the median over the walks that have a step there (n). */
export interface StageCount {
  brandId: string;
  /** null: none of the brand's pooled walks has a step at this stage. */
  median: number | null;
  n: number;
}

export interface StageTouches {
  /** A stage id (or custom stage name); null: the whole walk, first to last. */
  stage: string | null;
  /** One per compared brand, in the report's order. */
  counts: StageCount[];
  /** The competitors with the fewest touches there (ties: all); null when no competitor has any. */
  best: { brandIds: string[]; median: number } | null;
  /** Each own brand's touches minus the best competitor's (null: one of them has none). */
  differences: { brandId: string; difference: number | null }[];
}

function compare(
  stage: string | null,
  brands: readonly ReportBrand[],
  countOf: (brand: ReportBrand) => StageCount,
): StageTouches {
  const counts = brands.map(countOf);
  const rivals = counts.filter(
    (c, i) => brands[i]!.brand.role === 'competitor' && c.median !== null,
  );
  const fewest = rivals.length ? Math.min(...rivals.map((c) => c.median!)) : null;
  const best =
    fewest === null
      ? null
      : {
          brandIds: rivals.filter((c) => c.median === fewest).map((c) => c.brandId),
          median: fewest,
        };
  return {
    stage,
    counts,
    best,
    differences: counts
      .filter((_, i) => brands[i]!.brand.role === 'own')
      .map((c) => ({
        brandId: c.brandId,
        difference: c.median === null || best === null ? null : c.median - best.median,
      })),
  };
}

/**
 * Touches per stage (the report's stage rows, in lifecycle order), then the whole walk: each
 * brand's median over its pooled walks (pooledWalks) with a step at that stage; for the whole
 * walk, the key figures' touches (a brand whose every walk stopped short does not compete).
 */
export function touchesByStage(model: Pick<ReportModel, 'brands' | 'stages'>): StageTouches[] {
  const pools = new Map(model.brands.map((b) => [b.id, pooledWalks(b.walks)]));
  const rows = model.stages.map(({ stage }) =>
    compare(stage, model.brands, (b) => {
      const here = pools
        .get(b.id)!
        .map((w) => w.steps.filter((s) => s.touchpoint.stage === stage).length)
        .filter((count) => count > 0);
      return { brandId: b.id, median: medianOf(here), n: here.length };
    }),
  );
  const whole = compare(null, model.brands, (b) => {
    const walks = b.stopped ? 0 : pools.get(b.id)!.filter((w) => w.kpis.touches > 0).length;
    return { brandId: b.id, median: walks ? b.kpis.touches : null, n: walks };
  });
  return [...rows, whole];
}

// --- CSV --------------------------------------------------------------------------------------

/**
 * The CSV's columns of these parts, after the others: the walk's answer to "would recommend"
 * (0–10, empty when not asked), the step's person (who, transfer, repeated; empty when none is
 * recorded) and whether it could be cut or merged, and why.
 */
export const TOUCHES_CSV_COLUMNS = [
  'walk_recommend_0_10',
  'person_who',
  'person_transfer',
  'person_repeated',
  'reduce',
  'reduce_reason',
] as const;

export function touchesCsvCells(
  journey: Pick<Journey, 'recommend'>,
  step: Pick<Step, 'person' | 'reduce'>,
): (string | number | boolean | null)[] {
  return [
    journey.recommend ?? null,
    step.person ? step.person.who : null,
    step.person ? step.person.transfer : null,
    step.person ? step.person.repeated : null,
    step.reduce ? step.reduce.kind : null,
    step.reduce ? step.reduce.reason : null,
  ];
}
