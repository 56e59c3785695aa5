/**
 * Finishes a step's images after it is saved (the step is durable before this runs; if the
 * context dies midway, the step stays as saved):
 * - makes the real thumbnail of a capture stored with a provisional one (describeCaptured keeps
 *   thumbnailing off the capture's critical path);
 * - re-encodes a JPEG as WebP when that is clearly smaller (flat, illustration-heavy pages halve).
 * Each image is decoded once and replaced in one transaction, only if its bytes did not change
 * meanwhile (a redaction burnt in wins).
 */
import type { AuditStore } from '../db';
import { NotFoundError } from '../db/errors';
import { describe, isProvisionalThumbnail } from '../capture/encode';

export const WEBP_QUALITY = 0.75;
/** Keep the new bytes only when they save at least this share. */
const MIN_SAVING = 0.15;
/** WebP cannot encode images larger than this per side. */
const WEBP_MAX_SIDE = 16_383;

/** Thumbnails and compacts each image of a step (see above); returns the image bytes saved. */
export async function compactStepImages(store: AuditStore, touchpointId: string): Promise<number> {
  let saved = 0;
  for (const shot of await store.listScreenshots([touchpointId])) {
    const compactable =
      shot.mime === 'image/jpeg' && shot.width <= WEBP_MAX_SIDE && shot.height <= WEBP_MAX_SIDE;
    const original = await store.getImage(shot.id);
    if (!original) continue;
    const provisional = isProvisionalThumbnail(shot.thumbnail, original);
    if (!compactable && !provisional) continue;
    const bitmap = await createImageBitmap(original);
    try {
      let chosen = original;
      if (compactable) {
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
        const webp = await canvas.convertToBlob({ type: 'image/webp', quality: WEBP_QUALITY });
        if (webp.type === 'image/webp' && webp.size <= original.size * (1 - MIN_SAVING)) {
          chosen = webp;
        }
      }
      if (chosen === original && !provisional) continue;
      const image = await describe(bitmap, chosen, shot.mode);
      try {
        await store.replaceImage(shot.id, { ...image, redacted: shot.redacted }, shot.sha256);
        saved += original.size - chosen.size;
      } catch (error) {
        // Deleted or changed (e.g. redacted) meanwhile: leave it as it is now.
        if (!(error instanceof NotFoundError)) throw error;
      }
    } finally {
      bitmap.close();
    }
  }
  return saved;
}
