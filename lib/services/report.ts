/**
 * The report page's image adapters over the browser (createImageBitmap, OffscreenCanvas; data
 * URLs by lib/capture/encode): what the report controller (lib/controllers/report.ts) takes as
 * injected functions, so that it and the slide renderer (lib/report/pptx.ts) stay free of the DOM.
 */
import { blobToDataUrl } from '../capture/encode';
import { slideImageSize, type SlideImage } from '../report/pptx';

/** JPEG quality of a screenshot on a slide. */
const SLIDE_JPEG_QUALITY = 0.85;

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
