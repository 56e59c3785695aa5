/**
 * Burning manual redactions into a stored image, and uncovering an embedded frame covered at
 * capture. The stored bytes may be swapped meanwhile (the background WebP re-encode): the new
 * pixels replace only the bytes that were read — compared by hash in the store's transaction —
 * else the image is read and changed again, so unredacted pixels can never come back.
 */
import { intersect, JPEG_BLOCK_PX, toImagePixels, type Rect } from '../geometry';
import { BURN_IN_QUALITY, burnInRedactions } from '../capture/burn-in';
import { encodeCaptured, sha256Hex } from '../capture/encode';
import { NotFoundError, type AuditStore } from '../db';
import type {
  CoveredFrame,
  EncodedImage,
  HeldBackOriginal,
  Screenshot,
  ScreenshotMode,
} from '../model';

/** How often to redo the change when the bytes changed underneath it. */
const ATTEMPTS = 3;

/**
 * Runs `attempt` (which reads what is stored, changes it and hands it to the store) again when
 * the store refuses because the bytes changed meanwhile (NotFoundError, the screenshot still there).
 */
async function retryOnChange<T>(
  store: AuditStore,
  screenshotId: string,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const gone = !(await store.getScreenshot(screenshotId));
      if (!(error instanceof NotFoundError) || gone || n >= ATTEMPTS) throw error;
    }
  }
}

/** The screenshot and its stored bytes with their SHA-256, read before any transaction opens. */
async function readStored(store: AuditStore, screenshotId: string) {
  const shot = await store.getScreenshot(screenshotId);
  const image = await store.getImage(screenshotId);
  if (!shot || !image) throw new NotFoundError('Image', screenshotId);
  return { shot, image };
}

/**
 * Paints `areas` (image pixels) black into the stored image — and into the held-back originals of
 * its covered frames where they overlap, in the same transaction, so uncovering a frame later can
 * never bring back pixels redacted by hand. Resolves with the image's new SHA-256.
 */
export async function applyRedactions(
  store: AuditStore,
  screenshotId: string,
  areas: Rect[],
): Promise<string> {
  return retryOnChange(store, screenshotId, async () => {
    const { shot, image } = await readStored(store, screenshotId);
    const originals = await store.heldBackOriginals(screenshotId);
    // Encoded and hashed before the store opens its transaction.
    const [encoded, readSha, heldBack] = await Promise.all([
      burnInRedactions(image, areas, shot.mode),
      sha256Hex(image),
      redactOriginals(shot, originals, areas),
    ]);
    return (await store.replaceImage(screenshotId, encoded, readSha, heldBack)).sha256;
  });
}

/**
 * Uncovers covered frame `index` of a screenshot by the auditor's explicit choice: its held-back
 * original is drawn back at its area, the image encoded as a redaction burn-in is (its own format,
 * same mode) and stored with the frame marked uncovered now; the original is then deleted.
 * NotFoundError when the frame is not covered or its original is no longer kept.
 */
export async function uncoverFrame(
  store: AuditStore,
  screenshotId: string,
  index: number,
): Promise<Screenshot> {
  return retryOnChange(store, screenshotId, async () => {
    const { shot, image } = await readStored(store, screenshotId);
    const frame = shot.coveredFrames[index];
    const original = await store.heldBackOriginal(screenshotId, index);
    if (frame?.uncoveredAt !== null || !original) {
      throw new NotFoundError('Covered frame', `${screenshotId} #${index + 1}`);
    }
    const [encoded, readSha] = await Promise.all([
      drawBack(image, original, frame, shot.mode),
      sha256Hex(image),
    ]);
    return store.uncoverFrame(screenshotId, index, encoded, readSha);
  });
}

/** A canvas encoded as a redaction burn-in is (lib/capture/burn-in.ts): WebP and PNG stay, else JPEG. */
async function encodeLike(
  canvas: OffscreenCanvas,
  source: Blob,
  mode: ScreenshotMode,
): Promise<EncodedImage> {
  const type =
    source.type === 'image/webp' || source.type === 'image/png' ? source.type : 'image/jpeg';
  let blob = await canvas.convertToBlob({ type, quality: BURN_IN_QUALITY });
  if (blob.type !== type)
    blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: BURN_IN_QUALITY });
  return encodeCaptured(blob, mode);
}

/** The stored image with a frame's original pixels drawn back at its area. */
async function drawBack(
  image: Blob,
  original: Blob,
  frame: CoveredFrame,
  mode: ScreenshotMode,
): Promise<EncodedImage> {
  const [bitmap, pixels] = await Promise.all([
    createImageBitmap(image),
    createImageBitmap(original),
  ]);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available.');
    context.drawImage(bitmap, 0, 0);
    context.drawImage(pixels, frame.x, frame.y, frame.width, frame.height);
    return await encodeLike(canvas, image, mode);
  } finally {
    bitmap.close();
    pixels.close();
  }
}

/**
 * The held-back originals with `areas` (image pixels, grown to whole 16-px blocks as the burn-in
 * grows them) painted black where they overlap each frame; originals they miss stay as they are.
 * Every original is given back, so the store can check none was added or removed meanwhile.
 */
async function redactOriginals(
  shot: Screenshot,
  originals: readonly HeldBackOriginal[],
  areas: readonly Rect[],
): Promise<HeldBackOriginal[]> {
  const image = { width: shot.width, height: shot.height };
  const boxes = areas
    .map((rect) => toImagePixels(rect, { image, block: JPEG_BLOCK_PX }))
    .filter((box): box is Rect => box !== null);
  return Promise.all(
    originals.map(async (held) => {
      const frame = shot.coveredFrames[held.index];
      const hits = frame
        ? boxes.map((box) => intersect(box, frame)).filter((hit): hit is Rect => hit !== null)
        : [];
      if (!frame || !hits.length) return held;
      const bitmap = await createImageBitmap(held.original);
      try {
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('No 2D canvas is available.');
        context.drawImage(bitmap, 0, 0);
        // The original is the frame's area; should its size differ, cover the scaled overlap.
        const sx = bitmap.width / frame.width;
        const sy = bitmap.height / frame.height;
        context.fillStyle = '#000';
        for (const hit of hits) {
          const left = Math.floor((hit.x - frame.x) * sx);
          const top = Math.floor((hit.y - frame.y) * sy);
          const right = Math.ceil((hit.x - frame.x + hit.width) * sx);
          const bottom = Math.ceil((hit.y - frame.y + hit.height) * sy);
          context.fillRect(left, top, right - left, bottom - top);
        }
        const original = await canvas.convertToBlob({ type: 'image/png' });
        return { index: held.index, original };
      } finally {
        bitmap.close();
      }
    }),
  );
}
