/**
 * Segments: persona × brand and entry channel × brand in the compared wave (lib/report/segments.ts),
 * each as a table with a heat map of average experience beside it, and the segments a brand was
 * not walked in. Plain static SVG with presentation attributes only (the export's CSP allows no
 * inline style); every value drawn is in the table too.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import type { ReportModel } from '../../lib/report/model';
import {
  segmentTable,
  segmentsWorthShowing,
  type SegmentCell,
  type SegmentDimension,
  type SegmentTable,
} from '../../lib/report/segments';
import { percentText, reportLabels, type ReportLabels } from '../../lib/report/words';
import { channelLabel, type Locale } from '../../lib/taxonomy';
import { ChartFigure } from './charts';

/** The segment's name as the reader sees it: the persona (or "no persona"), the channel's label. */
export function segmentName(
  dimension: SegmentDimension,
  segment: string,
  t: Translate,
  locale: Locale,
  method?: ReportModel['method'],
): string {
  if (dimension === 'entryChannel') return channelLabel(segment, locale, method);
  return segment === '' ? t('labelNoPersona') : segment;
}

/** The heat map's fill for an average experience (1 red … 5 green); light grey when unscored. */
function heat(experience: number | null): string {
  if (experience === null) return '#f1f4f9';
  const palette = ['#f4c7c3', '#f9dcc4', '#fbf0c0', '#d9eecf', '#b5dfb0'];
  return palette[Math.min(4, Math.max(0, Math.round(experience) - 1))]!;
}

function CellText({ cell, locale, t }: { cell: SegmentCell; locale: Locale; t: Translate }) {
  return (
    <>
      <b>{cell.experience === null ? '—' : formatNumber(cell.experience, locale)}</b>
      <span class="muted">
        {' · '}
        {[
          t('segmentWalks', { n: cell.walks }),
          t('segmentCompliance', { percent: percentText(cell.compliance, locale) }),
          t('segmentTouches', { n: formatNumber(cell.touches, locale, cell.touches % 1 ? 1 : 0) }),
          t('segmentReached', { reached: cell.outcomes.reached, n: cell.walks }),
        ].join(' · ')}
      </span>
    </>
  );
}

/** Approximate width of a character at 12 px (SVG text is laid out without measuring it). */
const CHAR = 6.6;

function HeatMap({
  table,
  names,
  labels,
  locale,
  t,
}: {
  table: SegmentTable;
  names: string[];
  labels: ReportLabels;
  locale: Locale;
  t: Translate;
}) {
  const prefix = `segments-${table.dimension}-map`;
  const heads = table.brands.map((b) => labels.brand(b.id));
  const colWidth = Math.max(90, ...heads.map((h) => h.length * CHAR + 16));
  const rowHead = Math.max(110, ...names.map((n) => n.length * CHAR + 16));
  const rowHeight = 34;
  const top = 28;
  const width = rowHead + colWidth * heads.length;
  const height = top + rowHeight * table.rows.length;
  const desc = table.rows
    .map((row, r) =>
      row.cells
        .map((cell, c) =>
          t('segmentMapPoint', {
            segment: names[r]!,
            brand: heads[c]!,
            value:
              cell === null
                ? t('segmentNotWalked')
                : cell.experience === null
                  ? '—'
                  : formatNumber(cell.experience, locale),
          }),
        )
        .join('; '),
    )
    .join('; ');
  const title = t('segmentMapTitle');
  return (
    <ChartFigure
      prefix={prefix}
      title={title}
      note={t('segmentMapNote')}
      desc={desc}
      width={width}
      height={height}
    >
      {heads.map((head, c) => (
        <text
          key={table.brands[c]!.id}
          x={rowHead + c * colWidth + colWidth / 2}
          y={top - 10}
          text-anchor="middle"
          font-weight={600}
        >
          {head}
        </text>
      ))}
      {table.rows.map((row, r) => (
        <g key={row.segment} data-segment={row.segment}>
          <text x={0} y={top + r * rowHeight + rowHeight / 2 + 4}>
            {names[r]}
          </text>
          {row.cells.map((cell, c) => {
            const x = rowHead + c * colWidth;
            const y = top + r * rowHeight;
            return (
              <g key={table.brands[c]!.id}>
                <rect
                  x={x + 1}
                  y={y + 1}
                  width={colWidth - 2}
                  height={rowHeight - 2}
                  fill={cell ? heat(cell.experience) : '#ffffff'}
                  stroke={cell ? '#ffffff' : '#d99a9a'}
                  stroke-dasharray={cell ? undefined : '4 3'}
                />
                <text
                  x={x + colWidth / 2}
                  y={y + rowHeight / 2 + 4}
                  text-anchor="middle"
                  fill={cell ? '#1c2330' : '#9b2c2c'}
                >
                  {cell === null
                    ? t('segmentNotWalked')
                    : cell.experience === null
                      ? '—'
                      : formatNumber(cell.experience, locale)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </ChartFigure>
  );
}

function gapText(
  table: SegmentTable,
  gap: SegmentTable['gaps'][number],
  name: string,
  labels: ReportLabels,
  t: Translate,
): string {
  const brand = labels.brand(gap.brandId);
  if (table.dimension === 'persona')
    return gap.own
      ? t('segmentGapPersonaOwn', { persona: name, brand })
      : t('segmentGapPersona', { persona: name, brand });
  return gap.own
    ? t('segmentGapChannelOwn', { channel: name, brand })
    : t('segmentGapChannel', { channel: name, brand });
}

function Table({
  table,
  model,
  locale,
}: {
  table: SegmentTable;
  model: ReportModel;
  locale: Locale;
}) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const names = table.rows.map((r) =>
    segmentName(table.dimension, r.segment, t, locale, model.method),
  );
  const nameOf = new Map(table.rows.map((r, i) => [r.segment, names[i]!]));
  const id = `segments-${table.dimension}`;
  return (
    <div class="segment-table" data-dimension={table.dimension}>
      <h3 id={`${id}-title`}>
        {t(table.dimension === 'persona' ? 'segmentsByPersona' : 'segmentsByChannel')}
      </h3>
      <table class="plan-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t(table.dimension === 'persona' ? 'persona' : 'entryChannel')}</th>
            {table.brands.map((b) => (
              <th scope="col" key={b.id} class={`role-${b.role}`}>
                {labels.brandWithRole(b.id)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={row.segment} data-segment={row.segment}>
              <th scope="row">{names[r]}</th>
              {row.cells.map((cell, c) => (
                <td key={table.brands[c]!.id}>
                  {cell ? (
                    <CellText cell={cell} locale={locale} t={t} />
                  ) : (
                    <span class="missing">{t('segmentNotWalked')}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <HeatMap table={table} names={names} labels={labels} locale={locale} t={t} />
      {table.gaps.length > 0 && (
        <>
          <h4 id={`${id}-gaps`}>{t('segmentGaps')}</h4>
          <ul class="segment-gaps" aria-labelledby={`${id}-gaps`}>
            {table.gaps.map((gap) => (
              <li key={`${gap.segment}\u0000${gap.brandId}`} class={gap.own ? 'own' : undefined}>
                {gapText(table, gap, nameOf.get(gap.segment)!, labels, t)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/**
 * The segments section: a table per dimension with two or more segments walked in the compared
 * wave (every walk of the chosen brands, whatever segment the report is filtered to); nothing
 * when neither has.
 */
export function SegmentsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const tables = (['persona', 'entryChannel'] as const)
    .map((dimension) => segmentTable(model, dimension))
    .filter(segmentsWorthShowing);
  if (tables.length === 0) return null;
  return (
    <section class="segments" aria-labelledby="segments-title">
      <h2 id="segments-title">{t('segmentsTitle')}</h2>
      <p class="explain">{t('segmentsExplained')}</p>
      {tables.map((table) => (
        <Table key={table.dimension} table={table} model={model} locale={locale} />
      ))}
    </section>
  );
}
