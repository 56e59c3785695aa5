/**
 * The audit's method, edited (method.html): touchpoint types, stages, checklists and service
 * standards. Props in, changes out: every edit is one MethodChange, which the page saves at once
 * (one transaction). An audit keeps only what differs from the built-in method
 * (lib/model/method.ts), so a built-in edited back to its built-in form leaves the audit's lists.
 * Names are rendered as text, never as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';
import {
  LIMITS,
  TimeUnit,
  type AuditMethod,
  type ChecklistItem,
  type ChecklistTemplate,
  type CustomStage,
  type Standard,
  type TouchpointType,
} from '../lib/model';
import {
  builtinChecklist,
  builtinItem,
  builtinStandard,
  builtinType,
  CATEGORY_IDS,
  categoryLabel,
  channelLabel,
  CHANNEL_IDS,
  checklistName,
  formatTarget,
  isBuiltinChecklist,
  isBuiltinStandard,
  isBuiltinType,
  isStageId,
  itemText,
  resolveChecklists,
  resolveStandards,
  resolveTypes,
  stageLabel,
  stageOptions,
  STAGE_IDS,
  STAGES,
  standardName,
  STATUS_GROUPS,
  typeName,
  type CategoryId,
  type ChannelId,
  type Labels,
  type Locale,
} from '../lib/taxonomy';
import { CommitText, Field, isTooLong, TextField } from './fields';

/** One edit of the method: applied to the method as stored right before it is saved. */
export interface MethodChange {
  apply(method: AuditMethod): AuditMethod;
  /** Custom stages renamed by this edit: the steps that use them are renamed too. */
  renamedStages?: { from: string; to: string }[];
  /** What was saved, for "Saved: …". */
  saved: string;
  /** The edit that takes this one back (deletions and resets). */
  undo?: MethodChange;
}

/** What the audit's steps and journeys use, so an entry in use is hidden rather than deleted. */
export interface MethodUsage {
  steps: readonly {
    seq: number;
    journey: string;
    typeId: string | null;
    checklists: readonly string[];
    checks: readonly { templateId: string }[];
  }[];
  measurements: readonly { journey: string; standardId: string }[];
}

const NAME_MAX = LIMITS.text;
const STAGE_MAX = LIMITS.stage;
const TIME_UNITS = TimeUnit.options;
const AT_END = '';

// ---------------------------------------------------------------------------------------------
// Overrides: an audit stores a built-in only while it differs from the built-in.

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

function isBuiltinForm(entry: TouchpointType): boolean {
  const builtin = builtinType(entry.id);
  return (
    !!builtin &&
    entry.name.trim() === '' &&
    !entry.hidden &&
    entry.category === builtin.category &&
    entry.stage === builtin.stage &&
    entry.channel === builtin.channel
  );
}

function isBuiltinChecklistForm(entry: ChecklistTemplate): boolean {
  const builtin = builtinChecklist(entry.id);
  return (
    !!builtin &&
    entry.name.trim() === '' &&
    !entry.hidden &&
    sameSet(entry.types, builtin.types) &&
    sameSet(entry.stages, builtin.stages) &&
    entry.items.length === builtin.items.length &&
    entry.items.every((item, i) => {
      const original = builtin.items[i]!;
      return (
        item.id === original.id &&
        item.text.trim() === '' &&
        item.weight === original.weight &&
        item.critical === original.critical
      );
    })
  );
}

function isBuiltinStandardForm(entry: Standard): boolean {
  const builtin = builtinStandard(entry.id);
  return (
    !!builtin &&
    entry.name.trim() === '' &&
    !entry.hidden &&
    entry.target === builtin.target &&
    entry.unit === builtin.unit &&
    entry.measure === builtin.measure &&
    sameSet(entry.answerChannels, builtin.answerChannels)
  );
}

/** Puts `entry` in place of the entry with its id (or at the end); drops it when `drop`. */
function put<T extends { id: string }>(list: readonly T[], entry: T, drop: boolean): T[] {
  if (drop) return list.filter((other) => other.id !== entry.id);
  const index = list.findIndex((other) => other.id === entry.id);
  return index === -1 ? [...list, entry] : list.map((other, i) => (i === index ? entry : other));
}

/** The method with a type stored as given (or dropped when it is the built-in as it ships). */
export function putType(method: AuditMethod, entry: TouchpointType): AuditMethod {
  return { ...method, types: put(method.types, entry, isBuiltinForm(entry)) };
}

export function putChecklist(method: AuditMethod, entry: ChecklistTemplate): AuditMethod {
  return { ...method, checklists: put(method.checklists, entry, isBuiltinChecklistForm(entry)) };
}

export function putStandard(method: AuditMethod, entry: Standard): AuditMethod {
  return { ...method, standards: put(method.standards, entry, isBuiltinStandardForm(entry)) };
}

function insertAt<T>(list: readonly T[], index: number, entry: T): T[] {
  return [...list.slice(0, index), entry, ...list.slice(index)];
}

/**
 * The name to store for a typed name: '' (the built-in wording) when a built-in's name is
 * cleared or typed as its built-in wording; null when a name is required and missing.
 */
function storedName(text: string, builtin: Labels | undefined, locale: Locale): string | null {
  const name = text.trim();
  if (builtin && (name === '' || name === builtin[locale])) return '';
  return name === '' ? null : name;
}

// ---------------------------------------------------------------------------------------------
// Small controls.

function Check(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The accessible name when it differs from the visible label. */
  ariaLabel?: string;
  children?: ComponentChildren;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        aria-label={props.ariaLabel}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {props.label}
      {props.children}
    </label>
  );
}

function Select<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  const known = props.options.some((o) => o.value === props.value);
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as V)}
    >
      {!known && <option value={props.value}>{props.value}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A number saved when it changes (Enter, leaving the field, the arrows). */
function NumberInput(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  onCommit: (value: number) => void;
}) {
  return (
    <input
      type="number"
      class="number"
      aria-label={props.label}
      min={props.min}
      max={props.max}
      step={props.step}
      value={String(props.value)}
      onChange={(e) => props.onCommit(e.currentTarget.valueAsNumber)}
    />
  );
}

/** The first few names of a list, then "+N". */
function shortList(names: readonly string[], none: string): string {
  if (names.length === 0) return none;
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} +${names.length - 3}` : shown;
}

/** A disclosure that opens over the rows below it and closes on a click outside or Escape. */
function Dropdown(props: { label: string; summary: string; children: ComponentChildren }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const outside = (event: Event) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const escape = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key !== 'Escape' || !details?.open || !details.contains(document.activeElement))
        return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details class="picker dropdown" ref={ref}>
      <summary aria-label={props.label}>{props.summary}</summary>
      <div class="picker-body">{props.children}</div>
    </details>
  );
}

// ---------------------------------------------------------------------------------------------

interface EditorProps {
  t: Translate;
  locale: Locale;
  method: AuditMethod;
  usage: MethodUsage;
  onChange: (change: MethodChange) => void;
  /** Says why an edit was not saved (the page shows it in its alert line). */
  onRefuse: (text: string) => void;
}

/** The four parts of the method, each a section with its heading. */
export function MethodEditor(props: EditorProps) {
  const { t } = props;
  return (
    <>
      <nav class="method-nav" aria-label={t('mpContents')}>
        <a href="#method-types">{t('mpTypes')}</a>
        <a href="#method-stages">{t('mpStages')}</a>
        <a href="#method-checklists">{t('mpChecklists')}</a>
        <a href="#method-standards">{t('standards')}</a>
      </nav>
      <TypesSection {...props} />
      <StagesSection {...props} />
      <ChecklistsSection {...props} />
      <StandardsSection {...props} />
    </>
  );
}

function Section(props: { id: string; title: string; help: string; children: ComponentChildren }) {
  return (
    <section class="card method-section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p class="muted">{props.help}</p>
      {props.children}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Touchpoint types.

function TypesSection({ t, locale, method, usage, onChange, onRefuse }: EditorProps) {
  const types = resolveTypes(method);
  const stages = stageOptions(method, locale);
  const channels = CHANNEL_IDS.map((id) => ({ value: id, label: channelLabel(id, locale) }));
  const saved = (what: string) => t('mpSaved', { what });

  const edit = (entry: TouchpointType, next: Partial<TouchpointType>, what: string) =>
    onChange({
      saved: saved(what),
      apply: (m) => {
        const current = resolveTypes(m).find((type) => type.id === entry.id);
        return current ? putType(m, { ...current, ...next }) : m;
      },
    });

  const rename = (entry: TouchpointType, text: string) => {
    const name = storedName(text, builtinType(entry.id), locale);
    if (name === null) return onRefuse(t('mpNameRequired'));
    const from = typeName(entry, locale);
    const to = typeName({ id: entry.id, name }, locale);
    edit(entry, { name }, t('mpWhatRenamed', { from, to }));
  };

  /** Deletes a custom type (refused while steps use it), or resets a built-in one. */
  const remove = (entry: TouchpointType) => {
    const name = typeName(entry, locale);
    const isReset = isBuiltinType(entry.id);
    const user = isReset ? undefined : usage.steps.find((step) => step.typeId === entry.id);
    if (user) return onRefuse(t('mpInUseStep', { name, n: user.seq, journey: user.journey }));
    const index = method.types.findIndex((type) => type.id === entry.id);
    const stored = method.types[index];
    if (!stored) return;
    const restore = (m: AuditMethod) =>
      m.types.some((type) => type.id === entry.id)
        ? m
        : { ...m, types: insertAt(m.types, index, stored) };
    onChange({
      saved: saved(t(isReset ? 'mpWhatReset' : 'mpWhatDeleted', { name })),
      apply: (m) => ({ ...m, types: m.types.filter((type) => type.id !== entry.id) }),
      undo: { saved: saved(t('mpWhatRestored', { name })), apply: restore },
    });
  };

  return (
    <Section id="method-types" title={t('mpTypes')} help={t('mpTypesHelp')}>
      {CATEGORY_IDS.map((category) => {
        const rows = types.filter((type) => type.category === category);
        if (rows.length === 0) return null;
        return (
          <table class="method-table types" key={category}>
            <caption>
              {categoryLabel(category, locale)}{' '}
              <span class="muted">({t('mpTypesCount', { n: rows.length })})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col" class="col-name">
                  {t('mpName')}
                </th>
                <th scope="col" class="col-stage">
                  {t('stage')}
                </th>
                <th scope="col" class="col-channel">
                  {t('channel')}
                </th>
                <th scope="col" class="col-flag">
                  {t('mpHidden')}
                </th>
                <th scope="col" class="col-actions">
                  <span class="visually-hidden">{t('mpActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((type) => {
                const name = typeName(type, locale);
                const builtin = builtinType(type.id);
                const changed = !!builtin && method.types.some((o) => o.id === type.id);
                return (
                  <tr key={type.id} class={type.hidden ? 'is-hidden' : undefined}>
                    <td>
                      <CommitText
                        t={t}
                        label={t('mpNameOf', { name })}
                        value={name}
                        placeholder={builtin?.[locale]}
                        maxLength={NAME_MAX}
                        onCommit={(text) => rename(type, text)}
                      />
                      {builtin && type.name.trim() !== '' && (
                        <span class="method-builtin">
                          {t('mpBuiltinWording', { name: builtin[locale] })}
                        </span>
                      )}
                    </td>
                    <td>
                      <Select
                        label={t('mpStageOf', { name })}
                        value={type.stage}
                        options={stages}
                        onChange={(stage) =>
                          edit(
                            type,
                            { stage },
                            t('mpWhatField', {
                              name,
                              field: t('stage'),
                              value: stageLabel(stage, locale),
                            }),
                          )
                        }
                      />
                    </td>
                    <td>
                      <Select
                        label={t('mpChannelOf', { name })}
                        value={type.channel}
                        options={channels}
                        onChange={(channel) =>
                          edit(
                            type,
                            { channel },
                            t('mpWhatField', {
                              name,
                              field: t('channel'),
                              value: channelLabel(channel, locale),
                            }),
                          )
                        }
                      />
                    </td>
                    <td class="col-flag">
                      <input
                        type="checkbox"
                        aria-label={t('mpHideOf', { name })}
                        checked={type.hidden}
                        onChange={(e) => {
                          const hidden = e.currentTarget.checked;
                          edit(
                            type,
                            { hidden },
                            t(hidden ? 'mpWhatHidden' : 'mpWhatShown', { name }),
                          );
                        }}
                      />
                    </td>
                    <td class="col-actions">
                      {!builtin ? (
                        <button
                          type="button"
                          class="danger"
                          aria-label={t('mpDeleteOf', { name })}
                          onClick={() => remove(type)}
                        >
                          {t('mpDelete')}
                        </button>
                      ) : (
                        changed && (
                          <button
                            type="button"
                            aria-label={t('mpResetOf', { name })}
                            onClick={() => remove(type)}
                          >
                            {t('mpResetShort')}
                          </button>
                        )
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      <AddType t={t} locale={locale} method={method} onChange={onChange} onRefuse={onRefuse} />
    </Section>
  );
}

function AddType(props: Omit<EditorProps, 'usage'>) {
  const { t, locale, method } = props;
  const [name, setName] = useState('');
  const [category, setCategory] = useState<CategoryId>('technology');
  const [stage, setStage] = useState('contact');
  const [channel, setChannel] = useState<ChannelId>('website');
  const submit = (e: Event) => {
    e.preventDefault();
    const text = name.trim();
    if (!text) return props.onRefuse(t('mpNameRequired'));
    if (isTooLong(text, NAME_MAX)) return;
    const entry: TouchpointType = {
      id: crypto.randomUUID(),
      name: text,
      category,
      stage,
      channel,
      hidden: false,
    };
    props.onChange({
      saved: t('mpSaved', { what: t('mpWhatAdded', { name: text }) }),
      apply: (m) => ({ ...m, types: [...m.types, entry] }),
    });
    setName('');
  };
  return (
    <form class="method-add" aria-label={t('mpAddType')} onSubmit={submit}>
      <h3>{t('mpAddType')}</h3>
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={t('mpName')}
            value={name}
            maxLength={NAME_MAX}
            onInput={setName}
          />
        </div>
        <LabelledSelect
          label={t('category')}
          value={category}
          options={CATEGORY_IDS.map((id) => ({ value: id, label: categoryLabel(id, locale) }))}
          onChange={setCategory}
        />
        <LabelledSelect
          label={t('stage')}
          value={stage}
          options={stageOptions(method, locale)}
          onChange={setStage}
        />
        <LabelledSelect
          label={t('channel')}
          value={channel}
          options={CHANNEL_IDS.map((id) => ({ value: id, label: channelLabel(id, locale) }))}
          onChange={setChannel}
        />
        <button type="submit" class="primary">
          {t('mpAdd')}
        </button>
      </div>
    </form>
  );
}

/** A select with a visible label above it (in the "Add …" forms). */
function LabelledSelect<V extends string>(props: {
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <select
          id={id}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value as V)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// ---------------------------------------------------------------------------------------------
// Stages.

/** Why a stage name cannot be used (empty, too long, or already a stage); null when it can. */
function stageNameProblem(
  name: string,
  method: AuditMethod,
  t: Translate,
  except?: string,
): string | null {
  if (!name) return t('mpNameRequired');
  if (isTooLong(name, STAGE_MAX))
    return t('fieldTooLong', { over: name.length - STAGE_MAX, max: STAGE_MAX });
  const lower = name.toLowerCase();
  const taken = [
    ...STAGE_IDS.flatMap((id) => [id, STAGES[id].en, STAGES[id].ru]),
    ...method.stages.map((stage) => stage.name).filter((other) => other !== except),
  ].some((other) => other.toLowerCase() === lower);
  return taken ? t('mpStageExists', { name }) : null;
}

function StagesSection({ t, locale, method, onChange, onRefuse }: EditorProps) {
  const options = stageOptions(method, locale);
  const afterOptions = [
    ...STAGE_IDS.map((id) => ({ value: id as string, label: STAGES[id][locale] })),
    { value: AT_END, label: t('mpAtEnd') },
  ];
  const saved = (what: string) => t('mpSaved', { what });
  const customOf = (name: string) => method.stages.find((stage) => stage.name === name);

  const rename = (from: string, text: string) => {
    const to = text.trim();
    if (to === from) return;
    const problem = stageNameProblem(to, method, t, from);
    if (problem) return onRefuse(problem);
    onChange({
      saved: saved(t('mpWhatRenamed', { from, to })),
      renamedStages: [{ from, to }],
      apply: (m) => ({
        ...m,
        stages: m.stages.map((stage) => (stage.name === from ? { ...stage, name: to } : stage)),
        types: m.types.map((type) => (type.stage === from ? { ...type, stage: to } : type)),
        checklists: m.checklists.map((template) =>
          template.stages.includes(from)
            ? { ...template, stages: template.stages.map((s) => (s === from ? to : s)) }
            : template,
        ),
      }),
    });
  };

  const move = (name: string, after: string) =>
    onChange({
      saved: saved(
        after === AT_END
          ? t('mpWhatMovedEnd', { name })
          : t('mpWhatMoved', { name, after: stageLabel(after, locale) }),
      ),
      apply: (m) => ({
        ...m,
        stages: m.stages.map((stage) =>
          stage.name === name ? { ...stage, after: after === AT_END ? null : after } : stage,
        ),
      }),
    });

  const remove = (stage: CustomStage) => {
    const type = resolveTypes(method).find((entry) => entry.stage === stage.name);
    if (type)
      return onRefuse(t('mpStageUsedByType', { name: stage.name, type: typeName(type, locale) }));
    const template = resolveChecklists(method).find((entry) => entry.stages.includes(stage.name));
    if (template)
      return onRefuse(
        t('mpStageUsedByChecklist', {
          name: stage.name,
          checklist: checklistName(template, locale),
        }),
      );
    const index = method.stages.findIndex((entry) => entry.name === stage.name);
    onChange({
      saved: saved(t('mpWhatDeleted', { name: stage.name })),
      apply: (m) => ({ ...m, stages: m.stages.filter((entry) => entry.name !== stage.name) }),
      undo: {
        saved: saved(t('mpWhatRestored', { name: stage.name })),
        apply: (m) =>
          m.stages.some((entry) => entry.name === stage.name)
            ? m
            : { ...m, stages: insertAt(m.stages, index, stage) },
      },
    });
  };

  const groupOf = (value: string): string => {
    if (isStageId(value)) return STATUS_GROUPS[STAGES[value].group][locale];
    const after = customOf(value)?.after;
    return after && isStageId(after) ? STATUS_GROUPS[STAGES[after].group][locale] : '—';
  };

  return (
    <Section id="method-stages" title={t('mpStages')} help={t('mpStagesHelp')}>
      <table class="method-table stages">
        <caption class="visually-hidden">{t('mpStagesOrder')}</caption>
        <thead>
          <tr>
            <th scope="col" class="col-no">
              #
            </th>
            <th scope="col" class="col-name">
              {t('stage')}
            </th>
            <th scope="col">{t('mpStatus')}</th>
            <th scope="col">{t('mpAfter')}</th>
            <th scope="col" class="col-actions">
              <span class="visually-hidden">{t('mpActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {options.map((option, i) => {
            const custom = option.custom ? customOf(option.value) : undefined;
            return (
              <tr key={option.value} class={custom ? 'is-custom' : undefined}>
                <td class="col-no">{i + 1}</td>
                <td>
                  {custom ? (
                    <CommitText
                      t={t}
                      label={t('mpNameOf', { name: custom.name })}
                      value={custom.name}
                      maxLength={STAGE_MAX}
                      onCommit={(text) => rename(custom.name, text)}
                    />
                  ) : (
                    option.label
                  )}
                </td>
                <td>{groupOf(option.value)}</td>
                <td>
                  {custom ? (
                    <Select
                      label={t('mpAfterOf', { name: custom.name })}
                      value={custom.after && isStageId(custom.after) ? custom.after : AT_END}
                      options={afterOptions}
                      onChange={(after) => move(custom.name, after)}
                    />
                  ) : null}
                </td>
                <td class="col-actions">
                  {custom && (
                    <button
                      type="button"
                      class="danger"
                      aria-label={t('mpRemoveOf', { name: custom.name })}
                      onClick={() => remove(custom)}
                    >
                      {t('mpRemove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddStage t={t} locale={locale} method={method} onChange={onChange} onRefuse={onRefuse} />
    </Section>
  );
}

function AddStage(props: Omit<EditorProps, 'usage'>) {
  const { t, locale, method } = props;
  const [name, setName] = useState('');
  const [after, setAfter] = useState<string>(AT_END);
  const submit = (e: Event) => {
    e.preventDefault();
    const text = name.trim();
    if (isTooLong(text, STAGE_MAX)) return;
    const problem = stageNameProblem(text, method, t);
    if (problem) return props.onRefuse(problem);
    const stage: CustomStage = { name: text, after: after === AT_END ? null : after };
    props.onChange({
      saved: t('mpSaved', { what: t('mpWhatAdded', { name: text }) }),
      apply: (m) => ({ ...m, stages: [...m.stages, stage] }),
    });
    setName('');
  };
  return (
    <form class="method-add" aria-label={t('mpAddStage')} onSubmit={submit}>
      <h3>{t('mpAddStage')}</h3>
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={t('mpStageName')}
            value={name}
            maxLength={STAGE_MAX}
            onInput={setName}
          />
        </div>
        <LabelledSelect
          label={t('mpAfter')}
          value={after}
          options={[
            ...STAGE_IDS.map((id) => ({ value: id as string, label: STAGES[id][locale] })),
            { value: AT_END, label: t('mpAtEnd') },
          ]}
          onChange={setAfter}
        />
        <button type="submit" class="primary">
          {t('mpAdd')}
        </button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Checklists.

function ChecklistsSection(props: EditorProps) {
  const { t, method } = props;
  const templates = resolveChecklists(method);
  return (
    <Section id="method-checklists" title={t('mpChecklists')} help={t('mpChecklistsHelp')}>
      <div class="method-templates">
        {templates.map((template) => (
          <ChecklistCard
            key={template.id}
            {...props}
            template={template}
            changed={
              isBuiltinChecklist(template.id) &&
              method.checklists.some((entry) => entry.id === template.id)
            }
          />
        ))}
      </div>
      <AddNamed
        t={t}
        title={t('mpAddChecklist')}
        label={t('mpChecklistName')}
        onAdd={(name) => {
          const entry: ChecklistTemplate = {
            id: crypto.randomUUID(),
            name,
            types: [],
            stages: [],
            items: [],
            hidden: false,
          };
          props.onChange({
            saved: t('mpSaved', { what: t('mpWhatAdded', { name }) }),
            apply: (m) => ({ ...m, checklists: [...m.checklists, entry] }),
          });
        }}
        onRefuse={props.onRefuse}
      />
    </Section>
  );
}

/** A one-field "Add …" form (a name, then Add). */
function AddNamed(props: {
  t: Translate;
  title: string;
  label: string;
  onAdd: (name: string) => void;
  onRefuse: (text: string) => void;
}) {
  const { t } = props;
  const [name, setName] = useState('');
  return (
    <form
      class="method-add"
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        const text = name.trim();
        if (!text) return props.onRefuse(t('mpNameRequired'));
        if (isTooLong(text, NAME_MAX)) return;
        props.onAdd(text);
        setName('');
      }}
    >
      <h3>{props.title}</h3>
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={props.label}
            value={name}
            maxLength={NAME_MAX}
            onInput={setName}
          />
        </div>
        <button type="submit" class="primary">
          {t('mpAdd')}
        </button>
      </div>
    </form>
  );
}

function ChecklistCard(props: EditorProps & { template: ChecklistTemplate; changed: boolean }) {
  const { t, locale, method, usage, template, onChange, onRefuse } = props;
  const name = checklistName(template, locale);
  const builtin = builtinChecklist(template.id);
  const types = resolveTypes(method);
  const stages = stageOptions(method, locale);
  const saved = (what: string) => t('mpSaved', { what });

  const edit = (change: (entry: ChecklistTemplate) => ChecklistTemplate, what: string) =>
    onChange({
      saved: saved(what),
      apply: (m) => {
        const current = resolveChecklists(m).find((entry) => entry.id === template.id);
        return current ? putChecklist(m, change(current)) : m;
      },
    });

  const editItem = (id: string, next: Partial<ChecklistItem>, what: string) =>
    edit(
      (entry) => ({
        ...entry,
        items: entry.items.map((item) => (item.id === id ? { ...item, ...next } : item)),
      }),
      what,
    );

  const rename = (text: string) => {
    const stored = storedName(text, builtin, locale);
    if (stored === null) return onRefuse(t('mpNameRequired'));
    const to = checklistName({ id: template.id, name: stored }, locale);
    edit((entry) => ({ ...entry, name: stored }), t('mpWhatRenamed', { from: name, to }));
  };

  const toggle = (key: 'types' | 'stages', value: string, label: string, on: boolean) =>
    edit(
      (entry) => ({
        ...entry,
        [key]: on
          ? [...entry[key].filter((v) => v !== value), value]
          : entry[key].filter((v) => v !== value),
      }),
      t(on ? 'mpWhatAttached' : 'mpWhatDetached', { checklist: name, what: label }),
    );

  /** Deletes a custom template, or resets a built-in one (both can be undone). */
  const removeOrReset = () => {
    if (!builtin) {
      const user = usage.steps.find(
        (step) =>
          step.checklists.includes(template.id) ||
          step.checks.some((check) => check.templateId === template.id),
      );
      if (user) return onRefuse(t('mpInUseStep', { name, n: user.seq, journey: user.journey }));
    }
    const index = method.checklists.findIndex((entry) => entry.id === template.id);
    const stored = method.checklists[index];
    if (!stored) return;
    onChange({
      saved: saved(t(builtin ? 'mpWhatReset' : 'mpWhatDeleted', { name })),
      apply: (m) => ({ ...m, checklists: m.checklists.filter((e) => e.id !== template.id) }),
      undo: {
        saved: saved(t('mpWhatRestored', { name })),
        apply: (m) =>
          m.checklists.some((e) => e.id === template.id)
            ? m
            : { ...m, checklists: insertAt(m.checklists, index, stored) },
      },
    });
  };

  const removeItem = (item: ChecklistItem) => {
    const question = itemText(template.id, item, locale);
    const index = template.items.findIndex((entry) => entry.id === item.id);
    onChange({
      saved: saved(t('mpWhatDeleted', { name: question })),
      apply: (m) => {
        const current = resolveChecklists(m).find((entry) => entry.id === template.id);
        if (!current) return m;
        return putChecklist(m, {
          ...current,
          items: current.items.filter((entry) => entry.id !== item.id),
        });
      },
      undo: {
        saved: saved(t('mpWhatRestored', { name: question })),
        apply: (m) => {
          const current = resolveChecklists(m).find((entry) => entry.id === template.id);
          if (!current || current.items.some((entry) => entry.id === item.id)) return m;
          return putChecklist(m, { ...current, items: insertAt(current.items, index, item) });
        },
      },
    });
  };

  const typeNames = template.types.map((id) => {
    const type = types.find((entry) => entry.id === id);
    return type ? typeName(type, locale) : id;
  });
  const stageNames = template.stages.map((stage) => stageLabel(stage, locale));
  const unknownTypes = template.types.filter((id) => !types.some((type) => type.id === id));
  const unknownStages = template.stages.filter((s) => !stages.some((o) => o.value === s));

  return (
    <details class={`method-template${template.hidden ? ' is-hidden' : ''}`}>
      <summary>
        <span class="template-name">{name}</span>
        {template.hidden && <span class="badge">{t('mpHidden')}</span>}
        {props.changed && <span class="badge">{t('mpChanged')}</span>}
        {!builtin && <span class="badge own">{t('mpOwn')}</span>}
        <span class="muted template-sub">
          {t('mpItemsCount', { n: template.items.length })} ·{' '}
          {t('mpForTypes', { list: shortList(typeNames, t('mpNone')) })}
          {stageNames.length > 0 && ` · ${t('mpForStages', { list: shortList(stageNames, '') })}`}
        </span>
      </summary>
      <div class="template-body">
        <div class="row template-head">
          <div class="grow-2">
            <CommitText
              t={t}
              label={t('mpChecklistName')}
              value={name}
              placeholder={builtin?.[locale]}
              maxLength={NAME_MAX}
              onCommit={rename}
            />
          </div>
          <Check
            label={t('mpHidden')}
            ariaLabel={t('mpHideOf', { name })}
            checked={template.hidden}
            onChange={(hidden) =>
              edit(
                (entry) => ({ ...entry, hidden }),
                t(hidden ? 'mpWhatHidden' : 'mpWhatShown', { name }),
              )
            }
          />
          {(!builtin || props.changed) && (
            <button
              type="button"
              class={builtin ? undefined : 'danger'}
              aria-label={t(builtin ? 'mpResetOf' : 'mpDeleteOf', { name })}
              onClick={removeOrReset}
            >
              {t(builtin ? 'mpReset' : 'mpDeleteChecklist')}
            </button>
          )}
        </div>
        <div class="method-pickers">
          <details class="picker">
            <summary>
              {t('mpAppliesToTypes')}: {shortList(typeNames, t('mpNone'))}
            </summary>
            <div class="picker-body types">
              {CATEGORY_IDS.map((category) => {
                const inCategory = types.filter((type) => type.category === category);
                if (inCategory.length === 0) return null;
                return (
                  <fieldset key={category} class="picker-group">
                    <legend>{categoryLabel(category, locale)}</legend>
                    {inCategory.map((type) => {
                      const label = typeName(type, locale);
                      return (
                        <Check
                          key={type.id}
                          label={type.hidden ? `${label} (${t('mpHiddenLower')})` : label}
                          checked={template.types.includes(type.id)}
                          onChange={(on) => toggle('types', type.id, label, on)}
                        />
                      );
                    })}
                  </fieldset>
                );
              })}
              {unknownTypes.map((id) => (
                <Check key={id} label={id} checked onChange={(on) => toggle('types', id, id, on)} />
              ))}
            </div>
          </details>
          <details class="picker">
            <summary>
              {t('mpAppliesToStages')}: {shortList(stageNames, t('mpNone'))}
            </summary>
            <div class="picker-body stages">
              {[...stages, ...unknownStages.map((s) => ({ value: s, label: s }))].map((stage) => (
                <Check
                  key={stage.value}
                  label={stage.label}
                  checked={template.stages.includes(stage.value)}
                  onChange={(on) => toggle('stages', stage.value, stage.label, on)}
                />
              ))}
            </div>
          </details>
        </div>
        {template.items.length > 0 ? (
          <table class="method-table items">
            <caption class="visually-hidden">{t('mpQuestionsOf', { name })}</caption>
            <thead>
              <tr>
                <th scope="col" class="col-no">
                  #
                </th>
                <th scope="col" class="col-name">
                  {t('mpQuestion')}
                </th>
                <th scope="col" class="col-weight">
                  {t('mpWeight')}
                </th>
                <th scope="col" class="col-flag">
                  {t('mpCritical')}
                </th>
                <th scope="col" class="col-actions">
                  <span class="visually-hidden">{t('mpActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {template.items.map((item, i) => {
                const n = i + 1;
                const question = itemText(template.id, item, locale);
                const original =
                  builtin?.items.find((entry) => entry.id === item.id) ?? builtinItem(item.id);
                const where = t('mpQuestionN', { n, name });
                return (
                  <tr key={item.id}>
                    <td class="col-no">{n}</td>
                    <td>
                      <CommitText
                        t={t}
                        label={where}
                        value={question}
                        placeholder={original?.[locale]}
                        maxLength={NAME_MAX}
                        onCommit={(text) => {
                          const stored = storedName(text, original, locale);
                          if (stored === null) return onRefuse(t('mpQuestionRequired'));
                          editItem(
                            item.id,
                            { text: stored },
                            t('mpWhatField', {
                              name: where,
                              field: t('mpQuestion'),
                              value: stored || (original?.[locale] ?? ''),
                            }),
                          );
                        }}
                      />
                    </td>
                    <td class="col-weight">
                      <NumberInput
                        label={t('mpWeightOf', { n, name })}
                        value={item.weight}
                        min={1}
                        max={10}
                        step={1}
                        onCommit={(weight) => {
                          if (!Number.isInteger(weight) || weight < 1 || weight > 10)
                            return onRefuse(t('mpWeightRange'));
                          editItem(
                            item.id,
                            { weight },
                            t('mpWhatField', { name: where, field: t('mpWeight'), value: weight }),
                          );
                        }}
                      />
                    </td>
                    <td class="col-flag">
                      <input
                        type="checkbox"
                        aria-label={t('mpCriticalOf', { n, name })}
                        checked={item.critical}
                        onChange={(e) => {
                          const critical = e.currentTarget.checked;
                          editItem(
                            item.id,
                            { critical },
                            t('mpWhatField', {
                              name: where,
                              field: t('mpCritical'),
                              value: t(critical ? 'answer_yes' : 'answer_no'),
                            }),
                          );
                        }}
                      />
                    </td>
                    <td class="col-actions">
                      <button
                        type="button"
                        class="danger"
                        aria-label={t('mpDeleteQuestion', { n, name })}
                        onClick={() => removeItem(item)}
                      >
                        {t('mpDelete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : (
          <p class="muted">{t('mpNoItems')}</p>
        )}
        <AddItem
          t={t}
          checklist={name}
          onRefuse={onRefuse}
          onAdd={(item) =>
            edit(
              (entry) => ({ ...entry, items: [...entry.items, item] }),
              t('mpWhatAdded', { name: item.text }),
            )
          }
        />
      </div>
    </details>
  );
}

function AddItem(props: {
  t: Translate;
  checklist: string;
  onAdd: (item: ChecklistItem) => void;
  onRefuse: (text: string) => void;
}) {
  const { t } = props;
  const [text, setText] = useState('');
  const [weight, setWeight] = useState(5);
  const [critical, setCritical] = useState(false);
  return (
    <form
      class="method-add add-item"
      aria-label={t('mpAddItemTo', { name: props.checklist })}
      onSubmit={(e) => {
        e.preventDefault();
        const question = text.trim();
        if (!question) return props.onRefuse(t('mpQuestionRequired'));
        if (isTooLong(question, NAME_MAX)) return;
        if (!Number.isInteger(weight) || weight < 1 || weight > 10)
          return props.onRefuse(t('mpWeightRange'));
        props.onAdd({ id: crypto.randomUUID(), text: question, weight, critical });
        setText('');
        setWeight(5);
        setCritical(false);
      }}
    >
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={t('mpNewQuestion')}
            value={text}
            maxLength={NAME_MAX}
            onInput={setText}
          />
        </div>
        <Field label={t('mpWeight')}>
          {(id) => (
            <input
              id={id}
              type="number"
              class="number"
              min={1}
              max={10}
              step={1}
              value={String(weight)}
              onInput={(e) => setWeight(e.currentTarget.valueAsNumber)}
            />
          )}
        </Field>
        <Check label={t('mpCritical')} checked={critical} onChange={setCritical} />
        <button type="submit">{t('mpAddItem')}</button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Service standards.

function StandardsSection({ t, locale, method, usage, onChange, onRefuse }: EditorProps) {
  const standards = resolveStandards(method);
  const units = TIME_UNITS.map((unit) => ({ value: unit, label: t(`mpUnit_${unit}`) }));
  const measures = (['between', 'duration'] as const).map((measure) => ({
    value: measure,
    label: t(`mpMeasure_${measure}`),
  }));
  const saved = (what: string) => t('mpSaved', { what });

  const edit = (entry: Standard, next: Partial<Standard>, what: string) =>
    onChange({
      saved: saved(what),
      apply: (m) => {
        const current = resolveStandards(m).find((standard) => standard.id === entry.id);
        return current ? putStandard(m, { ...current, ...next }) : m;
      },
    });

  const removeOrReset = (entry: Standard) => {
    const name = standardName(entry, locale);
    const builtin = isBuiltinStandard(entry.id);
    if (!builtin) {
      const user = usage.measurements.find((m) => m.standardId === entry.id);
      if (user) return onRefuse(t('mpInUseJourney', { name, journey: user.journey }));
    }
    const index = method.standards.findIndex((standard) => standard.id === entry.id);
    const stored = method.standards[index];
    if (!stored) return;
    onChange({
      saved: saved(t(builtin ? 'mpWhatReset' : 'mpWhatDeleted', { name })),
      apply: (m) => ({ ...m, standards: m.standards.filter((s) => s.id !== entry.id) }),
      undo: {
        saved: saved(t('mpWhatRestored', { name })),
        apply: (m) =>
          m.standards.some((s) => s.id === entry.id)
            ? m
            : { ...m, standards: insertAt(m.standards, index, stored) },
      },
    });
  };

  return (
    <Section id="method-standards" title={t('standards')} help={t('mpStandardsHelp')}>
      <table class="method-table standards">
        <caption class="visually-hidden">{t('standards')}</caption>
        <thead>
          <tr>
            <th scope="col" class="col-name">
              {t('mpName')}
            </th>
            <th scope="col" class="col-target">
              {t('mpTarget')}
            </th>
            <th scope="col">{t('mpMeasure')}</th>
            <th scope="col" class="col-channels">
              {t('mpAnswerChannels')}
            </th>
            <th scope="col" class="col-flag">
              {t('mpHidden')}
            </th>
            <th scope="col" class="col-actions">
              <span class="visually-hidden">{t('mpActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {standards.map((standard) => {
            const name = standardName(standard, locale);
            const builtin = builtinStandard(standard.id);
            const changed = !!builtin && method.standards.some((s) => s.id === standard.id);
            const field = (label: string, value: string | number) =>
              t('mpWhatField', { name, field: label, value });
            const channelNames = standard.answerChannels.map((id) => channelLabel(id, locale));
            return (
              <tr key={standard.id} class={standard.hidden ? 'is-hidden' : undefined}>
                <td>
                  <CommitText
                    t={t}
                    label={t('mpNameOf', { name })}
                    value={name}
                    placeholder={builtin?.[locale]}
                    maxLength={NAME_MAX}
                    onCommit={(text) => {
                      const stored = storedName(text, builtin, locale);
                      if (stored === null) return onRefuse(t('mpNameRequired'));
                      const to = standardName({ id: standard.id, name: stored }, locale);
                      edit(standard, { name: stored }, t('mpWhatRenamed', { from: name, to }));
                    }}
                  />
                  {builtin && standard.name.trim() !== '' && (
                    <span class="method-builtin">
                      {t('mpBuiltinWording', { name: builtin[locale] })}
                    </span>
                  )}
                </td>
                <td class="col-target">
                  <div class="target">
                    <span aria-hidden="true">≤</span>
                    <NumberInput
                      label={t('mpTargetOf', { name })}
                      value={standard.target}
                      min={0}
                      max={100_000}
                      step="any"
                      onCommit={(target) => {
                        if (!Number.isFinite(target) || target <= 0 || target > 100_000)
                          return onRefuse(t('mpTargetRange'));
                        edit(
                          standard,
                          { target },
                          field(t('mpTarget'), formatTarget({ ...standard, target }, locale)),
                        );
                      }}
                    />
                    <Select
                      label={t('mpUnitOf', { name })}
                      value={standard.unit}
                      options={units}
                      onChange={(unit) =>
                        edit(
                          standard,
                          { unit },
                          field(t('mpTarget'), formatTarget({ ...standard, unit }, locale)),
                        )
                      }
                    />
                  </div>
                </td>
                <td>
                  <Select
                    label={t('mpMeasureOf', { name })}
                    value={standard.measure}
                    options={measures}
                    onChange={(measure) =>
                      edit(standard, { measure }, field(t('mpMeasure'), t(`mpMeasure_${measure}`)))
                    }
                  />
                </td>
                <td class="col-channels">
                  {standard.measure === 'between' ? (
                    <Dropdown
                      label={t('mpAnswerChannelsOf', {
                        name,
                        list: shortList(channelNames, t('mpNone')),
                      })}
                      summary={shortList(channelNames, t('mpNone'))}
                    >
                      {CHANNEL_IDS.map((id) => (
                        <Check
                          key={id}
                          label={channelLabel(id, locale)}
                          checked={standard.answerChannels.includes(id)}
                          onChange={(on) => {
                            const answerChannels = on
                              ? CHANNEL_IDS.filter(
                                  (c) => c === id || standard.answerChannels.includes(c),
                                )
                              : standard.answerChannels.filter((c) => c !== id);
                            edit(
                              standard,
                              { answerChannels },
                              field(
                                t('mpAnswerChannels'),
                                shortList(
                                  answerChannels.map((c) => channelLabel(c, locale)),
                                  t('mpNone'),
                                ),
                              ),
                            );
                          }}
                        />
                      ))}
                    </Dropdown>
                  ) : (
                    <span class="muted">{t('mpNotForDuration')}</span>
                  )}
                </td>
                <td class="col-flag">
                  <input
                    type="checkbox"
                    aria-label={t('mpHideOf', { name })}
                    checked={standard.hidden}
                    onChange={(e) => {
                      const hidden = e.currentTarget.checked;
                      edit(
                        standard,
                        { hidden },
                        t(hidden ? 'mpWhatHidden' : 'mpWhatShown', { name }),
                      );
                    }}
                  />
                </td>
                <td class="col-actions">
                  {(!builtin || changed) && (
                    <button
                      type="button"
                      class={builtin ? undefined : 'danger'}
                      aria-label={t(builtin ? 'mpResetOf' : 'mpDeleteOf', { name })}
                      onClick={() => removeOrReset(standard)}
                    >
                      {t(builtin ? 'mpResetShort' : 'mpDelete')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddStandard t={t} locale={locale} method={method} onChange={onChange} onRefuse={onRefuse} />
    </Section>
  );
}

function AddStandard(props: Omit<EditorProps, 'usage'>) {
  const { t } = props;
  const [name, setName] = useState('');
  const [target, setTarget] = useState(1);
  const [unit, setUnit] = useState<TimeUnit>('hours');
  const [measure, setMeasure] = useState<Standard['measure']>('between');
  return (
    <form
      class="method-add"
      aria-label={t('mpAddStandard')}
      onSubmit={(e) => {
        e.preventDefault();
        const text = name.trim();
        if (!text) return props.onRefuse(t('mpNameRequired'));
        if (isTooLong(text, NAME_MAX)) return;
        if (!Number.isFinite(target) || target <= 0 || target > 100_000)
          return props.onRefuse(t('mpTargetRange'));
        const entry: Standard = {
          id: crypto.randomUUID(),
          name: text,
          target,
          unit,
          measure,
          answerChannels: [],
          hidden: false,
        };
        props.onChange({
          saved: t('mpSaved', { what: t('mpWhatAdded', { name: text }) }),
          apply: (m) => ({ ...m, standards: [...m.standards, entry] }),
        });
        setName('');
      }}
    >
      <h3>{t('mpAddStandard')}</h3>
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={t('mpName')}
            value={name}
            maxLength={NAME_MAX}
            onInput={setName}
          />
        </div>
        <Field label={t('mpTarget')}>
          {(id) => (
            <input
              id={id}
              type="number"
              class="number"
              min={0}
              max={100_000}
              step="any"
              value={String(target)}
              onInput={(e) => setTarget(e.currentTarget.valueAsNumber)}
            />
          )}
        </Field>
        <LabelledSelect
          label={t('mpUnit')}
          value={unit}
          options={TIME_UNITS.map((u) => ({ value: u, label: t(`mpUnit_${u}`) }))}
          onChange={setUnit}
        />
        <LabelledSelect
          label={t('mpMeasure')}
          value={measure}
          options={(['between', 'duration'] as const).map((m) => ({
            value: m,
            label: t(`mpMeasure_${m}`),
          }))}
          onChange={setMeasure}
        />
        <button type="submit" class="primary">
          {t('mpAdd')}
        </button>
      </div>
    </form>
  );
}
