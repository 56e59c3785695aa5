/**
 * Free tags of steps (Step.tags): what a typed text adds to a step's tags, and what it refuses
 * and why (a duplicate, one over the length or count limit), so nothing is dropped silently; the
 * audit's tags offered while typing; the filter of the step list. Pure.
 */
import type { Translate } from '../i18n';
import { LIMITS } from '../model';
import { tagKey } from '../metrics/tags';

export { hasTag, tagCounts, tagKey } from '../metrics/tags';

/** What a typed text does to a step's tags. */
export interface TagPlan {
  /** Tags to add, in the order typed, trimmed. */
  add: string[];
  /** Tags the step already has (compared without case): not added again. */
  duplicates: string[];
  /** Tags typed twice in the text: added once. */
  twice: string[];
  /** Tags over the length limit: not added. */
  tooLong: string[];
  /** Tags beyond the count limit of a step: not added. */
  tooMany: string[];
}

/**
 * Splits a typed text on commas (a comma separates tags; a tag never holds one), trims each part
 * and plans what to add to `existing`. Empty parts ("a,,b", a trailing comma) hold nothing.
 */
export function planTags(
  existing: readonly string[],
  text: string,
  limits: { length: number; count: number } = { length: LIMITS.tag, count: LIMITS.tags },
): TagPlan {
  const plan: TagPlan = { add: [], duplicates: [], twice: [], tooLong: [], tooMany: [] };
  const have = new Set(existing.map(tagKey));
  const adding = new Set<string>();
  for (const part of text.split(',')) {
    const tag = part.trim();
    if (!tag) continue;
    const key = tagKey(tag);
    if (have.has(key)) plan.duplicates.push(tag);
    else if (adding.has(key)) plan.twice.push(tag);
    else if (tag.length > limits.length) plan.tooLong.push(tag);
    else if (existing.length + plan.add.length >= limits.count) plan.tooMany.push(tag);
    else {
      adding.add(key);
      plan.add.push(tag);
    }
  }
  return plan;
}

/** The text left in the field after adding: the refused tags the auditor can still fix. */
export function keptText(plan: TagPlan): string {
  return [...plan.tooLong, ...plan.tooMany].join(', ');
}

const quoted = (tags: readonly string[]) => tags.map((tag) => `“${tag}”`).join(', ');

/**
 * What to say about a plan carried out on step `seq`: what was added, then each refusal with
 * its reason. `problem` is true when something typed was not added (the field says it as an error).
 */
export function tagPlanText(
  plan: TagPlan,
  seq: number,
  t: Translate,
): { text: string; problem: boolean } {
  const parts: string[] = [];
  if (plan.add.length === 1) parts.push(t('tagAdded', { n: seq, tags: quoted(plan.add) }));
  if (plan.add.length > 1) parts.push(t('tagsAdded', { n: seq, tags: quoted(plan.add) }));
  for (const tag of plan.duplicates) parts.push(t('tagDuplicate', { n: seq, tag }));
  for (const tag of plan.twice) parts.push(t('tagTwice', { tag }));
  for (const tag of plan.tooLong)
    parts.push(t('tagTooLong', { tag, length: tag.length, max: LIMITS.tag }));
  if (plan.tooMany.length)
    parts.push(t('tagTooMany', { max: LIMITS.tags, tags: quoted(plan.tooMany) }));
  const problem =
    plan.duplicates.length + plan.twice.length + plan.tooLong.length + plan.tooMany.length > 0;
  return {
    text: parts.length ? parts.join(' ') : t('tagEmpty'),
    problem: problem || !parts.length,
  };
}
