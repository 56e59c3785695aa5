/**
 * The evidence list of a report: every image it shows — the compared walks' steps, then the
 * earlier waves' steps shown beside them under "Waves compared" — in walk and step order.
 */
import type { Journey, Screenshot, Step } from '../model';
import type { ReportModel } from './model';
import { reaudits } from './reaudit';

export interface EvidenceRow {
  journey: Journey;
  touchpoint: Step;
  /** 1-based position of the image among its step's images. */
  index: number;
  shot: Screenshot;
}

/**
 * One row per image the report shows, so a reader can check each image's SHA-256 against its
 * file (and the export embeds exactly these).
 */
export function evidenceRows(model: ReportModel): EvidenceRow[] {
  const shown = model.journeys.flatMap(({ journey, steps }) =>
    steps.map(({ touchpoint, screenshots }) => ({ journey, touchpoint, screenshots })),
  );
  if (!model.settings.hidden.includes('reaudit')) {
    const seen = new Set(shown.map((s) => s.touchpoint.id));
    for (const pair of reaudits(model))
      for (const stage of pair.stages)
        for (const { before } of stage.steps) {
          if (!before || seen.has(before.touchpoint.id)) continue;
          seen.add(before.touchpoint.id);
          const journey = pair.before.walks.find(
            (w) => w.journey.id === before.touchpoint.journeyId,
          )!.journey;
          shown.push({ journey, touchpoint: before.touchpoint, screenshots: before.screenshots });
        }
  }
  return shown.flatMap(({ journey, touchpoint, screenshots }) =>
    screenshots.map((shot, i) => ({ journey, touchpoint, index: i + 1, shot })),
  );
}
