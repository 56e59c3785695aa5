/**
 * The audit's checklist templates, one disclosure each: name, hidden, the types and stages it
 * applies to, and its questions (checklist-items.tsx).
 */
import type { ChecklistTemplate } from '../../lib/model';
import {
  builtinChecklist,
  byCategory,
  resolveChecklists,
  resolveTypes,
  stageLabel,
  stageOptions,
  typeName,
} from '../../lib/taxonomy';
import { CommitText } from '../shared/fields';
import { addition, CHECKLISTS, entryActions, stepUse, type EditorProps } from './changes';
import { ChecklistItems } from './checklist-items';
import { Check, Picker, shortList } from './controls';
import { NAME_MAX } from './limits';
import { AddForm, DeleteOrReset, Section } from './shared';

export function ChecklistsSection(props: EditorProps) {
  const { t, method } = props;
  const add = (name: string) =>
    addition(
      t,
      CHECKLISTS,
      { id: crypto.randomUUID(), name, types: [], stages: [], items: [], hidden: false },
      name,
    );
  return (
    <Section id="method-checklists" title={t('mpChecklists')} help={t('mpChecklistsHelp')}>
      <div class="method-templates">
        {resolveChecklists(method).map((template) => (
          <ChecklistCard key={template.id} {...props} template={template} />
        ))}
      </div>
      <AddForm
        {...props}
        title={t('mpAddChecklist')}
        nameLabel={t('mpChecklistName')}
        onAdd={add}
      />
    </Section>
  );
}

function ChecklistCard(props: EditorProps & { template: ChecklistTemplate }) {
  const { t, locale, method, usage, template } = props;
  const entry = entryActions(props, CHECKLISTS, template);
  const { name, changed } = entry;
  const builtin = builtinChecklist(template.id);
  const types = resolveTypes(method);
  const stages = stageOptions(method, locale);

  const toggle = (key: 'types' | 'stages', value: string, label: string, on: boolean) =>
    entry.edit(
      (current) => ({
        ...current,
        [key]: on
          ? [...current[key].filter((v) => v !== value), value]
          : current[key].filter((v) => v !== value),
      }),
      t(on ? 'mpWhatAttached' : 'mpWhatDetached', { checklist: name, what: label }),
    );

  const inUse = () =>
    stepUse(
      t,
      usage,
      name,
      (step) =>
        step.checklists.includes(template.id) ||
        step.checks.some((check) => check.templateId === template.id),
    );

  const typeNames = template.types.map((id) => {
    const type = types.find((other) => other.id === id);
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
        {changed && <span class="badge">{t('mpChanged')}</span>}
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
              trimmed
              onCommit={entry.rename}
            />
          </div>
          <Check
            label={t('mpHidden')}
            ariaLabel={t('mpHideOf', { name })}
            checked={template.hidden}
            onChange={entry.hide}
          />
          <DeleteOrReset
            t={t}
            entry={entry}
            deleteText="mpDeleteChecklist"
            resetText="mpReset"
            onClick={() => entry.remove(inUse)}
          />
        </div>
        <div class="method-pickers">
          <Picker
            class="types"
            summary={`${t('mpAppliesToTypes')}: ${shortList(typeNames, t('mpNone'))}`}
          >
            {byCategory(types, (type) => type.category, method, locale).map((group) => {
              const inCategory = group.entries;
              return (
                <fieldset key={group.id} class="picker-group">
                  <legend>{group.label}</legend>
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
          </Picker>
          <Picker
            class="stages"
            summary={`${t('mpAppliesToStages')}: ${shortList(stageNames, t('mpNone'))}`}
          >
            {[...stages, ...unknownStages.map((s) => ({ value: s, label: s }))].map((stage) => (
              <Check
                key={stage.value}
                label={stage.label}
                checked={template.stages.includes(stage.value)}
                onChange={(on) => toggle('stages', stage.value, stage.label, on)}
              />
            ))}
          </Picker>
        </div>
        <ChecklistItems {...props} name={name} builtin={builtin} edit={entry.edit} />
      </div>
    </details>
  );
}
