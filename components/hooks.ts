/** Small hooks shared by the extension pages. */
import { useEffect, useRef, useState } from 'preact/hooks';

export type Subscribe<T> = (
  onValue: (value: T) => void,
  onError: (error: unknown) => void,
) => () => void;

/** Holds the latest value of a subscription (e.g. a live database query); `initial` until the first. */
export function useSubscription<T>(
  subscribe: Subscribe<T>,
  initial: T,
  deps: readonly unknown[],
): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    setValue(initial);
    return subscribe(setValue, (error) => console.error(error));
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
 * Object URLs for blobs keyed by id: an id keeps its URL while its version is the same (a live
 * query hands out new Blob objects for the same bytes), and the returned map stays the same
 * object until an entry changes — so memoised rows do not re-render or reload their images.
 * URLs are revoked when no longer used or on unmount.
 */
export function useObjectUrls(
  blobs: ReadonlyMap<string, VersionedBlob>,
): ReadonlyMap<string, string> {
  const cache = useRef(new Map<string, { version: string; url: string }>());
  const urls = useRef<ReadonlyMap<string, string>>(new Map());
  let changed = false;
  for (const [id, { version, blob }] of blobs) {
    const entry = cache.current.get(id);
    if (entry?.version === version) continue;
    if (entry) URL.revokeObjectURL(entry.url);
    cache.current.set(id, { version, url: URL.createObjectURL(blob) });
    changed = true;
  }
  for (const [id, entry] of cache.current) {
    if (blobs.has(id)) continue;
    URL.revokeObjectURL(entry.url);
    cache.current.delete(id);
    changed = true;
  }
  if (changed) urls.current = new Map([...cache.current].map(([id, entry]) => [id, entry.url]));
  useEffect(() => () => cache.current.forEach((entry) => URL.revokeObjectURL(entry.url)), []);
  return urls.current;
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
