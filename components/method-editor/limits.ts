/**
 * The method editor's limits: the lengths of names, the ranges of weights and targets, and which
 * stage names are free. No DOM, no Preact: tested directly. (What the audit stores of an edit is
 * lib/taxonomy/method-overrides.ts.)
 */
import type { Translate } from '../../lib/i18n';
import { LIMITS, type AuditMethod } from '../../lib/model';
import { STAGE_IDS, STAGES } from '../../lib/taxonomy';

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
