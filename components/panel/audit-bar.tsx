/** The panel's top card: the active audit and journey, and buttons to add, edit or delete them. */
import type { Translate } from '../../lib/i18n';
import type { Audit, Journey } from '../../lib/model';
import { SelectField } from '../shared/fields';

export interface AuditBarActions {
  chooseAudit(id: string): void;
  chooseJourney(id: string): void;
  newAudit(): void;
  editAudit(): void;
  deleteAudit(audit: Audit): void;
  newJourney(): void;
  editJourney(): void;
  deleteJourney(journey: Journey): void;
}

export function AuditBar(props: {
  t: Translate;
  audits: readonly Audit[];
  audit: Audit | undefined;
  journeys: readonly Journey[] | null;
  journey: Journey | undefined;
  /** Each walk's label (walkLabels: brand, then what tells it apart), by journey id. */
  labels: ReadonlyMap<string, string>;
  /** The new-audit form is open (the welcome text makes way for it). */
  creatingAudit: boolean;
  actions: AuditBarActions;
}) {
  const { t, audits, audit, journeys, journey, actions } = props;
  const label = (j: Journey) => props.labels.get(j.id) ?? '';
  if (audits.length === 0) {
    return (
      <section class="card" aria-label={t('auditAndJourney')}>
        {!props.creatingAudit && (
          <div class="empty-state">
            <p>{t('welcome')}</p>
            <button type="button" class="primary" onClick={actions.newAudit}>
              {t('newAudit')}
            </button>
          </div>
        )}
      </section>
    );
  }
  if (!audit) return null;
  return (
    <section class="card" aria-label={t('auditAndJourney')}>
      <div class="row">
        <SelectField
          label={t('audit')}
          value={audit.id}
          options={audits.map((a) => ({
            value: a.id,
            label: a.client ? `${a.name} · ${a.client}` : a.name,
          }))}
          onChange={actions.chooseAudit}
        />
        <button
          type="button"
          class="add"
          aria-label={t('newAudit')}
          title={t('newAudit')}
          onClick={actions.newAudit}
        >
          +
        </button>
        <button
          type="button"
          class="add"
          aria-label={t('editAuditLabel', { name: audit.name })}
          title={t('editAudit')}
          onClick={actions.editAudit}
        >
          ✎
        </button>
        <button
          type="button"
          class="add danger"
          aria-label={t('deleteAuditLabel', { name: audit.name })}
          title={t('deleteAuditLabel', { name: audit.name })}
          onClick={() => actions.deleteAudit(audit)}
        >
          ✕
        </button>
      </div>
      <div class="row">
        {journeys && journeys.length > 0 ? (
          <SelectField
            label={t('journey')}
            value={journey?.id ?? ''}
            options={journeys.map((j) => ({ value: j.id, label: label(j) }))}
            onChange={actions.chooseJourney}
          />
        ) : (
          <p class="muted grow">{t('noJourneys')}</p>
        )}
        <button
          type="button"
          class="add"
          aria-label={t('newJourney')}
          title={t('newJourney')}
          onClick={actions.newJourney}
        >
          +
        </button>
        {journey && (
          <>
            <button
              type="button"
              class="add"
              aria-label={t('editJourneyLabel', { name: label(journey) })}
              title={t('editJourney')}
              onClick={actions.editJourney}
            >
              ✎
            </button>
            <button
              type="button"
              class="add danger"
              aria-label={t('deleteJourneyLabel', { name: label(journey) })}
              title={t('deleteJourneyLabel', { name: label(journey) })}
              onClick={() => actions.deleteJourney(journey)}
            >
              ✕
            </button>
          </>
        )}
      </div>
    </section>
  );
}
