/**
 * Data of the report's charts: pure functions of a ReportModel (series with gaps, stage averages,
 * the own brand's priority quadrants, type coverage, key figures, scales), so they are tested
 * without rendering. components/report/charts.tsx draws them.
 */
import { averageOf } from '../metrics';
import type { Brand, Journey, Step } from '../model';
import { channelLabel, methodStageOrder, typeName, type Locale } from '../taxonomy';
import type { ReportBrand, ReportModel, ReportStep } from './model';

/**
 * One series along a chart's x positions: a brand (its walks pooled) or, where a chart follows
 * steps in order, one walk. null is a gap (not scored, or no step).
 */
export interface JourneySeries {
  brand: Brand;
  /** The walk, for a chart of walks; null for a brand's series. */
  journey: Journey | null;
  /**
   * Position of the series: the brand's in the report (own first) for brand series, the walk's
   * among the report's walks for walk series. Picks its colour, dash and marker.
   */
  index: number;
  values: (number | null)[];
  /** Whether the journey has a step at each x position at all (false: past its end, or no step in the stage). */
  present: boolean[];
}

export interface Curves {
  /** The x positions: step numbers ("1", "2", …) or stage ids (the report's stage rows). */
  x: string[];
  series: JourneySeries[];
}

export type StepScore = 'experience' | 'likelihood';

/** The score scales: experience 1–5, likelihood to choose 0–10. */
export const SCORE_RANGE: Record<StepScore, readonly [number, number]> = {
  experience: [1, 5],
  likelihood: [0, 10],
};

/**
 * Each walk's score at step 1..n (n = the longest walk); a step not scored, or past the end of a
 * shorter walk, is null (a gap, never a zero).
 */
export function curvesByStep(model: ReportModel, score: StepScore): Curves {
  const length = Math.max(
    0,
    ...model.journeys.flatMap((j) => j.steps.map((s) => s.touchpoint.seq)),
  );
  return {
    x: Array.from({ length }, (_, i) => String(i + 1)),
    series: model.journeys.map(({ journey, brand, steps }, index) => {
      const values: (number | null)[] = Array.from({ length }, () => null);
      const present = Array.from({ length }, () => false);
      for (const { touchpoint } of steps) {
        values[touchpoint.seq - 1] = touchpoint[score];
        present[touchpoint.seq - 1] = true;
      }
      return { brand, journey, index, values, present };
    }),
  };
}

/**
 * Per stage row (lifecycle order), each brand's average of a step score (experience or
 * likelihood): each walk's mean in the stage, then the mean of the walks; null where the brand
 * has no scored step in that stage.
 */
export function scoreByStage(model: ReportModel, score: StepScore): Curves {
  const walkMeans = (steps: readonly ReportStep[]) => {
    const byWalk = new Map<string, (number | null)[]>();
    for (const s of steps)
      byWalk.set(s.touchpoint.journeyId, [
        ...(byWalk.get(s.touchpoint.journeyId) ?? []),
        s.touchpoint[score],
      ]);
    return averageOf([...byWalk.values()].map(averageOf));
  };
  return {
    x: model.stages.map((row) => row.stage),
    series: model.brands.map(({ brand }, index) => ({
      brand,
      journey: null,
      index,
      values: model.stages.map((row) => walkMeans(row.cells[index] ?? [])),
      present: model.stages.map((row) => (row.cells[index] ?? []).length > 0),
    })),
  };
}

/** True when at least one value of one series is present (else the chart has nothing to draw). */
export function hasValues(curves: Curves): boolean {
  return curves.series.some((s) => s.values.some((v) => v !== null));
}

/** Runs of consecutive present values, as [x index, value] pairs: a gap splits the line. */
export function segments(values: readonly (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([i, value]);
  });
  if (run.length) runs.push(run);
  return runs;
}

/** A linear map from a domain onto a range (pixels). */
export function linearScale(
  [d0, d1]: readonly [number, number],
  [r0, r1]: readonly [number, number],
): (value: number) => number {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/** Integer ticks from min to max, at most about `count` of them (every 1, 2, 5, 10, … units). */
export function integerTicks(min: number, max: number, count = 11): number[] {
  const span = Math.max(1, max - min);
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => span / s <= count - 1) ?? 1000;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) ticks.push(v);
  return ticks;
}

// --- Priority matrix ---------------------------------------------------------------------------

/** Where the priority matrix is split: importance 1–5 | 6–10, experience gap 0–2 | 3–4. */
export const PRIORITY_SPLIT = { importance: 5.5, gap: 2.5 } as const;
export const MAX_GAP = 4;

export type Quadrant = 'fix-first' | 'keep-up' | 'improve-later' | 'low-priority';
export const QUADRANTS: readonly Quadrant[] = [
  'fix-first',
  'keep-up',
  'improve-later',
  'low-priority',
];

/** Important and poorly experienced: fix first; important and fine: keep up; and so on. */
export function quadrantOf(importance: number, gap: number): Quadrant {
  const important = importance > PRIORITY_SPLIT.importance;
  const poor = gap > PRIORITY_SPLIT.gap;
  if (important) return poor ? 'fix-first' : 'keep-up';
  return poor ? 'improve-later' : 'low-priority';
}

/** 5 − experience: how far a step is from an excellent experience (0–4). */
function experienceGap(experience: number): number {
  return 5 - experience;
}

export interface PriorityPoint {
  journey: Journey;
  /** The journey's position in the report (its series style). */
  index: number;
  step: ReportStep;
  seq: number;
  importance: number;
  experience: number;
  gap: number;
  quadrant: Quadrant;
}

/** Points of one walk at the same place, drawn once and labelled with every step number. */
export interface PriorityCluster {
  journey: Journey;
  index: number;
  importance: number;
  gap: number;
  quadrant: Quadrant;
  seqs: number[];
}

export interface PriorityData {
  /** The own brand drawn (its walks pooled; null: none compared). */
  brands: ReportBrand[];
  points: PriorityPoint[];
  clusters: PriorityCluster[];
  /** Own-brand steps left out: importance or experience not scored. */
  leftOut: { journey: Journey; step: ReportStep }[];
  /** Own-brand steps in all. */
  total: number;
}

/**
 * The own brand's steps placed by importance (x) and experience gap (y); a step without an
 * importance or an experience is left out (and counted), never drawn as a zero.
 */
export function priorityMatrix(model: ReportModel): PriorityData {
  const brands = model.brands.filter((b) => b.brand.role === 'own');
  const points: PriorityPoint[] = [];
  const leftOut: PriorityData['leftOut'] = [];
  for (const b of brands) {
    const index = model.brands.indexOf(b);
    for (const j of b.walks)
      for (const step of j.steps) {
        const { importance, experience, seq } = step.touchpoint;
        if (importance === null || experience === null) {
          leftOut.push({ journey: j.journey, step });
          continue;
        }
        const gap = experienceGap(experience);
        points.push({
          journey: j.journey,
          index,
          step,
          seq,
          importance,
          experience,
          gap,
          quadrant: quadrantOf(importance, gap),
        });
      }
  }
  const clusters = new Map<string, PriorityCluster>();
  for (const p of points) {
    const key = `${p.journey.id}:${p.importance}:${p.gap}`;
    const cluster = clusters.get(key);
    if (cluster) cluster.seqs.push(p.seq);
    else
      clusters.set(key, {
        journey: p.journey,
        index: p.index,
        importance: p.importance,
        gap: p.gap,
        quadrant: p.quadrant,
        seqs: [p.seq],
      });
  }
  return {
    brands,
    points,
    clusters: [...clusters.values()],
    leftOut,
    total: brands.reduce((sum, b) => sum + b.steps.length, 0),
  };
}

// --- Coverage matrix ---------------------------------------------------------------------------

export interface CoverageRow {
  /** `type:<id>` or `channel:<id>` (steps without a type, grouped by channel). */
  key: string;
  kind: 'type' | 'channel';
  label: string;
  /** Steps of this row in each brand (report order, walks pooled); 0 = the brand has none (missing). */
  counts: number[];
}

export interface CoverageData {
  brands: ReportBrand[];
  rows: CoverageRow[];
  /** Steps of each brand. */
  totals: number[];
}

function coverageKey(
  touchpoint: Step,
  model: ReportModel,
  locale: Locale,
): Omit<CoverageRow, 'counts'> {
  if (touchpoint.typeId !== null) {
    const type = model.method.types.find((x) => x.id === touchpoint.typeId) ?? {
      id: touchpoint.typeId,
      name: '',
    };
    return { key: `type:${touchpoint.typeId}`, kind: 'type', label: typeName(type, locale) };
  }
  return {
    key: `channel:${touchpoint.channel}`,
    kind: 'channel',
    label: channelLabel(touchpoint.channel, locale, model.method),
  };
}

/**
 * Which touchpoint types each brand has, and how many steps of each (its walks pooled), over the
 * audit's whole catalogue: one row per type (hidden ones left out unless walked), walked or not,
 * one column per brand. Rows in lifecycle order: a walked row at the first stage row it appears
 * in, by brand and step; a type nobody walked at its own stage, after the walked rows there, in
 * catalogue order. Steps without a type are rows by channel.
 */
export function coverageMatrix(model: ReportModel, locale: Locale): CoverageData {
  const stageOrder = (stage: string) => methodStageOrder(stage, model.audit.method);
  const rows = new Map<string, { row: CoverageRow; stage: number; seen: number }>();
  for (const row of model.stages) {
    row.cells.forEach((steps, index) => {
      for (const { touchpoint } of steps) {
        const key = coverageKey(touchpoint, model, locale);
        const entry = rows.get(key.key) ?? {
          row: { ...key, counts: model.brands.map(() => 0) },
          stage: stageOrder(row.stage),
          seen: rows.size,
        };
        entry.row.counts[index] = (entry.row.counts[index] ?? 0) + 1;
        rows.set(key.key, entry);
      }
    });
  }
  const walkedRows = rows.size;
  // No step at all: nothing to compare the catalogue with (the view says "no steps yet").
  if (walkedRows > 0)
    model.method.types.forEach((type, i) => {
      const key = `type:${type.id}`;
      if (type.hidden || rows.has(key)) return;
      rows.set(key, {
        row: {
          key,
          kind: 'type',
          label: typeName(type, locale),
          counts: model.brands.map(() => 0),
        },
        stage: stageOrder(type.stage),
        seen: walkedRows + i,
      });
    });
  return {
    brands: model.brands,
    rows: [...rows.values()]
      .sort((a, b) => a.stage - b.stage || a.seen - b.seen)
      .map((entry) => entry.row),
    totals: model.brands.map((b) => b.steps.length),
  };
}

// --- Key figures -------------------------------------------------------------------------------

export type KpiId = 'touches' | 'time' | 'experience' | 'compliance';
const KPI_IDS: readonly KpiId[] = ['touches', 'time', 'experience', 'compliance'];

export interface KpiBar {
  brand: ReportBrand;
  index: number;
  /** Touches; hours from the first to the last step; average experience; compliance %. */
  value: number | null;
}

export interface KpiGroup {
  kpi: KpiId;
  /** The value a full-length bar stands for (the scale's top, or the largest value). */
  max: number;
  bars: KpiBar[];
}

const HOUR_MS = 3_600_000;

function kpiValue(kpi: KpiId, j: ReportBrand): number | null {
  switch (kpi) {
    case 'touches':
      return j.kpis.touches;
    case 'time':
      return j.kpis.elapsedMs === null ? null : j.kpis.elapsedMs / HOUR_MS;
    case 'experience':
      return j.kpis.averageExperience;
    case 'compliance':
      return j.compliance.percent;
  }
}

/**
 * One bar group per key figure, one bar per brand (its walks pooled: median touches and time,
 * mean experience, pooled compliance); null: no data, e.g. only one-step walks.
 */
export function kpiGroups(model: ReportModel): KpiGroup[] {
  return KPI_IDS.map((kpi) => {
    const bars = model.brands.map((j, index) => ({
      brand: j,
      index,
      value: kpiValue(kpi, j),
    }));
    const largest = Math.max(0, ...bars.map((b) => b.value ?? 0));
    const max = kpi === 'experience' ? 5 : kpi === 'compliance' ? 100 : largest;
    return { kpi, max, bars };
  });
}
