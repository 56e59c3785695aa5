/** Mounts an extension page; if it cannot be built at all, the page says why instead of staying blank. */
import { render, type VNode } from 'preact';
import { localeFor, translator } from '../../lib/i18n';
import { logError } from '../../lib/log';
import { describeError } from './describe-error';

/**
 * Renders the page `build` resolves with into #app. A failure (the store could not be opened, a
 * controller could not be built) is logged and shown in the browser's language: no settings
 * could be read to choose another.
 */
export function mountPage(where: string, build: () => Promise<VNode> | VNode): void {
  const root = document.getElementById('app')!;
  Promise.resolve()
    .then(build)
    .then(
      (page) => render(page, root),
      (error: unknown) => {
        logError(where, error);
        const t = translator(localeFor(navigator.language));
        render(
          <main class="panel">
            <section class="storage-banner" role="alert" aria-label={t('pageFailedTitle')}>
              <strong>{t('pageFailedTitle')}</strong>
              <p>{t('pageFailed', { error: describeError(error, t) })}</p>
            </section>
          </main>,
          root,
        );
      },
    );
}
