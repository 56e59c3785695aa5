/** The auditor's side panel: the views over the services built in main.tsx. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AuditBar, type AuditBarActions } from '../../components/panel/audit-bar';
import { DataCard } from '../../components/panel/data-card';
import { describeError, describeNotice } from '../../components/shared/describe-error';
import {
  AuditForm,
  JourneyForm,
  OfflineForm,
  type JourneyFields,
} from '../../components/panel/forms';
import {
  useDocumentKeydown,
  useObjectUrls,
  thumbnailBlob,
  useSubscription,
  type Subscribe,
} from '../../components/shared/hooks';
import { JourneyCard, type JourneyActions } from '../../components/panel/journey-card';
import { LanguageSelect } from '../../components/shared/language-select';
import {
  OpenActionsCard,
  TimersCard,
  type TimerActions,
} from '../../components/panel/method-cards';
import type { MethodActions } from '../../components/panel/step-method';
import { maskLabels, MessageLines, type Message } from '../../components/shared/messages';
import { RecentlyDeleted } from '../../components/shared/recently-deleted';
import { StepList } from '../../components/panel/step-list';
import type { StepActions } from '../../components/panel/step-item';
import {
  retryStorage,
  StorageBanner,
  useStorageState,
} from '../../components/shared/storage-banner';
import type { Settings } from '../../lib/browser';
import { CaptureError } from '../../lib/capture/errors';
import { watchQuery, type AuditStore, type PlacedAction } from '../../lib/db';
import { formatBytes, localeFor, translator } from '../../lib/i18n';
import type {
  Audit,
  CheckAnswer,
  CheckResult,
  DeletedEntry,
  Journey,
  Screenshot,
  Touchpoint,
  TouchpointEdit,
  WalkedTab,
} from '../../lib/model';
import { maskers } from '../../lib/privacy';
import type { CaptureService } from '../../lib/services/capture';
import type { OfflineContact } from '../../lib/services/evidence';
import { defaultStage, formatTarget, standardName } from '../../lib/taxonomy';
import { useCaptures } from './use-captures';
import { useMethod } from './use-method';

const checkKey = (templateId: string, itemId: string) => `${templateId}\u0000${itemId}`;

function answerOf(checks: readonly CheckResult[], key: string): CheckAnswer | null {
  return checks.find((c) => checkKey(c.templateId, c.itemId) === key)?.answer ?? null;
}

/** The checks with some answers set (or cleared: null) before the database holds them. */
function withAnswers(
  checks: readonly CheckResult[],
  answers: ReadonlyMap<string, CheckAnswer | null>,
): CheckResult[] {
  const result = checks.filter((c) => !answers.has(checkKey(c.templateId, c.itemId)));
  for (const [key, answer] of answers) {
    if (answer === null) continue;
    const [templateId, itemId] = key.split('\u0000') as [string, string];
    const before = checks.find((c) => checkKey(c.templateId, c.itemId) === key);
    result.push({
      templateId,
      itemId,
      answer,
      comment: before?.comment ?? '',
      screenshotId: before?.screenshotId ?? null,
    });
  }
  return result;
}

/** What the panel works with: built once in main.tsx (tests can hand in others). */
export interface PanelServices {
  store: AuditStore;
  capture: CaptureService;
  settings: { subscribe: Subscribe<Settings>; write(changes: Partial<Settings>): Promise<void> };
  browserLanguage(): string;
  /** The tab the auditor walks (for auto-capture). */
  findTargetTab(): Promise<WalkedTab | null>;
  openPage(path: string): Promise<void>;
  openOptions(): Promise<void>;
  addOfflineContact(journeyId: string, contact: OfflineContact): Promise<Touchpoint>;
  attachEvidence(touchpointId: string, file: File): Promise<Screenshot>;
  /** Writes a bundle of everything and saves it as a file; resolves with its name and size. */
  backupAll(): Promise<{ file: string; bytes: number }>;
  /** Whether the browser keeps the data under storage pressure (persistent storage). */
  storageStatus(): Promise<{ persisted: boolean }>;
}

/** After this many steps without a backup, the panel reminds the auditor to make one. */
export const BACKUP_REMINDER_STEPS = 50;

type Form = 'none' | 'audit' | 'edit-audit' | 'journey' | 'edit-journey' | 'offline';

/** An edit shown at once, before the database confirms it (a score click on a long journey). */
interface PendingEdit {
  edit: TouchpointEdit;
  /** The step's edit time when the edit was made: a newer version from the database replaces it. */
  base: number;
}

/** Keeps unchanged records as the same objects between live query results (memoised rows). */
function useStable<T extends { id: string }>(records: readonly T[], version: (r: T) => string) {
  const cache = useRef(new Map<string, { version: string; record: T }>());
  return useMemo(() => {
    const next = new Map<string, { version: string; record: T }>();
    const list = records.map((record) => {
      const v = version(record);
      const kept = cache.current.get(record.id);
      const stable = kept && kept.version === v ? kept.record : record;
      next.set(record.id, { version: v, record: stable });
      return stable;
    });
    cache.current = next;
    return list;
  }, [records]);
}

export function App({ services }: { services: PanelServices }) {
  const { store, capture } = services;
  const settings = useSubscription<Settings | null>(services.settings.subscribe, null, []);
  const writeSettings = services.settings.write;
  const audits = useSubscription<Audit[] | null>(
    (v, e) => watchQuery(() => store.listAudits(), v, e),
    null,
    [],
  );
  const locale = settings?.locale ?? localeFor(services.browserLanguage());
  // One translator per language: memoised rows compare it by identity.
  const t = useMemo(() => translator(locale), [locale]);
  const audit = audits?.find((a) => a.id === settings?.activeAuditId) ?? audits?.[0];
  const journeys = useSubscription<Journey[] | null>(
    (v, e) => (audit ? watchQuery(() => store.listJourneys(audit.id), v, e) : (v([]), () => {})),
    null,
    [audit?.id],
  );
  const journey = journeys?.find((j) => j.id === settings?.activeJourneyId) ?? journeys?.[0];
  // Steps and screenshots are separate live queries: scoring a step does not re-read the images.
  // Null until read: the list is drawn once both are there (not once without thumbnails and again
  // with them, which costs a long journey a second full render).
  const loadedSteps = useSubscription<Touchpoint[] | null>(
    (v, e) => (journey ? watchQuery(() => store.listSteps(journey.id), v, e) : (v([]), () => {})),
    null,
    [journey?.id],
  );
  // The screenshots of exactly these steps: a score or a checklist answer (a write to a step) does
  // not re-read them; a step added or deleted subscribes again, keeping the last list meanwhile.
  const stepIds = useMemo(() => loadedSteps?.map((s) => s.id).join(',') ?? null, [loadedSteps]);
  const loadedShots = useSubscription<Screenshot[] | null>(
    (v, e) =>
      !journey || stepIds === null
        ? () => {}
        : stepIds === ''
          ? (v([]), () => {})
          : watchQuery(() => store.listScreenshots(stepIds.split(',')), v, e),
    null,
    [journey?.id, stepIds],
    [journey?.id],
  );
  const stepsLoaded = loadedSteps !== null && loadedShots !== null;
  const dbSteps = useMemo(
    () => (stepsLoaded ? loadedSteps : []),
    [stepsLoaded ? loadedSteps : null],
  );
  const dbShots = useMemo(
    () => (stepsLoaded ? loadedShots : []),
    [stepsLoaded ? loadedShots : null],
  );
  const [pending, setPending] = useState<ReadonlyMap<string, PendingEdit>>(new Map());
  // Checklist answers shown at once, per item, until the database holds them (answers given in
  // quick succession are written one after another and never hide each other meanwhile).
  const [pendingChecks, setPendingChecks] = useState<
    ReadonlyMap<string, ReadonlyMap<string, CheckAnswer | null>>
  >(new Map());
  const shown = useMemo(
    () =>
      dbSteps.map((step) => {
        const edit = pending.get(step.id);
        const edited = edit && step.updatedAt <= edit.base ? { ...step, ...edit.edit } : step;
        const answers = pendingChecks.get(step.id);
        return answers ? { ...edited, checks: withAnswers(edited.checks, answers) } : edited;
      }),
    [dbSteps, pending, pendingChecks],
  );
  useEffect(() => {
    // Forget the answers the database now holds.
    if (pendingChecks.size === 0) return;
    const next = new Map(pendingChecks);
    for (const step of dbSteps) {
      const answers = next.get(step.id);
      if (!answers) continue;
      const left = new Map(
        [...answers].filter(([key, answer]) => answerOf(step.checks, key) !== answer),
      );
      if (left.size === answers.size) continue;
      if (left.size) next.set(step.id, left);
      else next.delete(step.id);
    }
    if (
      next.size !== pendingChecks.size ||
      [...next].some(([id, m]) => pendingChecks.get(id) !== m)
    )
      setPendingChecks(next);
  }, [dbSteps]);
  const steps = useStable(
    shown,
    (s) =>
      `${s.updatedAt}:${s.seq}:${JSON.stringify(pending.get(s.id)?.edit ?? '')}:${JSON.stringify([...(pendingChecks.get(s.id) ?? [])])}`,
  );
  const shotsByStep = useMemo(() => {
    const map = new Map<string, Screenshot[]>();
    for (const shot of dbShots)
      map.set(shot.touchpointId, [...(map.get(shot.touchpointId) ?? []), shot]);
    return map;
  }, [dbShots]);
  const stableShots = useRef(new Map<string, { key: string; shots: Screenshot[] }>());
  const screenshotsOf = (id: string): readonly Screenshot[] => {
    const shots = shotsByStep.get(id) ?? [];
    const key = shots.map((s) => `${s.id}:${s.sha256}:${s.updatedAt}`).join();
    const kept = stableShots.current.get(id);
    if (kept?.key === key) return kept.shots;
    stableShots.current.set(id, { key, shots });
    return shots;
  };
  const thumbs = useObjectUrls(
    useMemo(() => new Map(dbShots.map((s) => [s.id, thumbnailBlob(s)])), [dbShots]),
  );
  const placedActions = useSubscription<PlacedAction[]>(
    (v, e) => (audit ? watchQuery(() => store.listActions(audit.id), v, e) : (v([]), () => {})),
    [],
    [audit?.id],
  );
  const auditActions = useMemo(() => placedActions.map((p) => p.action), [placedActions]);
  const journeyActionItems = useMemo(
    () => placedActions.filter((p) => p.journeyId === journey?.id).map((p) => p.action),
    [placedActions, journey?.id],
  );
  const method = useMethod(audit, journey, steps, journeyActionItems, locale);
  const today = new Date().setHours(0, 0, 0, 0);
  const storage = useStorageState(store.storage);
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
  const [form, setForm] = useState<Form>('none');
  const [message, setMessage] = useState<Message | null>(null);
  const [deleted, setDeleted] = useState<DeletedEntry | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    void services.storageStatus().then(
      (status) => setPersisted(status.persisted),
      () => setPersisted(null),
    );
  }, []);

  const run = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      setMessage(text ? { kind: 'status', text } : null);
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    }
  };
  const say = (text: string) => setMessage({ kind: 'status', text });
  const captures = useCaptures(capture, journey?.id ?? null, t, run, say);

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

  /** Shows the edit at once, writes it, and drops it if the write fails (the message says why). */
  const editStep = (step: Touchpoint, edit: TouchpointEdit, text: string | null = null) => {
    setPending((map) => new Map(map).set(step.id, { edit, base: step.updatedAt }));
    void run(async () => {
      try {
        await store.updateStep(step.id, edit);
        return text;
      } catch (error) {
        setPending((map) => {
          const next = new Map(map);
          next.delete(step.id);
          return next;
        });
        throw error;
      }
    });
  };

  // Score keys: 1–5 set the experience of the step holding the focus, or of the last step.
  useDocumentKeydown((event) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[1-5]$/.test(event.key)) return;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    const focusedId = target?.closest<HTMLElement>('[data-step-id]')?.dataset.stepId;
    const step = steps.find((s) => s.id === focusedId) ?? steps.at(-1);
    if (!step) return;
    event.preventDefault();
    editStep(
      step,
      { experience: Number(event.key) },
      t('scored', { n: step.seq, score: event.key }),
    );
  });

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

  const auditBarActions: AuditBarActions = {
    chooseAudit: (id) => void writeSettings({ activeAuditId: id, activeJourneyId: null }),
    chooseJourney: (id) => void writeSettings({ activeJourneyId: id }),
    newAudit: () => setForm('audit'),
    editAudit: () => setForm(form === 'edit-audit' ? 'none' : 'edit-audit'),
    deleteAudit: (a) => void run(async () => removed(await store.deleteAudit(a.id))),
    newJourney: () => setForm('journey'),
    editJourney: () => setForm(form === 'edit-journey' ? 'none' : 'edit-journey'),
    deleteJourney: (j) => void run(async () => removed(await store.deleteJourney(j.id))),
  };

  const journeyActions: JourneyActions = {
    captureVisible: captures.visible,
    captureFullPage: captures.fullPage,
    cancelFullPage: captures.cancelFullPage,
    pick: captures.pick,
    cancelPick: captures.cancelPick,
    toggleOffline: () => setForm(form === 'offline' ? 'none' : 'offline'),
    setAutoCapture: (on) =>
      void run(async () => {
        if (!on || !journey) return (void (await writeSettings({ autoCapture: null })), null);
        const tab = await services.findTargetTab();
        if (!tab) throw new CaptureError('no-tab', 'No tab to follow.');
        await writeSettings({ autoCapture: { journeyId: journey.id, tabId: tab.tabId } });
        return t('autoCaptureOn', { title: tab.title || tab.url });
      }),
    finish: (outcome) =>
      void run(async () => {
        if (journey) await store.finishJourney(journey.id, outcome);
        return t('journeyFinished');
      }),
    reopen: () =>
      void run(async () => {
        if (journey) await store.finishJourney(journey.id, null);
        return null;
      }),
  };

  const methodActions: MethodActions = {
    answer: (step, templateId, itemId, answer) => {
      const key = checkKey(templateId, itemId);
      const forget = () =>
        setPendingChecks((map) => {
          const answers = new Map(map.get(step.id));
          if (answers.get(key) !== answer) return map;
          answers.delete(key);
          const next = new Map(map);
          if (answers.size) next.set(step.id, answers);
          else next.delete(step.id);
          return next;
        });
      setPendingChecks((map) =>
        new Map(map).set(step.id, new Map(map.get(step.id)).set(key, answer)),
      );
      void run(async () => {
        try {
          await store.answerCheck(step.id, templateId, itemId, answer);
        } catch (error) {
          forget();
          throw error;
        }
        return null;
      });
    },
    checkDetail: (step, templateId, itemId, detail) =>
      void run(async () => {
        const current = step.checks.find((c) => c.templateId === templateId && c.itemId === itemId);
        if (current) await store.answerCheck(step.id, templateId, itemId, current.answer, detail);
        return null;
      }),
    addChecklist: (step, templateId) =>
      void run(async () => (await store.setStepChecklist(step.id, templateId, true), null)),
    startTimer: (step, standardId) =>
      void run(async () => {
        await store.startTimer(step.journeyId, standardId, step.id);
        return t('timerStarted', { n: step.seq });
      }),
    recordDuration: (step, standardId, ms) =>
      void run(async () => {
        await store.recordDuration(step.journeyId, standardId, step.id, ms);
        return t('durationRecorded', { n: step.seq });
      }),
    excuse: (step, id, excused) =>
      void run(async () => (await store.excuseMeasurement(step.journeyId, id, excused), null)),
    deleteMeasurement: (step, id) =>
      void run(async () => (await store.deleteMeasurement(step.journeyId, id), null)),
    addAction: (input) =>
      void run(async () => {
        const action = await store.addAction(input);
        return t(action.kind === 'action' ? 'actionAdded' : 'ideaAdded', { what: action.what });
      }),
    updateAction: (action, edit) =>
      void run(async () => (await store.updateAction(action.id, edit), null)),
    deleteAction: (action) => void run(async () => removed(await store.deleteAction(action.id))),
  };
  const timerActions: TimerActions = {
    stopAtLast: (r) =>
      void run(async () => {
        const last = steps.at(-1);
        if (!journey || !last) return null;
        await store.stopTimer(journey.id, r.measurement.id, last.id);
        return t('timerStopped', { n: last.seq });
      }),
    cancel: (r) =>
      void run(async () => {
        if (journey) await store.deleteMeasurement(journey.id, r.measurement.id);
        return t('timerCancelled');
      }),
  };
  const brandOf = new Map((journeys ?? []).map((j) => [j.id, j.brandName]));
  const placeOf = new Map(placedActions.map((p) => [p.action.id, p]));

  // One object for every step: rows stay memoised (see StepItem).
  const stepActions = useRef<StepActions>(null as unknown as StepActions);
  stepActions.current = {
    edit: (step, edit) => editStep(step, edit),
    move: (step, toSeq) => void run(async () => (await store.moveStep(step.id, toSeq), null)),
    delete: (step) => void run(async () => removed(await store.deleteStep(step.id))),
    attach: (step, file) =>
      void run(async () => {
        await services.attachEvidence(step.id, file);
        return t('evidenceAttached', { n: step.seq });
      }),
    annotate: (_step, screenshotId) =>
      void run(async () => {
        await services.openPage(`/annotate.html?screenshot=${screenshotId}`);
        return null;
      }),
    defineStage: (step, name) =>
      void run(async () => {
        if (!audit) return null;
        // A name that is already a stage (built-in in this language, or the audit's) is that stage.
        const known = method.view.stageOptions.find((o) => o.label === name || o.value === name);
        if (!known) {
          await store.updateMethod(audit.id, (current) =>
            current.stages.some((s) => s.name === name)
              ? current
              : { ...current, stages: [...current.stages, { name, after: null }] },
          );
        }
        await store.updateStep(step.id, { stage: known?.value ?? name });
        return t(known ? 'stageChosen' : 'stageDefined', { name, n: step.seq });
      }),
    method: methodActions,
  };
  const stableStepActions = useMemo<StepActions>(
    () => ({
      edit: (...a) => stepActions.current.edit(...a),
      move: (...a) => stepActions.current.move(...a),
      delete: (...a) => stepActions.current.delete(...a),
      attach: (...a) => stepActions.current.attach(...a),
      annotate: (...a) => stepActions.current.annotate(...a),
      defineStage: (...a) => stepActions.current.defineStage(...a),
      method: {
        answer: (...a) => stepActions.current.method.answer(...a),
        checkDetail: (...a) => stepActions.current.method.checkDetail(...a),
        addChecklist: (...a) => stepActions.current.method.addChecklist(...a),
        startTimer: (...a) => stepActions.current.method.startTimer(...a),
        recordDuration: (...a) => stepActions.current.method.recordDuration(...a),
        excuse: (...a) => stepActions.current.method.excuse(...a),
        deleteMeasurement: (...a) => stepActions.current.method.deleteMeasurement(...a),
        addAction: (...a) => stepActions.current.method.addAction(...a),
        updateAction: (...a) => stepActions.current.method.updateAction(...a),
        deleteAction: (...a) => stepActions.current.method.deleteAction(...a),
      },
    }),
    [],
  );

  const backup = () => {
    if (backingUp) return;
    setBackingUp(true);
    say(t('backingUp'));
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

  return (
    <main class="panel">
      {banner}
      <header class="panel-head">
        <h1>{t('appName')}</h1>
        <LanguageSelect t={t} locale={locale} onChange={(l) => void writeSettings({ locale: l })} />
        <button type="button" onClick={() => void services.openPage('/report.html')}>
          {t('openReport')}
        </button>
        {audit && (
          <button
            type="button"
            onClick={() => void services.openPage(`/method.html?audit=${audit.id}`)}
          >
            {t('openMethod')}
          </button>
        )}
        <button
          type="button"
          class="icon"
          aria-label={t('optionsTitle')}
          title={t('optionsTitle')}
          onClick={() => void services.openOptions()}
        >
          ⚙
        </button>
      </header>

      <AuditBar
        t={t}
        audits={audits}
        audit={audit}
        journeys={journeys}
        journey={journey}
        creatingAudit={form === 'audit'}
        actions={auditBarActions}
      />

      {form === 'audit' && (
        <AuditForm
          t={t}
          onCancel={() => setForm('none')}
          onSubmit={async (input) => {
            const created = await store.createAudit(input);
            await writeSettings({ activeAuditId: created.id, activeJourneyId: null });
            setForm('journey');
          }}
        />
      )}
      {form === 'edit-audit' && audit && (
        <AuditForm
          key={audit.id}
          t={t}
          initial={audit}
          onCancel={() => setForm('none')}
          onSubmit={async (input) => {
            await store.updateAudit(audit.id, input);
            setForm('none');
          }}
        />
      )}
      {form === 'journey' && audit && (
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
          onCancel={() => setForm('none')}
          onSubmit={async (input: JourneyFields) => {
            const created = await store.createJourney({ ...input, auditId: audit.id });
            await writeSettings({ activeAuditId: audit.id, activeJourneyId: created.id });
            setForm('none');
          }}
        />
      )}
      {form === 'edit-journey' && journey && (
        <JourneyForm
          key={journey.id}
          t={t}
          locale={locale}
          editing
          initial={journey}
          onCancel={() => setForm('none')}
          onSubmit={async (input: JourneyFields) => {
            await store.updateJourney(journey.id, input);
            setForm('none');
          }}
        />
      )}

      {journey && (
        <JourneyCard
          key={journey.id}
          t={t}
          journey={journey}
          locale={locale}
          stepCount={steps.length}
          capture={captures.state}
          autoCapture={settings.autoCapture?.journeyId === journey.id}
          actions={journeyActions}
        />
      )}

      {form === 'offline' && journey && (
        <OfflineForm
          t={t}
          locale={locale}
          defaultStage={defaultStage('offline', steps.at(-1)?.stage)}
          stageOptions={method.view.stageOptions}
          types={method.view.types}
          timers={method.results
            .filter((r) => r.running)
            .map((r) => ({
              id: r.measurement.id,
              label: r.standard
                ? `${standardName(r.standard, locale)} ${formatTarget(r.standard, locale)}`
                : t('standardRemoved'),
              channels: r.standard?.answerChannels ?? [],
            }))}
          now={Date.now()}
          onCancel={() => setForm('none')}
          onSubmit={async (input) => {
            const step = await services.addOfflineContact(journey.id, input);
            setForm('none');
            say(t('offlineAdded', { n: step.seq }));
          }}
        />
      )}

      {journey && (
        <TimersCard
          t={t}
          locale={locale}
          running={method.results.filter((r) => r.running)}
          steps={steps}
          actions={timerActions}
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

      {journey && stepsLoaded && (
        <StepList
          key={journey.id}
          t={t}
          locale={locale}
          steps={steps}
          screenshotsOf={screenshotsOf}
          thumbUrls={thumbs}
          mask={mask.text}
          actions={stableStepActions}
          view={method.view}
          extrasOf={method.extrasOf}
          today={today}
        />
      )}

      {audit && (
        <OpenActionsCard
          t={t}
          locale={locale}
          actions={auditActions}
          today={today}
          contextOf={(action) => {
            const place = placeOf.get(action.id);
            return place
              ? `${brandOf.get(place.journeyId) ?? ''} · ${t('stepN', { n: place.seq })}`
              : '';
          }}
          onChange={methodActions}
        />
      )}

      <DataCard
        t={t}
        unsaved={unsaved}
        reminderAfter={BACKUP_REMINDER_STEPS}
        everBackedUp={Boolean(settings.lastBackupAt)}
        persisted={persisted}
        backingUp={backingUp}
        onBackup={backup}
        onOpenData={() => void services.openPage('/data.html')}
      />
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
