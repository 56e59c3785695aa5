/**
 * Times as the auditor types them in the side panel: a measured duration for a service standard
 * ("1h 30m", "1:30", Russian unit letters too) and an action's due date (an <input type="date">
 * value, kept as the local midnight the day starts). Pure.
 */

/** Milliseconds per unit letter or word, English and Russian; a bare number is seconds. */
const DURATION_UNITS: Record<string, number> = {
  s: 1000,
  с: 1000,
  m: 60_000,
  м: 60_000,
  min: 60_000,
  мин: 60_000,
  h: 3_600_000,
  ч: 3_600_000,
  d: 86_400_000,
  д: 86_400_000,
};

/**
 * Parses "90", "90s", "2m", "1h 30m", "1,5 ч", "1:30" (minutes:seconds) or "1:02:03"
 * (hours:minutes:seconds) into whole milliseconds; null for anything else (negative numbers,
 * unknown units, words).
 */
export function parseDuration(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/,/g, '.');
  if (!value) return null;
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(value);
  if (clock) {
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] ? Number(clock[3]) : null];
    return c === null ? (a * 60 + b) * 1000 : ((a * 60 + b) * 60 + c) * 1000;
  }
  let total = 0;
  let rest = value;
  const part = /^(\d+(?:\.\d+)?)\s*(min|мин|[smhdсмчд])?\s*/;
  while (rest) {
    const match = part.exec(rest);
    if (!match || match[0] === '') return null;
    total += Number(match[1]) * (DURATION_UNITS[match[2] ?? 's'] ?? 1000);
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}

/** The `yyyy-mm-dd` of the local day a time falls on (as a date input shows it). */
export function localDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The local midnight that starts the day of a `yyyy-mm-dd` date input (localDay's inverse);
 * null for anything else.
 */
export function parseDateInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match
    ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime()
    : null;
}
