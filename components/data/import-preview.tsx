/**
 * What importing a bundle would do: the brands and waves proposed as one with ours (each with a
 * checkbox), per kind of record, and every conflict with its winner.
 */
import type { ProposedMatch } from '../../lib/controllers/data';
import { formatBytes, formatDateTime, type Translate } from '../../lib/i18n';
import {
  RECORD_TABLES,
  type Conflict,
  type ImportSummary,
  type RecordTable,
  type TableCounts,
} from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';

const COLUMNS: (keyof TableCounts)[] = [
  'new',
  'changed',
  'kept',
  'unchanged',
  'skipped',
  'removed',
];

function conflictText(conflict: Conflict, t: Translate, locale: Locale): string {
  const when = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, locale));
  return t(`conflict_${conflict.reason}`, {
    what: t(`table_${conflict.table}`),
    label: conflict.label || t('untitled'),
    here: when(conflict.hereUpdatedAt),
    bundle: when(conflict.bundleUpdatedAt),
  });
}

export function ImportPreview(props: {
  t: Translate;
  locale: Locale;
  /** The file the auditor chose, and when the bundle was made. */
  fileName: string;
  createdAt: number;
  /** Audit names in the bundle (identity already masked by the caller). */
  audits: string[];
  summary: ImportSummary;
  /** Brands and waves of the file with the name of one here, each ticked (one) or not (two). */
  matches: ProposedMatch[];
  /** The counts are being worked out again after a match was ticked or unticked. */
  planning: boolean;
  onMatch: (match: ProposedMatch, accepted: boolean) => void;
  busy: boolean;
  onApply: () => void;
  onCancel: () => void;
  mask: (text: string) => string;
}) {
  const { t, locale, summary } = props;
  const rows = RECORD_TABLES.filter((table: RecordTable) =>
    COLUMNS.some((c) => summary.counts[table][c] > 0),
  );
  const { matches } = props;
  const manyAudits = new Set(matches.map((m) => m.auditId)).size > 1;
  return (
    <section class="card import-preview" aria-label={t('importPreview')}>
      <h3>{t('importPreview')}</h3>
      <p>
        {t('importBundleMade', {
          file: props.fileName,
          time: formatDateTime(props.createdAt, locale),
        })}{' '}
        {t('importAudits', { names: props.audits.map(props.mask).join(', ') || '—' })}
      </p>
      {/* Every match already made (an import done before): nothing to choose. */}
      {matches.length > 0 && !(summary.nothingToDo && matches.every((m) => m.accepted)) && (
        <fieldset class="import-matches" disabled={props.busy}>
          <legend>{t('importMatches', { n: matches.length })}</legend>
          <p class="muted">{t('importMatchesHelp')}</p>
          <ul aria-label={t('importMatchesList')}>
            {matches.map((match) => {
              const text = t(`importMatch_${match.table}`, {
                bundle: props.mask(match.bundleName),
                here: props.mask(match.localName),
              });
              return (
                <li key={match.bundleId}>
                  <label>
                    <input
                      type="checkbox"
                      checked={match.accepted}
                      onChange={(event) => props.onMatch(match, event.currentTarget.checked)}
                    />{' '}
                    {text}
                    {manyAudits && (
                      <span class="muted">
                        {' '}
                        ({t('importMatchAudit', { audit: props.mask(match.auditName) })})
                      </span>
                    )}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      <table class="import-counts">
        <caption>{t('importCountsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('importRecords')}</th>
            {COLUMNS.map((c) => (
              <th scope="col" key={c}>
                {t(`importCol_${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((table) => (
            <tr key={table} data-table={table}>
              <th scope="row">{t(`table_${table}`)}</th>
              {COLUMNS.map((c) => (
                <td key={c} data-count={c}>
                  {summary.counts[table][c] || ''}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        {t('importImages', {
          n: summary.imageCount,
          size: formatBytes(summary.imageBytes, locale),
        })}
      </p>
      {summary.conflicts.length > 0 && (
        <>
          <h4>{t('importConflicts', { n: summary.conflicts.length })}</h4>
          <ul class="conflicts" aria-label={t('importConflictsList')}>
            {summary.conflicts.map((c) => (
              <li key={`${c.table}:${c.id}`}>{props.mask(conflictText(c, t, locale))}</li>
            ))}
          </ul>
        </>
      )}
      {summary.trash.length > 0 && <p>{t('importRemoves', { n: summary.trash.length })}</p>}
      {summary.nothingToDo ? (
        <>
          <p role="status">{t('importNothing')}</p>
          <div class="row">
            <button type="button" onClick={props.onCancel}>
              {t('close')}
            </button>
          </div>
        </>
      ) : (
        <div class="row">
          <button
            type="button"
            class="primary"
            disabled={props.busy || props.planning}
            onClick={props.onApply}
          >
            {t('importApply')}
          </button>
          <button type="button" disabled={props.busy} onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
