/** The method's touchpoint types by category: built-ins (renamed, moved, hidden) and its own. */
import { useState } from 'preact/hooks';
import type { TouchpointType } from '../../lib/model';
import {
  CATEGORY_IDS,
  categoryLabel,
  channelLabel,
  CHANNEL_IDS,
  stageLabel,
  stageOptions,
  resolveTypes,
  type CategoryId,
  type ChannelId,
  type Locale,
} from '../../lib/taxonomy';
import { addition, entryActions, stepUse, TYPES, type EditorProps } from './changes';
import { LabelledSelect, Select, type Choice } from './controls';
import { AddForm, EntryRow, MethodTable, Section } from './shared';

const channelChoices = (locale: Locale): Choice<ChannelId>[] =>
  CHANNEL_IDS.map((id) => ({ value: id, label: channelLabel(id, locale) }));

export function TypesSection(props: EditorProps) {
  const { t, locale, method } = props;
  const types = resolveTypes(method);
  const stages = stageOptions(method, locale);
  const channels = channelChoices(locale);
  return (
    <Section id="method-types" title={t('mpTypes')} help={t('mpTypesHelp')}>
      {CATEGORY_IDS.map((category) => {
        const rows = types.filter((type) => type.category === category);
        if (rows.length === 0) return null;
        return (
          <MethodTable
            key={category}
            t={t}
            class="types"
            caption={
              <>
                {categoryLabel(category, locale)}{' '}
                <span class="muted">({t('mpTypesCount', { n: rows.length })})</span>
              </>
            }
            columns={[
              [t('mpName'), 'col-name'],
              [t('stage'), 'col-stage'],
              [t('channel'), 'col-channel'],
              [t('mpHidden'), 'col-flag'],
            ]}
          >
            {rows.map((type) => (
              <TypeRow key={type.id} {...props} type={type} stages={stages} channels={channels} />
            ))}
          </MethodTable>
        );
      })}
      <AddType {...props} />
    </Section>
  );
}

function TypeRow(
  props: EditorProps & {
    type: TouchpointType;
    stages: readonly Choice<string>[];
    channels: readonly Choice<ChannelId>[];
  },
) {
  const { t, locale, usage, type } = props;
  const entry = entryActions(props, TYPES, type);
  const { name, field } = entry;
  return (
    <EntryRow
      t={t}
      locale={locale}
      entry={entry}
      stored={type}
      inUse={() => stepUse(t, usage, name, (step) => step.typeId === type.id)}
    >
      <td>
        <Select
          label={t('mpStageOf', { name })}
          value={type.stage}
          options={props.stages}
          onChange={(stage) => entry.set({ stage }, field(t('stage'), stageLabel(stage, locale)))}
        />
      </td>
      <td>
        <Select
          label={t('mpChannelOf', { name })}
          value={type.channel}
          options={props.channels}
          onChange={(channel) =>
            entry.set({ channel }, field(t('channel'), channelLabel(channel, locale)))
          }
        />
      </td>
    </EntryRow>
  );
}

const categoryChoices = (locale: Locale): Choice<CategoryId>[] =>
  CATEGORY_IDS.map((id) => ({ value: id, label: categoryLabel(id, locale) }));

function AddType(props: EditorProps) {
  const { t, locale, method } = props;
  const [category, setCategory] = useState<CategoryId>('technology');
  const [stage, setStage] = useState('contact');
  const [channel, setChannel] = useState<ChannelId>('website');
  const add = (name: string) =>
    addition(
      t,
      TYPES,
      { id: crypto.randomUUID(), name, category, stage, channel, hidden: false },
      name,
    );
  return (
    <AddForm {...props} title={t('mpAddType')} nameLabel={t('mpName')} onAdd={add}>
      <LabelledSelect
        label={t('category')}
        value={category}
        options={categoryChoices(locale)}
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
        options={channelChoices(locale)}
        onChange={setChannel}
      />
    </AddForm>
  );
}
