/**
 * The report's method section: who walked what, when, as whom and from where; the scales; the
 * standards and checklists used — so a reader can trust the audit and repeat it.
 */
import { formatDateTime, translator } from '../../lib/i18n';
import type { ReportModel } from '../../lib/report/model';
import { brandLabel, outcomeText } from '../../lib/report/words';
import {
  channelLabel,
  checklistName,
  formatTarget,
  standardName,
  type Locale,
} from '../../lib/taxonomy';
import { ColumnHeads } from './column-heads';

export function MethodSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const usedStandards = model.method.standards.filter((s) =>
    model.journeys.some((j) => j.measurements.some((r) => r.measurement.standardId === s.id)),
  );
  const usedChecklists = model.method.checklists.filter((c) =>
    model.journeys.some((j) =>
      j.steps.some((s) => s.touchpoint.checks.some((check) => check.templateId === c.id)),
    ),
  );
  return (
    <section class="method">
      <h2 id="method-title">{t('methodTitle')}</h2>
      <table class="standards-table" aria-labelledby="method-title">
        <ColumnHeads
          t={t}
          keys={[
            'brand',
            'methodWalked',
            'methodAuditor',
            'persona',
            'entryChannel',
            'task',
            'outcome',
          ]}
        />
        <tbody>
          {model.journeys.map(({ journey, steps }) => {
            const times = steps.map((s) => s.touchpoint.at);
            const first = times.length ? Math.min(...times) : journey.createdAt;
            const last = times.length ? Math.max(...times) : (journey.finishedAt ?? first);
            return (
              <tr key={journey.id}>
                <th scope="row">{brandLabel(journey, t)}</th>
                <td>
                  {formatDateTime(first, locale)}
                  {last !== first && ` → ${formatDateTime(last, locale)}`}
                </td>
                <td>{journey.auditor || '—'}</td>
                <td>{journey.persona || '—'}</td>
                <td>{channelLabel(journey.entryChannel, locale)}</td>
                <td>{journey.task || '—'}</td>
                <td>{outcomeText(journey.outcome, t)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ul class="method-notes">
        <li>{t('methodScales')}</li>
        <li>{t('methodWeak')}</li>
        <li>
          {t('methodStandards')}:{' '}
          {usedStandards.length
            ? usedStandards
                .map((s) => `${standardName(s, locale)} ${formatTarget(s, locale)}`)
                .join('; ')
            : t('methodNone')}
        </li>
        <li>
          {t('methodChecklists')}:{' '}
          {usedChecklists.length
            ? usedChecklists
                .map((c) =>
                  t('methodChecklistItems', {
                    name: checklistName(c, locale),
                    n: c.items.length,
                    critical: c.items.filter((i) => i.critical).length,
                  }),
                )
                .join('; ')
            : t('methodNone')}
        </li>
      </ul>
    </section>
  );
}
