/**
 * Waves over time (lib/report/trend.ts): with three or more waves a line chart per figure (one
 * line per brand, x = the waves), always a table of the same figures. Static SVG, presentation
 * attributes only; each line has a colour and a dash pattern, each chart a text alternative.
 */
import { formatNumber, translator, type MessageKey, type Translate } from '../../lib/i18n';
import type { ReportModel } from '../../lib/report/model';
import {
  TREND_CHART_WAVES,
  TREND_METRICS,
  TREND_RANGE,
  waveTrend,
  type TrendMetric,
  type TrendPoint,
  type WaveTrend,
} from '../../lib/report/trend';
import { percentText, reportLabels } from '../../lib/report/words';
import type { Locale } from '../../lib/taxonomy';
import { nudgeApart, seriesStyle } from '../../lib/report/series';
import { ChartFigure, Marker } from './charts';

const METRIC_KEY: Record<TrendMetric, MessageKey> = {
  experience: 'trendExperience',
  compliance: 'trendCompliance',
  standards: 'trendStandards',
  likelihood: 'trendLikelihood',
};

/** A figure as shown: experience and likelihood to 0.1, shares as whole percent. */
export function trendValue(metric: TrendMetric, value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return metric === 'compliance' || metric === 'standards'
    ? percentText(value, locale)
    : formatNumber(value, locale);
}

/** A brand's line: its own colour, dash and marker (36 before any repeats). */
const style = seriesStyle;
const CHAR = 6.6;

function TrendChart({
  trend,
  metric,
  names,
  locale,
  t,
}: {
  trend: WaveTrend;
  metric: TrendMetric;
  names: string[];
  locale: Locale;
  t: Translate;
}) {
  const prefix = `trend-${metric}`;
  const [lo, hi] = TREND_RANGE[metric];
  const waveNames = trend.waves.map((w) => w.name);
  const step = Math.max(110, ...waveNames.map((n) => n.length * CHAR + 12));
  const left = 44;
  const top = 12;
  const plot = 180;
  // Each brand's name at its line's end (shortened; the legend and the table say it whole).
  const ends = trend.brands.flatMap((b, i) => {
    const last = b.points.findLastIndex((p) => (p?.[metric] ?? null) !== null);
    return last === -1
      ? []
      : [{ i, last, value: b.points[last]![metric]!, text: endText(names[i]!) }];
  });
  const plotRight = left + step * trend.waves.length;
  // Room for the names whether or not this figure has values (the four charts stay one size).
  const width = plotRight + Math.max(0, ...names.map((n) => endText(n).length)) * CHAR + 34;
  const x = (i: number) => left + step * i + step / 2;
  const y = (v: number) => top + plot - ((v - lo) / (hi - lo)) * plot;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => lo + f * (hi - lo));
  const endYs = nudgeApart(
    ends.map((e) => y(e.value)),
    13,
    top,
    top + plot,
  );
  const height = Math.ceil(Math.max(top + plot + 30, ...endYs.map((v) => v + 10)));
  const title = t(METRIC_KEY[metric]);
  const desc = trend.brands
    .map(
      (b, i) =>
        `${names[i]}: ${b.points
          .map((p, w) => `${waveNames[w]} ${trendValue(metric, p?.[metric] ?? null, locale)}`)
          .join(', ')}`,
    )
    .join('; ');
  return (
    <ChartFigure
      prefix={prefix}
      title={title}
      note={t('trendChartNote')}
      desc={desc}
      width={width}
      height={height}
    >
      {ticks.map((v) => (
        <g key={v}>
          <line x1={left} x2={width} y1={y(v)} y2={y(v)} stroke="#e3e7ee" />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" fill="#566074">
            {formatNumber(v, locale, Number.isInteger(v) ? 0 : 1)}
          </text>
        </g>
      ))}
      {waveNames.map((name, w) => (
        <text key={trend.waves[w]!.id} x={x(w)} y={height - 8} text-anchor="middle">
          {name}
        </text>
      ))}
      {trend.brands.map((b, i) => {
        const s = style(i);
        // A wave without a value breaks the line: it is not drawn through.
        const runs: { w: number; v: number }[][] = [[]];
        b.points.forEach((p, w) => {
          const v = p?.[metric] ?? null;
          if (v === null) runs.push([]);
          else runs.at(-1)!.push({ w, v });
        });
        return (
          <g key={b.brandId} data-brand={b.brandId}>
            {runs
              .filter((run) => run.length > 1)
              .map((run) => (
                <polyline
                  key={run[0]!.w}
                  points={run.map(({ w, v }) => `${x(w)},${y(v)}`).join(' ')}
                  fill="none"
                  stroke={s.colour}
                  stroke-width={2.25}
                  stroke-dasharray={s.dash || undefined}
                />
              ))}
            {runs.flat().map(({ w, v }) => (
              <Marker key={w} shape={s.marker} x={x(w)} y={y(v)} colour={s.colour} />
            ))}
          </g>
        );
      })}
      {ends.map((e, k) => {
        const s = style(e.i);
        const ly = Math.round(endYs[k]! * 10) / 10;
        return (
          <g key={`end-${e.i}`} data-end-label={e.text}>
            <polyline
              points={`${x(e.last) + 6},${y(e.value)} ${plotRight + 4},${ly}`}
              fill="none"
              stroke={s.colour}
              stroke-width={1}
            />
            <Marker shape={s.marker} x={plotRight + 12} y={ly} colour={s.colour} size={3.5} />
            <text x={plotRight + 22} y={ly} dy="0.35em" font-size={11} fill={s.colour}>
              {e.text}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

/** A name at a line's end: at most 20 characters. */
function endText(name: string): string {
  return name.length > 20 ? `${name.slice(0, 19).trimEnd()}…` : name;
}

function Legend({ names, t }: { names: string[]; t: Translate }) {
  return (
    <ul class="chart-legend" aria-label={t('chartLegend')}>
      {names.map((name, i) => (
        <li key={i}>
          <svg
            class="chart-key"
            width={40}
            height={14}
            viewBox="0 0 40 14"
            aria-hidden="true"
            focusable="false"
          >
            <line
              x1={1}
              y1={7}
              x2={39}
              y2={7}
              stroke={style(i).colour}
              stroke-width={2.25}
              stroke-dasharray={style(i).dash || undefined}
            />
            <Marker shape={style(i).marker} x={20} y={7} colour={style(i).colour} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

function PointText({ point, locale, t }: { point: TrendPoint; locale: Locale; t: Translate }) {
  return (
    <ul class="trend-point">
      {TREND_METRICS.map((metric) => (
        <li key={metric}>
          {t(METRIC_KEY[metric])}: <b>{trendValue(metric, point[metric], locale)}</b>
        </li>
      ))}
      <li class="muted">{t('segmentWalks', { n: point.walks })}</li>
    </ul>
  );
}

/**
 * The waves-over-time section: from two waves with walks (the report's history: chosen brands and
 * segment); the charts from TREND_CHART_WAVES waves; nothing with fewer than two.
 */
export function TrendSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const trend = waveTrend(model);
  if (trend.waves.length < 2) return null;
  const labels = reportLabels(model, locale);
  const names = trend.brands.map((b) => labels.brandWithRole(b.brandId));
  return (
    <section class="trend" aria-labelledby="trend-title">
      <h2 id="trend-title">{t('trendTitle')}</h2>
      <p class="explain">{t('trendExplained')}</p>
      {trend.waves.length >= TREND_CHART_WAVES && (
        <>
          <div class="charts-grid">
            {TREND_METRICS.map((metric) => (
              <TrendChart
                key={metric}
                trend={trend}
                metric={metric}
                names={names}
                locale={locale}
                t={t}
              />
            ))}
          </div>
          <Legend names={names} t={t} />
        </>
      )}
      <table class="plan-table trend-table" aria-labelledby="trend-title">
        <thead>
          <tr>
            <th scope="col">{t('brand')}</th>
            {trend.waves.map((w) => (
              <th scope="col" key={w.id}>
                {w.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.brands.map((b, i) => (
            <tr key={b.brandId}>
              <th scope="row">{names[i]}</th>
              {b.points.map((p, w) => (
                <td key={trend.waves[w]!.id}>
                  {p ? (
                    <PointText point={p} locale={locale} t={t} />
                  ) : (
                    <span class="missing">{t('segmentNotWalked')}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
