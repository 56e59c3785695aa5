/**
 * The report's method section: who walked what, when, as whom and from where; the scales; the
 * standards and checklists used — so a reader can trust the audit and repeat it.
 */
import { formatDateTime, translator } from '../../lib/i18n';
import { formatFingerprint } from '../../lib/report/manifest';
import { methodUsed } from '../../lib/report/method-used';
import type { ReportModel } from '../../lib/report/model';
import { outcomeText, reportLabels } from '../../lib/report/words';
import {
  channelLabel,
  checklistName,
  formatTarget,
  standardName,
  type Locale,
} from '../../lib/taxonomy';
import { ColumnHeads } from './column-heads';
import { StagesGive } from './gives';

export function MethodSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const used = methodUsed(model);
  const labels = reportLabels(model, locale);
  return (
    <section class="method">
      <h2 id="method-title">{t('methodTitle')}</h2>
      <table class="standards-table" aria-labelledby="method-title">
        <ColumnHeads
          t={t}
          keys={[
            'drillWalk',
            'methodWalked',
            'methodAuditor',
            'persona',
            'entryChannel',
            'task',
            'outcome',
          ]}
        />
        <tbody>
          {used.walks.map(({ journey, first, last }) => (
            <tr key={journey.id}>
              <th scope="row">{labels.walk(journey.id)}</th>
              <td>
                {formatDateTime(first, locale)}
                {last !== first && ` → ${formatDateTime(last, locale)}`}
              </td>
              <td>{journey.auditor || '—'}</td>
              <td>{journey.persona || '—'}</td>
              <td>{channelLabel(journey.entryChannel, locale, model.method)}</td>
              <td>{journey.task || '—'}</td>
              <td>{outcomeText(journey.outcome, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul class="method-notes">
        <li>{t('methodScales')}</li>
        <li>{t('methodWeak')}</li>
        <li>
          {t('methodStandards')}:{' '}
          {used.standards.length
            ? used.standards
                .map((s) => `${standardName(s, locale)} ${formatTarget(s, locale)}`)
                .join('; ')
            : t('methodNone')}
        </li>
        <li>
          {t('methodChecklists')}:{' '}
          {used.checklists.length
            ? used.checklists
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
        <StagesGive model={model} locale={locale} />
        {model.signer && (
          <li class="method-signer">
            {t('methodSignedBy')} <code>{formatFingerprint(model.signer.fingerprint)}</code>
          </li>
        )}
        <li>{t('methodManifest')}</li>
      </ul>
    </section>
  );
}
