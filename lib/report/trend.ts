/**
 * Waves over time: each brand's headline figures in every wave it was walked in (pure), from the
 * report's history (the chosen brands and segment, each wave's walks pooled per brand).
 */
import { standardsShare } from '../metrics';
import type { Brand, Wave } from '../model';
import { compareBrands, type ReportModel } from './model';

/** The figures a trend follows; more is better for each. */
export const TREND_METRICS = ['experience', 'compliance', 'standards', 'likelihood'] as const;
export type TrendMetric = (typeof TREND_METRICS)[number];

/** The scale of each figure (for the charts' axes). */
export const TREND_RANGE: Record<TrendMetric, readonly [number, number]> = {
  experience: [1, 5],
  compliance: [0, 100],
  standards: [0, 100],
  likelihood: [0, 10],
};

/** A brand's figures in one wave (its walks there pooled, see brandKpis). */
export interface TrendPoint {
  /** How many walks (n). */
  walks: number;
  /** Mean of the walks' mean experience, 1–5. */
  experience: number | null;
  /** Checklist compliance %, pooled. */
  compliance: number | null;
  /** Share of measured standards met, %. */
  standards: number | null;
  /** Mean of the walks' final likelihood to choose, 0–10. */
  likelihood: number | null;
}

export interface BrandTrend {
  brandId: string;
  brand: Brand;
  /** One per wave of the trend, in its order; null: the brand was not walked in that wave. */
  points: (TrendPoint | null)[];
}

export interface WaveTrend {
  /** The waves with walks, by start. */
  waves: Wave[];
  /** Every brand walked in any of them, own first (the report's brand order). */
  brands: BrandTrend[];
}

/** With this many waves the trend is drawn as a chart; with fewer, a table (or nothing for one). */
export const TREND_CHART_WAVES = 3;

/** Each brand's experience, compliance, standards met and likelihood to choose, wave by wave. */
export function waveTrend(model: Pick<ReportModel, 'history'>): WaveTrend {
  const waves = model.history.map((h) => h.wave);
  const brands = new Map<string, Brand>();
  for (const h of model.history) for (const b of h.brands) brands.set(b.id, b.brand);
  return {
    waves,
    brands: [...brands.values()].sort(compareBrands).map((brand) => ({
      brandId: brand.id,
      brand,
      points: model.history.map((h) => {
        const b = h.brands.find((x) => x.id === brand.id);
        return b
          ? {
              walks: b.walks.length,
              experience: b.kpis.averageExperience,
              compliance: b.compliance.percent,
              standards: standardsShare(b.standards),
              likelihood: b.kpis.finalLikelihood,
            }
          : null;
      }),
    })),
  };
}
