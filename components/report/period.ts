/** A wave's days in words, shared by the report (page and export) and its pickers. */
import { translator } from '../../lib/i18n';
import type { Wave } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';

const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const rangeFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/**
 * A wave's period: "1–31 Jan 2027", "28 Dec 2026 – 3 Jan 2027"; one day once ("5 Jan 2027"),
 * never the same date twice. Local days (a wave's start and end are local midnights).
 */
export function periodText(wave: Pick<Wave, 'start' | 'end'>, locale: Locale): string {
  const format = (rangeFormats[locale] ??= new Intl.DateTimeFormat(INTL_TAGS[locale], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }));
  return wave.end > wave.start && format.format(wave.start) !== format.format(wave.end)
    ? format.formatRange(wave.start, wave.end)
    : format.format(wave.start);
}

/** "Wave 2 (1–31 Jan 2027)". */
export function waveText(wave: Pick<Wave, 'name' | 'start' | 'end'>, locale: Locale): string {
  return translator(locale)('waveWithPeriod', {
    wave: wave.name,
    period: periodText(wave, locale),
  });
}

/** "n = 2 walks", "n = 1 walk". */
export function walksText(n: number, locale: Locale): string {
  const t = translator(locale);
  return n === 1 ? t('nWalk') : t('nWalks', { n });
}
