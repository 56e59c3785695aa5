/**
 * Waves compared: what changed for each brand between the latest earlier wave it was walked in and
 * the compared wave (lib/report/reaudit.ts), on the report page and in the exported file alike. Better and worse are words with an arrow, not only
 * a colour, so they read in print, in black and white and to a screen reader; no inline styles
 * (the export's CSP allows none): the look is REAUDIT_CSS, appended to the report stylesheet.
 */
import type { ComponentChildren } from 'preact';
import { formatDuration, formatNumber, translator, type Translate } from '../../lib/i18n';
import type { ReportBrand, ReportModel, ReportStep } from '../../lib/report/model';
import {
  reaudits,
  type Direction,
  type Figure,
  type ReauditPair,
  type ReauditStepPair,
  type StandardsFigure,
} from '../../lib/report/reaudit';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { ShotFrame, type ImageSource } from './picture';
import { outcomeText, percentText, reportLabels, standardsMetText } from '../../lib/report/words';
import { ColumnHeads } from './column-heads';
import { waveText } from './period';

interface Props {
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
}

/** Styles of the section, appended to the report's stylesheet (so hashed into the export's CSP). */
export const REAUDIT_CSS = `
.reaudit-pair{margin:0 0 24px}
.reaudit-pair h3{font-size:16px;margin:16px 0 6px}
.reaudit-table{margin:8px 0 12px}
.reaudit-table caption{text-align:left;font-weight:600;padding:4px 0}
.reaudit-table td.num{white-space:nowrap}
.reaudit-steps{table-layout:fixed}
.reaudit-steps th:first-child{width:150px}
.reaudit-steps td{overflow-wrap:anywhere}
.reaudit .trend{font-weight:700;white-space:nowrap}
.reaudit .trend-better{color:#1f6b36}
.reaudit .trend-worse{color:#9b2c2c}
.reaudit .trend-same,.reaudit .trend-unknown{color:#566074;font-weight:400}
.reaudit td.is-better{background:#eef8f1}
.reaudit td.is-worse{background:#fdf1f1}
.reaudit .change{color:#566074;white-space:nowrap}
.reaudit-changes{list-style:none;margin:0;padding:0;font-size:12px}
.reaudit-changes li{margin:2px 0}
.reaudit-side .step-head{margin:0 0 4px}
.reaudit-side .shot-frame img,.reaudit-side .shot-frame .shot-img{max-height:220px;width:auto}
.reaudit .in-stage{display:block;font-weight:400;font-size:12px;color:#566074}
.reaudit tr.only-before .missing,.reaudit tr.only-after .missing{font-size:12px}
@media print{.reaudit-pair{break-inside:auto}.reaudit-steps tr{break-inside:avoid}.reaudit td.is-better,.reaudit td.is-worse{background:none}}
`;

const TREND_KEY = {
  better: 'reauditBetter',
  worse: 'reauditWorse',
  same: 'reauditSame',
} as const;

function Trend({ direction, t }: { direction: Direction; t: Translate }) {
  return (
    <span class={`trend trend-${direction}`}>
      {direction === 'unknown' ? '—' : t(TREND_KEY[direction])}
    </span>
  );
}

/** How a figure's values and changes are written. */
interface Format {
  value: (v: number) => string;
  /** The size of a change (without sign). */
  change: (v: number) => string;
}

function signed(change: number, text: (abs: number) => string): string {
  return `${change > 0 ? '+' : change < 0 ? '−' : '±'}${text(Math.abs(change))}`;
}

function formats(locale: Locale, t: Translate) {
  const plain = (v: number) => String(v);
  const points = (v: number) => t('reauditPoints', { n: formatNumber(v, locale, 0) });
  return {
    count: { value: plain, change: plain },
    elapsed: {
      value: (v: number) => formatDuration(v, locale),
      change: (v: number) => formatDuration(v, locale),
    },
    experience: {
      value: (v: number) => formatNumber(v, locale),
      change: (v: number) => formatNumber(v, locale),
    },
    score5: { value: (v: number) => `${v}/5`, change: plain },
    score10: { value: (v: number) => `${v}/10`, change: plain },
    percent: { value: (v: number) => percentText(v, locale), change: points },
  } satisfies Record<string, Format>;
}

const valueText = (v: number | null, f: Format) => (v === null ? '—' : f.value(v));
const changeText = (change: number | null, f: Format) =>
  change === null ? '—' : signed(change, f.change);
const isClass = (d: Direction) => (d === 'better' || d === 'worse' ? `is-${d}` : undefined);

/** "3.0 → 4.2 (+1.2) ▲ better": one figure in one cell. */
function Compact({ fig, format, t }: { fig: Figure; format: Format; t: Translate }) {
  if (fig.before === null && fig.after === null) return <span class="muted">—</span>;
  return (
    <>
      {valueText(fig.before, format)} → {valueText(fig.after, format)}
      {fig.change !== null && fig.change !== 0 && (
        <span class="change"> ({changeText(fig.change, format)})</span>
      )}{' '}
      <Trend direction={fig.direction} t={t} />
    </>
  );
}

function StandardsCompact({ fig, t }: { fig: StandardsFigure; t: Translate }) {
  return (
    <>
      {standardsMetText(fig.before)} → {standardsMetText(fig.after)}{' '}
      <Trend direction={fig.direction} t={t} />
    </>
  );
}

function FigureRow({
  label,
  before,
  after,
  change,
  direction,
  t,
}: {
  label: string;
  before: string;
  after: string;
  change: string;
  direction: Direction;
  t: Translate;
}) {
  return (
    <tr class={isClass(direction)}>
      <th scope="row">{label}</th>
      <td class="num">{before}</td>
      <td class="num">{after}</td>
      <td class="num">{change}</td>
      <td class={isClass(direction)}>
        <Trend direction={direction} t={t} />
      </td>
    </tr>
  );
}

function FiguresTable({ pair, locale }: { pair: ReauditPair; locale: Locale }) {
  const t = translator(locale);
  const f = formats(locale, t);
  const { figures } = pair;
  const rows: { label: string; fig: Figure; format: Format }[] = [
    { label: t('kpiTouches'), fig: figures.touches, format: f.count },
    { label: t('kpiElapsed'), fig: figures.elapsed, format: f.elapsed },
    { label: t('kpiAverageExperience'), fig: figures.experience, format: f.experience },
    { label: t('reportCompliance'), fig: figures.compliance, format: f.percent },
  ];
  const { standards, likelihood, outcome } = figures;
  return (
    <table class="standards-table reaudit-table reaudit-figures">
      <caption>{t('reauditFigures')}</caption>
      <ColumnHeads
        t={t}
        keys={['reauditFigure', 'reauditBefore', 'reauditAfter', 'reauditChange', 'reauditVerdict']}
      />
      <tbody>
        {rows.map(({ label, fig, format }) => (
          <FigureRow
            key={label}
            label={label}
            before={valueText(fig.before, format)}
            after={valueText(fig.after, format)}
            change={changeText(fig.change, format)}
            direction={fig.direction}
            t={t}
          />
        ))}
        <FigureRow
          label={t('reportStandardsMet')}
          before={standardsMetText(standards.before)}
          after={standardsMetText(standards.after)}
          change={changeText(standards.change, f.percent)}
          direction={standards.direction}
          t={t}
        />
        <FigureRow
          label={t('kpiFinalLikelihood')}
          before={valueText(likelihood.before, f.score10)}
          after={valueText(likelihood.after, f.score10)}
          change={changeText(likelihood.change, f.count)}
          direction={likelihood.direction}
          t={t}
        />
        <FigureRow
          label={t('outcome')}
          before={outcomeText(outcome.before, t)}
          after={outcomeText(outcome.after, t)}
          change="—"
          direction={outcome.direction}
          t={t}
        />
      </tbody>
    </table>
  );
}

function StagesTable({ pair, locale }: { pair: ReauditPair; locale: Locale }) {
  const t = translator(locale);
  const f = formats(locale, t);
  if (pair.stages.length === 0) return null;
  return (
    <table class="standards-table reaudit-table reaudit-stages">
      <caption>{t('reauditByStage')}</caption>
      <ColumnHeads
        t={t}
        keys={['stage', 'kpiAverageExperience', 'reportCompliance', 'kpiTouches']}
      />
      <tbody>
        {pair.stages.map((s) => (
          <tr key={s.stage} data-stage={s.stage}>
            <th scope="row">{stageLabel(s.stage, locale)}</th>
            <td class={isClass(s.experience.direction)}>
              <Compact fig={s.experience} format={f.experience} t={t} />
            </td>
            <td class={isClass(s.compliance.direction)}>
              <Compact fig={s.compliance} format={f.percent} t={t} />
            </td>
            <td class={isClass(s.touches.direction)}>
              <Compact fig={s.touches} format={f.count} t={t} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The step's first screenshot as a thumbnail, drawn like the report's step cards. */
function Picture({ step, imageSrc, t }: { step: ReportStep; imageSrc: ImageSource; t: Translate }) {
  const shot = step.screenshots[0];
  const src = shot && imageSrc(shot, 'thumb');
  if (!shot || !src) return null;
  const tp = step.touchpoint;
  const label = t('screenshotOf', { n: tp.seq, title: tp.title });
  return (
    <figure class={`shot${shot.redacted ? ' is-redacted' : ''}`}>
      <ShotFrame shot={shot} src={src} label={label} overlayLabel={t('annotationsOverlay')} />
    </figure>
  );
}

function Side({
  step,
  missing,
  imageSrc,
  t,
  walk,
}: {
  step: ReportStep | null;
  missing: string;
  imageSrc: ImageSource;
  t: Translate;
  /** The step's walk, named when the brand has several walks in that wave. */
  walk: (step: ReportStep) => string | null;
}) {
  if (!step) return <span class="missing">{missing}</span>;
  const tp = step.touchpoint;
  const walkName = walk(step);
  return (
    <div class="reaudit-side" data-step={tp.seq} data-journey={tp.journeyId}>
      {walkName && <p class="step-walk">{walkName}</p>}
      <p class="step-head">
        <span class="step-no">{tp.seq}</span>
        <span class="step-title">{tp.title || t('untitled')}</span>
        {step.screenshots[0]?.redacted && (
          <span class="flag flag-redacted">{t('redactedBadge')}</span>
        )}
      </p>
      <Picture step={step} imageSrc={imageSrc} t={t} />
    </div>
  );
}

/** The step figures that either side has: experience, compliance, standards met. */
function StepChanges({ pair, locale }: { pair: ReauditStepPair; locale: Locale }) {
  const t = translator(locale);
  const f = formats(locale, t);
  const has = (fig: Figure) => fig.before !== null || fig.after !== null;
  const items: { key: string; label: string; body: ComponentChildren }[] = [];
  if (has(pair.experience))
    items.push({
      key: 'experience',
      label: t('experience'),
      body: <Compact fig={pair.experience} format={f.score5} t={t} />,
    });
  if (has(pair.compliance))
    items.push({
      key: 'compliance',
      label: t('reportCompliance'),
      body: <Compact fig={pair.compliance} format={f.percent} t={t} />,
    });
  if (pair.standards.before.measured || pair.standards.after.measured)
    items.push({
      key: 'standards',
      label: t('reportStandardsMet'),
      body: <StandardsCompact fig={pair.standards} t={t} />,
    });
  if (items.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="reaudit-changes">
      {items.map((item) => (
        <li key={item.key}>
          {item.label}: {item.body}
        </li>
      ))}
    </ul>
  );
}

function StepsTable({
  pair,
  model,
  locale,
  imageSrc,
}: {
  pair: ReauditPair;
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
}) {
  const t = translator(locale);
  const rows = pair.stages.flatMap((s) => s.steps);
  if (rows.length === 0) return null;
  const labels = reportLabels(model, locale);
  const walkOf = (side: ReportBrand) => (step: ReportStep) =>
    side.walks.length > 1 ? labels.walk(step.touchpoint.journeyId) : null;
  return (
    <table class="standards-table reaudit-table reaudit-steps">
      <caption>{t('reauditSteps')}</caption>
      <ColumnHeads t={t} keys={['stage', 'reauditBefore', 'reauditAfter', 'reauditChange']} />
      <tbody>
        {rows.map((row) => {
          const only = row.after === null ? 'only-before' : row.before === null ? 'only-after' : '';
          return (
            <tr
              key={`${row.stage}:${(row.after ?? row.before)!.touchpoint.journeyId}:${row.position}`}
              class={only || undefined}
              data-stage={row.stage}
              data-position={row.position}
            >
              <th scope="row">
                {stageLabel(row.stage, locale)}
                <span class="in-stage">{t('reauditInStage', { k: row.position })}</span>
              </th>
              <td>
                <Side
                  step={row.before}
                  missing={t('reauditNoStep')}
                  imageSrc={imageSrc}
                  t={t}
                  walk={walkOf(pair.before)}
                />
              </td>
              <td>
                <Side
                  step={row.after}
                  missing={t('reauditNoStep')}
                  imageSrc={imageSrc}
                  t={t}
                  walk={walkOf(pair.after)}
                />
              </td>
              <td>
                {only ? (
                  <b class="only">
                    {t(only === 'only-before' ? 'reauditOnlyBefore' : 'reauditOnlyAfter')}
                  </b>
                ) : (
                  <StepChanges pair={row} locale={locale} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The tasks of a brand's walks in a wave, each once, in walk order. */
function tasksOf(b: ReportBrand): string {
  const tasks = new Map<string, string>();
  for (const w of b.walks) {
    const task = w.journey.task.trim();
    if (task && !tasks.has(task.toLowerCase())) tasks.set(task.toLowerCase(), task);
  }
  return [...tasks.values()].join('; ');
}

function PairBlock({
  pair,
  model,
  locale,
  imageSrc,
}: {
  pair: ReauditPair;
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
}) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const [before, after] = [tasksOf(pair.before), tasksOf(pair.after)];
  return (
    <article
      class={`reaudit-pair role-${pair.brand.role}`}
      data-brand={pair.brandId}
      data-before={pair.beforeWave.id}
      data-after={pair.afterWave.id}
    >
      <h3>
        {t('wavesCaption', {
          brand: labels.brandWithRole(pair.brandId),
          before: waveText(pair.beforeWave, locale),
          after: waveText(pair.afterWave, locale),
        })}{' '}
        <span class="journey-context n-walks">
          {t('wavesWalks', { before: pair.before.walks.length, after: pair.after.walks.length })}
        </span>
      </h3>
      {before.toLowerCase() !== after.toLowerCase() && (
        <p class="explain">
          {t('wavesTaskDiffers', { before: before || '—', after: after || '—' })}
        </p>
      )}
      <FiguresTable pair={pair} locale={locale} />
      <StagesTable pair={pair} locale={locale} />
      {pair.onlyBefore.length > 0 && (
        <p class="explain walks-unmatched">
          {t('wavesOnlyBefore', {
            walks: pair.onlyBefore.map((w) => labels.walk(w.journey.id)).join('; '),
          })}
        </p>
      )}
      {pair.onlyAfter.length > 0 && (
        <p class="explain walks-unmatched">
          {t('wavesOnlyAfter', {
            walks: pair.onlyAfter.map((w) => labels.walk(w.journey.id)).join('; '),
          })}
        </p>
      )}
      <StepsTable pair={pair} model={model} locale={locale} imageSrc={imageSrc} />
    </article>
  );
}

/**
 * The waves compared: each brand of the compared wave against itself in the latest earlier wave
 * it was walked in; nothing when no brand was walked in an earlier wave.
 */
export function ReauditSection({ model, locale, imageSrc }: Props) {
  const pairs = reaudits(model);
  if (pairs.length === 0) return null;
  const t = translator(locale);
  // The waves named once in the heading: every earlier wave the brands are compared with.
  const earlier = [...new Map(pairs.map((p) => [p.beforeWave.id, p.beforeWave])).values()];
  return (
    <section class="reaudit" aria-labelledby="reaudit-title">
      <h2 id="reaudit-title">{t('wavesTitle')}</h2>
      <p class="reaudit-waves">
        {t('wavesHead', {
          before: earlier.map((w) => waveText(w, locale)).join('; '),
          after: waveText(pairs[0]!.afterWave, locale),
        })}
      </p>
      <p class="explain">{t('wavesExplained')}</p>
      {pairs.map((pair) => (
        <PairBlock
          key={pair.brandId}
          pair={pair}
          model={model}
          locale={locale}
          imageSrc={imageSrc}
        />
      ))}
    </section>
  );
}
