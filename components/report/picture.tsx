/**
 * A screenshot as the report draws it: an <img> on the report page, or in the exported file an
 * <svg> using the one embedded copy of the image; annotations over it, in image pixels.
 */
import type { Screenshot } from '../../lib/model';
import type { ImageRef } from '../../lib/report/images';
import { AnnotationOverlay } from '../shared/annotation-shapes';

export type ImageSize = 'thumb' | 'full';
/**
 * Where an image's pixels come from: object URLs on the page; in the export, a reference to the
 * image embedded once in the file (see lib/report/images.ts).
 */
export type ImageSource = (shot: Screenshot, size: ImageSize) => ImageRef | undefined;

export function ShotFrame(props: {
  shot: Screenshot;
  src: ImageRef;
  /** The image's text alternative. */
  label: string;
  /** The annotations' text alternative. */
  overlayLabel: string;
}) {
  const { shot, src, label } = props;
  return (
    <div class="shot-frame">
      {typeof src === 'string' ? (
        <img
          src={src}
          alt={label}
          width={shot.width}
          height={shot.height}
          loading="lazy"
          decoding="async"
        />
      ) : (
        <svg
          class="shot-img"
          role="img"
          aria-label={label}
          viewBox={`0 0 ${shot.width} ${shot.height}`}
          width={shot.width}
          height={shot.height}
        >
          <use href={`#${src.use}`} />
        </svg>
      )}
      {shot.annotations.length > 0 && (
        <AnnotationOverlay
          annotations={shot.annotations}
          size={{ width: shot.width, height: shot.height }}
          label={props.overlayLabel}
        />
      )}
    </div>
  );
}
