/** Side panel cards of the audit method: running timers of the journey, open actions of the audit. */
import { useEffect, useState } from 'preact/hooks';
import { formatDuration, type Translate } from '../../lib/i18n';
import {
  isOverdue,
  measurementStart,
  openActions,
  timerAt,
  type MeasurementResult,
} from '../../lib/metrics';
import type { ActionItem, Step } from '../../lib/model';
import { formatTarget, standardName, type Locale } from '../../lib/taxonomy';
import { ActionRow, type MethodActions } from './step-method';

/** The current time, renewed every `everyMs` while mounted. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export interface TimerActions {
  /** Stops a running timer at the journey's last step. */
  stopAtLast(result: MeasurementResult): void;
  cancel(result: MeasurementResult): void;
}

/** Running timers: how long each has run against its standard (kept in the database, so they
 * survive closing the panel or the browser). */
export function TimersCard(props: {
  t: Translate;
  locale: Locale;
  running: readonly MeasurementResult[];
  steps: readonly Step[];
  actions: TimerActions;
}) {
  const { t, locale } = props;
  const now = useNow(1000);
  if (props.running.length === 0) return null;
  const last = props.steps.at(-1);
  const stepsById = new Map(props.steps.map((s) => [s.id, s]));
  return (
    <section class="card timers" aria-label={t('runningTimers')}>
      <h2>{t('runningTimers')}</h2>
      <ul>
        {props.running.map((r) => {
          const { startStepId } = r.measurement;
          const start = startStepId === null ? undefined : stepsById.get(startStepId);
          const { elapsedMs, over } = timerAt(r, measurementStart(r.measurement, stepsById), now);
          const name = r.standard ? standardName(r.standard, locale) : t('standardRemoved');
          return (
            <li key={r.measurement.id} class={over ? 'over' : undefined}>
              <div class="grow">
                <strong>{name}</strong> {r.standard && formatTarget(r.standard, locale)}
                <div role="timer" aria-label={t('timerOf', { name })}>
                  {t('timerRunning', {
                    time: formatDuration(elapsedMs, locale),
                    n: start?.seq ?? '—',
                  })}
                  {over && <span class="overdue-flag"> {t('timerOver')}</span>}
                </div>
              </div>
              {last && last.id !== r.measurement.startStepId && (
                <button
                  type="button"
                  aria-label={t('stopTimerAtOf', { name, n: last.seq })}
                  onClick={() => props.actions.stopAtLast(r)}
                >
                  {t('stopTimerAt', { n: last.seq })}
                </button>
              )}
              <button
                type="button"
                class="danger"
                aria-label={t('cancelTimerOf', { name })}
                onClick={() => props.actions.cancel(r)}
              >
                ✕
              </button>
            </li>
          );
        })}
      </ul>
      <p class="muted">{t('timerHint')}</p>
    </section>
  );
}

/** The audit's open actions, overdue first; ideas to borrow counted apart. */
export function OpenActionsCard(props: {
  t: Translate;
  locale: Locale;
  actions: readonly ActionItem[];
  /** Which step (brand and position) an action belongs to. */
  contextOf: (action: ActionItem) => string;
  today: number;
  onChange: Pick<MethodActions, 'updateAction' | 'deleteAction'>;
}) {
  const { t, locale } = props;
  const open = openActions(
    props.actions.filter((a) => a.kind === 'action'),
    props.today,
  );
  const ideas = props.actions.filter((a) => a.kind === 'idea').length;
  const overdue = open.filter((a) => isOverdue(a, props.today)).length;
  if (props.actions.length === 0) return null;
  return (
    <details class="card open-actions">
      <summary>
        {t('openActionsTitle', { n: open.length })}
        {overdue > 0 && <span class="overdue-flag"> {t('overdueCount', { n: overdue })}</span>}
        {ideas > 0 && <span class="muted"> · {t('ideasCount', { n: ideas })}</span>}
      </summary>
      {open.length > 0 ? (
        <ul class="action-list">
          {open.map((action) => (
            <ActionRow
              key={action.id}
              action={action}
              t={t}
              locale={locale}
              overdue={isOverdue(action, props.today)}
              context={props.contextOf(action)}
              actions={props.onChange}
            />
          ))}
        </ul>
      ) : (
        <p class="muted">{t('noOpenActions')}</p>
      )}
    </details>
  );
}
