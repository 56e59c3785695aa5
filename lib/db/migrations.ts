/**
 * Schema upgrades. Frozen once released: they import nothing from the live model, so a later
 * change to a schema cannot change what an old upgrade does. test/unit/migrations.test.ts fills
 * every older version as released and reopens it at the newest.
 */
import type { Transaction } from 'dexie';

type Row = Record<string, unknown>;

/** v1 → v2: copy each screenshot's evidence from its step; nothing was redacted or annotated. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const steps = new Map<string, Row>();
  await tx.table('touchpoints').each((step: Row) => void steps.set(step.id as string, step));
  await tx
    .table('screenshots')
    .toCollection()
    .modify((shot: Row) => {
      const step = steps.get(shot.touchpointId as string);
      const page = shot.mode !== 'uploaded';
      shot.part = 0;
      shot.parts = 1;
      shot.url = page ? (step?.url ?? null) : null;
      shot.title = (step?.title as string | undefined) ?? '';
      shot.capturedAt = page
        ? ((step?.at as number | undefined) ?? shot.createdAt)
        : shot.createdAt;
      shot.viewport = page ? (step?.viewport ?? null) : null;
      shot.devicePixelRatio = page ? (step?.devicePixelRatio ?? null) : null;
      shot.userAgent = '';
      shot.redacted = false;
      shot.annotations = [];
    });
}

/**
 * v2 → v3: every record gets `updatedAt` (merges compare it), steps get `createdAt` and the list
 * of shortened values (none so far), journeys the auditor who walked them (not known before).
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const stepTimes = new Map<string, number>();
  await tx
    .table('journeys')
    .toCollection()
    .modify((journey: Row) => {
      journey.auditor = '';
      journey.updatedAt = journey.finishedAt ?? journey.createdAt;
    });
  await tx
    .table('touchpoints')
    .toCollection()
    .modify((step: Row) => {
      step.createdAt = step.at;
      step.updatedAt = step.at;
      step.shortened = [];
      stepTimes.set(step.id as string, step.at as number);
    });
  const stepTitles = new Map<string, string>();
  await tx
    .table('touchpoints')
    .each((step: Row) => void stepTitles.set(step.id as string, step.title as string));
  await tx
    .table('screenshots')
    .toCollection()
    .modify((shot: Row) => {
      shot.updatedAt = shot.createdAt;
      // An image attached to a step kept the file's name as its title; an offline contact's
      // image, the contact's title. The file name moves to its own field (exported only if chosen).
      const stepTitle = stepTitles.get(shot.touchpointId as string) ?? '';
      const attached = shot.mode === 'uploaded' && shot.title !== stepTitle;
      shot.fileName = attached ? shot.title : '';
      if (attached) shot.title = stepTitle;
    });
  await tx
    .table('actionItems')
    .toCollection()
    .modify((action: Row) => {
      const at = stepTimes.get(action.touchpointId as string) ?? 0;
      action.createdAt = at;
      action.updatedAt = at;
    });
}
