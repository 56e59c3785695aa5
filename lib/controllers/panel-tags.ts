/**
 * The side panel's writes of a step's free tags (Step.tags): added from a typed text (commas
 * separate tags), each refusal said; removed one at a time. Each write is one transaction on the
 * step as stored right before it (lib/db updateTags), so two quick edits never undo each other.
 */
import type { AuditStore } from '../db';
import type { Translate } from '../i18n';
import type { Step } from '../model';
import { keptText, planTags, tagCounts, tagKey, tagPlanText, type TagPlan } from './tags';

export interface TagResult {
  /** What to say: the tags added, then each refusal and why. */
  text: string;
  /** Something typed was not added (said as an error, and kept in the field). */
  problem: boolean;
  /** The text to leave in the field: the refused tags the auditor can still fix ('' for none). */
  keep: string;
}

export interface PanelTagActions {
  /** The audit's tags, most used first (a one-off read, when the auditor is about to tag). */
  auditTags(auditId: string): Promise<{ tag: string; steps: number }[]>;
  /** Adds the tags typed (commas separate them) to the step as stored. */
  addTags(step: Step, text: string): Promise<TagResult>;
  /** Removes one tag of the step (compared without case); resolves with what to say. */
  removeTag(step: Step, tag: string): Promise<string>;
}

export function tagActionsOver(
  store: Pick<AuditStore, 'updateTags' | 'listAuditTags'>,
  t: () => Translate,
): PanelTagActions {
  return {
    async auditTags(auditId) {
      return tagCounts((await store.listAuditTags(auditId)).map((tags) => ({ tags })));
    },
    async addTags(step, text) {
      // Planned against the tags as stored at the write; nothing written when nothing is added.
      let plan: TagPlan = planTags(step.tags ?? [], text);
      if (plan.add.length > 0) {
        await store.updateTags(step.id, (current) => {
          plan = planTags(current, text);
          return [...current, ...plan.add];
        });
      }
      return { ...tagPlanText(plan, step.seq, t()), keep: keptText(plan) };
    },
    async removeTag(step, tag) {
      const key = tagKey(tag);
      await store.updateTags(step.id, (current) =>
        current.filter((other) => tagKey(other) !== key),
      );
      return t()('tagRemoved', { tag, n: step.seq });
    },
  };
}
