/**
 * The caption band (an option per audit): a strip drawn under a capture's last image with the
 * page's title, its address and the capture time, so the evidence says where and when it was
 * taken in its own pixels — part of the stored bytes and of their SHA-256. The layout is pure
 * (test/unit/caption.test.ts); drawing runs in browser contexts (the service worker, the panel).
 */
import type { EncodedImage } from '../model';
import { encodeCaptured } from './encode';

/** What the band says, in the language of the report (the auditor's language at capture). */
export interface CaptionText {
  title: string;
  url: string;
  /** The capture time, formatted ("Captured 8 December 2026, 01:45:12 UTC"). */
  time: string;
}

/** Sizes in CSS px; the band is drawn at the image's own scale (device px per CSS px). */
const FONT_PX = 13;
const LINE_PX = 18;
const PAD_PX = 8;
/** The address wraps over at most this many lines; what does not fit ends in "…". */
export const CAPTION_URL_LINES = 3;
const ELLIPSIS = '…';

/** The lines of the band as drawn: the title (one line), the address (wrapped), the time. */
export interface CaptionLayout {
  title: string;
  url: string[];
  time: string;
  /** Whether the title or the address was shortened (the band shows "…" where it was). */
  shortened: boolean;
}

/** The longest prefix of `text` (whole code points) whose width fits, with "…" when cut. */
function fitLine(
  text: string,
  width: number,
  measure: (text: string) => number,
  ellipsis: boolean,
): { line: string; rest: string } {
  const chars = Array.from(text);
  if (measure(text) <= width) return { line: text, rest: '' };
  const suffix = ellipsis ? ELLIPSIS : '';
  // Binary search on the number of code points that fit with the suffix.
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(chars.slice(0, mid).join('') + suffix) <= width) low = mid;
    else high = mid - 1;
  }
  const count = Math.max(1, low);
  return { line: chars.slice(0, count).join('') + suffix, rest: chars.slice(count).join('') };
}

/** C0 and C1 control characters (and DEL): drawn as spaces. */
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/**
 * Lays the band's text out in `width` (the same unit as `measure`): the title on one line, the
 * address broken anywhere over at most CAPTION_URL_LINES lines, "…" wherever text was cut.
 * Control characters are shown as spaces (a title is page data, drawn as text only).
 */
export function layoutCaption(
  text: CaptionText,
  width: number,
  measure: (text: string) => number,
): CaptionLayout {
  const clean = (value: string) =>
    Array.from(value, (c) => (isControl(c.codePointAt(0) ?? 0) ? ' ' : c))
      .join('')
      .trim();
  const title = fitLine(clean(text.title), width, measure, true);
  const url: string[] = [];
  let rest = clean(text.url);
  let shortened = title.rest !== '';
  while (rest && url.length < CAPTION_URL_LINES) {
    const last = url.length === CAPTION_URL_LINES - 1;
    const fitted = fitLine(rest, width, measure, last);
    url.push(fitted.line);
    rest = fitted.rest;
    if (last && rest) shortened = true;
  }
  return { title: title.line, url, time: clean(text.time), shortened };
}

/** Height of the band in CSS px for a layout. */
export function captionHeight(layout: CaptionLayout): number {
  const lines = (layout.title ? 1 : 0) + layout.url.length + 1;
  return PAD_PX * 2 + lines * LINE_PX;
}

/** The band is drawn at most at this scale (device px per CSS px): a 16× screen gets a 4× band. */
const MAX_BAND_SCALE = 4;
/** The tallest band (device px): five lines at the largest scale. Bundles allow images this much taller. */
export const CAPTION_MAX_HEIGHT = (PAD_PX * 2 + (2 + CAPTION_URL_LINES) * LINE_PX) * MAX_BAND_SCALE;

const FONT_FAMILY = 'system-ui, "DejaVu Sans", Arial, sans-serif';

/**
 * `image` with the band drawn under it at `pixelRatio` device px per CSS px (at most
 * MAX_BAND_SCALE), encoded again in its
 * format (PNG stays lossless; JPEG and WebP at high quality), hashed and thumbnailed anew.
 * Returns the new image and the band's height in image pixels.
 */
export async function drawCaption(
  image: EncodedImage,
  text: CaptionText,
  pixelRatio: number,
): Promise<EncodedImage & { captionHeight: number }> {
  const bitmap = await createImageBitmap(image.blob);
  let blob: Blob;
  let band: number;
  const scale = Math.min(pixelRatio, MAX_BAND_SCALE);
  try {
    const probe = new OffscreenCanvas(1, 1).getContext('2d');
    if (!probe) throw new Error('No 2D canvas is available.');
    probe.font = `${FONT_PX}px ${FONT_FAMILY}`;
    const cssWidth = bitmap.width / scale;
    const layout = layoutCaption(text, cssWidth - PAD_PX * 2, (s) => probe.measureText(s).width);
    band = Math.round(captionHeight(layout) * scale);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height + band);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available.');
    context.drawImage(bitmap, 0, 0);
    context.fillStyle = '#f4f4f5';
    context.fillRect(0, bitmap.height, bitmap.width, band);
    context.fillStyle = '#a1a1aa';
    context.fillRect(0, bitmap.height, bitmap.width, Math.max(1, Math.round(scale)));
    context.scale(scale, scale);
    context.textBaseline = 'middle';
    let y = bitmap.height / scale + PAD_PX + LINE_PX / 2;
    const line = (value: string, font: string, colour: string) => {
      context.font = font;
      context.fillStyle = colour;
      context.fillText(value, PAD_PX, y);
      y += LINE_PX;
    };
    if (layout.title) line(layout.title, `600 ${FONT_PX}px ${FONT_FAMILY}`, '#18181b');
    for (const part of layout.url) line(part, `${FONT_PX}px ${FONT_FAMILY}`, '#1e3a8a');
    line(layout.time, `${FONT_PX}px ${FONT_FAMILY}`, '#3f3f46');
    const type = image.mime;
    blob = await canvas.convertToBlob({ type, quality: 0.92 });
    // WebP stops at 16,383 px per side: JPEG then, as a burn-in does.
    if (blob.type !== type)
      blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  } finally {
    bitmap.close();
  }
  const encoded = await encodeCaptured(blob, image.mode);
  return { ...image, ...encoded, captionHeight: band };
}
