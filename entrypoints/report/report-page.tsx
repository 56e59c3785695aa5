/**
 * The report page: choose an audit's wave, the brands to compare in it and a segment; compare
 * them; export HTML, slides and CSV, over its controller (lib/controllers/report.ts). The
 * controls come from the audit's records alone and show at once; the report is built after them.
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
import { periodText } from '../../components/report/period';
import { comparisonOptions, type ReportController } from '../../lib/controllers/report';
import type { Audit, AuditProgramme, AuditSnapshot, Screenshot, Step } from '../../lib/model';
import { brandLabels } from '../../lib/report/labels';
import type { ReportModel, ReportSelection } from '../../lib/report/model';
import { labelWords, reportLabels, roleText } from '../../lib/report/words';
import { channelLabel, type Locale } from '../../lib/taxonomy';

/** What the person chose to compare; a brand is compared unless unticked. */
interface Choice {
  waveId: string | null;
  unticked: ReadonlySet<string>;
  persona: string | null;
  entryChannel: string | null;
}
const NO_CHOICE: Choice = { waveId: null, unticked: new Set(), persona: null, entryChannel: null };
/** The "all" option of a segment picker (no persona or channel is empty). */
const ALL = '';

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
  // The brands, waves and walks alone: a few records, read apart from the steps, so the
  // controls show at once however many steps the audit has.
  const programme = useSubscription<AuditProgramme | null>(
    audit ? controller.programme(audit.id) : (v) => (v(null), () => {}),
    null,
    [audit?.id],
  );
  const [choice, setChoice] = useState<Choice>(NO_CHOICE);
  const [error, setError] = useState<string | null>(null);
  const [fullImages, setFullImages] = useState<ReadonlyMap<string, VersionedBlob>>(new Map());
  const choices = controller.choicesOf(settings);
  // The controls: from the programme alone (one pass over the walks), so they show at once; the
  // snapshot holds the same records once it is read (whichever is of the audit shown).
  const records = [snapshot, programme].find((r) => r?.audit.id === audit?.id) ?? null;
  const options = useMemo(
    () => (records ? comparisonOptions(records, choice.waveId) : null),
    [records?.brands, records?.waves, records?.journeys, choice.waveId],
  );
  const brandNames = useMemo(
    () => (records ? brandLabels(records.brands, labelWords(t)) : new Map<string, string>()),
    [records?.brands, locale],
  );
  const selection: ReportSelection | null = options && {
    waveId: options.waveId,
    brandIds: options.brands.some((b) => choice.unticked.has(b.brand.id))
      ? options.brands.filter((b) => !choice.unticked.has(b.brand.id)).map((b) => b.brand.id)
      : null,
    // A segment value the wave has no walk of is no choice there.
    persona:
      choice.persona !== null && options.personas.includes(choice.persona) ? choice.persona : null,
    entryChannel:
      choice.entryChannel !== null && options.channels.includes(choice.entryChannel)
        ? choice.entryChannel
        : null,
  };
  const selectionKey = selection && JSON.stringify(selection);
  // What the report shows is what it exports (the controller masks and leaves out as chosen). It
  // is built after the controls are drawn (an effect runs after paint), however large the audit.
  const [built, setBuilt] = useState<{ model: ReportModel; key: string } | null>(null);
  const model = built?.model ?? null;
  useEffect(() => {
    if (!snapshot || !selection) {
      setBuilt(null);
      return;
    }
    try {
      setBuilt({
        key: selectionKey!,
        model: controller.buildModel({
          snapshot,
          selection,
          identity: settings?.identity ?? null,
          choices,
          labels: maskLabels(t),
        }),
      });
    } catch (e) {
      setBuilt(null);
      setError(describeError(e, t));
    }
  }, [snapshot, selectionKey, settings?.identity, choices.userAgent, choices.fileNames, locale]);
  // Until the report of the new choice is built, the one shown is marked busy.
  const building = built !== null && built.key !== selectionKey;

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
                setChoice(NO_CHOICE);
              }}
            />
          )
        )}
        {options && options.waveId !== null && (
          <fieldset class="journey-picker comparison-picker">
            <legend>{t('reportComparison')}</legend>
            <SelectField
              label={t('wave')}
              value={options.waveId}
              options={options.waves.map(({ wave, walks }) => ({
                value: wave.id,
                label: t(walks === 1 ? 'reportWaveOptionOne' : 'reportWaveOption', {
                  name: wave.name,
                  period: periodText(wave, locale),
                  n: walks,
                }),
              }))}
              onChange={(waveId) => setChoice({ ...choice, waveId })}
            />
            <SelectField
              label={t('persona')}
              value={selection?.persona ?? ALL}
              options={[
                { value: ALL, label: t('reportAllPersonas') },
                ...options.personas.map((p) => ({ value: p, label: p })),
              ]}
              onChange={(p) => setChoice({ ...choice, persona: p === ALL ? null : p })}
            />
            <SelectField
              label={t('entryChannel')}
              value={selection?.entryChannel ?? ALL}
              options={[
                { value: ALL, label: t('reportAllChannels') },
                ...options.channels.map((c) => ({
                  value: c,
                  label: channelLabel(c, locale, records?.audit.method),
                })),
              ]}
              onChange={(c) => setChoice({ ...choice, entryChannel: c === ALL ? null : c })}
            />
          </fieldset>
        )}
        {options && options.brands.length > 0 && (
          <fieldset class="journey-picker brand-picker">
            <legend>{t('reportBrands')}</legend>
            {options.brands.map(({ brand, walks }) => (
              <label key={brand.id} class="check">
                <input
                  type="checkbox"
                  checked={!choice.unticked.has(brand.id)}
                  onChange={(e) => {
                    const unticked = new Set(choice.unticked);
                    if (e.currentTarget.checked) unticked.delete(brand.id);
                    else unticked.add(brand.id);
                    setChoice({ ...choice, unticked });
                  }}
                />
                {t('reportBrandOption', {
                  brand: `${brandNames.get(brand.id) ?? brand.name} (${roleText(brand.role, t)})`,
                  n: walks,
                })}
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
        <a class="verify-link" href="verify.html" target="_blank" rel="noopener">
          {t('verifyOpen')}
        </a>
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
          journeys={contentsWalks(snapshot, model, locale)}
          onChange={(change) => run(() => controller.updateContents(snapshot.audit.id, change))}
        />
      )}
      {snapshot && !model && <p class="muted report-building">{t('reportBuilding')}</p>}
      {model && (
        <div class="report-frame" aria-busy={building}>
          <ReportView model={model} locale={locale} imageSrc={imageSrc} />
        </div>
      )}
    </PageShell>
  );
}

/** The report's walks with their labels and every step of each (those left out too), in step order. */
function contentsWalks(snapshot: AuditSnapshot, model: ReportModel, locale: Locale) {
  const labels = reportLabels(model, locale);
  const steps = new Map<string, Step[]>();
  for (const s of snapshot.touchpoints)
    steps.set(s.journeyId, [...(steps.get(s.journeyId) ?? []), s]);
  return model.journeys.map(({ journey }) => ({
    journey,
    label: labels.walk(journey.id),
    steps: (steps.get(journey.id) ?? []).sort((a, b) => a.seq - b.seq),
  }));
}
