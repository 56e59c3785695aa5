/**
 * Burning manual redactions into a stored image. The stored bytes may be swapped meanwhile (the
 * background WebP re-encode): the new pixels replace only the bytes that were redacted — compared
 * by hash in the store's transaction — else the image is read and redacted again, so unredacted
 * pixels can never come back.
 */
import type { Rect } from '../geometry';
import { burnInRedactions } from '../capture/burn-in';
import { sha256Hex } from '../capture/encode';
import { NotFoundError, type AuditStore } from '../db';

/** How often to redo the redaction when the bytes changed underneath it. */
const ATTEMPTS = 3;

/** Paints `areas` (image pixels) black into the stored image; resolves with its new SHA-256. */
export async function applyRedactions(
  store: AuditStore,
  screenshotId: string,
  areas: Rect[],
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const shot = await store.getScreenshot(screenshotId);
    const current = await store.getImage(screenshotId);
    if (!shot || !current) throw new NotFoundError('Image', screenshotId);
    // Encoded and hashed before the store opens its transaction.
    const [encoded, readSha] = await Promise.all([
      burnInRedactions(current, areas, shot.mode),
      sha256Hex(current),
    ]);
    try {
      return (await store.replaceImage(screenshotId, encoded, readSha)).sha256;
    } catch (error) {
      const gone = !(await store.getScreenshot(screenshotId));
      if (!(error instanceof NotFoundError) || gone || attempt >= ATTEMPTS) throw error;
    }
  }
}
