/**
 * The audit method on one step of the side panel: its touchpoint type, checklists (answered with
 * Y / N / A), service standards (timers and measured durations) and actions or ideas to borrow.
 */
import { useState } from 'preact/hooks';
import { formatDate, type Translate } from '../../lib/i18n';
import {
  LIMITS,
  type ActionEdit,
  type ActionInput,
  type ActionItem,
  type ActionMeasure,
  type ActionStatus,
  type CategoryEntry,
  type ChannelEntry,
  type CheckAnswer,
  type ChecklistTemplate,
  type Screenshot,
  type Standard,
  type Step,
  type TouchpointType,
} from '../../lib/model';
import {
  isOverdue,
  type Compliance,
  type MeasurementResult,
  type WeakReason,
} from '../../lib/metrics';
import {
  byCategory,
  checklistName,
  formatTarget,
  itemText,
  parseDateInput,
  parseDuration,
  standardName,
  typeName,
  type Locale,
} from '../../lib/taxonomy';
import { complianceText, measurementText, measureText, reasonText } from '../../lib/report/words';
import { measureKey, measureName, measureOfKey } from '../../lib/report/action-loop';
import { CommitText, Field, SelectField, TextField } from '../shared/fields';
import { ActionEffort, EffortCostFields, effortText, parseCost } from './action-effort';
import type { Effort } from '../../lib/metrics/ownership';

/** The audit's method as the panel shows it (resolved once per audit). */
export interface MethodView {
  /** Types the auditor can choose (hidden ones left out). */
  types: readonly TouchpointType[];
  /** Every checklist template (hidden ones still answer the steps that used them). */
  checklists: readonly ChecklistTemplate[];
  /** Standards the auditor can measure (hidden ones left out). */
  standards: readonly Standard[];
  standardsById: ReadonlyMap<string, Standard>;
  stageOptions: readonly { value: string; label: string }[];
  /** The audit's categories and channels, resolved (labels and choices go through them). */
  categories?: readonly CategoryEntry[];
  channels?: readonly ChannelEntry[];
}

/** What the method says about one step (kept as the same object while it is unchanged). */
export interface StepExtras {
  templates: readonly ChecklistTemplate[];
  compliance: Compliance;
  /** Compliance of each checklist on the step. */
  templateCompliance: ReadonlyMap<string, Compliance>;
  reasons: readonly WeakReason[];
  /** Change of likelihood to choose from the previous step that had one. */
  impact: number | null;
  /** Measurements started, stopped or entered on this step. */
  measurements: readonly MeasurementResult[];
  actions: readonly ActionItem[];
  ownBrand: boolean;
}

export interface MethodActions {
  answer(step: Step, templateId: string, itemId: string, answer: CheckAnswer | null): void;
  checkDetail(
    step: Step,
    templateId: string,
    itemId: string,
    detail: { comment?: string; screenshotId?: string | null },
  ): void;
  addChecklist(step: Step, templateId: string): void;
  startTimer(step: Step, standardId: string): void;
  recordDuration(step: Step, standardId: string, ms: number): void;
  excuse(step: Step, measurementId: string, excused: boolean): void;
  deleteMeasurement(step: Step, measurementId: string): void;
  addAction(input: ActionInput): void;
  updateAction(action: ActionItem, edit: ActionEdit): void;
  deleteAction(action: ActionItem): void;
}

const ANSWERS: readonly CheckAnswer[] = ['yes', 'no', 'na'];
/** Keys answer the focused item by their place on the keyboard (the same in any layout). */
const ANSWER_KEYS: Record<string, CheckAnswer> = { KeyY: 'yes', KeyN: 'no', KeyA: 'na' };
/** Confirms an answer "from the page" as it is. */
const CONFIRM_KEY = 'KeyC';

export function TypeSelect(props: {
  step: Step;
  view: MethodView;
  t: Translate;
  locale: Locale;
  onChange: (type: TouchpointType | null) => void;
}) {
  const { step, view, t, locale } = props;
  const chosen = view.types.some((type) => type.id === step.typeId);
  return (
    <Field label={t('touchpointType')}>
      {(id) => (
        <select
          id={id}
          value={step.typeId ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            props.onChange(view.types.find((type) => type.id === value) ?? null);
          }}
        >
          <option value="">{t('typeNotChosen')}</option>
          {!chosen && step.typeId && <option value={step.typeId}>{step.typeId}</option>}
          {byCategory(view.types, (type) => type.category, view, locale).map((group) => (
            <optgroup key={group.id} label={group.label}>
              {group.entries.map((type) => (
                <option key={type.id} value={type.id}>
                  {typeName(type, locale)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

function Checklist(props: {
  step: Step;
  template: ChecklistTemplate;
  screenshots: readonly Screenshot[];
  t: Translate;
  locale: Locale;
  actions: MethodActions;
  compliance: Compliance | undefined;
}) {
  const { step, template, t, locale, actions } = props;
  const [detailOf, setDetailOf] = useState<string | null>(null);
  const name = checklistName(template, locale);
  const answered = new Map(
    step.checks.filter((c) => c.templateId === template.id).map((c) => [c.itemId, c]),
  );
  const onKeyDown = (event: KeyboardEvent) => {
    const confirm = event.code === CONFIRM_KEY;
    const keyed = ANSWER_KEYS[event.code];
    if ((!keyed && !confirm) || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const row = target.closest<HTMLElement>('[data-item-id]');
    if (!row) return;
    const itemId = row.dataset.itemId!;
    // C confirms the page's answer as it is (the same answer, now the auditor's); elsewhere, nothing.
    const answer = confirm ? answered.get(itemId)?.answer : keyed;
    if (!answer || (confirm && answered.get(itemId)?.source !== 'page')) return;
    event.preventDefault();
    event.stopPropagation();
    actions.answer(step, template.id, itemId, answer);
    // On to the next item, so ten answers are ten key presses.
    const next = row.nextElementSibling?.querySelector<HTMLElement>('button');
    next?.focus();
  };
  return (
    <section class="checklist" aria-label={t('checklistOf', { name, n: step.seq })}>
      <h3>
        {name}
        {props.compliance && props.compliance.percent !== null && (
          <span class="badge">
            {t('complianceShort', { value: complianceText(props.compliance, locale) })}
          </span>
        )}
      </h3>
      {template.items.some((item) => answered.get(item.id)?.source === 'page') && (
        <p class="muted check-keys">{t('checklistKeys')}</p>
      )}
      <ol class="check-items" onKeyDown={onKeyDown}>
        {template.items.map((item) => {
          const result = answered.get(item.id);
          const question = itemText(template.id, item, locale);
          const fromPage = result?.source === 'page';
          return (
            <li
              key={item.id}
              data-item-id={item.id}
              class={`check-item answer-${result?.answer ?? 'none'}${fromPage ? ' from-page' : ''}`}
            >
              <span class="check-question">
                {question}
                {item.critical && <span class="critical"> {t('critical')}</span>}
                {fromPage && (
                  <span class="from-page-mark">
                    <span class="badge" title={result.evidence}>
                      {t('fromPage')}
                    </span>{' '}
                    <span class="visually-hidden">
                      {t('fromPageOf', { evidence: result.evidence ?? '' })}
                    </span>
                    <span class="from-page-evidence" aria-hidden="true">
                      {result.evidence}
                    </span>
                  </span>
                )}
              </span>
              <span class="check-answers" role="group" aria-label={question}>
                {ANSWERS.map((answer) => (
                  <button
                    type="button"
                    key={answer}
                    class={result?.answer === answer ? 'chosen' : undefined}
                    aria-pressed={result?.answer === answer}
                    aria-label={`${t(`answer_${answer}`)}: ${question}`}
                    title={t(`answerKey_${answer}`)}
                    onClick={() =>
                      actions.answer(
                        step,
                        template.id,
                        item.id,
                        // The page's answer pressed again is confirmed, the auditor's is cleared.
                        result?.answer === answer && !fromPage ? null : answer,
                      )
                    }
                  >
                    {t(`answer_${answer}`)}
                  </button>
                ))}
                {fromPage && (
                  <button
                    type="button"
                    class="confirm-page"
                    aria-label={t('confirmFromPageOf', { item: question })}
                    title={t('confirmFromPage')}
                    onClick={() => actions.answer(step, template.id, item.id, result.answer)}
                  >
                    ✓
                  </button>
                )}
                <button
                  type="button"
                  class="link"
                  aria-expanded={detailOf === item.id}
                  aria-label={t('checkCommentOf', { item: question })}
                  disabled={!result}
                  onClick={() => setDetailOf(detailOf === item.id ? null : item.id)}
                >
                  {result?.comment || result?.screenshotId ? '✎•' : '✎'}
                </button>
              </span>
              {detailOf === item.id && result && (
                <div class="check-detail">
                  <CommitText
                    t={t}
                    label={t('checkComment')}
                    value={result.comment}
                    maxLength={500}
                    onCommit={(comment) =>
                      actions.checkDetail(step, template.id, item.id, { comment })
                    }
                  />
                  {props.screenshots.length > 0 && (
                    <SelectField
                      label={t('checkImage')}
                      value={result.screenshotId ?? ''}
                      options={[
                        { value: '', label: t('checkImageNone') },
                        ...props.screenshots.map((shot, i) => ({
                          value: shot.id,
                          label: t('annotateScreenshotN', { i: i + 1 }),
                        })),
                      ]}
                      onChange={(value) =>
                        actions.checkDetail(step, template.id, item.id, {
                          screenshotId: value || null,
                        })
                      }
                    />
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Standards(props: {
  step: Step;
  view: MethodView;
  extras: StepExtras;
  t: Translate;
  locale: Locale;
  actions: MethodActions;
}) {
  const { step, view, extras, t, locale, actions } = props;
  const between = view.standards.filter((s) => s.measure === 'between');
  const durations = view.standards.filter((s) => s.measure === 'duration');
  const [timer, setTimer] = useState(between[0]?.id ?? '');
  const [duration, setDuration] = useState(durations[0]?.id ?? '');
  const [entered, setEntered] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="step-standards" aria-label={t('standardsOf', { n: step.seq })}>
      <h3>{t('standards')}</h3>
      {extras.measurements.length > 0 && (
        <ul class="measurements">
          {extras.measurements.map((r) => {
            const starts = r.measurement.startStepId === step.id && r.endStepId !== step.id;
            return (
              <li key={r.measurement.id} class={`measurement status-${r.status}`}>
                <span class="grow">
                  {starts
                    ? t('timerStartedHere', {
                        name: r.standard ? standardName(r.standard, locale) : '—',
                      })
                    : measurementText(r, t, locale)}
                </span>
                {r.status === 'fail' && !r.running && !starts && (
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={r.measurement.excused}
                      onChange={(e) =>
                        actions.excuse(step, r.measurement.id, e.currentTarget.checked)
                      }
                    />
                    {t('notWeakLink')}
                  </label>
                )}
                <button
                  type="button"
                  class="danger"
                  aria-label={t('deleteMeasurement', {
                    name: r.standard ? standardName(r.standard, locale) : '—',
                  })}
                  onClick={() => actions.deleteMeasurement(step, r.measurement.id)}
                >
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {between.length > 0 && (
        <div class="row">
          <SelectField
            label={t('timerStandard')}
            value={timer}
            options={between.map((s) => ({
              value: s.id,
              label: `${standardName(s, locale)} ${formatTarget(s, locale)}`,
            }))}
            onChange={setTimer}
          />
          <button type="button" onClick={() => timer && actions.startTimer(step, timer)}>
            {t('startTimer')}
          </button>
        </div>
      )}
      {durations.length > 0 && (
        <form
          class="row"
          aria-label={t('enterDuration')}
          onSubmit={(e) => {
            e.preventDefault();
            const ms = parseDuration(entered);
            if (ms === null) return setError(t('durationInvalid', { value: entered }));
            setError(null);
            setEntered('');
            actions.recordDuration(step, duration, ms);
          }}
        >
          <SelectField
            label={t('durationStandard')}
            value={duration}
            options={durations.map((s) => ({
              value: s.id,
              label: `${standardName(s, locale)} ${formatTarget(s, locale)}`,
            }))}
            onChange={setDuration}
          />
          <Field
            label={t('measuredTime')}
            hint={
              error && (
                <span class="limit over" role="alert">
                  {error}
                </span>
              )
            }
          >
            {(id, describedBy) => (
              <input
                id={id}
                value={entered}
                placeholder={t('durationPlaceholder')}
                aria-invalid={error !== null}
                aria-describedby={describedBy}
                onInput={(e) => setEntered(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit">{t('recordDuration')}</button>
        </form>
      )}
    </section>
  );
}

const STATUSES: readonly ActionStatus[] = ['open', 'in-progress', 'done'];

function ActionForm(props: {
  step: Step;
  kind: 'action' | 'idea';
  t: Translate;
  onSubmit: (input: ActionInput) => void;
}) {
  const { t, kind } = props;
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [metric, setMetric] = useState('');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [effort, setEffort] = useState<Effort | ''>('');
  const [cost, setCost] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = (
    label: string,
    value: string,
    set: (v: string) => void,
    type: 'text' | 'date' = 'text',
  ) => (
    <TextField
      t={t}
      label={label}
      value={value}
      onInput={set}
      type={type}
      maxLength={type === 'text' ? LIMITS.text : undefined}
      trimmed={type === 'text'}
    />
  );
  return (
    <form
      class="action-form"
      aria-label={t(kind === 'action' ? 'newAction' : 'newIdea')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!what.trim()) return setError(t('actionWhatRequired'));
        const long = [what, owner, metric, baseline, target].find((v) => v.length > LIMITS.text);
        if (long)
          return setError(t('fieldTooLong', { over: long.length - LIMITS.text, max: LIMITS.text }));
        const costValue = kind === 'action' ? parseCost(cost) : null;
        if (costValue === undefined) return setError(t('ownCostBad', { text: cost }));
        setError(null);
        props.onSubmit({
          touchpointId: props.step.id,
          kind,
          what: what.trim(),
          owner: owner.trim(),
          due: parseDateInput(due),
          status: 'open',
          metric: metric.trim(),
          baseline: baseline.trim(),
          target: target.trim(),
          ...(kind === 'action' ? { effort: effort || null, cost: costValue } : {}),
        });
        for (const set of [setWhat, setOwner, setDue, setMetric, setBaseline, setTarget]) set('');
        setEffort('');
        setCost('');
      }}
    >
      {input(t(kind === 'action' ? 'actionWhat' : 'ideaWhat'), what, setWhat)}
      {kind === 'action' && (
        <>
          <div class="row">
            {input(t('actionOwner'), owner, setOwner)}
            {input(t('actionDue'), due, setDue, 'date')}
          </div>
          <div class="row">
            {input(t('actionMetric'), metric, setMetric)}
            {input(t('actionBaseline'), baseline, setBaseline)}
            {input(t('actionTarget'), target, setTarget)}
          </div>
          <EffortCostFields
            t={t}
            effort={effort}
            cost={cost}
            onEffort={setEffort}
            onCost={setCost}
          />
        </>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">{t(kind === 'action' ? 'addAction' : 'addIdea')}</button>
    </form>
  );
}

/** The measures an action can be given, and a measure's name (StepMethod builds them). */
export interface MeasureChoice {
  options: readonly { value: string; label: string }[];
  name: (measure: ActionMeasure) => string;
}

/**
 * How an action's success is measured: a figure the next wave computes (a standard, a checklist
 * item, the stage's experience), or typed, with its value after and the auditor's judgement.
 */
function ActionMeasureFields(props: {
  action: ActionItem;
  choice: MeasureChoice;
  t: Translate;
  actions: Pick<MethodActions, 'updateAction'>;
}) {
  const { action, choice, t } = props;
  const key = measureKey(action.measure);
  const options = [{ value: '', label: t('actionMeasureTyped') }, ...choice.options];
  // A measure the step no longer offers (its checklist removed) stays, under its own name.
  if (action.measure && !options.some((o) => o.value === key))
    options.push({ value: key, label: choice.name(action.measure) });
  const update = (edit: ActionEdit) => props.actions.updateAction(action, edit);
  return (
    <div class="action-measure">
      <SelectField
        label={t('actionMeasuredBy')}
        value={key}
        options={options}
        onChange={(value) => update({ measure: measureOfKey(value) })}
      />
      {action.measure ? (
        <p class="muted">{t('actionMeasureComputed')}</p>
      ) : (
        <div class="row">
          <CommitText
            t={t}
            label={t('actionAfter')}
            value={action.after ?? ''}
            maxLength={LIMITS.text}
            trimmed
            onCommit={(after) => update({ after: after.trim() })}
          />
          <SelectField
            label={t('actionAchieved')}
            value={action.achieved === true ? 'yes' : action.achieved === false ? 'no' : ''}
            options={[
              { value: '', label: t('actionAchievedUnset') },
              { value: 'yes', label: t('answer_yes') },
              { value: 'no', label: t('answer_no') },
            ]}
            onChange={(value) => update({ achieved: value === '' ? null : value === 'yes' })}
          />
        </div>
      )}
    </div>
  );
}

export function ActionRow(props: {
  action: ActionItem;
  t: Translate;
  locale: Locale;
  overdue: boolean;
  /** Shown before the text (e.g. the step it belongs to, in the audit's list). */
  context?: string;
  /** The measures it can be given (the step's own list shows the picker; others do not). */
  measures?: MeasureChoice;
  actions: Pick<MethodActions, 'updateAction' | 'deleteAction'>;
}) {
  const { action, t, overdue } = props;
  const measure = measureText(action);
  return (
    <li class={`action-row${overdue ? ' overdue' : ''} status-${action.status}`}>
      <div class="grow">
        {props.context && <span class="muted">{props.context} · </span>}
        <strong>{action.what}</strong>
        {action.kind === 'action' && (
          <span class="muted">
            {' · '}
            {action.owner || t('noOwner')}
            {' · '}
            {action.due === null
              ? t('noDue')
              : t('dueOn', { date: formatDate(action.due, props.locale) })}
            {overdue && <span class="overdue-flag"> {t('overdue')}</span>}
            {effortText(action, t, props.locale)}
          </span>
        )}
        {measure && <div class="muted">{t('successMeasure', { measure })}</div>}
        {action.kind === 'action' && props.measures && (
          <ActionEffort
            action={action}
            t={t}
            update={(edit) => props.actions.updateAction(action, edit)}
          />
        )}
        {action.kind === 'action' && props.measures && (
          <ActionMeasureFields
            action={action}
            choice={props.measures}
            t={t}
            actions={props.actions}
          />
        )}
      </div>
      {action.kind === 'action' && (
        <select
          class="action-status"
          aria-label={t('actionStatusOf', { what: action.what })}
          value={action.status}
          onChange={(e) =>
            props.actions.updateAction(action, {
              status: e.currentTarget.value as ActionStatus,
            })
          }
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`actionStatus_${s}`)}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        class="danger"
        aria-label={t('deleteActionOf', { what: action.what })}
        onClick={() => props.actions.deleteAction(action)}
      >
        ✕
      </button>
    </li>
  );
}

/** The method part of a step's details. */
export function StepMethod(props: {
  step: Step;
  screenshots: readonly Screenshot[];
  view: MethodView;
  extras: StepExtras;
  t: Translate;
  locale: Locale;
  now: number;
  actions: MethodActions;
}) {
  const { step, view, extras, t, locale, actions } = props;
  const shown = new Set(extras.templates.map((c) => c.id));
  const addable = view.checklists.filter((c) => !c.hidden && !shown.has(c.id));
  const kind = extras.ownBrand ? 'action' : 'idea';
  const names = { checklists: view.checklists, standards: [...view.standardsById.values()] };
  const offered: ActionMeasure[] = [
    ...view.standards.map((s) => ({ kind: 'standard' as const, standardId: s.id })),
    ...extras.templates.flatMap((c) =>
      c.items.map((i) => ({ kind: 'checklist' as const, templateId: c.id, itemId: i.id })),
    ),
    { kind: 'stage', stage: step.stage },
  ];
  const measures: MeasureChoice = {
    options: offered.map((m) => ({ value: measureKey(m), label: measureName(m, names, locale) })),
    name: (m) => measureName(m, names, locale),
  };
  return (
    <div class="step-method">
      {extras.reasons.length > 0 && (
        <ul class="weak-reasons" aria-label={t('weakBecause')}>
          {extras.reasons.map((reason, i) => (
            <li key={i}>{reasonText(reason, view, t, locale)}</li>
          ))}
        </ul>
      )}
      {extras.templates.map((template) => (
        <Checklist
          key={template.id}
          step={step}
          template={template}
          screenshots={props.screenshots}
          t={t}
          locale={locale}
          actions={actions}
          compliance={extras.templateCompliance.get(template.id)}
        />
      ))}
      {addable.length > 0 && (
        <SelectField
          label={t('addChecklist')}
          value=""
          options={[
            { value: '', label: t('addChecklistChoose') },
            ...addable.map((c) => ({ value: c.id, label: checklistName(c, locale) })),
          ]}
          onChange={(id) => id && actions.addChecklist(step, id)}
        />
      )}
      <Standards step={step} view={view} extras={extras} t={t} locale={locale} actions={actions} />
      <section
        class="step-actions-list"
        aria-label={t(kind === 'action' ? 'actionsOf' : 'ideasOf', { n: step.seq })}
      >
        <h3>{t(kind === 'action' ? 'actions' : 'ideas')}</h3>
        {extras.actions.length > 0 && (
          <ul class="action-list">
            {extras.actions.map((action) => (
              <ActionRow
                key={action.id}
                action={action}
                t={t}
                locale={locale}
                overdue={action.kind === 'action' && isOverdue(action, props.now)}
                measures={measures}
                actions={actions}
              />
            ))}
          </ul>
        )}
        <ActionForm step={step} kind={kind} t={t} onSubmit={actions.addAction} />
      </section>
    </div>
  );
}
