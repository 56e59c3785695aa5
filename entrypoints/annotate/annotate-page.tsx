/** The screenshot editor page (annotate.html?screenshot=<id>): wires the store into the editor. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { Annotator } from '../../components/annotate/annotator';
import { useObjectUrls, useSubscription } from '../../components/shared/hooks';
import type { Rect } from '../../lib/annotate';
import { browserLanguage, subscribeSettings, type Settings } from '../../lib/browser';
import { watchQuery, type AuditStore } from '../../lib/db';
import { applyRedactions, uncoverFrame } from '../../lib/services/redaction';
import { formatDateTime, localeFor, translator } from '../../lib/i18n';
import type { Annotation, Screenshot } from '../../lib/model';

export function AnnotatePage({
  store,
  screenshotId,
}: {
  store: AuditStore;
  screenshotId: string | null;
}) {
  const settings = useSubscription<Settings | null>(subscribeSettings, null, []);
  const locale = settings?.locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  // undefined while loading, null when there is no such screenshot.
  const shot = useSubscription<Screenshot | null | undefined>(
    (v, e) =>
      screenshotId
        ? watchQuery(async () => (await store.getScreenshot(screenshotId)) ?? null, v, e)
        : (v(null), () => {}),
    undefined,
    [screenshotId],
  );
  // Which covered frames still have their original pixels held back (only those can be uncovered).
  // null while loading, so a frame is never shown as lost before the answer is in.
  const kept = useSubscription<ReadonlySet<number> | null>(
    (v, e) =>
      screenshotId
        ? watchQuery(
            async () =>
              new Set((await store.heldBackOriginals(screenshotId)).map((area) => area.index)),
            v,
            e,
          )
        : (v(new Set()), () => {}),
    null,
    [screenshotId],
  );
  const [image, setImage] = useState<Blob | null>(null);
  const [dirty, setDirty] = useState(false);

  // The full image is read again whenever its bytes change (after redactions are burnt in).
  useEffect(() => {
    if (!shot) return;
    let live = true;
    void store.getImage(shot.id).then((blob) => live && setImage(blob ?? null));
    return () => {
      live = false;
    };
  }, [shot?.id, shot?.sha256]);
  const urls = useObjectUrls(
    useMemo(
      () => new Map(shot && image ? [[shot.id, { version: shot.sha256, blob: image }]] : []),
      [shot?.id, image],
    ),
  );

  useEffect(() => {
    document.title = `${t('annotateTitle')} — ${t('appName')}`;
    document.documentElement.lang = locale;
  }, [locale]);

  // Unsaved annotations or pending redactions: ask before the tab closes.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: Event) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (!settings) return <main class="annotate-page" aria-busy="true" />;
  const imageUrl = shot ? urls.get(shot.id) : undefined;

  const save = (annotations: Annotation[]) => store.updateAnnotations(shot!.id, annotations);
  const redact = (areas: Rect[]) => applyRedactions(store, shot!.id, areas);
  const uncover = async (index: number) => {
    const next = await uncoverFrame(store, shot!.id, index);
    return next.coveredFrames[index]?.uncoveredAt ?? Date.now();
  };

  return (
    <main class="annotate-page">
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
      ) : shot === null ? (
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
          onSave={save}
          onApplyRedactions={redact}
          onDirtyChange={setDirty}
          frames={kept ? { list: shot.coveredFrames, kept, locale, onUncover: uncover } : undefined}
        />
      )}
    </main>
  );
}
