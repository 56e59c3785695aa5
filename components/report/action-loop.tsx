/**
 * The action plan's loop (lib/report/action-loop.ts): each action's measure before → after the
 * next wave, achieved or not (a word beside the mark, so it reads in black and white), and the
 * done actions whose problem came back.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import {
  actionLoop,
  measureName,
  type ActionLoopRow,
  type MeasuredValue,
  type MeasureUnit,
  type Recurrence,
} from '../../lib/report/action-loop';
import type { ReportModel } from '../../lib/report/model';
import { percentText, reportLabels } from '../../lib/report/words';
import { itemText, stageLabel, standardName, type Locale } from '../../lib/taxonomy';

type Method = ReportModel['method'];

function itemName(method: Method, templateId: string, itemId: string, locale: Locale): string {
  const item = method.checklists
    .find((c) => c.id === templateId)
    ?.items.find((i) => i.id === itemId);
  return item ? itemText(templateId, item, locale) : itemId;
}

function standardTitle(method: Method, standardId: string, locale: Locale): string {
  const standard = method.standards.find((s) => s.id === standardId);
  return standard ? standardName(standard, locale) : standardId;
}

function valueText(v: MeasuredValue | null, unit: MeasureUnit, locale: Locale): string {
  if (v === null || v.value === null) return '—';
  return unit === 'percent' ? percentText(v.value, locale) : formatNumber(v.value, locale);
}

function Achieved({ row, t }: { row: ActionLoopRow; t: Translate }) {
  if (row.achieved === null) return <span class="loop-achieved unknown">— {t('loopNotYet')}</span>;
  return (
    <span class={`loop-achieved ${row.achieved ? 'yes' : 'no'}`}>
      {row.achieved ? `✓ ${t('loopAchieved')}` : `✗ ${t('loopNotAchieved')}`}
      {row.judgedBy && (
        <span class="muted">
          {' '}
          (
          {t(
            row.judgedBy === 'target'
              ? 'loopByTarget'
              : row.judgedBy === 'improvement'
                ? 'loopByImprovement'
                : 'loopByAuditor',
          )}
          )
        </span>
      )}
    </span>
  );
}

function BeforeAfter({ row, locale, t }: { row: ActionLoopRow; locale: Locale; t: Translate }) {
  const v = row.value;
  const waves = `${row.wave.name} → ${row.nextWave?.name ?? t('loopNoNextWave')}`;
  if (v.kind === 'typed')
    return (
      <>
        {v.before || '—'} → {v.after || '—'}
      </>
    );
  return (
    <>
      {valueText(v.before, v.unit, locale)} → {valueText(v.after, v.unit, locale)}
      <span class="muted">
        {' '}
        ({waves}; n = {v.before.n} → {v.after?.n ?? '—'})
      </span>
    </>
  );
}

function recurrenceText(r: Recurrence, method: Method, t: Translate, locale: Locale): string {
  switch (r.kind) {
    case 'item':
      return t('loopBackItem', { item: itemName(method, r.templateId, r.itemId, locale) });
    case 'standard':
      return t('loopBackStandard', { standard: standardTitle(method, r.standardId, locale) });
    case 'stage-weak':
      return t('loopBackStageWeak', { stage: stageLabel(r.stage, locale) });
    case 'stage-worse':
      return t('loopBackStageWorse', {
        stage: stageLabel(r.stage, locale),
        before: formatNumber(r.before, locale),
        after: formatNumber(r.after, locale),
      });
  }
}

/**
 * The loop section: shown once some action has a later wave of its brand, or a typed value after
 * or judgement; the actions' table and the list of problems that came back.
 */
export function ActionLoopSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const loop = actionLoop(model);
  const rows = loop.rows.filter(
    (r) =>
      r.nextWave !== null ||
      (r.value.kind === 'typed' && (r.value.after !== '' || r.achieved !== null)),
  );
  if (rows.length === 0) return null;
  const labels = reportLabels(model, locale);
  const where = (r: ActionLoopRow) =>
    `${labels.walk(r.plan.journey.id)} · ${t('stepN', { n: r.plan.touchpoint.seq })}`;
  return (
    <section class="action-loop" aria-labelledby="action-loop-title">
      <h2 id="action-loop-title">{t('loopTitle')}</h2>
      <p class="explain">{t('loopExplained')}</p>
      <table class="plan-table loop-table" aria-labelledby="action-loop-title">
        <thead>
          <tr>
            <th scope="col">{t('actionWhat')}</th>
            <th scope="col">{t('loopOwner')}</th>
            <th scope="col">{t('loopMeasure')}</th>
            <th scope="col">{t('loopBeforeAfter')}</th>
            <th scope="col">{t('loopTarget')}</th>
            <th scope="col">{t('loopResult')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.plan.action.id} data-action={r.plan.action.id}>
              <th scope="row">
                {r.plan.action.what}
                <span class="muted journey-context"> {where(r)}</span>
              </th>
              <td>{r.plan.action.owner || t('noOwner')}</td>
              <td>
                {r.value.kind === 'computed'
                  ? measureName(r.value.measure, model.method, locale)
                  : r.value.metric || t('loopTyped')}
              </td>
              <td>
                <BeforeAfter row={r} locale={locale} t={t} />
              </td>
              <td>
                {r.target.text || '—'}
                {r.value.kind === 'computed' && r.target.text && r.target.value === null && (
                  <span class="muted"> ({t('loopTargetUnread')})</span>
                )}
              </td>
              <td>
                <Achieved row={r} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {loop.cameBack.length > 0 && (
        <>
          <h3 id="came-back-title">{t('loopCameBack')}</h3>
          <ul class="came-back" aria-labelledby="came-back-title">
            {loop.cameBack.map((r) => (
              <li key={r.plan.action.id}>
                <b>{r.plan.action.what}</b> ({where(r)}) —{' '}
                {t('loopCameBackIn', { wave: r.nextWave!.name })}:{' '}
                {r.cameBack.map((c) => recurrenceText(c, model.method, t, locale)).join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
