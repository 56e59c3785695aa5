/**
 * Finishes a step's images after it is saved (the step is durable before this runs; if the
 * context dies midway, the step stays as saved): each image the encoder can make smaller or give
 * its real thumbnail (lib/capture/encode compactImage) is replaced in one transaction, only if its
 * bytes did not change meanwhile (a redaction burnt in wins).
 */
import type { AuditStore } from '../db';
import { NotFoundError } from '../db/errors';
import { compactImage } from '../capture/encode';

/** Thumbnails and compacts each image of a step (see above); returns the image bytes saved. */
export async function compactStepImages(store: AuditStore, touchpointId: string): Promise<number> {
  let saved = 0;
  for (const shot of await store.listScreenshots([touchpointId])) {
    const original = await store.getImage(shot.id);
    if (!original) continue;
    const image = await compactImage(original, shot);
    if (!image) continue;
    try {
      await store.replaceImage(shot.id, { ...image, redacted: shot.redacted }, shot.sha256);
      saved += original.size - image.blob.size;
    } catch (error) {
      // Deleted or changed (e.g. redacted) meanwhile: leave it as it is now.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return saved;
}
