/**
 * The report page: choose journeys of an audit, compare them, export HTML, slides and CSV, over
 * its controller (lib/controllers/report.ts).
 */
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
import { PageShell, useShell } from '../../components/shared/page-shell';
import { REPORT_CSS } from '../../components/report/report-css';
import { ReportContents } from '../../components/report/contents';
import { ReportView, type ImageSize } from '../../components/report/view';
import type { ReportController } from '../../lib/controllers/report';
import type { Audit, AuditSnapshot, Screenshot } from '../../lib/model';

export function ReportPage({ controller }: { controller: ReportController }) {
  const { shell } = controller;
  const page = useShell(shell);
  const { settings, t, locale } = page;
  const audits = useSubscription<Audit[] | null>(controller.audits, null, []);
  const [auditId, setAuditId] = useState<string | null>(null);
  const audit = audits?.find((a) => a.id === (auditId ?? settings?.activeAuditId)) ?? audits?.[0];
  const snapshot = useSubscription<AuditSnapshot | null>(
    audit ? controller.snapshot(audit.id) : (v) => (v(null), () => {}),
    null,
    [audit?.id],
  );
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [fullImages, setFullImages] = useState<ReadonlyMap<string, VersionedBlob>>(new Map());
  const chosenIds = snapshot?.journeys.filter((j) => !unchecked.has(j.id)).map((j) => j.id) ?? [];
  const choices = controller.choicesOf(settings);
  // What the report shows is what it exports (the controller masks and leaves out as chosen).
  const model = useMemo(
    () =>
      snapshot &&
      controller.buildModel({
        snapshot,
        journeyIds: chosenIds,
        identity: settings?.identity ?? null,
        choices,
        labels: maskLabels(t),
      }),
    [snapshot, chosenIds.join(), settings?.identity, choices.userAgent, choices.fileNames, locale],
  );

  // Full images are read once per screenshot set (and again when redaction replaces bytes).
  useEffect(() => {
    if (!snapshot) return;
    let live = true;
    const versions = new Map(snapshot.screenshots.map((s) => [s.id, s.sha256]));
    void controller.readImages(snapshot.screenshots).then(
      (blobs) => {
        if (!live) return;
        const images = [...blobs].map(([id, blob]) => [id, { version: versions.get(id)!, blob }]);
        setFullImages(new Map(images as [string, VersionedBlob][]));
      },
      (e: unknown) => live && setError(describeError(e, t)),
    );
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

  /** Runs a change or an export; a failure is said on the page's error line. */
  const run = (action: () => Promise<void>) =>
    void action().then(
      () => setError(null),
      (e: unknown) => setError(describeError(e, t)),
    );

  const [slidesBusy, setSlidesBusy] = useState(false);
  const exportSlides = () => {
    if (!model || slidesBusy) return;
    setSlidesBusy(true);
    run(() => controller.exportSlides(model, locale).finally(() => setSlidesBusy(false)));
  };

  return (
    <PageShell
      shell={shell}
      state={page}
      class="report-page"
      title={t('reportTitle')}
      loading={!settings || !audits}
    >
      <style>{REPORT_CSS}</style>
      <header class="toolbar no-print" aria-label={t('reportSettings')}>
        <strong class="brand">{t('appName')}</strong>
        {audits?.length === 0 ? (
          <p class="muted">{t('reportNoAudits')}</p>
        ) : (
          audit && (
            <SelectField
              label={t('audit')}
              value={audit.id}
              options={(audits ?? []).map((a) => ({ value: a.id, label: a.name }))}
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
              onChange={(e) => {
                const on = e.currentTarget.checked;
                run(() => controller.setChoice(settings, 'userAgent', on));
              }}
            />
            {t('includeUserAgentShort')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={choices.fileNames}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                run(() => controller.setChoice(settings, 'fileNames', on));
              }}
            />
            {t('includeFileNamesShort')}
          </label>
        </fieldset>
        <span class="spacer" />
        <LanguageSelect t={t} locale={locale} onChange={(l) => run(() => shell.setLocale(l))} />
        <button
          type="button"
          class="primary"
          disabled={!model}
          onClick={() => model && run(() => controller.exportHtml(model, locale))}
        >
          {t('exportHtml')}
        </button>
        <button
          type="button"
          disabled={!model || slidesBusy}
          aria-busy={slidesBusy}
          onClick={exportSlides}
        >
          {t('slidesExport')}
        </button>
        <button
          type="button"
          disabled={!model}
          onClick={() => model && run(() => controller.exportCsv(model, locale))}
        >
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
          onChange={(change) => run(() => controller.updateContents(snapshot.audit.id, change))}
        />
      )}
      {model && <ReportView model={model} locale={locale} imageSrc={imageSrc} />}
    </PageShell>
  );
}
