/**
 * The audit method's records (DESIGN.md): the touchpoint-type catalogue, custom stages, checklist
 * templates and answers, service standards and their measurements.
 *
 * An audit stores only what differs from the built-in method (lib/taxonomy/method.ts): a built-in
 * type, template or standard renamed, edited or hidden is kept under the built-in's id, anything
 * the auditor adds under a new id. So audits made before a new built-in arrives get it too, and
 * a built-in nobody edited is shown in the reader's language. A text left '' means "the built-in
 * wording of this id".
 */
import { z } from 'zod';
import { CHANNEL_IDS } from './ids';

/** Id of a method entry: a built-in key ("web-form", "web-form.thanks") or a UUID. */
export const MethodKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a method id (letters, digits, . _ -)');

const Wording = z.string().trim().max(500);
const StageName = z.string().trim().min(1).max(80);

/**
 * Who controls a touchpoint (Aaker: controlled by the organisation, or by another unit or a
 * partner): the owning department, and whether it is ours, a partner's or a third party's.
 */
export const Control = z.enum(['own', 'partner', 'third-party']);
export type Control = z.infer<typeof Control>;
export const Ownership = z.strictObject({
  /** The owning department or unit ('' = not named). */
  department: z.string().trim().max(200),
  control: Control,
});
export type Ownership = z.infer<typeof Ownership>;

/** A touchpoint type of the audit's catalogue (Aaker's "which type of touchpoint"). */
export const TouchpointType = z.strictObject({
  id: MethodKey,
  /** '' = the built-in name. */
  name: Wording,
  /** A built-in category id or one of the audit's own (`categories`). */
  category: MethodKey,
  /** The stage a step of this type usually belongs to (built-in id or a custom stage's name). */
  stage: StageName,
  /** A built-in channel id or one of the audit's own (`channels`). */
  channel: MethodKey,
  hidden: z.boolean(),
  /** Who owns touchpoints of this type (absent: not said). Steps may say otherwise. */
  owner: Ownership.optional(),
});
export type TouchpointType = z.infer<typeof TouchpointType>;

/** A stage the auditor added, defined once per audit; steps refer to it by name. */
export const CustomStage = z.strictObject({
  name: StageName,
  /** The built-in stage it follows in the lifecycle order (null: after all of them). */
  after: z.string().max(80).nullable(),
  /**
   * The customer's status at this stage (potential, current, former); absent: that of the
   * built-in stage it follows (the last built-in stage's when it follows none).
   */
  status: z.enum(['prospect', 'customer', 'former']).optional(),
});
export type CustomStage = z.infer<typeof CustomStage>;

export const ChecklistItem = z.strictObject({
  id: MethodKey,
  /** The question; '' = the built-in wording. */
  text: Wording,
  /** How much the item counts in compliance, 1–10. */
  weight: z.number().int().min(1).max(10),
  /** A "no" makes the step a weak link. */
  critical: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistTemplate = z.strictObject({
  id: MethodKey,
  /** '' = the built-in name. */
  name: Wording,
  /** Shown on steps of these touchpoint types … */
  types: z.array(MethodKey).max(200),
  /** … and on steps of these stages (built-in ids or custom stage names). */
  stages: z.array(StageName).max(50),
  items: z.array(ChecklistItem).max(100),
  hidden: z.boolean(),
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;

export const TimeUnit = z.enum(['seconds', 'minutes', 'hours', 'days', 'working-days']);
export type TimeUnit = z.infer<typeof TimeUnit>;

/** A measurable service standard, e.g. "callback after a web form ≤ 2 h". */
export const Standard = z.strictObject({
  id: MethodKey,
  /** '' = the built-in name. */
  name: Wording,
  /** The most time allowed. */
  target: z.number().positive().max(100_000),
  unit: TimeUnit,
  /**
   * between: from one step (the timer's start, e.g. the form sent) to a later one (the answer);
   * duration: a time the auditor enters on one step (e.g. how long the phone rang).
   */
  measure: z.enum(['between', 'duration']),
  /** A running timer of this standard stops at the next logged contact in one of these channels. */
  answerChannels: z.array(MethodKey).max(CHANNEL_IDS.length + 100),
  hidden: z.boolean(),
});
export type Standard = z.infer<typeof Standard>;

/**
 * What a touch sells the customer at a stage ("at each stage we sell something specific: the
 * idea, the need, the company, the product, its value and price").
 */
export const GIVES = ['idea', 'need', 'company', 'product', 'value', 'price'] as const;
export const Gives = z.enum(GIVES);
export type Gives = z.infer<typeof Gives>;
export const StageGives = z.strictObject({ stage: StageName, gives: Gives });
export type StageGives = z.infer<typeof StageGives>;

/** One of Mann's categories renamed or hidden (built-in id), or one the auditor added (UUID). */
export const CategoryEntry = z.strictObject({
  id: MethodKey,
  /** '' = the built-in name. */
  name: Wording,
  hidden: z.boolean(),
});
export type CategoryEntry = z.infer<typeof CategoryEntry>;
/** A channel renamed or hidden (built-in id), or one the auditor added (UUID). */
export const ChannelEntry = z.strictObject({
  id: MethodKey,
  /** '' = the built-in name. */
  name: Wording,
  /** Contacts in this channel are logged as offline contacts (a call, a letter, a visit). */
  offline: z.boolean(),
  hidden: z.boolean(),
});
export type ChannelEntry = z.infer<typeof ChannelEntry>;

/** What an audit changes in (or adds to) the built-in method. */
export const AuditMethod = z.strictObject({
  types: z.array(TouchpointType).max(500),
  stages: z.array(CustomStage).max(50),
  checklists: z.array(ChecklistTemplate).max(100),
  standards: z.array(Standard).max(100),
  /** What each stage gives the customer (absent or not listed: the built-in choice). */
  gives: z.array(StageGives).max(100).optional(),
  /** Mann's categories renamed, hidden or added (absent: the built-in ones as they are). */
  categories: z.array(CategoryEntry).max(50).optional(),
  /** Channels renamed, hidden or added (absent: the built-in ones as they are). */
  channels: z.array(ChannelEntry).max(100).optional(),
});
export type AuditMethod = z.infer<typeof AuditMethod>;
export const EMPTY_METHOD: AuditMethod = { types: [], stages: [], checklists: [], standards: [] };

export const CheckAnswer = z.enum(['yes', 'no', 'na']);
export type CheckAnswer = z.infer<typeof CheckAnswer>;

/** One answered checklist item of a step. */
export const CheckResult = z.strictObject({
  templateId: MethodKey,
  itemId: MethodKey,
  answer: CheckAnswer,
  comment: z.string().max(500),
  /** An image of the step that shows it (null: none chosen). */
  screenshotId: z.uuid().nullable(),
  /**
   * 'page': pre-answered at capture from what the page's DOM proves (lib/capture/page-proofs.ts),
   * not yet confirmed by the auditor; absent: the auditor's answer.
   */
  source: z.literal('page').optional(),
  /** What the page showed for a 'page' answer ("tel:+7 495 … in the first screen"). */
  evidence: z.string().max(300).optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

/**
 * One measurement of a standard on a journey. A running timer has a start step and no end yet;
 * it is stopped by the answering contact (its `at`, the time the auditor gave, is the end).
 * A duration standard has the measured step as `endStepId` and the time entered.
 */
export const Measurement = z.strictObject({
  id: z.uuid(),
  standardId: MethodKey,
  startStepId: z.uuid().nullable(),
  endStepId: z.uuid().nullable(),
  /** When the timer started: the start step's time (kept if that step is deleted). */
  startedAt: z.number().int().nonnegative(),
  /** Entered duration in milliseconds (duration standards). */
  durationMs: z
    .number()
    .int()
    .nonnegative()
    .max(10 * 365 * 86_400_000)
    .nullable(),
  /** The auditor says a failure here is not a weak link (e.g. the standard was not promised). */
  excused: z.boolean(),
});
export type Measurement = z.infer<typeof Measurement>;
