/**
 * The report's steps by tag (section `tags`, page and exported file alike): a table of tags ×
 * brands (mean experience of the tagged steps, how many, weak links), then per tag its steps.
 * The figures are lib/report/tags.ts. Tags are text, never HTML.
 */
import { formatNumber, translator } from '../../lib/i18n';
import type { ReportModel } from '../../lib/report/model';
import { tagGroups } from '../../lib/report/tags';
import { reportLabels } from '../../lib/report/words';
import type { Locale } from '../../lib/taxonomy';

/** The section's looks (added to REPORT_CSS): a bordered table like the plan's, numbers aligned. */
export const TAGS_CSS = `
.plan-table.tags-table{width:auto;min-width:50%;max-width:100%;margin-top:6px}
.tags-table th.num{text-align:right}
.tags-table caption{text-align:left;font-weight:600;padding:4px 0}
.tags-table tbody th{font-weight:600;overflow-wrap:anywhere}
.tags-table td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.tags-table td.tag-mean{white-space:nowrap;font-variant-numeric:tabular-nums}
.tags-table td.tag-mean b{display:inline-block;min-width:2.2em}
.tag-steps{margin:6px 0}
.tag-steps>summary{cursor:pointer;min-height:24px;padding:3px 0;font-weight:600}
.tag-steps ul{margin:2px 0 8px;padding-left:22px}
.tag-steps li{margin:2px 0;overflow-wrap:anywhere}
.tag-steps li.is-weak{color:#9b2c2c}
`;

export function TagsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const groups = tagGroups(model);
  const labels = reportLabels(model, locale);
  return (
    <section class="tags-report" aria-labelledby="tags-title">
      <h2 id="tags-title">{t('section_tags')}</h2>
      <p class="explain">{t('tagReportHelp')}</p>
      {groups.length === 0 ? (
        <p class="muted">{t('tagReportNone')}</p>
      ) : (
        <>
          <table class="plan-table tags-table">
            <caption>{t('tagReportCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tagReportTag')}</th>
                <th scope="col" class="num">
                  {t('tagReportSteps')}
                </th>
                {model.brands.map((b) => (
                  <th scope="col" key={b.id}>
                    {labels.brandWithRole(b.id)}
                  </th>
                ))}
                <th scope="col" class="num">
                  {t('tagReportWeak')}
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.tag} data-tag={group.tag}>
                  <th scope="row">{group.tag}</th>
                  <td class="num">{group.steps.length}</td>
                  {group.brands.map((cell) => (
                    <td key={cell.brandId} data-brand={cell.brandId} class="tag-mean">
                      {cell.steps === 0 ? (
                        <span class="muted">{t('tagReportNotTagged')}</span>
                      ) : (
                        <>
                          <b>
                            {cell.experience === null ? '—' : formatNumber(cell.experience, locale)}
                          </b>{' '}
                          <span class="muted">
                            n = {cell.scored}/{cell.steps}
                            {cell.weak > 0 && ` · ${t('tagReportWeak')}: ${cell.weak}`}
                          </span>
                        </>
                      )}
                    </td>
                  ))}
                  <td class="num">{group.weak}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {groups.map((group) => (
            <details class="tag-steps" key={group.tag}>
              <summary>{t('tagReportStepsOf', { tag: group.tag })}</summary>
              <ul>
                {group.steps.map(({ step, journeyId, weak }) => (
                  <li key={step.touchpoint.id} class={weak ? 'is-weak' : undefined}>
                    {labels.walk(journeyId)} · {t('stepN', { n: step.touchpoint.seq })}:{' '}
                    {step.touchpoint.title || t('untitled')}
                    {step.touchpoint.experience !== null &&
                      ` · ${t('experience')} ${step.touchpoint.experience}`}
                    {weak && ` · ${t('flagWeakLink')}`}
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </section>
  );
}
