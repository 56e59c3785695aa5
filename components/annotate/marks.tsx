/** The marks the editor draws over the image besides the annotations themselves. */
import { alignToBlocks, annotationBounds, type Rect, type Size } from '../../lib/annotate';
import type { Annotation } from '../../lib/model';

/** An invisible, wider target over a mark so a thin line or a glyph is easy to click. */
export function HitArea({
  annotation,
  size,
  stroke,
}: {
  annotation: Annotation;
  size: Size;
  stroke: number;
}) {
  const wide = Math.max(12, stroke * 4);
  if (annotation.kind === 'box') {
    const { x, y, width, height } = annotation;
    return (
      <rect
        class="hit"
        {...{ x, y, width, height }}
        fill="none"
        stroke="transparent"
        stroke-width={wide}
      />
    );
  }
  if (annotation.kind === 'arrow') {
    const { x1, y1, x2, y2 } = annotation;
    return <line class="hit" {...{ x1, y1, x2, y2 }} stroke="transparent" stroke-width={wide} />;
  }
  const b = annotationBounds(annotation, size);
  return <rect class="hit" {...b} fill="transparent" />;
}

/** A redaction area before it is burnt in: shown as the whole blocks that will turn black. */
export function PendingRedaction({
  rect,
  size,
  stroke,
  ...attrs
}: { rect: Rect; size: Size; stroke: number } & Record<`data-${string}`, string | number>) {
  const area = alignToBlocks(rect, size);
  return (
    <rect
      {...attrs}
      class="pending-redaction"
      x={area.x}
      y={area.y}
      width={area.width}
      height={area.height}
      fill="#000"
      fill-opacity="0.8"
      stroke="#e0262b"
      stroke-width={stroke}
      stroke-dasharray={`${stroke * 3} ${stroke * 2}`}
    />
  );
}
