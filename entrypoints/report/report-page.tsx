/** The report page: choose journeys of an audit, compare them, export HTML and CSV. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError } from '../../components/shared/describe-error';
import { SelectField } from '../../components/shared/fields';
import {
  thumbnailBlob,
  useObjectUrls,
  useSubscription,
  type VersionedBlob,
} from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { maskLabels } from '../../components/shared/messages';
import {
  retryStorage,
  StorageBanner,
  useStorageState,
} from '../../components/shared/storage-banner';
import { REPORT_CSS } from '../../components/report/report-css';
import { ReportContents } from '../../components/report/contents';
import { renderReportDocument } from '../../components/report/document';
import { ReportView, type ImageSize } from '../../components/report/view';
import {
  browserLanguage,
  saveFile,
  subscribeSettings,
  writeSettings,
  type Settings,
} from '../../lib/browser';
import { watchQuery, type AuditSnapshot, type AuditStore } from '../../lib/db';
import { localeFor, translator } from '../../lib/i18n';
import type { Audit, Screenshot } from '../../lib/model';
import { renderCsv } from '../../lib/report/csv';
import { fileStem } from '../../lib/report/files';
import { reportImages } from '../../lib/services/report';
import { exportSlides } from '../../lib/services/slides';
import { buildReport } from '../../lib/report/model';
import { shareRecords } from '../../lib/privacy';

export function ReportPage({ store }: { store: AuditStore }) {
  const settings = useSubscription<Settings | null>(subscribeSettings, null, []);
  const audits = useSubscription<Audit[] | null>(
    (v, e) => watchQuery(() => store.listAudits(), v, e),
    null,
    [],
  );
  const storage = useStorageState(store.storage);
  const locale = settings?.locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  const [auditId, setAuditId] = useState<string | null>(null);
  const audit = audits?.find((a) => a.id === (auditId ?? settings?.activeAuditId)) ?? audits?.[0];
  const snapshot = useSubscription<AuditSnapshot | null>(
    (v, e) => (audit ? watchQuery(() => store.readAudit(audit.id), v, e) : (v(null), () => {})),
    null,
    [audit?.id],
  );
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [fullImages, setFullImages] = useState<ReadonlyMap<string, VersionedBlob>>(new Map());
  const chosenIds = snapshot?.journeys.filter((j) => !unchecked.has(j.id)).map((j) => j.id) ?? [];
  const choices = settings?.reportChoices ?? { userAgent: false, fileNames: false };
  // What the report shows is what it exports: the auditor's identity masked, technical details
  // and upload file names only if chosen.
  const model = useMemo(() => {
    if (!snapshot) return null;
    const shared = shareRecords(
      snapshot,
      settings?.identity ?? null,
      { identity: false, ...choices },
      maskLabels(t),
    );
    return buildReport(shared, chosenIds, Date.now(), -new Date().getTimezoneOffset());
  }, [
    snapshot,
    chosenIds.join(),
    settings?.identity,
    choices.userAgent,
    choices.fileNames,
    locale,
  ]);

  useEffect(() => {
    document.title = `${t('reportTitle')} — ${t('appName')}`;
    document.documentElement.lang = locale;
  }, [locale]);

  // Full images are read once per screenshot set (and again when redaction replaces bytes).
  useEffect(() => {
    if (!snapshot) return;
    let live = true;
    void Promise.all(
      snapshot.screenshots.map(async (s) => {
        const blob = await store.getImage(s.id);
        return blob ? ([[s.id, { version: s.sha256, blob }]] as const) : [];
      }),
    ).then((pairs) => live && setFullImages(new Map(pairs.flat())));
    return () => {
      live = false;
    };
  }, [snapshot?.screenshots.map((s) => s.id + s.sha256).join()]);

  const thumbUrls = useObjectUrls(
    useMemo(() => new Map(snapshot?.screenshots.map((s) => [s.id, thumbnailBlob(s)])), [snapshot]),
  );
  const fullUrls = useObjectUrls(fullImages);
  const imageSrc = (shot: Screenshot, size: ImageSize) =>
    (size === 'full' ? fullUrls.get(shot.id) : thumbUrls.get(shot.id)) ?? thumbUrls.get(shot.id);

  const exportHtml = async () => {
    if (!model) return;
    try {
      const shots = model.journeys.flatMap((j) => j.steps.flatMap((s) => s.screenshots));
      const images = await reportImages(store, shots, model.settings.images);
      const html = await renderReportDocument(model, locale, images.source, images.defs);
      saveFile(
        `${fileStem(model.audit.name, model.generatedAt)}-report.html`,
        html,
        'text/html;charset=utf-8',
      );
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const [slidesBusy, setSlidesBusy] = useState(false);
  const exportPptx = async () => {
    if (!model || slidesBusy) return;
    setSlidesBusy(true);
    try {
      const { name, blob } = await exportSlides(store, model, locale);
      saveFile(name, blob);
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setSlidesBusy(false);
    }
  };

  const exportCsv = () => {
    if (!model) return;
    saveFile(
      `${fileStem(model.audit.name, model.generatedAt)}-steps.csv`,
      renderCsv(model, locale),
      'text/csv;charset=utf-8',
    );
  };

  const banner = <StorageBanner t={t} state={storage} onRetry={() => retryStorage(store)} />;
  if (!settings || !audits)
    return (
      <main class="report-page" aria-busy={storage.kind !== 'halted'}>
        {banner}
      </main>
    );

  return (
    <main class="report-page">
      {banner}
      <style>{REPORT_CSS}</style>
      <header class="toolbar no-print" aria-label={t('reportSettings')}>
        <strong class="brand">{t('appName')}</strong>
        {audits.length === 0 ? (
          <p class="muted">{t('reportNoAudits')}</p>
        ) : (
          audit && (
            <SelectField
              label={t('audit')}
              value={audit.id}
              options={audits.map((a) => ({ value: a.id, label: a.name }))}
              onChange={(id) => {
                setAuditId(id);
                setUnchecked(new Set());
              }}
            />
          )
        )}
        {snapshot && snapshot.journeys.length > 0 && (
          <fieldset class="journey-picker">
            <legend>{t('compareJourneys')}</legend>
            {snapshot.journeys.map((j) => (
              <label key={j.id} class="check">
                <input
                  type="checkbox"
                  checked={!unchecked.has(j.id)}
                  onChange={(e) => {
                    const next = new Set(unchecked);
                    if (e.currentTarget.checked) next.delete(j.id);
                    else next.add(j.id);
                    setUnchecked(next);
                  }}
                />
                {j.brandName}
              </label>
            ))}
          </fieldset>
        )}
        <fieldset class="journey-picker">
          <legend>{t('reportInclude')}</legend>
          <label class="check">
            <input
              type="checkbox"
              checked={choices.userAgent}
              onChange={(e) =>
                void writeSettings({
                  reportChoices: { ...choices, userAgent: e.currentTarget.checked },
                })
              }
            />
            {t('includeUserAgentShort')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={choices.fileNames}
              onChange={(e) =>
                void writeSettings({
                  reportChoices: { ...choices, fileNames: e.currentTarget.checked },
                })
              }
            />
            {t('includeFileNamesShort')}
          </label>
        </fieldset>
        <span class="spacer" />
        <LanguageSelect t={t} locale={locale} onChange={(l) => void writeSettings({ locale: l })} />
        <button type="button" class="primary" disabled={!model} onClick={() => void exportHtml()}>
          {t('exportHtml')}
        </button>
        <button
          type="button"
          disabled={!model || slidesBusy}
          aria-busy={slidesBusy}
          onClick={() => void exportPptx()}
        >
          {t('slidesExport')}
        </button>
        <button type="button" disabled={!model} onClick={exportCsv}>
          {t('exportCsv')}
        </button>
        <button type="button" disabled={!model} onClick={() => window.print()}>
          {t('print')}
        </button>
      </header>
      {error && (
        <p class="message error" role="alert">
          {error}
        </p>
      )}
      {snapshot && model && (
        <ReportContents
          t={t}
          settings={model.settings}
          journeys={snapshot.journeys.map((journey) => ({
            journey,
            steps: snapshot.touchpoints
              .filter((s) => s.journeyId === journey.id)
              .sort((a, b) => a.seq - b.seq),
          }))}
          onChange={(change) =>
            void store.updateReportSettings(snapshot.audit.id, change).then(
              () => setError(null),
              (e: unknown) => setError(describeError(e, t)),
            )
          }
        />
      )}
      {model && <ReportView model={model} locale={locale} imageSrc={imageSrc} />}
    </main>
  );
}
