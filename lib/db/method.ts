/**
 * An audit's method and what is measured against it: the method itself, checklist answers on
 * steps, timers and durations on journeys, and the actions and ideas on steps.
 */
import {
  ActionEdit,
  ActionInput,
  ActionItem,
  AuditMethod,
  type Audit,
  CheckAnswer,
  type CheckResult,
  type Journey,
  type Measurement,
  type Step,
} from '../model';
import { parse, StorePart } from './core';
import { InUseError, NotFoundError } from './errors';

/** An action or idea with where it belongs. */
export interface PlacedAction {
  action: ActionItem;
  journeyId: string;
  seq: number;
}

export class MethodRecords extends StorePart {
  /**
   * Replaces an audit's method (its changes to the built-in types, stages, checklists and
   * standards). A custom stage renamed is renamed on every step of the audit in the same
   * transaction; a custom stage removed while steps still use it is refused.
   */
  async updateMethod(
    auditId: string,
    /** The new method, or how to change the one stored (applied inside the transaction). */
    method: AuditMethod | ((current: AuditMethod) => AuditMethod),
    renamedStages: { from: string; to: string }[] = [],
  ): Promise<Audit> {
    const { db } = this;
    return this.core.modify(
      'audits',
      auditId,
      async (current, now) => {
        const checked = parse(
          AuditMethod,
          typeof method === 'function' ? method(current.method) : method,
          'method',
        );
        const journeyIds = await db.journeys.where({ auditId }).primaryKeys();
        const steps = await db.touchpoints.where('journeyId').anyOf(journeyIds).toArray();
        const renames = new Map(renamedStages.map((r) => [r.from, r.to]));
        const kept = new Set(checked.stages.map((s) => s.name));
        const removed = current.method.stages.filter((s) => !kept.has(s.name));
        for (const stage of removed) {
          const user = steps.find((step) => (renames.get(step.stage) ?? step.stage) === stage.name);
          if (user) throw new InUseError('stage', stage.name, user.seq);
        }
        await db.touchpoints.bulkPut(
          steps
            .filter((step) => renames.has(step.stage))
            .map((step) => ({ ...step, stage: renames.get(step.stage)!, updatedAt: now })),
        );
        return { method: checked };
      },
      { also: [db.journeys, db.touchpoints] },
    );
  }

  /**
   * Answers one checklist item of a step (null clears the answer). Read and written in one
   * transaction, so answers given quickly one after another never overwrite each other.
   */
  async answerCheck(
    stepId: string,
    templateId: string,
    itemId: string,
    answer: CheckAnswer | null,
    detail: { comment?: string; screenshotId?: string | null } = {},
  ): Promise<Step> {
    if (answer !== null) parse(CheckAnswer, answer, 'checklist answer');
    return this.core.modify('touchpoints', stepId, (step) => {
      const index = step.checks.findIndex(
        (c) => c.templateId === templateId && c.itemId === itemId,
      );
      const previous = step.checks[index];
      const checks = step.checks.filter((_, i) => i !== index);
      if (answer !== null) {
        // The auditor's answer replaces a page's one (and confirms it when the same), except a
        // comment or image added to an unconfirmed page answer, which keeps its mark.
        const keepsMark =
          previous?.source === 'page' &&
          previous.answer === answer &&
          (detail.comment !== undefined || detail.screenshotId !== undefined);
        const result: CheckResult = {
          templateId,
          itemId,
          answer,
          comment: detail.comment ?? previous?.comment ?? '',
          screenshotId:
            detail.screenshotId !== undefined
              ? detail.screenshotId
              : (previous?.screenshotId ?? null),
          ...(keepsMark && { source: 'page' as const, evidence: previous.evidence ?? '' }),
        };
        checks.splice(index === -1 ? checks.length : index, 0, result);
      }
      return { checks };
    });
  }

  /** Adds a checklist to a step by hand, or takes it off (its answers stay until cleared). */
  async setStepChecklist(stepId: string, templateId: string, on: boolean): Promise<Step> {
    return this.core.modify('touchpoints', stepId, (step) => ({
      checklists: on
        ? [...new Set([...step.checklists, templateId])]
        : step.checklists.filter((id) => id !== templateId),
    }));
  }

  /**
   * Starts a timer of a standard at a step (e.g. the form sent): it runs from the step's time
   * until the answering contact is logged (see `addStep`'s `stopsTimers`) or `stopTimer`.
   */
  async startTimer(
    journeyId: string,
    standardId: string,
    startStepId: string,
  ): Promise<Measurement> {
    const id = this.newId();
    let added: Measurement | undefined;
    await this.changeMeasurements(journeyId, async (list) => {
      const start = await this.db.touchpoints.get(startStepId);
      if (!start || start.journeyId !== journeyId) throw new NotFoundError('Step', startStepId);
      added = {
        id,
        standardId,
        startStepId,
        endStepId: null,
        startedAt: start.at,
        durationMs: null,
        excused: false,
      };
      return [...list, added];
    });
    return added!;
  }

  /** Stops a running timer at a step of the journey (the contact that answered). */
  async stopTimer(journeyId: string, measurementId: string, endStepId: string): Promise<void> {
    await this.changeMeasurements(journeyId, async (list) => {
      const end = await this.db.touchpoints.get(endStepId);
      if (!end || end.journeyId !== journeyId) throw new NotFoundError('Step', endStepId);
      return list.map((m) => (m.id === measurementId ? { ...m, endStepId } : m));
    });
  }

  /** Records a measured duration of a standard on one step (e.g. the phone rang 45 s). */
  async recordDuration(
    journeyId: string,
    standardId: string,
    stepId: string,
    durationMs: number,
  ): Promise<void> {
    const id = this.newId();
    await this.changeMeasurements(journeyId, async (list) => {
      const step = await this.db.touchpoints.get(stepId);
      if (!step || step.journeyId !== journeyId) throw new NotFoundError('Step', stepId);
      const existing = list.find((m) => m.standardId === standardId && m.endStepId === stepId);
      if (existing) return list.map((m) => (m === existing ? { ...m, durationMs } : m));
      const measurement: Measurement = {
        id,
        standardId,
        startStepId: null,
        endStepId: stepId,
        startedAt: step.at,
        durationMs,
        excused: false,
      };
      return [...list, measurement];
    });
  }

  /** Marks a failed measurement as not a weak link (or as one again). */
  async excuseMeasurement(journeyId: string, measurementId: string, excused: boolean) {
    await this.changeMeasurements(journeyId, async (list) =>
      list.map((m) => (m.id === measurementId ? { ...m, excused } : m)),
    );
  }

  async deleteMeasurement(journeyId: string, measurementId: string): Promise<void> {
    await this.changeMeasurements(journeyId, async (list) =>
      list.filter((m) => m.id !== measurementId),
    );
  }

  /** Changes a journey's measurements in one transaction that may also read its steps. */
  private changeMeasurements(
    journeyId: string,
    change: (list: Measurement[]) => Promise<Measurement[]>,
  ): Promise<Journey> {
    return this.core.modify(
      'journeys',
      journeyId,
      async (journey) => ({ measurements: await change(journey.measurements) }),
      { also: [this.db.touchpoints] },
    );
  }

  /** The actions and ideas of an audit's steps, each with its step's journey and position. */
  async listActions(auditId: string): Promise<PlacedAction[]> {
    const { journeys, touchpoints, actionItems } = this.db;
    return this.db.transaction('r', journeys, touchpoints, actionItems, async () => {
      // Keys only, then just the steps that have actions: a live query of this list is not
      // re-run by edits to the other steps (a thousand of them on a long journey).
      const journeyIds = await journeys.where({ auditId }).primaryKeys();
      // One key read per walk (getAllKeys), not `anyOf`, which walks a cursor a key per round trip.
      const stepIds = (
        await Promise.all(
          journeyIds.map((journeyId) => touchpoints.where({ journeyId }).primaryKeys()),
        )
      ).flat();
      const actions = await actionItems.where('touchpointId').anyOf(stepIds).sortBy('createdAt');
      const owners = await touchpoints.bulkGet([...new Set(actions.map((a) => a.touchpointId))]);
      const place = new Map(owners.filter((s): s is Step => s !== undefined).map((s) => [s.id, s]));
      return actions.flatMap((action) => {
        const step = place.get(action.touchpointId);
        return step ? [{ action, journeyId: step.journeyId, seq: step.seq }] : [];
      });
    });
  }

  async addAction(input: ActionInput): Promise<ActionItem> {
    const now = this.now();
    const action = parse(
      ActionItem,
      { ...parse(ActionInput, input, 'action'), id: this.newId(), createdAt: now, updatedAt: now },
      'action',
    );
    await this.core.write(0, () =>
      this.db.transaction('rw', this.db.touchpoints, this.db.actionItems, async () => {
        if (!(await this.db.touchpoints.get(action.touchpointId)))
          throw new NotFoundError('Step', action.touchpointId);
        await this.db.actionItems.add(action);
      }),
    );
    return action;
  }

  async updateAction(id: string, edit: ActionEdit): Promise<ActionItem> {
    const changes = parse(ActionEdit, edit, 'action edit');
    return this.core.modify('actionItems', id, () => changes);
  }
}
