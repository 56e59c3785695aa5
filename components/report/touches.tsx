/**
 * Fewer touches, people and handoffs, would recommend: the report's sections `fewerTouches` and
 * `people`, and the NPS cells of the key figures (page and exported file alike). The figures are
 * lib/report/touches.ts.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import type { Journey } from '../../lib/model';
import type { ReportBrand, ReportModel } from '../../lib/report/model';
import {
  brandPeople,
  brandRecommend,
  flaggedSteps,
  handoffSteps,
  touchesByStage,
  walkPeople,
  type RecommendFigure,
  type StageCount,
} from '../../lib/report/touches';
import { reportLabels } from '../../lib/report/words';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { ColumnHeads } from './column-heads';
import { walksText } from './period';

/** A count or a median: whole numbers as they are, halves with one decimal. */
export function countText(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : formatNumber(value, locale);
}

/** A signed NPS, "+50", "−25", "0" (typographic minus). */
export function npsText(nps: number | null, locale: Locale): string {
  if (nps === null) return '—';
  const rounded = Math.round(nps);
  const digits = formatNumber(Math.abs(rounded), locale, 0);
  return rounded > 0 ? `+${digits}` : rounded < 0 ? `−${digits}` : digits;
}

/** "mean 8.5 · n = 2" under a brand's NPS. */
export function recommendDetail(f: RecommendFigure, t: Translate, locale: Locale): string {
  return f.n === 0
    ? t('touchesRecommendNone')
    : t('touchesRecommendDetail', {
        mean: formatNumber(f.mean!, locale),
        n: f.n,
        promoters: f.promoters,
        passives: f.passives,
        detractors: f.detractors,
      });
}

/** A brand's NPS cell of the key figures table. */
export function BrandRecommendCell({ brand, locale }: { brand: ReportBrand; locale: Locale }) {
  const t = translator(locale);
  const f = brandRecommend(brand);
  return (
    <td class="recommend">
      <b>{npsText(f.nps, locale)}</b> <span class="muted">{recommendDetail(f, t, locale)}</span>
    </td>
  );
}

/** A walk's answer in the drill-down ("9/10", or "—" when not asked). */
export function WalkRecommendCell({ journey }: { journey: Journey }) {
  return (
    <td class="recommend">
      {journey.recommend === undefined || journey.recommend === null
        ? '—'
        : `${journey.recommend}/10`}
    </td>
  );
}

/** How the NPS is computed, under the key figures (only when some walk answered). */
export function RecommendNote({ model, locale }: { model: ReportModel; locale: Locale }) {
  if (!model.brands.some((b) => brandRecommend(b).n > 0)) return null;
  return <p class="explain recommend-note">{translator(locale)('touchesRecommendExplained')}</p>;
}

function differenceText(difference: number | null, t: Translate, locale: Locale): string {
  if (difference === null) return '—';
  if (difference === 0) return t('touchesSame');
  return t(difference > 0 ? 'touchesMore' : 'touchesFewer', {
    n: countText(Math.abs(difference), locale),
  });
}

function countCell(count: StageCount, t: Translate, locale: Locale) {
  return count.median === null ? (
    <span class="missing">{t('touchesNotWalked')}</span>
  ) : (
    <>
      <b>{countText(count.median, locale)}</b>{' '}
      <span class="muted">{t('touchesN', { n: count.n })}</span>
    </>
  );
}

/** The section "Fewer touches": touches per stage against the best competitor, the flagged steps. */
export function FewerTouchesSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const rows = touchesByStage(model);
  const flagged = flaggedSteps(model);
  const own = model.brands.filter((b) => b.brand.role === 'own');
  const index = new Map(model.brands.map((b, i) => [b.id, i]));
  return (
    <section class="fewer-touches">
      <h2 id="fewer-touches-title">{t('section_fewerTouches')}</h2>
      <p class="explain">{t('touchesStageExplained')}</p>
      <table
        class="standards-table scorecard-table touches-table"
        aria-labelledby="fewer-touches-title"
      >
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            {own.map((b) => (
              <th scope="col" key={b.id} class="role-own">
                {labels.brandWithRole(b.id)}
              </th>
            ))}
            <th scope="col">{t('touchesBest')}</th>
            {own.map((b) => (
              <th scope="col" key={b.id}>
                {own.length > 1
                  ? t('touchesDifferenceOf', { brand: labels.brand(b.id) })
                  : t('touchesDifference')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.stage ?? ''} class={row.stage === null ? 'total' : undefined}>
              <th scope="row">
                {row.stage === null ? t('touchesWhole') : stageLabel(row.stage, locale)}
              </th>
              {own.map((b) => (
                <td key={b.id}>{countCell(row.counts[index.get(b.id)!]!, t, locale)}</td>
              ))}
              <td>
                {row.best === null ? (
                  <span class="missing">{t('touchesNoCompetitor')}</span>
                ) : (
                  <>
                    <b>{countText(row.best.median, locale)}</b>{' '}
                    {row.best.brandIds.map((id) => labels.brand(id)).join(', ')}
                  </>
                )}
              </td>
              {row.differences.map((d) => (
                <td
                  key={d.brandId}
                  class={
                    d.difference !== null && d.difference > 0
                      ? 'behind'
                      : d.difference !== null && d.difference < 0
                        ? 'best'
                        : undefined
                  }
                >
                  {differenceText(d.difference, t, locale)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {own.length === 0 && <p class="muted">{t('touchesNoOwn')}</p>}
      <h3 id="fewer-flagged-title">{t('touchesFlaggedTitle')}</h3>
      {flagged.length === 0 ? (
        <p class="empty">{t('touchesFlaggedNone')}</p>
      ) : (
        <table class="standards-table flagged-table" aria-labelledby="fewer-flagged-title">
          <ColumnHeads
            t={t}
            keys={['brand', 'drillWalk', 'reportStep', 'touchesReduceColumn', 'touchesReason']}
          />
          <tbody>
            {flagged.map(({ journey, brand, step, reduce }) => (
              <tr key={step.id} data-step={step.id}>
                <td>{labels.brandWithRole(brand.id)}</td>
                <td>{labels.walk(journey.id)}</td>
                <th scope="row">
                  {t('stepN', { n: step.seq })} — {step.title || t('untitled')}{' '}
                  <span class="muted">{stageLabel(step.stage, locale)}</span>
                </th>
                <td>{t(reduce.kind === 'cut' ? 'touchesCut' : 'touchesMerge')}</td>
                <td>{reduce.reason.trim() || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The section "People and handoffs": per walk, per brand (medians), the transfers and repeats. */
export function PeopleSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const handoffs = handoffSteps(model);
  const walks = model.brands.flatMap((b) => b.walks);
  const recorded = walks.some((w) => walkPeople(w.steps.map((s) => s.touchpoint)).contacts > 0);
  return (
    <section class="people">
      <h2 id="people-title">{t('section_people')}</h2>
      <p class="explain">{t('touchesPeopleExplained')}</p>
      {!recorded ? (
        <p class="empty">{t('touchesPeopleNone')}</p>
      ) : (
        <>
          <table class="standards-table people-brands" aria-labelledby="people-title">
            <caption>{t('touchesPeopleBrandsCaption')}</caption>
            <ColumnHeads
              t={t}
              keys={['brand', 'touchesPeople', 'touchesTransfers', 'touchesRepeats']}
            />
            <tbody>
              {model.brands.map((b) => {
                const p = brandPeople(b);
                return (
                  <tr key={b.id} data-brand={b.id} class={`role-${b.brand.role}`}>
                    <th scope="row">
                      {labels.brandWithRole(b.id)}{' '}
                      <span class="journey-context n-walks">{walksText(p.n, locale)}</span>
                    </th>
                    <td>{countText(p.people, locale)}</td>
                    <td>{countText(p.transfers, locale)}</td>
                    <td>{countText(p.repeats, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <table class="standards-table people-walks">
            <caption>{t('touchesPeopleWalksCaption')}</caption>
            <ColumnHeads
              t={t}
              keys={[
                'drillWalk',
                'touchesContacts',
                'touchesPeople',
                'touchesWho',
                'touchesTransfers',
                'touchesRepeats',
              ]}
            />
            <tbody>
              {walks.map((w) => {
                const p = walkPeople(w.steps.map((s) => s.touchpoint));
                return (
                  <tr key={w.journey.id} data-journey={w.journey.id}>
                    <th scope="row">{labels.walk(w.journey.id)}</th>
                    <td>{p.contacts}</td>
                    <td>{p.contacts ? p.people : '—'}</td>
                    <td>
                      {[
                        ...p.names,
                        ...(p.unnamed ? [t('touchesUnnamed', { n: p.unnamed })] : []),
                      ].join(', ') || '—'}
                    </td>
                    <td>{p.contacts ? p.transfers : '—'}</td>
                    <td>{p.contacts ? p.repeats : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {handoffs.length > 0 && (
            <>
              <h3>{t('touchesHandoffsTitle')}</h3>
              <ul class="handoffs">
                {handoffs.map(({ journey, step }) => (
                  <li key={step.id}>
                    {labels.walk(journey.id)} · {t('stepN', { n: step.seq })} —{' '}
                    {step.title || t('untitled')}: {step.person!.who.trim() || t('touchesNoName')}
                    {step.person!.transfer && (
                      <span class="flag flag-weak">{t('touchesTransferFlag')}</span>
                    )}
                    {step.person!.repeated && (
                      <span class="flag flag-weak">{t('touchesRepeatFlag')}</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
