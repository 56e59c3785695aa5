/**
 * "Would recommend" in the journey card: the walk's answer as this customer, 0–10 buttons (a
 * keyboard reaches each; the chosen one is pressed, clicked again it clears the answer).
 */
import type { Translate } from '../../lib/i18n';
import type { Journey } from '../../lib/model';
import { ScoreButtons } from '../shared/fields';

export function RecommendField(props: {
  t: Translate;
  journey: Journey;
  /** The walk's brand name ('' while it is read). */
  brand: string;
  onChange: (value: number | null) => void;
}) {
  const { t, journey } = props;
  const value = journey.recommend ?? null;
  return (
    <div class="recommend-field">
      <p class="muted recommend-question">
        {t('touchesRecommendQuestion', { brand: props.brand || '—' })}
        {value === null && journey.outcome !== null && (
          <strong class="recommend-ask"> {t('touchesRecommendAsk')}</strong>
        )}
      </p>
      <ScoreButtons
        label={t('touchesRecommendLabel')}
        min={0}
        max={10}
        value={value}
        onChange={props.onChange}
      />
    </div>
  );
}
