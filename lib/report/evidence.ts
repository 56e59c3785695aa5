/** The evidence list of a report: every image of the chosen journeys, in journey and step order. */
import type { Journey, Screenshot, Step } from '../model';
import type { ReportModel } from './model';

export interface EvidenceRow {
  journey: Journey;
  touchpoint: Step;
  /** 1-based position of the image among its step's images. */
  index: number;
  shot: Screenshot;
}

/** One row per stored image, so a reader can check each image's SHA-256 against its file. */
export function evidenceRows(model: ReportModel): EvidenceRow[] {
  return model.journeys.flatMap(({ journey, steps }) =>
    steps.flatMap(({ touchpoint, screenshots }) =>
      screenshots.map((shot, i) => ({ journey, touchpoint, index: i + 1, shot })),
    ),
  );
}
