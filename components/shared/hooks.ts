/** Small hooks shared by the extension pages. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Subscribe } from '../../lib/controllers/live';
import { logError } from '../../lib/log';
import type { Screenshot } from '../../lib/model';

export type { Subscribe };

/**
 * Holds the latest value of a subscription (e.g. a live database query); `initial` until the
 * first. A change of `deps` subscribes again; the value goes back to `initial` only when `resetOn`
 * changes (by default: whenever `deps` do), so a query that is only narrowed or widened keeps
 * showing its last result until the new one arrives.
 */
export function useSubscription<T>(
  subscribe: Subscribe<T>,
  initial: T,
  deps: readonly unknown[],
  resetOn: readonly unknown[] = deps,
): T {
  const [value, setValue] = useState<T>(initial);
  const lastReset = useRef<readonly unknown[] | null>(null);
  useEffect(() => {
    const reset =
      lastReset.current === null ||
      resetOn.length !== lastReset.current.length ||
      resetOn.some((v, i) => !Object.is(v, lastReset.current![i]));
    lastReset.current = resetOn;
    if (reset) setValue(initial);
    // A failure is shown by whoever made the subscription (the shell's `live`); here it is logged.
    return subscribe(setValue, (error) => logError('live value', error));
  }, deps);
  return value;
}

/**
 * Listens to keydown on the document with the handler of the latest render. The handler is
 * swapped during render (not in an effect that runs after paint), so a key pressed right after
 * the screen changed always sees the state that is on screen.
 */
export function useDocumentKeydown(handler: (event: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => latest.current(event);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

/** A blob and a version that changes whenever its bytes do (e.g. the image's SHA-256). */
export interface VersionedBlob {
  version: string;
  blob: Blob;
}

/**
 * A screenshot's thumbnail as a versioned blob: it changes with the image, and once more right
 * after a capture when the real thumbnail replaces the provisional one (same image, new size).
 */
export function thumbnailBlob(shot: Screenshot): VersionedBlob {
  return { version: `${shot.sha256}:${shot.thumbnail.size}`, blob: shot.thumbnail };
}

/** Object URLs by id, made when first asked for. */
export interface ObjectUrls {
  get(id: string): string | undefined;
}

/**
 * Object URLs for blobs keyed by id, made only when a view asks for one (making one for a
 * stored blob costs about 0.15 ms: a thousand steps drawn a screenful at a time should not pay
 * for all of them up front). An id keeps its URL while its version is the same (a live query
 * hands out new Blob objects for the same bytes), so rows that did not change keep their image.
 * URLs are revoked when their blob goes or changes, and on unmount.
 */
export function useObjectUrls(blobs: ReadonlyMap<string, VersionedBlob>): ObjectUrls {
  const cache = useRef(new Map<string, { version: string; url: string }>());
  const urls = useMemo<ObjectUrls>(() => {
    const made = cache.current;
    for (const [id, entry] of made) {
      if (blobs.get(id)?.version === entry.version) continue;
      URL.revokeObjectURL(entry.url);
      made.delete(id);
    }
    return {
      get(id) {
        const source = blobs.get(id);
        if (!source) return undefined;
        const entry = made.get(id);
        if (entry?.version === source.version) return entry.url;
        if (entry) URL.revokeObjectURL(entry.url);
        const url = URL.createObjectURL(source.blob);
        made.set(id, { version: source.version, url });
        return url;
      },
    };
  }, [blobs]);
  useEffect(() => () => cache.current.forEach((entry) => URL.revokeObjectURL(entry.url)), []);
  return urls;
}

/** The first file carried by a drop or a paste, if any. */
function fileOf(data: DataTransfer | null): File | null {
  if (!data) return null;
  const direct = data.files[0];
  if (direct) return direct;
  for (const item of data.items) {
    if (item.kind === 'file') return item.getAsFile();
  }
  return null;
}

/**
 * Lets an element take an image by drag-and-drop or by paste (Ctrl+V while it holds the focus).
 * Spread `handlers` on the element; `dragging` is true while a file is over it.
 */
export function useFileDrop(onFile: (file: File) => void) {
  const [dragging, setDragging] = useState(false);
  const handlers = {
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setDragging(true);
    },
    onDragLeave: () => setDragging(false),
    onDrop: (event: DragEvent) => {
      const file = fileOf(event.dataTransfer);
      setDragging(false);
      if (!file) return;
      event.preventDefault();
      onFile(file);
    },
    onPaste: (event: ClipboardEvent) => {
      const file = fileOf(event.clipboardData);
      if (!file) return;
      event.preventDefault();
      onFile(file);
    },
  };
  return { dragging, handlers };
}
