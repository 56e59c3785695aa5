/**
 * Image encoding, thumbnailing, compaction and hashing (browser contexts: pages and the service
 * worker).
 */
import {
  LIMITS,
  type EncodedImage,
  type ImageMime,
  type Screenshot,
  type ScreenshotMode,
} from '../model';
import { CaptureError } from './errors';
import { imageInfo } from '../model/image-info';
import { toImagePixels, type Rect } from '../geometry';
import { coverOnCanvas, coversAnything, type CoverBoxes } from './redact';

const THUMBNAIL_WIDTH = 320;
const THUMBNAIL_QUALITY = 0.72;
const UPLOAD_QUALITY = 0.85;
const ACCEPTED_MIMES: readonly string[] = ['image/webp', 'image/jpeg', 'image/png'];

const hex = (digest: ArrayBuffer) =>
  Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(blob: Blob): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}

/** Native Uint8Array.fromBase64 (Chromium 140+, Firefox 133+: ten times faster), else atob. */
const nativeFromBase64 = (
  Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> }
).fromBase64;

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (nativeFromBase64) {
    try {
      return nativeFromBase64(text);
    } catch {
      // Malformed for the strict decoder: let atob say so the same way as before.
    }
  }
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A blob as a data URL (rejects with the reader's error). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

export function dataUrlToBlob(dataUrl: string): Blob {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match?.[1] || match[2] === undefined) {
    throw new CaptureError('capture-failed', 'The browser returned no image data.');
  }
  return new Blob([fromBase64(match[2])], { type: match[1] });
}

async function toBlob(canvas: OffscreenCanvas, quality: number): Promise<Blob> {
  // WebP where the browser can encode it, JPEG otherwise (both are compact enough).
  const webp = await canvas.convertToBlob({ type: 'image/webp', quality });
  return webp.type === 'image/webp' ? webp : canvas.convertToBlob({ type: 'image/jpeg', quality });
}

/** Thumbnail of the image's top: at most `maxAspect` × its width tall (a tall page shows its top). */
async function thumbnailOf(
  bitmap: ImageBitmap | OffscreenCanvas,
  maxAspect = Infinity,
): Promise<Blob> {
  const scale = Math.min(1, THUMBNAIL_WIDTH / bitmap.width);
  const sourceHeight = Math.min(bitmap.height, Math.ceil(bitmap.width * maxAspect));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(sourceHeight * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, bitmap.width, sourceHeight, 0, 0, width, height);
  return toBlob(canvas, THUMBNAIL_QUALITY);
}

/**
 * The stored form of an image: its bytes, size, thumbnail and hash. `thumbnailMaxAspect` crops
 * the thumbnail of a tall image (height / width) to its top.
 */
export async function describe(
  bitmap: ImageBitmap | OffscreenCanvas,
  blob: Blob,
  mode: ScreenshotMode,
  thumbnailMaxAspect = Infinity,
): Promise<EncodedImage> {
  const [thumbnail, sha256] = await Promise.all([
    thumbnailOf(bitmap, thumbnailMaxAspect),
    sha256Hex(blob),
  ]);
  const mime = blob.type as ImageMime;
  return { mode, mime, blob, width: bitmap.width, height: bitmap.height, sha256, thumbnail };
}

/** Stores an already compact image (a WebP of our own canvas) as it is, with its thumbnail. */
export async function encodeCaptured(blob: Blob, mode: ScreenshotMode): Promise<EncodedImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    return await describe(bitmap, blob, mode);
  } finally {
    bitmap.close();
  }
}

/**
 * The stored form of a capture, made on its critical path without decoding it: the size from
 * its header, the hash, and for a thumbnail the image itself — until compactImage makes the
 * real one right after the save (see isProvisionalThumbnail). Falls back to encodeCaptured
 * when the header does not say the size.
 */
export async function describeCaptured(blob: Blob, mode: ScreenshotMode): Promise<EncodedImage> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = imageInfo(bytes);
  if (!info || info.mime !== blob.type) return encodeCaptured(blob, mode);
  const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
  return {
    mode,
    mime: info.mime,
    blob,
    width: info.width,
    height: info.height,
    sha256,
    thumbnail: blob,
  };
}

/** Whether a stored thumbnail is the image itself, waiting for its real one (describeCaptured). */
export function isProvisionalThumbnail(thumbnail: Blob, image: Blob): boolean {
  return thumbnail.size >= image.size;
}

const WEBP_QUALITY = 0.75;
/** Keep the WebP only when it saves at least this share of the JPEG's bytes. */
const MIN_SAVING = 0.15;
/** WebP cannot encode images larger than this per side. */
const WEBP_MAX_SIDE = 16_383;

/**
 * A stored image made smaller or finished (after the step is saved): a JPEG re-encoded as WebP
 * when that is clearly smaller (flat, illustration-heavy pages halve), and the real thumbnail of
 * an image stored with a provisional one (describeCaptured). Decoded once; null when neither
 * applies or the WebP saves too little (the stored image stays as it is).
 */
export async function compactImage(
  original: Blob,
  shot: Pick<Screenshot, 'mime' | 'width' | 'height' | 'mode' | 'thumbnail'>,
): Promise<EncodedImage | null> {
  const compactable =
    shot.mime === 'image/jpeg' && shot.width <= WEBP_MAX_SIDE && shot.height <= WEBP_MAX_SIDE;
  const provisional = isProvisionalThumbnail(shot.thumbnail, original);
  if (!compactable && !provisional) return null;
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
    if (chosen === original && !provisional) return null;
    return await describe(bitmap, chosen, shot.mode);
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes an image whole with the browser's own decoder and lets it go; rejects when the browser
 * cannot decode it. What a bundle import checks last (lib/bundle readBundle's `decodeImage`):
 * Chromium decodes a cut-off PNG or JPEG without complaint, so the bundle reader walks each file
 * itself first.
 */
export async function decodeWhole(image: Blob): Promise<void> {
  const bitmap = await createImageBitmap(image);
  bitmap.close();
}

/** Browsers cannot draw an image larger than this on a canvas (per side, and in all). */
function refuseIfTooLarge(
  width: number,
  height: number,
  label: string,
  params: Record<string, string>,
): void {
  if (
    width <= LIMITS.imageSide &&
    height <= LIMITS.imageSide &&
    width * height <= LIMITS.imagePixels
  )
    return;
  const megapixels = (n: number) => Math.round(n / 1e6);
  throw new CaptureError(
    'image-too-large',
    `${label} is ${width} × ${height} px; images up to ${LIMITS.imageSide} px per side and ${megapixels(LIMITS.imagePixels)} megapixels can be used. Scale it down and try again.`,
    {
      params: {
        ...params,
        width,
        height,
        maxSide: LIMITS.imageSide,
        maxMegapixels: megapixels(LIMITS.imagePixels),
      },
    },
  );
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
  // A picture too large to decode and draw is refused before decoding, with its size and the limit.
  const header = imageInfo(new Uint8Array(await file.slice(0, 65_536).arrayBuffer()));
  if (header) refuseIfTooLarge(header.width, header.height, label, params);
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
    refuseIfTooLarge(bitmap.width, bitmap.height, label, params);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    return await describe(bitmap, await toBlob(canvas, UPLOAD_QUALITY), 'uploaded');
  } finally {
    bitmap.close();
  }
}

type Box = Rect;

/** JPEG quality when a cut-out of a JPEG capture is re-encoded. */
const CUT_QUALITY = 0.92;

/**
 * An element or region image: decodes `dataUrl`, keeps `crop` (whole image when null), paints the
 * `cover` boxes solid black (holding back the original pixels of unchecked frames) — all in
 * pixels of an image of size `frame` (null: the source's own) — and encodes it in the source's
 * format (a PNG DOM render stays lossless; a JPEG capture stays JPEG). Stored as is when there is
 * nothing to do.
 */
export async function encodeSelection(
  dataUrl: string,
  crop: Box | null,
  cover: CoverBoxes,
  frame: { width: number; height: number } | null = null,
  mode: ScreenshotMode = 'element',
): Promise<EncodedImage> {
  const source = dataUrlToBlob(dataUrl);
  if (!crop && !coversAnything(cover)) return encodeCaptured(source, mode);
  const bitmap = await createImageBitmap(source);
  let area = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  try {
    // Crop and cover were computed for `frame` (viewport × devicePixelRatio); an emulated or
    // zoomed screen can capture at another size: scale them to the pixels actually returned.
    const k = frame && frame.width !== bitmap.width ? bitmap.width / frame.width : 1;
    if (k !== 1) {
      const image = { width: bitmap.width, height: bitmap.height };
      const scaled = (boxes: Box[]) =>
        boxes.map((b) => toImagePixels(b, { scale: k, image })).filter((b): b is Box => b !== null);
      crop = crop && toImagePixels(crop, { scale: k, image });
      cover = { fields: scaled(cover.fields), frames: scaled(cover.frames) };
    }
    if (crop) {
      const x = Math.max(0, Math.min(bitmap.width - 1, Math.round(crop.x)));
      const y = Math.max(0, Math.min(bitmap.height - 1, Math.round(crop.y)));
      area = {
        x,
        y,
        width: Math.max(1, Math.min(bitmap.width - x, Math.round(crop.width))),
        height: Math.max(1, Math.min(bitmap.height - y, Math.round(crop.height))),
      };
    }
    const canvas = new OffscreenCanvas(area.width, area.height);
    const context = canvas.getContext('2d');
    if (!context) throw new CaptureError('capture-failed', 'No 2D canvas is available.');
    context.drawImage(
      bitmap,
      area.x,
      area.y,
      area.width,
      area.height,
      0,
      0,
      area.width,
      area.height,
    );
    const coveredFrames = await coverOnCanvas(context, cover, area);
    const png = source.type === 'image/png';
    const blob = await canvas.convertToBlob(
      png ? { type: 'image/png' } : { type: 'image/jpeg', quality: CUT_QUALITY },
    );
    const result = canvas.transferToImageBitmap();
    try {
      return { ...(await describe(result, blob, mode)), coveredFrames };
    } finally {
      result.close();
    }
  } finally {
    bitmap.close();
  }
}

/**
 * RGBA pixels of a data-URL image, cut to `crop` (pixels of an image of size `frame`; null: its
 * own). Rejects when the image is not of size `frame` (an emulated or zoomed screen captures at
 * another scale: no like-for-like comparison). For the element fidelity check; never stored.
 */
export async function decodePixels(
  dataUrl: string,
  crop: Rect | null,
  frame: { width: number; height: number } | null,
): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(dataUrlToBlob(dataUrl));
  try {
    if (
      frame &&
      (Math.abs(bitmap.width - frame.width) > 1 || Math.abs(bitmap.height - frame.height) > 1)
    ) {
      throw new Error(
        `captured at ${bitmap.width}×${bitmap.height}, not ${frame.width}×${frame.height}`,
      );
    }
    const area = crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    const canvas = new OffscreenCanvas(area.width, area.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2D canvas is available.');
    context.drawImage(bitmap, -area.x, -area.y);
    return context.getImageData(0, 0, area.width, area.height);
  } finally {
    bitmap.close();
  }
}
