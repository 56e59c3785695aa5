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
  type ReportJourney,
  type ReportModel,
  type ReportStep,
} from '../../lib/report/model';
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
  brandLabel,
  complianceText,
  impactText,
  measurementText,
  measureText,
  outcomeText,
  reasonText,
  reportMethodNames,
  standardsMetText,
} from '../../lib/report/words';
import { ShotFrame, type ImageSize, type ImageSource } from './picture';
import { ReportCharts } from './charts';
import { MethodSection } from './method';
import { ReauditSection } from './reaudit';
import { ReportSummary } from './summary';
import { ColumnHeads } from './column-heads';

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
}: {
  step: ReportStep;
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
  size: ImageSize;
}) {
  const t = translator(locale);
  const tp = step.touchpoint;
  const type = model.method.types.find((x: TouchpointType) => x.id === tp.typeId);
  return (
    <article
      class={`step step-${size}${step.reasons.length > 0 ? ' is-weak' : ''}`}
      data-step={tp.seq}
    >
      <header class="step-head">
        <span class="step-no">{tp.seq}</span>
        <span class="step-title">{tp.title || t('untitled')}</span>
        <Flags step={step} t={t} />
      </header>
      <p class="step-meta">
        {type && `${typeName(type, locale)} · `}
        {stageLabel(tp.stage, locale)} · {categoryLabel(tp.category, locale)} ·{' '}
        {channelLabel(tp.channel, locale)}
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

/** A journey's key figures as the table's cells, in its column order. */
function kpiCells({ kpis, compliance, standards }: ReportJourney, locale: Locale) {
  return [
    String(kpis.touches),
    kpis.elapsedMs === null ? '—' : formatDuration(kpis.elapsedMs, locale),
    kpis.averageExperience === null ? '—' : formatNumber(kpis.averageExperience, locale),
    String(kpis.weakLinks),
    String(kpis.wows),
    kpis.finalLikelihood === null ? '—' : `${kpis.finalLikelihood}/10`,
    complianceText(compliance, locale),
    standardsMetText(standards),
  ];
}

function KpiTable({ journeys, locale }: { journeys: ReportJourney[]; locale: Locale }) {
  const t = translator(locale);
  return (
    <table class="kpis">
      <caption>{t('kpiCaption')}</caption>
      <ColumnHeads
        t={t}
        keys={[
          'brand',
          'task',
          'outcome',
          'kpiTouches',
          'kpiElapsed',
          'kpiAverageExperience',
          'kpiWeakLinks',
          'kpiWows',
          'kpiFinalLikelihood',
          'reportCompliance',
          'reportStandardsMet',
        ]}
      />
      <tbody>
        {journeys.map((row) => {
          const { journey } = row;
          return (
            <tr key={journey.id} data-journey={journey.id}>
              <th scope="row">
                {brandLabel(journey, t)}
                <span class="journey-context">
                  {[
                    journey.persona,
                    channelLabel(journey.entryChannel, locale),
                    journey.auditor && t('walkedBy', { name: journey.auditor }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </th>
              <td>{journey.task}</td>
              <td>{outcomeText(journey.outcome, t)}</td>
              {kpiCells(row, locale).map((cell, i) => (
                <td key={i} class={i === 0 && row.fewestTouches ? 'best' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
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
  return (
    <section class="compliance">
      <h2 id="compliance-title">{t('reportComplianceTitle')}</h2>
      <table class="standards-table" aria-labelledby="compliance-title">
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            {model.compliance.map((b) => (
              <th scope="col" key={`${b.brandRole}:${b.brandName}`}>
                {brandLabel(b, t)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stages.map((row) => (
            <tr key={row.stage}>
              <th scope="row">{stageLabel(row.stage, locale)}</th>
              {model.compliance.map((b) => (
                <td key={`${b.brandRole}:${b.brandName}`}>{cell(b.byStage[row.stage])}</td>
              ))}
            </tr>
          ))}
          <tr class="total">
            <th scope="row">{t('reportComplianceTotal')}</th>
            {model.compliance.map((b) => (
              <td key={`${b.brandRole}:${b.brandName}`}>
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
                <th scope="row">{brandLabel(journey, t)}</th>
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
  const where = (p: PlanItem) =>
    `${p.journey.brandName} · ${t('stepN', { n: p.touchpoint.seq })} — ${p.touchpoint.title || t('untitled')}`;
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
                {journey.brandName} · {t('stepN', { n: touchpoint.seq })} —{' '}
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
  return (
    <section class="fix-first">
      <h2>{t('fixFirst')}</h2>
      <ol>
        {model.fixFirst.map(({ journey, touchpoint, reasons, actions }) => (
          <li key={touchpoint.id}>
            <b>{journey.brandName}</b> · {t('stepN', { n: touchpoint.seq })} ·{' '}
            {stageLabel(touchpoint.stage, locale)} — {touchpoint.title || t('untitled')}
            {' · '}
            {t('importance')}: {touchpoint.importance ?? '—'} · {t('experience')}:{' '}
            {touchpoint.experience ?? '—'}
            {touchpoint.note && <span class="note"> — {touchpoint.note}</span>}
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
              <tr key={shot.id} data-screenshot={shot.id}>
                <td>{journey.brandName}</td>
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
  const { audit, journeys, stages, settings } = model;
  const show = (section: ReportSection) => !settings.hidden.includes(section);
  // The auditor's choice of images: full size, thumbnails everywhere, or none.
  const imageSrc: ImageSource =
    settings.images === 'none'
      ? () => undefined
      : settings.images === 'thumbnails'
        ? (shot) => source(shot, 'thumb')
        : source;
  return (
    <div class="report" lang={locale}>
      <header class="report-head">
        <h1>{audit.name}</h1>
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
        <p class="empty">{t('reportNoJourneys')}</p>
      ) : (
        <>
          <ReportSummary model={model} locale={locale} show={show} />
          {show('kpis') && <KpiTable journeys={journeys} locale={locale} />}
          {show('charts') && <ReportCharts model={model} locale={locale} />}
          {show('fixFirst') && <FixFirst model={model} locale={locale} />}
          {show('compliance') && <ComplianceTable model={model} locale={locale} />}
          {show('standards') && <StandardsTable model={model} locale={locale} />}
          {show('plan') && <ActionPlan model={model} locale={locale} />}
          {show('reaudit') && <ReauditSection model={model} locale={locale} imageSrc={imageSrc} />}
          {show('sideBySide') && (
            <section class="compare">
              <h2 id="side-by-side-title">{t('sideBySide')}</h2>
              <table class="stages" aria-labelledby="side-by-side-title">
                <thead>
                  <tr>
                    <th scope="col">{t('stage')}</th>
                    {journeys.map(({ journey }) => (
                      <th scope="col" key={journey.id} class={`role-${journey.brandRole}`}>
                        {brandLabel(journey, t)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stages.map((row) => (
                    <tr key={row.stage}>
                      <th scope="row">{stageLabel(row.stage, locale)}</th>
                      {row.cells.map((steps, i) => (
                        <td key={journeys[i]?.journey.id ?? i}>
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
                              />
                            ))
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          {show('sequences') &&
            journeys.map(({ journey, steps }) => (
              <section class="sequence" key={journey.id} data-journey={journey.id}>
                <h2>{brandLabel(journey, t)}</h2>
                <p class="journey-meta">
                  {[
                    journey.task,
                    journey.persona && `${t('persona')}: ${journey.persona}`,
                    `${t('entryChannel')}: ${channelLabel(journey.entryChannel, locale)}`,
                    journey.brandDomain,
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
