/**
 * Automatic redaction before anything is stored: password and payment-card fields, and any form
 * field whose value contains the auditor's own identity, are covered with solid black.
 */
import type { Identity } from '../model';
import { JPEG_BLOCK_PX, toImagePixels, type Rect } from '../geometry';

export interface SensitiveFields {
  scrollX: number;
  scrollY: number;
  /** Fields to cover, in document CSS pixels. */
  rects: Rect[];
}

/**
 * Runs IN THE PAGE (serialised by runInTab; must stay self-contained): finds the fields to cover.
 * Passwords and card fields always; other fields when their value contains the identity.
 */
export function findSensitiveFields(identity: Identity): SensitiveFields {
  const squash = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
  const digitsOf = (text: string) => text.replace(/\D/g, '');
  const luhn = (digits: string) => {
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return sum % 10 === 0;
  };
  const texts = [identity.name, identity.email].map(squash).filter((t) => t.length >= 3);
  // People write the same number with different prefixes (+7 …, 8 …): match its last 10 digits.
  const phone = digitsOf(identity.phone).slice(-10);
  const cardHint = /(^|[^a-z])(cc|card|cvc|cvv|csc|pan|expir)/i;
  const rects: Rect[] = [];
  const fields = document.querySelectorAll<HTMLElement>(
    'input, textarea, select, [contenteditable]',
  );
  for (const field of fields) {
    const box = field.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) continue;
    let value = '';
    let sensitive = false;
    if (field instanceof HTMLInputElement) {
      value = field.value;
      const hints = `${field.name} ${field.id} ${field.autocomplete} ${field.getAttribute('aria-label') ?? ''}`;
      sensitive =
        field.type === 'password' ||
        field.autocomplete.startsWith('cc-') ||
        cardHint.test(hints) ||
        (/^[\d\s-]{13,23}$/.test(value) &&
          digitsOf(value).length >= 13 &&
          digitsOf(value).length <= 19 &&
          luhn(digitsOf(value)));
    } else if (field instanceof HTMLTextAreaElement) {
      value = field.value;
    } else if (field instanceof HTMLSelectElement) {
      value = field.selectedOptions[0]?.text ?? '';
    } else if (field.isContentEditable) {
      value = field.innerText;
    } else {
      continue;
    }
    const text = squash(value);
    if (!sensitive && text) {
      sensitive =
        texts.some((t) => text.includes(t)) ||
        (phone.length >= 6 && digitsOf(value).includes(phone));
    }
    if (sensitive) {
      rects.push({
        x: box.left + window.scrollX - 2,
        y: box.top + window.scrollY - 2,
        width: box.width + 4,
        height: box.height + 4,
      });
    }
  }
  return { scrollX: window.scrollX, scrollY: window.scrollY, rects };
}

/**
 * Fills rects with solid black on a canvas, each grown to the whole pixels (and `block`s) that show
 * it (lib/geometry). Rects are in CSS px relative to `origin` (e.g. the viewport's top-left in the
 * document); `scale` is canvas pixels per CSS px. Returns how many rects touched the canvas.
 */
export function paintRedactions(
  context: OffscreenCanvasRenderingContext2D,
  rects: readonly Rect[],
  view: { origin?: { x: number; y: number }; scale?: number; block?: number },
): number {
  const image = { width: context.canvas.width, height: context.canvas.height };
  const boxes = rects
    .map((rect) => toImagePixels(rect, { ...view, image }))
    .filter((box): box is Rect => box !== null);
  context.fillStyle = '#000';
  for (const box of boxes) context.fillRect(box.x, box.y, box.width, box.height);
  return boxes.length;
}

/** JPEG quality of an image re-encoded after redaction. */
const REDACTED_QUALITY = 0.85;

/**
 * Covers `rects` on a captured image and returns the new image bytes (the uncovered original is
 * not kept), or null when no rect touches the image. `cssWidth` is the image's width in CSS px
 * (null: assume one image pixel per CSS pixel).
 */
export async function coverRegions(
  image: Blob,
  rects: readonly Rect[],
  origin: { x: number; y: number },
  cssWidth: number | null,
): Promise<Blob | null> {
  if (!rects.length) return null;
  const bitmap = await createImageBitmap(image);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0);
    const scale = cssWidth ? bitmap.width / cssWidth : 1;
    if (!paintRedactions(context, rects, { origin, scale, block: JPEG_BLOCK_PX })) return null;
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: REDACTED_QUALITY });
  } finally {
    bitmap.close();
  }
}
