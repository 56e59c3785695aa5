/**
 * The screenshot editor: boxes, arrows and text notes drawn over the image (kept apart from the
 * pixels, editable later), and redaction areas that stay pending until they are burnt in.
 * Props in, callbacks out: saving and burning in are the caller's job.
 */
import type { TargetedKeyboardEvent, TargetedPointerEvent } from 'preact';
import type { JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import {
  alignToBlocks,
  annotationBounds,
  isTooSmall,
  moveAnnotation,
  moveRect,
  rectFromDrag,
  strokeWidthFor,
  toImagePoint,
  type Point,
  type Rect,
  type Size,
} from '../../lib/annotate';
import type { Translate } from '../../lib/i18n';
import { LIMITS, type Annotation, type AnnotationColor } from '../../lib/model';
import { AnnotationShape, COLOR_VALUES } from '../shared/annotation-shapes';
import { CoveredFramesList, FrameOutlines, type CoveredFramesInfo } from './covered-frames';
import { describeError } from '../shared/describe-error';
import { isTooLong, LimitHint } from '../shared/fields';
import { MessageLines, type Message } from '../shared/messages';
import { useDocumentKeydown } from '../shared/hooks';

export const TOOLS = ['select', 'box', 'arrow', 'text', 'redact'] as const;
export type Tool = (typeof TOOLS)[number];

const TOOL_ICONS: Record<Tool, string> = {
  select: '➚',
  box: '▭',
  arrow: '↗',
  text: 'T',
  redact: '▇',
};
/** Physical keys (layout-independent, so they work on a Russian keyboard too). */
const TOOL_KEYS: Record<string, Tool> = {
  KeyS: 'select',
  KeyB: 'box',
  KeyA: 'arrow',
  KeyT: 'text',
  KeyR: 'redact',
};

const COLORS = Object.keys(COLOR_VALUES) as AnnotationColor[];

export interface AnnotatorProps {
  t: Translate;
  imageUrl: string;
  imageAlt: string;
  size: Size;
  /** The stored annotations when the editor opened; later changes stay local until saved. */
  initialAnnotations: readonly Annotation[];
  onSave: (annotations: Annotation[]) => Promise<void>;
  /** Burns the areas into the stored image; resolves with the new SHA-256. */
  onApplyRedactions: (areas: Rect[]) => Promise<string>;
  /** Told whether anything is unsaved or pending (to warn before the page closes). */
  onDirtyChange?: (dirty: boolean) => void;
  /** Embedded frames covered at capture: outlined on the image and listed, each to uncover. */
  frames?: CoveredFramesInfo;
}

type Selection = { target: 'annotation' | 'redaction'; index: number } | null;
type Drag = { mode: 'draw'; start: Point; current: Point } | { mode: 'move'; last: Point } | null;

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function Annotator(props: AnnotatorProps) {
  const { t, size } = props;
  const [tool, setTool] = useState<Tool>('box');
  const [color, setColor] = useState<AnnotationColor>('red');
  const [annotations, setAnnotations] = useState<Annotation[]>(() => [...props.initialAnnotations]);
  const [saved, setSaved] = useState(() => JSON.stringify(props.initialAnnotations));
  const [redactions, setRedactions] = useState<Rect[]>([]);
  const [selection, setSelection] = useState<Selection>(null);
  const [drag, setDrag] = useState<Drag>(null);
  const [textAt, setTextAt] = useState<Point | null>(null);
  const [textDraft, setTextDraft] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'save' | 'apply' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const textInputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const ids = useId();

  const dirty = JSON.stringify(annotations) !== saved;
  const stroke = strokeWidthFor(size);
  const selectedAnnotation =
    selection?.target === 'annotation' ? annotations[selection.index] : undefined;

  useEffect(() => props.onDirtyChange?.(dirty || redactions.length > 0), [dirty, redactions]);
  useEffect(() => textInputRef.current?.focus(), [textAt]);
  useEffect(() => confirmRef.current?.focus(), [confirming]);

  const chooseTool = (next: Tool) => {
    setTool(next);
    setDrag(null);
    setTextAt(null);
    if (next !== 'select') setSelection(null);
  };

  const deleteSelection = () => {
    if (!selection) return;
    if (selection.target === 'annotation')
      setAnnotations(annotations.filter((_, i) => i !== selection.index));
    else setRedactions(redactions.filter((_, i) => i !== selection.index));
    setSelection(null);
  };

  const moveSelection = (dx: number, dy: number) => {
    if (!selection) return;
    if (selection.target === 'annotation') {
      setAnnotations((list) =>
        list.map((a, i) => (i === selection.index ? moveAnnotation(a, dx, dy, size) : a)),
      );
    } else {
      setRedactions((list) =>
        list.map((r, i) => (i === selection.index ? moveRect(r, dx, dy, size) : r)),
      );
    }
  };

  const chooseColor = (next: AnnotationColor) => {
    setColor(next);
    if (selection?.target === 'annotation') {
      setAnnotations(
        annotations.map((a, i) => (i === selection.index ? { ...a, color: next } : a)),
      );
    }
  };

  const save = async () => {
    if (busy) return;
    setBusy('save');
    try {
      await props.onSave(annotations);
      setSaved(JSON.stringify(annotations));
      setMessage({ kind: 'status', text: t('annotateSaved') });
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    } finally {
      setBusy(null);
    }
  };

  const applyRedactions = async () => {
    if (busy || !redactions.length) return;
    setBusy('apply');
    try {
      const sha = await props.onApplyRedactions(redactions);
      setRedactions([]);
      if (selection?.target === 'redaction') setSelection(null);
      setMessage({ kind: 'status', text: t('annotateApplied', { sha }) });
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  };

  // Keyboard: tool keys, Delete, Escape, arrow keys to nudge, Ctrl+S to save.
  useDocumentKeydown((e) => {
    if (e.key === 'Escape') {
      if (confirming) setConfirming(false);
      else if (textAt) setTextAt(null);
      else if (drag) setDrag(null);
      else setSelection(null);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && e.code === 'KeyS') {
      e.preventDefault();
      void save();
      return;
    }
    if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || confirming) return;
    const nextTool = TOOL_KEYS[e.code];
    if (nextTool) {
      e.preventDefault();
      chooseTool(nextTool);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && selection) {
      e.preventDefault();
      deleteSelection();
    } else if (e.key.startsWith('Arrow') && selection) {
      if (toolbarRef.current?.contains(e.target as Node)) return;
      e.preventDefault();
      const step = e.shiftKey ? 10 : 1;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      moveSelection(dx, dy);
    }
  });

  // The tool buttons form one toolbar: ←/→/Home/End move between them (one tab stop).
  const onToolbarKey = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = buttons.length - 1;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? at >= last
          ? 0
          : at + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? at <= 0
            ? last
            : at - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    e.stopPropagation();
    buttons[next]?.focus();
  };

  const pointOf = (e: PointerEvent): Point =>
    toImagePoint(e.clientX, e.clientY, svgRef.current!.getBoundingClientRect(), size);

  const onPointerDown = (e: TargetedPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || confirming) return;
    const p = pointOf(e);
    if (tool === 'text') return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    if (tool === 'select') {
      const hit = (e.target as Element).closest('[data-target]');
      if (!hit) {
        setSelection(null);
        return;
      }
      setSelection({
        target: hit.getAttribute('data-target') === 'redaction' ? 'redaction' : 'annotation',
        index: Number(hit.getAttribute('data-index')),
      });
      setDrag({ mode: 'move', last: p });
      return;
    }
    setDrag({ mode: 'draw', start: p, current: p });
  };

  const onPointerMove = (e: TargetedPointerEvent<SVGSVGElement>) => {
    if (!drag) return;
    const p = pointOf(e);
    if (drag.mode === 'draw') setDrag({ ...drag, current: p });
    else {
      moveSelection(p.x - drag.last.x, p.y - drag.last.y);
      setDrag({ mode: 'move', last: p });
    }
  };

  const onPointerUp = (e: TargetedPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || confirming) return;
    const p = pointOf(e);
    if (tool === 'text') {
      setTextAt(p);
      setTextDraft('');
      return;
    }
    const current = drag;
    setDrag(null);
    if (current?.mode !== 'draw' || isTooSmall(current.start, p)) return;
    if (tool === 'redact') {
      setRedactions([...redactions, rectFromDrag(current.start, p, size)]);
      setSelection({ target: 'redaction', index: redactions.length });
      return;
    }
    const next: Annotation =
      tool === 'box'
        ? { kind: 'box', ...rectFromDrag(current.start, p, size), color }
        : { kind: 'arrow', x1: current.start.x, y1: current.start.y, x2: p.x, y2: p.y, color };
    setAnnotations([...annotations, next]);
    setSelection({ target: 'annotation', index: annotations.length });
  };

  const addNote = (e: Event) => {
    e.preventDefault();
    const text = textDraft.trim();
    if (!textAt || !text) return;
    setAnnotations([...annotations, { kind: 'text', x: textAt.x, y: textAt.y, text, color }]);
    setTextAt(null);
    setTextDraft('');
  };

  const editNote = (text: string) => {
    if (selection?.target !== 'annotation') return;
    setAnnotations(
      annotations.map((a, i) => (i === selection.index && a.kind === 'text' ? { ...a, text } : a)),
    );
  };

  const draft: JSX.Element | null =
    drag?.mode === 'draw' && !isTooSmall(drag.start, drag.current) ? (
      tool === 'box' ? (
        <AnnotationShape
          annotation={{ kind: 'box', ...rectFromDrag(drag.start, drag.current, size), color }}
          size={size}
          class="draft"
        />
      ) : tool === 'arrow' ? (
        <AnnotationShape
          annotation={{
            kind: 'arrow',
            x1: drag.start.x,
            y1: drag.start.y,
            x2: drag.current.x,
            y2: drag.current.y,
            color,
          }}
          size={size}
          class="draft"
        />
      ) : tool === 'redact' ? (
        <PendingRedaction
          rect={rectFromDrag(drag.start, drag.current, size)}
          size={size}
          stroke={stroke}
        />
      ) : null
    ) : null;

  const selectionBounds =
    selection?.target === 'annotation' && selectedAnnotation
      ? annotationBounds(selectedAnnotation, size)
      : selection?.target === 'redaction' && redactions[selection.index]
        ? alignToBlocks(redactions[selection.index]!, size)
        : null;
  const pad = stroke * 2;
  const itemLabel = (a: Annotation, i: number) =>
    a.kind === 'text'
      ? t('annotateItem_text', { n: i + 1, text: a.text })
      : t(`annotateItem_${a.kind}`, { n: i + 1 });

  return (
    <div class="annotator">
      <div class="annotator-bar">
        <div
          class="tools"
          role="toolbar"
          aria-label={t('annotateTools')}
          ref={toolbarRef}
          onKeyDown={onToolbarKey}
        >
          {TOOLS.map((name) => (
            <button
              key={name}
              type="button"
              class={`tool tool-${name}`}
              aria-pressed={tool === name}
              tabIndex={tool === name ? 0 : -1}
              onClick={() => chooseTool(name)}
            >
              <span class="tool-icon" aria-hidden="true">
                {TOOL_ICONS[name]}
              </span>
              {t(`annotateTool_${name}`)}
            </button>
          ))}
        </div>
        <div class="colors" role="group" aria-label={t('annotateColor')}>
          {COLORS.map((name) => (
            <button
              key={name}
              type="button"
              class={`swatch swatch-${name}`}
              aria-pressed={color === name}
              aria-label={t(`annotateColor_${name}`)}
              title={t(`annotateColor_${name}`)}
              onClick={() => chooseColor(name)}
            />
          ))}
        </div>
        <button type="button" class="danger" disabled={!selection} onClick={deleteSelection}>
          {t('annotateDelete')}
        </button>
        <span class="spacer" />
        {dirty && <span class="unsaved">{t('annotateUnsaved')}</span>}
        <button
          type="button"
          class="primary"
          disabled={busy !== null}
          aria-busy={busy === 'save'}
          onClick={() => void save()}
        >
          {t('annotateSave')}
        </button>
        <button
          type="button"
          class="burn"
          disabled={!redactions.length || busy !== null}
          onClick={() => setConfirming(true)}
        >
          {t('annotateApply', { n: redactions.length })}
        </button>
      </div>

      <div class="annotator-body">
        <div class="annotator-stage">
          <div class={`annotator-frame${size.height > size.width * 2 ? ' is-tall' : ''}`}>
            <img
              src={props.imageUrl}
              alt={props.imageAlt}
              width={size.width}
              height={size.height}
              draggable={false}
            />
            <svg
              ref={svgRef}
              class={`annotator-svg tool-${tool}`}
              viewBox={`0 0 ${size.width} ${size.height}`}
              preserveAspectRatio="none"
              role="group"
              aria-label={t('annotateCanvas')}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={() => setDrag(null)}
            >
              {props.frames && (
                <FrameOutlines frames={props.frames.list} size={size} stroke={stroke} />
              )}
              {annotations.map((annotation, i) => (
                <g key={i} data-target="annotation" data-index={i}>
                  <AnnotationShape annotation={annotation} size={size} />
                  <HitArea annotation={annotation} size={size} stroke={stroke} />
                </g>
              ))}
              {redactions.map((rect, i) => (
                <PendingRedaction
                  key={i}
                  rect={rect}
                  size={size}
                  stroke={stroke}
                  data-target="redaction"
                  data-index={i}
                />
              ))}
              {draft}
              {selectionBounds && (
                <rect
                  class="selection"
                  x={selectionBounds.x - pad}
                  y={selectionBounds.y - pad}
                  width={selectionBounds.width + pad * 2}
                  height={selectionBounds.height + pad * 2}
                  fill="none"
                  stroke="#2456c7"
                  stroke-width={Math.max(1, stroke / 2)}
                  stroke-dasharray={`${stroke * 2} ${stroke}`}
                />
              )}
              {textAt && (
                <circle
                  cx={textAt.x}
                  cy={textAt.y}
                  r={stroke * 2}
                  fill={COLOR_VALUES[color]}
                  stroke="#fff"
                  stroke-width={Math.max(1, stroke / 2)}
                />
              )}
            </svg>
          </div>
        </div>

        <aside class="annotator-side">
          <p class="hint">{t(`annotateHint_${tool}`)}</p>
          {textAt && (
            <form class="card note-form" onSubmit={addNote}>
              <label for={`${ids}-note`}>{t('annotateNoteText')}</label>
              <input
                id={`${ids}-note`}
                ref={textInputRef}
                value={textDraft}
                required
                aria-invalid={isTooLong(textDraft, LIMITS.annotation)}
                onInput={(e) => setTextDraft(e.currentTarget.value)}
              />
              <p class="field-hint">
                <LimitHint
                  t={t}
                  length={textDraft.length}
                  limit={LIMITS.annotation}
                  changed={null}
                />
              </p>
              <div class="row">
                <button
                  type="submit"
                  class="primary"
                  disabled={!textDraft.trim() || isTooLong(textDraft, LIMITS.annotation)}
                >
                  {t('annotateAddNote')}
                </button>
                <button type="button" onClick={() => setTextAt(null)}>
                  {t('cancel')}
                </button>
              </div>
            </form>
          )}
          {selectedAnnotation?.kind === 'text' && (
            <div class="field">
              <label for={`${ids}-edit`}>{t('annotateEditNote')}</label>
              <input
                id={`${ids}-edit`}
                value={selectedAnnotation.text}
                aria-invalid={isTooLong(selectedAnnotation.text, LIMITS.annotation)}
                onInput={(e) => editNote(e.currentTarget.value)}
              />
              <p class="field-hint">
                <LimitHint
                  t={t}
                  length={selectedAnnotation.text.length}
                  limit={LIMITS.annotation}
                  changed={null}
                />
              </p>
            </div>
          )}

          {confirming && (
            <div
              class="card confirm"
              role="alertdialog"
              aria-labelledby={`${ids}-confirm-title`}
              aria-describedby={`${ids}-confirm-text`}
            >
              <h2 id={`${ids}-confirm-title`}>{t('annotateApplyTitle')}</h2>
              <p id={`${ids}-confirm-text`}>
                {t('annotateApplyExplain', { n: redactions.length })}
              </p>
              <div class="row">
                <button
                  type="button"
                  class="burn"
                  ref={confirmRef}
                  disabled={busy !== null}
                  aria-busy={busy === 'apply'}
                  onClick={() => void applyRedactions()}
                >
                  {busy === 'apply' ? t('annotateApplying') : t('annotateApplyConfirm')}
                </button>
                <button type="button" disabled={busy !== null} onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          )}

          <MessageLines message={message} />

          {props.frames && props.frames.list.length > 0 && (
            <CoveredFramesList
              t={t}
              frames={props.frames}
              disabled={busy !== null || confirming}
              onMessage={setMessage}
            />
          )}

          <section aria-labelledby={`${ids}-list`}>
            <h2 id={`${ids}-list`}>{t('annotateList')}</h2>
            {annotations.length === 0 ? (
              <p class="muted">{t('annotateNone')}</p>
            ) : (
              <ul class="mark-list">
                {annotations.map((a, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      aria-pressed={selection?.target === 'annotation' && selection.index === i}
                      onClick={() => {
                        setTool('select');
                        setSelection({ target: 'annotation', index: i });
                      }}
                    >
                      <span class={`dot swatch-${a.color}`} aria-hidden="true" />
                      <span class="label">{itemLabel(a, i)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {redactions.length > 0 && (
            <section aria-labelledby={`${ids}-pending`}>
              <h2 id={`${ids}-pending`}>{t('annotatePending')}</h2>
              <ul class="mark-list">
                {redactions.map((_, i) => (
                  <li key={i}>
                    <button
                      type="button"
                      aria-pressed={selection?.target === 'redaction' && selection.index === i}
                      onClick={() => {
                        setTool('select');
                        setSelection({ target: 'redaction', index: i });
                      }}
                    >
                      <span class="dot swatch-black" aria-hidden="true" />
                      {t('annotateRedactionItem', { n: i + 1 })}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p class="muted keys">{t('annotateKeys')}</p>
        </aside>
      </div>
    </div>
  );
}

/** An invisible, wider target over a mark so a thin line or a glyph is easy to click. */
function HitArea({
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
function PendingRedaction({
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
