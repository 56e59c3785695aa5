/**
 * The report's "Existing and potential touchpoints" (section `inventory`): every type of the
 * audit's catalogue by Mann's category against the report's brands — walked in this wave, exists
 * but not walked, absent or not checked, each said in words with a mark (never colour alone) —
 * and the counts per brand. The same component renders the report page and the exported file;
 * the data is lib/report/inventory.ts.
 */
import { translator } from '../../lib/i18n';
import type { CategoryId } from '../../lib/model/ids';
import { INVENTORY_MARKS, INVENTORY_STATES, reportInventory } from '../../lib/report/inventory';
import type { ReportModel } from '../../lib/report/model';
import { reportLabels } from '../../lib/report/words';
import { categoryLabel, typeName, type Locale } from '../../lib/taxonomy';

export const INVENTORY_CSS = `
.inventory-table{border-collapse:collapse;width:100%;font-size:13px}
.inventory-table th,.inventory-table td{border:1px solid #d9dee7;padding:3px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.inventory-table thead th{background:#f1f4f9;font-weight:600}
.inventory-table thead th.role-own{background:#e6eefc}
.inventory-table tr.inventory-category th{background:#f8f9fb;font-size:13px;padding-top:8px}
.inventory-table tbody th{font-weight:400}
.inventory-table td{white-space:nowrap}
.inventory-table td.inv-walked{color:#1d6b3a}
.inventory-table td.inv-exists{color:#1c2330}
.inventory-table td.inv-absent{color:#9b2c2c;background:#fdf3f3}
.inventory-table td.inv-unchecked{color:#566074}
.inventory-table .inv-mark{display:inline-block;width:1.2em;text-align:center}
.inventory-table tfoot th,.inventory-table tfoot td{background:#f7f9fc;font-weight:600}
.inventory-table .muted{color:#566074;font-weight:400}
`;

export function InventoryReportSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const matrix = reportInventory(model);
  if (matrix.columns.length === 0) return null;
  const labels = reportLabels(model, locale);
  const compared = new Set(model.brands.map((b) => b.id));
  return (
    <section class="inventory" aria-labelledby="inventory-title">
      <h2 id="inventory-title">{t('section_inventory')}</h2>
      <p class="explain">
        {t('invReportExplained')} {t('invMarks')}
      </p>
      {matrix.types === 0 ? (
        <p class="empty">{t('invNoTypes')}</p>
      ) : (
        <table class="inventory-table" aria-labelledby="inventory-title">
          <thead>
            <tr>
              <th scope="col">{t('invType')}</th>
              {matrix.columns.map(({ brand }) => (
                <th scope="col" key={brand.id} class={`role-${brand.role}`} data-brand={brand.id}>
                  {labels.brandWithRole(brand.id)}
                  {!compared.has(brand.id) && <span class="muted"> · {t('invNoWalk')}</span>}
                </th>
              ))}
            </tr>
          </thead>
          {matrix.groups.map((group) => (
            <tbody key={group.category}>
              <tr class="inventory-category">
                <th scope="rowgroup" colSpan={matrix.columns.length + 1}>
                  {categoryLabel(group.category as CategoryId, locale)}{' '}
                  <span class="muted">({t('invCategoryCount', { n: group.rows.length })})</span>
                </th>
              </tr>
              {group.rows.map((row) => (
                <tr key={row.type.id} data-type={row.type.id}>
                  <th scope="row">{typeName(row.type, locale)}</th>
                  {row.states.map((state, i) => (
                    <td key={matrix.columns[i]!.brand.id} class={`inv-${state}`}>
                      <span class="inv-mark" aria-hidden="true">
                        {INVENTORY_MARKS[state]}
                      </span>
                      {t(`invState_${state}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          ))}
          <tfoot>
            {INVENTORY_STATES.map((state) => (
              <tr key={state} data-state={state}>
                <th scope="row">
                  <span class="inv-mark" aria-hidden="true">
                    {INVENTORY_MARKS[state]}
                  </span>
                  {t(`invState_${state}`)}
                </th>
                {matrix.counts.map((counts, i) => (
                  <td key={matrix.columns[i]!.brand.id}>{counts[state]}</td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      )}
    </section>
  );
}
