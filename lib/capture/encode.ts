/** Image encoding, thumbnailing and hashing (browser contexts: pages and the service worker). */
import { LIMITS, type EncodedImage, type ImageMime, type ScreenshotMode } from '../model';
import { CaptureError } from './errors';

export const THUMBNAIL_WIDTH = 320;
const THUMBNAIL_QUALITY = 0.72;
const UPLOAD_QUALITY = 0.85;
const ACCEPTED_MIMES: readonly string[] = ['image/webp', 'image/jpeg', 'image/png'];

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match?.[1] || match[2] === undefined) {
    throw new CaptureError('capture-failed', 'The browser returned no image data.');
  }
  const binary = atob(match[2]);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: match[1] });
}

async function toBlob(canvas: OffscreenCanvas, quality: number): Promise<Blob> {
  // WebP where the browser can encode it, JPEG otherwise (both are compact enough).
  const webp = await canvas.convertToBlob({ type: 'image/webp', quality });
  return webp.type === 'image/webp' ? webp : canvas.convertToBlob({ type: 'image/jpeg', quality });
}

async function thumbnailOf(bitmap: ImageBitmap): Promise<Blob> {
  const scale = Math.min(1, THUMBNAIL_WIDTH / bitmap.width);
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  return toBlob(canvas, THUMBNAIL_QUALITY);
}

/** The stored form of an image: its bytes, size, thumbnail and hash. */
async function describe(
  bitmap: ImageBitmap,
  blob: Blob,
  mode: ScreenshotMode,
): Promise<EncodedImage> {
  const [thumbnail, sha256] = await Promise.all([thumbnailOf(bitmap), sha256Hex(blob)]);
  const mime = blob.type as ImageMime;
  return { mode, mime, blob, width: bitmap.width, height: bitmap.height, sha256, thumbnail };
}

/** Stores an already compact image (the JPEG that captureVisibleTab returned) as it is. */
export async function encodeCaptured(blob: Blob, mode: ScreenshotMode): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    return await describe(bitmap, blob, mode);
  } finally {
    bitmap.close();
  }
}

/** Checks and re-encodes an evidence file (which also drops its EXIF metadata, e.g. GPS). */
export async function encodeUpload(file: Blob & { name?: string }): Promise<EncodedImage> {
  const label = file.name ? `"${file.name}"` : 'The file';
  const params = { file: file.name ?? '', type: file.type || '?' };
  if (!ACCEPTED_MIMES.includes(file.type) && !file.type.startsWith('image/')) {
    throw new CaptureError(
      'not-an-image',
      `${label} is not an image (${file.type || 'unknown type'}). Use a PNG, JPEG or WebP file.`,
      { params },
    );
  }
  if (file.size > LIMITS.uploadBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new CaptureError(
      'file-too-large',
      `${label} is ${mb(file.size)} MB; the limit is ${mb(LIMITS.uploadBytes)} MB.`,
      { params: { ...params, size: mb(file.size), limit: mb(LIMITS.uploadBytes) } },
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (cause) {
    throw new CaptureError('unreadable-image', `${label} could not be read as an image.`, {
      cause,
      params,
    });
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    return await describe(bitmap, await toBlob(canvas, UPLOAD_QUALITY), 'uploaded');
  } finally {
    bitmap.close();
  }
}
