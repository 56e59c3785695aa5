/** Geometry of annotations and redaction areas (image pixels). */
import { describe, expect, it } from 'vitest';
import {
  alignToBlocks,
  annotationBounds,
  arrowHead,
  isTooSmall,
  layoutText,
  moveAnnotation,
  moveRect,
  rectFromDrag,
  toImagePoint,
  wrapText,
} from '../../lib/annotate';
import { Annotation } from '../../lib/model';

const SIZE = { width: 1280, height: 800 };

describe('screen → image pixels', () => {
  it('scales a screen position into the image, whatever the display size', () => {
    // The 1280×800 image shown at half size, 100 px from the left and 50 px from the top.
    const box = { left: 100, top: 50, width: 640, height: 400 };
    expect(toImagePoint(100, 50, box, SIZE)).toEqual({ x: 0, y: 0 });
    expect(toImagePoint(420, 250, box, SIZE)).toEqual({ x: 640, y: 400 });
    expect(toImagePoint(740, 450, box, SIZE)).toEqual({ x: 1280, y: 800 });
  });

  it('clamps positions outside the image to its edge', () => {
    const box = { left: 0, top: 0, width: 1280, height: 800 };
    expect(toImagePoint(-40, 900, box, SIZE)).toEqual({ x: 0, y: 800 });
    expect(toImagePoint(2000, -3, box, SIZE)).toEqual({ x: 1280, y: 0 });
  });
});

describe('drag → rectangle', () => {
  it('normalises a drag in any direction to top-left + positive size', () => {
    const expected = { x: 100, y: 50, width: 200, height: 150 };
    expect(rectFromDrag({ x: 100, y: 50 }, { x: 300, y: 200 }, SIZE)).toEqual(expected);
    expect(rectFromDrag({ x: 300, y: 200 }, { x: 100, y: 50 }, SIZE)).toEqual(expected);
    expect(rectFromDrag({ x: 300, y: 50 }, { x: 100, y: 200 }, SIZE)).toEqual(expected);
  });

  it('clamps to the image and rounds to whole pixels', () => {
    expect(rectFromDrag({ x: -50, y: 700.4 }, { x: 40.6, y: 1000 }, SIZE)).toEqual({
      x: 0,
      y: 700,
      width: 41,
      height: 100,
    });
  });

  it('treats a drag shorter than a few pixels as a click', () => {
    expect(isTooSmall({ x: 10, y: 10 }, { x: 12, y: 13 })).toBe(true);
    expect(isTooSmall({ x: 10, y: 10 }, { x: 10, y: 30 })).toBe(false);
  });
});

describe('redaction areas', () => {
  it('grow outward to whole 16-pixel JPEG blocks, never shrink', () => {
    const rect = { x: 37, y: 20, width: 50, height: 9 };
    const area = alignToBlocks(rect, SIZE);
    expect(area).toEqual({ x: 32, y: 16, width: 64, height: 16 });
    expect(area.x).toBeLessThanOrEqual(rect.x);
    expect(area.x + area.width).toBeGreaterThanOrEqual(rect.x + rect.width);
  });

  it('stay inside the image at its edges', () => {
    const size = { width: 1000, height: 90 };
    expect(alignToBlocks({ x: 990, y: 80, width: 10, height: 10 }, size)).toEqual({
      x: 976,
      y: 80,
      width: 24,
      height: 10,
    });
  });
});

describe('text notes', () => {
  it('wrap at spaces, and inside a word only when it is too long', () => {
    expect(wrapText('call back within one hour', 12)).toEqual(['call back', 'within one', 'hour']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('first\nsecond', 40)).toEqual(['first', 'second']);
  });

  it('lay out below their anchor point, wrapped before the right edge of the image', () => {
    const layout = layoutText({ x: 1000, y: 100, text: 'a '.repeat(60).trim() }, SIZE);
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines[0]!.y).toBeGreaterThan(100);
    // Bold sans-serif glyphs are at most ~0.6 em wide: no line runs past the right edge.
    for (const line of layout.lines)
      expect(line.x + line.text.length * layout.fontSize * 0.6).toBeLessThanOrEqual(1280);
    expect(layout.bounds.x).toBe(1000);
    expect(layout.bounds.y).toBe(100);
  });
});

describe('arrows', () => {
  it('put the tip of the head on the end point and end the shaft inside the head', () => {
    const head = arrowHead({ x1: 0, y1: 100, x2: 200, y2: 100 }, SIZE);
    const points = head.points.split(' ').map((p) => p.split(',').map(Number));
    expect(points[0]).toEqual([200, 100]);
    // The two back corners are behind the tip, symmetric about the shaft.
    expect(points[1]![0]).toBeLessThan(200);
    expect(points[1]![0]).toBe(points[2]![0]);
    expect(points[1]![1]! + points[2]![1]!).toBeCloseTo(200);
    expect(head.shaftEnd.y).toBe(100);
    expect(head.shaftEnd.x).toBeLessThan(200);
    expect(head.shaftEnd.x).toBeGreaterThan(points[1]![0]!);
  });
});

describe('moving marks', () => {
  const box: Annotation = { kind: 'box', x: 10, y: 10, width: 100, height: 50, color: 'red' };
  const arrow: Annotation = { kind: 'arrow', x1: 50, y1: 50, x2: 10, y2: 20, color: 'blue' };

  it('moves every point of a shape by the same amount', () => {
    expect(moveAnnotation(arrow, 5, 7, SIZE)).toEqual({ ...arrow, x1: 55, y1: 57, x2: 15, y2: 27 });
  });

  it('stops at the image edge, keeping size and direction', () => {
    expect(moveAnnotation(box, -500, 5000, SIZE)).toEqual({ ...box, x: 0, y: 750 });
    const moved = moveAnnotation(arrow, -100, -100, SIZE);
    expect(annotationBounds(moved, SIZE)).toEqual({ x: 0, y: 0, width: 40, height: 30 });
    expect(moveRect({ x: 5, y: 5, width: 20, height: 20 }, 5000, -10, SIZE)).toEqual({
      x: 1260,
      y: 0,
      width: 20,
      height: 20,
    });
  });

  it('keeps moved marks valid for the schema', () => {
    const note: Annotation = { kind: 'text', x: 1270, y: 790, text: 'x', color: 'green' };
    for (const mark of [box, arrow, note]) {
      expect(Annotation.safeParse(moveAnnotation(mark, 9999, 9999, SIZE)).success).toBe(true);
    }
  });
});
