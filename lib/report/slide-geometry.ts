/**
 * The slides' geometry and text measures (inches, points): the frame every slide module draws in.
 * Pure, and imports nothing from the slide modules, so each of them can import it.
 */

// --- Geometry (inches; a 16:9 slide is 10 × 5.625) ----------------------------------------------

export const SLIDE = {
  width: 10,
  height: 5.625,
  /** Left and right margin; the content is `width - 2 × margin` wide. */
  margin: 0.5,
  titleY: 0.28,
  titleH: 0.6,
  noteY: 0.86,
  /** Three lines of a note. */
  noteH: 0.52,
  /** Where the content starts, without and with a note under the title. */
  top: 1.0,
  topWithNote: 1.44,
  /** Where the content must end (the footer is below). */
  bottom: 5.0,
  footerY: 5.17,
  footerH: 0.3,
} as const;

export const CONTENT_WIDTH = SLIDE.width - 2 * SLIDE.margin;

/** The cover's text sits right of an accent bar. */
export const COVER_TEXT_WIDTH = CONTENT_WIDTH - 0.3;

/** Font sizes (points), one family throughout (see lib/report/pptx.ts). */
export const FONT = {
  title: 24,
  cover: 34,
  body: 14,
  table: 11,
  sub: 9,
  note: 10,
  caption: 10,
  footer: 9,
} as const;

/** Line height as a multiple of the font size. */
export const LINE = 1.2;
/** Table cell margins: top, right, bottom, left (inches). */
export const CELL_MARGIN = [0.04, 0.07, 0.04, 0.07] as const;
/** The average advance of a character in em (Arial / Liberation Sans, a little over for Cyrillic). */
const CHAR_EM = 0.56;
/** The same in bold. */
const CHAR_EM_BOLD = 0.62;
/** A cell's text is cut after this many lines, so that any row fits a slide. */
export const MAX_CELL_LINES = 5;

/** How many characters fit on one line `widthIn` wide at `fontPt`. */
export function charsPerLine(widthIn: number, fontPt: number, bold = false): number {
  return Math.max(4, Math.floor((widthIn * 72) / (fontPt * (bold ? CHAR_EM_BOLD : CHAR_EM))));
}

/** Lines `text` takes when wrapped at word boundaries to `perLine` characters (estimate). */
export function wrappedLines(text: string, perLine: number): number {
  let total = 0;
  for (const paragraph of text.split('\n')) {
    let lines = 1;
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let length = word.length;
      if (used > 0 && used + 1 + length > perLine) {
        lines++;
        used = 0;
      }
      if (used > 0) used++;
      while (used + length > perLine) {
        // A word longer than a line breaks anywhere.
        length -= perLine - used;
        lines++;
        used = 0;
      }
      used += length;
    }
    total += lines;
  }
  return total;
}

/** Lines `text` takes in a box `widthIn` wide at `fontPt`. */
export function textLines(text: string, widthIn: number, fontPt: number, bold = false): number {
  return wrappedLines(text, charsPerLine(widthIn, fontPt, bold));
}

/** Height (inches) of `lines` lines at `fontPt`. */
export function linesHeight(lines: number, fontPt: number): number {
  return (lines * fontPt * LINE) / 72;
}

/** `text` cut (with "…") so that it takes at most `lines` lines `widthIn` wide at `fontPt`. */
export function clipToLines(
  text: string,
  widthIn: number,
  fontPt: number,
  lines: number,
  bold = false,
): string {
  const flat = text.trim();
  if (textLines(flat, widthIn, fontPt, bold) <= lines) return flat;
  let low = 0;
  let high = flat.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textLines(`${flat.slice(0, mid).trimEnd()}…`, widthIn, fontPt, bold) <= lines) low = mid;
    else high = mid - 1;
  }
  return `${flat.slice(0, low).trimEnd()}…`;
}

/** A box on a slide (inches). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
