/**
 * Geometry of annotations and redaction areas, in IMAGE pixels (pure: no DOM, runs in Node tests).
 * The editor and the report draw with these, so a mark looks the same in both.
 */
import { JPEG_BLOCK_PX, toImagePixels, type Point, type Rect, type Size } from '../geometry';
import type { Annotation } from '../model';

export { JPEG_BLOCK_PX, type Point, type Rect, type Size };

/** Where an element sits on screen (a DOMRect is one). */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A drag shorter than this many image pixels in both directions is a click, not a shape. */
export const MIN_SHAPE_PX = 4;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Keeps a point inside the image. */
export function clampPoint(point: Point, size: Size): Point {
  return { x: clamp(point.x, 0, size.width), y: clamp(point.y, 0, size.height) };
}

/**
 * The image pixel under a screen position, for an image drawn into `box` at any scale; positions
 * outside the image are clamped to its edge. Rounded to whole pixels.
 */
export function toImagePoint(clientX: number, clientY: number, box: ScreenBox, size: Size): Point {
  const x = box.width > 0 ? ((clientX - box.left) * size.width) / box.width : 0;
  const y = box.height > 0 ? ((clientY - box.top) * size.height) / box.height : 0;
  return clampPoint({ x: Math.round(x), y: Math.round(y) }, size);
}

/** The rectangle spanned by a drag from `a` to `b` in any direction, clamped to the image. */
export function rectFromDrag(a: Point, b: Point, size: Size): Rect {
  const p = clampPoint(a, size);
  const q = clampPoint(b, size);
  const x = Math.round(Math.min(p.x, q.x));
  const y = Math.round(Math.min(p.y, q.y));
  return {
    x,
    y,
    width: Math.round(Math.max(p.x, q.x)) - x,
    height: Math.round(Math.max(p.y, q.y)) - y,
  };
}

/** True when a drag is too short to be meant as a box (or an arrow). */
export function isTooSmall(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < MIN_SHAPE_PX && Math.abs(a.y - b.y) < MIN_SHAPE_PX;
}

/**
 * Grows a redaction rectangle outward to whole JPEG blocks (clamped to the image), so that no block
 * mixes covered and visible pixels: the area decodes as solid black, with no compression noise
 * from the neighbouring content softening its edge.
 */
export function alignToBlocks(rect: Rect, size: Size, block = JPEG_BLOCK_PX): Rect {
  return (
    toImagePixels(rect, { image: size, block }) ?? { x: rect.x, y: rect.y, width: 0, height: 0 }
  );
}

/** Line width of boxes and arrows: readable on a phone screenshot and on a 4K page alike. */
export function strokeWidthFor(size: Size): number {
  return Math.max(2, Math.round(size.width / 320));
}

/** Font size of text notes, in image pixels. */
export function fontSizeFor(size: Size): number {
  return Math.max(14, Math.round(size.width / 48));
}

/** Rough advance width of one character, as a share of the font size (bold sans-serif). */
const CHAR_WIDTH = 0.6;
const LINE_HEIGHT = 1.25;

/**
 * Splits a note into lines of at most `maxChars` characters, breaking at spaces where it can and
 * inside a word only when the word alone is too long.
 */
export function wrapText(text: string, maxChars: number): string[] {
  const limit = Math.max(1, Math.floor(maxChars));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let rest = word;
      while (rest.length > limit) {
        if (line) lines.push(line);
        line = '';
        lines.push(rest.slice(0, limit));
        rest = rest.slice(limit);
      }
      if (!rest) continue;
      if (!line) line = rest;
      else if (line.length + 1 + rest.length <= limit) line += ` ${rest}`;
      else {
        lines.push(line);
        line = rest;
      }
    }
    if (line) lines.push(line);
  }
  return lines.length ? lines : [''];
}

export interface TextLayout {
  fontSize: number;
  /** Baseline of each line, starting at the note's top-left point. */
  lines: { text: string; x: number; y: number }[];
  bounds: Rect;
}

/** How a text note is laid out: wrapped to the image's right edge (at least 12 characters wide). */
export function layoutText(note: { x: number; y: number; text: string }, size: Size): TextLayout {
  const fontSize = fontSizeFor(size);
  const charWidth = fontSize * CHAR_WIDTH;
  const maxChars = Math.max(12, Math.floor((size.width - note.x - fontSize / 2) / charWidth));
  const texts = wrapText(note.text, maxChars);
  const lines = texts.map((text, i) => ({
    text,
    x: note.x,
    y: Math.round(note.y + fontSize + i * fontSize * LINE_HEIGHT),
  }));
  const widest = Math.max(...texts.map((t) => t.length));
  return {
    fontSize,
    lines,
    bounds: {
      x: note.x,
      y: note.y,
      width: Math.round(widest * charWidth),
      height: Math.round(fontSize * (1 + (texts.length - 1) * LINE_HEIGHT) + fontSize * 0.3),
    },
  };
}

/**
 * The arrowhead at (x2, y2) as an SVG `points` list (a filled triangle), and where the shaft should
 * end so its square end does not poke through the tip.
 */
export function arrowHead(
  arrow: { x1: number; y1: number; x2: number; y2: number },
  size: Size,
): { points: string; shaftEnd: Point } {
  const stroke = strokeWidthFor(size);
  const dx = arrow.x2 - arrow.x1;
  const dy = arrow.y2 - arrow.y1;
  const length = Math.hypot(dx, dy) || 1;
  const head = Math.min(stroke * 5, Math.max(stroke * 2, length * 0.6));
  const ux = dx / length;
  const uy = dy / length;
  const baseX = arrow.x2 - ux * head;
  const baseY = arrow.y2 - uy * head;
  const half = head * 0.5;
  const round = (n: number) => Math.round(n * 10) / 10;
  const corners = [
    [arrow.x2, arrow.y2],
    [baseX - uy * half, baseY + ux * half],
    [baseX + uy * half, baseY - ux * half],
  ];
  return {
    points: corners.map(([x, y]) => `${round(x!)},${round(y!)}`).join(' '),
    shaftEnd: { x: round(arrow.x2 - ux * head * 0.8), y: round(arrow.y2 - uy * head * 0.8) },
  };
}

/** The smallest rectangle around an annotation (for the selection outline and moving it). */
export function annotationBounds(annotation: Annotation, size: Size): Rect {
  switch (annotation.kind) {
    case 'box':
      return {
        x: annotation.x,
        y: annotation.y,
        width: annotation.width,
        height: annotation.height,
      };
    case 'arrow': {
      const x = Math.min(annotation.x1, annotation.x2);
      const y = Math.min(annotation.y1, annotation.y2);
      return {
        x,
        y,
        width: Math.max(annotation.x1, annotation.x2) - x,
        height: Math.max(annotation.y1, annotation.y2) - y,
      };
    }
    case 'text':
      return layoutText(annotation, size).bounds;
  }
}

/**
 * Moves an annotation by (dx, dy) image pixels without letting its anchor points leave the image
 * (the whole shape moves by the same amount, so it keeps its size and direction).
 */
export function moveAnnotation(
  annotation: Annotation,
  dx: number,
  dy: number,
  size: Size,
): Annotation {
  const b = annotationBounds(annotation, size);
  const right = annotation.kind === 'text' ? b.x : b.x + b.width;
  const bottom = annotation.kind === 'text' ? b.y : b.y + b.height;
  const mx = Math.round(clamp(dx, -b.x, size.width - right));
  const my = Math.round(clamp(dy, -b.y, size.height - bottom));
  switch (annotation.kind) {
    case 'box':
    case 'text':
      return { ...annotation, x: annotation.x + mx, y: annotation.y + my };
    case 'arrow':
      return {
        ...annotation,
        x1: annotation.x1 + mx,
        y1: annotation.y1 + my,
        x2: annotation.x2 + mx,
        y2: annotation.y2 + my,
      };
  }
}

/** Moves a rectangle by (dx, dy) keeping it inside the image. */
export function moveRect(rect: Rect, dx: number, dy: number, size: Size): Rect {
  return {
    ...rect,
    x: Math.round(clamp(rect.x + dx, 0, size.width - rect.width)),
    y: Math.round(clamp(rect.y + dy, 0, size.height - rect.height)),
  };
}
