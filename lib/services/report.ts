/**
 * The report page's image adapters over the browser (FileReader, createImageBitmap,
 * OffscreenCanvas): what the report controller (lib/controllers/report.ts) takes as injected
 * functions, so that it and the slide renderer (lib/report/pptx.ts) stay free of the DOM.
 */
import { slideImageSize, type SlideImage } from '../report/pptx';

/** JPEG quality of a screenshot on a slide. */
const SLIDE_JPEG_QUALITY = 0.85;

/** A blob as a data URL (rejects with the reader's error). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The slide's copy of an image: its top when very tall, at most IMAGE_MAX_PX, as a JPEG data URL
 * (rejects when the bytes cannot be decoded).
 */
export async function slideImage(blob: Blob): Promise<SlideImage> {
  const bitmap = await createImageBitmap(blob);
  try {
    const { crop, width, height } = slideImageSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas is available.');
    context.fillStyle = '#ffffff'; // JPEG has no transparency
    context.fillRect(0, 0, width, height);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: SLIDE_JPEG_QUALITY });
    return { data: await blobToDataUrl(jpeg), width, height };
  } finally {
    bitmap.close();
  }
}
