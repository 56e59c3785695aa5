/**
 * Expected against found (the report's `blindSpots` section): the blind-spot matrix (SVG, with
 * the quadrants in words as its text alternative) and the largest gaps. The figures are
 * lib/report/blind-spots.ts; rendered on the report page and in the exported file alike.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import {
  BLIND_SPOT_SPLIT,
  blindSpots,
  targetName,
  type BlindSpotRow,
  type Quadrant,
} from '../../lib/report/blind-spots';
import type { ReportModel } from '../../lib/report/model';
import { reportLabels } from '../../lib/report/words';
import type { Locale } from '../../lib/taxonomy';

const QUADRANTS: readonly Quadrant[] = ['blind-spot', 'strength', 'known-weakness', 'surprise'];

export function quadrantText(quadrant: Quadrant, t: Translate, short = false): string {
  switch (quadrant) {
    case 'blind-spot':
      return t(short ? 'bsQBlindShort' : 'bsQBlind');
    case 'strength':
      return t(short ? 'bsQStrengthShort' : 'bsQStrength');
    case 'known-weakness':
      return t('bsQKnown');
    case 'surprise':
      return t(short ? 'bsQSurpriseShort' : 'bsQSurprise');
  }
}

/** "Found" of a row: the value, or why there is none ("not walked", "walked, not scored"). */
export function foundText(row: BlindSpotRow, locale: Locale, t: Translate): string {
  if (row.found !== null) return formatNumber(row.found, locale);
  return t(row.steps === 0 ? 'bsNotWalked' : 'bsNotScored');
}

/** A gap with its sign: "+3.0", "−2.0" (a typographic minus), "0.0". */
export function signedText(value: number, locale: Locale): string {
  const text = formatNumber(Math.abs(value), locale);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export function BlindSpotsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const spots = blindSpots(model);
  if (!spots.rows.length) return null;
  const name = (row: BlindSpotRow) => targetName(row.target, model.method.types, locale, t);
  const labels = reportLabels(model, locale);
  const num = (v: number) => formatNumber(v, locale);
  return (
    <section class="blind-spots">
      <h2 id="blind-spots-title">{t('bsTitle')}</h2>
      {spots.own ? (
        <p class="explain">{t('bsExplained', { brand: labels.brand(spots.own.id) })}</p>
      ) : (
        <p class="empty">{t('bsNoOwn')}</p>
      )}
      {spots.own && <Matrix rows={spots.gaps} name={name} t={t} locale={locale} />}
      <h3 id="blind-gaps-title">{t('bsGaps')}</h3>
      <table class="standards-table blind-gaps" aria-labelledby="blind-gaps-title">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('exTarget')}</th>
            <th scope="col">{t('bsExpectedCol')}</th>
            <th scope="col">{t('bsFoundCol')}</th>
            <th scope="col">{t('bsGapCol')}</th>
            <th scope="col">{t('bsQuadrantCol')}</th>
          </tr>
        </thead>
        <tbody>
          {spots.gaps.map((row, i) => (
            <tr
              key={row.key}
              data-target={row.key}
              class={row.quadrant === 'blind-spot' ? 'behind' : undefined}
            >
              <td>{i + 1}</td>
              <th scope="row">{name(row)}</th>
              <td>
                {t('bsExpectedN', { value: num(row.expected), n: row.n })}
                {row.by.length > 0 && (
                  <div class="muted">{t('bsBy', { names: row.by.join(', ') })}</div>
                )}
              </td>
              <td class={row.found === null ? 'absent' : undefined}>
                {row.found === null ? (
                  <span class="missing">{foundText(row, locale, t)}</span>
                ) : (
                  foundText(row, locale, t)
                )}
              </td>
              <td>{row.gap === null ? '—' : signedText(row.gap, locale)}</td>
              <td>{row.quadrant ? quadrantText(row.quadrant, t, true) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const SIZE = 360;
const PAD = { left: 44, right: 16, top: 16, bottom: 40 } as const;
const PLOT = SIZE - PAD.left - PAD.right;
const PLOT_H = SIZE - PAD.top - PAD.bottom;

/** The 2×2 matrix: expected across, found up, split at 3; each point numbered as in the table. */
function Matrix(props: {
  rows: BlindSpotRow[];
  name: (row: BlindSpotRow) => string;
  t: Translate;
  locale: Locale;
}) {
  const { rows, name, t } = props;
  const x = (v: number) => PAD.left + ((v - 1) / 4) * PLOT;
  const y = (v: number) => PAD.top + (1 - (v - 1) / 4) * PLOT_H;
  const splitX = x(BLIND_SPOT_SPLIT);
  const splitY = y(BLIND_SPOT_SPLIT);
  const numbered = rows
    .map((row, i) => ({ row, n: i + 1 }))
    .filter(({ row }) => row.found !== null);
  // Points on the same spot are drawn side by side, not on top of each other.
  const seen = new Map<string, number>();
  const placed = numbered.map(({ row, n }) => {
    const key = `${row.expected.toFixed(2)}:${row.found!.toFixed(2)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return { row, n, cx: x(row.expected) + k * 14, cy: y(row.found!) };
  });
  const corner = (q: Quadrant) =>
    q === 'blind-spot'
      ? { x: SIZE - PAD.right - 6, y: SIZE - PAD.bottom - 8, anchor: 'end' }
      : q === 'strength'
        ? { x: SIZE - PAD.right - 6, y: PAD.top + 16, anchor: 'end' }
        : q === 'known-weakness'
          ? { x: PAD.left + 6, y: SIZE - PAD.bottom - 8, anchor: 'start' }
          : { x: PAD.left + 6, y: PAD.top + 16, anchor: 'start' };
  return (
    <figure class="chart blind-matrix" data-chart="blind-spots">
      <figcaption>
        <b class="chart-title">{t('bsMatrix')}</b> {t('bsMatrixDesc')}
      </figcaption>
      <svg
        class="blind-matrix-svg"
        role="img"
        aria-labelledby="blind-matrix-title blind-matrix-desc"
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        width={SIZE}
        height={SIZE}
        font-size={11}
        fill="#1c2330"
      >
        <title id="blind-matrix-title">{t('bsMatrix')}</title>
        <desc id="blind-matrix-desc">{t('bsMatrixDesc')}</desc>
        <rect
          x={splitX}
          y={splitY}
          width={SIZE - PAD.right - splitX}
          height={SIZE - PAD.bottom - splitY}
          fill="#fde8e8"
        />
        <rect x={PAD.left} y={PAD.top} width={PLOT} height={PLOT_H} fill="none" stroke="#8a94a6" />
        <line x1={splitX} x2={splitX} y1={PAD.top} y2={SIZE - PAD.bottom} stroke="#8a94a6" />
        <line x1={PAD.left} x2={SIZE - PAD.right} y1={splitY} y2={splitY} stroke="#8a94a6" />
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v} fill="#566074">
            <text x={x(v)} y={SIZE - PAD.bottom + 14} text-anchor="middle">
              {v}
            </text>
            <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        <text x={PAD.left + PLOT / 2} y={SIZE - 6} text-anchor="middle" fill="#566074">
          {t('bsAxisExpected')}
        </text>
        <text
          x={12}
          y={PAD.top + PLOT_H / 2}
          text-anchor="middle"
          fill="#566074"
          transform={`rotate(-90 12 ${PAD.top + PLOT_H / 2})`}
        >
          {t('bsAxisFound')}
        </text>
        {QUADRANTS.map((q) => {
          const c = corner(q);
          return (
            <text
              key={q}
              x={c.x}
              y={c.y}
              text-anchor={c.anchor}
              font-weight={q === 'blind-spot' ? 'bold' : undefined}
              fill={q === 'blind-spot' ? '#a61b1b' : '#566074'}
            >
              {quadrantText(q, t, true)}
            </text>
          );
        })}
        {placed.map(({ row, n, cx, cy }) => (
          <g key={row.key}>
            <circle
              cx={cx}
              cy={cy}
              r={8}
              fill={row.quadrant === 'blind-spot' ? '#a61b1b' : '#2f5da8'}
            />
            <text x={cx} y={cy + 4} text-anchor="middle" fill="#fff" font-size={10}>
              {n}
            </text>
          </g>
        ))}
      </svg>
      <ul class="blind-quadrants">
        {QUADRANTS.map((q) => {
          const here = numbered.filter(({ row }) => row.quadrant === q);
          return (
            <li key={q} data-quadrant={q}>
              {t('bsInQuadrant', {
                quadrant: quadrantText(q, t),
                targets: here.length
                  ? here.map(({ row, n }) => `${n}. ${name(row)}`).join('; ')
                  : t('bsNothingIn'),
              })}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}
