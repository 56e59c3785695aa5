/** What the report's exports need from the store: every image of the report, as a data URL. */
import type { AuditStore } from '../db';
import type { Screenshot } from '../model';

export type ImageSize = 'thumb' | 'full';

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The images of `shots` as data URLs, for a self-contained export: the full image (its thumbnail
 * if the bytes are missing) and the thumbnail, read one at a time.
 */
export async function reportImageSources(
  store: AuditStore,
  shots: readonly Screenshot[],
): Promise<(shot: Screenshot, size: ImageSize) => string | undefined> {
  const sources = new Map<string, string>();
  for (const shot of shots) {
    const full = await store.getImage(shot.id);
    sources.set(`full:${shot.id}`, await blobToDataUrl(full ?? shot.thumbnail));
    sources.set(`thumb:${shot.id}`, await blobToDataUrl(shot.thumbnail));
  }
  return (shot, size) => sources.get(`${size}:${shot.id}`);
}
