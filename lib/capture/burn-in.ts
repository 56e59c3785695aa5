/** Manual redaction: solid black areas burnt into a stored image's pixels (browser contexts). */
import { JPEG_BLOCK_PX, type Rect } from '../geometry';
import type { EncodedImage, ScreenshotMode } from '../model';
import { encodeCaptured } from './encode';
import { paintRedactions } from './redact';

/** Quality of an image re-encoded after redaction (JPEG or WebP; as a capture). */
export const BURN_IN_QUALITY = 0.85;

/**
 * Draws `image`, fills every rect (image pixels, grown to whole 16-px blocks) with #000 and
 * encodes the result in the image's format, with its thumbnail and SHA-256. Nothing of the covered pixels survives:
 * the caller replaces the stored bytes with these. Runs before any transaction opens.
 */
export async function burnInRedactions(
  image: Blob,
  rects: readonly Rect[],
  mode: ScreenshotMode,
): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(image);
  let blob: Blob;
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available.');
    context.drawImage(bitmap, 0, 0);
    paintRedactions(context, rects, { block: JPEG_BLOCK_PX });
    // Same format as before (WebP stays WebP, PNG stays lossless); JPEG when the browser cannot
    // encode that format at this size (WebP stops at 16,383 px per side).
    const type =
      image.type === 'image/webp' || image.type === 'image/png' ? image.type : 'image/jpeg';
    blob = await canvas.convertToBlob({ type, quality: BURN_IN_QUALITY });
    if (blob.type !== type)
      blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: BURN_IN_QUALITY });
  } finally {
    bitmap.close();
  }
  return { ...(await encodeCaptured(blob, mode)), redacted: true };
}
