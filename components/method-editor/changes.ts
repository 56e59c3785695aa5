/**
 * The editor's change and undo plumbing. Every edit is one MethodChange, applied to the method as
 * stored right before it is saved; deletions and resets carry the change that takes them back.
 * No Preact here: the sections call these from their handlers.
 */
import type { MethodEdit, MethodUsage } from '../../lib/controllers/method';
import type { Translate } from '../../lib/i18n';
import type { AuditMethod, ChecklistItem } from '../../lib/model';
import {
  builtinChecklist,
  builtinStandard,
  builtinType,
  checklistName,
  putChecklist,
  putStandard,
  putType,
  resolveChecklists,
  resolveStandards,
  resolveTypes,
  standardName,
  storedName,
  typeName,
  type Labels,
  type Locale,
} from '../../lib/taxonomy';

/** One edit of the method: applied to the method as stored right before it is saved. */
export interface MethodChange extends MethodEdit {
  /** What was saved, for "Saved: …". */
  saved: string;
  /** The edit that takes this one back (deletions and resets). */
  undo?: MethodChange;
}

export type { MethodUsage };

export interface EditorProps {
  t: Translate;
  locale: Locale;
  method: AuditMethod;
  usage: MethodUsage;
  onChange: (change: MethodChange) => void;
  /** Says why an edit was not saved (the page shows it in its alert line). */
  onRefuse: (text: string) => void;
}

/** "Saved: …" */
export const savedText = (t: Translate, what: string) => t('mpSaved', { what });

/** A list in the method, found again in the method as stored (undefined once it is gone). */
export interface List<T> {
  key(entry: T): string;
  get(method: AuditMethod): readonly T[] | undefined;
  set(method: AuditMethod, list: T[]): AuditMethod;
}

const byId = (entry: { id: string }) => entry.id;

/** `list` with `entry` back at `index` (a deletion undone). */
const insertAt = <T>(list: readonly T[], index: number, entry: T): T[] => [
  ...list.slice(0, index),
  entry,
  ...list.slice(index),
];

/** One of the method's own lists, its entries known by `key`. */
function methodList<K extends 'types' | 'stages' | 'checklists' | 'standards'>(
  name: K,
  key: (entry: AuditMethod[K][number]) => string,
): List<AuditMethod[K][number]> {
  return {
    key,
    get: (method) => method[name],
    set: (method, list) => ({ ...method, [name]: list }),
  };
}

/** The custom stages, by name. */
export const STAGE_LIST = methodList('stages', (stage) => stage.name);

/** Adds an entry at the end of its list. */
export function addition<T>(t: Translate, list: List<T>, entry: T, name: string): MethodChange {
  return {
    saved: savedText(t, t('mpWhatAdded', { name })),
    apply: (m) => {
      const current = list.get(m);
      return current ? list.set(m, [...current, entry]) : m;
    },
  };
}

/**
 * Takes the entry keyed `key` out of its list (a reset when it is a built-in's override); the
 * undo puts it back where it stood. Null when the method does not hold it.
 */
export function removal<T>(
  t: Translate,
  list: List<T>,
  method: AuditMethod,
  key: string,
  name: string,
  reset = false,
): MethodChange | null {
  const entries = list.get(method) ?? [];
  const index = entries.findIndex((entry) => list.key(entry) === key);
  const stored = entries[index];
  if (!stored) return null;
  const holds = (entry: T) => list.key(entry) === key;
  return {
    saved: savedText(t, t(reset ? 'mpWhatReset' : 'mpWhatDeleted', { name })),
    apply: (m) => {
      const current = list.get(m);
      return current
        ? list.set(
            m,
            current.filter((entry) => !holds(entry)),
          )
        : m;
    },
    undo: {
      saved: savedText(t, t('mpWhatRestored', { name })),
      apply: (m) => {
        const current = list.get(m);
        return !current || current.some(holds) ? m : list.set(m, insertAt(current, index, stored));
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Catalogues: types, checklists and standards (built-ins the audit may change, and its own).

interface Entry {
  id: string;
  name: string;
  hidden: boolean;
}

export interface Catalogue<T extends Entry> extends List<T> {
  resolve(method: AuditMethod): T[];
  put(method: AuditMethod, entry: T): AuditMethod;
  builtin(id: string): Labels | undefined;
  name(entry: Pick<T, 'id' | 'name'>, locale: Locale): string;
}

/** A catalogue of the method, by id. */
function catalogue<K extends 'types' | 'checklists' | 'standards'>(
  name: K,
  parts: Omit<Catalogue<AuditMethod[K][number]>, keyof List<unknown>>,
): Catalogue<AuditMethod[K][number]> {
  return { ...methodList(name, byId), ...parts };
}

export const TYPES = catalogue('types', {
  resolve: resolveTypes,
  put: putType,
  builtin: builtinType,
  name: typeName,
});

export const CHECKLISTS = catalogue('checklists', {
  resolve: resolveChecklists,
  put: putChecklist,
  builtin: builtinChecklist,
  name: checklistName,
});

export const STANDARDS = catalogue('standards', {
  resolve: resolveStandards,
  put: putStandard,
  builtin: builtinStandard,
  name: standardName,
});

/** The method with the entry `id` changed as it is resolved in it (as it was once it is gone). */
function changeEntry<T extends Entry>(
  catalogue: Catalogue<T>,
  method: AuditMethod,
  id: string,
  change: (current: T) => T,
): AuditMethod {
  const current = catalogue.resolve(method).find((entry) => entry.id === id);
  return current ? catalogue.put(method, change(current)) : method;
}

/** The questions of one checklist as resolved (a built-in's are stored with the whole template). */
export const itemList = (templateId: string): List<ChecklistItem> => ({
  key: byId,
  get: (method) => CHECKLISTS.resolve(method).find((entry) => entry.id === templateId)?.items,
  set: (method, items) =>
    changeEntry(CHECKLISTS, method, templateId, (current) => ({ ...current, items })),
});

/** Why a step's entry cannot be deleted: the first step that uses it (undefined when none). */
export function stepUse(
  t: Translate,
  usage: MethodUsage,
  name: string,
  uses: (step: MethodUsage['steps'][number]) => boolean,
): string | undefined {
  const user = usage.steps.find(uses);
  return user && t('mpInUseStep', { name, n: user.seq, journey: user.journey });
}

/** The edits of one entry of a catalogue, each sent to `onChange` (or refused). */
export interface EntryActions<T> {
  /** The name as shown. */
  name: string;
  builtin: Labels | undefined;
  /** A built-in the audit stores a change of (it can be reset). */
  changed: boolean;
  /** Changes the entry as resolved when the edit is saved (nothing once it is gone). */
  edit(change: (current: T) => T, what: string): void;
  set(next: Partial<T>, what: string): void;
  /** "Name: field → value", for `saved`. */
  field(label: string, value: string | number): string;
  rename(text: string): void;
  hide(hidden: boolean): void;
  /** Deletes an entry of the audit's own (refused while `inUse` says why), or resets a built-in. */
  remove(inUse: () => string | undefined): void;
}

export function entryActions<T extends Entry>(
  props: Omit<EditorProps, 'usage'>,
  catalogue: Catalogue<T>,
  entry: T,
): EntryActions<T> {
  const { t, locale, method, onChange, onRefuse } = props;
  const name = catalogue.name(entry, locale);
  const builtin = catalogue.builtin(entry.id);
  const edit = (change: (current: T) => T, what: string) =>
    onChange({
      saved: savedText(t, what),
      apply: (m) => changeEntry(catalogue, m, entry.id, change),
    });
  const set = (next: Partial<T>, what: string) =>
    edit((current) => ({ ...current, ...next }), what);
  return {
    name,
    builtin,
    changed: !!builtin && !!catalogue.get(method)?.some((other) => other.id === entry.id),
    edit,
    set,
    field: (label: string, value: string | number) =>
      t('mpWhatField', { name, field: label, value }),
    rename(text: string) {
      const stored = storedName(text, builtin, locale);
      if (stored === null) return onRefuse(t('mpNameRequired'));
      const to = catalogue.name({ id: entry.id, name: stored }, locale);
      edit((current) => ({ ...current, name: stored }), t('mpWhatRenamed', { from: name, to }));
    },
    hide: (hidden: boolean) =>
      edit(
        (current) => ({ ...current, hidden }),
        t(hidden ? 'mpWhatHidden' : 'mpWhatShown', { name }),
      ),
    remove(inUse: () => string | undefined) {
      const refusal = builtin ? undefined : inUse();
      if (refusal) return onRefuse(refusal);
      const change = removal(t, catalogue, method, entry.id, name, !!builtin);
      if (change) onChange(change);
    },
  };
}
