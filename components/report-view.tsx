/** The journey report: used by the report page and, rendered to a string, by the HTML export. */
import {
  formatDateTime,
  formatDuration,
  formatNumber,
  translator,
  type Translate,
} from '../lib/i18n';
import type { JourneyKpis } from '../lib/metrics';
import type { Journey, Screenshot } from '../lib/model';
import { evidenceRows } from '../lib/report/evidence';
import type { ReportJourney, ReportModel, ReportStep } from '../lib/report/model';
import { categoryLabel, channelLabel, stageLabel, type Locale } from '../lib/taxonomy';
import { AnnotationOverlay } from './annotation-shapes';

export type ImageSize = 'thumb' | 'full';
/** Where an image's pixels come from: object URLs on the page, data URLs in the export. */
export type ImageSource = (shot: Screenshot, size: ImageSize) => string | undefined;

interface Props {
  model: ReportModel;
  locale: Locale;
  imageSrc: ImageSource;
}

function brandLabel(journey: Journey, t: Translate): string {
  return `${journey.brandName} (${t(journey.brandRole === 'own' ? 'roleOwn' : 'roleCompetitor')})`;
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

function StepCard({
  step,
  locale,
  imageSrc,
  size,
}: {
  step: ReportStep;
  locale: Locale;
  imageSrc: ImageSource;
  size: ImageSize;
}) {
  const t = translator(locale);
  const tp = step.touchpoint;
  return (
    <article class={`step step-${size}${tp.weakLink ? ' is-weak' : ''}`} data-step={tp.seq}>
      <header class="step-head">
        <span class="step-no">{tp.seq}</span>
        <span class="step-title">{tp.title || t('untitled')}</span>
        <Flags step={step} t={t} />
      </header>
      <p class="step-meta">
        {stageLabel(tp.stage, locale)} · {categoryLabel(tp.category, locale)} ·{' '}
        {channelLabel(tp.channel, locale)}
        {tp.kind === 'offline' && ` · ${t('offlineContact')}`}
      </p>
      {step.screenshots.map((shot) => {
        const src = imageSrc(shot, size);
        return src ? (
          <figure class={`shot${shot.redacted ? ' is-redacted' : ''}`} key={shot.id}>
            <div class="shot-frame">
              <img
                src={src}
                alt={t('screenshotOf', { n: tp.seq, title: tp.title })}
                width={shot.width}
                height={shot.height}
              />
              {shot.annotations.length > 0 && (
                <AnnotationOverlay
                  annotations={shot.annotations}
                  size={{ width: shot.width, height: shot.height }}
                  label={t('annotationsOverlay')}
                />
              )}
            </div>
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

function kpiCells(kpis: JourneyKpis, locale: Locale) {
  return [
    String(kpis.touches),
    kpis.elapsedMs === null ? '—' : formatDuration(kpis.elapsedMs, locale),
    kpis.averageExperience === null ? '—' : formatNumber(kpis.averageExperience, locale),
    String(kpis.weakLinks),
    String(kpis.wows),
    kpis.finalLikelihood === null ? '—' : `${kpis.finalLikelihood}/10`,
  ];
}

function KpiTable({ journeys, locale }: { journeys: ReportJourney[]; locale: Locale }) {
  const t = translator(locale);
  const fewest = Math.min(...journeys.filter((j) => j.kpis.touches > 0).map((j) => j.kpis.touches));
  return (
    <table class="kpis">
      <caption>{t('kpiCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('brand')}</th>
          <th scope="col">{t('task')}</th>
          <th scope="col">{t('outcome')}</th>
          <th scope="col">{t('kpiTouches')}</th>
          <th scope="col">{t('kpiElapsed')}</th>
          <th scope="col">{t('kpiAverageExperience')}</th>
          <th scope="col">{t('kpiWeakLinks')}</th>
          <th scope="col">{t('kpiWows')}</th>
          <th scope="col">{t('kpiFinalLikelihood')}</th>
        </tr>
      </thead>
      <tbody>
        {journeys.map(({ journey, kpis }) => (
          <tr key={journey.id} data-journey={journey.id}>
            <th scope="row">{brandLabel(journey, t)}</th>
            <td>{journey.task}</td>
            <td>{journey.outcome ? t(`outcome_${journey.outcome}`) : t('inProgress')}</td>
            {kpiCells(kpis, locale).map((cell, i) => (
              <td
                key={i}
                class={
                  i === 0 && kpis.touches === fewest && journeys.length > 1 ? 'best' : undefined
                }
              >
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FixFirst({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  if (!model.fixFirst.length) return null;
  return (
    <section class="fix-first">
      <h2>{t('fixFirst')}</h2>
      <ol>
        {model.fixFirst.map(({ journey, touchpoint }) => (
          <li key={touchpoint.id}>
            <b>{journey.brandName}</b> · {t('stepN', { n: touchpoint.seq })} ·{' '}
            {stageLabel(touchpoint.stage, locale)} — {touchpoint.title || t('untitled')}
            {' · '}
            {t('importance')}: {touchpoint.importance ?? '—'} · {t('experience')}:{' '}
            {touchpoint.experience ?? '—'}
            {touchpoint.note && <span class="note"> — {touchpoint.note}</span>}
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
          <thead>
            <tr>
              <th scope="col">{t('evidenceJourney')}</th>
              <th scope="col">{t('evidenceStep')}</th>
              <th scope="col">{t('evidenceColImage')}</th>
              <th scope="col">{t('evidencePage')}</th>
              <th scope="col">{t('evidenceCapturedAt')}</th>
              <th scope="col">{t('evidenceViewport')}</th>
              <th scope="col">{t('evidenceUserAgent')}</th>
              <th scope="col">{t('evidenceHash')}</th>
            </tr>
          </thead>
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

export function ReportView({ model, locale, imageSrc }: Props) {
  const t = translator(locale);
  const { audit, journeys, stages } = model;
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
          <KpiTable journeys={journeys} locale={locale} />
          <FixFirst model={model} locale={locale} />
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
          {journeys.map(({ journey, steps }) => (
            <section class="sequence" key={journey.id} data-journey={journey.id}>
              <h2>{brandLabel(journey, t)}</h2>
              <p class="journey-meta">
                {[
                  journey.task,
                  journey.persona,
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
                      <StepCard step={step} locale={locale} imageSrc={imageSrc} size="full" />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
          <Evidence model={model} locale={locale} />
        </>
      )}
    </div>
  );
}
