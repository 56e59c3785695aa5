/**
 * Segments: the compared wave's walks split by persona or by entry channel, each brand's figures
 * per segment, and the segments a brand was not walked in (pure). Covers every walk of the wave
 * whatever segment the report itself is filtered to (model.segmentWalks).
 */
import type { Brand } from '../model';
import { channelOrder } from '../taxonomy';
import { compareBrandsOf, type OutcomeCounts, type ReportJourney, type ReportModel } from './model';

/** What the walks are split by. */
export type SegmentDimension = 'persona' | 'entryChannel';

/** One brand's walks in one segment, pooled as the report pools a brand (see brandKpis). */
export interface SegmentCell {
  brandId: string;
  /** How many walks (n). */
  walks: number;
  /** Mean of the walks' mean experience (1–5); null when none is scored. */
  experience: number | null;
  /** Checklist compliance %, pooled over every answered item; null when none was answered. */
  compliance: number | null;
  /** Median touches over the walks that did not stop short (all, when every one did). */
  touches: number;
  outcomes: OutcomeCounts;
}

/** A segment: a persona (trimmed; '' for walks with none) or an entry channel. */
export interface SegmentRow {
  segment: string;
  /** One per column brand, in its order; null: the brand has no walk in this segment. */
  cells: (SegmentCell | null)[];
}

/** A segment a brand was not walked in (while another brand was). */
export interface SegmentGap {
  segment: string;
  brandId: string;
  /** The gap is the own brand's ("entry by phone not walked for our brand"). */
  own: boolean;
}

export interface SegmentTable {
  dimension: SegmentDimension;
  /** The column brands: those with a walk in the wave, own first (the report's brand order). */
  brands: Brand[];
  rows: SegmentRow[];
  /** Every empty cell, row by row, the own brand's first in each row. */
  gaps: SegmentGap[];
}

/** The segment of a walk: its persona trimmed, or its entry channel. */
export function segmentOf(walk: ReportJourney, dimension: SegmentDimension): string {
  return dimension === 'persona' ? walk.journey.persona.trim() : walk.journey.entryChannel;
}

/** Personas by name (none last); channels in the audit's catalogue order (unknown ones last). */
function compareSegments(dimension: SegmentDimension, method: ReportModel['method']) {
  return (a: string, b: string) =>
    dimension === 'persona'
      ? Number(a === '') - Number(b === '') || a.localeCompare(b)
      : channelOrder(a, method) - channelOrder(b, method) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Persona × brand or entry channel × brand over the compared wave's walks (every segment): a row
 * per segment walked by any brand, a column per brand walked in the wave, each cell the brand's
 * walks in the segment pooled; and the gaps — every (segment, brand) with no walk.
 */
export function segmentTable(model: ReportModel, dimension: SegmentDimension): SegmentTable {
  const walks = model.segmentWalks;
  const walked = new Set(walks.map((w) => w.brand.id));
  const brands = model.allBrands.filter((b) => walked.has(b.id));
  const bySegment = new Map<string, ReportJourney[]>();
  for (const w of walks) {
    const key = segmentOf(w, dimension);
    bySegment.set(key, [...(bySegment.get(key) ?? []), w]);
  }
  const rows: SegmentRow[] = [...bySegment.keys()]
    .sort(compareSegments(dimension, model.method))
    .map((segment) => {
      const pooled = compareBrandsOf(bySegment.get(segment)!, model.audit.method).brands;
      return {
        segment,
        cells: brands.map((brand) => {
          const b = pooled.find((p) => p.id === brand.id);
          return b
            ? {
                brandId: b.id,
                walks: b.walks.length,
                experience: b.kpis.averageExperience,
                compliance: b.compliance.percent,
                touches: b.kpis.touches,
                outcomes: b.outcomes,
              }
            : null;
        }),
      };
    });
  const gaps = rows.flatMap((row) =>
    brands
      .map((brand, i) => ({ brand, cell: row.cells[i] }))
      .filter(({ cell }) => cell === null)
      .map(({ brand }) => ({ segment: row.segment, brandId: brand.id, own: brand.role === 'own' }))
      .sort((a, b) => Number(b.own) - Number(a.own)),
  );
  return { dimension, brands, rows, gaps };
}

/** A segment table tells something beyond the main comparison: two or more segments. */
export function segmentsWorthShowing(table: SegmentTable): boolean {
  return table.rows.length >= 2;
}
