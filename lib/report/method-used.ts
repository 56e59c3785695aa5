/**
 * What the report's method section states, from the report model (pure): when each journey was
 * walked, and which of the method's standards and checklists the chosen journeys used.
 */
import type { ChecklistTemplate, Journey, Standard } from '../model';
import type { ReportModel } from './model';

export interface MethodUsed {
  /** Each journey, from its first to its last step (without steps: its creation, and its end). */
  walks: { journey: Journey; first: number; last: number }[];
  /** Standards measured on any chosen journey, in the method's order. */
  standards: Standard[];
  /** Checklists answered on any chosen step, in the method's order. */
  checklists: ChecklistTemplate[];
}

export function methodUsed(model: ReportModel): MethodUsed {
  const measured = new Set(
    model.journeys.flatMap((j) => j.measurements.map((r) => r.measurement.standardId)),
  );
  const answered = new Set(
    model.journeys.flatMap((j) =>
      j.steps.flatMap((s) => s.touchpoint.checks.map((check) => check.templateId)),
    ),
  );
  return {
    walks: model.journeys.map(({ journey, steps }) => {
      const times = steps.map((s) => s.touchpoint.at);
      const first = times.length ? Math.min(...times) : journey.createdAt;
      const last = times.length ? Math.max(...times) : (journey.finishedAt ?? first);
      return { journey, first, last };
    }),
    standards: model.method.standards.filter((s) => measured.has(s.id)),
    checklists: model.method.checklists.filter((c) => answered.has(c.id)),
  };
}
