/** A checklist's questions: text, weight and critical, each edited in place; Add question. */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { ChecklistItem, ChecklistTemplate } from '../../lib/model';
import { builtinItem, itemText, storedName, type BuiltinChecklist } from '../../lib/taxonomy';
import { CommitText } from '../shared/fields';
import {
  addition,
  itemList,
  removal,
  type EditorProps,
  type List,
  type MethodChange,
} from './changes';
import { Check, FlagCell, NumberField, NumberInput } from './controls';
import { isWeight, NAME_MAX, WEIGHT } from './limits';
import { AddForm, MethodTable, RowButton } from './shared';

export function ChecklistItems(
  props: EditorProps & {
    template: ChecklistTemplate;
    /** The checklist's name as shown. */
    name: string;
    builtin: BuiltinChecklist | undefined;
    /** Changes the checklist as resolved when the edit is saved. */
    edit: (change: (entry: ChecklistTemplate) => ChecklistTemplate, what: string) => void;
  },
) {
  const { t, locale, method, template, name, builtin, onChange, onRefuse } = props;
  const items = itemList(template.id);

  const editItem = (id: string, next: Partial<ChecklistItem>, what: string) =>
    props.edit(
      (entry) => ({
        ...entry,
        items: entry.items.map((item) => (item.id === id ? { ...item, ...next } : item)),
      }),
      what,
    );

  const removeItem = (item: ChecklistItem) => {
    const change = removal(t, items, method, item.id, itemText(template.id, item, locale));
    if (change) onChange(change);
  };

  return (
    <>
      {template.items.length > 0 ? (
        <MethodTable
          t={t}
          class="items"
          caption={t('mpQuestionsOf', { name })}
          hiddenCaption
          columns={[
            ['#', 'col-no'],
            [t('mpQuestion'), 'col-name'],
            [t('mpWeight'), 'col-weight'],
            [t('mpCritical'), 'col-flag'],
          ]}
        >
          {template.items.map((item, i) => {
            const n = i + 1;
            const question = itemText(template.id, item, locale);
            const original =
              builtin?.items.find((entry) => entry.id === item.id) ?? builtinItem(item.id);
            const where = t('mpQuestionN', { n, name });
            const field = (label: string, value: string | number) =>
              t('mpWhatField', { name: where, field: label, value });
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
                    trimmed
                    onCommit={(text) => {
                      const stored = storedName(text, original, locale);
                      if (stored === null) return onRefuse(t('mpQuestionRequired'));
                      editItem(
                        item.id,
                        { text: stored },
                        field(t('mpQuestion'), stored || (original?.[locale] ?? '')),
                      );
                    }}
                  />
                </td>
                <td class="col-weight">
                  <NumberInput
                    label={t('mpWeightOf', { n, name })}
                    value={item.weight}
                    {...WEIGHT}
                    step={1}
                    onCommit={(weight) => {
                      if (!isWeight(weight)) return onRefuse(t('mpWeightRange'));
                      editItem(item.id, { weight }, field(t('mpWeight'), weight));
                    }}
                  />
                </td>
                <FlagCell
                  label={t('mpCriticalOf', { n, name })}
                  checked={item.critical}
                  onChange={(critical) =>
                    editItem(
                      item.id,
                      { critical },
                      field(t('mpCritical'), t(critical ? 'answer_yes' : 'answer_no')),
                    )
                  }
                />
                <td class="col-actions">
                  <RowButton
                    label={t('mpDeleteQuestion', { n, name })}
                    text={t('mpDelete')}
                    danger
                    onClick={() => removeItem(item)}
                  />
                </td>
              </tr>
            );
          })}
        </MethodTable>
      ) : (
        <p class="muted">{t('mpNoItems')}</p>
      )}
      <AddItem t={t} name={name} items={items} onChange={onChange} onRefuse={onRefuse} />
    </>
  );
}

function AddItem(props: {
  t: Translate;
  /** The checklist's name as shown. */
  name: string;
  items: List<ChecklistItem>;
  onChange: (change: MethodChange) => void;
  onRefuse: (text: string) => void;
}) {
  const { t } = props;
  const [weight, setWeight] = useState(5);
  const [critical, setCritical] = useState(false);
  const add = (text: string) => {
    if (!isWeight(weight)) return t('mpWeightRange');
    setWeight(5);
    setCritical(false);
    return addition(t, props.items, { id: crypto.randomUUID(), text, weight, critical }, text);
  };
  return (
    <AddForm
      t={t}
      title={t('mpAddItemTo', { name: props.name })}
      heading={false}
      class="add-item"
      nameLabel={t('mpNewQuestion')}
      required={t('mpQuestionRequired')}
      button={t('mpAddItem')}
      primary={false}
      onAdd={add}
      onChange={props.onChange}
      onRefuse={props.onRefuse}
    >
      <NumberField label={t('mpWeight')} value={weight} {...WEIGHT} step={1} onInput={setWeight} />
      <Check label={t('mpCritical')} checked={critical} onChange={setCritical} />
    </AddForm>
  );
}
