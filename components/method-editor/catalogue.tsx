/**
 * Mann's categories and the channels of the audit, edited like the types: built-ins renamed or
 * hidden (stored under their ids), entries of the audit's own added and deleted (while nothing
 * uses them). Only changes are stored (lib/taxonomy/catalogue.ts putCategory / putChannel).
 */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import type { AuditMethod, CategoryEntry, ChannelEntry } from '../../lib/model';
import {
  builtinCategory,
  builtinChannel,
  categoryName,
  channelName,
  putCategory,
  putChannel,
  resolveCategories,
  resolveChannels,
  resolveStandards,
  resolveTypes,
  standardName,
  typeName,
  withCategories,
  withChannels,
  type Locale,
} from '../../lib/taxonomy';
import {
  addition,
  entryActions,
  stepUse,
  type Catalogue,
  type EditorProps,
  type MethodUsage,
} from './changes';
import { Check, FlagCell } from './controls';
import { AddForm, EntryRow, MethodTable, Section } from './shared';

export const CATEGORY_LIST: Catalogue<CategoryEntry> = {
  key: (entry) => entry.id,
  get: (method) => method.categories ?? [],
  set: withCategories,
  resolve: resolveCategories,
  put: putCategory,
  builtin: builtinCategory,
  name: categoryName,
};

export const CHANNEL_LIST: Catalogue<ChannelEntry> = {
  key: (entry) => entry.id,
  get: (method) => method.channels ?? [],
  set: withChannels,
  resolve: resolveChannels,
  put: putChannel,
  builtin: builtinChannel,
  name: channelName,
};

/** Why a name cannot be added: another entry of the list already reads so (case-insensitive). */
function taken(
  t: Translate,
  names: readonly string[],
  name: string,
  what: 'catCategoryWord' | 'catChannelWord',
): string | null {
  const lower = name.toLowerCase();
  return names.some((other) => other.toLowerCase() === lower)
    ? t('catExists', { what: t(what), name })
    : null;
}

/** Why an entry of the audit's own cannot be deleted (the first thing that uses it), if anything. */
export function catalogueUse(
  t: Translate,
  locale: Locale,
  method: AuditMethod,
  usage: MethodUsage,
  kind: 'category' | 'channel',
  id: string,
  name: string,
): string | undefined {
  const type = resolveTypes(method).find(
    (x) => (kind === 'category' ? x.category : x.channel) === id,
  );
  if (type) return t('catInUseType', { name, type: typeName(type, locale) });
  const step = stepUse(
    t,
    usage,
    name,
    (s) => (kind === 'category' ? s.category : s.channel) === id,
  );
  if (step || kind === 'category') return step;
  const walk = usage.entryChannels?.find((w) => w.channel === id);
  if (walk) return t('catInUseWalk', { name, journey: walk.journey });
  const standard = resolveStandards(method).find((s) => s.answerChannels.includes(id));
  return standard && t('catInUseStandard', { name, standard: standardName(standard, locale) });
}

export function CategoriesSection(props: EditorProps) {
  const { t, locale, method, usage } = props;
  const categories = resolveCategories(method);
  const add = (name: string) =>
    taken(
      t,
      categories.map((c) => categoryName(c, locale)),
      name,
      'catCategoryWord',
    ) ?? addition(t, CATEGORY_LIST, { id: crypto.randomUUID(), name, hidden: false }, name);
  return (
    <Section id="method-categories" title={t('catCategories')} help={t('catCategoriesHelp')}>
      <MethodTable
        t={t}
        class="categories"
        caption={
          <>
            {t('catCategories')}{' '}
            <span class="muted">({t('catCategoryCount', { n: categories.length })})</span>
          </>
        }
        hiddenCaption
        columns={[
          [t('mpName'), 'col-name'],
          [t('mpHidden'), 'col-flag'],
        ]}
      >
        {categories.map((category) => {
          const entry = entryActions(props, CATEGORY_LIST, category);
          return (
            <EntryRow
              key={category.id}
              t={t}
              locale={locale}
              entry={entry}
              stored={category}
              inUse={() =>
                catalogueUse(t, locale, method, usage, 'category', category.id, entry.name)
              }
            >
              {null}
            </EntryRow>
          );
        })}
      </MethodTable>
      <AddForm
        {...props}
        title={t('catAddCategory')}
        nameLabel={t('catCategoryName')}
        onAdd={add}
      />
    </Section>
  );
}

export function ChannelsSection(props: EditorProps) {
  const { t, locale, method, usage } = props;
  const channels = resolveChannels(method);
  const [offline, setOffline] = useState(false);
  const add = (name: string) =>
    taken(
      t,
      channels.map((c) => channelName(c, locale)),
      name,
      'catChannelWord',
    ) ?? addition(t, CHANNEL_LIST, { id: crypto.randomUUID(), name, offline, hidden: false }, name);
  return (
    <Section id="method-channels" title={t('catChannels')} help={t('catChannelsHelp')}>
      <MethodTable
        t={t}
        class="channels"
        caption={
          <>
            {t('catChannels')}{' '}
            <span class="muted">({t('catChannelCount', { n: channels.length })})</span>
          </>
        }
        hiddenCaption
        columns={[
          [t('mpName'), 'col-name'],
          [t('catOffline'), 'col-flag'],
          [t('mpHidden'), 'col-flag'],
        ]}
      >
        {channels.map((channel) => {
          const entry = entryActions(props, CHANNEL_LIST, channel);
          return (
            <EntryRow
              key={channel.id}
              t={t}
              locale={locale}
              entry={entry}
              stored={channel}
              inUse={() =>
                catalogueUse(t, locale, method, usage, 'channel', channel.id, entry.name)
              }
            >
              <FlagCell
                label={t('catOfflineOf', { name: entry.name })}
                checked={channel.offline}
                onChange={(on) =>
                  entry.set(
                    { offline: on },
                    t(on ? 'catWhatOffline' : 'catWhatOnline', { name: entry.name }),
                  )
                }
              />
            </EntryRow>
          );
        })}
      </MethodTable>
      <AddForm {...props} title={t('catAddChannel')} nameLabel={t('catChannelName')} onAdd={add}>
        <Check label={t('catOfflineNew')} checked={offline} onChange={setOffline} />
      </AddForm>
    </Section>
  );
}
