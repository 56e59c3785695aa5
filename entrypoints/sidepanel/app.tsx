/** The auditor's side panel: the view over its controller (lib/controllers/panel.ts). */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AuditBar, type AuditBarActions } from '../../components/panel/audit-bar';
import { DataCard } from '../../components/panel/data-card';
import { AuditForm, JourneyForm, OfflineForm } from '../../components/panel/forms';
import { filterByTag, TagFilter } from '../../components/panel/tag-filter';
import { JourneyCard, type JourneyActions } from '../../components/panel/journey-card';
import { ProgrammeCard, type ProgrammeActions } from '../../components/panel/programme-card';
import {
  OpenActionsCard,
  TimersCard,
  type TimerActions,
} from '../../components/panel/method-cards';
import type { StepActions } from '../../components/panel/step-item';
import { StepList } from '../../components/panel/step-list';
import { UndoLine } from '../../components/panel/undo-line';
import type { MethodActions } from '../../components/panel/step-method';
import { describeError, describeNotice } from '../../components/shared/describe-error';
import { useDocumentKeydown, useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { MessageLines, type Message } from '../../components/shared/messages';
import { PageShell, useShell } from '../../components/shared/page-shell';
import { RecentlyDeleted } from '../../components/shared/recently-deleted';
import {
  BACKUP_REMINDER_STEPS,
  deletedText,
  maskFor,
  type PanelController,
  type PlacedAction,
} from '../../lib/controllers/panel';
import type { Audit, Brand, DeletedEntry, Journey, Wave } from '../../lib/model';
import { formatTarget, standardName } from '../../lib/taxonomy';
import { useCaptures } from './use-captures';
import { useMethod } from './use-method';
import { useLiveOf } from './use-live-of';
import { useSteps } from './use-steps';

type Form = 'none' | 'audit' | 'edit-audit' | 'journey' | 'edit-journey' | 'offline';

export function App({ controller }: { controller: PanelController }) {
  const { shell } = controller;
  const page = useShell(shell);
  const { settings, t, locale } = page;
  const audits = useSubscription<Audit[] | null>(controller.audits, null, []);
  const audit = audits?.find((a) => a.id === settings?.activeAuditId) ?? audits?.[0];
  // The audit's lists, never the previous audit's for a render after a switch (useLiveOf).
  const journeys = useLiveOf<Journey[]>(audit?.id ?? null, controller.journeys(audit?.id ?? null));
  const journey = journeys?.find((j) => j.id === settings?.activeJourneyId) ?? journeys?.[0];
  const brands = useLiveOf<Brand[]>(audit?.id ?? null, controller.brands(audit?.id ?? null));
  const waves = useLiveOf<Wave[]>(audit?.id ?? null, controller.waves(audit?.id ?? null));
  const labels = useMemo(
    () => controller.walkLabels(journeys ?? [], brands ?? [], waves ?? [], audit?.method),
    [journeys, brands, waves, locale, audit?.method],
  );
  const placedActions = useSubscription<PlacedAction[]>(
    controller.placedActions(audit?.id ?? null),
    [],
    [audit?.id],
  );
  // While scoring blind, the actions of the walk scored (and of its other blind scorings) stay
  // hidden: they carry the other auditors' judgement.
  const hiddenWalks = useMemo(() => {
    const original = journey?.blindOf;
    if (original === undefined) return new Set<string>();
    const others = (journeys ?? []).filter((j) => j.blindOf === original && j.id !== journey?.id);
    return new Set([original, ...others.map((j) => j.id)]);
  }, [journeys, journey?.id]);
  const shownActions = useMemo(
    () => placedActions.filter((p) => !hiddenWalks.has(p.journeyId)).map((p) => p.action),
    [placedActions, hiddenWalks],
  );
  const journeyActionItems = useMemo(
    () => placedActions.filter((p) => p.journeyId === journey?.id).map((p) => p.action),
    [placedActions, journey?.id],
  );
  const trash = useSubscription<DeletedEntry[]>(controller.trash, [], []);
  const lastBackupAt = settings?.lastBackupAt ?? 0;
  const unsaved = useSubscription<number>(controller.unsavedSince(lastBackupAt), 0, [lastBackupAt]);
  const persisted = useSubscription<boolean | null>(controller.persisted, null, []);
  const mask = useMemo(() => maskFor(settings?.identity ?? null, t), [settings?.identity, locale]);
  const [form, setForm] = useState<Form>('none');
  // The audit just created: its New journey form waits until the panel has switched to it.
  const [createdAudit, setCreatedAudit] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [deleted, setDeleted] = useState<DeletedEntry | null>(null);
  // The step list's tag filter, for the walk it was chosen on (another walk shows all its steps).
  const [tagFilter, setTagFilter] = useState<{ journeyId: string; tag: string } | null>(null);
  const [backingUp, setBackingUp] = useState(false);

  const run = async (action: () => Promise<string | null>) => {
    try {
      const text = await action();
      setMessage(text ? { kind: 'status', text } : null);
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    }
  };
  const say = (text: string) => setMessage({ kind: 'status', text });
  /** An action that says nothing when it works: only its error reaches the message line. */
  const failed = (error: unknown) => setMessage({ kind: 'error', text: describeError(error, t) });
  const attempt = (promise: Promise<unknown>) => void promise.catch(failed);

  const journeySteps = useSteps(controller, journey?.id ?? null, run);
  const { steps } = journeySteps;
  const brand = brands?.find((b) => b.id === journey?.brandId);
  const wave = waves?.find((w) => w.id === journey?.waveId);
  const method = useMethod(audit, journey, brand?.role, steps, journeyActionItems, locale);
  const today = new Date().setHours(0, 0, 0, 0);
  const captures = useCaptures(controller.captures, journey?.id ?? null, t, run, say, failed);

  // Captures made by a shortcut, the context menu or auto-capture report here.
  const notice = settings?.notice;
  useEffect(() => {
    const fresh = controller.freshNotice(notice);
    if (fresh) {
      setMessage({
        kind: fresh.kind === 'error' ? 'error' : 'status',
        text: describeNotice(fresh, t),
      });
    }
  }, [notice?.at]);
  // Work that goes on after a capture resolved (image compaction) reports its errors here.
  const latestT = useRef(t);
  latestT.current = t;
  useEffect(
    () =>
      controller.backgroundErrors(
        (error) => setMessage({ kind: 'error', text: describeError(error, latestT.current) }),
        () => undefined,
      ),
    [],
  );

  // Score keys: 1–5 set the experience of the step holding the focus, or of the last step.
  useDocumentKeydown((event) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || !/^[1-5]$/.test(event.key)) return;
    if (target?.closest('input, textarea, select, [contenteditable]')) return;
    const focusedId = target?.closest<HTMLElement>('[data-step-id]')?.dataset.stepId;
    const step = steps.find((s) => s.id === focusedId) ?? steps.at(-1);
    if (!step) return;
    event.preventDefault();
    const experience = Number(event.key);
    journeySteps.edit(step, { experience }, () => controller.score(step, experience));
  });

  /** The deletion is said (and can be undone) in the undo line, not in the status line. */
  const removed = (entry: DeletedEntry) => {
    setDeleted(entry);
    return null;
  };
  const restore = (entry: DeletedEntry) =>
    void run(async () => {
      const text = await controller.restore(entry);
      if (deleted?.id === entry.id) setDeleted(null);
      return text;
    });

  const auditBarActions: AuditBarActions = {
    chooseAudit: (id) => attempt(controller.chooseAudit(id)),
    chooseJourney: (id) => attempt(controller.chooseJourney(id)),
    newAudit: () => setForm('audit'),
    editAudit: () => setForm(form === 'edit-audit' ? 'none' : 'edit-audit'),
    deleteAudit: (a) => void run(async () => removed(await controller.deleteAudit(a))),
    newJourney: () => {
      setCreatedAudit(null);
      setForm('journey');
    },
    editJourney: () => setForm(form === 'edit-journey' ? 'none' : 'edit-journey'),
    deleteJourney: (j) => void run(async () => removed(await controller.deleteJourney(j))),
  };

  const journeyActions: JourneyActions = {
    captureVisible: captures.visible,
    captureFullPage: captures.fullPage,
    cancelFullPage: captures.cancelFullPage,
    chooseArea: captures.chooseArea,
    setHideOverlays: captures.setHideOverlays,
    pick: captures.pick,
    cancelPick: captures.cancelPick,
    toggleOffline: () => setForm(form === 'offline' ? 'none' : 'offline'),
    setAutoCapture: (on) => void run(() => controller.setAutoCapture(journey?.id ?? null, on)),
    setClickCapture: (on) => void run(() => controller.setClickCapture(journey?.id ?? null, on)),
    finish: (outcome) =>
      void run(async () => (journey ? controller.finishJourney(journey.id, outcome) : null)),
    reopen: () => void run(async () => (journey ? controller.reopenJourney(journey.id) : null)),
    scoreBlind: () => void run(async () => (journey ? controller.scoreBlind(journey) : null)),
    recommend: (value) =>
      void run(async () => (journey ? controller.recommend(journey.id, value) : null)),
  };

  const methodActions: MethodActions = {
    answer: (step, templateId, itemId, answer) =>
      journeySteps.answer(step, templateId, itemId, answer, () =>
        controller.answerCheck(step, templateId, itemId, answer),
      ),
    checkDetail: (step, templateId, itemId, detail) =>
      void run(() => controller.checkDetail(step, templateId, itemId, detail)),
    addChecklist: (step, templateId) => void run(() => controller.addChecklist(step, templateId)),
    startTimer: (step, standardId) => void run(() => controller.startTimer(step, standardId)),
    recordDuration: (step, standardId, ms) =>
      void run(() => controller.recordDuration(step, standardId, ms)),
    excuse: (step, id, excused) => void run(() => controller.excuse(step, id, excused)),
    deleteMeasurement: (step, id) => void run(() => controller.deleteMeasurement(step, id)),
    addAction: (input) => void run(() => controller.addAction(input)),
    updateAction: (action, edit) => void run(() => controller.updateAction(action, edit)),
    deleteAction: (action) => void run(async () => removed(await controller.deleteAction(action))),
  };
  const timerActions: TimerActions = {
    stopAtLast: (r) =>
      void run(() =>
        controller.stopTimerAtLast(journey?.id ?? null, steps.at(-1), r.measurement.id),
      ),
    cancel: (r) => void run(() => controller.cancelTimer(journey?.id ?? null, r.measurement.id)),
  };
  const placeOf = new Map(placedActions.map((p) => [p.action.id, p]));

  // One object for every step: rows stay memoised (see StepItem).
  const stepActions = useRef<StepActions>(null as unknown as StepActions);
  stepActions.current = {
    edit: (step, edit) => journeySteps.edit(step, edit, () => controller.editStep(step, edit)),
    move: (step, toSeq) => void run(() => controller.moveStep(step, toSeq)),
    delete: (step) => void run(async () => removed(await controller.deleteStep(step))),
    attach: (step, file) => void run(() => controller.attachEvidence(step, file)),
    annotate: (_step, screenshotId) => void run(() => controller.annotate(screenshotId)),
    defineStage: (step, name) =>
      void run(async () => (audit ? controller.defineStage(audit, step, name) : null)),
    method: methodActions,
    tags: {
      suggestions: () => (audit ? controller.auditTags(audit.id) : Promise.resolve([])),
      add: (step, text) => controller.addTags(step, text),
      remove: (step, tag) => controller.removeTag(step, tag),
    },
  };
  const stableStepActions = useMemo<StepActions>(
    () => ({
      edit: (...a) => stepActions.current.edit(...a),
      move: (...a) => stepActions.current.move(...a),
      delete: (...a) => stepActions.current.delete(...a),
      attach: (...a) => stepActions.current.attach(...a),
      annotate: (...a) => stepActions.current.annotate(...a),
      defineStage: (...a) => stepActions.current.defineStage(...a),
      tags: {
        suggestions: () => stepActions.current.tags!.suggestions(),
        add: (...a) => stepActions.current.tags!.add(...a),
        remove: (...a) => stepActions.current.tags!.remove(...a),
      },
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

  /** A brand or wave write: its status in the message line; a refusal stays with the card's form. */
  const programmeActions: ProgrammeActions = {
    createBrand: async (fields) => say(await controller.createBrand(audit!.id, fields)),
    updateBrand: async (brand, fields) => say(await controller.updateBrand(brand, fields)),
    deleteBrand: async (brand) => void removed(await controller.deleteBrand(brand)),
    createWave: async (fields) => say(await controller.createWave(audit!.id, fields)),
    updateWave: async (wave, fields) => say(await controller.updateWave(wave, fields)),
    deleteWave: async (wave) => void removed(await controller.deleteWave(wave)),
  };
  const lists = journeys && brands && waves ? { journeys, brands, waves } : null;

  const backup = () => {
    if (backingUp) return;
    setBackingUp(true);
    say(t('backingUp'));
    void run(() => controller.backup()).finally(() => setBackingUp(false));
  };

  return (
    <PageShell shell={shell} state={page} class="panel" loading={!settings || !audits}>
      {settings && audits && (
        <>
          <header class="panel-head">
            <h1>{t('appName')}</h1>
            <LanguageSelect t={t} locale={locale} onChange={(l) => attempt(shell.setLocale(l))} />
            <button type="button" onClick={() => attempt(controller.openReport())}>
              {t('openReport')}
            </button>
            {audit && (
              <button type="button" onClick={() => attempt(controller.openMethod(audit.id))}>
                {t('openMethod')}
              </button>
            )}
            <button
              type="button"
              class="icon"
              aria-label={t('optionsTitle')}
              title={t('optionsTitle')}
              onClick={() => attempt(controller.openOptions())}
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
            labels={labels}
            creatingAudit={form === 'audit'}
            actions={auditBarActions}
          />

          {form === 'audit' && (
            <AuditForm
              t={t}
              onCancel={() => setForm('none')}
              onSubmit={async (input) => {
                setCreatedAudit(await controller.createAudit(input));
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
                await controller.updateAudit(audit.id, input);
                setForm('none');
              }}
            />
          )}
          {form === 'journey' && audit && lists && (createdAudit ?? audit.id) === audit.id && (
            <JourneyForm
              key={audit.id}
              t={t}
              locale={locale}
              brands={lists.brands}
              waves={lists.waves}
              proposedWave={controller.proposedWave(lists.waves)}
              editing={false}
              method={audit.method}
              initial={controller.newJourney(
                audit,
                lists.journeys,
                lists.brands,
                lists.waves,
                settings.auditorName,
              )}
              onCancel={() => setForm('none')}
              onSubmit={async (input) => {
                await controller.createJourney(audit.id, input);
                setForm('none');
              }}
            />
          )}
          {form === 'edit-journey' && journey && lists && (
            <JourneyForm
              key={journey.id}
              t={t}
              locale={locale}
              brands={lists.brands}
              waves={lists.waves}
              proposedWave={controller.proposedWave(lists.waves)}
              editing
              method={audit?.method}
              initial={{
                ...journey,
                brand: { id: journey.brandId },
                wave: { id: journey.waveId },
              }}
              onCancel={() => setForm('none')}
              onSubmit={async ({ brand, wave, ...input }) => {
                await controller.updateJourney(journey.id, {
                  ...input,
                  ...('id' in brand && { brandId: brand.id }),
                  ...('id' in wave && { waveId: wave.id }),
                });
                setForm('none');
              }}
            />
          )}

          {audit && lists && (
            <ProgrammeCard
              key={audit.id}
              t={t}
              locale={locale}
              brands={lists.brands}
              waves={lists.waves}
              journeys={lists.journeys}
              proposedWave={controller.proposedWave(lists.waves)}
              actions={programmeActions}
            />
          )}

          {journey && (
            <JourneyCard
              key={journey.id}
              t={t}
              journey={journey}
              brand={brand}
              wave={wave}
              locale={locale}
              stepCount={journeySteps.loaded ? steps.length : null}
              capture={captures.state}
              autoCapture={settings.autoCapture?.journeyId === journey.id}
              clickCapture={settings.clickCapture?.journeyId === journey.id}
              scoringBlindOf={
                journey.blindOf === undefined
                  ? null
                  : (journeys?.find((j) => j.id === journey.blindOf)?.auditor.trim() ?? '')
              }
              method={audit?.method}
              canScoreBlind={controller.canScoreBlind(
                journey,
                journeys ?? [],
                settings.auditorName,
              )}
              actions={journeyActions}
            />
          )}

          {form === 'offline' && journey && (
            <OfflineForm
              t={t}
              locale={locale}
              defaultStage={controller.newStepStage(steps)}
              stageOptions={method.view.stageOptions}
              types={method.view.types}
              method={method.view}
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
                const text = await controller.addOfflineContact(journey.id, input);
                setForm('none');
                say(text);
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
            <UndoLine
              t={t}
              text={deleted ? deletedText(deleted, t, mask.text) : null}
              entryId={deleted?.id ?? null}
              onUndo={() => deleted && restore(deleted)}
            />
          </MessageLines>

          {journey && journeySteps.loaded && (
            <TagFilter
              t={t}
              steps={steps}
              value={tagFilter?.journeyId === journey.id ? tagFilter.tag : null}
              onChange={(tag) => setTagFilter(tag === null ? null : { journeyId: journey.id, tag })}
            />
          )}
          {journey && (
            <StepList
              key={journey.id}
              t={t}
              locale={locale}
              steps={
                // A filtered list may start anywhere in the walk: it waits for every screenshot.
                journeySteps.loaded &&
                (journeySteps.complete || tagFilter?.journeyId !== journey.id)
                  ? filterByTag(steps, tagFilter?.journeyId === journey.id ? tagFilter.tag : null)
                  : null
              }
              complete={journeySteps.complete}
              screenshotsOf={journeySteps.screenshotsOf}
              thumbUrls={journeySteps.thumbs}
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
              actions={shownActions}
              today={today}
              contextOf={(action) => {
                const place = placeOf.get(action.id);
                return place
                  ? `${labels.get(place.journeyId) ?? ''} · ${t('stepN', { n: place.seq })}`
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
            onOpenData={() => attempt(controller.openData())}
          />
          <RecentlyDeleted
            t={t}
            locale={locale}
            entries={trash}
            mask={mask.text}
            onRestore={restore}
            onEmpty={() => void run(() => controller.emptyDeleted())}
          />
        </>
      )}
    </PageShell>
  );
}
