/** Zod schemas are the single source of truth for every record; types come from z.infer. */
import { z } from 'zod';
import { AuditMethod, CheckResult, Measurement, MethodKey, Ownership } from './method';

export * from './method';

// Parsers are interpreted, never compiled with `new Function`: extension pages forbid eval, and
// zod reads this when a schema is built, so it runs before any schema (every schema user imports
// lib/model first; ES modules evaluate imports before the importer's body).
z.config({ jitless: true });

/**
 * Length limits of text fields. The UI says so while the auditor types (never cuts silently);
 * values recorded by the tool beyond a limit are shortened and the step says so (`shortened`).
 */
export const LIMITS = {
  name: 200,
  text: 500,
  note: 20_000,
  /** Chromium's own maximum URL length (2 MiB): any address it can load is kept whole. */
  url: 2 * 1024 * 1024,
  /** Chromium keeps at most 4,096 characters of a tab title. */
  title: 4096,
  stage: 80,
  annotation: 300,
  domain: 253,
  tag: 40,
  /** Tags per step. */
  tags: 20,
  /** Largest evidence file an auditor may upload. */
  uploadBytes: 15 * 1024 * 1024,
  /** Largest image the browser can decode and draw on a canvas: pixels per side, pixels in all. */
  imageSide: 16_384,
  imagePixels: 268_435_456,
} as const;

const Id = z.uuid();
const Millis = z.number().int().nonnegative();
const Name = z.string().trim().min(1).max(LIMITS.name);

const Text = z.string().max(LIMITS.text);
const Viewport = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** Only http(s) pages are touchpoints; anything else (javascript:, data:, chrome:) is refused. */
export const HttpUrl = z
  .string()
  .max(LIMITS.url)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL');

/**
 * Every record carries `updatedAt`: the time of the last write that changed it. Merging bundles
 * compares it (the newer edit wins), so a write that changes a record always sets it.
 */
/** The parts of the report an auditor can leave out. */
export const REPORT_SECTIONS = [
  'summary',
  'league',
  'scorecard',
  'blindSpots',
  'inventory',
  'mindMap',
  'kpis',
  'people',
  'charts',
  'fixFirst',
  'quickWins',
  'owners',
  'compliance',
  'standards',
  'fewerTouches',
  'plan',
  'sideBySide',
  'sequences',
  'tags',
  'pageFacts',
  'reaudit',
  'segments',
  'trend',
  'calibration',
  'method',
  'evidence',
] as const;
export const ReportSection = z.enum(REPORT_SECTIONS);
export type ReportSection = z.infer<typeof ReportSection>;

/** What goes into an audit's report, and the consultant's own words; remembered per audit. */
export const ReportSettings = z.strictObject({
  conclusions: z.string().max(LIMITS.note),
  recommendations: z.string().max(LIMITS.note),
  /** Sections left out. */
  hidden: z.array(ReportSection).max(REPORT_SECTIONS.length),
  /** full: every image at full size; thumbnails: small ones (a much smaller file); none. */
  images: z.enum(['full', 'thumbnails', 'none']),
  /** Steps left out of the report. */
  excludedSteps: z.array(Id).max(100_000),
});
export type ReportSettings = z.infer<typeof ReportSettings>;
export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  conclusions: '',
  recommendations: '',
  hidden: [],
  images: 'full',
  excludedSteps: [],
};

/**
 * What one of the client's managers expects a customer to experience (1–5) at a stage, or at a
 * touchpoint type, entered before the walks (Aaker, step 2); the report sets it against what the
 * walks found (the blind-spot matrix).
 */
export const Expectation = z.strictObject({
  id: Id,
  target: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('stage'), stage: z.string().trim().min(1).max(LIMITS.stage) }),
    z.strictObject({ kind: z.literal('type'), typeId: MethodKey }),
  ]),
  /** The experience expected, 1–5 (the scale steps are scored on). */
  experience: z.number().int().min(1).max(5),
  /** Who expects it: a manager's name or role ('' = not said). */
  by: z.string().trim().max(LIMITS.name),
  /** Why, in the manager's words. */
  note: Text,
});
export type Expectation = z.infer<typeof Expectation>;

/**
 * The client's conversion funnel: how many customers reached a stage in a period (a wave of the
 * audit, or the audit as a whole when `waveId` is null). Conversion is read between stages.
 */
export const FunnelEntry = z.strictObject({
  stage: z.string().trim().min(1).max(LIMITS.stage),
  waveId: Id.nullable(),
  count: z.number().int().nonnegative().max(1e12),
});
export type FunnelEntry = z.infer<typeof FunnelEntry>;

export const Audit = z.strictObject({
  id: Id,
  name: Name,
  client: Text,
  defaultTask: Text,
  /** The audit's own touchpoint types, stages, checklists and standards (see ./method.ts). */
  method: AuditMethod,
  /** The report's contents and the consultant's conclusions (absent: the defaults). */
  report: ReportSettings.optional(),
  /** The experience the client's managers expect, entered before the walks (absent: none). */
  expectations: z.array(Expectation).max(2000).optional(),
  /** The client's own conversion funnel: customers reaching each stage (absent: none entered). */
  funnel: z.array(FunnelEntry).max(1000).optional(),
  /** A caption band (title, address, capture time) drawn under every new capture (absent: off). */
  caption: z.boolean().optional(),
  /** Page facts (accessibility, load timings) read at every new capture (absent: off). */
  pageFacts: z.boolean().optional(),
  createdAt: Millis,
  updatedAt: Millis,
});
export type Audit = z.infer<typeof Audit>;

/**
 * own: the client's brand; competitor: a rival in its market; benchmark: a leader of another
 * industry studied for ideas (the seeds tell auditors to look at adjacent industries too).
 */
export const BrandRole = z.enum(['own', 'competitor', 'benchmark']);
export type BrandRole = z.infer<typeof BrandRole>;
export const Outcome = z.enum(['goal-reached', 'abandoned', 'blocked']);
export type Outcome = z.infer<typeof Outcome>;
/**
 * A category or a channel: a built-in id (lib/model/ids.ts) or an id of the audit's own entry
 * (`AuditMethod.categories` / `channels`); the bundle check refuses one its audit does not define.
 */
export const Category = MethodKey;
export const Channel = MethodKey;

/** A brand walked in an audit: the own brand, a competitor or a benchmark. */
export const Brand = z.strictObject({
  id: Id,
  auditId: Id,
  name: Name,
  domain: z.string().trim().max(LIMITS.domain),
  role: BrandRole,
  /**
   * Which touchpoint types of the audit's catalogue the brand has (Aaker, step 1: those used and
   * those that could be added), as the auditor checked them: present (exists, walked or not) or
   * absent. A type not listed was not checked; a walked type is known from its steps.
   */
  inventory: z
    .array(z.strictObject({ typeId: MethodKey, present: z.boolean() }))
    .max(1000)
    .optional(),
  createdAt: Millis,
  updatedAt: Millis,
});
export type Brand = z.infer<typeof Brand>;

/**
 * A wave of an audit: the same walks repeated in a period ("Wave 2 — January 2027"). `start` and
 * `end` are local midnights of the first and the last day (inclusive).
 */
export const Wave = z
  .strictObject({
    id: Id,
    auditId: Id,
    name: Name,
    start: Millis,
    end: Millis,
    createdAt: Millis,
    updatedAt: Millis,
  })
  .refine((w) => w.end >= w.start, {
    message: 'a wave must end on or after its start',
    path: ['end'],
  });
export type Wave = z.infer<typeof Wave>;

/** One walk: a brand × a wave × a persona × an entry channel × an auditor × a task. */
export const Journey = z.strictObject({
  id: Id,
  auditId: Id,
  /** The brand walked (a record of the same audit). */
  brandId: Id,
  /** The wave the walk belongs to (a record of the same audit). */
  waveId: Id,
  task: Text,
  persona: Text,
  entryChannel: Channel,
  /** Who walked it (the auditor name set in Options when the journey was created). */
  auditor: z.string().trim().max(LIMITS.name),
  createdAt: Millis,
  updatedAt: Millis,
  finishedAt: Millis.nullable(),
  outcome: Outcome.nullable(),
  /** Service standards measured on this walk (timers running or stopped, entered durations). */
  measurements: z.array(Measurement).max(1000),
  /**
   * The walk whose steps this walk scores again, blind (calibration between auditors): the same
   * steps and screenshots, the other auditor's scores hidden. Absent: an ordinary walk.
   */
  blindOf: Id.optional(),
  /** Would the auditor, as this customer, recommend the brand: 0–10 (NPS-style); absent: not asked. */
  recommend: z.number().int().min(0).max(10).nullable().optional(),
});
export type Journey = z.infer<typeof Journey>;

export const StepKind = z.enum(['page', 'offline']);
export type StepKind = z.infer<typeof StepKind>;

/** A value recorded by the tool (not typed) that was longer than its limit: kept shortened, and said. */
export const Shortened = z.strictObject({
  field: z.enum(['url', 'title', 'note']),
  /** The original length in characters. */
  length: z.number().int().positive(),
});
export type Shortened = z.infer<typeof Shortened>;

/** A step flagged as one that could be cut or merged with another, and why. */
export const Reduce = z.strictObject({
  kind: z.enum(['cut', 'merge']),
  reason: Text,
});
export type Reduce = z.infer<typeof Reduce>;

/**
 * The person a customer dealt with at a contact ("how many touches and with how many employees
 * until the sale"; "did they remember me"): who (a role or a name), whether the customer was
 * transferred to them, and whether the customer had to repeat what they had already said.
 */
export const Person = z.strictObject({
  who: z.string().trim().max(LIMITS.name),
  transfer: z.boolean(),
  repeated: z.boolean(),
});
export type Person = z.infer<typeof Person>;

/** A free tag of a step: trimmed, 1–40 characters, no commas (a comma separates tags as typed). */
export const Tag = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.tag)
  .refine((tag) => !tag.includes(','), 'a tag cannot contain a comma');

/**
 * How auto-capture waited for the page before taking it: it settled after `waitedMs`, or it did
 * not (`settled: false`) and was captured when the bound was reached (the panel says so).
 */
export const SettleRecord = z.strictObject({
  settled: z.boolean(),
  waitedMs: z.number().int().min(0).max(600_000),
});
export type SettleRecord = z.infer<typeof SettleRecord>;
const Count = z.number().int().nonnegative().max(1e9);
/** A duration in ms read from the page's Performance API (rounded), null when it had none. */
const Timing = z.number().int().nonnegative().max(3_600_000).nullable();
export const A11Y_IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export const A11yImpact = z.enum(A11Y_IMPACTS);
export type A11yImpact = z.infer<typeof A11yImpact>;
/** Rules kept per step, most severe first; the rest are counted in `more`. */
export const A11Y_RULES_KEPT = 30;

/**
 * What the page said of itself at a capture (Audit.pageFacts): accessibility violations found by
 * axe-core and the load timings of its document (Performance API). Read after the screenshot,
 * from the top document only.
 */
export const PageFacts = z.strictObject({
  at: Millis,
  accessibility: z
    .strictObject({
      /** "axe-core 4.14.1". */
      engine: z.string().max(40),
      /** Violations (rules broken) by impact, and the elements affected in all. */
      critical: Count,
      serious: Count,
      moderate: Count,
      minor: Count,
      elements: Count,
      rules: z
        .array(
          z.strictObject({
            id: z.string().max(100),
            impact: A11yImpact,
            elements: Count,
            help: z.string().max(300),
          }),
        )
        .max(A11Y_RULES_KEPT),
      /** Rules broken beyond those kept. */
      more: Count,
    })
    .nullable(),
  /** Why accessibility was not checked: not in this browser, or the check failed or took too long. */
  accessibilityMissing: z.enum(['unsupported', 'failed', 'timeout']).nullable(),
  timings: z
    .strictObject({
      /** Time to first byte, DOM content loaded, the load event, largest contentful paint. */
      ttfb: Timing,
      domContentLoaded: Timing,
      load: Timing,
      lcp: Timing,
      /**
       * The address differs from the loaded document's (a single-page app's route change): the
       * timings are of the document's first load, not of this route.
       */
      sameDocument: z.boolean(),
    })
    .nullable(),
});
export type PageFacts = z.infer<typeof PageFacts>;

export const Step = z.strictObject({
  id: Id,
  journeyId: Id,
  /** Position in the journey, 1-based and gapless; reordering rewrites it in one transaction. */
  seq: z.number().int().min(1),
  kind: StepKind,
  url: HttpUrl.nullable(),
  title: z.string().max(LIMITS.title),
  /** When the contact happened (capture time for pages). */
  at: Millis,
  stage: z.string().trim().min(1).max(LIMITS.stage),
  /** Which type of touchpoint it is (an id of the audit's catalogue); null until chosen. */
  typeId: MethodKey.nullable(),
  category: Category,
  channel: Channel,
  /** Answered checklist items. */
  checks: z.array(CheckResult).max(2000),
  /** Checklists added to this step by hand (besides those of its type and stage). */
  checklists: z.array(MethodKey).max(50),
  /** How positive the experience was, 1–5; null until scored. */
  experience: z.number().int().min(1).max(5).nullable(),
  importance: z.number().int().min(1).max(10).nullable(),
  /** Likelihood to choose the brand after this step, 0–10. */
  likelihood: z.number().int().min(0).max(10).nullable(),
  note: z.string().max(LIMITS.note),
  weakLink: z.boolean(),
  wow: z.boolean(),
  viewport: Viewport.nullable(),
  devicePixelRatio: z.number().positive().max(16).nullable(),
  /** Recorded values that exceeded their limit and were shortened (the panel and report say so). */
  shortened: z.array(Shortened).max(3),
  /** Who owns this touchpoint, when it differs from its type's owner (absent: the type's). */
  owner: Ownership.optional(),
  /** The step could be cut or merged with another ("as few touches as possible"); absent: no. */
  reduce: Reduce.optional(),
  /** The person the customer dealt with (offline contacts, chats); absent: none recorded. */
  person: Person.optional(),
  /** Free tags (absent: none). */
  tags: z.array(Tag).max(LIMITS.tags).optional(),
  /** Auto-capture's wait for the page to settle (absent: not auto-captured, or before #17). */
  settle: SettleRecord.optional(),
  /** What the page said of itself at capture, when the audit asks (absent: not read). */
  pageFacts: PageFacts.optional(),
  /**
   * A full page taken with what lies over the content (cookie bars, chat buttons, promos) hidden,
   * as the auditor chose for that capture: how many such elements were hidden (absent: kept).
   */
  overlaysHidden: z.number().int().nonnegative().max(10_000).optional(),
  createdAt: Millis,
  updatedAt: Millis,
});
export type Step = z.infer<typeof Step>;

/** The fields an auditor edits on a step (everything else is recorded by the tool). */
export const StepEdit = Step.pick({
  title: true,
  url: true,
  at: true,
  stage: true,
  typeId: true,
  category: true,
  channel: true,
  checks: true,
  checklists: true,
  experience: true,
  importance: true,
  likelihood: true,
  note: true,
  weakLink: true,
  wow: true,
  owner: true,
  reduce: true,
  person: true,
  tags: true,
}).partial();
export type StepEdit = z.infer<typeof StepEdit>;

export const ScreenshotMode = z.enum(['visible', 'full-page', 'element', 'uploaded']);
export type ScreenshotMode = z.infer<typeof ScreenshotMode>;
export const ImageMime = z.enum(['image/webp', 'image/jpeg', 'image/png']);
export type ImageMime = z.infer<typeof ImageMime>;

export const AnnotationColor = z.enum(['red', 'yellow', 'blue', 'green', 'black']);
export type AnnotationColor = z.infer<typeof AnnotationColor>;
const Coordinate = z.number().finite().min(-100_000).max(1_000_000);

/** Marks drawn over a screenshot, in image pixels; kept apart from the pixels and editable. */
export const Annotation = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('box'),
    x: Coordinate,
    y: Coordinate,
    width: Coordinate,
    height: Coordinate,
    color: AnnotationColor,
  }),
  z.strictObject({
    kind: z.literal('arrow'),
    x1: Coordinate,
    y1: Coordinate,
    x2: Coordinate,
    y2: Coordinate,
    color: AnnotationColor,
  }),
  z.strictObject({
    kind: z.literal('text'),
    x: Coordinate,
    y: Coordinate,
    text: z.string().trim().min(1).max(LIMITS.annotation),
    color: AnnotationColor,
  }),
]);
export type Annotation = z.infer<typeof Annotation>;

/**
 * An embedded frame's area (image pixels) covered whole at capture because its contents could not
 * be checked for the auditor's personal data. Its original pixels are held back on this device
 * only (the `heldBack` table: never exported) until the auditor uncovers it or it is deleted.
 */
export const CoveredFrame = z.strictObject({
  x: z.number().int().nonnegative(),
  y: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** When the auditor chose to uncover it (the record of that choice); null while covered. */
  uncoveredAt: Millis.nullable(),
});
export type CoveredFrame = z.infer<typeof CoveredFrame>;

/**
 * Screenshot metadata, its evidence record and its small thumbnail; the full image lives in the
 * `images` table. Redactions are burnt into the stored pixels (`redacted` says so), never overlaid.
 */
export const Screenshot = z.strictObject({
  id: Id,
  touchpointId: Id,
  mode: ScreenshotMode,
  mime: ImageMime,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Hex SHA-256 of the stored image bytes, so a reader can verify the evidence. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  thumbnail: z.instanceof(Blob),
  createdAt: Millis,
  /** 0-based part of a capture split into several images (a page taller than a canvas allows). */
  part: z.number().int().min(0),
  parts: z.number().int().min(1),
  url: HttpUrl.nullable(),
  title: z.string().max(LIMITS.title),
  capturedAt: Millis,
  viewport: Viewport.nullable(),
  devicePixelRatio: z.number().positive().max(16).nullable(),
  userAgent: z.string().max(500),
  /** The original name of an uploaded file ('' for captures): exported only if the auditor chooses. */
  fileName: z.string().max(LIMITS.title),
  redacted: z.boolean(),
  /** Embedded frames covered at capture because they could not be checked (see CoveredFrame). */
  coveredFrames: z.array(CoveredFrame).max(1000),
  annotations: z.array(Annotation).max(500),
  /** Height (image px) of the caption band drawn at the image's bottom (absent: none). */
  captionHeight: z.number().int().positive().optional(),
  updatedAt: Millis,
});
export type Screenshot = z.infer<typeof Screenshot>;

export const StoredImage = z.strictObject({ id: Id, blob: z.instanceof(Blob) });

/**
 * The original pixels of a screenshot's covered frames, held back on this device so the auditor
 * can uncover a frame by an explicit choice; keyed by the screenshot's id. Never exported, never
 * kept in Recently deleted; `index` is the frame's position in the screenshot's `coveredFrames`.
 */
export interface HeldBack {
  id: string;
  touchpointId: string;
  areas: HeldBackOriginal[];
}
export interface HeldBackOriginal {
  index: number;
  /** PNG of the frame's area before it was covered. */
  original: Blob;
}
export type StoredImage = z.infer<typeof StoredImage>;

export const ActionStatus = z.enum(['open', 'in-progress', 'done']);
export type ActionStatus = z.infer<typeof ActionStatus>;
/** action: what the own brand will change; idea: a competitor's strength worth borrowing. */
export const ActionKind = z.enum(['action', 'idea']);
export type ActionKind = z.infer<typeof ActionKind>;
/**
 * What an action's success is measured by, when it is a figure the product computes (so the next
 * wave fills in its value after): a standard's pass rate, a checklist item's share of yes, or a
 * stage's mean experience — for the action's brand. Absent: a measure the auditor types.
 */
export const ActionMeasure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('standard'), standardId: MethodKey }),
  z.strictObject({ kind: z.literal('checklist'), templateId: MethodKey, itemId: MethodKey }),
  z.strictObject({ kind: z.literal('stage'), stage: z.string().trim().min(1).max(LIMITS.stage) }),
]);
export type ActionMeasure = z.infer<typeof ActionMeasure>;

export const ActionItem = z.strictObject({
  id: Id,
  touchpointId: Id,
  kind: ActionKind,
  what: z.string().trim().min(1).max(LIMITS.text),
  /** A person or a department. */
  owner: Text,
  /** Due date: local midnight of the day, in milliseconds. */
  due: Millis.nullable(),
  status: ActionStatus,
  /** How success is measured: the metric, where it stands and the target. */
  metric: Text,
  baseline: Text,
  target: Text,
  /** A computed measure (see ActionMeasure); absent: typed in metric/baseline/target. */
  measure: ActionMeasure.optional(),
  /** The typed value after the next wave (a computed measure fills it in itself); absent: none yet. */
  after: Text.optional(),
  /** Whether a typed measure was achieved, as the auditor judged it; absent or null: not judged. */
  achieved: z.boolean().nullable().optional(),
  /** How much it takes to fix: S / M / L (absent or null: not estimated). */
  effort: z.enum(['S', 'M', 'L']).nullable().optional(),
  /** What it costs to fix, in the client's currency (absent or null: not estimated). */
  cost: z.number().nonnegative().max(1e12).nullable().optional(),
  createdAt: Millis,
  updatedAt: Millis,
});
export type ActionItem = z.infer<typeof ActionItem>;
export const ActionInput = ActionItem.pick({
  touchpointId: true,
  kind: true,
  what: true,
  owner: true,
  due: true,
  status: true,
  metric: true,
  baseline: true,
  target: true,
  measure: true,
  after: true,
  achieved: true,
  effort: true,
  cost: true,
});
export type ActionInput = z.infer<typeof ActionInput>;
export const ActionEdit = ActionInput.omit({ touchpointId: true }).partial();
export type ActionEdit = z.infer<typeof ActionEdit>;

/** The record tables, in the order a parent comes before its children. */
export const RECORD_TABLES = [
  'audits',
  'brands',
  'waves',
  'journeys',
  'touchpoints',
  'screenshots',
  'actionItems',
] as const;
export const RecordTable = z.enum(RECORD_TABLES);
export type RecordTable = z.infer<typeof RecordTable>;

/**
 * A deletion remembered after the record is gone, so that merging a bundle that still holds the
 * record does not bring it back unnoticed (and a bundle can carry the deletion to another profile).
 */
export const Tombstone = z.strictObject({
  id: Id,
  table: RecordTable,
  /** The audit the record belonged to, so an audit's bundle carries its deletions. */
  auditId: Id,
  deletedAt: Millis,
});
export type Tombstone = z.infer<typeof Tombstone>;

/** Records of every table, e.g. one audit with everything in it, or a bundle's contents. */
export interface RecordSet {
  audits: Audit[];
  brands: Brand[];
  waves: Wave[];
  journeys: Journey[];
  touchpoints: Step[];
  screenshots: Screenshot[];
  actionItems: ActionItem[];
}

/** A record set with its image bytes and deletions: what a bundle holds and an import writes. */
export interface DataSet extends RecordSet {
  /** Full-size image blobs, keyed by screenshot id. */
  images: StoredImage[];
  deletions: Tombstone[];
}

/** An audit's programme: its brands, waves and walks, without steps (what the report's controls need). */
export type AuditProgramme = Pick<AuditSnapshot, 'audit' | 'brands' | 'waves' | 'journeys'>;

/** Everything the report needs about one audit (image blobs excluded). */
export interface AuditSnapshot {
  audit: Audit;
  brands: Brand[];
  waves: Wave[];
  journeys: Journey[];
  touchpoints: Step[];
  screenshots: Screenshot[];
  actionItems: ActionItem[];
}

export const DeletedKind = z.enum(['audit', 'brand', 'wave', 'journey', 'step', 'image', 'action']);
export type DeletedKind = z.infer<typeof DeletedKind>;

/** An entry of Recently deleted, as listed (its records and images are kept apart). */
export interface DeletedEntry {
  /** The id of the deleted audit, journey or step. */
  id: string;
  kind: DeletedKind;
  auditId: string;
  journeyId: string | null;
  /** What the auditor saw: the audit's name, the journey's brand, or the step's title. */
  label: string;
  /** The step's position in its journey when it was deleted (null for audits and journeys). */
  position: number | null;
  deletedAt: number;
  counts: { journeys: number; steps: number; images: number };
}

/**
 * What an entry of Recently deleted holds: the deleted record with everything that belonged to it
 * (image bytes included), kept until the auditor empties Recently deleted.
 */
export interface DeletedContent extends RecordSet {
  id: string;
  images: StoredImage[];
}

/** How a bundle's records merge into this profile (see lib/db/merge.ts). */
export type ConflictReason =
  /** Edited here and in the bundle since they last met. */
  | 'both-edited'
  /** Deleted here; the bundle's version is older than the deletion, so it stays deleted. */
  | 'deleted-here'
  /** Deleted here, but edited in the bundle after that: it comes back. */
  | 'edited-after-deletion'
  /** Deleted in the bundle; edited here after that, so it stays. */
  | 'deleted-in-bundle-edited-here'
  /** A brand or wave deleted in the bundle that walks here still use: it stays. */
  | 'deleted-in-bundle-used-here';

export interface Conflict {
  table: RecordTable;
  id: string;
  label: string;
  reason: ConflictReason;
  /** Whose version the profile has after the import. */
  winner: 'bundle' | 'here';
  hereUpdatedAt: number | null;
  bundleUpdatedAt: number | null;
}

export interface TableCounts {
  /** Not in this profile: added. */
  new: number;
  /** Changed in the bundle only (or the bundle won a conflict): this profile's copy is replaced. */
  changed: number;
  /** Changed here only, or this profile won a conflict: kept as it is here. */
  kept: number;
  unchanged: number;
  /** Not imported: deleted here, or its parent was not imported. */
  skipped: number;
  /** Deleted in the bundle: moved to Recently deleted here. */
  removed: number;
}

/** What an import does (or would do), per table, in words a preview can show. */
export interface ImportSummary {
  counts: Record<RecordTable, TableCounts>;
  /** Images whose bytes are written (new screenshots, or new bytes of a changed one). */
  imageCount: number;
  imageBytes: number;
  conflicts: Conflict[];
  /** Local records the bundle deleted: moved to Recently deleted. */
  trash: { kind: DeletedKind; id: string; label: string }[];
  /** True when applying writes nothing but merge bases. */
  nothingToDo: boolean;
}

/** Whether the extension's database can be used now (see lib/db/guard.ts). */
export type StorageState =
  | { kind: 'closed' }
  | { kind: 'ready' }
  | {
      kind: 'halted';
      /** low-space: refused before writing; failed: the browser reported a storage error. */
      reason: 'low-space' | 'failed';
      freeBytes: number | null;
      /** Free space needed to go on. */
      neededBytes: number;
      /** What the browser said when it failed; null when it gave no error (and for low-space). */
      cause: StorageCause | null;
    };

/** An error the browser reported from the database, as the storage banner tells it. */
export interface StorageCause {
  /**
   * disk-full: a quota or no-space error; version: the stored version or its upgrade; blocked:
   * another connection (another tab) held the database; other: anything else.
   */
  kind: 'disk-full' | 'version' | 'blocked' | 'other';
  /** Whether it happened opening the database or writing to it. */
  during: 'open' | 'write';
  /** The innermost error's name and message (what the browser said, not our wrapper's). */
  name: string;
  message: string;
}

/** What the auditor types to create or edit an audit / a journey. */
export const AuditInput = Audit.pick({
  name: true,
  client: true,
  defaultTask: true,
  caption: true,
  pageFacts: true,
});
export type AuditInput = z.infer<typeof AuditInput>;
export const JourneyInput = Journey.pick({
  auditId: true,
  brandId: true,
  waveId: true,
  task: true,
  persona: true,
  entryChannel: true,
  auditor: true,
});
export type JourneyInput = z.infer<typeof JourneyInput>;
export const JourneyEdit = JourneyInput.omit({ auditId: true })
  .extend({ recommend: Journey.shape.recommend })
  .partial();
export type JourneyEdit = z.infer<typeof JourneyEdit>;
export const BrandInput = Brand.pick({ auditId: true, name: true, domain: true, role: true });
export type BrandInput = z.infer<typeof BrandInput>;
export const BrandEdit = BrandInput.omit({ auditId: true })
  .extend({ inventory: Brand.shape.inventory })
  .partial();
export type BrandEdit = z.infer<typeof BrandEdit>;
/** A wave as typed: name and period (local midnights of the first and last day). */
export const WaveInput = z
  .strictObject({ auditId: Id, name: Name, start: Millis, end: Millis })
  .refine((w) => w.end >= w.start, {
    message: 'a wave must end on or after its start',
    path: ['end'],
  });
export type WaveInput = z.infer<typeof WaveInput>;
export const WaveEdit = z.strictObject({
  name: Name.optional(),
  start: Millis.optional(),
  end: Millis.optional(),
});
export type WaveEdit = z.infer<typeof WaveEdit>;
/**
 * A new walk as the panel creates it: its brand and wave either existing ones (by id) or new ones
 * written in the same transaction as the journey.
 */
export const NewJourney = JourneyInput.omit({ brandId: true, waveId: true }).extend({
  brand: z.union([z.strictObject({ id: Id }), BrandInput.omit({ auditId: true })]),
  wave: z.union([
    z.strictObject({ id: Id }),
    z.strictObject({ name: Name, start: Millis, end: Millis }).refine((w) => w.end >= w.start, {
      message: 'a wave must end on or after its start',
      path: ['end'],
    }),
  ]),
});
export type NewJourney = z.infer<typeof NewJourney>;
export const AuditEdit = AuditInput.extend({
  expectations: Audit.shape.expectations,
  funnel: Audit.shape.funnel,
}).partial();
export type AuditEdit = z.infer<typeof AuditEdit>;

/**
 * `value` cut to at most `limit` UTF-16 units without splitting a surrogate pair. Callers record
 * that it was shortened; nothing is cut silently.
 */
export function fitText(value: string, limit: number): string {
  if (value.length <= limit) return value;
  const code = value.charCodeAt(limit - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

/** Readable one-line summary of a zod error: which field, what is wrong. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'value'}: ${issue.message}`)
    .join('; ');
}

/** An area of an image covered because the frame there could not be checked, with its original pixels. */
export interface HeldBackArea {
  /** Whole image pixels. */
  area: { x: number; y: number; width: number; height: number };
  /** PNG of the area's pixels before it was covered (never exported, never shown unless uncovered). */
  original: Blob;
}

/** An image ready to store: encoded, thumbnailed and hashed before any transaction opens. */
export interface EncodedImage {
  mode: ScreenshotMode;
  /** Part index and count when one capture is split into several images. */
  part?: number;
  parts?: number;
  /** Set when regions (password fields, the auditor's identity) were covered before storing. */
  redacted?: boolean;
  /**
   * Embedded frames the capture could not check, covered whole in `blob` (image pixels), each with
   * its original pixels (PNG) held back locally so the auditor can uncover it by an explicit choice.
   */
  coveredFrames?: HeldBackArea[];
  /** Height (image px) of the caption band at the bottom of `blob` (absent: none). */
  captionHeight?: number;
  mime: ImageMime;
  blob: Blob;
  width: number;
  height: number;
  sha256: string;
  thumbnail: Blob;
}

/** Element capture picks one element; region capture a dragged rectangle. */
export type PickMode = 'element' | 'region';

/** What a capture stored, as the auditor is told about it. */
export interface CaptureSummary {
  mode: 'visible' | 'full-page' | 'element' | 'region';
  /** The new step's position. */
  seq: number;
  /** How many images (a page taller than one image can be has several parts). */
  parts: number;
  /** Whether anything was covered (sensitive fields, or frames that could not be checked). */
  redacted: boolean;
  /**
   * What was covered: sensitive fields (in the frames that were checked), and embedded frames
   * that could not be checked and were covered whole. Absent: only `redacted` is known.
   */
  covered?: { fields: number; frames: number };
  /** Element mode: rendered from the page's DOM, or cut from a screenshot. */
  path?: 'dom' | 'native';
  /** Element mode: the page's rendering did not look like the screen, so the screenshot was used. */
  mismatch?: boolean;
  /** Only the part of the element that fits on the screen was captured. */
  clipped?: boolean;
  /**
   * Full page of a page whose document does not scroll: the scrolling area taken, its place
   * among the page's areas, and what was seen there.
   */
  area?: {
    /** Tag with id or class, or its accessible name: page text, shown as text only. */
    label: string;
    /** Its place among the page's scrolling areas, largest visible first (0-based), and how many. */
    index: number;
    count: number;
    /** The labels of the page's scrolling areas (the first 20), to choose another. */
    labels: string[];
    /** It renders only the rows on screen (rows were removed as it scrolled). */
    virtualised: boolean;
    /** Rows of its list seen while it was scrolled through. */
    rows: number;
    /** It grew while it was captured: only its first `height` CSS px were taken. */
    grew: boolean;
    height: number;
  };
  /** Full page taken with its overlays hidden (the auditor's choice): how many were hidden. */
  overlaysHidden?: number;
}

/** The browser tab being walked, as the capture code needs it. */
export interface WalkedTab {
  tabId: number;
  windowId: number;
  url: string;
  title: string;
  /** Tab size in CSS pixels, when the browser reports it. */
  width: number | null;
  height: number | null;
}

/** The auditor's own details, entered once in the options and covered in every capture. */
export const Identity = z.strictObject({
  name: z.string().trim().max(200),
  email: z.string().trim().max(254),
  phone: z.string().trim().max(50),
});
export type Identity = z.infer<typeof Identity>;

/** A capture made without the panel's button (shortcut, menu, auto-capture) and how it went. */
export interface Notice {
  kind: 'captured' | 'error';
  /** CaptureError reason when kind is 'error'. */
  reason: string | null;
  params: Record<string, string | number>;
  at: number;
}
