/**
 * The client's funnel beside the scorecard: customers who reached each stage, the conversion from
 * the previous stage and from the first, and the own brand's experience there, so a weak stage can
 * be read against its conversion. A table (its own text alternative); the figures are
 * lib/report/funnel.ts.
 */
import { formatNumber, translator } from '../../lib/i18n';
import { conversionText, countText, reportFunnel } from '../../lib/report/funnel';
import type { ReportModel } from '../../lib/report/model';
import { ownBrand, type StageScorecard } from '../../lib/report/summary';
import { reportLabels } from '../../lib/report/words';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { StageGives } from './gives';

export function FunnelBesideScorecard({
  model,
  locale,
  cards,
}: {
  model: ReportModel;
  locale: Locale;
  cards: readonly StageScorecard[];
}) {
  const t = translator(locale);
  const funnel = reportFunnel(model.audit, model.wave?.id ?? null);
  if (funnel.source === 'none') return null;
  const own = ownBrand(model);
  const labels = reportLabels(model, locale);
  const brand = own ? labels.brand(own.id) : '';
  const ownIndex = own ? model.brands.indexOf(own) : -1;
  const card = (stage: string) => cards.find((c) => c.stage === stage);
  const source =
    funnel.source === 'wave'
      ? t('fuSourceWave', { wave: model.wave!.name })
      : model.wave
        ? t('fuSourceAudit', { wave: model.wave.name })
        : t('fuSourceAuditNoWave');
  return (
    <section class="funnel" data-source={funnel.source}>
      <h2 id="funnel-title">{t('fuReportTitle')}</h2>
      <p class="explain">
        {own ? t('fuReportExplained', { brand }) : t('fuReportExplainedNoOwn')}{' '}
        <span class="funnel-source">{source}</span>
      </p>
      <table class="standards-table funnel-table" aria-labelledby="funnel-title">
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('fuReached')}</th>
            <th scope="col">{t('fuFromPrevious')}</th>
            <th scope="col">{t('fuFromFirst')}</th>
            {own && <th scope="col">{t('fuOwnExperience', { brand })}</th>}
            {own && <th scope="col">{t('scorecardGap')}</th>}
          </tr>
        </thead>
        <tbody>
          {funnel.rows.map((row, i) => {
            const c = card(row.stage);
            const score = c && ownIndex >= 0 ? c.scores[ownIndex] : undefined;
            const walked = score !== undefined && score.steps > 0;
            return (
              <tr key={row.stage} data-stage={row.stage}>
                <th scope="row">
                  {stageLabel(row.stage, locale)}
                  <StageGives stage={row.stage} method={model.audit.method} locale={locale} />
                </th>
                <td>{countText(row.count, locale)}</td>
                <td>
                  {i > 0 && row.fromPrevious === null
                    ? t('fuNoPrevious')
                    : conversionText(row.fromPrevious, locale)}
                </td>
                <td>{conversionText(row.fromFirst, locale)}</td>
                {own && (
                  <td class={walked ? undefined : 'absent'}>
                    {walked ? (
                      score.weighted === null ? (
                        '—'
                      ) : (
                        formatNumber(score.weighted, locale)
                      )
                    ) : (
                      <span class="missing">{t('fuNotWalked')}</span>
                    )}
                  </td>
                )}
                {own && (
                  <td class={c?.ownGap !== null && (c?.ownGap ?? 0) > 0 ? 'behind' : undefined}>
                    {!c || c.ownGap === null || c.rivalId === null
                      ? '—'
                      : t(c.ownGap > 0 ? 'scorecardBehindOf' : 'scorecardAheadOf', {
                          gap: formatNumber(Math.abs(c.ownGap), locale),
                          rival: labels.brand(c.rivalId),
                        })}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
