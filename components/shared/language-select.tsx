import type { Translate } from '../../lib/i18n';
import { LOCALES, type Locale } from '../../lib/taxonomy';

const NAMES: Record<Locale, string> = { en: 'English', ru: 'Русский' };

export function LanguageSelect({
  t,
  locale,
  onChange,
}: {
  t: Translate;
  locale: Locale;
  onChange: (locale: Locale) => void;
}) {
  return (
    <select
      class="language"
      aria-label={t('language')}
      value={locale}
      onChange={(e) => onChange(e.currentTarget.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l}>
          {NAMES[l]}
        </option>
      ))}
    </select>
  );
}
