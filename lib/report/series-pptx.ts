/**
 * Line charts on slides with each series told apart as in the report (./series.ts): its colour,
 * dash pattern and marker. pptxgenjs sets the dash and marker per chart, so each series is drawn
 * as its own line chart on shared axes (a multi-type chart).
 */
import type PptxGenJS from 'pptxgenjs';
import { seriesStyle, type MarkerShape } from './series';

type LineDash = NonNullable<PptxGenJS.IChartPropsChartLine['lineDash']>;
type LineSymbol = NonNullable<PptxGenJS.IChartPropsChartLine['lineDataSymbol']>;

/** The report's dash patterns as PowerPoint's preset dashes. */
const DASH: Record<string, LineDash> = {
  '': 'solid',
  '8 4': 'dash',
  '2 3': 'sysDot',
  '10 3 2 3': 'dashDot',
  '4 2': 'sysDash',
  '14 4': 'lgDash',
};

/** The report's markers as PowerPoint's (it has no cross or downward triangle: dash and dot). */
const SYMBOL: Record<MarkerShape, LineSymbol> = {
  circle: 'circle',
  square: 'square',
  triangle: 'triangle',
  diamond: 'diamond',
  cross: 'dash',
  'triangle-down': 'dot',
};

/** A series' line on a slide: PowerPoint's colour (no #), dash and marker. */
export function slideSeriesStyle(index: number): {
  colour: string;
  dash: LineDash;
  symbol: LineSymbol;
} {
  const style = seriesStyle(index);
  return {
    colour: style.colour.slice(1).toUpperCase(),
    dash: DASH[style.dash] ?? 'solid',
    symbol: SYMBOL[style.marker],
  };
}

/**
 * One line chart per series (series k styled as the report's k-th), for
 * `slide.addChart(charts, options)`. Every entry's colour list is that series' colour only:
 * pptxgenjs colours a series' markers by its index over the whole chart.
 */
export function styledLines(
  line: PptxGenJS.CHART_NAME,
  series: { name: string; values: (number | null)[] }[],
  labels: string[],
): PptxGenJS.IChartMulti[] {
  return series.map((s, k) => {
    const style = slideSeriesStyle(k);
    return {
      type: line,
      data: [{ name: s.name, labels, values: s.values as number[] }],
      options: {
        chartColors: series.map(() => style.colour),
        lineDash: style.dash,
        lineDataSymbol: style.symbol,
      },
    };
  });
}

type Slide = ReturnType<InstanceType<typeof PptxGenJS>['addSlide']>;

/**
 * Adds `series` as styled lines (styledLines) on shared axes. pptxgenjs takes a multi-type
 * chart's options as the second argument (its typings say data; the library reads options).
 */
export function addStyledLines(
  slide: Slide,
  line: PptxGenJS.CHART_NAME,
  series: { name: string; values: (number | null)[] }[],
  labels: string[],
  options: PptxGenJS.IChartOpts,
): void {
  slide.addChart(styledLines(line, series, labels), options as unknown as unknown[]);
}
