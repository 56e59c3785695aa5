/**
 * The active journey's steps, grouped by stage: each run of consecutive steps in one stage is a
 * group with a header (the stage, its count of steps, its mean experience) that folds it away
 * (lib/controllers/step-groups.ts says why runs). Each row is memoised, so a change re-renders
 * only its own row and its group's header. A long journey is drawn a screenful first and the rest
 * in chunks after it, so the panel shows at once and stays responsive while a thousand steps are
 * added below.
 *
 * The list says its state in `data-state`: `loading` while the steps are read, `drawing` while a
 * long journey is drawn in chunks (or waits for the screenshots below its first screen), `ready`
 * once every step is on the page (what a screenshot of the panel waits for).
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { groupAt, stageGroups, type StageGroup } from '../../lib/controllers/step-groups';
import { formatNumber, type Translate } from '../../lib/i18n';
import type { Screenshot, Step } from '../../lib/model';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import type { ObjectUrls } from '../shared/hooks';
import { StepItem, type DetailsMemory, type StepActions } from './step-item';
import type { MethodView, StepExtras } from './step-method';
import './step-list.css';

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

/**
 * How many of `total` rows to draw: all of them soon, a screenful first. Rows past the first
 * screen wait until `complete` (every step's screenshots are read, not only the first screen's).
 */
function useGrowingLimit(total: number, complete: boolean): number {
  const [limit, setLimit] = useState(FIRST_STEPS);
  useEffect(
    () =>
      limit < total && complete
        ? afterPaint(() => setLimit((n) => Math.min(total, n + STEP_CHUNK)))
        : undefined,
    [limit, total, complete],
  );
  return limit;
}

/** A step moved with its ↑ / ↓ button: where the focus goes back once the list shows the move. */
interface Moving {
  id: string;
  /** Its number when the button was pressed (the move is shown once it changes). */
  seq: number;
  direction: 'up' | 'down';
}

/** Whose details are open: kept by the list, so a step moved into another group keeps them. */
function useDetailsMemory(): DetailsMemory {
  return useMemo(() => {
    const open = new Set<string>();
    return {
      isOpen: (id) => open.has(id),
      set: (id, value) => void (value ? open.add(id) : open.delete(id)),
    };
  }, []);
}

export function StepList(props: {
  t: Translate;
  locale: Locale;
  /** The journey's steps in the walk's order; null while they are read. */
  steps: readonly Step[] | null;
  /**
   * Every step's screenshots are read (false: only the first screen's, so only the first
   * FIRST_STEPS rows are drawn until they are). Absent: true.
   */
  complete?: boolean;
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
  const { t, locale } = props;
  const steps = props.steps ?? [];
  const limit = useGrowingLimit(steps.length, props.complete ?? true);
  const groups = useMemo(() => stageGroups(steps), [steps]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const details = useDetailsMemory();
  const list = useRef<HTMLElement>(null);
  const moving = useRef<Moving | null>(null);
  const id = useId();

  // The list's own move: remembers the step, so the focus can follow it into another group.
  const actions = useMemo<StepActions>(
    () => ({
      ...props.actions,
      move: (step, toSeq) => {
        moving.current = {
          id: step.id,
          seq: step.seq,
          direction: toSeq < step.seq ? 'up' : 'down',
        };
        props.actions.move(step, toSeq);
      },
    }),
    [props.actions],
  );

  // A step moved past its group's edge is drawn in another group (a new row): the focus, lost
  // with the old row, goes back to the same button. A group folded away opens to show it.
  useLayoutEffect(() => {
    const move = moving.current;
    if (!move) return;
    const index = steps.findIndex((s) => s.id === move.id);
    const row = list.current?.querySelector<HTMLElement>(`[data-step-id="${move.id}"]`);
    if (index < 0) return void (moving.current = null);
    if (steps[index]!.seq === move.seq) {
      // Not moved (yet): forget it once the auditor has gone elsewhere (a refused move).
      if (!row?.contains(document.activeElement)) moving.current = null;
      return;
    }
    const group = groupAt(groups, index);
    if (group && collapsed.has(group.key)) {
      setCollapsed((keys) => new Set([...keys].filter((k) => k !== group.key)));
      return;
    }
    if (!row) return; // Not drawn yet: the next chunk draws it.
    moving.current = null;
    if (row.contains(document.activeElement)) return;
    const target =
      row.querySelector<HTMLElement>(`button[data-move="${move.direction}"]:not(:disabled)`) ??
      row.querySelector<HTMLElement>('button[data-move]:not(:disabled)');
    target?.focus();
  }, [steps, groups, collapsed, limit]);

  const toggle = (key: string) =>
    setCollapsed((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const allCollapsed = groups.length > 0 && groups.every((g) => collapsed.has(g.key));

  if (props.steps === null) {
    return (
      <section aria-label={t('steps')} aria-busy="true" data-state="loading" class="steps">
        <h2 class="visually-hidden">{t('steps')}</h2>
        <p class="muted">{t('stepsLoading')}</p>
      </section>
    );
  }
  const drawing = limit < steps.length;
  return (
    <section
      ref={list}
      aria-label={t('steps')}
      aria-busy={drawing}
      data-state={drawing ? 'drawing' : 'ready'}
      class="steps"
    >
      <h2 class="visually-hidden">{t('steps')}</h2>
      {steps.length === 0 ? (
        <p class="muted">{t('noStepsHint')}</p>
      ) : (
        <>
          {groups.length > 1 && (
            <div class="stage-tools">
              <button
                type="button"
                class="link"
                onClick={() =>
                  setCollapsed(allCollapsed ? new Set() : new Set(groups.map((g) => g.key)))
                }
              >
                {t(allCollapsed ? 'expandAllStages' : 'collapseAllStages')}
              </button>
            </div>
          )}
          {groups
            .filter((group) => group.first < limit)
            .map((group, n) => {
              const open = !collapsed.has(group.key);
              const listId = `${id}-g${n}`;
              const end = Math.min(group.first + group.count, limit);
              return (
                <div class="stage-group" key={group.key}>
                  <StageHeader
                    t={t}
                    locale={locale}
                    group={group}
                    open={open}
                    controls={listId}
                    onToggle={() => toggle(group.key)}
                  />
                  <div id={listId}>
                    {open && (
                      <ol class="step-list" start={group.first + 1}>
                        {steps.slice(group.first, end).map((step, i) => (
                          <StepItem
                            key={step.id}
                            step={step}
                            screenshots={props.screenshotsOf(step.id)}
                            thumbUrls={props.thumbUrls}
                            isLast={group.first + i === steps.length - 1}
                            t={t}
                            locale={locale}
                            actions={actions}
                            mask={props.mask}
                            view={props.view}
                            extras={props.extrasOf(step.id)}
                            today={props.today}
                            details={details}
                          />
                        ))}
                      </ol>
                    )}
                  </div>
                </div>
              );
            })}
        </>
      )}
    </section>
  );
}

/** The text of a group's mean experience: one decimal, or null when no step of it is scored. */
export function groupScoreText(group: StageGroup, locale: Locale): string | null {
  return group.score === null ? null : formatNumber(group.score, locale, 1);
}

/**
 * A group's header: a button (its name is what the header shows: stage, steps, experience) that
 * folds the group away or opens it.
 */
function StageHeader(props: {
  t: Translate;
  locale: Locale;
  group: StageGroup;
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  const { t, locale, group, open } = props;
  const stage = stageLabel(group.stage, locale);
  const score = groupScoreText(group, locale);
  return (
    <h3 class="stage-head">
      <button
        type="button"
        class="stage-toggle"
        aria-expanded={open}
        aria-controls={props.controls}
        onClick={props.onToggle}
      >
        <span class="stage-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <span class="stage-name">{group.occurrence > 0 ? t('stageAgain', { stage }) : stage}</span>
        <span class="stage-meta">
          {' · '}
          {t(group.count === 1 ? 'stepsCountOne' : 'stepsCount', { n: group.count })}
          {' · '}
          {score === null ? (
            <span title={t('stageGroupUnscoredHint')}>
              <span aria-hidden="true">{t('stageGroupScore', { score: '—' })}</span>
              <span class="visually-hidden">{t('stageGroupUnscored')}</span>
            </span>
          ) : (
            t('stageGroupScore', { score })
          )}
        </span>
      </button>
    </h3>
  );
}
