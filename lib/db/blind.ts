/**
 * Scoring blind (calibration between auditors): another auditor scores the same steps of a walk
 * with the first auditor's scores hidden. The blind walk is a new walk of the same brand, wave and
 * task holding a copy of every step and screenshot, every score empty.
 */
import { brandNameKey, Journey, Screenshot, Step } from '../model';
import { parse, StorePart } from './core';
import { BlindWalkError, NotFoundError } from './errors';

/** A step as the blind auditor gets it: where and what it was, none of the first auditor's views. */
function blindStep(step: Step, id: string, journeyId: string, now: number): Step {
  return parse(
    Step,
    {
      ...step,
      id,
      journeyId,
      checks: [],
      experience: null,
      importance: null,
      likelihood: null,
      note: '',
      weakLink: false,
      wow: false,
      createdAt: now,
      updatedAt: now,
    },
    'step',
  );
}

export class BlindRecords extends StorePart {
  /**
   * Starts `auditor`'s blind scoring of a walk, in one transaction: a new walk (same audit, brand,
   * wave, task, persona and entry channel; `blindOf` the walk; no outcome, no measurements) with a
   * copy of every step (same position, kind, address, title, time, stage, type, category, channel,
   * added checklists, viewport; no checklist answers, scores, note, weak link or wow) and of every
   * screenshot (new ids; the same image bytes, hash and evidence record; the first auditor's
   * annotations left out; covered frames stay covered, their held-back originals are not copied).
   * Refused (BlindWalkError, nothing written) when no auditor is named, the walk is itself a
   * blind scoring, `auditor` walked it (names compared as brandNameKey does), or `auditor`
   * already scores it blind. NotFoundError when the walk is missing. Resolves with the new walk.
   */
  async scoreBlind(journeyId: string, auditor: string): Promise<Journey> {
    const name = auditor.trim().replace(/\s+/g, ' ');
    if (!name) throw new BlindWalkError('no-auditor', '');
    const { db } = this;
    // The copies' bytes, for the storage guard (read before: no non-IndexedDB work inside a write).
    const stepIds = await db.touchpoints.where('journeyId').equals(journeyId).primaryKeys();
    const shots = await db.screenshots.where('touchpointId').anyOf(stepIds).toArray();
    const bytes = shots.reduce((sum, s) => sum + s.bytes + s.thumbnail.size, 0);
    return this.core.write(bytes, () =>
      db.transaction('rw', [db.journeys, db.touchpoints, db.screenshots, db.images], async () => {
        const original = await db.journeys.get(journeyId);
        if (!original) throw new NotFoundError('Journey', journeyId);
        if (original.blindOf !== undefined) throw new BlindWalkError('of-blind', name);
        if (brandNameKey(original.auditor) === brandNameKey(name))
          throw new BlindWalkError('same-auditor', original.auditor.trim() || name);
        const walks = await db.journeys.where('auditId').equals(original.auditId).toArray();
        const earlier = walks.find(
          (j) => j.blindOf === journeyId && brandNameKey(j.auditor) === brandNameKey(name),
        );
        if (earlier) throw new BlindWalkError('already', earlier.auditor);

        const now = this.now();
        const journey = parse(
          Journey,
          {
            id: this.newId(),
            auditId: original.auditId,
            brandId: original.brandId,
            waveId: original.waveId,
            task: original.task,
            persona: original.persona,
            entryChannel: original.entryChannel,
            auditor: name,
            createdAt: now,
            updatedAt: now,
            finishedAt: null,
            outcome: null,
            measurements: [],
            blindOf: original.id,
          },
          'journey',
        );
        const steps = await db.touchpoints.where('journeyId').equals(journeyId).toArray();
        const copyOf = new Map<string, string>();
        const copies = steps.map((step) => {
          const copy = blindStep(step, this.newId(), journey.id, now);
          copyOf.set(step.id, copy.id);
          return copy;
        });
        const screenshots = await db.screenshots
          .where('touchpointId')
          .anyOf(steps.map((s) => s.id))
          .toArray();
        const images = await db.images.bulkGet(screenshots.map((s) => s.id));
        const shotCopies: Screenshot[] = [];
        const imageCopies: { id: string; blob: Blob }[] = [];
        screenshots.forEach((shot, i) => {
          const image = images[i];
          if (!image) throw new NotFoundError('Image of screenshot', shot.id);
          const id = this.newId();
          shotCopies.push(
            parse(
              Screenshot,
              {
                ...shot,
                id,
                touchpointId: copyOf.get(shot.touchpointId)!,
                // The original's creation time keeps a step's images in their order.
                annotations: [],
                updatedAt: now,
              },
              'screenshot',
            ),
          );
          imageCopies.push({ id, blob: image.blob });
        });
        await db.journeys.add(journey);
        await db.touchpoints.bulkAdd(copies);
        await db.screenshots.bulkAdd(shotCopies);
        await db.images.bulkAdd(imageCopies);
        return journey;
      }),
    );
  }
}
