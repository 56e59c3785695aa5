/**
 * What the page side answers (lib/capture/page/*, run in the walked tab). A page is not trusted:
 * every reply is parsed with these schemas before the extension uses it (lib/services/page.ts).
 */
import { z } from 'zod';

const Finite = z.number().finite();
const Point = z.strictObject({ x: Finite, y: Finite });
const Size = z.strictObject({ width: Finite.nonnegative(), height: Finite.nonnegative() });
export const PageRect = z.strictObject({
  x: Finite,
  y: Finite,
  width: Finite.nonnegative(),
  height: Finite.nonnegative(),
});
export type PageRect = z.infer<typeof PageRect>;

/**
 * The scrolling area a full-page capture takes when the document itself does not scroll (an app
 * layout whose main column scrolls): its box in the viewport (CSS px) and what it was seen doing.
 */
export const ScrollArea = z.strictObject({
  /** How the auditor is told which area: tag, id or class, or its accessible name (page text). */
  label: z.string().max(200),
  /** Its place among the page's scrolling areas, largest visible first (0-based), and how many. */
  index: z.number().int().nonnegative().max(1000),
  count: z.number().int().positive().max(1000),
  /** The labels of the page's scrolling areas (the first 20), in the same order: to choose. */
  labels: z.array(z.string().max(200)).max(20),
  /** Its content box in the viewport. */
  top: Finite,
  left: Finite,
  width: Finite.nonnegative(),
  /** Its rows were removed while it scrolled: it renders only what is visible (a virtualised list). */
  virtualised: z.boolean(),
  /** Rows of its list seen while it was scrolled through (its largest list's distinct children). */
  rows: z.number().int().nonnegative().max(10_000_000),
});
export type ScrollArea = z.infer<typeof ScrollArea>;

/** Sizes of the page, in CSS px. */
export const PageMetrics = z.strictObject({
  /** Height of the scrollable document. */
  pageHeight: Finite.nonnegative(),
  /** The viewport without scrollbars. */
  viewportWidth: Finite.nonnegative(),
  viewportHeight: Finite.nonnegative(),
  /** The viewport with scrollbars: the width of what captureVisibleTab returns. */
  innerWidth: Finite.nonnegative(),
  scrollY: Finite,
  /** False when the tab is hidden (the auditor switched tabs): a capture would show another tab. */
  visible: z.boolean(),
  /**
   * When the document does not scroll but an area of it does, the area taken: then pageHeight,
   * viewportHeight and scrollY are the area's (its content, its visible height, its scroll).
   */
  area: ScrollArea.nullish(),
});
export type PageMetrics = z.infer<typeof PageMetrics>;

/** A fixed or sticky element of the page, and whether it is on screen now. */
export const PinnedInView = z.strictObject({
  position: z.enum(['fixed', 'sticky']),
  anchor: z.enum(['top', 'bottom']),
  /** Over the content (a cookie bar, a chat button): hidden when the auditor asks. */
  overlay: z.boolean(),
  inView: z.boolean(),
});
export type PinnedInView = z.infer<typeof PinnedInView>;

/** An element of a frame that holds another document (iframe, frame, object, embed). */
export const FrameBox = z.strictObject({
  /** Its place among the frame elements the frame linked (-1: appeared after linking). */
  slot: z.number().int().min(-1).max(100_000),
  /** Where it shows its document: the content box, in the frame's client CSS px. */
  content: PageRect,
  /** Its whole box (border included), in the frame's client CSS px. */
  outer: PageRect,
  /** Only translated and scaled (no rotation, skew or 3D): its document maps by offset and scale. */
  exact: z.boolean(),
  /** False when no script can run in it (embed): covered whole. */
  reachable: z.boolean(),
});
export type FrameBox = z.infer<typeof FrameBox>;

const Nonce = z.string().min(1).max(64);

/** One frame's answer to a redaction scan: its fields to cover and its frames, client CSS px. */
export const FrameReport = z.strictObject({
  /** This frame's nonce for the capture (null: it was not linked). */
  nonce: Nonce.nullable(),
  /** The nonce of the parent that told this frame its slot, and the slot. */
  parent: z.strictObject({ nonce: Nonce, slot: z.number().int().min(0).max(100_000) }).nullable(),
  /** The tab's top document. */
  top: z.boolean(),
  viewport: Size,
  scroll: Point,
  fields: z.array(PageRect).max(10_000),
  frames: z.array(FrameBox).max(2_000),
});
export type FrameReport = z.infer<typeof FrameReport>;

/** What the auditor chose with the picker, measured when they chose it. */
export const PagePick = z.strictObject({
  /** The element's or region's box in document CSS pixels. */
  rect: PageRect,
  scroll: Point,
  /** window.innerWidth/innerHeight: the area captureVisibleTab returns. */
  viewport: Size,
  devicePixelRatio: Finite.positive().max(16),
});
export type PagePick = z.infer<typeof PagePick>;

/** The picker closed without a choice (Esc, or the panel's Cancel). */
export const PickCancelled = z.strictObject({ cancelled: z.literal(true) });
export type PickCancelled = z.infer<typeof PickCancelled>;

/** The tab scrolled so a rect is on screen (see revealRect). */
export const PageView = z.strictObject({
  /** Scroll position now (the rect's viewport position is rect − scroll). */
  scroll: Point,
  /** Scroll position before revealRect moved it, to put back afterwards. */
  restore: Point,
  viewport: Size,
  devicePixelRatio: Finite.positive().max(16),
});
export type PageView = z.infer<typeof PageView>;

/** Why rendering the element from the page's DOM did not give an image. */
export const DomFailure = z.enum(['gone', 'too-large', 'timeout', 'error']);
export type DomFailure = z.infer<typeof DomFailure>;

/** The result of rendering the picked element with html2canvas-pro (element-render.ts). */
export const DomRender = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    /** PNG data URL of the rendered element. */
    dataUrl: z.string().startsWith('data:image/png;base64,'),
    /** Canvas size in pixels. */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** The element's box in document CSS pixels when it was rendered. */
    rect: PageRect,
    /** Boxes (document CSS px) the screen shows differently for now: the focused field and its ring. */
    transient: z.array(PageRect).max(8),
    /** How long html2canvas-pro took (for the benchmark). */
    renderMs: Finite.nonnegative(),
  }),
  z.strictObject({ ok: z.literal(false), reason: DomFailure, message: z.string().max(2000) }),
]);
export type DomRender = z.infer<typeof DomRender>;

/** How waiting for the page to settle ended (page/settle.ts). */
export const SettleReply = z.strictObject({
  settled: z.boolean(),
  waitedMs: Finite.nonnegative().max(600_000),
  /** What kept the page busy last (short words; empty when it settled). */
  busy: z.array(z.string().max(20)).max(10),
});
export type SettleReply = z.infer<typeof SettleReply>;

/** A click the page agent reported (page/clicks.ts); the page may send anything. */
export const ClickReport = z.strictObject({
  type: z.literal('touchpoint-audit:click'),
  kind: z.enum(['link', 'button', 'control']),
  name: z.string().max(200),
  length: z.number().int().nonnegative().max(10_000_000),
  rect: PageRect,
});
export type ClickReportReply = z.infer<typeof ClickReport>;
