/**
 * Calibration in the report (pure): pairs of walks of the compared wave by two different auditors
 * on the same brand and task (their steps paired by stage and type), and each compared walk with
 * its blind scorings by other auditors (the same steps, paired by position), each pair compared
 * step by step (lib/metrics calibrate).
 */
import { calibrate, pairStepsBySeq, type Calibration } from '../metrics';
import { brandNameKey } from '../model';
import type { ReportJourney, ReportModel, ReportStep } from './model';

/** Two walks of one brand and task by different auditors, and how far they agree. */
export interface CalibrationPair {
  /**
   * walks: two walks of one brand and task (A the earlier); blind: a walk (A) and its blind
   * scoring by another auditor (B): the same steps, B not seeing A's scores.
   */
  mode: 'walks' | 'blind';
  /** The earlier walk (auditor A) and the later one (auditor B). */
  a: ReportJourney;
  b: ReportJourney;
  calibration: Calibration;
  /** The steps of both walks by id (the disagreements name them). */
  steps: ReadonlyMap<string, ReportStep>;
}

/** Task as compared: trimmed, runs of space as one, case ignored. */
const taskKey = (task: string) => brandNameKey(task);

const toStep = (s: ReportStep) => s.touchpoint;
const stepsOf = (a: ReportJourney, b: ReportJourney) =>
  new Map([...a.steps, ...b.steps].map((s) => [s.touchpoint.id, s]));

/**
 * Every pair of the report's walks (the compared wave, the chosen segment) with the same brand,
 * the same task (spacing and case ignored) and two different named auditors (case ignored; a
 * walk with no auditor is in no pair: who walked it is unknown), in the report's walk order; then
 * each blind scoring (`blindWalks`) with the walk it scores, steps paired by position, in the
 * order the blind scorings were made.
 */
export function calibrationPairs(
  model: Pick<ReportModel, 'journeys' | 'blindWalks'>,
): CalibrationPair[] {
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
      pairs.push({
        mode: 'walks',
        a,
        b,
        calibration: calibrate({ steps: a.steps.map(toStep) }, { steps: b.steps.map(toStep) }),
        steps: stepsOf(a, b),
      });
    }
  });
  const byId = new Map(walks.map((w) => [w.journey.id, w]));
  for (const b of model.blindWalks) {
    const a = byId.get(b.journey.blindOf ?? '');
    if (!a) continue;
    pairs.push({
      mode: 'blind',
      a,
      b,
      calibration: calibrate(
        { steps: a.steps.map(toStep) },
        { steps: b.steps.map(toStep) },
        pairStepsBySeq,
      ),
      steps: stepsOf(a, b),
    });
  }
  return pairs;
}
