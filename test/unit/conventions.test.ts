/** Meta-tests: conventions that keep the taxonomy and the translations complete, and one log. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_ERROR_CODES } from '../../lib/bundle';
import { CAPTURE_FAILURES } from '../../lib/capture/errors';
import { formatDuration, localeFor, MESSAGES, translator } from '../../lib/i18n';
import { CATEGORIES, CHANNELS, LOCALES, STAGES, STATUS_GROUPS } from '../../lib/taxonomy';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has every message in every locale, non-empty, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en);
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual([...keys].sort());
      for (const key of keys as (keyof typeof MESSAGES.en)[]) {
        expect(MESSAGES[locale][key].trim(), `${locale}.${key}`).not.toBe('');
        expect(placeholders(MESSAGES[locale][key]), `${locale}.${key}`).toEqual(
          placeholders(MESSAGES.en[key]),
        );
      }
    }
  });

  it('has a message for every reason a capture, a bundle or a restore can fail', () => {
    for (const code of BUNDLE_ERROR_CODES) expect(MESSAGES.en).toHaveProperty(`bundle_${code}`);
    for (const reason of CAPTURE_FAILURES) expect(MESSAGES.en).toHaveProperty(`error_${reason}`);
  });

  it('fills placeholders as plain text and picks the locale from the browser language', () => {
    expect(translator('en')('captured', { n: 3 })).toBe('Step 3 captured.');
    expect(translator('ru')('stepN', { n: '<b>' })).toBe('Шаг <b>');
    expect(localeFor('ru-RU')).toBe('ru');
    expect(localeFor('en-US')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
    expect(formatDuration(3_725_000, 'en')).toBe('1 h 2 min');
    expect(formatDuration(65_000, 'ru')).toBe('1 мин 5 с');
  });
});

describe('taxonomy', () => {
  it('labels every stage, category, channel and status group in every locale', () => {
    for (const table of [STAGES, CATEGORIES, CHANNELS, STATUS_GROUPS]) {
      for (const [id, entry] of Object.entries(table)) {
        for (const locale of LOCALES)
          expect((entry as Record<string, unknown>)[locale], `${id}.${locale}`).toEqual(
            expect.stringMatching(/\S/),
          );
        expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      }
    }
  });

  it('gives every stage a known status group, and labels are unique within a table', () => {
    for (const stage of Object.values(STAGES))
      expect(Object.keys(STATUS_GROUPS)).toContain(stage.group);
    for (const table of [STAGES, CATEGORIES, CHANNELS]) {
      for (const locale of LOCALES) {
        const labels = Object.values(table).map((e) => e[locale]);
        expect(new Set(labels).size).toBe(labels.length);
      }
    }
  });
});

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every .ts/.tsx file under `dir` (relative to the repository root). */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('logging', () => {
  it('goes through lib/log only: no console call anywhere else in the product', () => {
    const files = ['lib', 'components', 'entrypoints'].flatMap(sources);
    expect(files).toContain('lib/log/index.ts');
    const calls = files
      .filter((file) => !file.startsWith('lib/log/'))
      .flatMap((file) =>
        fs
          .readFileSync(path.join(ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\bconsole\s*\.\s*\w+/.test(line) ? [`${file}:${i + 1}`] : [])),
      );
    expect(calls).toEqual([]);
  });
});
