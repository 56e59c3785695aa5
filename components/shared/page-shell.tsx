/**
 * One shell for every extension page: the language, the document title, the storage banner and
 * the banner for a failed read. Pages read the shell's state with `useShell` and render their
 * content inside `<PageShell>`.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import type { ReadFailure, ShellController } from '../../lib/controllers/shell';
import type { Translate } from '../../lib/i18n';
import type { Locale } from '../../lib/taxonomy';
import type { StorageState } from '../../lib/model';
import type { Settings } from '../../lib/model/settings';
import { describeError } from './describe-error';
import { useSubscription } from './hooks';
import { StorageBanner } from './storage-banner';

export interface ShellState {
  /** Null until read. */
  settings: Settings | null;
  locale: Locale;
  t: Translate;
  storage: StorageState;
  failure: ReadFailure | null;
}

/** The shell's live state: settings, language, translator, storage and the last failed read. */
export function useShell(shell: ShellController): ShellState {
  const settings = useSubscription<Settings | null>(shell.settings, null, []);
  const storage = useSubscription<StorageState>(shell.storage, shell.storageState(), []);
  const failure = useSubscription<ReadFailure | null>(shell.failures, null, []);
  const locale = shell.localeOf(settings);
  const t = useMemo(() => shell.translatorFor(locale), [locale]);
  return { settings, locale, t, storage, failure };
}

export function PageShell(props: {
  shell: ShellController;
  state: ShellState;
  /** The page's `<main>` classes. */
  class: string;
  /** The document title; the app's name is added unless `bare`. */
  title?: string;
  bare?: boolean;
  /** True while the page waits for its first data (nothing but the banners is shown). */
  loading?: boolean;
  children?: ComponentChildren;
}) {
  const { shell, state, title } = props;
  const { t, locale, storage, failure } = state;
  useEffect(() => {
    if (title !== undefined) document.title = props.bare ? title : `${title} — ${t('appName')}`;
    document.documentElement.lang = locale;
  }, [title, locale, props.bare]);
  return (
    <main class={props.class} aria-busy={props.loading ? storage.kind !== 'halted' : undefined}>
      <StorageBanner t={t} state={storage} onRetry={() => shell.retryStorage()} />
      {failure && (
        <section class="storage-banner" role="alert" aria-label={t('readFailedTitle')}>
          <strong>{t('readFailedTitle')}</strong>
          <p>{t('readFailed', { error: describeError(failure.error, t) })}</p>
          <div class="row">
            <button type="button" class="primary" onClick={() => shell.reload()}>
              {t('readFailedReload')}
            </button>
          </div>
        </section>
      )}
      {!props.loading && props.children}
    </main>
  );
}
