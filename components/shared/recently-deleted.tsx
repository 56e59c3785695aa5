/** Recently deleted: what was deleted, put back with one click; emptying it is a separate, confirmed act. */
import { useState } from 'preact/hooks';
import { formatDateTime, type Translate } from '../../lib/i18n';
import type { DeletedEntry } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';

function describeEntry(entry: DeletedEntry, t: Translate): string {
  const label = entry.label || t('untitled');
  switch (entry.kind) {
    case 'audit':
      return t('deletedAudit', {
        label,
        journeys: entry.counts.journeys,
        steps: entry.counts.steps,
      });
    case 'brand':
      return t('deletedBrand', { label });
    case 'wave':
      return t('deletedWave', { label });
    case 'journey':
      return t('deletedJourney', { label, steps: entry.counts.steps });
    case 'step':
      return t('deletedStep', { label, n: entry.position ?? 0, images: entry.counts.images });
    case 'image':
      return t('deletedImage', { label });
    case 'action':
      return t('deletedAction', { label });
  }
}

export function RecentlyDeleted(props: {
  t: Translate;
  locale: Locale;
  entries: readonly DeletedEntry[];
  /** Shows labels without the auditor's identity. */
  mask: (text: string) => string;
  onRestore: (entry: DeletedEntry) => void;
  onEmpty: () => void;
  /** Open when shown (the data page); the panel keeps it folded. */
  open?: boolean;
}) {
  const { t, locale, entries } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <details class="card deleted" open={props.open}>
      <summary>{t('recentlyDeletedCount', { n: entries.length })}</summary>
      {entries.length === 0 ? (
        <p class="muted">{t('recentlyDeletedEmpty')}</p>
      ) : (
        <>
          <p class="muted">{t('recentlyDeletedHelp')}</p>
          <ul class="deleted-list" aria-label={t('recentlyDeleted')}>
            {entries.map((entry) => {
              const text = props.mask(describeEntry(entry, t));
              return (
                <li key={entry.id}>
                  <span class="grow">
                    {text}
                    <span class="muted"> · {formatDateTime(entry.deletedAt, locale)}</span>
                  </span>
                  <button
                    type="button"
                    aria-label={t('restoreLabel', { what: text })}
                    onClick={() => props.onRestore(entry)}
                  >
                    {t('restore')}
                  </button>
                </li>
              );
            })}
          </ul>
          {confirming ? (
            <div class="confirm" role="alertdialog" aria-label={t('emptyDeletedConfirmTitle')}>
              <p>{t('emptyDeletedConfirm', { n: entries.length })}</p>
              <div class="row">
                <button
                  type="button"
                  class="danger"
                  onClick={() => {
                    setConfirming(false);
                    props.onEmpty();
                  }}
                >
                  {t('emptyDeletedForever')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div class="row">
              <button type="button" onClick={() => setConfirming(true)}>
                {t('emptyDeleted')}
              </button>
            </div>
          )}
        </>
      )}
    </details>
  );
}
