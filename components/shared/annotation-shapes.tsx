/**
 * Annotations drawn as SVG in image pixels, shared by the editor, the report page and the exported
 * HTML. Only SVG presentation attributes (stroke, fill …), never style attributes: the export's CSP
 * allows no inline styles. Note text is a text node, never markup.
 */
import type { SVGAttributes } from 'preact';
import { arrowHead, layoutText, strokeWidthFor, type Size } from '../../lib/annotate';
import type { Annotation, AnnotationColor } from '../../lib/model';

export const COLOR_VALUES: Record<AnnotationColor, string> = {
  red: '#e0262b',
  yellow: '#f7c600',
  blue: '#1f6fe5',
  green: '#1b9a4a',
  black: '#111111',
};

/** A light halo behind dark notes and a dark one behind yellow, so text reads on any page. */
const HALO: Record<AnnotationColor, string> = {
  red: '#ffffff',
  yellow: '#1c2330',
  blue: '#ffffff',
  green: '#ffffff',
  black: '#ffffff',
};

type ShapeAttrs = Omit<SVGAttributes<SVGGElement>, 'size'>;

/** One annotation as an SVG group; extra attributes (e.g. data-index) go on the group. */
export function AnnotationShape({
  annotation,
  size,
  ...attrs
}: { annotation: Annotation; size: Size } & ShapeAttrs) {
  const color = COLOR_VALUES[annotation.color];
  const stroke = strokeWidthFor(size);
  switch (annotation.kind) {
    case 'box':
      return (
        <g data-kind="box" {...attrs}>
          <rect
            x={annotation.x}
            y={annotation.y}
            width={annotation.width}
            height={annotation.height}
            fill="none"
            stroke={color}
            stroke-width={stroke}
            rx={stroke}
          />
        </g>
      );
    case 'arrow': {
      const head = arrowHead(annotation, size);
      return (
        <g data-kind="arrow" {...attrs}>
          <line
            x1={annotation.x1}
            y1={annotation.y1}
            x2={head.shaftEnd.x}
            y2={head.shaftEnd.y}
            stroke={color}
            stroke-width={stroke}
            stroke-linecap="round"
          />
          <polygon points={head.points} fill={color} stroke={color} stroke-linejoin="round" />
        </g>
      );
    }
    case 'text': {
      const layout = layoutText(annotation, size);
      return (
        <g data-kind="text" {...attrs}>
          <text
            x={annotation.x}
            y={annotation.y}
            font-size={layout.fontSize}
            font-weight="700"
            font-family="system-ui, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"
            fill={color}
            stroke={HALO[annotation.color]}
            stroke-width={Math.max(3, Math.round(layout.fontSize / 5))}
            stroke-linejoin="round"
            paint-order="stroke"
          >
            {layout.lines.map((line, i) => (
              <tspan key={i} x={line.x} y={line.y}>
                {line.text}
              </tspan>
            ))}
          </text>
        </g>
      );
    }
  }
}

/**
 * The annotations of one image as an overlay: an SVG whose viewBox is the image's pixel size, so
 * it lines up with the image at any display size (the CSS class positions it over the image).
 */
export function AnnotationOverlay({
  annotations,
  size,
  label,
  class: className = 'annotations',
}: {
  annotations: readonly Annotation[];
  size: Size;
  label: string;
  class?: string;
}) {
  return (
    <svg
      class={className}
      viewBox={`0 0 ${size.width} ${size.height}`}
      preserveAspectRatio="none"
      role="group"
      aria-label={label}
    >
      {annotations.map((annotation, i) => (
        <AnnotationShape key={i} annotation={annotation} size={size} />
      ))}
    </svg>
  );
}
