/** The auditor's side panel: the views over the services built in main.tsx. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  AuditForm,
  JourneyForm,
  OfflineForm,
  type JourneyFields,
  type OfflineInput,
} from '../../components/forms';
import { maskLabels, MessageLines, type Message } from '../../components/messages';
import { RecentlyDeleted } from '../../components/recently-deleted';
import { retryStorage, StorageBanner, useStorageState } from '../../components/storage-banner';
import { describeError, describeNotice } from '../../components/describe-error';
import { describeSelection } from '../../components/describe-selection';
import { SelectField } from '../../components/fields';
import { useDocumentKeydown, useObjectUrls, useSubscription } from '../../components/hooks';
import { LanguageSelect } from '../../components/language-select';
import { StepItem } from '../../components/step-item';
import {
  browserLanguage,
  findTargetTab,
  openExtensionPage,
  openOptions,
  subscribeSettings,
  writeSettings,
  type Settings,
} from '../../lib/browser';
import { CaptureError, captureVisibleStep, type CaptureDeps } from '../../lib/capture';
import { compactStepImages } from '../../lib/capture/compact';
import { encodeUpload } from '../../lib/capture/encode';
import { watchQuery, type AuditStore } from '../../lib/db';
import type { ElementCaptureServices } from '../../lib/services/element';
import { captureElementStep, type PickMode } from '../../lib/capture/element';
import {
  captureFullPageStep,
  type FullPageDeps,
  type FullPageProgress,
} from '../../lib/capture/full-page';
import { formatBytes, localeFor, translator } from '../../lib/i18n';
import { maskers } from '../../lib/privacy';
import type {
  Audit,
  DeletedEntry,
  Journey,
  Outcome,
  Screenshot,
  Touchpoint,
} from '../../lib/model';

/** What the panel works with: built once in main.tsx (tests can hand in others). */
export interface PanelServices {
  store: AuditStore;
  capture: CaptureDeps;
  elementCapture: ElementCaptureServices;
  fullPage: FullPageDeps;
  /** Writes a bundle of everything and saves it as a file; resolves with its name and size. */
  backupAll(): Promise<{ file: string; bytes: number }>;
  /** Whether the browser keeps the data under storage pressure (persistent storage). */
  storageStatus(): Promise<{ persisted: boolean }>;
}

/** After this many steps without a backup, the panel reminds the auditor to make one. */
export const BACKUP_REMINDER_STEPS = 50;

type Panel = 'none' | 'audit' | 'edit-audit' | 'journey' | 'edit-journey' | 'offline';
interface JourneySteps {
  steps: Touchpoint[];
  screenshots: Screenshot[];
}

async function readJourneySteps(store: AuditStore, journeyId: string): Promise<JourneySteps> {
  const steps = await store.listSteps(journeyId);
  return { steps, screenshots: await store.listScreenshots(steps.map((s) => s.id)) };
}

function journeyLabel(journey: Journey, t: ReturnType<typeof translator>): string {
  const role = t(journey.brandRole === 'own' ? 'roleOwn' : 'roleCompetitor');
  return `${journey.brandName} (${role})${journey.task ? ` — ${journey.task}` : ''}`;
}

export function App({ services }: { services: PanelServices }) {
  const { store, elementCapture, fullPage } = services;
  const captureDeps = services.capture;
  const settings = useSubscription<Settings | null>(subscribeSettings, null, []);
  const audits = useSubscription<Audit[] | null>(
    (v, e) => watchQuery(() => store.listAudits(), v, e),
    null,
    [],
  );
  const locale = settings?.locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  const audit = audits?.find((a) => a.id === settings?.activeAuditId) ?? audits?.[0];
  const journeys = useSubscription<Journey[] | null>(
    (v, e) => (audit ? watchQuery(() => store.listJourneys(audit.id), v, e) : (v([]), () => {})),
    null,
    [audit?.id],
  );
  const journey = journeys?.find((j) => j.id === settings?.activeJourneyId) ?? journeys?.[0];
  const data = useSubscription<JourneySteps>(
    (v, e) =>
      journey
        ? watchQuery(() => readJourneySteps(store, journey.id), v, e)
        : (v({ steps: [], screenshots: [] }), () => {}),
    { steps: [], screenshots: [] },
    [journey?.id],
  );
  const thumbs = useObjectUrls(
    useMemo(() => new Map(data.screenshots.map((s) => [s.id, s.thumbnail])), [data.screenshots]),
  );
  const storage = useStorageState(store.storage);
  const [panel, setPanel] = useState<Panel>('none');
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(0);
  const [picking, setPicking] = useState<PickMode | null>(null);
  const [fullPageRun, setFullPageRun] = useState<AbortController | null>(null);
  const [deleted, setDeleted] = useState<DeletedEntry | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('goal-reached');
  const [backingUp, setBackingUp] = useState(false);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    void services.storageStatus().then(
      (status) => setPersisted(status.persisted),
      () => setPersisted(null),
    );
  }, []);
  const trash = useSubscription<DeletedEntry[]>(
    (v, e) => watchQuery(() => store.listDeleted(), v, e),
    [],
    [],
  );
  const lastBackupAt = settings?.lastBackupAt ?? 0;
  const unsaved = useSubscription<number>(
    (v, e) => watchQuery(() => store.countStepsSince(lastBackupAt), v, e),
    0,
    [lastBackupAt],
  );
  const mask = useMemo(
    () => maskers(settings?.identity ?? null, maskLabels(t)),
    [settings?.identity, locale],
  );

  // Captures made by a shortcut, the context menu or auto-capture report here.
  const notice = settings?.notice;
  useEffect(() => {
    if (notice && Date.now() - notice.at < 60_000) {
      setMessage({
        kind: notice.kind === 'error' ? 'error' : 'status',
        text: describeNotice(notice, t),
      });
    }
  }, [notice?.at]);

  // Score keys: 1–5 set the experience of the step holding the focus, or of the last step.
  useDocumentKeydown((event) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[1-5]$/.test(event.key)) return;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    const focusedId = target?.closest<HTMLElement>('[data-step-id]')?.dataset.stepId;
    const step = data.steps.find((s) => s.id === focusedId) ?? data.steps.at(-1);
    if (!step) return;
    event.preventDefault();
    void run(async () => {
      await store.updateStep(step.id, { experience: Number(event.key) });
      return t('scored', { n: step.seq, score: event.key });
    });
  });

  const autoCaptureOn = Boolean(journey && settings?.autoCapture?.journeyId === journey.id);
  const toggleAutoCapture = (on: boolean) =>
    void run(async () => {
      if (!on || !journey) return (void (await writeSettings({ autoCapture: null })), null);
      const tab = await findTargetTab();
      if (!tab) throw new CaptureError('no-tab', 'No tab to follow.');
      await writeSettings({ autoCapture: { journeyId: journey.id, tabId: tab.tabId } });
      return t('autoCaptureOn', { title: tab.title || tab.url });
    });

  const run = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      setMessage(text ? { kind: 'status', text } : null);
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    }
  };

  // Element / region: the picker runs in the page until a click, a drag or Esc.
  const captureSelection = (mode: PickMode) => {
    if (busy) return;
    setBusy(true);
    setPicking(mode);
    setMessage({
      kind: 'status',
      text: t(mode === 'element' ? 'pickingElement' : 'pickingRegion'),
    });
    const text =
      mode === 'element'
        ? { hint: t('pickerHintElement'), keys: t('pickerKeysElement') }
        : { hint: t('pickerHintRegion'), keys: '' };
    void run(async () =>
      describeSelection(
        await captureElementStep(elementCapture.deps, journey?.id ?? null, mode, text),
        t,
      ),
    ).finally(() => {
      setBusy(false);
      setPicking(null);
    });
  };
  const selectionButton = (mode: PickMode) =>
    picking === mode ? (
      <button
        type="button"
        class="pick active"
        aria-label={t('cancelPickLabel')}
        title={t('cancelPickLabel')}
        onClick={() => void elementCapture.cancel()}
        onKeyDown={(e) => e.key === 'Escape' && void elementCapture.cancel()}
      >
        {t('cancelPick')}
      </button>
    ) : (
      <button
        type="button"
        class="pick"
        disabled={busy}
        aria-label={t(mode === 'element' ? 'captureElementLabel' : 'captureRegionLabel')}
        title={t(mode === 'element' ? 'captureElementLabel' : 'captureRegionLabel')}
        onClick={() => captureSelection(mode)}
      >
        {t(mode === 'element' ? 'captureElement' : 'captureRegion')}
      </button>
    );

  // Full page: tile by tile within the quota, with progress; Cancel stores nothing.
  const captureFullPage = () => {
    if (busy) return;
    const controller = new AbortController();
    setBusy(true);
    setFullPageRun(controller);
    const onProgress = (p: FullPageProgress) =>
      setMessage({
        kind: 'status',
        text:
          p.phase === 'capturing'
            ? t('fullPageProgress', { n: p.tile, total: p.tiles })
            : t(p.phase === 'saving' ? 'fullPageSaving' : 'fullPagePreparing'),
      });
    void run(async () => {
      try {
        const { step, parts, redacted } = await captureFullPageStep(fullPage, journey?.id ?? null, {
          signal: controller.signal,
          onProgress,
        });
        const text = t(parts > 1 ? 'capturedFullPageParts' : 'capturedFullPage', {
          n: step.seq,
          parts,
        });
        return redacted ? `${text} ${t('capturedRedacted')}` : text;
      } catch (error) {
        if (error instanceof CaptureError && error.reason === 'cancelled') {
          return t('error_cancelled');
        }
        throw error;
      }
    }).finally(() => {
      setBusy(false);
      setFullPageRun(null);
    });
  };

  // Visible captures queue (the pacer keeps them within the quota): a fast auditor loses none.
  const capture = () => {
    if (busy) return;
    setPending((n) => n + 1);
    void run(async () => {
      const step = await captureVisibleStep(captureDeps, journey?.id ?? null);
      void compactStepImages(store, step.id).catch(console.error);
      return t('captured', { n: step.seq });
    }).finally(() => setPending((n) => n - 1));
  };

  const addOffline = async (input: OfflineInput) => {
    if (!journey) return;
    const image = input.file ? await encodeUpload(input.file) : null;
    const step = await store.addStep({
      journeyId: journey.id,
      kind: 'offline',
      url: null,
      title: input.title,
      at: input.at,
      channel: input.channel,
      stage: input.stage,
      note: input.note,
      images: image ? [image] : [],
      userAgent: navigator.userAgent,
    });
    setPanel('none');
    setMessage({ kind: 'status', text: t('offlineAdded', { n: step.seq }) });
  };

  /** The deletion is said (and can be undone) in the undo line, not in the status line. */
  const removed = (entry: DeletedEntry) => {
    setDeleted(entry);
    return null;
  };
  const restore = (entry: DeletedEntry) =>
    void run(async () => {
      await store.restoreDeleted(entry.id);
      if (deleted?.id === entry.id) setDeleted(null);
      return entry.kind === 'step'
        ? t('stepRestored', { n: entry.position ?? 0 })
        : t('restored', { label: mask.text(entry.label) });
    });
  const backup = () => {
    if (backingUp) return;
    setBackingUp(true);
    setMessage({ kind: 'status', text: t('backingUp') });
    void run(async () => {
      const started = Date.now();
      const { file, bytes } = await services.backupAll();
      await writeSettings({ lastBackupAt: started });
      return t('backupSaved', { file, size: formatBytes(bytes, locale) });
    }).finally(() => setBackingUp(false));
  };

  const banner = <StorageBanner t={t} state={storage} onRetry={() => retryStorage(store)} />;
  if (!settings || !audits)
    return (
      <main class="panel" aria-busy={storage.kind !== 'halted'}>
        {banner}
      </main>
    );

  const screenshotsOf = (id: string) => data.screenshots.filter((s) => s.touchpointId === id);
  const lastStage = data.steps.at(-1)?.stage ?? 'contact';

  return (
    <main class="panel">
      {banner}
      <header class="panel-head">
        <h1>{t('appName')}</h1>
        <LanguageSelect t={t} locale={locale} onChange={(l) => void writeSettings({ locale: l })} />
        <button type="button" onClick={() => void openExtensionPage('/report.html')}>
          {t('openReport')}
        </button>
        <button
          type="button"
          class="icon"
          aria-label={t('optionsTitle')}
          title={t('optionsTitle')}
          onClick={() => void openOptions()}
        >
          ⚙
        </button>
      </header>

      <section class="card" aria-label={t('auditAndJourney')}>
        {audits.length === 0 && panel !== 'audit' ? (
          <div class="empty-state">
            <p>{t('welcome')}</p>
            <button type="button" class="primary" onClick={() => setPanel('audit')}>
              {t('newAudit')}
            </button>
          </div>
        ) : (
          audit && (
            <>
              <div class="row">
                <SelectField
                  label={t('audit')}
                  value={audit.id}
                  options={audits.map((a) => ({
                    value: a.id,
                    label: a.client ? `${a.name} · ${a.client}` : a.name,
                  }))}
                  onChange={(id) =>
                    void writeSettings({ activeAuditId: id, activeJourneyId: null })
                  }
                />
                <button
                  type="button"
                  class="add"
                  aria-label={t('newAudit')}
                  title={t('newAudit')}
                  onClick={() => setPanel('audit')}
                >
                  +
                </button>
                <button
                  type="button"
                  class="add"
                  aria-label={t('editAuditLabel', { name: audit.name })}
                  title={t('editAudit')}
                  onClick={() => setPanel(panel === 'edit-audit' ? 'none' : 'edit-audit')}
                >
                  ✎
                </button>
                <button
                  type="button"
                  class="add danger"
                  aria-label={t('deleteAuditLabel', { name: audit.name })}
                  title={t('deleteAuditLabel', { name: audit.name })}
                  onClick={() => void run(async () => removed(await store.deleteAudit(audit.id)))}
                >
                  ✕
                </button>
              </div>
              <div class="row">
                {journeys && journeys.length > 0 ? (
                  <SelectField
                    label={t('journey')}
                    value={journey?.id ?? ''}
                    options={journeys.map((j) => ({ value: j.id, label: journeyLabel(j, t) }))}
                    onChange={(id) => void writeSettings({ activeJourneyId: id })}
                  />
                ) : (
                  <p class="muted grow">{t('noJourneys')}</p>
                )}
                <button
                  type="button"
                  class="add"
                  aria-label={t('newJourney')}
                  title={t('newJourney')}
                  onClick={() => setPanel('journey')}
                >
                  +
                </button>
                {journey && (
                  <>
                    <button
                      type="button"
                      class="add"
                      aria-label={t('editJourneyLabel', { name: journey.brandName })}
                      title={t('editJourney')}
                      onClick={() => setPanel(panel === 'edit-journey' ? 'none' : 'edit-journey')}
                    >
                      ✎
                    </button>
                    <button
                      type="button"
                      class="add danger"
                      aria-label={t('deleteJourneyLabel', { name: journey.brandName })}
                      title={t('deleteJourneyLabel', { name: journey.brandName })}
                      onClick={() =>
                        void run(async () => removed(await store.deleteJourney(journey.id)))
                      }
                    >
                      ✕
                    </button>
                  </>
                )}
              </div>
            </>
          )
        )}
      </section>

      {panel === 'audit' && (
        <AuditForm
          t={t}
          onCancel={() => setPanel('none')}
          onSubmit={async (input) => {
            const created = await store.createAudit(input);
            await writeSettings({ activeAuditId: created.id, activeJourneyId: null });
            setPanel('journey');
          }}
        />
      )}
      {panel === 'edit-audit' && audit && (
        <AuditForm
          key={audit.id}
          t={t}
          initial={audit}
          onCancel={() => setPanel('none')}
          onSubmit={async (input) => {
            await store.updateAudit(audit.id, input);
            setPanel('none');
          }}
        />
      )}
      {panel === 'journey' && audit && (
        <JourneyForm
          t={t}
          locale={locale}
          editing={false}
          initial={{
            brandName: '',
            brandDomain: '',
            // The first journey of an audit is usually the own brand's; later ones competitors'.
            brandRole: journeys?.some((j) => j.brandRole === 'own') ? 'competitor' : 'own',
            task: audit.defaultTask,
            persona: '',
            entryChannel: 'search',
            auditor: settings.auditorName,
          }}
          onCancel={() => setPanel('none')}
          onSubmit={async (input: JourneyFields) => {
            const created = await store.createJourney({ ...input, auditId: audit.id });
            await writeSettings({ activeAuditId: audit.id, activeJourneyId: created.id });
            setPanel('none');
          }}
        />
      )}
      {panel === 'edit-journey' && journey && (
        <JourneyForm
          key={journey.id}
          t={t}
          locale={locale}
          editing
          initial={journey}
          onCancel={() => setPanel('none')}
          onSubmit={async (input: JourneyFields) => {
            await store.updateJourney(journey.id, input);
            setPanel('none');
          }}
        />
      )}

      {journey && (
        <section class="card journey" aria-label={t('activeJourney')}>
          <div class="journey-title">
            <span class={`role role-${journey.brandRole}`}>
              {t(journey.brandRole === 'own' ? 'roleOwn' : 'roleCompetitor')}
            </span>
            <strong>{journey.brandName}</strong>
            <span class="muted">
              {t(data.steps.length === 1 ? 'stepsCountOne' : 'stepsCount', {
                n: data.steps.length,
              })}{' '}
              · {journey.outcome ? t(`outcome_${journey.outcome}`) : t('inProgress')}
              {journey.auditor && <> · {t('walkedBy', { name: journey.auditor })}</>}
            </span>
          </div>
          <div class="row">
            <button
              type="button"
              class="primary capture"
              disabled={busy}
              aria-busy={pending > 0}
              onClick={capture}
            >
              {t('captureVisible')}
            </button>
            {fullPageRun ? (
              <button
                type="button"
                class="pick active"
                aria-label={t('cancelFullPage')}
                title={t('cancelFullPage')}
                onClick={() => fullPageRun.abort()}
              >
                {t('cancel')}
              </button>
            ) : (
              <button
                type="button"
                class="pick"
                disabled={busy}
                title={t('captureFullPageHint')}
                onClick={captureFullPage}
              >
                {t('captureFullPage')}
              </button>
            )}
            {selectionButton('element')}
            {selectionButton('region')}
            <button
              type="button"
              onClick={() => setPanel(panel === 'offline' ? 'none' : 'offline')}
            >
              {t('logOffline')}
            </button>
          </div>
          <label class="check auto-capture">
            <input
              type="checkbox"
              checked={autoCaptureOn}
              onChange={(e) => toggleAutoCapture(e.currentTarget.checked)}
            />
            {t('autoCapture')}
          </label>
          <div class="row finish">
            {journey.outcome ? (
              <button
                type="button"
                onClick={() =>
                  void run(async () => (await store.finishJourney(journey.id, null), null))
                }
              >
                {t('reopenJourney')}
              </button>
            ) : (
              <>
                <SelectField
                  label={t('outcome')}
                  value={outcome}
                  options={(['goal-reached', 'abandoned', 'blocked'] as const).map((o) => ({
                    value: o,
                    label: t(`outcome_${o}`),
                  }))}
                  onChange={(v) => setOutcome(v as Outcome)}
                />
                <button
                  type="button"
                  onClick={() =>
                    void run(
                      async () => (
                        await store.finishJourney(journey.id, outcome),
                        t('journeyFinished')
                      ),
                    )
                  }
                >
                  {t('finishJourney')}
                </button>
              </>
            )}
          </div>
        </section>
      )}

      {panel === 'offline' && journey && (
        <OfflineForm
          t={t}
          locale={locale}
          defaultStage={lastStage}
          now={Date.now()}
          onCancel={() => setPanel('none')}
          onSubmit={addOffline}
        />
      )}

      <MessageLines message={message}>
        {deleted && (
          <p class="message undo" aria-live="polite">
            {deleted.kind === 'step'
              ? t('stepDeleted', { n: deleted.position ?? 0 })
              : t(deleted.kind === 'audit' ? 'auditDeleted' : 'journeyDeleted', {
                  name: mask.text(deleted.label),
                })}{' '}
            <button type="button" onClick={() => restore(deleted)}>
              {t('undo')}
            </button>
          </p>
        )}
      </MessageLines>

      {journey && (
        <section aria-label={t('steps')}>
          {data.steps.length === 0 ? (
            <p class="muted">{t('noStepsHint')}</p>
          ) : (
            <ol class="step-list">
              {data.steps.map((step) => (
                <StepItem
                  key={step.id}
                  step={step}
                  screenshots={screenshotsOf(step.id)}
                  thumbUrls={thumbs}
                  total={data.steps.length}
                  t={t}
                  locale={locale}
                  onEdit={(edit) =>
                    void run(async () => (await store.updateStep(step.id, edit), null))
                  }
                  onMove={(toSeq) =>
                    void run(async () => (await store.moveStep(step.id, toSeq), null))
                  }
                  onDelete={() =>
                    void run(async () => {
                      setDeleted(await store.deleteStep(step.id));
                      return null;
                    })
                  }
                  mask={mask.text}
                  onAttach={(file) =>
                    void run(async () => {
                      await store.attachImage(step.id, await encodeUpload(file), {
                        fileName: file.name,
                        userAgent: navigator.userAgent,
                      });
                      return t('evidenceAttached', { n: step.seq });
                    })
                  }
                  onAnnotate={(screenshotId) =>
                    void run(async () => {
                      await openExtensionPage(`/annotate.html?screenshot=${screenshotId}`);
                      return null;
                    })
                  }
                />
              ))}
            </ol>
          )}
        </section>
      )}

      <section class="card data" aria-label={t('openData')}>
        {unsaved >= BACKUP_REMINDER_STEPS && (
          <p class="backup-reminder">
            {t(settings.lastBackupAt ? 'backupReminder' : 'backupNever', { n: unsaved })}
          </p>
        )}
        {persisted !== null && (
          <p class="muted" data-testid="persistence">
            {t(persisted ? 'persistOnShort' : 'persistOffShort')}
          </p>
        )}
        <div class="row">
          <button type="button" disabled={backingUp} onClick={backup}>
            {t('backupAll')}
          </button>
          <button type="button" onClick={() => void openExtensionPage('/data.html')}>
            {t('openData')}
          </button>
        </div>
      </section>
      <RecentlyDeleted
        t={t}
        locale={locale}
        entries={trash}
        mask={mask.text}
        onRestore={restore}
        onEmpty={() => void run(async () => t('emptiedDeleted', { n: await store.emptyDeleted() }))}
      />
    </main>
  );
}
