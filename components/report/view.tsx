/** The journey report: used by the report page and, rendered to a string, by the HTML export. */
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  translator,
  type Translate,
} from '../../lib/i18n';
import type { Compliance } from '../../lib/metrics';
import type { ReportSection, TouchpointType } from '../../lib/model';
import { evidenceRows } from '../../lib/report/evidence';
import {
  failedItems,
  type PlanItem,
  type ReportBrand,
  type ReportJourney,
  type ReportModel,
  type ReportStep,
} from '../../lib/report/model';
import { TagsSection } from './tags';
import { PageFactsSection } from './page-facts';
import {
  categoryLabel,
  channelLabel,
  formatTarget,
  itemText,
  stageLabel,
  standardName,
  typeName,
  type Locale,
} from '../../lib/taxonomy';
import {
  complianceText,
  impactText,
  measurementText,
  measureText,
  outcomeText,
  reasonText,
  reportLabels,
  reportMethodNames,
  standardsMetText,
} from '../../lib/report/words';
import { ShotFrame, type ImageSize, type ImageSource } from './picture';
import { ReportCharts } from './charts';
import { InventoryReportSection } from './inventory';
import { BlindSpotsSection } from './blind-spots';
import { MindMapSection } from './mind-map';
import { MethodSection } from './method';
import { ReauditSection } from './reaudit';
import { SegmentsSection } from './segments';
import { TrendSection } from './trend';
import { ActionLoopSection } from './action-loop';
import { CalibrationSection } from './calibration';
import { ReportSummary } from './summary';
import { StatusRowGroups } from './status';
import { statusCompliance } from '../../lib/report/status';
import { ColumnHeads } from './column-heads';
import { periodText, walksText } from './period';
import { FixFirstOwner, OwnersSection, QuickWinsSection } from './owners';
import {
  BrandRecommendCell,
  FewerTouchesSection,
  PeopleSection,
  RecommendNote,
  WalkRecommendCell,
} from './touches';

export type { ImageSize, ImageSource };

interface Props {
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
}

function Score({ label, value, max }: { label: string; value: number | null; max: number }) {
  return (
    <span class="score">
      {label}: <b>{value === null ? '—' : `${value}/${max}`}</b>
    </span>
  );
}

function Flags({ step, t }: { step: ReportStep; t: Translate }) {
  const { weakLink, wow } = step.touchpoint;
  const redacted = step.screenshots.some((shot) => shot.redacted);
  return (
    <>
      {weakLink && <span class="flag flag-weak">{t('flagWeakLink')}</span>}
      {wow && <span class="flag flag-wow">{t('flagWow')}</span>}
      {redacted && <span class="flag flag-redacted">{t('redactedBadge')}</span>}
    </>
  );
}

/** What the method says about a step: compliance, failed items, standards, weak-link reasons. */
function StepMethodFacts({
  step,
  model,
  locale,
  full,
}: {
  step: ReportStep;
  model: ReportModel;
  locale: Locale;
  full: boolean;
}) {
  const t = translator(locale);
  const failed = failedItems(step).map(({ template, item }) => ({
    key: `${template.id}/${item.id}`,
    text: itemText(template.id, item, locale),
    critical: item.critical,
  }));
  const automatic = step.reasons.filter((r) => r.kind !== 'flagged');
  return (
    <>
      {(step.compliance.percent !== null || step.impact !== null) && (
        <p class="scores">
          {step.compliance.percent !== null && (
            <span class="score">
              {t('reportCompliance')}: <b>{complianceText(step.compliance, locale)}</b>
            </span>
          )}
          {step.impact !== null && (
            <span class={`score impact${step.impact < 0 ? ' down' : step.impact > 0 ? ' up' : ''}`}>
              {t('reportImpact')}: <b>{impactText(step.impact)}</b>
            </span>
          )}
        </p>
      )}
      {full && failed.length > 0 && (
        <ul class="failed-items" aria-label={t('reportFailedItems')}>
          {failed.map((f) => (
            <li key={f.key}>
              ✗ {f.text}
              {f.critical && <span class="critical"> {t('critical')}</span>}
            </li>
          ))}
        </ul>
      )}
      {step.measurements.map((r) => (
        <p key={r.measurement.id} class={`measurement status-${r.status}`}>
          {measurementText(r, t, locale)}
          {r.measurement.excused && ` · ${t('notWeakLink')}`}
        </p>
      ))}
      {automatic.length > 0 && (
        <p class="weak-reasons">
          {t('weakBecause')}:{' '}
          {step.reasons.map((r) => reasonText(r, reportMethodNames(model), t, locale)).join('; ')}
        </p>
      )}
      {full &&
        step.actions.map((a) => (
          <p key={a.id} class={`plan-line kind-${a.kind}`}>
            {t(a.kind === 'action' ? 'reportActionLine' : 'reportIdeaLine', { what: a.what })}
            {a.kind === 'action' &&
              ` · ${a.owner || t('noOwner')} · ${t(`actionStatus_${a.status}`)}`}
          </p>
        ))}
    </>
  );
}

function StepCard({
  step,
  model,
  locale,
  imageSrc,
  size,
  walk,
}: {
  step: ReportStep;
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
  size: ImageSize;
  /** The walk's label, where a card stands among several walks' steps. */
  walk?: string;
}) {
  const t = translator(locale);
  const tp = step.touchpoint;
  const type = model.method.types.find((x: TouchpointType) => x.id === tp.typeId);
  return (
    <article
      class={`step step-${size}${step.reasons.length > 0 ? ' is-weak' : ''}`}
      data-step={tp.seq}
      data-record={tp.id}
    >
      <header class="step-head">
        <span class="step-no">{tp.seq}</span>
        <span class="step-title">{tp.title || t('untitled')}</span>
        <Flags step={step} t={t} />
      </header>
      {walk && <p class="step-walk">{walk}</p>}
      <p class="step-meta">
        {type && `${typeName(type, locale)} · `}
        {stageLabel(tp.stage, locale)} · {categoryLabel(tp.category, locale, model.method)} ·{' '}
        {channelLabel(tp.channel, locale, model.method)}
        {tp.kind === 'offline' && ` · ${t('offlineContact')}`}
      </p>
      {step.screenshots.map((shot) => {
        const src = imageSrc(shot, size);
        return src ? (
          <figure class={`shot${shot.redacted ? ' is-redacted' : ''}`} key={shot.id}>
            <ShotFrame
              shot={shot}
              src={src}
              label={t('screenshotOf', { n: tp.seq, title: tp.title })}
              overlayLabel={t('annotationsOverlay')}
            />
            {size === 'full' && (
              <figcaption>
                {shot.redacted && <span class="flag flag-redacted">{t('redactedBadge')}</span>}
                {shot.parts > 1 &&
                  `${t('evidencePart', { part: shot.part + 1, parts: shot.parts })} · `}
                {shot.url ?? tp.url ?? t('offlineContact')} ·{' '}
                {formatDateTime(shot.capturedAt, locale)} · SHA-256 <code>{shot.sha256}</code>
              </figcaption>
            )}
          </figure>
        ) : null;
      })}
      <p class="scores">
        <Score label={t('experience')} value={tp.experience} max={5} />
        <Score label={t('importance')} value={tp.importance} max={10} />
        <Score label={t('likelihood')} value={tp.likelihood} max={10} />
      </p>
      <StepMethodFacts step={step} model={model} locale={locale} full={size === 'full'} />
      {size === 'full' && (
        <p class="step-meta">
          {formatDateTime(tp.at, locale)}
          {tp.url && (
            <>
              {' · '}
              <a href={tp.url} rel="noopener noreferrer">
                {tp.url}
              </a>
            </>
          )}
        </p>
      )}
      {tp.note && <p class="note">{tp.note}</p>}
    </article>
  );
}

/** Key figures as a table's cells: touches, time, experience, weak links, wows, likelihood, compliance, standards. */
function kpiCells(
  { kpis, compliance, standards }: Pick<ReportJourney, 'kpis' | 'compliance' | 'standards'>,
  locale: Locale,
) {
  return [
    String(kpis.touches),
    kpis.elapsedMs === null ? '—' : formatDuration(kpis.elapsedMs, locale),
    kpis.averageExperience === null ? '—' : formatNumber(kpis.averageExperience, locale),
    String(kpis.weakLinks),
    String(kpis.wows),
    kpis.finalLikelihood === null
      ? '—'
      : `${Number.isInteger(kpis.finalLikelihood) ? kpis.finalLikelihood : formatNumber(kpis.finalLikelihood, locale)}/10`,
    complianceText(compliance, locale),
    standardsMetText(standards),
  ];
}

const KPI_KEYS = [
  'kpiTouches',
  'kpiElapsed',
  'kpiAverageExperience',
  'kpiWeakLinks',
  'kpiWows',
  'kpiFinalLikelihood',
  'reportCompliance',
  'reportStandardsMet',
  'touchesRecommendColumn',
] as const;

/** The brand's label with its role, and how many walks its figures pool. */
function BrandHead({
  brand,
  model,
  locale,
}: {
  brand: ReportBrand;
  model: ReportModel;
  locale: Locale;
}) {
  return (
    <>
      {reportLabels(model, locale).brandWithRole(brand.id)}{' '}
      <span class="journey-context n-walks">{walksText(brand.walks.length, locale)}</span>
    </>
  );
}

/** One row per compared brand: its walks in the wave pooled (see brandKpis). */
function KpiTable({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  return (
    <table class="kpis">
      <caption>{t('kpiCaptionBrands')}</caption>
      <ColumnHeads t={t} keys={['brand', 'kpiOutcomes', ...KPI_KEYS]} />
      <tbody>
        {model.brands.map((b) => (
          <tr key={b.id} data-brand={b.id} class={`role-${b.brand.role}`}>
            <th scope="row">
              <BrandHead brand={b} model={model} locale={locale} />
            </th>
            <td class="outcomes">{t('outcomeCounts', { ...b.outcomes })}</td>
            {kpiCells(b, locale).map((cell, i) => (
              <td key={i} class={i === 0 && b.fewestTouches ? 'best' : undefined}>
                {cell}
              </td>
            ))}
            <BrandRecommendCell brand={b} locale={locale} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The drill-down: each brand's walks, each with who walked it, as whom, from where, and its own figures. */
function DrillDown({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  return (
    <section class="drill-down">
      <h2>{t('drillTitle')}</h2>
      <p class="explain">{t('drillExplained')}</p>
      {model.brands.map((b) => (
        <table key={b.id} class="kpis drill" data-brand={b.id}>
          <caption>
            <BrandHead brand={b} model={model} locale={locale} />
          </caption>
          <ColumnHeads
            t={t}
            keys={[
              'drillWalk',
              'persona',
              'entryChannel',
              'methodAuditor',
              'task',
              'outcome',
              ...KPI_KEYS,
            ]}
          />
          <tbody>
            {b.walks.map((w) => {
              const { journey } = w;
              return (
                <tr key={journey.id} data-journey={journey.id}>
                  <th scope="row">{labels.walk(journey.id)}</th>
                  <td>{journey.persona || '—'}</td>
                  <td>{channelLabel(journey.entryChannel, locale, model.method)}</td>
                  <td>{journey.auditor || '—'}</td>
                  <td>{journey.task || '—'}</td>
                  <td>{outcomeText(journey.outcome, t)}</td>
                  {kpiCells(w, locale).map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                  <WalkRecommendCell journey={journey} />
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}

/** Checklist compliance of each brand per stage and in total (weights pooled, N/A left out). */
function ComplianceTable({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  if (model.compliance.every((b) => b.total.percent === null)) return null;
  const stages = model.stages.filter((row) =>
    model.compliance.some((b) => b.byStage[row.stage] !== undefined),
  );
  const cell = (c: Compliance | undefined) => (c ? complianceText(c, locale) : '—');
  const labels = reportLabels(model, locale);
  return (
    <section class="compliance">
      <h2 id="compliance-title">{t('reportComplianceTitle')}</h2>
      <table class="standards-table" aria-labelledby="compliance-title">
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            {model.compliance.map((b) => (
              <th scope="col" key={b.brandId} class={`role-${b.brand.role}`}>
                {labels.brandWithRole(b.brandId)}
              </th>
            ))}
          </tr>
        </thead>
        <StatusRowGroups
          model={model}
          stages={stages}
          locale={locale}
          colSpan={model.compliance.length + 1}
          row={(row) => (
            <tr key={row.stage}>
              <th scope="row">{stageLabel(row.stage, locale)}</th>
              {model.compliance.map((b) => (
                <td key={b.brandId}>{cell(b.byStage[row.stage])}</td>
              ))}
            </tr>
          )}
          subtotal={(group, status) => (
            <tr key=" subtotal" class="status-subtotal">
              <th scope="row">{t('statusSubtotal', { status })}</th>
              {model.compliance.map((b, i) => (
                <td key={b.brandId}>{cell(statusCompliance(group, i))}</td>
              ))}
            </tr>
          )}
        />
        <tbody>
          <tr class="total">
            <th scope="row">{t('reportComplianceTotal')}</th>
            {model.compliance.map((b) => (
              <td key={b.brandId}>
                <b>{cell(b.total)}</b>{' '}
                <span class="muted">
                  {t('reportComplianceCounts', {
                    yes: b.total.yes,
                    no: b.total.no,
                    na: b.total.na,
                  })}
                </span>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/** Every standard measured on the chosen journeys: measured against the target, pass or fail. */
function StandardsTable({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const rows = model.journeys.flatMap((j) =>
    j.measurements.map((r) => ({ journey: j.journey, steps: j.steps, r })),
  );
  if (rows.length === 0) return null;
  const labels = reportLabels(model, locale);
  const seqOf = (steps: ReportStep[], id: string | null) =>
    steps.find((s) => s.touchpoint.id === id)?.touchpoint.seq;
  return (
    <section class="standards">
      <h2 id="standards-title">{t('standards')}</h2>
      <table class="standards-table" aria-labelledby="standards-title">
        <ColumnHeads
          t={t}
          keys={[
            'brand',
            'reportStandard',
            'reportMeasuredOn',
            'measuredTime',
            'reportTarget',
            'reportResult',
          ]}
        />
        <tbody>
          {rows.map(({ journey, steps, r }) => {
            const from = seqOf(steps, r.measurement.startStepId);
            const to = seqOf(steps, r.endStepId);
            return (
              <tr key={r.measurement.id} class={`status-${r.status}`}>
                <th scope="row">{labels.walk(journey.id)}</th>
                <td>{r.standard ? standardName(r.standard, locale) : t('standardRemoved')}</td>
                <td>
                  {from !== undefined && to !== undefined && from !== to
                    ? t('reportStepsRange', { from, to })
                    : to !== undefined
                      ? t('stepN', { n: to })
                      : from !== undefined
                        ? t('reportFromStep', { n: from })
                        : '—'}
                </td>
                <td>
                  {r.measuredMs === null ? '—' : formatDuration(r.measuredMs, locale)}
                  {r.running && ` (${t('standard_running')})`}
                </td>
                <td>{r.standard ? formatTarget(r.standard, locale) : '—'}</td>
                <td>
                  <b>{t(`standard_${r.status}`)}</b>
                  {r.measurement.excused && ` · ${t('notWeakLink')}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function dateOf(ms: number | null, locale: Locale): string {
  return ms === null ? '—' : formatDate(ms, locale);
}

/** The action plan: what the own brand will change, who owns it, by when, and how success is measured. */
function ActionPlan({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  if (model.actions.length === 0 && model.borrow.length === 0) return null;
  const labels = reportLabels(model, locale);
  const where = (p: PlanItem) =>
    `${labels.walk(p.journey.id)} · ${t('stepN', { n: p.touchpoint.seq })} — ${p.touchpoint.title || t('untitled')}`;
  return (
    <section class="action-plan">
      <h2 id="action-plan-title">{t('reportActionPlan')}</h2>
      {model.actions.length > 0 && (
        <table class="plan-table" aria-labelledby="action-plan-title">
          <ColumnHeads
            t={t}
            keys={[
              'actionWhat',
              'reportStep',
              'actionOwner',
              'actionDue',
              'reportStatus',
              'actionMetric',
            ]}
          />
          <tbody>
            {model.actions.map((p, i) => [
              (i === 0 || model.actions[i - 1]!.action.owner !== p.action.owner) && (
                <tr key={`owner-${p.action.id}`} class="group">
                  <th scope="rowgroup" colSpan={6}>
                    {p.action.owner || t('noOwner')}
                  </th>
                </tr>
              ),
              <tr key={p.action.id} class={p.overdue ? 'overdue' : undefined}>
                <th scope="row">{p.action.what}</th>
                <td>{where(p)}</td>
                <td>{p.action.owner || '—'}</td>
                <td>
                  {dateOf(p.action.due, locale)}
                  {p.overdue && <span class="flag flag-weak">{t('overdue')}</span>}
                </td>
                <td>{t(`actionStatus_${p.action.status}`)}</td>
                <td>{measureText(p.action) || '—'}</td>
              </tr>,
            ])}
          </tbody>
        </table>
      )}
      {model.borrow.length > 0 && (
        <>
          <h3>{t('ideas')}</h3>
          <ul class="ideas">
            {model.borrow.map(({ journey, touchpoint, actions }) => (
              <li key={touchpoint.id}>
                {labels.walk(journey.id)} · {t('stepN', { n: touchpoint.seq })} —{' '}
                {touchpoint.title || t('untitled')}
                {touchpoint.wow && <span class="flag flag-wow">{t('flagWow')}</span>}
                {actions
                  .filter((a) => a.kind === 'idea')
                  .map((a) => (
                    <div key={a.id}>
                      <b>{a.what}</b>
                    </div>
                  ))}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FixFirst({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  if (!model.fixFirst.length) return null;
  const labels = reportLabels(model, locale);
  return (
    <section class="fix-first">
      <h2>{t('fixFirst')}</h2>
      <ol>
        {model.fixFirst.map(({ journey, touchpoint, reasons, actions }) => (
          <li key={touchpoint.id}>
            <b>{labels.walk(journey.id)}</b> · {t('stepN', { n: touchpoint.seq })} ·{' '}
            {stageLabel(touchpoint.stage, locale)} — {touchpoint.title || t('untitled')}
            {' · '}
            {t('importance')}: {touchpoint.importance ?? '—'} · {t('experience')}:{' '}
            {touchpoint.experience ?? '—'}
            {touchpoint.note && <span class="note"> — {touchpoint.note}</span>}
            <FixFirstOwner model={model} step={touchpoint} locale={locale} />
            <div class="weak-reasons">
              {reasons.map((r) => reasonText(r, reportMethodNames(model), t, locale)).join('; ')}
            </div>
            {actions
              .filter((a) => a.kind === 'action')
              .map((a) => (
                <div key={a.id} class="plan-line">
                  {t('reportActionLine', { what: a.what })} · {a.owner || t('noOwner')} ·{' '}
                  {a.due === null ? t('noDue') : t('dueOn', { date: formatDate(a.due, locale) })} ·{' '}
                  {t(`actionStatus_${a.status}`)}
                </div>
              ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Evidence({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const rows = evidenceRows(model);
  const labels = reportLabels(model, locale);
  return (
    <section class="evidence">
      <h2 id="evidence-title">{t('evidenceTitle')}</h2>
      <p class="evidence-how">{t('evidenceHowTo')}</p>
      {rows.length === 0 ? (
        <p class="empty">{t('evidenceNone')}</p>
      ) : (
        <table class="evidence-table" aria-labelledby="evidence-title">
          <ColumnHeads
            t={t}
            keys={[
              'evidenceJourney',
              'evidenceStep',
              'evidenceColImage',
              'evidencePage',
              'evidenceCapturedAt',
              'evidenceViewport',
              'evidenceUserAgent',
              'evidenceHash',
            ]}
          />
          <tbody>
            {rows.map(({ journey, touchpoint, index, shot }) => (
              <tr key={shot.id} data-screenshot={shot.id} data-record={touchpoint.id}>
                <td>{labels.walk(journey.id)}</td>
                <td>{touchpoint.seq}</td>
                <td>
                  {index} · {t(`evidenceMode_${shot.mode}`)}
                  {shot.parts > 1 &&
                    ` · ${t('evidencePart', { part: shot.part + 1, parts: shot.parts })}`}
                  {shot.redacted && (
                    <>
                      {' '}
                      <span class="flag flag-redacted">{t('redactedBadge')}</span>
                    </>
                  )}
                </td>
                <td class="wrap">
                  {shot.url ?? t('offlineContact')}
                  {shot.title && <span class="evidence-title">{shot.title}</span>}
                  {shot.fileName && (
                    <span class="evidence-title">{t('evidenceFile', { name: shot.fileName })}</span>
                  )}
                </td>
                <td>{formatDateTime(shot.capturedAt, locale)}</td>
                <td>
                  {shot.viewport ? `${shot.viewport.width} × ${shot.viewport.height}` : '—'}
                  {' · '}
                  {shot.devicePixelRatio ?? '—'}
                </td>
                <td class="wrap ua">{shot.userAgent || '—'}</td>
                <td class="wrap">
                  <code class="sha">{shot.sha256}</code>
                  <span class="bytes">{t('evidenceBytes', { n: shot.bytes })}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ReportView({ model, locale, imageSrc: source }: Props) {
  const t = translator(locale);
  const { audit, journeys, brands, stages, settings, wave, selection } = model;
  const labels = reportLabels(model, locale);
  const show = (section: ReportSection) => !settings.hidden.includes(section);
  // The auditor's choice of images: full size, thumbnails everywhere, or none.
  const imageSrc: ImageSource =
    settings.images === 'none'
      ? () => undefined
      : settings.images === 'thumbnails'
        ? (shot) => source(shot, 'thumb')
        : source;
  const segment = [
    selection.persona !== null && `${t('persona')}: ${selection.persona}`,
    selection.entryChannel !== null &&
      `${t('entryChannel')}: ${channelLabel(selection.entryChannel, locale, model.method)}`,
  ].filter(Boolean);
  return (
    <div class="report" lang={locale}>
      <header class="report-head">
        <h1>{audit.name}</h1>
        {wave && (
          <p class="report-wave" data-wave={wave.id}>
            {t('reportWaveHead', { wave: wave.name, period: periodText(wave, locale) })}
            {segment.length > 0 && ` · ${t('reportSegmentHead', { segment: segment.join(', ') })}`}
          </p>
        )}
        <p>
          {audit.client && (
            <>
              {t('client')}: {audit.client} ·{' '}
            </>
          )}
          {t('generatedAt', { time: formatDateTime(model.generatedAt, locale) })}
        </p>
      </header>
      {journeys.length === 0 ? (
        <p class="empty">{t(wave ? 'reportNoWalks' : 'reportNoWaves')}</p>
      ) : (
        <>
          <ReportSummary model={model} locale={locale} show={show} />
          {show('blindSpots') && <BlindSpotsSection model={model} locale={locale} />}
          {show('kpis') && <KpiTable model={model} locale={locale} />}
          {show('kpis') && <RecommendNote model={model} locale={locale} />}
          {show('kpis') && <DrillDown model={model} locale={locale} />}
          {show('people') && <PeopleSection model={model} locale={locale} />}
          {show('mindMap') && <MindMapSection model={model} locale={locale} />}
          {show('charts') && <ReportCharts model={model} locale={locale} />}
          {show('inventory') && <InventoryReportSection model={model} locale={locale} />}
          {show('fixFirst') && <FixFirst model={model} locale={locale} />}
          {show('quickWins') && <QuickWinsSection model={model} locale={locale} />}
          {show('owners') && <OwnersSection model={model} locale={locale} />}
          {show('compliance') && <ComplianceTable model={model} locale={locale} />}
          {show('standards') && <StandardsTable model={model} locale={locale} />}
          {show('fewerTouches') && <FewerTouchesSection model={model} locale={locale} />}
          {show('tags') && <TagsSection model={model} locale={locale} />}
          {show('pageFacts') && <PageFactsSection model={model} locale={locale} />}
          {show('plan') && <ActionPlan model={model} locale={locale} />}
          {show('reaudit') && <ReauditSection model={model} locale={locale} imageSrc={imageSrc} />}
          {show('trend') && <TrendSection model={model} locale={locale} />}
          {show('plan') && <ActionLoopSection model={model} locale={locale} />}
          {show('segments') && <SegmentsSection model={model} locale={locale} />}
          {show('calibration') && <CalibrationSection model={model} locale={locale} />}
          {show('sideBySide') && (
            <section class="compare">
              <h2 id="side-by-side-title">{t('sideBySide')}</h2>
              <table class="stages" aria-labelledby="side-by-side-title">
                <thead>
                  <tr>
                    <th scope="col">{t('stage')}</th>
                    {brands.map((b) => (
                      <th scope="col" key={b.id} class={`role-${b.brand.role}`}>
                        <BrandHead brand={b} model={model} locale={locale} />
                      </th>
                    ))}
                  </tr>
                </thead>
                <StatusRowGroups
                  model={model}
                  stages={stages}
                  locale={locale}
                  colSpan={brands.length + 1}
                  row={(row) => (
                    <tr key={row.stage}>
                      <th scope="row">{stageLabel(row.stage, locale)}</th>
                      {row.cells.map((steps, i) => (
                        <td key={brands[i]?.id ?? i}>
                          {steps.length === 0 ? (
                            <span class="missing">{t('missingTouchpoint')}</span>
                          ) : (
                            steps.map((step) => (
                              <StepCard
                                key={step.touchpoint.id}
                                step={step}
                                model={model}
                                locale={locale}
                                imageSrc={imageSrc}
                                size="thumb"
                                walk={
                                  (brands[i]?.walks.length ?? 0) > 1
                                    ? labels.walk(step.touchpoint.journeyId)
                                    : undefined
                                }
                              />
                            ))
                          )}
                        </td>
                      ))}
                    </tr>
                  )}
                />
              </table>
            </section>
          )}
          {show('sequences') &&
            journeys.map(({ journey, brand, steps }) => (
              <section class="sequence" key={journey.id} data-journey={journey.id}>
                <h2>{labels.walk(journey.id)}</h2>
                <p class="journey-meta">
                  {[
                    labels.brandWithRole(brand.id),
                    journey.task,
                    journey.persona && `${t('persona')}: ${journey.persona}`,
                    `${t('entryChannel')}: ${channelLabel(journey.entryChannel, locale, model.method)}`,
                    brand.domain,
                    journey.auditor && t('walkedBy', { name: journey.auditor }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {steps.length === 0 ? (
                  <p class="empty">{t('noSteps')}</p>
                ) : (
                  <ol class="steps">
                    {steps.map((step) => (
                      <li key={step.touchpoint.id}>
                        <StepCard
                          step={step}
                          model={model}
                          locale={locale}
                          imageSrc={imageSrc}
                          size="full"
                        />
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            ))}
          {show('method') && <MethodSection model={model} locale={locale} />}
          {show('evidence') && <Evidence model={model} locale={locale} />}
        </>
      )}
    </div>
  );
}
