/**
 * The active journey's steps. Each row is memoised, so a change re-renders only its own row. A
 * long journey is drawn a screenful first and the rest in chunks after it, so the panel shows at
 * once and stays responsive while a thousand steps are added below.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { Screenshot, Step } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';
import type { ObjectUrls } from '../shared/hooks';
import { StepItem, type StepActions } from './step-item';
import type { MethodView, StepExtras } from './step-method';

/** Steps drawn with the panel: more than fit on a tall screen. */
export const FIRST_STEPS = 24;
/** Steps added per task after that (about a frame's work each). */
export const STEP_CHUNK = 48;

/** Runs `task` after the browser has painted (a frame, then a task). */
function afterPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (timer = setTimeout(task, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** How many of `total` rows to draw: all of them soon, a screenful first. */
function useGrowingLimit(total: number): number {
  const [limit, setLimit] = useState(FIRST_STEPS);
  useEffect(
    () =>
      limit < total
        ? afterPaint(() => setLimit((n) => Math.min(total, n + STEP_CHUNK)))
        : undefined,
    [limit, total],
  );
  return limit;
}

export function StepList(props: {
  t: Translate;
  locale: Locale;
  steps: readonly Step[];
  /** The step's screenshots, the same array while they are unchanged. */
  screenshotsOf(touchpointId: string): readonly Screenshot[];
  thumbUrls: ObjectUrls;
  mask: (text: string) => string;
  actions: StepActions;
  view: MethodView;
  /** What the method says about a step, the same object while it is unchanged. */
  extrasOf(touchpointId: string): StepExtras;
  today: number;
}) {
  const { t, steps } = props;
  const limit = useGrowingLimit(steps.length);
  const drawn = limit < steps.length ? steps.slice(0, limit) : steps;
  return (
    <section aria-label={t('steps')} aria-busy={drawn.length < steps.length}>
      <h2 class="visually-hidden">{t('steps')}</h2>
      {steps.length === 0 ? (
        <p class="muted">{t('noStepsHint')}</p>
      ) : (
        <ol class="step-list">
          {drawn.map((step, i) => (
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
              view={props.view}
              extras={props.extrasOf(step.id)}
              today={props.today}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
