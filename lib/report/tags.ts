/**
 * The report's steps by tag (section `tags`): each tag of the compared walks' steps with the
 * steps that carry it, their mean experience per brand and the weak links among them. Tags
 * compare without case (lib/controllers/tags). Pure.
 */
import { tagCounts, tagKey } from '../metrics/tags';
import type { ReportModel, ReportStep } from './model';

export interface TaggedStep {
  step: ReportStep;
  brandId: string;
  journeyId: string;
  weak: boolean;
}

export interface TagBrandCell {
  brandId: string;
  /** Tagged steps of the brand. */
  steps: number;
  /** Of them, scored for experience. */
  scored: number;
  /** Mean experience (1–5) of the scored ones; null when none is scored. */
  experience: number | null;
  weak: number;
}

export interface TagGroup {
  tag: string;
  steps: TaggedStep[];
  /** One cell per brand of the report, in its order. */
  brands: TagBrandCell[];
  weak: number;
}

/** The tags of the report's walks, most used first, each with its steps and figures per brand. */
export function tagGroups(model: Pick<ReportModel, 'journeys' | 'brands'>): TagGroup[] {
  const tagged: TaggedStep[] = model.journeys.flatMap((walk) =>
    walk.steps
      .filter((step) => (step.touchpoint.tags ?? []).length > 0)
      .map((step) => ({
        step,
        brandId: walk.brand.id,
        journeyId: walk.journey.id,
        weak: step.reasons.length > 0,
      })),
  );
  return tagCounts(tagged.map((s) => s.step.touchpoint)).map(({ tag }) => {
    const key = tagKey(tag);
    const steps = tagged.filter((s) =>
      (s.step.touchpoint.tags ?? []).some((x) => tagKey(x) === key),
    );
    return {
      tag,
      steps,
      brands: model.brands.map(({ id }) => {
        const own = steps.filter((s) => s.brandId === id);
        const scores = own
          .map((s) => s.step.touchpoint.experience)
          .filter((x): x is number => x !== null);
        return {
          brandId: id,
          steps: own.length,
          scored: scores.length,
          experience: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
          weak: own.filter((s) => s.weak).length,
        };
      }),
      weak: steps.filter((s) => s.weak).length,
    };
  });
}
