/** The strings kept per feature (lib/i18n/parts) are all in use, once, in both languages. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../lib/i18n';
import { WORD_GROUPS } from '../../lib/i18n/parts';

const core = (locale: 'en' | 'ru') =>
  readFileSync(new URL(`../../lib/i18n/${locale}.ts`, import.meta.url), 'utf8');

describe('strings kept per feature', () => {
  it('no key is defined twice: in two groups, or in a group and en.ts / ru.ts', () => {
    const seen = new Map<string, string>();
    for (const [group, words] of Object.entries(WORD_GROUPS)) {
      for (const key of Object.keys(words.en)) {
        expect(seen.get(key), `${key} is in ${group} and ${seen.get(key)}`).toBeUndefined();
        seen.set(key, group);
        for (const locale of ['en', 'ru'] as const) {
          const quoted = key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
          expect(core(locale)).not.toMatch(new RegExp(`^\\s+'?${quoted}'?:`, 'm'));
        }
      }
    }
  });

  it('every group has the same keys in English and Russian, none empty, and both reach MESSAGES', () => {
    for (const words of Object.values(WORD_GROUPS)) {
      expect(Object.keys(words.ru).sort()).toEqual(Object.keys(words.en).sort());
      for (const [key, text] of Object.entries(words.en as Record<string, string>)) {
        expect(text.trim()).not.toBe('');
        expect((words.ru as Record<string, string>)[key]!.trim()).not.toBe('');
        expect(MESSAGES.en[key as keyof typeof MESSAGES.en]).toBe(text);
        expect(MESSAGES.ru[key as keyof typeof MESSAGES.ru]).toBe(
          (words.ru as Record<string, string>)[key],
        );
      }
    }
  });
});
