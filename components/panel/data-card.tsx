/** The panel's data card: the backup reminder, Back up everything, Backups and bundles, persistence. */
import type { Translate } from '../../lib/i18n';

export function DataCard(props: {
  t: Translate;
  /** Steps created since the last backup (all steps when there was none). */
  unsaved: number;
  reminderAfter: number;
  everBackedUp: boolean;
  /** Whether the browser keeps the data under storage pressure; null when it did not say. */
  persisted: boolean | null;
  backingUp: boolean;
  onBackup(): void;
  onOpenData(): void;
}) {
  const { t } = props;
  return (
    <section class="card data" aria-label={t('openData')}>
      {props.unsaved >= props.reminderAfter && (
        <p class="backup-reminder">
          {t(props.everBackedUp ? 'backupReminder' : 'backupNever', { n: props.unsaved })}
        </p>
      )}
      {props.persisted !== null && (
        <p class="muted" data-testid="persistence">
          {t(props.persisted ? 'persistOnShort' : 'persistOffShort')}
        </p>
      )}
      <div class="row">
        <button type="button" disabled={props.backingUp} onClick={props.onBackup}>
          {t('backupAll')}
        </button>
        <button type="button" onClick={props.onOpenData}>
          {t('openData')}
        </button>
      </div>
    </section>
  );
}
