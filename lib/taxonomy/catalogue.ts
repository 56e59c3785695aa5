/**
 * Mann's categories and the channels of an audit: the built-in ones as the audit changed them
 * (renamed, hidden) then its own (docs/decisions/0004). Labels resolve through the audit's method;
 * an id the method does not define (an entry deleted, a bundle from elsewhere) reads as an
 * "unknown" label, never a crash. Without a method, the built-in labels. Pure.
 */
import type { AuditMethod, CategoryEntry, ChannelEntry } from '../model';
import {
  CATEGORIES,
  CATEGORY_IDS,
  CHANNEL_IDS,
  CHANNELS,
  type CategoryId,
  type ChannelId,
  type Labels,
  type Locale,
} from './stages-and-channels';

/** What a label lookup needs of a method: its categories and channels (as stored or resolved). */
export interface CatalogueSource {
  readonly categories?: readonly CategoryEntry[];
  readonly channels?: readonly ChannelEntry[];
}

/** Shown for a category or channel id its audit's method does not define. */
export const UNKNOWN_CATEGORY: Labels = { en: 'Unknown category', ru: 'Неизвестная категория' };
export const UNKNOWN_CHANNEL: Labels = { en: 'Unknown channel', ru: 'Неизвестный канал' };

export const isBuiltinCategory = (id: string): id is CategoryId => Object.hasOwn(CATEGORIES, id);
export const isBuiltinChannel = (id: string): id is ChannelId => Object.hasOwn(CHANNELS, id);
export const builtinCategory = (id: string): Labels | undefined =>
  isBuiltinCategory(id) ? CATEGORIES[id] : undefined;
export const builtinChannel = (id: string): (Labels & { offline: boolean }) | undefined =>
  isBuiltinChannel(id) ? CHANNELS[id] : undefined;

/** Built-ins in their order (each as the audit changed it), then the audit's own, in its order. */
function resolve<T extends { id: string }>(
  builtinIds: readonly string[],
  own: readonly T[] | undefined,
  fromBuiltin: (id: string) => T,
): T[] {
  const byId = new Map<string, T>();
  for (const entry of own ?? []) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  const builtins = new Set(builtinIds);
  return [
    ...builtinIds.map((id) => byId.get(id) ?? fromBuiltin(id)),
    ...[...byId.values()].filter((entry) => !builtins.has(entry.id)),
  ];
}

/** The audit's categories: built-ins (as changed) then its own; hidden ones included. */
export function resolveCategories(method: CatalogueSource | undefined): CategoryEntry[] {
  return resolve(CATEGORY_IDS, method?.categories, (id) => ({ id, name: '', hidden: false }));
}

/** The audit's channels: built-ins (as changed) then its own; hidden ones included. */
export function resolveChannels(method: CatalogueSource | undefined): ChannelEntry[] {
  return resolve(CHANNEL_IDS, method?.channels, (id) => ({
    id,
    name: '',
    offline: CHANNELS[id as ChannelId].offline,
    hidden: false,
  }));
}

const findIn = <T extends { id: string }>(list: readonly T[] | undefined, id: string) =>
  list?.find((entry) => entry.id === id);

/** A category's name: the audit's wording, else the built-in one, else "Unknown category". */
export function categoryName(entry: Pick<CategoryEntry, 'id' | 'name'>, locale: Locale): string {
  return entry.name.trim() || builtinCategory(entry.id)?.[locale] || UNKNOWN_CATEGORY[locale];
}

/** A channel's name: the audit's wording, else the built-in one, else "Unknown channel". */
export function channelName(entry: Pick<ChannelEntry, 'id' | 'name'>, locale: Locale): string {
  return entry.name.trim() || builtinChannel(entry.id)?.[locale] || UNKNOWN_CHANNEL[locale];
}

/** Label of a category id, through the audit's method when given (built-in labels otherwise). */
export function categoryLabel(id: string, locale: Locale, method?: CatalogueSource): string {
  return categoryName(findIn(method?.categories, id) ?? { id, name: '' }, locale);
}

/** Label of a channel id, through the audit's method when given (built-in labels otherwise). */
export function channelLabel(id: string, locale: Locale, method?: CatalogueSource): string {
  return channelName(findIn(method?.channels, id) ?? { id, name: '' }, locale);
}

/** Whether contacts in a channel are offline (a call, a letter); an unknown channel counts as offline. */
export function isOfflineChannel(id: string, method?: CatalogueSource): boolean {
  return findIn(method?.channels, id)?.offline ?? builtinChannel(id)?.offline ?? true;
}

/** Whether the method defines the id (a built-in always is; hidden ones are defined too). */
export const definesCategory = (method: CatalogueSource | undefined, id: string): boolean =>
  isBuiltinCategory(id) || !!findIn(method?.categories, id);
export const definesChannel = (method: CatalogueSource | undefined, id: string): boolean =>
  isBuiltinChannel(id) || !!findIn(method?.channels, id);

export interface CatalogueChoice {
  value: string;
  label: string;
}

/**
 * Choices for a field: the entries not hidden, plus `current` (hidden, or unknown to the method)
 * so a value in use is still shown where it is used.
 */
function choices<T extends { id: string; name: string; hidden: boolean }>(
  entries: readonly T[],
  name: (entry: { id: string; name: string }) => string,
  current: string | undefined,
  keep: (entry: T) => boolean = () => true,
): CatalogueChoice[] {
  const shown = entries.filter((entry) => entry.id === current || (!entry.hidden && keep(entry)));
  const list = shown.map((entry) => ({ value: entry.id, label: name(entry) }));
  return current === undefined || list.some((c) => c.value === current)
    ? list
    : [...list, { value: current, label: name({ id: current, name: '' }) }];
}

/** The categories offered for a field (hidden ones only when `current` is one of them). */
export function categoryChoices(
  method: CatalogueSource | undefined,
  locale: Locale,
  current?: string,
): CatalogueChoice[] {
  return choices(resolveCategories(method), (e) => categoryName(e, locale), current);
}

/** The channels offered for a field (hidden ones only when `current` is one); `offline`: only those. */
export function channelChoices(
  method: CatalogueSource | undefined,
  locale: Locale,
  current?: string,
  only?: { offline: boolean },
): CatalogueChoice[] {
  return choices(
    resolveChannels(method),
    (e) => channelName(e, locale),
    current,
    only ? (e) => e.offline === only.offline : undefined,
  );
}

/** Sort key of a channel in an audit (built-ins in their order, then its own); unknown ones last. */
export function channelOrder(id: string, method: CatalogueSource | undefined): number {
  const list = resolveChannels(method);
  const index = list.findIndex((entry) => entry.id === id);
  return index === -1 ? list.length : index;
}

/** The method with a category stored as given (dropped when it is the built-in as it ships). */
export function putCategory(method: AuditMethod, entry: CategoryEntry): AuditMethod {
  const ships = isBuiltinCategory(entry.id) && entry.name.trim() === '' && !entry.hidden;
  return withCategories(method, put(method.categories ?? [], entry, ships));
}

/** The method with a channel stored as given (dropped when it is the built-in as it ships). */
export function putChannel(method: AuditMethod, entry: ChannelEntry): AuditMethod {
  const builtin = builtinChannel(entry.id);
  const ships =
    !!builtin && entry.name.trim() === '' && !entry.hidden && entry.offline === builtin.offline;
  return withChannels(method, put(method.channels ?? [], entry, ships));
}

function put<T extends { id: string }>(list: readonly T[], entry: T, drop: boolean): T[] {
  if (drop) return list.filter((other) => other.id !== entry.id);
  const index = list.findIndex((other) => other.id === entry.id);
  return index === -1 ? [...list, entry] : list.map((other, i) => (i === index ? entry : other));
}

/** The stored method with its categories (or channels) as given; an empty list is left out. */
export function withCategories(method: AuditMethod, categories: CategoryEntry[]): AuditMethod {
  const rest = { ...method };
  delete rest.categories;
  return categories.length ? { ...rest, categories } : rest;
}
export function withChannels(method: AuditMethod, channels: ChannelEntry[]): AuditMethod {
  const rest = { ...method };
  delete rest.channels;
  return channels.length ? { ...rest, channels } : rest;
}

/**
 * Entries grouped by category, in the audit's category order (hidden categories too: their
 * entries are still in use); entries of a category the method does not define come last, each
 * group under its "Unknown category" label. Empty groups are left out.
 */
export function byCategory<T>(
  entries: readonly T[],
  categoryOf: (entry: T) => string,
  method: CatalogueSource | undefined,
  locale: Locale,
): { id: string; label: string; entries: T[] }[] {
  const known = resolveCategories(method);
  const ids = [
    ...known.map((entry) => entry.id),
    ...new Set(entries.map(categoryOf).filter((id) => !known.some((entry) => entry.id === id))),
  ];
  return ids
    .map((id) => ({
      id,
      label: categoryLabel(id, locale, { categories: known }),
      entries: entries.filter((entry) => categoryOf(entry) === id),
    }))
    .filter((group) => group.entries.length > 0);
}
