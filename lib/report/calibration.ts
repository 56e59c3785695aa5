/**
 * Calibration in the report (pure): pairs of walks of the compared wave by two different auditors
 * on the same brand and task, each pair compared step by step (lib/metrics calibrate). Comparing
 * steps both auditors scored blind in a shared bundle is not done here.
 */
import { calibrate, type Calibration } from '../metrics';
import { brandNameKey } from '../model';
import type { ReportJourney, ReportModel, ReportStep } from './model';

/** Two walks of one brand and task by different auditors, and how far they agree. */
export interface CalibrationPair {
  /** The earlier walk (auditor A) and the later one (auditor B). */
  a: ReportJourney;
  b: ReportJourney;
  calibration: Calibration;
  /** The steps of both walks by id (the disagreements name them). */
  steps: ReadonlyMap<string, ReportStep>;
}

/** Task as compared: trimmed, runs of space as one, case ignored. */
const taskKey = (task: string) => brandNameKey(task);

/**
 * Every pair of the report's walks (the compared wave, the chosen segment) with the same brand,
 * the same task (spacing and case ignored) and two different named auditors (case ignored; a
 * walk with no auditor is in no pair: who walked it is unknown). Pairs in the report's walk order.
 */
export function calibrationPairs(model: Pick<ReportModel, 'journeys'>): CalibrationPair[] {
  const walks = [...model.journeys].sort(
    (x, y) => x.journey.createdAt - y.journey.createdAt || (x.journey.id < y.journey.id ? -1 : 1),
  );
  const pairs: CalibrationPair[] = [];
  walks.forEach((a, i) => {
    for (const b of walks.slice(i + 1)) {
      const auditorA = brandNameKey(a.journey.auditor);
      const auditorB = brandNameKey(b.journey.auditor);
      if (
        a.brand.id !== b.brand.id ||
        taskKey(a.journey.task) !== taskKey(b.journey.task) ||
        !auditorA ||
        !auditorB ||
        auditorA === auditorB
      )
        continue;
      const toStep = (s: ReportStep) => s.touchpoint;
      pairs.push({
        a,
        b,
        calibration: calibrate({ steps: a.steps.map(toStep) }, { steps: b.steps.map(toStep) }),
        steps: new Map([...a.steps, ...b.steps].map((s) => [s.touchpoint.id, s])),
      });
    }
  });
  return pairs;
}
