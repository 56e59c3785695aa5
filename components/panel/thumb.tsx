/**
 * A step's thumbnail in the side panel's list. Its object URL is made only when the row comes
 * near the window: making one is a synchronous call into the browser (about 0.6 ms each on our
 * CI machines), so a thousand-step journey would otherwise pay some 600 ms for images nobody has
 * scrolled to. A row already in the window gets its URL in the same render pass (measured once
 * in a layout effect), so the first screen waits for no extra frame.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/** How far beyond the window a thumbnail is made ready: one window's height below and above. */
const MARGIN = '100% 0px';

const waiting = new Map<Element, () => void>();
let observer: IntersectionObserver | null = null;

/** Calls `onNear` once `element` is within MARGIN of the window; returns the cancel. */
function whenNear(element: Element, onNear: () => void): () => void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = waiting.get(entry.target);
        waiting.delete(entry.target);
        observer!.unobserve(entry.target);
        callback?.();
      }
    },
    { rootMargin: MARGIN },
  );
  waiting.set(element, onNear);
  observer.observe(element);
  return () => {
    waiting.delete(element);
    observer?.unobserve(element);
  };
}

/** Whether `element` is in the window or within one window's height of it. */
function nearNow(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.bottom >= -innerHeight && box.top <= 2 * innerHeight;
}

export function Thumb(props: {
  /** The thumbnail's URL, made on demand (undefined: no thumbnail stored). */
  url: () => string | undefined;
  alt: string;
}) {
  const img = useRef<HTMLImageElement>(null);
  const [near, setNear] = useState(false);
  useLayoutEffect(() => {
    if (near || !img.current) return;
    if (nearNow(img.current)) return setNear(true);
    return whenNear(img.current, () => setNear(true));
  }, [near]);
  return (
    <img
      ref={img}
      class="thumb"
      src={near ? props.url() : undefined}
      alt={props.alt}
      width={96}
      height={60}
      decoding="async"
    />
  );
}
