/** Reads what the extension stored, from inside an extension page (its real IndexedDB). */
import type { Page } from '@playwright/test';

export interface StoredShot {
  id: string;
  touchpointId: string;
  mode: string;
  mime: string;
  width: number;
  height: number;
  sha256: string;
  redacted: boolean;
  part: number;
  parts: number;
  /** SHA-256 recomputed from the stored blob. */
  actualSha256: string;
  /** RGBA of each requested point (image pixels). */
  pixels: [number, number, number, number][];
  /** Size of the decoded blob (must equal width × height). */
  decoded: { width: number; height: number };
  /** The stored thumbnail: decoded size and bytes, and the image's bytes to compare. */
  thumbnail: { width: number; height: number; bytes: number; imageBytes: number };
}

/**
 * All stored screenshots (newest last), or only the one with id `only`, with the stored blob
 * re-hashed and sampled at `points`.
 */
export async function readStoredShots(
  extensionPage: Page,
  points: [number, number][] = [],
  only?: string,
): Promise<StoredShot[]> {
  return extensionPage.evaluate(
    async ({ points, only }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      // One transaction for records and images: the background re-encode may replace an image
      // (and its record) at any moment, and both must be read from the same moment.
      const read = db.transaction(['screenshots', 'images']);
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = read.objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      type Shot = Omit<StoredShot, 'actualSha256' | 'pixels' | 'decoded' | 'thumbnail'> & {
        createdAt: number;
        thumbnail: Blob;
      };
      const [records, blobs] = await Promise.all([
        all<Shot>('screenshots'),
        all<{ id: string; blob: Blob }>('images'),
      ]);
      const shots = records
        .filter((s) => !only || s.id === only)
        .sort((a, b) => a.createdAt - b.createdAt || a.part - b.part);
      const images = new Map(blobs.map((i) => [i.id, i.blob]));
      db.close();
      const result = [];
      for (const shot of shots) {
        const blob = images.get(shot.id)!;
        const digest = new Uint8Array(
          await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()),
        );
        const bitmap = await createImageBitmap(blob);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        const pixels = points.map(
          ([x, y]) =>
            [...context.getImageData(x, y, 1, 1).data] as [number, number, number, number],
        );
        result.push({
          id: shot.id,
          touchpointId: shot.touchpointId,
          mode: shot.mode,
          mime: shot.mime,
          width: shot.width,
          height: shot.height,
          sha256: shot.sha256,
          redacted: shot.redacted,
          part: shot.part,
          parts: shot.parts,
          actualSha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
          pixels,
          decoded: { width: bitmap.width, height: bitmap.height },
          thumbnail: await createImageBitmap(shot.thumbnail).then((thumb) => {
            const size = { width: thumb.width, height: thumb.height };
            thumb.close();
            return { ...size, bytes: shot.thumbnail.size, imageBytes: blob.size };
          }),
        });
        bitmap.close();
      }
      return result;
    },
    { points, only },
  );
}

/** Every record and image of the profile: counts per table, the SHA-256 recomputed from every stored image blob, and the steps. */
export async function readProfile(extensionPage: Page) {
  return extensionPage.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint-audit');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    const hex = async (blob: Blob) =>
      Array.from(
        new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())),
        (b) => b.toString(16).padStart(2, '0'),
      ).join('');
    const counts: Record<string, number> = {};
    const tables = ['audits', 'journeys', 'touchpoints', 'screenshots', 'images', 'actionItems'];
    for (const name of tables) counts[name] = (await all(name)).length;
    /** Entries of Recently deleted. */
    const deleted = (await all('deleted')).length;
    const images = await all<{ id: string; blob: Blob }>('images');
    const shots = new Map(
      (await all<{ id: string; sha256: string }>('screenshots')).map((s) => [s.id, s.sha256]),
    );
    const hashes = (await Promise.all(images.map((i) => hex(i.blob)))).sort();
    /** Images whose bytes no longer match the SHA-256 their record lists. */
    const mismatched = [];
    for (const image of images)
      if (shots.get(image.id) !== (await hex(image.blob))) mismatched.push(image.id);
    const steps = await all<{
      id: string;
      note: string;
      title: string;
      url: string | null;
      shortened: unknown[];
    }>('touchpoints');
    const screenshots = await all<{ id: string; url: string | null }>('screenshots');
    /** Every record's id, per table (sorted), to check that none is lost. */
    const ids: Record<string, string[]> = {};
    for (const name of tables)
      ids[name] = (await all<{ id: string }>(name)).map((r) => r.id).sort();
    db.close();
    return { counts, deleted, hashes, mismatched, steps, screenshots, ids };
  });
}

/**
 * What an import may not change: every record's id, every step, and every image matching the hash
 * its record lists. (Image bytes themselves may be re-encoded as WebP in the background after a
 * capture, with their record following; that is not the import's doing.)
 */
export function unchangedByImport(profile: Awaited<ReturnType<typeof readProfile>>) {
  return { ids: profile.ids, steps: profile.steps, deleted: profile.deleted, mismatched: [] };
}

/** Every record of one table of the extension's database (read from an extension page). */
export async function readTable<T = Record<string, unknown>>(
  extensionPage: Page,
  table: string,
): Promise<T[]> {
  return extensionPage.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            resolve(all.result as T[]);
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
    table,
  );
}

/** Writes a stored image's bytes to `dir` (for a person to look at while debugging a test). */
export async function saveStoredImage(extensionPage: Page, id: string, dir: string) {
  const { writeFile } = await import('node:fs/promises');
  const base64 = await extensionPage.evaluate(async (shotId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint-audit');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const blob = await new Promise<Blob>((resolve, reject) => {
      const request = db.transaction('images').objectStore('images').get(shotId);
      request.onsuccess = () => resolve((request.result as { blob: Blob }).blob);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }, id);
  await writeFile(`${dir}/${id}.img`, Buffer.from(base64, 'base64'));
}

/**
 * Everything the extension keeps in the profile, for “nothing was stored” checks: the keys of
 * every record in every object store of every IndexedDB database (steps, screenshots, images,
 * held-back originals, Recently deleted…), and extension storage, local and session.
 */
export async function readEverything(extensionPage: Page) {
  return extensionPage.evaluate(async () => {
    const databases: Record<string, Record<string, string[]>> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const stores: Record<string, string[]> = {};
      for (const store of db.objectStoreNames) {
        const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAllKeys();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        stores[store] = keys.map((key) => JSON.stringify(key)).sort();
      }
      db.close();
      databases[name] = stores;
    }
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const storage = (globalThis as unknown as { chrome: { storage: Record<string, Area> } }).chrome
      .storage;
    return {
      databases,
      local: await storage.local!.get(null),
      session: await storage.session!.get(null),
    };
  });
}
