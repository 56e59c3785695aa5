/**
 * The report's charts: plain static SVG (no scripts, no handlers, no inline style attributes: the
 * export's CSP blocks them), readable in print and in black and white (each journey has a colour,
 * a dash pattern and a marker shape), each with a text alternative stating its data. The data come
 * from lib/report/charts.ts; the styles from CHART_CSS.
 */
import type { ComponentChildren } from 'preact';
import { formatDuration, formatNumber, translator, type Translate } from '../../lib/i18n';
import {
  coverageMatrix,
  curvesByStep,
  scoreByStage,
  hasValues,
  integerTicks,
  kpiGroups,
  linearScale,
  MAX_GAP,
  PRIORITY_SPLIT,
  priorityMatrix,
  QUADRANTS,
  SCORE_RANGE,
  segments,
  type Curves,
  type JourneySeries,
  type KpiGroup,
  type KpiId,
  type PriorityData,
  type Quadrant,
  type StepScore,
} from '../../lib/report/charts';
import type { ReportBrand, ReportModel } from '../../lib/report/model';
import { LABEL_SEPARATOR } from '../../lib/report/labels';
import { reportLabels } from '../../lib/report/words';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { statusGroupsText } from './status';
import {
  nudgeApart,
  seriesStyle,
  type MarkerShape,
  type SeriesStyle,
} from '../../lib/report/series';

export type { MarkerShape, SeriesStyle };

/** The first six series' styles (each a colour, a dash pattern and a marker of its own). */
export const SERIES_STYLES: readonly SeriesStyle[] = Array.from({ length: 6 }, (_, i) =>
  seriesStyle(i),
);

/** Styles of the charts, appended to the report's stylesheet (so hashed into the export's CSP). */
export const CHART_CSS = `
.charts-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:24px 32px;align-items:start}
.chart{margin:0;break-inside:avoid;min-width:0}
.chart figcaption{margin:0 0 8px;font-size:12px;color:#566074;max-width:80ch}
.chart .chart-title{display:block;color:#1c2330;font-size:15px;margin-bottom:2px}
.chart-svg{display:block;width:100%;height:auto;max-width:720px;overflow:visible}
.chart-legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:6px 0 0;font-size:12px}
.chart-legend li{display:flex;align-items:center;gap:6px;overflow-wrap:anywhere}
.chart-key{flex:none}
.chart-none{color:#566074;font-style:italic;margin:6px 0}
.chart-wide{margin-top:24px}
.coverage{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
.coverage thead th:first-child{width:28%}
.coverage caption{text-align:left;font-size:12px;color:#566074;padding:0 0 8px}
.coverage th,.coverage td{border:1px solid #d9dee7;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.coverage thead th{background:#f1f4f9;font-weight:600}
.coverage thead th.role-own{background:#e6eefc}
.coverage td{text-align:center;font-variant-numeric:tabular-nums}
.coverage td.coverage-missing{color:#9b2c2c;background:#fdf3f3;font-size:12px}
.coverage td.coverage-missing span{border:1px dashed #d99a9a;border-radius:4px;padding:0 6px}
.coverage tfoot th,.coverage tfoot td{background:#f7f9fc;font-weight:600}
.coverage .chart-title{display:block;color:#1c2330;font-size:15px;margin-bottom:2px}
.coverage tr.coverage-channel th{font-weight:400;font-style:italic}
.coverage td.coverage-nobody{color:#566074;font-size:12px;text-align:left}
@media print{.charts-grid{grid-template-columns:1fr}.chart-svg{max-width:640px}.coverage{font-size:11px}.chart-wide{break-inside:avoid}}
`;

/** Numbers in the SVG source, short (a tenth of a pixel is plenty). */
const px = (value: number) => Math.round(value * 10) / 10;

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** A label shortened in the middle, so its end (the brand's role) stays readable. */
const clipMiddle = (text: string, max: number) => {
  if (text.length <= max) return text;
  const tail = Math.min(14, Math.floor(max / 2));
  return `${text.slice(0, max - tail - 1).trimEnd()}…${text.slice(-tail).trimStart()}`;
};

/** A score as read aloud: whole numbers as they are, averages with one decimal. */
function scoreText(value: number, locale: Locale): string {
  return Number.isInteger(value) ? String(value) : formatNumber(value, locale);
}

/** A series' name: the brand's label and role for a brand, the walk's label for a walk. */
function seriesLabel(model: ReportModel, locale: Locale): (s: JourneySeries) => string {
  const labels = reportLabels(model, locale);
  return (s) => (s.journey ? labels.walk(s.journey.id) : labels.brandWithRole(s.brand.id));
}

/** A chart's axis titles: x centred under the plot, y turned up along its left side. */
function AxisTitles(props: {
  x: string;
  y: string;
  plot: { left: number; right: number; top: number; bottom: number };
  /** The SVG's height (the x title sits on its bottom edge). */
  height: number;
}) {
  const { left, right, top, bottom } = props.plot;
  const middle = px((top + bottom) / 2);
  return (
    <>
      <text
        x={px((left + right) / 2)}
        y={props.height - 6}
        text-anchor="middle"
        font-weight="600"
        fill={MUTED}
      >
        {props.x}
      </text>
      <text
        x={16}
        y={middle}
        text-anchor="middle"
        font-weight="600"
        fill={MUTED}
        transform={`rotate(-90 16 ${middle})`}
      >
        {props.y}
      </text>
    </>
  );
}

export function Marker({
  shape,
  x,
  y,
  colour,
  size = 4.5,
}: {
  shape: MarkerShape;
  x: number;
  y: number;
  colour: string;
  size?: number;
}) {
  const s = size;
  const poly = (points: [number, number][]) => (
    <polygon
      points={points.map(([dx, dy]) => `${px(x + dx)},${px(y + dy)}`).join(' ')}
      fill={colour}
      stroke="#fff"
      stroke-width={1}
      stroke-linejoin="round"
    />
  );
  switch (shape) {
    case 'circle':
      return <circle cx={px(x)} cy={px(y)} r={s} fill={colour} stroke="#fff" stroke-width={1} />;
    case 'square':
      return (
        <rect
          x={px(x - s * 0.9)}
          y={px(y - s * 0.9)}
          width={px(s * 1.8)}
          height={px(s * 1.8)}
          fill={colour}
          stroke="#fff"
          stroke-width={1}
        />
      );
    case 'triangle':
      return poly([
        [0, -s * 1.2],
        [s * 1.15, s * 0.85],
        [-s * 1.15, s * 0.85],
      ]);
    case 'triangle-down':
      return poly([
        [0, s * 1.2],
        [s * 1.15, -s * 0.85],
        [-s * 1.15, -s * 0.85],
      ]);
    case 'diamond':
      return poly([
        [0, -s * 1.3],
        [s * 1.1, 0],
        [0, s * 1.3],
        [-s * 1.1, 0],
      ]);
    case 'cross':
      return (
        <path
          d={`M${px(x - s)} ${px(y - s)}L${px(x + s)} ${px(y + s)}M${px(x - s)} ${px(y + s)}L${px(x + s)} ${px(y - s)}`}
          stroke={colour}
          stroke-width={2.5}
          stroke-linecap="round"
        />
      );
  }
}

/** The legend: one line-and-marker key per journey (the SVG keys are decoration; the text says it). */
function Legend({
  entries,
  t,
  line = true,
}: {
  entries: { index: number; label: string }[];
  t: Translate;
  line?: boolean;
}) {
  return (
    <ul class="chart-legend" aria-label={t('chartLegend')}>
      {entries.map(({ index, label }) => {
        const style = seriesStyle(index);
        return (
          <li key={index}>
            <svg
              class="chart-key"
              width={line ? 40 : 14}
              height={14}
              viewBox={line ? '0 0 40 14' : '0 0 14 14'}
              aria-hidden="true"
              focusable="false"
            >
              {line && (
                <line
                  x1={1}
                  y1={7}
                  x2={39}
                  y2={7}
                  stroke={style.colour}
                  stroke-width={2.25}
                  stroke-dasharray={style.dash || undefined}
                />
              )}
              <Marker shape={style.marker} x={line ? 20 : 7} y={7} colour={style.colour} />
            </svg>
            {label}
          </li>
        );
      })}
    </ul>
  );
}

/** A chart: caption above, the SVG image named by its title and described by its data, a legend. */
export function ChartFigure({
  prefix,
  title,
  note,
  desc,
  width,
  height,
  legend,
  children,
}: {
  prefix: string;
  title: string;
  note: ComponentChildren;
  desc: string;
  width: number;
  height: number;
  legend?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <figure class="chart" data-chart={prefix}>
      <figcaption>
        <b class="chart-title">{title}</b> {note}
      </figcaption>
      <svg
        class="chart-svg"
        role="img"
        aria-labelledby={`${prefix}-title ${prefix}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        font-size={12}
        fill="#1c2330"
      >
        <title id={`${prefix}-title`}>{title}</title>
        <desc id={`${prefix}-desc`}>{desc}</desc>
        {children}
      </svg>
      {legend}
    </figure>
  );
}

const GRID = '#e3e7ee';
const AXIS = '#8a94a6';
const MUTED = '#566074';
/** Approximate width of a character at 12 px (labels are laid out without measuring text). */
const CHAR = 6.6;

interface CurvesChartProps {
  prefix: string;
  locale: Locale;
  title: string;
  note: string;
  curves: Curves;
  /** Label of each x position (step numbers or stage names). */
  xLabels: string[];
  xTitle: string;
  yTitle: string;
  range: readonly [number, number];
  /** Each series' name (a brand's or a walk's). */
  label: (series: JourneySeries) => string;
  /** One data point in words, e.g. "step 2 experience 4". */
  point: (x: string, value: string) => string;
}

/** Journeys' curves over steps or stages, overlaid; a gap in a line is an unscored point. */
function CurvesChart(props: CurvesChartProps) {
  const { prefix, locale, curves, xLabels, range, label } = props;
  const t = translator(locale);
  const n = Math.max(1, xLabels.length);
  const top = 12;
  const plotHeight = 220;
  // Each line's label at its end, right of the plot (with its key): any number of series told apart.
  const ends = endLabels(curves, label);
  const endRoom = ends.length
    ? Math.min(END_CHARS, Math.max(...ends.map((e) => e.text.length))) * CHAR + END_KEY + 10
    : 0;
  const width = 640 + (ends.length ? 80 : 0);
  const right = width - 14 - endRoom;
  const maxChars = 22;
  const shown = xLabels.map((label) => clip(label, maxChars));
  const longest = Math.max(0, ...shown.map((l) => l.length));
  // Stage names turn when they do not fit their band; then the first one needs room on the left.
  const rotate = longest * CHAR > (right - 58) / n - 6;
  const firstReach = rotate ? (shown[0]?.length ?? 0) * CHAR * 1.15 * Math.cos(Math.PI / 6) + 6 : 0;
  const left = Math.ceil(Math.max(58, (firstReach - right / (2 * n)) / (1 - 1 / (2 * n))));
  const band = (right - left) / n;
  // Every k-th step number when there are many.
  const every = Math.max(1, Math.ceil((n * 26) / (right - left)));
  const labelDepth = rotate ? longest * CHAR * 0.5 + 10 : 16;
  const bottomAxis = top + plotHeight;
  const [min, max] = range;
  const pad = (max - min) * 0.06;
  const y = linearScale([min - pad, max + pad], [bottomAxis, top]);
  const endYs = nudgeApart(
    ends.map((e) => y(e.value)),
    END_GAP,
    top + 4,
    bottomAxis - 2,
  );
  const height = Math.ceil(Math.max(bottomAxis + labelDepth + 30, ...endYs.map((v) => v + 10)));
  const count = curves.series.length;
  const nudge = Math.min(6, band / (3 * Math.max(1, count)));
  const x = (i: number, series: number) =>
    left + band * (i + 0.5) + (series - (count - 1) / 2) * nudge;
  const ticks = integerTicks(min, max);
  const desc = [
    `${props.title}. ${props.yTitle}.`,
    ...curves.series.map((s) => {
      const points = s.values.flatMap((value, i) =>
        s.present[i]
          ? [
              props.point(
                xLabels[i] ?? '',
                value === null ? t('chartNotScored') : scoreText(value, locale),
              ),
            ]
          : [],
      );
      return `${label(s)}: ${points.length ? points.join(', ') : t('chartNoSteps')}.`;
    }),
  ].join(' ');
  return (
    <ChartFigure
      prefix={prefix}
      title={props.title}
      note={props.note}
      desc={desc}
      width={width}
      height={height}
      legend={
        <Legend t={t} entries={curves.series.map((s) => ({ index: s.index, label: label(s) }))} />
      }
    >
      <g aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick}>
            <line
              x1={left}
              x2={right}
              y1={px(y(tick))}
              y2={px(y(tick))}
              stroke={GRID}
              stroke-width={1}
            />
            <text x={left - 8} y={px(y(tick))} dy="0.35em" text-anchor="end" fill={MUTED}>
              {tick}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={bottomAxis} stroke={AXIS} />
        <line x1={left} x2={right} y1={bottomAxis} y2={bottomAxis} stroke={AXIS} />
        {shown.map((label, i) => {
          if (!rotate && i % every !== 0) return null;
          const cx = px(left + band * (i + 0.5));
          return (
            <g key={i}>
              <line x1={cx} x2={cx} y1={bottomAxis} y2={bottomAxis + 4} stroke={AXIS} />
              {rotate ? (
                <text
                  x={cx}
                  y={bottomAxis + 12}
                  text-anchor="end"
                  transform={`rotate(-30 ${cx} ${bottomAxis + 12})`}
                  fill={MUTED}
                >
                  {label}
                </text>
              ) : (
                <text x={cx} y={bottomAxis + 17} text-anchor="middle" fill={MUTED}>
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <AxisTitles
          x={props.xTitle}
          y={props.yTitle}
          plot={{ left, right, top, bottom: bottomAxis }}
          height={height}
        />
        {/* The own brand (first) is drawn last, on top. */}
        {[...curves.series].reverse().map((s) => {
          const style = seriesStyle(s.index);
          return (
            <g
              key={s.journey?.id ?? s.brand.id}
              data-journey={s.journey?.id}
              data-brand={s.journey ? undefined : s.brand.id}
            >
              {segments(s.values).map((run) =>
                run.length > 1 ? (
                  <polyline
                    key={run[0]![0]}
                    points={run.map(([i, v]) => `${px(x(i, s.index))},${px(y(v))}`).join(' ')}
                    fill="none"
                    stroke={style.colour}
                    stroke-width={2.25}
                    stroke-dasharray={style.dash || undefined}
                    stroke-linejoin="round"
                  />
                ) : null,
              )}
              {s.values.map((v, i) =>
                v === null ? null : (
                  <Marker
                    key={i}
                    shape={style.marker}
                    x={x(i, s.index)}
                    y={y(v)}
                    colour={style.colour}
                  />
                ),
              )}
            </g>
          );
        })}
        {ends.map((e, k) => {
          const style = seriesStyle(e.series.index);
          const ly = px(endYs[k]!);
          const x0 = right + 6;
          return (
            <g key={`end-${e.series.journey?.id ?? e.series.brand.id}`} data-end-label={e.text}>
              {/* From the line's level to its label when nudged. */}
              <polyline
                points={`${right + 1},${px(y(e.value))} ${x0},${ly}`}
                fill="none"
                stroke={style.colour}
                stroke-width={1}
              />
              <line
                x1={x0}
                x2={x0 + END_KEY - 4}
                y1={ly}
                y2={ly}
                stroke={style.colour}
                stroke-width={2.25}
                stroke-dasharray={style.dash || undefined}
              />
              <Marker
                shape={style.marker}
                x={x0 + (END_KEY - 4) / 2}
                y={ly}
                colour={style.colour}
                size={3.5}
              />
              <text x={x0 + END_KEY} y={ly} dy="0.35em" font-size={11} fill={style.colour}>
                {e.text}
              </text>
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}

/** Most characters of a label at a line's end; its key's width; the least gap between two. */
const END_CHARS = 20;
const END_KEY = 26;
const END_GAP = 13;

/** Each series' label at its last value (series with no value have none), shortened to fit. */
function endLabels(curves: Curves, label: (s: JourneySeries) => string) {
  return curves.series.flatMap((series) => {
    const last = series.values.findLastIndex((v) => v !== null);
    if (last === -1) return [];
    return [{ series, value: series.values[last]!, text: clipMiddle(label(series), END_CHARS) }];
  });
}

interface ChartProps {
  model: ReportModel;
  locale: Locale;
  /** Prefix of the chart's element ids (several charts share a page). */
  prefix: string;
}

function NoChart({ text }: { text: string }) {
  return <p class="chart-none">{text}</p>;
}

function StepScoreChart({ model, locale, prefix, score }: ChartProps & { score: StepScore }) {
  const t = translator(locale);
  const curves = curvesByStep(model, score);
  const title = t(score === 'experience' ? 'chartExperienceByStep' : 'chartLikelihood');
  if (!hasValues(curves)) return <NoChart text={t('chartNoData', { chart: title })} />;
  return (
    <CurvesChart
      prefix={prefix}
      locale={locale}
      title={title}
      note={t(score === 'experience' ? 'chartExperienceByStepNote' : 'chartLikelihoodNote')}
      curves={curves}
      xLabels={curves.x}
      xTitle={t('chartAxisStep')}
      yTitle={t(score === 'experience' ? 'chartAxisExperience' : 'chartAxisLikelihood')}
      range={SCORE_RANGE[score]}
      label={seriesLabel(model, locale)}
      point={(n, value) =>
        t(score === 'experience' ? 'chartPointExperience' : 'chartPointLikelihood', { n, value })
      }
    />
  );
}

/** The words of the per-stage curves of each step score. */
const BY_STAGE = {
  experience: {
    title: 'chartExperienceByStage',
    note: 'chartExperienceByStageNote',
    axis: 'chartAxisExperience',
  },
  likelihood: {
    title: 'chartLikelihoodByStage',
    note: 'chartLikelihoodByStageNote',
    axis: 'chartAxisLikelihood',
  },
} as const;

/** A step score of every journey by step number, or averaged per stage row of the report. */
function ScoreChart({
  model,
  locale,
  prefix,
  score,
  by,
}: ChartProps & { score: StepScore; by: 'step' | 'stage' }) {
  if (by === 'step')
    return <StepScoreChart model={model} locale={locale} prefix={prefix} score={score} />;
  const t = translator(locale);
  const words = BY_STAGE[score];
  const curves = scoreByStage(model, score);
  const title = t(words.title);
  if (!hasValues(curves)) return <NoChart text={t('chartNoData', { chart: title })} />;
  return (
    <CurvesChart
      prefix={prefix}
      locale={locale}
      title={title}
      note={`${t(words.note)} ${statusGroupsText(model, curves.x, locale)}`}
      curves={curves}
      xLabels={curves.x.map((stage) => stageLabel(stage, locale))}
      xTitle={t('chartAxisStage')}
      yTitle={t(words.axis)}
      range={SCORE_RANGE[score]}
      label={seriesLabel(model, locale)}
      point={(stage, value) => t('chartPointStage', { stage, value })}
    />
  );
}

/** Experience (1–5) of every journey by step number, or by the report's stage rows (averages). */
export function ExperienceChart({ by = 'step', ...props }: ChartProps & { by?: 'step' | 'stage' }) {
  return <ScoreChart {...props} score="experience" by={by} />;
}

/** Likelihood to choose (0–10) of every journey by step number, or its average per stage. */
export function LikelihoodChart({ by = 'step', ...props }: ChartProps & { by?: 'step' | 'stage' }) {
  return <ScoreChart {...props} score="likelihood" by={by} />;
}

const QUADRANT_FILL: Record<Quadrant, string> = {
  'fix-first': '#fde3e3',
  'keep-up': '#e8f5ec',
  'improve-later': '#fff4dc',
  'low-priority': '#f4f6f9',
};

/**
 * The own brand's steps by importance (across) and experience gap (up), split into quadrants;
 * "Fix first" is the top right. Steps without both scores are left out and counted.
 */
export function PriorityMatrix({ model, locale, prefix }: ChartProps) {
  const t = translator(locale);
  const data = priorityMatrix(model);
  if (data.brands.length === 0) return <NoChart text={t('chartPriorityNoOwn')} />;
  // One chart per own brand (there is usually one), its walks told apart.
  return (
    <>
      {data.brands.map((brand, k) => {
        const index = model.brands.indexOf(brand);
        const mine: PriorityData = {
          brands: [brand],
          points: data.points.filter((p) => p.index === index),
          clusters: data.clusters.filter((c) => c.index === index),
          leftOut: data.leftOut.filter((l) => l.journey.brandId === brand.id),
          total: brand.steps.length,
        };
        return (
          <PriorityChart
            key={brand.id}
            model={model}
            locale={locale}
            prefix={data.brands.length > 1 ? `${prefix}-${k + 1}` : prefix}
            brand={brand}
            data={mine}
          />
        );
      })}
    </>
  );
}

/** A walk's label without its brand's (the chart names the brand): "students", "Wave 2 · A. Ivanova". */
function walkPart(walk: string, brand: string): string {
  return walk.startsWith(brand + LABEL_SEPARATOR)
    ? walk.slice(brand.length + LABEL_SEPARATOR.length)
    : walk;
}

function PriorityChart({
  model,
  locale,
  prefix,
  brand,
  data,
}: ChartProps & { brand: ReportBrand; data: PriorityData }) {
  const t = translator(locale);
  const names = reportLabels(model, locale);
  if (data.points.length === 0) return <NoChart text={t('chartPriorityNoScores')} />;
  const title = t('chartPriority', { brand: names.brand(brand.id) });
  const leftOut = data.leftOut.length
    ? t('chartPriorityLeftOut', { n: data.leftOut.length, total: data.total })
    : t('chartPriorityAllPlotted', { n: data.total });
  // Several walks of the brand: each its own marker (its place among the report's walks), named.
  const several = brand.walks.length > 1;
  const walkIndex = new Map(model.journeys.map((j, i) => [j.journey.id, i]));
  const styleOf = (journeyId: string) =>
    several ? (walkIndex.get(journeyId) ?? 0) : model.brands.indexOf(brand);
  const shortWalk = (journeyId: string) =>
    clip(walkPart(names.walk(journeyId), names.brand(brand.id)), 24);
  const desc = [
    `${title}. ${t('chartAxisImportance')}; ${t('chartAxisGap')}.`,
    ...QUADRANTS.map((q) => {
      const points = data.points
        .filter((p) => p.quadrant === q)
        .sort((a, b) => b.importance - a.importance || b.gap - a.gap || a.seq - b.seq)
        .map(
          (p) =>
            (several ? `${names.walk(p.journey.id)}, ` : '') +
            t('chartPriorityPoint', { n: p.seq, importance: p.importance, gap: p.gap }),
        );
      return `${t(`chartQuadrant_${q}`)}: ${points.length ? points.join(', ') : t('chartPriorityNone')}.`;
    }),
    leftOut,
  ].join(' ');
  const width = 640;
  const left = 58;
  const right = width - 14;
  const top = 12;
  const bottom = 312;
  const height = bottom + 44;
  const x = linearScale([0.5, 10.5], [left, right]);
  // Room above the top row and below the bottom row for the quadrant labels.
  const y = linearScale([-0.75, MAX_GAP + 0.9], [bottom, top]);
  const splitX = px(x(PRIORITY_SPLIT.importance));
  const splitY = px(y(PRIORITY_SPLIT.gap));
  const areas: Record<Quadrant, { x: number; y: number; w: number; h: number }> = {
    'fix-first': { x: splitX, y: top, w: right - splitX, h: splitY - top },
    'keep-up': { x: splitX, y: splitY, w: right - splitX, h: bottom - splitY },
    'improve-later': { x: left, y: top, w: splitX - left, h: splitY - top },
    'low-priority': { x: left, y: splitY, w: splitX - left, h: bottom - splitY },
  };
  const ownWalks = brand.walks.map((w) => w.journey.id);
  return (
    <ChartFigure
      prefix={prefix}
      title={title}
      note={
        <>
          {t('chartPriorityNote')} {leftOut}
        </>
      }
      desc={desc}
      width={width}
      height={height}
      legend={
        several ? (
          <Legend
            t={t}
            line={false}
            entries={ownWalks.map((id) => ({ index: styleOf(id), label: names.walk(id) }))}
          />
        ) : undefined
      }
    >
      <g aria-hidden="true">
        {QUADRANTS.map((q) => {
          const a = areas[q];
          const fix = q === 'fix-first';
          const high = q === 'fix-first' || q === 'improve-later';
          const end = q === 'fix-first' || q === 'keep-up';
          return (
            <g key={q} data-quadrant={q}>
              <rect
                x={px(a.x)}
                y={px(a.y)}
                width={px(a.w)}
                height={px(a.h)}
                fill={QUADRANT_FILL[q]}
                stroke={fix ? '#b42318' : 'none'}
                stroke-width={fix ? 2 : 0}
              />
              <text
                x={px(end ? a.x + a.w - 8 : a.x + 8)}
                y={px(high ? a.y + 18 : a.y + a.h - 8)}
                text-anchor={end ? 'end' : 'start'}
                font-size={fix ? 14 : 12}
                font-weight={fix ? '700' : '600'}
                fill={fix ? '#9b1c1c' : MUTED}
              >
                {t(`chartQuadrant_${q}`)}
              </text>
            </g>
          );
        })}
        {integerTicks(1, 10).map((v) => (
          <g key={`x${v}`}>
            <line
              x1={px(x(v))}
              x2={px(x(v))}
              y1={bottom}
              y2={bottom + 4}
              stroke={AXIS}
              stroke-width={1}
            />
            <text x={px(x(v))} y={bottom + 17} text-anchor="middle" fill={MUTED}>
              {v}
            </text>
          </g>
        ))}
        {integerTicks(0, MAX_GAP).map((v) => (
          <g key={`y${v}`}>
            <line x1={left - 4} x2={left} y1={px(y(v))} y2={px(y(v))} stroke={AXIS} />
            <text x={left - 8} y={px(y(v))} dy="0.35em" text-anchor="end" fill={MUTED}>
              {v}
            </text>
          </g>
        ))}
        <line
          x1={splitX}
          x2={splitX}
          y1={top}
          y2={bottom}
          stroke={AXIS}
          stroke-width={1}
          stroke-dasharray="5 4"
        />
        <line
          x1={left}
          x2={right}
          y1={splitY}
          y2={splitY}
          stroke={AXIS}
          stroke-width={1}
          stroke-dasharray="5 4"
        />
        <line x1={left} x2={left} y1={top} y2={bottom} stroke={AXIS} />
        <line x1={left} x2={right} y1={bottom} y2={bottom} stroke={AXIS} />
        <AxisTitles
          x={t('chartAxisImportance')}
          y={t('chartAxisGap')}
          plot={{ left, right, top, bottom }}
          height={height}
        />
        {data.clusters.map((c) => {
          const style = seriesStyle(styleOf(c.journey.id));
          const k = ownWalks.indexOf(c.journey.id);
          const cx = x(c.importance) + (k - (ownWalks.length - 1) / 2) * 10;
          const cy = y(c.gap);
          const steps = c.seqs.join(', ');
          const label = several ? `${shortWalk(c.journey.id)}: ${steps}` : steps;
          const flip = cx + 10 + label.length * CHAR > right;
          return (
            <g
              key={`${c.journey.id}:${c.importance}:${c.gap}`}
              data-quadrant-point={c.quadrant}
              data-journey={c.journey.id}
              data-steps={steps}
            >
              <Marker shape={style.marker} x={cx} y={cy} colour={style.colour} size={6} />
              <text
                x={px(flip ? cx - 10 : cx + 10)}
                y={px(cy)}
                dy="0.35em"
                text-anchor={flip ? 'end' : 'start'}
                font-size={13}
                font-weight="700"
                stroke="#fff"
                stroke-width={3}
                stroke-linejoin="round"
                paint-order="stroke"
              >
                {label}
              </text>
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}

/**
 * Which touchpoint types each brand has (steps per type and journey): a table, since a matrix is
 * one; a type a brand lacks is marked "missing" in words, not only in colour.
 */
export function CoverageMatrix({ model, locale, prefix }: ChartProps) {
  const t = translator(locale);
  const data = coverageMatrix(model, locale);
  if (data.rows.length === 0) return <NoChart text={t('chartCoverageNone')} />;
  const labels = reportLabels(model, locale);
  return (
    <table class="coverage" id={`${prefix}-table`}>
      <caption>
        <b class="chart-title">{t('chartCoverage')}</b> {t('chartCoverageNote')}{' '}
        {t('invCoverageNote')}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('chartCoverageType')}</th>
          {data.brands.map((b) => (
            <th scope="col" key={b.id} class={`role-${b.brand.role}`}>
              {labels.brandWithRole(b.id)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((row) => (
          <tr
            key={row.key}
            data-row={row.key}
            class={row.kind === 'channel' ? 'coverage-channel' : undefined}
          >
            <th scope="row">
              {row.kind === 'channel' ? t('chartCoverageChannel', { label: row.label }) : row.label}
            </th>
            {row.counts.every((count) => count === 0) ? (
              <td colSpan={row.counts.length} class="coverage-nobody">
                {t('invCoverageNobody')}
              </td>
            ) : (
              row.counts.map((count, i) =>
                count === 0 ? (
                  <td key={i} class="coverage-missing">
                    <span>{t('chartCoverageMissing')}</span>
                  </td>
                ) : (
                  <td key={i}>{count}</td>
                ),
              )
            )}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('chartCoverageTotal')}</th>
          {data.totals.map((total, i) => (
            <td key={i}>{total}</td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

const HOUR_MS = 3_600_000;

function kpiText(kpi: KpiId, value: number, locale: Locale): string {
  switch (kpi) {
    case 'touches':
      // A median of two walks may fall between whole touches.
      return Number.isInteger(value) ? String(value) : formatNumber(value, locale);
    case 'time':
      return formatDuration(value * HOUR_MS, locale);
    case 'experience':
      return formatNumber(value, locale);
    case 'compliance':
      return `${Math.round(value)}%`;
  }
}

/** Key figures as bar groups (touches, time to goal, average experience, checklist compliance). */
export function KpiBars({ model, locale, prefix }: ChartProps) {
  const t = translator(locale);
  if (model.brands.length === 0) return <NoChart text={t('chartKpiNone')} />;
  const groups = kpiGroups(model);
  const names = reportLabels(model, locale);
  const labels = model.brands.map((b) => names.brandWithRole(b.id));
  const width = 640;
  const labelWidth = 190;
  const barStart = labelWidth + 4;
  const barMax = 330;
  const row = 22;
  const head = 22;
  const gap = 16;
  const groupHeight = (g: KpiGroup) => head + g.bars.length * row + gap;
  const height = groups.reduce((sum, g) => sum + groupHeight(g), 0) - gap + 4;
  const valueOf = (g: KpiGroup, v: number | null) =>
    v === null ? `— (${t('chartNoValue')})` : kpiText(g.kpi, v, locale);
  const desc = [
    `${t('chartKpi')}.`,
    ...groups.map(
      (g) =>
        `${t(`chartKpi_${g.kpi}`)}: ${g.bars.map((b) => `${labels[b.index]} ${valueOf(g, b.value)}`).join(', ')}.`,
    ),
  ].join(' ');
  let top = 0;
  return (
    <ChartFigure
      prefix={prefix}
      title={t('chartKpi')}
      note={t('chartKpiNote')}
      desc={desc}
      width={width}
      height={height}
    >
      <g aria-hidden="true">
        {groups.map((g) => {
          const y0 = top;
          top += groupHeight(g);
          return (
            <g key={g.kpi} data-kpi={g.kpi}>
              <text x={0} y={y0 + 15} font-weight="700" font-size={13}>
                {t(`chartKpi_${g.kpi}`)}
              </text>
              <line
                x1={barStart}
                x2={barStart}
                y1={y0 + head - 2}
                y2={y0 + head + g.bars.length * row - 2}
                stroke={AXIS}
              />
              {g.bars.map((b, i) => {
                const y = y0 + head + i * row;
                const style = seriesStyle(b.index);
                const length = b.value === null || g.max <= 0 ? 0 : (b.value / g.max) * barMax;
                return (
                  <g key={b.brand.id} data-brand={b.brand.id}>
                    <text x={labelWidth - 6} y={y + 9} dy="0.35em" text-anchor="end">
                      {clipMiddle(labels[b.index]!, 28)}
                    </text>
                    {b.value !== null && (
                      <rect
                        x={barStart}
                        y={y + 1}
                        width={px(Math.max(length, 1.5))}
                        height={16}
                        fill={style.colour}
                      />
                    )}
                    <text
                      x={px(barStart + length + 6)}
                      y={y + 9}
                      dy="0.35em"
                      font-weight={b.value === null ? '400' : '600'}
                      fill={b.value === null ? MUTED : '#1c2330'}
                    >
                      {valueOf(g, b.value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
    </ChartFigure>
  );
}

/** Every chart of the report in one section; a chart with nothing to draw leaves a one-line note. */
export function ReportCharts({
  model,
  locale,
  prefix = 'chart',
}: {
  model: ReportModel;
  locale: Locale;
  prefix?: string;
}) {
  const t = translator(locale);
  return (
    <section class="charts" aria-labelledby={`${prefix}s-title`}>
      <h2 id={`${prefix}s-title`}>{t('chartsTitle')}</h2>
      <div class="charts-grid">
        <ExperienceChart model={model} locale={locale} prefix={`${prefix}-experience-step`} />
        <ExperienceChart
          model={model}
          locale={locale}
          prefix={`${prefix}-experience-stage`}
          by="stage"
        />
        <LikelihoodChart model={model} locale={locale} prefix={`${prefix}-likelihood`} />
        <LikelihoodChart
          model={model}
          locale={locale}
          prefix={`${prefix}-likelihood-stage`}
          by="stage"
        />
        <PriorityMatrix model={model} locale={locale} prefix={`${prefix}-priority`} />
        <KpiBars model={model} locale={locale} prefix={`${prefix}-kpi`} />
      </div>
      <div class="chart-wide">
        <CoverageMatrix model={model} locale={locale} prefix={`${prefix}-coverage`} />
      </div>
    </section>
  );
}
