/**
 * Recently deleted: a deleted audit, brand, wave, journey, step, image or action moves here with
 * everything that belonged to it (image bytes included) and a tombstone per record, in one
 * transaction. It survives reloads and restarts; only emptying Recently deleted removes it for
 * good. The held-back original pixels of covered frames are not moved: they are deleted with the
 * screenshot. A deleted journey's entry also holds a copy of its brand and wave (not deleted:
 * they stay), so it can come back even after they were deleted: restoring adds them where missing.
 */
import {
  brandNameKey,
  type ActionItem,
  type Brand,
  type DeletedContent,
  type DeletedEntry,
  type DeletedKind,
  type Journey,
  type RecordTable,
  type Screenshot,
  type StoredImage,
  type Tombstone,
  type Step,
  type Wave,
} from '../model';
import { StorePart } from './core';
import type { AuditDatabase } from './schema';
import { DuplicateNameError, NotFoundError, RestoreError } from './errors';

/**
 * Whether an entry's brands and waves were deleted with it (an audit, a brand, a wave) or are
 * only the copies a journey's entry keeps of those it names (not deleted, no tombstone).
 */
function ownsProgramme(kind: DeletedKind): boolean {
  return kind === 'audit' || kind === 'brand' || kind === 'wave';
}

/** A record and everything that belongs to it, as found in the live tables. */
interface Subtree {
  kind: DeletedKind;
  id: string;
  auditId: string;
  journeyId: string | null;
  label: string;
  position: number | null;
  content: DeletedContent;
}

export async function stepsOf(db: AuditDatabase, journeyId: string): Promise<Step[]> {
  // A plain equality query (sorted here, not by the compound index): Dexie's live-query cache
  // applies a write to it at once instead of reading a thousand steps again from disk.
  const steps = await db.touchpoints.where('journeyId').equals(journeyId).toArray();
  return [...steps].sort((a, b) => a.seq - b.seq);
}

/** Writes `seq` 1..n in the given order; a step whose position changed counts as edited now. */
export async function renumber(db: AuditDatabase, steps: Step[], now: number): Promise<void> {
  const changed = steps
    .map((step, index) => ({ ...step, seq: index + 1 }))
    .filter((step, index) => steps[index]?.seq !== step.seq)
    .map((step) => ({ ...step, updatedAt: now }));
  if (changed.length) await db.touchpoints.bulkPut(changed);
}

async function stepsContent(db: AuditDatabase, steps: Step[]) {
  const stepIds = steps.map((s) => s.id);
  const screenshots = await db.screenshots.where('touchpointId').anyOf(stepIds).toArray();
  const actionItems = await db.actionItems.where('touchpointId').anyOf(stepIds).toArray();
  const images = (await db.images.bulkGet(screenshots.map((s) => s.id))).filter(
    (image): image is StoredImage => image !== undefined,
  );
  return { touchpoints: steps, screenshots, actionItems, images };
}

async function journeyOfStep(db: AuditDatabase, touchpointId: string) {
  const step = await db.touchpoints.get(touchpointId);
  const journey = step && (await db.journeys.get(step.journeyId));
  return { step, journey };
}

/** Finds a record and everything under it; null when the record does not exist (any more). */
export async function collectSubtree(
  db: AuditDatabase,
  kind: DeletedKind,
  id: string,
): Promise<Subtree | null> {
  const empty = {
    audits: [],
    brands: [],
    waves: [],
    journeys: [],
    touchpoints: [],
    screenshots: [],
    actionItems: [],
  };
  switch (kind) {
    case 'audit': {
      const audit = await db.audits.get(id);
      if (!audit) return null;
      const brands = await db.brands.where('auditId').equals(id).toArray();
      const waves = await db.waves.where('auditId').equals(id).toArray();
      const journeys = await db.journeys.where({ auditId: id }).toArray();
      const steps = await db.touchpoints
        .where('journeyId')
        .anyOf(journeys.map((j) => j.id))
        .toArray();
      return {
        kind,
        id,
        auditId: id,
        journeyId: null,
        label: audit.name,
        position: null,
        content: {
          id,
          ...empty,
          audits: [audit],
          brands,
          waves,
          journeys,
          ...(await stepsContent(db, steps)),
        },
      };
    }
    case 'brand': {
      const brand = await db.brands.get(id);
      if (!brand) return null;
      const content = { id, ...empty, brands: [brand], images: [] };
      return {
        kind,
        id,
        auditId: brand.auditId,
        journeyId: null,
        label: brand.name,
        position: null,
        content,
      };
    }
    case 'wave': {
      const wave = await db.waves.get(id);
      if (!wave) return null;
      const content = { id, ...empty, waves: [wave], images: [] };
      return {
        kind,
        id,
        auditId: wave.auditId,
        journeyId: null,
        label: wave.name,
        position: null,
        content,
      };
    }
    case 'journey': {
      const journey = await db.journeys.get(id);
      if (!journey) return null;
      const steps = await stepsOf(db, id);
      const brand = await db.brands.get(journey.brandId);
      const wave = await db.waves.get(journey.waveId);
      return {
        kind,
        id,
        auditId: journey.auditId,
        journeyId: id,
        label: [brand?.name, wave?.name].filter(Boolean).join(' · '),
        position: null,
        content: {
          id,
          ...empty,
          brands: brand ? [brand] : [],
          waves: wave ? [wave] : [],
          journeys: [journey],
          ...(await stepsContent(db, steps)),
        },
      };
    }
    case 'step': {
      const { step, journey } = await journeyOfStep(db, id);
      if (!step || !journey) return null;
      return {
        kind,
        id,
        auditId: journey.auditId,
        journeyId: journey.id,
        label: step.title,
        position: step.seq,
        content: { id, ...empty, ...(await stepsContent(db, [step])) },
      };
    }
    case 'image': {
      const shot = await db.screenshots.get(id);
      const { journey } = shot ? await journeyOfStep(db, shot.touchpointId) : {};
      if (!shot || !journey) return null;
      const image = await db.images.get(id);
      return {
        kind,
        id,
        auditId: journey.auditId,
        journeyId: journey.id,
        label: shot.title,
        position: null,
        content: { id, ...empty, screenshots: [shot], images: image ? [image] : [] },
      };
    }
    case 'action': {
      const action = await db.actionItems.get(id);
      const { journey } = action ? await journeyOfStep(db, action.touchpointId) : {};
      if (!action || !journey) return null;
      return {
        kind,
        id,
        auditId: journey.auditId,
        journeyId: journey.id,
        label: action.what,
        position: null,
        content: { id, ...empty, actionItems: [action], images: [] },
      };
    }
  }
}

function tombstonesOf(
  kind: DeletedKind,
  content: DeletedContent,
  auditId: string,
  deletedAt: number,
): Tombstone[] {
  const owned = ownsProgramme(kind);
  const rows: [RecordTable, { id: string }[]][] = [
    ['audits', content.audits],
    ['brands', owned ? content.brands : []],
    ['waves', owned ? content.waves : []],
    ['journeys', content.journeys],
    ['touchpoints', content.touchpoints],
    ['screenshots', content.screenshots],
    ['actionItems', content.actionItems],
  ];
  return rows.flatMap(([table, records]) =>
    records.map((r) => ({ id: r.id, table, auditId, deletedAt })),
  );
}

/**
 * Moves a record with everything under it to Recently deleted (call inside a transaction over
 * every table). Returns the new entry, or null when the record was already gone.
 */
export async function moveToTrash(
  db: AuditDatabase,
  kind: DeletedKind,
  id: string,
  now: number,
): Promise<DeletedEntry | null> {
  const tree = await collectSubtree(db, kind, id);
  if (!tree) return null;
  const { content } = tree;
  const entry: DeletedEntry = {
    id,
    kind,
    auditId: tree.auditId,
    journeyId: tree.journeyId,
    label: tree.label,
    position: tree.position,
    deletedAt: now,
    counts: {
      journeys: content.journeys.length,
      steps: content.touchpoints.length,
      images: content.screenshots.length,
    },
  };
  // A record deleted twice (e.g. restored, then deleted again) keeps only its newest entry.
  await db.deleted.put(entry);
  await db.deletedContent.put(content);
  await db.audits.bulkDelete(content.audits.map((r) => r.id));
  if (ownsProgramme(kind)) {
    await db.brands.bulkDelete(content.brands.map((r) => r.id));
    await db.waves.bulkDelete(content.waves.map((r) => r.id));
  }
  await db.journeys.bulkDelete(content.journeys.map((r) => r.id));
  await db.touchpoints.bulkDelete(content.touchpoints.map((r) => r.id));
  await db.screenshots.bulkDelete(content.screenshots.map((r) => r.id));
  await db.images.bulkDelete(content.screenshots.map((r) => r.id));
  // The original pixels of covered frames are never kept in Recently deleted: a screenshot that
  // comes back stays covered for good (its frames still listed, their originals gone).
  await db.heldBack.bulkDelete(content.screenshots.map((r) => r.id));
  await db.actionItems.bulkDelete(content.actionItems.map((r) => r.id));
  await db.tombstones.bulkPut(tombstonesOf(kind, content, tree.auditId, now));
  if (kind === 'step' && tree.journeyId) await renumber(db, await stepsOf(db, tree.journeyId), now);
  return entry;
}

/** Why an entry cannot go back, or null when it can: its parent must exist, its records must not. */
async function restoreBlocker(
  db: AuditDatabase,
  entry: DeletedEntry,
  content: DeletedContent,
): Promise<RestoreError | null> {
  const parentMissing = async (): Promise<'audit' | 'journey' | 'step' | null> => {
    switch (entry.kind) {
      case 'audit':
        return null;
      case 'brand':
      case 'wave':
      case 'journey':
        return (await db.audits.get(entry.auditId)) ? null : 'audit';
      case 'step':
        return entry.journeyId && (await db.journeys.get(entry.journeyId)) ? null : 'journey';
      case 'image':
        return (await db.touchpoints.get(content.screenshots[0]?.touchpointId ?? ''))
          ? null
          : 'step';
      case 'action':
        return (await db.touchpoints.get(content.actionItems[0]?.touchpointId ?? ''))
          ? null
          : 'step';
    }
  };
  const missing = await parentMissing();
  if (missing) return new RestoreError('parent-missing', entry.label, missing);
  // A journey's copies of its brand and wave may well be live (they were never deleted).
  const programme = entry.kind === 'brand' || entry.kind === 'wave';
  const live = [
    ...(await db.audits.bulkGet(content.audits.map((r) => r.id))),
    ...(programme ? await db.brands.bulkGet(content.brands.map((r) => r.id)) : []),
    ...(programme ? await db.waves.bulkGet(content.waves.map((r) => r.id)) : []),
    ...(await db.journeys.bulkGet(content.journeys.map((r) => r.id))),
    ...(await db.touchpoints.bulkGet(content.touchpoints.map((r) => r.id))),
    ...(await db.screenshots.bulkGet(content.screenshots.map((r) => r.id))),
    ...(await db.actionItems.bulkGet(content.actionItems.map((r) => r.id))),
  ].filter(Boolean);
  return live.length ? new RestoreError('already-back', entry.label, null) : null;
}

/**
 * The brands and waves an entry brings back: those of its content not live now (entries written
 * before version 6 have none). A brand whose name a live brand of the audit has taken since is
 * refused when it is the entry (DuplicateNameError); a journey's copy gives way to the live
 * brand of that name instead (`brandFor` maps the copy's id to it), so names stay unique.
 */
async function programmeToRestore(db: AuditDatabase, entry: DeletedEntry, content: DeletedContent) {
  const contentBrands: Brand[] = content.brands ?? [];
  const contentWaves: Wave[] = content.waves ?? [];
  const liveBrandIds = new Set(
    (await db.brands.bulkGet(contentBrands.map((b) => b.id))).flatMap((b) => (b ? [b.id] : [])),
  );
  const liveWaveIds = new Set(
    (await db.waves.bulkGet(contentWaves.map((w) => w.id))).flatMap((w) => (w ? [w.id] : [])),
  );
  const brands: Brand[] = [];
  const brandFor = new Map<string, string>();
  for (const brand of contentBrands.filter((b) => !liveBrandIds.has(b.id))) {
    const key = brandNameKey(brand.name);
    const taken = (await db.brands.where('auditId').equals(brand.auditId).toArray()).find(
      (b) => brandNameKey(b.name) === key,
    );
    if (!taken) brands.push(brand);
    else if (entry.kind === 'brand') throw new DuplicateNameError('brand', brand.name, taken.name);
    else brandFor.set(brand.id, taken.id);
  }
  const waves = contentWaves.filter((w) => !liveWaveIds.has(w.id));
  return { brands, waves, brandFor };
}

/** Puts an entry of Recently deleted back where it was (call inside a transaction over every table). */
export async function restoreFromTrash(
  db: AuditDatabase,
  id: string,
  now: number,
): Promise<DeletedEntry> {
  const entry = await db.deleted.get(id);
  const content = await db.deletedContent.get(id);
  if (!entry || !content) throw new NotFoundError('Deleted item', id);
  const blocker = await restoreBlocker(db, entry, content);
  if (blocker) throw blocker;
  await db.audits.bulkAdd(content.audits);
  const { brands, waves, brandFor } = await programmeToRestore(db, entry, content);
  await db.brands.bulkAdd(brands);
  await db.waves.bulkAdd(waves);
  await db.journeys.bulkAdd(
    (content.journeys as Journey[]).map((j) =>
      brandFor.has(j.brandId) ? { ...j, brandId: brandFor.get(j.brandId)! } : j,
    ),
  );
  if (entry.kind === 'step' && entry.journeyId) {
    const steps = await stepsOf(db, entry.journeyId);
    const [step] = content.touchpoints as [Step];
    steps.splice(Math.min(steps.length, Math.max(0, (entry.position ?? 1) - 1)), 0, step);
    await db.touchpoints.add(step);
    await renumber(db, steps, now);
  } else {
    await db.touchpoints.bulkAdd(content.touchpoints);
  }
  await db.screenshots.bulkAdd(content.screenshots as Screenshot[]);
  await db.images.bulkAdd(content.images);
  await db.actionItems.bulkAdd(content.actionItems as ActionItem[]);
  await db.tombstones.bulkDelete(
    [
      ...content.audits,
      ...brands,
      ...waves,
      ...(content.journeys as Journey[]),
      ...content.touchpoints,
      ...content.screenshots,
      ...content.actionItems,
    ].map((r) => r.id),
  );
  await db.deleted.delete(id);
  await db.deletedContent.delete(id);
  return entry;
}

/** NotFoundError's name for each kind of record that can be deleted. */
const MISSING: Record<DeletedKind, string> = {
  audit: 'Audit',
  brand: 'Brand',
  wave: 'Wave',
  journey: 'Journey',
  step: 'Step',
  image: 'Screenshot',
  action: 'Action',
};

/** Deleting (to Recently deleted), restoring, and emptying Recently deleted. */
export class TrashRecords extends StorePart {
  /** Moves an audit (with everything in it) to Recently deleted. */
  deleteAudit(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('audit', id);
  }

  /** Moves a journey (with its steps, images and actions) to Recently deleted. */
  deleteJourney(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('journey', id);
  }

  /** Moves a step (with its images and actions) to Recently deleted; the journey is renumbered. */
  deleteStep(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('step', id);
  }

  /** Moves one image of a step to Recently deleted. */
  deleteScreenshot(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('image', id);
  }

  /** Moves an action (or idea) to Recently deleted. */
  deleteAction(id: string): Promise<DeletedEntry> {
    return this.moveToTrash('action', id);
  }

  private moveToTrash(kind: DeletedKind, id: string): Promise<DeletedEntry> {
    return this.core.write(0, () =>
      this.db.transaction('rw', this.db.tables, async () => {
        const entry = await moveToTrash(this.db, kind, id, this.now());
        if (!entry) throw new NotFoundError(MISSING[kind], id);
        return entry;
      }),
    );
  }

  /** Recently deleted, newest first (without the records and images each entry holds). */
  listDeleted(): Promise<DeletedEntry[]> {
    return this.db.deleted.orderBy('deletedAt').reverse().toArray();
  }

  /** Puts an entry of Recently deleted back where it was, with its images and action items. */
  restoreDeleted(id: string): Promise<DeletedEntry> {
    return this.core.write(0, () =>
      this.db.transaction('rw', this.db.tables, () => restoreFromTrash(this.db, id, this.now())),
    );
  }

  /** Empties Recently deleted for good (the tombstones stay, for merges). Returns how many. */
  emptyDeleted(): Promise<number> {
    return this.core.write(0, () =>
      this.db.transaction('rw', this.db.deleted, this.db.deletedContent, async () => {
        const count = await this.db.deleted.count();
        await this.db.deleted.clear();
        await this.db.deletedContent.clear();
        return count;
      }),
    );
  }
}
