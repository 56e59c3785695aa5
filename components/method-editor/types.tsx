/** The method's touchpoint types by category: built-ins (renamed, moved, hidden) and its own. */
import { useState } from 'preact/hooks';
import type { TouchpointType } from '../../lib/model';
import {
  byCategory,
  categoryChoices,
  channelChoices,
  channelLabel,
  stageLabel,
  stageOptions,
  resolveTypes,
  type CatalogueSource,
  type Locale,
} from '../../lib/taxonomy';
import { addition, entryActions, stepUse, TYPES, type EditorProps } from './changes';
import { LabelledSelect, Select, type Choice } from './controls';
import { TypeOwnerCell, typeDepartments } from './type-owner';
import { AddForm, EntryRow, MethodTable, Section } from './shared';

/** The channels offered (hidden ones only on the types that use them: see TypeRow). */
const channelList = (method: CatalogueSource, locale: Locale): Choice<string>[] =>
  channelChoices(method, locale);

export function TypesSection(props: EditorProps) {
  const { t, locale, method } = props;
  const types = resolveTypes(method);
  const stages = stageOptions(method, locale);
  const channels = channelList(method, locale);
  const departments = typeDepartments(types);
  return (
    <Section id="method-types" title={t('mpTypes')} help={t('mpTypesHelp')}>
      {byCategory(types, (type) => type.category, method, locale).map((group) => {
        const rows = group.entries;
        return (
          <MethodTable
            key={group.id}
            t={t}
            class="types"
            caption={
              <>
                {group.label} <span class="muted">({t('mpTypesCount', { n: rows.length })})</span>
              </>
            }
            columns={[
              [t('mpName'), 'col-name'],
              [t('stage'), 'col-stage'],
              [t('channel'), 'col-channel'],
              [t('ownMpOwner'), 'col-owner'],
              [t('mpHidden'), 'col-flag'],
            ]}
          >
            {rows.map((type) => (
              <TypeRow
                key={type.id}
                {...props}
                type={type}
                stages={stages}
                channels={channels}
                departments={departments}
              />
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
    channels: readonly Choice<string>[];
    departments: readonly string[];
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
          options={
            props.channels.some((c) => c.value === type.channel)
              ? props.channels
              : channelChoices(props.method, locale, type.channel)
          }
          onChange={(channel) =>
            entry.set({ channel }, field(t('channel'), channelLabel(channel, locale, props.method)))
          }
        />
      </td>
      <TypeOwnerCell t={t} type={type} entry={entry} departments={props.departments} />
    </EntryRow>
  );
}

function AddType(props: EditorProps) {
  const { t, locale, method } = props;
  const [category, setCategory] = useState('technology');
  const [stage, setStage] = useState('contact');
  const [channel, setChannel] = useState('website');
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
        options={categoryChoices(method, locale, category)}
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
        options={channelChoices(method, locale, channel)}
        onChange={setChannel}
      />
    </AddForm>
  );
}
