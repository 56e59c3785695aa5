/**
 * How the charts tell series (walks, brands) apart with any number of them: a colour, a dash
 * pattern and a marker shape per series, so 36 series have 36 different triples (two series of
 * one colour differ in both dash and marker), and a label at each line's end, nudged apart so no
 * two overlap. Pure; components/report/charts.tsx and the slides use it.
 */

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'triangle-down';

export interface SeriesStyle {
  colour: string;
  /** stroke-dasharray ('' = solid). */
  dash: string;
  marker: MarkerShape;
}

/** Six colours told apart by colour-blind readers, dark enough on white (own brand first). */
export const SERIES_COLOURS = [
  '#1f5fbf',
  '#c2410c',
  '#13795b',
  '#9b2f8c',
  '#7c5a00',
  '#4a5568',
] as const;
/** Six dash patterns ('' = solid). */
export const SERIES_DASHES = ['', '8 4', '2 3', '10 3 2 3', '4 2', '14 4'] as const;
export const SERIES_MARKERS: readonly MarkerShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'cross',
  'triangle-down',
];

const N = SERIES_COLOURS.length;

/**
 * The style of the series at `index`: the first six as before (colour, dash and marker k); then
 * each round of six shifts the dash by one and the marker by five, so within 36 series no
 * (colour, dash, marker) triple repeats and two series of one colour differ in dash and marker.
 */
export function seriesStyle(index: number): SeriesStyle {
  const i = Math.max(0, Math.floor(index));
  const colour = i % N;
  const round = Math.floor(i / N) % N;
  return {
    colour: SERIES_COLOURS[colour]!,
    dash: SERIES_DASHES[(colour + round) % N]!,
    marker: SERIES_MARKERS[(colour + 5 * round) % N]!,
  };
}

/** How many series have distinct styles (after this many they repeat; the labels still differ). */
export const DISTINCT_STYLES = N * N;

/**
 * Vertical positions for labels wanted at `wanted` (e.g. each line's last value), at least `gap`
 * apart, each as near its wish as that allows, inside [min, max] when they fit there (else they
 * run on below `max`). Returned in the order given; ties keep that order. Deterministic.
 */
export function nudgeApart(
  wanted: readonly number[],
  gap: number,
  min: number,
  max: number,
): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const ys = order.map((o) => Math.min(Math.max(o.y, min), max));
  // Down: each at least a gap below the one above.
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k]!, ys[k - 1]! + gap);
  // Up from the bottom edge, as far as the top edge allows.
  const over = (ys.at(-1) ?? max) - max;
  if (over > 0) {
    ys[ys.length - 1] = Math.max(max, min + (ys.length - 1) * gap);
    for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k]!, ys[k + 1]! - gap);
    // Too many to fit: from the top edge down, a gap apart.
    if ((ys[0] ?? min) < min) ys.forEach((_, k) => (ys[k] = min + k * gap));
  }
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = ys[k]!));
  return out;
}
