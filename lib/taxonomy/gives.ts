/**
 * What a touch sells the customer at each stage ("at each stage we sell something specific: the
 * idea, the need, the product or service, its value and price" — seeds/001). The six values'
 * words, the built-in choice per built-in stage, and the choice of an audit (AuditMethod.gives).
 *
 * The defaults follow the seed's funnel ("at the first stage we sell the idea … at the second we
 * explain the difference, to show its features … at the third we sell the company, the consultant
 * and the project … having accepted the value and the price the client is ready to sign"), and
 * its advice after the sale ("make sure the client is satisfied, ask for a review"):
 * - first mention → the idea (what it is at all and what it gives);
 * - information gathering → the need (why this kind of solution, what sets it apart);
 * - contact / communication → the company (why us, why this person);
 * - offer → the product (what exactly is offered);
 * - contract → the value (what the client gets for the money, accepted before signing);
 * - payment → the price (the price paid, as promised);
 * - delivery → the product (the product itself, as promised);
 * - onboarding → the value (the client starts getting what they paid for);
 * - support → the company (trust: the company stands behind what it sold);
 * - repeat purchase → the need (a new need, met by the same brand);
 * - feedback / NPS → the value (the client confirms it and tells others);
 * - cancellation → the value (the reasons asked; win-back offers the value again);
 * - closing documents → the company (orderly to the last paper);
 * - settlement → the price (the money settled as agreed).
 * A custom stage has no built-in choice.
 */
import type { AuditMethod, Gives } from '../model';
import type { Labels, Locale, StageId } from './stages-and-channels';
import { isStageId } from './stages-and-channels';

export type { Gives };

/** The six values, in the order the seed sells them. */
export const GIVES_LABELS = {
  idea: { en: 'the idea', ru: 'идея' },
  need: { en: 'the need', ru: 'потребность' },
  company: { en: 'the company', ru: 'компания' },
  product: { en: 'the product', ru: 'продукт' },
  value: { en: 'its value', ru: 'ценность' },
  price: { en: 'its price', ru: 'стоимость' },
} as const satisfies Record<Gives, Labels>;

/** The six values in that order (the choices of a select). */
export const GIVES_ORDER = Object.keys(GIVES_LABELS) as Gives[];

/** The built-in choice of each built-in stage (see the file's comment for why). */
export const DEFAULT_GIVES = {
  'first-mention': 'idea',
  information: 'need',
  contact: 'company',
  offer: 'product',
  contract: 'value',
  payment: 'price',
  delivery: 'product',
  onboarding: 'value',
  support: 'company',
  'repeat-purchase': 'need',
  feedback: 'value',
  cancellation: 'value',
  documents: 'company',
  settlement: 'price',
} as const satisfies Record<StageId, Gives>;

/** The built-in choice of a stage (null: a custom stage, which has none). */
export function defaultGives(stage: string): Gives | null {
  return isStageId(stage) ? DEFAULT_GIVES[stage] : null;
}

/** What a stage gives in an audit: the audit's choice, else the built-in one (null: none). */
export function stageGives(
  stage: string,
  method: Pick<AuditMethod, 'gives'> | undefined,
): Gives | null {
  return method?.gives?.find((entry) => entry.stage === stage)?.gives ?? defaultGives(stage);
}

/** The word of a value, e.g. "the idea" / «идея». */
export function givesLabel(gives: Gives, locale: Locale): string {
  return GIVES_LABELS[gives][locale];
}

/**
 * The audit's list with `stage` given `gives`: a built-in stage set back to its built-in choice
 * leaves the list (the audit keeps only what differs); null clears the audit's choice.
 */
export function putGives(
  method: AuditMethod,
  stage: string,
  gives: Gives | null,
): NonNullable<AuditMethod['gives']> {
  const others = (method.gives ?? []).filter((entry) => entry.stage !== stage);
  return gives === null || gives === defaultGives(stage) ? others : [...others, { stage, gives }];
}
