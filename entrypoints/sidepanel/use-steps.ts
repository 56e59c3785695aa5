/**
 * The journey's steps as the panel shows them: read live over the controller with their
 * screenshots, with edits and checklist answers shown at once, before the database confirms them
 * (a score click on a long journey), and unchanged steps kept as the same objects (memoised rows).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { thumbnailBlob, useObjectUrls } from '../../components/shared/hooks';
import { FIRST_STEPS } from '../../components/panel/step-list';
import type { PanelController } from '../../lib/controllers/panel';
import type { CheckAnswer, CheckResult, Screenshot, Step, StepEdit } from '../../lib/model';
import type { Run } from './use-captures';
import { useLiveOf } from './use-live-of';

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

/** An edit shown at once, before the database confirms it (a score click on a long journey). */
interface PendingEdit {
  edit: StepEdit;
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

export function useSteps(controller: PanelController, journeyId: string | null, run: Run) {
  // Steps and screenshots are separate live queries: scoring a step does not re-read the images.
  // Null until read: the list is drawn once both are there (not once without thumbnails and again
  // with them, which costs a long journey a second full render); a long journey's first screen
  // once its own screenshots are (below).
  // Only this journey's: right after a switch the previous one's steps are not taken for its own
  // (the journey card said their count, or "0 steps", while the new ones were read).
  const loadedSteps = useLiveOf<Step[]>(journeyId, controller.steps(journeyId));
  // The screenshots of exactly these steps: a score or a checklist answer (a write to a step) does
  // not re-read them; a step added or deleted subscribes again, keeping the last list meanwhile.
  const stepIds = useMemo(() => loadedSteps?.map((s) => s.id).join(',') ?? null, [loadedSteps]);
  const idList = (ids: string | null) =>
    !journeyId || ids === null ? null : ids === '' ? [] : ids.split(',');
  // The first screen's screenshots are read on their own as well, and first (their subscription
  // comes first, so their reads go to the database before the rest): the list shows its first
  // screen, thumbnails and all, without waiting for a thousand steps' images. None for a journey
  // that fits in a screen.
  const firstIds = useMemo(() => {
    const first =
      loadedSteps
        ?.slice(0, FIRST_STEPS)
        .map((s) => s.id)
        .join(',') ?? null;
    return first === stepIds ? null : first;
  }, [loadedSteps, stepIds]);
  const firstShots = useLiveOf<Screenshot[]>(
    journeyId,
    controller.screenshots(idList(firstIds)),
    [journeyId, firstIds],
    [journeyId],
  );
  const allShots = useLiveOf<Screenshot[]>(
    journeyId,
    controller.screenshots(idList(stepIds)),
    [journeyId, stepIds],
    [journeyId],
  );
  const loadedShots = allShots ?? firstShots;
  const loaded = loadedSteps !== null && loadedShots !== null;
  /** Every step's screenshots are read (else only the first screen's). */
  const complete = loaded && allShots !== null;
  const dbSteps = useMemo(() => (loaded ? loadedSteps : []), [loaded ? loadedSteps : null]);
  const dbShots = useMemo(() => (loaded ? loadedShots : []), [loaded ? loadedShots : null]);
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

  /** Shows the edit at once, writes it, and drops it if the write fails (the message says why). */
  const edit = (step: Step, change: StepEdit, write: () => Promise<string | null>) => {
    setPending((map) => new Map(map).set(step.id, { edit: change, base: step.updatedAt }));
    void run(async () => {
      try {
        return await write();
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

  /** Shows a checklist answer at once, writes it, and forgets it if the write fails. */
  const answer = (
    step: Step,
    templateId: string,
    itemId: string,
    value: CheckAnswer | null,
    write: () => Promise<string | null>,
  ) => {
    const key = checkKey(templateId, itemId);
    const forget = () =>
      setPendingChecks((map) => {
        const answers = new Map(map.get(step.id));
        if (answers.get(key) !== value) return map;
        answers.delete(key);
        const next = new Map(map);
        if (answers.size) next.set(step.id, answers);
        else next.delete(step.id);
        return next;
      });
    setPendingChecks((map) => new Map(map).set(step.id, new Map(map.get(step.id)).set(key, value)));
    void run(async () => {
      try {
        return await write();
      } catch (error) {
        forget();
        throw error;
      }
    });
  };

  return { loaded, complete, steps, screenshotsOf, thumbs, edit, answer };
}
