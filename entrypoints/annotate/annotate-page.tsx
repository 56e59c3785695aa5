/**
 * The screenshot editor page (annotate.html?screenshot=<id>): the screenshot with its details and
 * the editor over it, read and changed through its controller (lib/controllers/annotate.ts).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Annotator } from '../../components/annotate/annotator';
import { useObjectUrls, useSubscription } from '../../components/shared/hooks';
import { PageShell, useShell } from '../../components/shared/page-shell';
import type { AnnotateController, ShownScreenshot } from '../../lib/controllers/annotate';
import { formatDateTime } from '../../lib/i18n';

export function AnnotatePage({ controller }: { controller: AnnotateController }) {
  const { shell, screenshotId } = controller;
  const page = useShell(shell);
  const { t, locale } = page;
  // undefined while loading, null when there is no such screenshot.
  const shown = useSubscription<ShownScreenshot | null | undefined>(
    controller.screenshot,
    undefined,
    [],
  );
  // null while loading, so a frame is never shown as lost before the answer is in.
  const kept = useSubscription<ReadonlySet<number> | null>(controller.kept, null, []);
  const [dirty, setDirty] = useState(false);
  const shot = shown?.shot;
  const image = shown?.image ?? null;

  // A new URL only when the bytes change (after redactions are burnt in), not on every read.
  const urls = useObjectUrls(
    useMemo(
      () => new Map(shot && image ? [[shot.id, { version: shot.sha256, blob: image }]] : []),
      [shot?.id, shot?.sha256, image],
    ),
  );

  // Unsaved annotations or pending redactions: ask before the tab closes.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: Event) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const imageUrl = shot ? urls.get(shot.id) : undefined;

  return (
    <PageShell
      shell={shell}
      state={page}
      class="annotate-page"
      title={t('annotateTitle')}
      loading={!page.settings}
    >
      <header class="annotate-head">
        <h1>{t('annotateTitle')}</h1>
        {shot && (
          <span class="shot-info" title={shot.url ?? shot.title}>
            {[
              shot.title || t('untitled'),
              shot.url,
              formatDateTime(shot.capturedAt, locale),
              shot.parts > 1 ? t('evidencePart', { part: shot.part + 1, parts: shot.parts }) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        )}
        {shot?.redacted && (
          <span class="redacted-flag" title={t('annotateIsRedacted')}>
            {t('redactedBadge')}
          </span>
        )}
      </header>
      {!screenshotId ? (
        <p class="message error" role="alert">
          {t('annotateNoId')}
        </p>
      ) : shown === null ? (
        <p class="message error" role="alert">
          {t('annotateNotFound')}
        </p>
      ) : !shot || !imageUrl ? (
        <p class="muted" aria-busy="true">
          {t('annotateLoading')}
        </p>
      ) : (
        <Annotator
          key={shot.id}
          t={t}
          imageUrl={imageUrl}
          imageAlt={t('annotateImageAlt', { title: shot.title || t('untitled') })}
          size={{ width: shot.width, height: shot.height }}
          initialAnnotations={shot.annotations}
          onSave={controller.saveAnnotations}
          onApplyRedactions={controller.applyRedactions}
          onDirtyChange={setDirty}
          frames={
            kept
              ? { list: shot.coveredFrames, kept, locale, onUncover: controller.uncoverFrame }
              : undefined
          }
        />
      )}
    </PageShell>
  );
}
