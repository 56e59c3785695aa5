/** A wave's days in words, shared by the report (page and export) and its pickers. */
import { translator } from '../../lib/i18n';
import type { Wave } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';
import { periodText } from '../../lib/report/words';

export { periodText };

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
