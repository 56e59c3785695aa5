/** What the report's exports need from the store: every image of the report, as a data URL. */
import type { AuditStore } from '../db';
import type { Screenshot } from '../model';
import { imageDefId, type ImageDef, type ImageRef } from '../report/images';

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The image could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The images of `shots` for a self-contained export, each distinct image once (full size; its
 * thumbnail if the bytes are missing or thumbnails were chosen), read one at a time; `source` refers every appearance of a
 * screenshot to its embedded image.
 */
export async function reportImages(
  store: AuditStore,
  shots: readonly Screenshot[],
  /** What the auditor chose to put in: full images, thumbnails only (a much smaller file), none. */
  mode: 'full' | 'thumbnails' | 'none' = 'full',
): Promise<{ source: (shot: Screenshot) => ImageRef | undefined; defs: ImageDef[] }> {
  const defs = new Map<string, ImageDef>();
  const idOf = new Map<string, string>();
  for (const shot of mode === 'none' ? [] : shots) {
    const full = mode === 'full' ? await store.getImage(shot.id) : undefined;
    // A screenshot without its bytes shows its thumbnail (a different image: its own entry).
    const id = full ? imageDefId(shot.sha256) : `thumb-${shot.id}`;
    idOf.set(shot.id, id);
    if (defs.has(id)) continue;
    defs.set(id, {
      id,
      width: shot.width,
      height: shot.height,
      dataUrl: await blobToDataUrl(full ?? shot.thumbnail),
    });
  }
  return {
    source: (shot) => {
      const id = idOf.get(shot.id);
      return id ? { use: id } : undefined;
    },
    defs: [...defs.values()],
  };
}
