/**
 * Stage tables under the customer's status (potential, current, former customer): one `<tbody>`
 * per status, headed by the status, with the table's own rows and, where it has figures, a
 * subtotal row. Used by the report page and the exported file alike.
 */
import type { ComponentChildren } from 'preact';
import type { ReportModel, StageRow } from '../../lib/report/model';
import { statusRows, type StatusRows } from '../../lib/report/status';
import { translator } from '../../lib/i18n';
import { groupByStatus, stageLabel, statusLabel, type Locale } from '../../lib/taxonomy';

export function StatusRowGroups({
  model,
  stages,
  locale,
  colSpan,
  row,
  subtotal,
}: {
  model: Pick<ReportModel, 'audit'>;
  /** The table's stage rows (in the report's order; a table may leave some out). */
  stages: readonly StageRow[];
  locale: Locale;
  /** Columns of the table, for the status's heading row. */
  colSpan: number;
  row: (row: StageRow) => ComponentChildren;
  /** The status's subtotal row, shown when it has two stages or more. */
  subtotal?: (group: StatusRows, label: string) => ComponentChildren;
}) {
  return (
    <>
      {statusRows({ audit: model.audit, stages: [...stages] }).map((group) => (
        <tbody key={group.status} class="status-group">
          <tr class="status-head">
            <th scope="rowgroup" colSpan={colSpan}>
              {statusLabel(group.status, locale)}
            </th>
          </tr>
          {group.rows.map(row)}
          {subtotal && group.rows.length > 1 && subtotal(group, statusLabel(group.status, locale))}
        </tbody>
      ))}
    </>
  );
}

/** "Stages by customer status: Potential customer — Information, Contact; Current customer — …". */
export function statusGroupsText(
  model: Pick<ReportModel, 'audit'>,
  stages: readonly string[],
  locale: Locale,
): string {
  const groups = groupByStatus(stages, (stage) => stage, model.audit.method)
    .map(
      ({ status, items }) =>
        `${statusLabel(status, locale)} — ${items.map((stage) => stageLabel(stage, locale)).join(', ')}`,
    )
    .join('; ');
  return translator(locale)('statusChartGroups', { groups });
}
