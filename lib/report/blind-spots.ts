/**
 * Expected against found (Aaker, step 2), pure: per target (a stage, or a touchpoint type) the
 * experience the client's managers expected (Audit.expectations, the mean of their values) against
 * the experience the walks found for the OWN brand in the compared wave, pooled as the scorecard
 * pools a stage (each walk's mean of its scored steps there, then the mean of the walks: each walk
 * weighs the same; see summary.ts stageScore).
 *
 * The blind-spot matrix splits both axes at 3 on the 1–5 scale: "high" is above 3 (a 3 is "so-so",
 * not "fine"). Expected high and found not high is the blind spot: "we think it is fine; the
 * customer does not".
 */
import type { Translate } from '../i18n';
import { averageOf } from '../metrics';
import type { Expectation, TouchpointType } from '../model';
import { methodStageOrder, stageLabel, typeName, type Locale } from '../taxonomy';
import type { ReportBrand, ReportModel, ReportStep } from './model';

/** Where the matrix splits "high" from "low" (a value must be above it to be high). */
export const BLIND_SPOT_SPLIT = 3;

export type ExpectationTarget = Expectation['target'];

/**
 * blind-spot: expected high, found low ("we think it is fine; the customer does not");
 * strength: both high; known-weakness: both low; surprise: expected low, found high.
 */
export type Quadrant = 'blind-spot' | 'strength' | 'known-weakness' | 'surprise';

export interface BlindSpotRow {
  /** 'stage:<stage>' or 'type:<typeId>': one row per target. */
  key: string;
  target: ExpectationTarget;
  /** The mean of the managers' values (1–5). */
  expected: number;
  /** How many expectations the mean is of. */
  n: number;
  /** Who expected it (names given, each once, in order of entry). */
  by: string[];
  /** The own brand's experience there (null: not walked, or walked but not scored). */
  found: number | null;
  /** The own brand's steps there in the compared wave (0: not walked). */
  steps: number;
  /** Of its walks, how many reached the target. */
  walks: number;
  /** expected − found (> 0: the customer found it worse than the managers think); null: no found. */
  gap: number | null;
  quadrant: Quadrant | null;
}

export interface BlindSpots {
  /** The own brand the found values are of (null: none in the comparison). */
  own: ReportBrand | null;
  /** Every target with an expectation, in the method's order (stages, then types by name key). */
  rows: BlindSpotRow[];
  /** The rows with a gap, largest first, then the targets not walked or not scored. */
  gaps: BlindSpotRow[];
}

export function targetKey(target: ExpectationTarget): string {
  return target.kind === 'stage' ? `stage:${target.stage}` : `type:${target.typeId}`;
}

/** The quadrant of an expected and a found value (both 1–5). */
export function quadrantOf(expected: number, found: number): Quadrant {
  const expectedHigh = expected > BLIND_SPOT_SPLIT;
  const foundHigh = found > BLIND_SPOT_SPLIT;
  if (expectedHigh) return foundHigh ? 'strength' : 'blind-spot';
  return foundHigh ? 'surprise' : 'known-weakness';
}

/** Each walk's mean experience of `steps`, then the mean of the walks (null: none scored). */
export function pooledExperience(steps: readonly ReportStep[]): number | null {
  const byWalk = new Map<string, (number | null)[]>();
  for (const s of steps)
    byWalk.set(s.touchpoint.journeyId, [
      ...(byWalk.get(s.touchpoint.journeyId) ?? []),
      s.touchpoint.experience,
    ]);
  return averageOf([...byWalk.values()].map(averageOf));
}

const matches = (target: ExpectationTarget) => (s: ReportStep) =>
  target.kind === 'stage'
    ? s.touchpoint.stage === target.stage
    : s.touchpoint.typeId === target.typeId;

export function blindSpots(model: Pick<ReportModel, 'audit' | 'brands' | 'method'>): BlindSpots {
  const own = model.brands.find((b) => b.brand.role === 'own') ?? null;
  const grouped = new Map<string, Expectation[]>();
  for (const e of model.audit.expectations ?? [])
    grouped.set(targetKey(e.target), [...(grouped.get(targetKey(e.target)) ?? []), e]);
  const method = model.audit.method;
  const typeIndex = new Map(model.method.types.map((type, i) => [type.id, i]));
  const order = (target: ExpectationTarget): [number, number] =>
    target.kind === 'stage'
      ? [0, methodStageOrder(target.stage, method)]
      : [1, typeIndex.get(target.typeId) ?? typeIndex.size];
  const rows = [...grouped.entries()]
    .map(([key, list]): BlindSpotRow => {
      const target = list[0]!.target;
      const steps = own ? own.steps.filter(matches(target)) : [];
      const expected = averageOf(list.map((e) => e.experience))!;
      const found = pooledExperience(steps);
      const by = [...new Set(list.map((e) => e.by.trim()).filter(Boolean))];
      return {
        key,
        target,
        expected,
        n: list.length,
        by,
        found,
        steps: steps.length,
        walks: new Set(steps.map((s) => s.touchpoint.journeyId)).size,
        gap: found === null ? null : expected - found,
        quadrant: found === null ? null : quadrantOf(expected, found),
      };
    })
    .sort((a, b) => {
      const [ka, ia] = order(a.target);
      const [kb, ib] = order(b.target);
      return ka - kb || ia - ib || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    });
  const gaps = [
    ...rows.filter((r) => r.gap !== null).sort((a, b) => b.gap! - a.gap!),
    ...rows.filter((r) => r.gap === null),
  ];
  return { own, rows, gaps };
}

/** The largest blind spot (expected high, found low), or null when there is none. */
export function largestBlindSpot(spots: BlindSpots): BlindSpotRow | null {
  return spots.gaps.find((r) => r.quadrant === 'blind-spot') ?? null;
}

/** A target's name: the stage's, or the type's marked as a type (a deleted type by its id). */
export function targetName(
  target: ExpectationTarget,
  types: readonly TouchpointType[],
  locale: Locale,
  t: Translate,
): string {
  if (target.kind === 'stage') return stageLabel(target.stage, locale);
  const type = types.find((entry) => entry.id === target.typeId);
  return type
    ? t('bsTypeTarget', { name: typeName(type, locale) })
    : t('bsUnknownType', { id: target.typeId });
}
