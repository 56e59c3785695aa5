/**
 * Page facts compared per brand (section `pageFacts`, page and exported file alike): a table of
 * figures × brands — accessibility issues per page by impact, pages with severe issues, median
 * load timings with n — then the rules broken most often, and notes for what was left out. The
 * figures are lib/report/page-facts.ts. Rule help texts come from axe-core and are text, never HTML.
 */
import { formatNumber, translator } from '../../lib/i18n';
import { A11Y_IMPACTS } from '../../lib/model';
import type { ReportModel } from '../../lib/report/model';
import { pageFactsByBrand, TIMINGS, type BrandFacts } from '../../lib/report/page-facts';
import { reportLabels } from '../../lib/report/words';
import type { Locale } from '../../lib/taxonomy';

/** The section's looks (added to REPORT_CSS): the tags table's shape, numbers aligned. */
export const PAGE_FACTS_CSS = `
.plan-table.facts-table{width:auto;min-width:50%;max-width:100%;margin-top:6px}
.facts-table caption{text-align:left;font-weight:600;padding:4px 0}
.facts-table tbody th{font-weight:normal;text-align:left}
.facts-table td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.facts-rules{margin:8px 0}
.facts-rules h3{font-size:1em;margin:8px 0 2px}
.facts-rules ul{margin:2px 0 8px;padding-left:22px}
.facts-rules li{margin:2px 0;overflow-wrap:anywhere}
`;

/** "320 ms" below a second, "1.2 s" from one on. */
function formatMs(ms: number, locale: Locale): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatNumber(ms / 1000, locale)} s`;
}

export function PageFactsSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const facts = pageFactsByBrand(model);
  const labels = reportLabels(model, locale);
  const any = facts.some((f) => f.withFacts > 0);
  const row = (head: string, cell: (f: BrandFacts) => string, key: string) => (
    <tr key={key} data-figure={key}>
      <th scope="row">{head}</th>
      {facts.map((f) => (
        <td key={f.brandId} data-brand={f.brandId}>
          {cell(f)}
        </td>
      ))}
    </tr>
  );
  return (
    <section class="facts-report" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('section_pageFacts')}</h2>
      <p class="explain">{t('factsHelp')}</p>
      {!any ? (
        <p class="muted">{t('factsNone')}</p>
      ) : (
        <>
          <table class="plan-table facts-table">
            <caption>{t('factsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('factsFigure')}</th>
                {model.brands.map((b) => (
                  <th scope="col" key={b.id}>
                    {labels.brandWithRole(b.id)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {row(
                t('factsPages'),
                (f) => t('factsPagesValue', { n: f.withFacts, of: f.pages }),
                'pages',
              )}
              {row(
                t('factsChecked'),
                (f) => t('factsPagesValue', { n: f.checked, of: f.withFacts }),
                'checked',
              )}
              {A11Y_IMPACTS.map((impact) =>
                row(
                  t('factsPerPage', { impact: t(`impact_${impact}`) }),
                  (f) => {
                    const value = f.perPage[impact];
                    return value === null ? t('factsNoneChecked') : formatNumber(value, locale);
                  },
                  impact,
                ),
              )}
              {row(
                t('factsSevere'),
                (f) =>
                  f.checked === 0
                    ? t('factsNoneChecked')
                    : t('factsPagesValue', { n: f.severePages, of: f.checked }),
                'severe',
              )}
              {TIMINGS.map((key) =>
                row(
                  t('factsMedian', { timing: t(`timing_${key}`) }),
                  (f) => {
                    const { median, n } = f.timings[key];
                    return median === null
                      ? t('factsNotMeasured')
                      : t('factsTimingValue', { value: formatMs(median, locale), n });
                  },
                  key,
                ),
              )}
            </tbody>
          </table>
          <div class="facts-rules">
            {facts
              .filter((f) => f.topRules.length > 0)
              .map((f) => (
                <div key={f.brandId} data-brand={f.brandId}>
                  <h3>
                    {t('factsTopRules')} · {labels.brandWithRole(f.brandId)}
                  </h3>
                  <ul>
                    {f.topRules.map((rule) => (
                      <li key={rule.id}>
                        {t('factsRuleOn', {
                          rule: rule.id,
                          help: rule.help,
                          pages: rule.pages,
                          of: f.checked,
                          impact: t(`impact_${rule.impact}`).toLowerCase(),
                        })}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
          </div>
          {facts.map((f) => {
            const brand = labels.brandWithRole(f.brandId);
            const { unsupported, failed, timeout } = f.notChecked;
            return (
              <div key={f.brandId}>
                {unsupported + failed + timeout > 0 && (
                  <p class="muted">
                    {t('factsNotChecked', { brand, unsupported, failed, timeout })}
                  </p>
                )}
                {f.routeChanges > 0 && (
                  <p class="muted">{t('factsRouteChanges', { brand, n: f.routeChanges })}</p>
                )}
                {f.rulesNotKept > 0 && (
                  <p class="muted">{t('factsRulesNotKept', { brand, n: f.rulesNotKept })}</p>
                )}
              </div>
            );
          })}
        </>
      )}
    </section>
  );
}
