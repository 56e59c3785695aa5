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

export function TagsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const groups = tagGroups(model);
  const labels = reportLabels(model, locale);
  return (
    <section class="tags-report" aria-labelledby="tags-title">
      <h2 id="tags-title">{t('section_tags')}</h2>
      <p class="muted">{t('tagReportHelp')}</p>
      {groups.length === 0 ? (
        <p class="muted">{t('tagReportNone')}</p>
      ) : (
        <>
          <table class="tags-table">
            <caption>{t('tagReportCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tagReportTag')}</th>
                <th scope="col">{t('tagReportSteps')}</th>
                {model.brands.map((b) => (
                  <th scope="col" key={b.id}>
                    {labels.brandWithRole(b.id)}
                  </th>
                ))}
                <th scope="col">{t('tagReportWeak')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.tag} data-tag={group.tag}>
                  <th scope="row">{group.tag}</th>
                  <td>{group.steps.length}</td>
                  {group.brands.map((cell) => (
                    <td key={cell.brandId} data-brand={cell.brandId}>
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
                  <td>{group.weak}</td>
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
