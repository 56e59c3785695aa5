/**
 * Putting a tab's frames together for redaction (lib/capture/frame-tree.ts): every frame reports
 * its fields and frame elements in its own client CSS px; composeFrames maps them to the top
 * document and lists the frames that could not be checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeFrames, frameToTop, type FrameReply } from '../../lib/capture/frame-tree';
import type { FrameBox, FrameReport } from '../../lib/capture/page/replies';
import { intersect, toImagePixels, type Rect } from '../../lib/geometry';
import { frameReport } from './helpers';

const RATIOS = [1, 1.25, 1.5, 2, 3];

const rect = (x: number, y: number, width: number, height: number): Rect => ({
  x,
  y,
  width,
  height,
});

/** A frame element whose document shows in `content` (its parent's client px), 2 px border. */
const frameBox = (slot: number, content: Rect, options: Partial<FrameBox> = {}): FrameBox => ({
  slot,
  content,
  outer: rect(content.x - 2, content.y - 2, content.width + 4, content.height + 4),
  exact: true,
  reachable: true,
  ...options,
});

const top = (report: Partial<FrameReport> = {}): FrameReply => ({
  frameId: 0,
  report: frameReport(report),
});

/** A child frame's reply: linked to `parent` (its nonce) at `slot`. */
const child = (
  frameId: number,
  parent: string,
  slot: number,
  report: Partial<FrameReport> = {},
): FrameReply => ({
  frameId,
  report: frameReport({
    nonce: `frame-${frameId}`,
    parent: { nonce: parent, slot },
    top: false,
    viewport: { width: 400, height: 300 },
    ...report,
  }),
});

describe('composeFrames', () => {
  it('keeps the top document as it is when it has no frames', () => {
    const coverage = composeFrames([
      top({
        viewport: { width: 1024, height: 700 },
        fields: [rect(10, 20, 100, 30), rect(50, 900, 80, 20)],
      }),
    ]);
    expect(coverage).toMatchObject({
      scroll: { x: 0, y: 0 },
      viewport: { width: 1024, height: 700 },
      // The top's own fields are not clipped to its viewport (an element render shows more).
      fields: [rect(10, 20, 100, 30), rect(50, 900, 80, 20)],
      frames: [],
      scanned: 0,
    });
    expect(coverage.views.get(0)).toEqual({
      offset: { x: 0, y: 0 },
      scale: { x: 1, y: 1 },
      clip: null,
      scroll: { x: 0, y: 0 },
    });
  });

  it('moves a child frame’s fields by where its content box is', () => {
    const coverage = composeFrames([
      top({ frames: [frameBox(0, rect(100, 50, 400, 300))] }),
      child(5, 'top-nonce', 0, { fields: [rect(10, 20, 50, 10)] }),
    ]);
    expect(coverage.fields).toEqual([rect(110, 70, 50, 10)]);
    expect(coverage.frames).toEqual([]);
    expect(coverage.scanned).toBe(1);
    expect(coverage.views.get(5)).toMatchObject({
      offset: { x: 100, y: 50 },
      scale: { x: 1, y: 1 },
      clip: rect(100, 50, 400, 300),
    });
  });

  it('adds up the offsets of nested frames, clipped to every frame on the way', () => {
    const coverage = composeFrames([
      top({ frames: [frameBox(0, rect(100, 50, 400, 300))] }),
      child(5, 'top-nonce', 0, {
        frames: [frameBox(0, rect(20, 30, 200, 100)), frameBox(1, rect(350, 250, 200, 100))],
      }),
      child(6, 'frame-5', 0, {
        viewport: { width: 200, height: 100 },
        fields: [rect(5, 5, 10, 10)],
      }),
      // Sticks out of its parent's bottom-right corner: only what its parent shows is covered.
      child(7, 'frame-5', 1, {
        viewport: { width: 200, height: 100 },
        fields: [rect(0, 0, 100, 100)],
      }),
    ]);
    expect(coverage.fields).toEqual([rect(125, 85, 10, 10), rect(450, 300, 50, 50)]);
    expect(coverage.views.get(6)).toMatchObject({
      offset: { x: 120, y: 80 },
      clip: rect(120, 80, 200, 100),
    });
    expect(coverage.views.get(7)?.clip).toEqual(rect(450, 300, 50, 50));
    expect(coverage.scanned).toBe(3);
  });

  it('scales the fields of a frame shown at half size', () => {
    const coverage = composeFrames([
      top({ frames: [frameBox(0, rect(100, 50, 200, 150))] }),
      child(5, 'top-nonce', 0, {
        viewport: { width: 400, height: 300 },
        fields: [rect(40, 60, 100, 20)],
      }),
    ]);
    expect(coverage.views.get(5)?.scale).toEqual({ x: 0.5, y: 0.5 });
    expect(coverage.fields).toEqual([rect(120, 80, 50, 10)]);
  });

  it('takes a scrolled frame’s fields as reported (client px) and drops what it scrolled away', () => {
    const coverage = composeFrames([
      top({ frames: [frameBox(0, rect(100, 50, 400, 300))] }),
      child(5, 'top-nonce', 0, {
        scroll: { x: 0, y: 500 },
        fields: [
          rect(10, 20, 50, 10), // on screen in the frame
          rect(10, 350, 50, 20), // below the frame's viewport
          rect(10, -40, 50, 20), // scrolled off the frame's top
          rect(10, 290, 50, 20), // half shown at the frame's bottom edge
        ],
      }),
    ]);
    expect(coverage.fields).toEqual([rect(110, 70, 50, 10), rect(110, 340, 50, 10)]);
    // A rect of the frame's document (client + its scroll) maps to the same place.
    expect(frameToTop(coverage, 5, rect(10, 520, 50, 10))).toEqual(rect(110, 70, 50, 10));
  });

  it('gives everything in document px of the top (client + the top’s scroll)', () => {
    const coverage = composeFrames([
      top({
        scroll: { x: 30, y: 1000 },
        fields: [rect(10, 20, 100, 30)],
        frames: [frameBox(0, rect(100, 50, 400, 300)), frameBox(1, rect(600, 50, 100, 100))],
      }),
      child(5, 'top-nonce', 0, { scroll: { x: 0, y: 200 }, fields: [rect(10, 20, 50, 10)] }),
    ]);
    expect(coverage.scroll).toEqual({ x: 30, y: 1000 });
    expect(coverage.fields).toEqual([rect(40, 1020, 100, 30), rect(140, 1070, 50, 10)]);
    expect(coverage.frames).toEqual([{ rect: rect(628, 1048, 104, 104), reason: 'no-answer' }]);
    expect(frameToTop(coverage, 5, rect(10, 220, 50, 10))).toEqual(rect(140, 1070, 50, 10));
    expect(frameToTop(coverage, 0, rect(10, 1020, 100, 30))).toEqual(rect(10, 1020, 100, 30));
  });

  it('covers whole, with the reason, each frame it could not check', () => {
    const coverage = composeFrames([
      top({
        frames: [
          frameBox(0, rect(0, 0, 100, 100)), // nobody answered for it
          frameBox(-1, rect(200, 0, 100, 100)), // appeared after the frames were linked
          frameBox(2, rect(400, 0, 100, 100)), // two documents claim it
          frameBox(3, rect(600, 0, 100, 100), { reachable: false }), // an embed: no script runs
        ],
      }),
      child(5, 'top-nonce', 2, { fields: [rect(0, 0, 10, 10)] }),
      child(6, 'top-nonce', 2, { fields: [rect(0, 0, 10, 10)] }),
      // Even an answer claiming the embed's slot does not make it checked.
      child(7, 'top-nonce', 3, { fields: [rect(0, 0, 10, 10)] }),
      // Linked to nothing that was walked: ignored.
      child(8, 'unknown-nonce', 0, { fields: [rect(0, 0, 10, 10)] }),
    ]);
    expect(coverage.frames).toEqual([
      { rect: rect(-2, -2, 104, 104), reason: 'no-answer' },
      { rect: rect(198, -2, 104, 104), reason: 'added-during-scan' },
      { rect: rect(398, -2, 104, 104), reason: 'ambiguous' },
      { rect: rect(598, -2, 104, 104), reason: 'not-scriptable' },
    ]);
    // Nothing of the frames that were not walked is trusted or mapped.
    expect(coverage.fields).toEqual([]);
    expect(coverage.scanned).toBe(0);
    expect([...coverage.views.keys()]).toEqual([0]);
    expect(frameToTop(coverage, 5, rect(0, 0, 10, 10))).toBeNull();
  });

  it('covers a frame whose answer claims an ancestor as its child, without walking it again', () => {
    const coverage = composeFrames([
      top({ frames: [frameBox(0, rect(0, 0, 400, 300))] }),
      child(5, 'top-nonce', 0, { frames: [frameBox(0, rect(10, 10, 100, 100))] }),
      // Frame 6 reuses the top's nonce: its "child" at slot 0 would be frame 5 again.
      child(6, 'frame-5', 0, {
        nonce: 'top-nonce',
        viewport: { width: 100, height: 100 },
        frames: [frameBox(0, rect(10, 10, 50, 50))],
      }),
    ]);
    expect(coverage.frames).toEqual([{ rect: rect(18, 18, 54, 54), reason: 'no-answer' }]);
    expect(coverage.scanned).toBe(2);
  });

  it('covers a rotated or skewed frame whole when anything in it must be covered, else nothing', () => {
    const tilted = frameBox(0, rect(100, 50, 400, 300), { exact: false });
    const withField = composeFrames([
      top({ frames: [tilted] }),
      child(5, 'top-nonce', 0, { fields: [rect(10, 20, 50, 10)] }),
    ]);
    expect(withField.fields).toEqual([tilted.outer]);
    expect(withField.frames).toEqual([]);
    expect(withField.scanned).toBe(1);
    // …also when the field is in a frame inside it.
    const nested = composeFrames([
      top({ frames: [tilted] }),
      child(5, 'top-nonce', 0, { frames: [frameBox(0, rect(0, 0, 100, 100))] }),
      child(6, 'frame-5', 0, { fields: [rect(10, 20, 50, 10)] }),
    ]);
    expect(nested.fields).toEqual([tilted.outer]);
    const clean = composeFrames([top({ frames: [tilted] }), child(5, 'top-nonce', 0)]);
    expect(clean.fields).toEqual([]);
    expect(clean.frames).toEqual([]);
    expect(clean.scanned).toBe(1);
    // Its fields do not map: its own view is not used.
    expect(frameToTop(withField, 5, rect(10, 20, 50, 10))).toBeNull();
  });

  // BUG (lib/capture/frame-tree.ts:69 subtreeHasFields, used at :154): a frame that could not be
  // checked inside a rotated or skewed frame is neither covered nor counted. Flip to it() once
  // fixed.
  it('covers a rotated frame whole when a frame inside it could not be checked', () => {
    const tilted = frameBox(0, rect(100, 50, 400, 300), { exact: false });
    const coverage = composeFrames([
      top({ frames: [tilted] }),
      // Frame 5 answers with no fields, but nobody answers for the frame inside it.
      child(5, 'top-nonce', 0, { frames: [frameBox(0, rect(10, 10, 200, 100))] }),
    ]);
    expect([...coverage.fields, ...coverage.frames.map((frame) => frame.rect)]).toEqual([
      tilted.outer,
    ]);
  });

  it('ignores frames with no area, and frames their parent does not show', () => {
    const coverage = composeFrames([
      top({
        frames: [
          { ...frameBox(0, rect(10, 10, 0, 0)), outer: rect(10, 10, 0, 0) },
          frameBox(1, rect(100, 50, 400, 300)),
        ],
      }),
      child(5, 'top-nonce', 1, {
        // Scrolled out of the frame's viewport: neither covered nor walked.
        frames: [frameBox(0, rect(50, 400, 100, 100))],
      }),
    ]);
    expect(coverage.frames).toEqual([]);
    expect(coverage.scanned).toBe(1);
    // A child that reports no viewport cannot be mapped: covered whole.
    const empty = composeFrames([
      top({ frames: [frameBox(0, rect(100, 50, 400, 300))] }),
      child(5, 'top-nonce', 0, { viewport: { width: 0, height: 0 }, fields: [rect(1, 1, 5, 5)] }),
    ]);
    expect(empty.frames).toEqual([{ rect: rect(98, 48, 404, 304), reason: 'no-answer' }]);
    expect(empty.fields).toEqual([]);
  });

  it('refuses to compose without the top document’s reply', () => {
    expect(() => composeFrames([child(5, 'top-nonce', 0)])).toThrow(/did not answer/);
    expect(() => composeFrames([])).toThrow();
  });

  it('maps a rect of a frame’s document to the top and back (frameToTop)', () => {
    const coverage = composeFrames([
      top({ scroll: { x: 0, y: 700 }, frames: [frameBox(0, rect(100, 50, 600, 450))] }),
      child(5, 'top-nonce', 0, {
        viewport: { width: 800, height: 600 },
        scroll: { x: 40, y: 300 },
        frames: [frameBox(0, rect(200, 100, 100, 100))],
      }),
      child(6, 'frame-5', 0, {
        viewport: { width: 200, height: 200 },
        scroll: { x: 0, y: 1000 },
        fields: [rect(20, 40, 60, 20)],
      }),
    ]);
    const view = coverage.views.get(6)!;
    expect(view.scale.x).toBeCloseTo(0.375, 12);
    const inFrame = rect(20, 1040, 60, 20); // the field, in frame 6's document px
    const inTop = frameToTop(coverage, 6, inFrame)!;
    // The same place as the composed field.
    expect(inTop.x).toBeCloseTo(coverage.fields[0]!.x, 9);
    expect(inTop.y).toBeCloseTo(coverage.fields[0]!.y, 9);
    expect(inTop.width).toBeCloseTo(coverage.fields[0]!.width, 9);
    // …and back: top document px → top client → frame client → frame document.
    const back = {
      x: (inTop.x - coverage.scroll.x - view.offset.x) / view.scale.x + view.scroll.x,
      y: (inTop.y - coverage.scroll.y - view.offset.y) / view.scale.y + view.scroll.y,
      width: inTop.width / view.scale.x,
      height: inTop.height / view.scale.y,
    };
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(back[key]).toBeCloseTo(inFrame[key], 9);
    }
    expect(frameToTop(coverage, 42, inFrame)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a field deep in nested, scaled, offset frames is covered wholly and tightly.

/** One nested frame: its content box in its parent's client px and its document's viewport. */
interface Level {
  x: number;
  y: number;
  scale: number;
  viewport: { width: number; height: number };
  border: number;
  scroll: { x: number; y: number };
}

const level: fc.Arbitrary<Level> = fc.record({
  x: fc.double({ min: -300, max: 1500, noNaN: true, noDefaultInfinity: true }),
  y: fc.double({ min: -300, max: 1200, noNaN: true, noDefaultInfinity: true }),
  scale: fc.double({ min: 0.25, max: 2, noNaN: true, noDefaultInfinity: true }),
  viewport: fc.record({
    width: fc.integer({ min: 20, max: 1600 }),
    height: fc.integer({ min: 20, max: 1200 }),
  }),
  border: fc.integer({ min: 0, max: 6 }),
  scroll: fc.record({ x: fc.integer({ min: 0, max: 500 }), y: fc.integer({ min: 0, max: 5000 }) }),
});

/** A field inside a viewport: fractions of its size. */
const fieldIn = fc.record({
  x: fc.double({ min: 0, max: 0.99, noNaN: true }),
  y: fc.double({ min: 0, max: 0.99, noNaN: true }),
  width: fc.double({ min: 0.001, max: 1, noNaN: true }),
  height: fc.double({ min: 0.001, max: 1, noNaN: true }),
});

/** The replies of a chain of nested frames (frame ids 1…n), the field in the innermost one. */
function chainReplies(
  levels: readonly Level[],
  field: Rect,
  topScroll: { x: number; y: number },
  topViewport: { width: number; height: number },
): FrameReply[] {
  const box = (l: Level, slot: number): FrameBox => {
    const content = rect(l.x, l.y, l.viewport.width * l.scale, l.viewport.height * l.scale);
    return {
      slot,
      content,
      outer: rect(
        content.x - l.border,
        content.y - l.border,
        content.width + 2 * l.border,
        content.height + 2 * l.border,
      ),
      exact: true,
      reachable: true,
    };
  };
  const replies: FrameReply[] = [
    top({ scroll: topScroll, viewport: topViewport, frames: [box(levels[0]!, 0)] }),
  ];
  levels.forEach((l, i) => {
    const next = levels[i + 1];
    replies.push(
      child(i + 1, i === 0 ? 'top-nonce' : `frame-${i}`, 0, {
        viewport: l.viewport,
        scroll: l.scroll,
        fields: next ? [] : [field],
        frames: next ? [box(next, 0)] : [],
      }),
    );
  });
  return replies;
}

/**
 * The same geometry multiplied out independently, innermost first: a rect in the innermost
 * frame's client px → the top's client px; and each frame's content box in the top's client px.
 */
function multiplyOut(levels: readonly Level[], field: Rect) {
  let r = { ...field };
  for (let i = levels.length - 1; i >= 0; i--) {
    const l = levels[i]!;
    r = {
      x: l.x + r.x * l.scale,
      y: l.y + r.y * l.scale,
      width: r.width * l.scale,
      height: r.height * l.scale,
    };
  }
  const contents: Rect[] = [];
  let offset = { x: 0, y: 0 };
  let scale = 1;
  for (const l of levels) {
    const content = {
      x: offset.x + l.x * scale,
      y: offset.y + l.y * scale,
      width: l.viewport.width * l.scale * scale,
      height: l.viewport.height * l.scale * scale,
    };
    contents.push(content);
    offset = { x: content.x, y: content.y };
    scale *= l.scale;
  }
  return { field: r, contents };
}

describe('composeFrames, nested frames at every device pixel ratio (property)', () => {
  it.each(RATIOS)('covers a field in nested frames wholly and tightly at DPR %s', (dpr) => {
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 4 }),
        fieldIn,
        fc.record({
          x: fc.integer({ min: 0, max: 2000 }),
          y: fc.integer({ min: 0, max: 30_000 }),
        }),
        fc.record({
          width: fc.integer({ min: 320, max: 1920 }),
          height: fc.integer({ min: 240, max: 1200 }),
        }),
        fc.constantFrom(1, 16),
        (levels, fraction, topScroll, topViewport, block) => {
          const inner = levels.at(-1)!.viewport;
          const field = rect(
            fraction.x * inner.width,
            fraction.y * inner.height,
            Math.min(fraction.width, 1 - fraction.x) * inner.width,
            Math.min(fraction.height, 1 - fraction.y) * inner.height,
          );
          const coverage = composeFrames(chainReplies(levels, field, topScroll, topViewport));
          // Every frame answered: none is covered whole.
          expect(coverage.frames).toEqual([]);
          const image = {
            width: Math.round(topViewport.width * dpr),
            height: Math.round(topViewport.height * dpr),
          };

          // The exact image-space rectangle of the field, clipped by every frame that shows it
          // and by the image (real-valued image px).
          const exact = multiplyOut(levels, field);
          let shown: Rect | null = exact.field;
          for (const content of exact.contents) shown = shown && intersect(shown, content);
          const left = shown ? Math.max(0, shown.x * dpr) : 0;
          const top = shown ? Math.max(0, shown.y * dpr) : 0;
          const right = shown ? Math.min(image.width, (shown.x + shown.width) * dpr) : 0;
          const bottom = shown ? Math.min(image.height, (shown.y + shown.height) * dpr) : 0;

          expect(coverage.fields.length).toBeLessThanOrEqual(1);
          const composed = coverage.fields[0];
          const box = composed
            ? toImagePixels(composed, { origin: topScroll, scale: dpr, image, block })
            : null;
          const eps = 1e-6 * Math.max(1, dpr) + 1e-9;
          // Narrower than the rounding rule's tolerance: may or may not be a pixel.
          const visible = right - left > 2 * eps && bottom - top > 2 * eps;
          if (visible) {
            // (a) No pixel of the field is left uncovered.
            expect(box).not.toBeNull();
            expect(box!.x).toBeLessThanOrEqual(left + eps);
            expect(box!.y).toBeLessThanOrEqual(top + eps);
            expect(box!.x + box!.width).toBeGreaterThanOrEqual(right - eps);
            expect(box!.y + box!.height).toBeGreaterThanOrEqual(bottom - eps);
          }
          if (!box) return true;
          for (const v of [box.x, box.y, box.width, box.height]) {
            expect(Number.isInteger(v)).toBe(true);
          }
          // (b) No more than a pixel (or a block) beyond the field's exact rect, apart from
          // clipping.
          const slack = block + eps;
          if (shown) {
            expect(box.x).toBeGreaterThanOrEqual(left - slack);
            expect(box.y).toBeGreaterThanOrEqual(top - slack);
            expect(box.x + box.width).toBeLessThanOrEqual(right + slack);
            expect(box.y + box.height).toBeLessThanOrEqual(bottom + slack);
          }
          // (c) What is covered stays inside every ancestor frame's content box: the field in
          // top-document px exactly, its image box up to the pixel (block) it is grown to.
          for (const content of exact.contents) {
            const doc = { ...content, x: content.x + topScroll.x, y: content.y + topScroll.y };
            const tol = 1e-6;
            expect(composed!.x).toBeGreaterThanOrEqual(doc.x - tol);
            expect(composed!.y).toBeGreaterThanOrEqual(doc.y - tol);
            expect(composed!.x + composed!.width).toBeLessThanOrEqual(doc.x + doc.width + tol);
            expect(composed!.y + composed!.height).toBeLessThanOrEqual(doc.y + doc.height + tol);
            expect(box.x).toBeGreaterThanOrEqual(content.x * dpr - slack);
            expect(box.y).toBeGreaterThanOrEqual(content.y * dpr - slack);
            expect(box.x + box.width).toBeLessThanOrEqual(
              (content.x + content.width) * dpr + slack,
            );
            expect(box.y + box.height).toBeLessThanOrEqual(
              (content.y + content.height) * dpr + slack,
            );
          }
          return true;
        },
      ),
      { numRuns: 1000 },
    );
  });
});
