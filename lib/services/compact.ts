/**
 * After a step is saved, its JPEG is re-encoded as WebP in the background when that is clearly
 * smaller (flat, illustration-heavy pages halve). The step is durable before this runs; if the
 * context dies midway, the JPEG simply stays.
 */
import type { AuditStore } from '../db';
import { NotFoundError } from '../db/errors';
import { encodeCaptured } from '../capture/encode';

export const WEBP_QUALITY = 0.75;
/** Keep the new bytes only when they save at least this share. */
const MIN_SAVING = 0.15;
/** WebP cannot encode images larger than this per side. */
const WEBP_MAX_SIDE = 16_383;

/** Re-encodes each JPEG screenshot of a step as WebP when it saves ≥ 15 %; returns bytes saved. */
export async function compactStepImages(store: AuditStore, touchpointId: string): Promise<number> {
  let saved = 0;
  for (const shot of await store.listScreenshots([touchpointId])) {
    if (shot.mime !== 'image/jpeg' || shot.width > WEBP_MAX_SIDE || shot.height > WEBP_MAX_SIDE)
      continue;
    const original = await store.getImage(shot.id);
    if (!original) continue;
    const bitmap = await createImageBitmap(original);
    let webp: Blob;
    try {
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
      webp = await canvas.convertToBlob({ type: 'image/webp', quality: WEBP_QUALITY });
    } finally {
      bitmap.close();
    }
    if (webp.type !== 'image/webp' || webp.size > original.size * (1 - MIN_SAVING)) continue;
    const image = await encodeCaptured(webp, shot.mode);
    try {
      await store.replaceImage(shot.id, { ...image, redacted: shot.redacted }, shot.sha256);
      saved += original.size - webp.size;
    } catch (error) {
      // Deleted or changed (e.g. redacted) meanwhile: leave it as it is now.
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  return saved;
}
