/**
 * The side panel's actions on the audit method of a step: checklist answers, timers and measured
 * durations, actions and ideas. Each resolves with the status text to show (or null).
 */
import type { AuditStore } from '../db';
import type { Translate } from '../i18n';
import type {
  ActionEdit,
  ActionInput,
  ActionItem,
  CheckAnswer,
  DeletedEntry,
  Step,
} from '../model';

export interface PanelMethodActions {
  answerCheck(
    step: Step,
    templateId: string,
    itemId: string,
    answer: CheckAnswer | null,
  ): Promise<null>;
  checkDetail(
    step: Step,
    templateId: string,
    itemId: string,
    detail: { comment?: string; screenshotId?: string | null },
  ): Promise<null>;
  addChecklist(step: Step, templateId: string): Promise<null>;
  startTimer(step: Step, standardId: string): Promise<string>;
  recordDuration(step: Step, standardId: string, ms: number): Promise<string>;
  excuse(step: Step, measurementId: string, excused: boolean): Promise<null>;
  deleteMeasurement(step: Step, measurementId: string): Promise<null>;
  /** Stops a running timer at the journey's last step (null: no step to stop at). */
  stopTimerAtLast(
    journeyId: string | null,
    last: Step | undefined,
    measurementId: string,
  ): Promise<string | null>;
  cancelTimer(journeyId: string | null, measurementId: string): Promise<string>;
  addAction(input: ActionInput): Promise<string>;
  updateAction(action: ActionItem, edit: ActionEdit): Promise<null>;
  deleteAction(action: ActionItem): Promise<DeletedEntry>;
}

/** The part of the store the step's method actions write. */
export type MethodStore = Pick<
  AuditStore,
  | 'answerCheck'
  | 'setStepChecklist'
  | 'startTimer'
  | 'stopTimer'
  | 'recordDuration'
  | 'excuseMeasurement'
  | 'deleteMeasurement'
  | 'addAction'
  | 'updateAction'
  | 'deleteAction'
>;

/** The method actions over the store; `t` is the panel's translator at the time of the action. */
export function methodActionsOver(store: MethodStore, t: () => Translate): PanelMethodActions {
  return {
    async answerCheck(step, templateId, itemId, answer) {
      await store.answerCheck(step.id, templateId, itemId, answer);
      return null;
    },
    async checkDetail(step, templateId, itemId, detail) {
      const current = step.checks.find((c) => c.templateId === templateId && c.itemId === itemId);
      if (current) await store.answerCheck(step.id, templateId, itemId, current.answer, detail);
      return null;
    },
    async addChecklist(step, templateId) {
      await store.setStepChecklist(step.id, templateId, true);
      return null;
    },
    async startTimer(step, standardId) {
      await store.startTimer(step.journeyId, standardId, step.id);
      return t()('timerStarted', { n: step.seq });
    },
    async recordDuration(step, standardId, ms) {
      await store.recordDuration(step.journeyId, standardId, step.id, ms);
      return t()('durationRecorded', { n: step.seq });
    },
    async excuse(step, measurementId, excused) {
      await store.excuseMeasurement(step.journeyId, measurementId, excused);
      return null;
    },
    async deleteMeasurement(step, measurementId) {
      await store.deleteMeasurement(step.journeyId, measurementId);
      return null;
    },
    async stopTimerAtLast(journeyId, last, measurementId) {
      if (!journeyId || !last) return null;
      await store.stopTimer(journeyId, measurementId, last.id);
      return t()('timerStopped', { n: last.seq });
    },
    async cancelTimer(journeyId, measurementId) {
      if (journeyId) await store.deleteMeasurement(journeyId, measurementId);
      return t()('timerCancelled');
    },
    async addAction(input) {
      const action = await store.addAction(input);
      return t()(action.kind === 'action' ? 'actionAdded' : 'ideaAdded', {
        what: action.what,
      });
    },
    async updateAction(action, edit) {
      await store.updateAction(action.id, edit);
      return null;
    },
    deleteAction: (action) => store.deleteAction(action.id),
  };
}
