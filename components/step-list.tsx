/** The active journey's steps. Each row is memoised, so a change re-renders only its own row. */
import type { Translate } from '../lib/i18n';
import type { Screenshot, Touchpoint } from '../lib/model';
import type { Locale } from '../lib/taxonomy';
import { StepItem, type StepActions } from './step-item';

export function StepList(props: {
  t: Translate;
  locale: Locale;
  steps: readonly Touchpoint[];
  /** The step's screenshots, the same array while they are unchanged. */
  screenshotsOf(touchpointId: string): readonly Screenshot[];
  thumbUrls: ReadonlyMap<string, string>;
  mask: (text: string) => string;
  actions: StepActions;
}) {
  const { t, steps } = props;
  return (
    <section aria-label={t('steps')}>
      {steps.length === 0 ? (
        <p class="muted">{t('noStepsHint')}</p>
      ) : (
        <ol class="step-list">
          {steps.map((step, i) => (
            <StepItem
              key={step.id}
              step={step}
              screenshots={props.screenshotsOf(step.id)}
              thumbUrls={props.thumbUrls}
              isLast={i === steps.length - 1}
              t={t}
              locale={props.locale}
              actions={props.actions}
              mask={props.mask}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
