/**
 * The method editor's pure rules: an audit stores a built-in only while it differs from the
 * built-in (put*), the name a typed name is stored as, which stage names are free, and the
 * ranges of weights and targets. No DOM, no Preact: tested directly.
 */
import type { Translate } from '../../lib/i18n';
import {
  LIMITS,
  type AuditMethod,
  type ChecklistTemplate,
  type Standard,
  type TouchpointType,
} from '../../lib/model';
import {
  builtinChecklist,
  builtinStandard,
  builtinType,
  STAGE_IDS,
  STAGES,
  type Labels,
  type Locale,
} from '../../lib/taxonomy';

export const NAME_MAX = LIMITS.text;
export const STAGE_MAX = LIMITS.stage;
/** A checklist item's weight: a whole number in this range. */
export const WEIGHT = { min: 1, max: 10 } as const;
/** A standard's target: more than 0, at most this. */
export const TARGET_MAX = 100_000;

export const isWeight = (weight: number): boolean =>
  Number.isInteger(weight) && weight >= WEIGHT.min && weight <= WEIGHT.max;

export const isTarget = (target: number): boolean =>
  Number.isFinite(target) && target > 0 && target <= TARGET_MAX;

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
      entry.channel === builtin.channel,
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

export function putChecklist(method: AuditMethod, entry: ChecklistTemplate): AuditMethod {
  return { ...method, checklists: put(method.checklists, entry, isBuiltinChecklistForm(entry)) };
}

export function putStandard(method: AuditMethod, entry: Standard): AuditMethod {
  return { ...method, standards: put(method.standards, entry, isBuiltinStandardForm(entry)) };
}

export function insertAt<T>(list: readonly T[], index: number, entry: T): T[] {
  return [...list.slice(0, index), entry, ...list.slice(index)];
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

/** Why a stage name cannot be used (empty, too long, or already a stage); null when it can. */
export function stageNameProblem(
  name: string,
  method: AuditMethod,
  t: Translate,
  except?: string,
): string | null {
  if (!name) return t('mpNameRequired');
  if (name.length > STAGE_MAX)
    return t('fieldTooLong', { over: name.length - STAGE_MAX, max: STAGE_MAX });
  const lower = name.toLowerCase();
  const taken = [
    ...STAGE_IDS.flatMap((id) => [id, STAGES[id].en, STAGES[id].ru]),
    ...method.stages.map((stage) => stage.name).filter((other) => other !== except),
  ].some((other) => other.toLowerCase() === lower);
  return taken ? t('mpStageExists', { name }) : null;
}
