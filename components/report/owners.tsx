/**
 * Who owns what (the plan by department) and priority that counts the cost (quick wins and the
 * ranking by importance × gap ÷ effort); the logic is lib/report/owners.ts.
 */
import { formatDate, formatNumber, translator, type Translate } from '../../lib/i18n';
import { resolveOwner, typesById } from '../../lib/metrics/ownership';
import type { Step } from '../../lib/model';
import type { ReportModel } from '../../lib/report/model';
import {
  costRanking,
  costText,
  departmentName,
  departmentRollup,
  openActions,
  ownerText,
  quickWins,
  type CostItem,
  type DepartmentRow,
} from '../../lib/report/owners';
import { reportLabels } from '../../lib/report/words';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { ColumnHeads } from './column-heads';

function experienceText(row: DepartmentRow, locale: Locale, t: Translate): string {
  return row.meanExperience === null
    ? '—'
    : t('ownersExperienceN', { value: formatNumber(row.meanExperience, locale), n: row.scored });
}

function DepartmentCells({ row, locale, t }: { row: DepartmentRow; locale: Locale; t: Translate }) {
  return (
    <>
      <td class="num">{row.steps}</td>
      <td class="num">{row.weak}</td>
      <td>{experienceText(row, locale, t)}</td>
      <td>
        {row.control.own} / {row.control.partner} / {row.control['third-party']}
      </td>
      <td class="num">{row.actions.open}</td>
      <td class="num">{row.actions.inProgress}</td>
      <td class="num">{row.actions.done}</td>
      <td class={`num${row.actions.overdue ? ' overdue' : ''}`}>{row.actions.overdue}</td>
    </>
  );
}

/** The plan rolled up by department (report section `owners`). */
export function OwnersSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const { rows, total } = departmentRollup(model);
  const none = rows.find((r) => r.kind === 'none');
  return (
    <section class="owners" aria-labelledby="owners-title">
      <h2 id="owners-title">{t('ownersTitle')}</h2>
      <p class="explain">{t('ownersIntro')}</p>
      {rows.length === 0 ? (
        <p class="empty">{t('ownersNone')}</p>
      ) : (
        <>
          <table class="plan-table owners-table" aria-labelledby="owners-title">
            <ColumnHeads
              t={t}
              keys={[
                'ownersColDepartment',
                'ownersColSteps',
                'ownersColWeak',
                'ownersColExperience',
                'ownersColControl',
                'ownersColOpen',
                'ownersColInProgress',
                'ownersColDone',
                'ownersColOverdue',
              ]}
            />
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.kind}:${row.department}`}
                  data-department={row.kind === 'named' ? row.department : `(${row.kind})`}
                >
                  <th scope="row">{departmentName(row, t)}</th>
                  <DepartmentCells row={row} locale={locale} t={t} />
                </tr>
              ))}
              {rows.length > 1 && (
                <tr class="group">
                  <th scope="row">{t('ownersRowTotal')}</th>
                  <DepartmentCells row={total} locale={locale} t={t} />
                </tr>
              )}
            </tbody>
          </table>
          {none && none.steps > 0 && (
            <p class="explain owners-unowned">
              {t('ownersNoOwnerSaid', { n: none.steps, total: total.steps })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function StepCell({ item, model, locale }: { item: CostItem; model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const { touchpoint } = item;
  return (
    <>
      {t('stepN', { n: touchpoint.seq })} · {stageLabel(touchpoint.stage, locale)} —{' '}
      {touchpoint.title || t('untitled')}
      <span class="muted journey-context"> {labels.walk(item.journey.id)}</span>
    </>
  );
}

function valueText(item: CostItem, t: Translate): string {
  return t('qwValueText', {
    importance: item.touchpoint.importance ?? 0,
    gap: 5 - (item.touchpoint.experience ?? 5),
    value: item.value,
  });
}

function ActionsCell({ item, locale }: { item: CostItem; locale: Locale }) {
  const t = translator(locale);
  const open = openActions(item.actions);
  if (!open.length) return <span class="muted">{t('qwNoAction')}</span>;
  return (
    <>
      {open.map((a) => (
        <div key={a.id} class="plan-line" data-action={a.id}>
          <b>{a.what}</b>
          {' · '}
          {a.effort ? t('ownEffortShort', { effort: a.effort }) : t('ownEffortNone')}
          {a.cost !== null &&
            a.cost !== undefined &&
            ` · ${t('ownCostShort', { cost: costText(a.cost, locale) })}`}
          {' · '}
          {a.owner || t('noOwner')}
          {' · '}
          {a.due === null ? t('noDue') : t('dueOn', { date: formatDate(a.due, locale) })}
          {' · '}
          {t(`actionStatus_${a.status}`)}
        </div>
      ))}
    </>
  );
}

/** Quick wins and the ranking that counts the cost (report section `quickWins`). */
export function QuickWinsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const ranking = costRanking(model);
  const wins = quickWins(ranking);
  const cost = (item: CostItem) => (item.cost === null ? '—' : costText(item.cost, locale));
  return (
    <section class="quick-wins" aria-labelledby="quick-wins-title">
      <h2 id="quick-wins-title">{t('qwTitle')}</h2>
      <p class="explain">{t('qwIntro')}</p>
      {wins.length === 0 ? (
        <p class="empty">{t('qwNone')}</p>
      ) : (
        <table class="plan-table quick-wins-table" aria-labelledby="quick-wins-title">
          <ColumnHeads
            t={t}
            keys={['qwColStep', 'qwColOwner', 'qwColValue', 'qwColCost', 'qwColActions']}
          />
          <tbody>
            {wins.map((item) => (
              <tr key={item.touchpoint.id} data-step-id={item.touchpoint.id}>
                <th scope="row">
                  <StepCell item={item} model={model} locale={locale} />
                </th>
                <td>{ownerText(item.owner, t)}</td>
                <td>{valueText(item, t)}</td>
                <td>{cost(item)}</td>
                <td>
                  <ActionsCell item={item} locale={locale} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 id="cost-rank-title">{t('qwRankTitle')}</h3>
      <p class="explain">{t('qwRankIntro')}</p>
      {ranking.ranked.length === 0 && ranking.unestimated.length === 0 ? (
        <p class="empty">{t('qwRankNone')}</p>
      ) : (
        <>
          {ranking.ranked.length > 0 && (
            <table class="plan-table cost-rank-table" aria-labelledby="cost-rank-title">
              <ColumnHeads
                t={t}
                keys={[
                  'qwColRank',
                  'qwColStep',
                  'qwColOwner',
                  'qwColValue',
                  'qwColEffort',
                  'qwColCost',
                  'qwColScore',
                ]}
              />
              <tbody>
                {ranking.ranked.map((item) => (
                  <tr key={item.touchpoint.id} data-step-id={item.touchpoint.id}>
                    <td class="num">{item.rank}</td>
                    <th scope="row">
                      <StepCell item={item} model={model} locale={locale} />
                    </th>
                    <td>{ownerText(item.owner, t)}</td>
                    <td>{valueText(item, t)}</td>
                    <td>{item.effort}</td>
                    <td>{cost(item)}</td>
                    <td class="num">{formatNumber(item.score!, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {ranking.unestimated.length > 0 && (
            <>
              <h4 id="cost-unestimated-title">
                {t('qwUnestimated', { n: ranking.unestimated.length })}
              </h4>
              <ul class="cost-unestimated" aria-labelledby="cost-unestimated-title">
                {ranking.unestimated.map((item) => (
                  <li key={item.touchpoint.id} data-step-id={item.touchpoint.id}>
                    <StepCell item={item} model={model} locale={locale} /> ·{' '}
                    {ownerText(item.owner, t)} · {valueText(item, t)}
                    {item.cost !== null &&
                      ` · ${t('ownCostShort', { cost: costText(item.cost, locale) })}`}
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

/** "Owner: Sales (ours)" under a step of the "fix first" list. */
export function FixFirstOwner({
  model,
  step,
  locale,
}: {
  model: ReportModel;
  step: Step;
  locale: Locale;
}) {
  const t = translator(locale);
  const owner = resolveOwner(step, typesById(model.method.types));
  return <div class="fix-owner">{t('ownersFixFirstOwner', { owner: ownerText(owner, t) })}</div>;
}
