/**
 * The side panel's writes of "would recommend" (Journey.recommend, 0–10): the answer given as
 * this customer, asked in the journey card when the walk is finished and editable after.
 */
import type { AuditStore } from '../db';
import type { Translate } from '../i18n';

export interface PanelTouchesActions {
  /** Saves the walk's answer (null clears it); resolves with what to say. */
  recommend(journeyId: string, value: number | null): Promise<string>;
}

export function touchesActionsOver(
  store: Pick<AuditStore, 'updateJourney'>,
  t: () => Translate,
): PanelTouchesActions {
  return {
    async recommend(journeyId, value) {
      await store.updateJourney(journeyId, { recommend: value });
      return value === null
        ? t()('touchesRecommendCleared')
        : t()('touchesRecommendSaved', { value });
    },
  };
}
