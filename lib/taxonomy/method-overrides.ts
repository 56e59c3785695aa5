/**
 * How an audit stores its method (lib/model/method.ts): only what differs from the built-in
 * method. A built-in entry edited back to its built-in form leaves the audit's lists, and a name
 * typed as the built-in wording is stored as '' (the built-in wording, in every language). Pure.
 */
import type { AuditMethod, ChecklistTemplate, Standard, TouchpointType } from '../model';
import type { Labels, Locale } from './stages-and-channels';
import { builtinChecklist, builtinStandard, builtinType } from './method';

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value) => b.includes(value));

/** Whether an entry is its built-in as it ships: built-in wording, not hidden, `same` fields. */
function ships<B>(
  entry: { name: string; hidden: boolean },
  builtin: B | undefined,
  same: (builtin: B) => boolean,
): boolean {
  return !!builtin && entry.name.trim() === '' && !entry.hidden && same(builtin);
}

const isBuiltinForm = (entry: TouchpointType) =>
  ships(
    entry,
    builtinType(entry.id),
    (builtin) =>
      entry.category === builtin.category &&
      entry.stage === builtin.stage &&
      entry.channel === builtin.channel &&
      entry.owner === undefined,
  );

/** A checklist's types and stages compare as sets, its items in order. */
const isBuiltinChecklistForm = (entry: ChecklistTemplate) =>
  ships(
    entry,
    builtinChecklist(entry.id),
    (builtin) =>
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
      }),
  );

const isBuiltinStandardForm = (entry: Standard) =>
  ships(
    entry,
    builtinStandard(entry.id),
    (builtin) =>
      entry.target === builtin.target &&
      entry.unit === builtin.unit &&
      entry.measure === builtin.measure &&
      sameSet(entry.answerChannels, builtin.answerChannels),
  );

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

/** The method with a checklist stored as given (or dropped when it is the built-in as it ships). */
export function putChecklist(method: AuditMethod, entry: ChecklistTemplate): AuditMethod {
  return { ...method, checklists: put(method.checklists, entry, isBuiltinChecklistForm(entry)) };
}

/** The method with a standard stored as given (or dropped when it is the built-in as it ships). */
export function putStandard(method: AuditMethod, entry: Standard): AuditMethod {
  return { ...method, standards: put(method.standards, entry, isBuiltinStandardForm(entry)) };
}

/**
 * The name to store for a typed name: '' (the built-in wording) when a built-in's name is
 * cleared or typed as its built-in wording; null when a name is required and missing.
 */
export function storedName(
  text: string,
  builtin: Labels | undefined,
  locale: Locale,
): string | null {
  const name = text.trim();
  if (builtin && (name === '' || name === builtin[locale])) return '';
  return name === '' ? null : name;
}
