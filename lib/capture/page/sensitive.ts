/**
 * The page side of automatic redaction: runs IN THE WALKED TAB (the extension's isolated world),
 * bundled into the on-demand page agent, at the moment of a capture and nowhere else.
 */
import type { Rect } from '../../geometry';
import type { Identity } from '../../model';
import type { SensitiveFields } from './replies';

/**
 * Finds the fields to cover: passwords and card fields always; other fields when their value
 * contains the auditor's identity (name, email, or the last 10 digits of the phone).
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
