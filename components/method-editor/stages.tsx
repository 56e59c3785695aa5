/** The audit's custom stages: named once, placed after a built-in stage (or at the end). */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { CustomStage } from '../../lib/model';
import {
  checklistName,
  isStageId,
  resolveChecklists,
  resolveTypes,
  stageLabel,
  stageOptions,
  STAGE_IDS,
  STAGES,
  STATUS_GROUPS,
  typeName,
  type Locale,
} from '../../lib/taxonomy';
import {
  GIVES_ORDER,
  defaultGives,
  givesLabel,
  putGives,
  stageGives,
} from '../../lib/taxonomy/gives';
import type { Gives } from '../../lib/model';
import { CommitText } from '../shared/fields';
import { StageStatusSelect } from './stage-status';
import { addition, removal, savedText, STAGE_LIST, type EditorProps } from './changes';
import { LabelledSelect, Select, type Choice } from './controls';
import { STAGE_MAX, stageNameProblem } from './limits';
import { AddForm, MethodTable, RowButton, Section } from './shared';

/** The value of "After: at the end". */
const AT_END = '';

const afterChoices = (t: Translate, locale: Locale): Choice<string>[] => [
  ...STAGE_IDS.map((id) => ({ value: id as string, label: STAGES[id][locale] })),
  { value: AT_END, label: t('mpAtEnd') },
];

export function StagesSection(props: EditorProps) {
  const { t, locale, method, onChange, onRefuse } = props;
  const options = stageOptions(method, locale);
  const after = afterChoices(t, locale);
  const customOf = (name: string) => method.stages.find((stage) => stage.name === name);

  const rename = (from: string, text: string) => {
    const to = text.trim();
    if (to === from) return;
    const problem = stageNameProblem(to, method, t, from);
    if (problem) return onRefuse(problem);
    onChange({
      saved: savedText(t, t('mpWhatRenamed', { from, to })),
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
        ...(m.gives && {
          gives: m.gives.map((entry) => (entry.stage === from ? { ...entry, stage: to } : entry)),
        }),
      }),
    });
  };

  const move = (name: string, to: string) =>
    onChange({
      saved: savedText(
        t,
        to === AT_END
          ? t('mpWhatMovedEnd', { name })
          : t('mpWhatMoved', { name, after: stageLabel(to, locale) }),
      ),
      apply: (m) => ({
        ...m,
        stages: m.stages.map((stage) =>
          stage.name === name ? { ...stage, after: to === AT_END ? null : to } : stage,
        ),
      }),
    });

  /** Deletes a custom stage (refused while a type or checklist uses it); can be undone. */
  const remove = (stage: CustomStage) => {
    const { name } = stage;
    const type = resolveTypes(method).find((entry) => entry.stage === name);
    if (type) return onRefuse(t('mpStageUsedByType', { name, type: typeName(type, locale) }));
    const template = resolveChecklists(method).find((entry) => entry.stages.includes(name));
    if (template)
      return onRefuse(
        t('mpStageUsedByChecklist', { name, checklist: checklistName(template, locale) }),
      );
    const change = removal(t, STAGE_LIST, method, name, name);
    if (change) onChange(change);
  };

  const groupOf = (value: string): string => {
    if (isStageId(value)) return STATUS_GROUPS[STAGES[value].group][locale];
    const at = customOf(value)?.after;
    return at && isStageId(at) ? STATUS_GROUPS[STAGES[at].group][locale] : '—';
  };

  return (
    <Section id="method-stages" title={t('mpStages')} help={t('mpStagesHelp')}>
      <MethodTable
        t={t}
        class="stages"
        caption={t('mpStagesOrder')}
        hiddenCaption
        columns={[
          ['#', 'col-no'],
          [t('stage'), 'col-name'],
          [t('mpStatus')],
          [t('mpAfter')],
          [t('gvColumn')],
        ]}
      >
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
                    trimmed
                    onCommit={(text) => rename(custom.name, text)}
                  />
                ) : (
                  option.label
                )}
              </td>
              <td>
                {custom ? <StageStatusSelect {...props} stage={custom} /> : groupOf(option.value)}
              </td>
              <td>
                {custom ? (
                  <Select
                    label={t('mpAfterOf', { name: custom.name })}
                    value={custom.after && isStageId(custom.after) ? custom.after : AT_END}
                    options={after}
                    onChange={(to) => move(custom.name, to)}
                  />
                ) : null}
              </td>
              <td>
                <GivesSelect {...props} stage={option.value} label={option.label} />
              </td>
              <td class="col-actions">
                {custom && (
                  <RowButton
                    label={t('mpRemoveOf', { name: custom.name })}
                    text={t('mpRemove')}
                    danger
                    onClick={() => remove(custom)}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </MethodTable>
      <AddStage {...props} />
    </Section>
  );
}

/** What a stage gives the customer (the built-in choice marked; a custom stage may say none). */
function GivesSelect(props: EditorProps & { stage: string; label: string }) {
  const { t, locale, method, onChange, stage, label } = props;
  const builtin = defaultGives(stage);
  const NONE = '' as const;
  const choices: Choice<Gives | ''>[] = [
    ...(builtin ? [] : [{ value: NONE, label: t('gvNotSaid') } as Choice<Gives | ''>]),
    ...GIVES_ORDER.map(
      (gives): Choice<Gives | ''> => ({
        value: gives,
        label:
          gives === builtin
            ? t('gvBuiltin', { label: givesLabel(gives, locale) })
            : givesLabel(gives, locale),
      }),
    ),
  ];
  return (
    <Select
      label={t('gvOf', { stage: label })}
      value={stageGives(stage, method) ?? NONE}
      options={choices}
      onChange={(value) => {
        const gives = value === NONE ? null : value;
        onChange({
          saved: gives
            ? t('gvSaved', { stage: label, gives: givesLabel(gives, locale) })
            : t('gvSavedNone', { stage: label }),
          apply: (m) => ({ ...m, gives: putGives(m, stage, gives) }),
        });
      }}
    />
  );
}

function AddStage(props: EditorProps) {
  const { t, locale, method } = props;
  const [after, setAfter] = useState<string>(AT_END);
  const add = (name: string) =>
    stageNameProblem(name, method, t) ??
    addition(t, STAGE_LIST, { name, after: after === AT_END ? null : after }, name);
  return (
    <AddForm
      {...props}
      title={t('mpAddStage')}
      nameLabel={t('mpStageName')}
      maxLength={STAGE_MAX}
      onAdd={add}
    >
      <LabelledSelect
        label={t('mpAfter')}
        value={after}
        options={afterChoices(t, locale)}
        onChange={setAfter}
      />
    </AddForm>
  );
}
