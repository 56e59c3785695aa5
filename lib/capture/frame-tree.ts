/**
 * Puts the frames of a tab together for redaction: each frame reported its own fields and frame
 * elements in its own client CSS px (page/sensitive.ts); this maps every field through its
 * frames' offsets, scales, scroll positions and clipping to the top document, and lists the
 * frames that could not be checked — which are then covered whole. Pure; unit- and
 * property-tested (test/unit/frame-tree.test.ts).
 */
import { intersect, type Point, type Rect } from '../geometry';
import type { FrameBox, FrameReport } from './page/replies';

/** One frame's reply to a scan, with the browser's id of the frame (0: the top document). */
export interface FrameReply {
  frameId: number;
  report: FrameReport;
}

/** How a frame's client CSS px show in the top document's client CSS px. */
export interface FrameView {
  offset: Point;
  scale: { x: number; y: number };
  /** What of the top's client area the frame's document can show (its frames' boxes, nested). */
  clip: Rect | null;
  /** The frame's own scroll position when it was scanned. */
  scroll: Point;
}

/** Why a frame was covered whole. */
export type UncheckedReason = 'no-answer' | 'not-scriptable' | 'added-during-scan' | 'ambiguous';

/** What a capture covers in a tab, in top-document CSS px (client + the top's scroll). */
export interface TabCoverage {
  /** The top document's scroll position when it was scanned. */
  scroll: Point;
  /** The top document's viewport (window.innerWidth/innerHeight), CSS px. */
  viewport: { width: number; height: number };
  /** Fields holding the auditor's identity, passwords or card numbers. */
  fields: Rect[];
  /** Embedded frames that could not be checked, each covered whole. */
  frames: { rect: Rect; reason: UncheckedReason }[];
  /** Embedded frames (visible ones) that were checked. */
  scanned: number;
  /** Each checked frame's mapping, by frame id (the top document's is the identity). */
  views: Map<number, FrameView>;
  /**
   * Each frame's own fields: `shown`, the entries of `fields` clipped to the frame's box, and
   * `whole`, not clipped — what a render of an element in that frame shows (it draws all of the
   * element, also where its frame's viewport cuts it off).
   */
  frameFields: Map<number, { shown: Rect[]; whole: Rect[] }>;
}

const NO_CLIP = null;

function clipTo(rect: Rect, clip: Rect | null): Rect | null {
  return clip ? intersect(rect, clip) : rect.width > 0 && rect.height > 0 ? rect : null;
}

function mapRect(rect: Rect, view: Pick<FrameView, 'offset' | 'scale'>): Rect {
  return {
    x: view.offset.x + rect.x * view.scale.x,
    y: view.offset.y + rect.y * view.scale.y,
    width: rect.width * view.scale.x,
    height: rect.height * view.scale.y,
  };
}

const TOP_VIEW = (scroll: Point): FrameView => ({
  offset: { x: 0, y: 0 },
  scale: { x: 1, y: 1 },
  clip: NO_CLIP,
  scroll,
});

/**
 * Whether anything in a frame's subtree must be covered (for frames that map only roughly): a
 * field, or a frame inside it that could not be checked.
 */
function subtreeNeedsCover(
  reply: FrameReply,
  childrenOf: (reply: FrameReply) => Map<number, FrameReply[]>,
  depth = 0,
): boolean {
  if (reply.report.fields.length || depth > 32) return true;
  const children = childrenOf(reply);
  return reply.report.frames.some((element) => {
    const claims = element.slot >= 0 ? (children.get(element.slot) ?? []) : [];
    return (
      !element.reachable ||
      claims.length !== 1 ||
      subtreeNeedsCover(claims[0]!, childrenOf, depth + 1)
    );
  });
}

/**
 * Composes the frames' replies into what to cover in the top document. The top document's reply
 * (frame 0) is required; any frame element whose document did not answer, answered twice, could
 * not be scripted or appeared after linking is covered whole, and so is a frame that is rotated
 * or skewed when anything inside it must be covered. Fields are clipped to the boxes of the frames
 * that show them (a field scrolled out of its frame is not on screen); the top document's own
 * fields are not clipped to the viewport (an element render can show more than the screen).
 */
export function composeFrames(replies: readonly FrameReply[]): TabCoverage {
  const root = replies.find((reply) => reply.frameId === 0);
  if (!root) throw new Error('the page did not answer the check for fields to cover');
  const byParent = new Map<string, Map<number, FrameReply[]>>();
  for (const reply of replies) {
    const link = reply.report.parent;
    if (reply === root || !link) continue;
    const slots = byParent.get(link.nonce) ?? new Map<number, FrameReply[]>();
    byParent.set(link.nonce, slots);
    slots.set(link.slot, [...(slots.get(link.slot) ?? []), reply]);
  }
  const childrenOf = (reply: FrameReply) =>
    (reply.report.nonce && byParent.get(reply.report.nonce)) || new Map<number, FrameReply[]>();

  const scroll = root.report.scroll;
  const coverage: TabCoverage = {
    scroll,
    viewport: root.report.viewport,
    fields: [],
    frames: [],
    scanned: 0,
    views: new Map(),
    frameFields: new Map(),
  };
  const toDocument = (rect: Rect): Rect => ({
    ...rect,
    x: rect.x + scroll.x,
    y: rect.y + scroll.y,
  });
  const visited = new Set<FrameReply>();

  const walk = (reply: FrameReply, view: FrameView) => {
    visited.add(reply);
    coverage.views.set(reply.frameId, view);
    const own = { shown: [] as Rect[], whole: [] as Rect[] };
    coverage.frameFields.set(reply.frameId, own);
    for (const field of reply.report.fields) {
      const mapped = mapRect(field, view);
      own.whole.push(toDocument(mapped));
      const shown = clipTo(mapped, view.clip);
      if (shown) own.shown.push(toDocument(shown));
    }
    coverage.fields.push(...own.shown);
    const children = childrenOf(reply);
    for (const element of reply.report.frames) {
      const outer = clipTo(mapRect(element.outer, view), view.clip);
      if (!outer) continue;
      const unchecked = (reason: UncheckedReason) =>
        coverage.frames.push({ rect: toDocument(outer), reason });
      const claims = element.slot >= 0 ? (children.get(element.slot) ?? []) : [];
      const child = claims[0];
      if (!element.reachable) unchecked('not-scriptable');
      else if (element.slot < 0) unchecked('added-during-scan');
      else if (claims.length > 1) unchecked('ambiguous');
      else if (!child || visited.has(child)) unchecked('no-answer');
      else enter(child, element, view, outer);
    }
  };

  const enter = (child: FrameReply, element: FrameBox, view: FrameView, outer: Rect) => {
    const content = mapRect(element.content, view);
    const { width, height } = child.report.viewport;
    if (width <= 0 || height <= 0 || content.width <= 0 || content.height <= 0) {
      coverage.frames.push({ rect: toDocument(outer), reason: 'no-answer' });
      return;
    }
    coverage.scanned++;
    if (!element.exact) {
      // Rotated or skewed: its fields do not map to boxes; cover the frame if it has any.
      visited.add(child);
      if (subtreeNeedsCover(child, childrenOf)) coverage.fields.push(toDocument(outer));
      return;
    }
    walk(child, {
      offset: { x: content.x, y: content.y },
      scale: { x: content.width / width, y: content.height / height },
      clip: clipTo(content, view.clip) ?? { x: content.x, y: content.y, width: 0, height: 0 },
      scroll: child.report.scroll,
    });
  };

  walk(root, TOP_VIEW(scroll));
  return coverage;
}

/**
 * A rect in a frame's document CSS px (its client px + its scroll) in the top document's CSS px,
 * through that frame's view; null for a frame the coverage does not know.
 */
export function frameToTop(coverage: TabCoverage, frameId: number, rect: Rect): Rect | null {
  const view = coverage.views.get(frameId);
  if (!view) return null;
  const client = { ...rect, x: rect.x - view.scroll.x, y: rect.y - view.scroll.y };
  const shown = mapRect(client, view);
  return { ...shown, x: shown.x + coverage.scroll.x, y: shown.y + coverage.scroll.y };
}
