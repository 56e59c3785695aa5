/** The storage banner says the disk is full only when it is, and the browser's words otherwise. */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StorageBanner } from '../../components/shared/storage-banner';
import { storageCause } from '../../lib/db/errors';
import { en } from '../../lib/i18n/en';
import { ru } from '../../lib/i18n/ru';
import { translator } from '../../lib/i18n';
import type { StorageState } from '../../lib/model';

const MB = 1024 * 1024;

function failed(error: unknown, during: 'open' | 'write' = 'open'): StorageState {
  return {
    kind: 'halted',
    reason: 'failed',
    freeBytes: null,
    neededBytes: 50 * MB,
    cause: storageCause(error, during),
  };
}

function banner(state: StorageState, locale: 'en' | 'ru' = 'en') {
  return render(<StorageBanner t={translator(locale)} state={state} onRetry={async () => state} />);
}

/** The banner's text as a person reads it (entities decoded, tags dropped). */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const FULL_DISK = en.storageFailed.replace('{needed}', '50');

describe('storage banner', () => {
  it('says the disk is full for a quota error, exactly as before', () => {
    const html = banner(failed(new DOMException('quota', 'QuotaExceededError'), 'write'));
    expect(html).toContain('aria-label="The disk is full"');
    expect(text(html)).toContain(FULL_DISK);
  });

  it('says the disk is full when the browser gave no error (it closed the connection)', () => {
    expect(failed(undefined)).toMatchObject({ cause: null });
    expect(text(banner(failed(undefined)))).toContain(FULL_DISK);
  });

  it('keeps the low-space wording with the free space', () => {
    const html = banner({
      kind: 'halted',
      reason: 'low-space',
      freeBytes: 5 * MB,
      neededBytes: 50 * MB,
      cause: null,
    });
    expect(html).toContain('aria-label="The disk is full"');
    expect(text(html)).toContain('Only 5 MB are free on the disk');
  });

  it.each([
    [
      'an upgrade that failed',
      {
        name: 'OpenFailedError',
        message: 'UpgradeError Not yet support for changing primary key',
        inner: { name: 'UpgradeError', message: 'Not yet support for changing primary key' },
      },
      'UpgradeError: Not yet support for changing primary key',
    ],
    [
      'a newer version',
      new DOMException(
        'The requested version (50) is less than the existing version (60).',
        'VersionError',
      ),
      'VersionError: The requested version (50) is less than the existing version (60)',
    ],
    [
      'an unknown error',
      new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
      'UnknownError: Internal error opening backing store for indexedDB.open',
    ],
  ])('says what the browser reported when opening failed: %s', (_label, error, said) => {
    const html = banner(failed(error, 'open'));
    expect(html).toContain('aria-label="The database could not be used"');
    expect(text(html)).toContain(
      `The database could not be opened: ${said}. Your saved steps were not changed. Close other tabs of Touchpoint Audit and press Try again`,
    );
    expect(text(html)).not.toContain('full');
  });

  it('says what the browser reported when a write failed for another reason', () => {
    const html = banner(failed({ name: 'AbortError', message: 'Transaction aborted' }, 'write'));
    expect(text(html)).toContain('The database refused to save: AbortError: Transaction aborted.');
  });

  it('says it in Russian too', () => {
    const error = new DOMException('Internal error.', 'UnknownError');
    const html = banner(failed(error, 'open'), 'ru');
    expect(html).toContain(`aria-label="${ru.storageErrorTitle}"`);
    expect(text(html)).toContain('Не удалось открыть базу данных: UnknownError: Internal error. ');
    const full = banner(failed(new DOMException('quota', 'QuotaExceededError'), 'write'), 'ru');
    expect(text(full)).toContain(ru.storageFailed.replace('{needed}', '50'));
  });
});
