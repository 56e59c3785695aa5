/**
 * The touchpoint catalogue as a mind map (lib/report/mind-map.ts): static SVG (no scripts, no
 * inline styles: the export's CSP), every name a text node (hostile names stay text), each type
 * marked per brand in words as well as colour, with a key and the same data as a table.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import {
  MAP,
  MARK_KINDS,
  layoutMindMap,
  linkPath,
  markCounts,
  markSymbol,
  mindMapData,
  type MapType,
  type MindMapData,
  type MarkKind,
  type TypeMark,
} from '../../lib/report/mind-map';
import type { ReportModel } from '../../lib/report/model';
import { reportLabels } from '../../lib/report/words';
import type { Locale } from '../../lib/taxonomy';

export const MIND_MAP_CSS = `
.mind-map .map-scroll{overflow-x:auto;max-width:100%}
.mind-map .map-svg{display:block;height:auto;max-width:none}
.mind-map .map-key{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:6px 0;font-size:12px}
.mind-map .map-notes{font-size:12px;color:#566074;margin:4px 0}
.mind-map details{margin:8px 0}
.mind-map summary{cursor:pointer;font-size:13px}
.map-table{border-collapse:collapse;font-size:12px;margin-top:6px}
.map-table caption{text-align:left;font-size:12px;color:#566074;padding:0 0 6px}
.map-table th,.map-table td{border:1px solid #d9dee7;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.map-table thead th{background:#f1f4f9}
.map-table th[scope=rowgroup]{background:#e6eefc;font-weight:600}
.map-table tbody th[scope=row]{font-weight:400}
.map-table td.mark-absent{color:#4a5568;background:#eceef2}
.map-table td.mark-notWalked{color:#566074}
@media print{.mind-map .map-scroll{overflow:visible}.mind-map .map-svg{max-width:100%}.mind-map details{display:none}}
`;

/** Cell fill by the rounded mean experience (1 poor … 5 excellent); the number is always written. */
const SCORE_FILL = ['#f9d4d2', '#fbe2c6', '#fbf0c0', '#dcefdc', '#c4e6cd'];
const MUTED = '#566074';

/** A mark in words (the table, the cell's tooltip). */
export function markText(mark: TypeMark, locale: Locale, t: Translate): string {
  return mark.kind === 'score'
    ? t('mapMark_score', { value: formatNumber(mark.mean ?? 0, locale), n: mark.steps })
    : t(`mapMark_${mark.kind}`, { n: mark.steps });
}

function Cell({
  mark,
  x,
  y,
  w,
  h,
  title,
  locale,
}: {
  mark: TypeMark;
  x: number;
  y: number;
  w: number;
  h: number;
  title: string;
  locale: Locale;
}) {
  const kind: MarkKind = mark.kind;
  const fill =
    kind === 'score'
      ? SCORE_FILL[Math.min(4, Math.max(0, Math.round(mark.mean ?? 1) - 1))]!
      : kind === 'absent'
        ? '#dfe3ea'
        : '#ffffff';
  const stroke = kind === 'notWalked' ? '#8a94a6' : kind === 'exists' ? '#13795b' : '#aab3c2';
  return (
    <g data-mark={kind}>
      <title>{title}</title>
      <rect
        x={r(x)}
        y={r(y)}
        width={w}
        height={h}
        rx={3}
        fill={fill}
        stroke={stroke}
        stroke-width={1}
        stroke-dasharray={kind === 'notWalked' ? '3 2' : undefined}
      />
      <text
        x={r(x + w / 2)}
        y={r(y + h / 2)}
        dy="0.35em"
        text-anchor="middle"
        font-size={11}
        font-weight={kind === 'score' ? '700' : '400'}
        fill={kind === 'notWalked' ? MUTED : '#1c2330'}
      >
        {markSymbol(mark, locale)}
      </text>
    </g>
  );
}

const r = (v: number) => Math.round(v * 10) / 10;

/** Lines of a node's text, centred vertically in its box. */
function Lines({
  lines,
  x,
  y,
  h,
  anchor = 'start',
  bold = false,
  fill = '#1c2330',
}: {
  lines: string[];
  x: number;
  y: number;
  h: number;
  anchor?: 'start' | 'middle';
  bold?: boolean;
  fill?: string;
}) {
  const top = y + h / 2 - ((lines.length - 1) * MAP.line) / 2;
  return (
    <text
      x={r(x)}
      y={r(top)}
      dy="0.35em"
      text-anchor={anchor}
      font-weight={bold ? '700' : '400'}
      fill={fill}
    >
      {lines.map((line, i) => (
        <tspan key={i} x={r(x)} y={r(top + i * MAP.line)} dy="0.35em">
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** Room above the map for the brands' names over their columns of marks. */
const HEADER_CHARS = 16;

/** The report's touchpoint map section: the map, its key, notes and the table. */
export function MindMapSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const data = mindMapData(model, locale);
  const labels = reportLabels(model, locale);
  const brandNames = data.brands.map((b) => labels.brandWithRole(b.id));
  const shortened =
    data.categories.filter((c) => c.label.shortened).length +
    data.categories.reduce((sum, c) => sum + c.types.filter((x) => x.label.shortened).length, 0);
  return (
    <section class="mind-map" aria-labelledby="mind-map-title">
      <h2 id="mind-map-title">{t('mapTitle')}</h2>
      {data.typeCount === 0 ? (
        <p class="chart-none">{t('mapNone')}</p>
      ) : (
        <>
          <p class="explain">{t('mapNote', { brands: brandNames.join(', ') || '—' })}</p>
          <MindMapFigure data={data} locale={locale} brandNames={brandNames} />
          <ul class="map-key" aria-label={t('mapKey')}>
            {MARK_KINDS.map((kind) => (
              <li key={kind}>{t(`mapKey_${kind}`)}</li>
            ))}
          </ul>
          {shortened > 0 && <p class="map-notes">{t('mapShortened', { n: shortened })}</p>}
          {data.offMap > 0 && <p class="map-notes">{t('mapOffMap', { n: data.offMap })}</p>}
          <details>
            <summary>{t('mapTable', { n: data.typeCount })}</summary>
            <MindMapTable data={data} locale={locale} brandNames={brandNames} />
          </details>
        </>
      )}
    </section>
  );
}

function MindMapFigure({
  data,
  locale,
  brandNames,
}: {
  data: MindMapData;
  locale: Locale;
  brandNames: string[];
}) {
  const t = translator(locale);
  const layout = layoutMindMap(data, t('mapRoot'));
  const header = data.brands.length ? Math.ceil(HEADER_CHARS * MAP.char * 0.71) + 14 : 0;
  const width = layout.width + (data.brands.length ? 60 : 0);
  const height = layout.height + header;
  const title = t('mapTitle');
  const desc = [
    t('mapDesc', {
      title,
      categories: data.categories.length,
      types: data.typeCount,
      brands: data.brands.length,
    }),
    ...data.brands.map((_, i) => {
      const counts = markCounts(data, i);
      return t('mapBrandSummary', { brand: brandNames[i]!, ...counts });
    }),
  ].join(' ');
  // The brands' names over the marks' columns, once per side with types.
  const heads = (['left', 'right'] as const).flatMap((side) => {
    const first = layout.types.find((p) => p.side === side);
    return first ? first.cells.map((cell, i) => ({ side, x: cell.x + cell.w / 2, i })) : [];
  });
  const clipName = (name: string) =>
    name.length > HEADER_CHARS ? `${name.slice(0, HEADER_CHARS - 1).trimEnd()}…` : name;
  return (
    // Scrolls sideways when wider than the page: reachable by keyboard (axe: scrollable region).
    <div class="map-scroll" tabIndex={0} role="group" aria-label={title}>
      <svg
        class="map-svg"
        role="img"
        aria-labelledby="mind-map-svg-title mind-map-svg-desc"
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        font-size={12}
        fill="#1c2330"
        data-types={data.typeCount}
      >
        <title id="mind-map-svg-title">{title}</title>
        <desc id="mind-map-svg-desc">{desc}</desc>
        {heads.map(({ side, x, i }) => (
          <text
            key={`${side}${i}`}
            x={r(x)}
            y={header - 6}
            transform={`rotate(-45 ${r(x)} ${header - 6})`}
            font-size={11}
            fill={MUTED}
          >
            <title>{brandNames[i]}</title>
            {clipName(brandNames[i] ?? '')}
          </text>
        ))}
        <g transform={`translate(0 ${header})`}>
          {layout.links.map((link, i) => (
            <path key={i} d={linkPath(link)} fill="none" stroke="#aab3c2" stroke-width={1.25} />
          ))}
          <g data-node="root">
            <rect
              x={r(layout.root.x)}
              y={r(layout.root.y)}
              width={r(layout.root.w)}
              height={r(layout.root.h)}
              rx={layout.root.h / 2}
              fill="#1f5fbf"
            />
            <Lines
              lines={[t('mapRoot')]}
              x={layout.root.x + layout.root.w / 2}
              y={layout.root.y}
              h={layout.root.h}
              anchor="middle"
              bold
              fill="#ffffff"
            />
          </g>
          {layout.categories.map(({ category, box }) => (
            <g key={category.id} data-category={category.id}>
              {category.label.shortened && <title>{category.name}</title>}
              <rect
                x={r(box.x)}
                y={r(box.y)}
                width={r(box.w)}
                height={r(box.h)}
                rx={6}
                fill="#e6eefc"
                stroke="#1f5fbf"
                stroke-width={1.5}
              />
              <Lines lines={category.label.lines} x={box.x + MAP.pad} y={box.y} h={box.h} bold />
            </g>
          ))}
          {layout.types.map(({ type, box, cells }) => (
            <TypeNode
              key={type.id}
              type={type}
              box={box}
              cells={cells}
              brandNames={brandNames}
              locale={locale}
              t={t}
            />
          ))}
        </g>
      </svg>
    </div>
  );
}

function TypeNode({
  type,
  box,
  cells,
  brandNames,
  locale,
  t,
}: {
  type: MapType;
  box: { x: number; y: number; w: number; h: number };
  cells: { x: number; y: number; w: number; h: number }[];
  brandNames: string[];
  locale: Locale;
  t: Translate;
}) {
  return (
    <g data-type={type.id} data-shortened={type.label.shortened ? 'true' : undefined}>
      <g>
        <title>{type.name}</title>
        <rect
          x={r(box.x)}
          y={r(box.y)}
          width={r(box.w)}
          height={r(box.h)}
          rx={4}
          fill="#f7f9fc"
          stroke="#d9dee7"
        />
        <Lines lines={type.label.lines} x={box.x + MAP.pad} y={box.y} h={box.h} />
      </g>
      {type.marks.map((mark, i) => (
        <Cell
          key={i}
          mark={mark}
          {...cells[i]!}
          title={`${type.name} — ${brandNames[i]}: ${markText(mark, locale, t)}`}
          locale={locale}
        />
      ))}
    </g>
  );
}

/** The map's text alternative: a table of types (grouped by category) by brands. */
function MindMapTable({
  data,
  locale,
  brandNames,
}: {
  data: MindMapData;
  locale: Locale;
  brandNames: string[];
}) {
  const t = translator(locale);
  return (
    <table class="map-table" id="mind-map-table">
      <caption>{t('mapTableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('mapTableType')}</th>
          {brandNames.map((name, i) => (
            <th scope="col" key={data.brands[i]!.id}>
              {name}
            </th>
          ))}
        </tr>
      </thead>
      {data.categories.map((category) => (
        <tbody key={category.id} data-category={category.id}>
          <tr>
            <th scope="rowgroup" colSpan={brandNames.length + 1}>
              {category.name}
            </th>
          </tr>
          {category.types.map((type) => (
            <tr key={type.id} data-type={type.id}>
              <th scope="row">{type.name}</th>
              {type.marks.map((mark, i) => (
                <td key={i} class={`mark-${mark.kind}`}>
                  {markText(mark, locale, t)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
