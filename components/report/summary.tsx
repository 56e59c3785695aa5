/**
 * The top of the report a manager reads first: the executive summary (findings from the data),
 * the league table and the scorecard per lifecycle stage. Rendered on the report page and in
 * the exported file alike.
 */
import { formatNumber, translator } from '../../lib/i18n';
import type { ReportSection } from '../../lib/model';
import type { ReportModel } from '../../lib/report/model';
import { findingWords, percentText, reportLabels, standardsMetText } from '../../lib/report/words';
import {
  findings,
  leagueTable,
  stageScorecards,
  type StageScorecard,
} from '../../lib/report/summary';
import { statusScorecards } from '../../lib/report/status';
import { stageLabel, statusLabel, type Locale } from '../../lib/taxonomy';
import { ColumnHeads } from './column-heads';
import { FunnelBesideScorecard } from './funnel';
import { StageGives } from './gives';
import { walksText } from './period';

function ExecutiveSummary({
  model,
  locale,
  cards,
}: {
  model: ReportModel;
  locale: Locale;
  cards: StageScorecard[];
}) {
  const t = translator(locale);
  const list = findings(model, cards);
  return (
    <section class="summary">
      <h2>{t('summaryTitle')}</h2>
      {model.settings.conclusions.trim() && (
        <>
          <h3>{t('summaryConclusions')}</h3>
          <p class="consultant">{model.settings.conclusions}</p>
        </>
      )}
      {model.settings.recommendations.trim() && (
        <>
          <h3>{t('summaryRecommendations')}</h3>
          <p class="consultant">{model.settings.recommendations}</p>
        </>
      )}
      <h3>{t('summaryFindings')}</h3>
      {list.length === 0 ? (
        <p class="empty">{t('summaryNone')}</p>
      ) : (
        <ul class="findings">
          {list.map((f, i) => (
            <li key={i} class={`finding finding-${f.kind}`}>
              {findingWords(f, model, locale)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LeagueTable({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const rows = leagueTable(model);
  if (rows.length < 2) return null;
  const labels = reportLabels(model, locale);
  const pct = (v: number | null) => percentText(v, locale);
  return (
    <section class="league">
      <h2 id="league-title">{t('leagueTitle')}</h2>
      <p class="explain">{t('leagueExplained')}</p>
      <table class="standards-table" aria-labelledby="league-title">
        <ColumnHeads
          t={t}
          keys={[
            'leagueRank',
            'brand',
            'leagueScore',
            'kpiAverageExperience',
            'reportCompliance',
            'reportStandardsMet',
            'kpiFinalLikelihood',
          ]}
        />
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.brandId}
              data-brand={row.brandId}
              class={row.stopped ? 'stopped' : undefined}
            >
              <td>{row.rank}</td>
              <th scope="row">
                {labels.brandWithRole(row.brandId)}{' '}
                <span class="journey-context n-walks">{walksText(row.walks, locale)}</span>
                {row.stopped && <span class="flag flag-weak">{t('leagueStoppedAll')}</span>}
              </th>
              <td>
                <b>{pct(row.score)}</b>
              </td>
              <td>{pct(row.parts.experience)}</td>
              <td>{pct(row.parts.compliance)}</td>
              <td>{pct(row.parts.standards)}</td>
              <td>{pct(row.parts.likelihood)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StageScorecardTable({
  model,
  locale,
  cards,
}: {
  model: ReportModel;
  locale: Locale;
  cards: StageScorecard[];
}) {
  const t = translator(locale);
  if (model.brands.length === 0 || cards.length === 0) return null;
  const labels = reportLabels(model, locale);
  const num = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));
  /** A stage's row, or a status's subtotal row (`subtotal`: its heading). */
  const row = (card: StageScorecard, subtotal?: string) => (
    <tr key={subtotal ? ' subtotal' : card.stage} class={subtotal ? 'status-subtotal' : undefined}>
      <th scope="row">
        {subtotal ?? (
          <>
            {stageLabel(card.stage, locale)}
            <StageGives stage={card.stage} method={model.audit.method} locale={locale} />
          </>
        )}
      </th>
      {card.scores.map((s) => (
        <td
          key={s.brandId}
          class={s.brandId === card.winnerId ? 'best' : s.steps === 0 ? 'absent' : undefined}
        >
          {s.steps === 0 ? (
            <span class="missing">{t('missingTouchpoint')}</span>
          ) : (
            <>
              <div>
                {t('scoreWeighted')}: <b>{num(s.weighted)}</b>
              </div>
              <div class="muted">
                {t('scoreExperience')}: {num(s.experience)} · {t('reportCompliance')}:{' '}
                {percentText(s.compliance, locale)}
                {s.standards.measured > 0 &&
                  ` · ${t('reportStandardsMet')}: ${standardsMetText(s.standards)}`}
              </div>
            </>
          )}
        </td>
      ))}
      <td>{card.winnerId ? labels.brandWithRole(card.winnerId) : '—'}</td>
      <td class={card.ownGap !== null && card.ownGap > 0 ? 'behind' : undefined}>
        {card.ownGap === null || card.rivalId === null
          ? '—'
          : t(card.ownGap > 0 ? 'scorecardBehindOf' : 'scorecardAheadOf', {
              gap: formatNumber(Math.abs(card.ownGap), locale),
              rival: labels.brand(card.rivalId),
            })}
      </td>
    </tr>
  );
  return (
    <section class="scorecard">
      <h2 id="scorecard-title">{t('scorecardTitle')}</h2>
      <p class="explain">{t('scorecardExplained')}</p>
      <p class="explain">{t('statusSubtotalNote')}</p>
      <table class="standards-table scorecard-table" aria-labelledby="scorecard-title">
        <thead>
          <tr>
            <th scope="col">{t('stage')}</th>
            {model.brands.map((b) => (
              <th scope="col" key={b.id} class={`role-${b.brand.role}`}>
                {labels.brandWithRole(b.id)}{' '}
                <span class="journey-context n-walks">{walksText(b.walks.length, locale)}</span>
              </th>
            ))}
            <th scope="col">{t('scorecardWinner')}</th>
            <th scope="col">{t('scorecardGap')}</th>
          </tr>
        </thead>
        {statusScorecards(model, cards).map((group) => (
          <tbody key={group.status} class="status-group">
            <tr class="status-head">
              <th scope="rowgroup" colSpan={model.brands.length + 3}>
                {statusLabel(group.status, locale)}
              </th>
            </tr>
            {group.cards.map((card) => row(card))}
            {group.cards.length > 1 &&
              row(
                group.subtotal,
                t('statusSubtotal', { status: statusLabel(group.status, locale) }),
              )}
          </tbody>
        ))}
      </table>
    </section>
  );
}

/** The manager's part of the report: summary, league table and scorecard (those not left out). */
export function ReportSummary({
  model,
  locale,
  show,
}: {
  model: ReportModel;
  locale: Locale;
  show: (section: ReportSection) => boolean;
}) {
  const cards = stageScorecards(model);
  return (
    <>
      {show('summary') && <ExecutiveSummary model={model} locale={locale} cards={cards} />}
      {show('league') && <LeagueTable model={model} locale={locale} />}
      {show('scorecard') && <StageScorecardTable model={model} locale={locale} cards={cards} />}
      {show('scorecard') && <FunnelBesideScorecard model={model} locale={locale} cards={cards} />}
    </>
  );
}
