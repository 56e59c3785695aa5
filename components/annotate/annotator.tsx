/**
 * The screenshot editor: boxes, arrows and text notes drawn over the image (kept apart from the
 * pixels, editable later), and redaction areas that stay pending until they are burnt in.
 * Props in, callbacks out: saving and burning in are the caller's job. Its state and every change
 * to it live in lib/annotate/editor-state.ts (a pure reducer); this file turns events into actions.
 */
import type { TargetedKeyboardEvent, TargetedPointerEvent } from 'preact';
import { useEffect, useId, useReducer, useRef } from 'preact/hooks';
import { strokeWidthFor, toImagePoint } from '../../lib/annotate';
import type { Point, Rect, Size } from '../../lib/annotate';
import {
  draftOf,
  editorReducer,
  hasUnsavedWork,
  initialEditorState,
  isDirty,
  selectedAnnotation,
  selectionBounds,
  TOOLS,
  type EditorTarget,
  type Tool,
} from '../../lib/annotate/editor-state';
import type { Translate } from '../../lib/i18n';
import { LIMITS, type Annotation, type AnnotationColor } from '../../lib/model';
import { AnnotationShape, COLOR_VALUES } from '../shared/annotation-shapes';
import { CoveredFramesList, FrameOutlines, type CoveredFramesInfo } from './covered-frames';
import { MarkLists } from './mark-lists';
import { HitArea, PendingRedaction } from './marks';
import { describeError } from '../shared/describe-error';
import { isTooLong, LimitHint } from '../shared/fields';
import { MessageLines } from '../shared/messages';
import { useDocumentKeydown } from '../shared/hooks';

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

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** The mark under the pointer (the element drawn for it carries data-target and data-index). */
function hitOf(target: EventTarget | null): EditorTarget | null {
  const hit = (target as Element | null)?.closest('[data-target]');
  if (!hit) return null;
  return {
    target: hit.getAttribute('data-target') === 'redaction' ? 'redaction' : 'annotation',
    index: Number(hit.getAttribute('data-index')),
  };
}

export function Annotator(props: AnnotatorProps) {
  const { t, size } = props;
  const [state, dispatch] = useReducer(editorReducer, null, () =>
    initialEditorState(size, props.initialAnnotations),
  );
  const { tool, color, annotations, redactions, selection, textAt, textDraft } = state;
  const { confirming, busy, message } = state;
  const svgRef = useRef<SVGSVGElement>(null);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const textInputRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const ids = useId();

  const dirty = isDirty(state);
  const unsaved = hasUnsavedWork(state);
  const stroke = strokeWidthFor(size);
  const selected = selectedAnnotation(state);

  useEffect(() => props.onDirtyChange?.(unsaved), [unsaved]);
  useEffect(() => textInputRef.current?.focus(), [textAt]);
  useEffect(() => confirmRef.current?.focus(), [confirming]);

  const chooseTool = (next: Tool) => dispatch({ type: 'chooseTool', tool: next });
  const chooseColor = (next: AnnotationColor) => dispatch({ type: 'chooseColor', color: next });
  const deleteSelection = () => dispatch({ type: 'deleteSelection' });

  const save = async () => {
    if (busy) return;
    const saving = annotations;
    dispatch({ type: 'start', work: 'save' });
    try {
      await props.onSave([...saving]);
      dispatch({
        type: 'saved',
        annotations: saving,
        message: { kind: 'status', text: t('annotateSaved') },
      });
    } catch (error) {
      dispatch({
        type: 'failed',
        work: 'save',
        message: { kind: 'error', text: describeError(error, t) },
      });
    }
  };

  const applyRedactions = async () => {
    if (busy || !redactions.length) return;
    dispatch({ type: 'start', work: 'apply' });
    try {
      const sha = await props.onApplyRedactions([...redactions]);
      dispatch({
        type: 'applied',
        message: { kind: 'status', text: t('annotateApplied', { sha }) },
      });
    } catch (error) {
      dispatch({
        type: 'failed',
        work: 'apply',
        message: { kind: 'error', text: describeError(error, t) },
      });
    }
  };

  // Keyboard: tool keys, Delete, Escape, arrow keys to nudge, Ctrl+S to save.
  useDocumentKeydown((e) => {
    if (e.key === 'Escape') {
      dispatch({ type: 'escape' });
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
      dispatch({ type: 'moveSelection', dx, dy });
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
    if (e.button !== 0 || confirming || tool === 'text') return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    dispatch({ type: 'pointerDown', at: pointOf(e), hit: hitOf(e.target) });
  };

  const onPointerMove = (e: TargetedPointerEvent<SVGSVGElement>) => {
    if (state.drag) dispatch({ type: 'pointerMove', at: pointOf(e) });
  };

  const onPointerUp = (e: TargetedPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || confirming) return;
    dispatch({ type: 'pointerUp', at: pointOf(e) });
  };

  const addNote = (e: Event) => {
    e.preventDefault();
    dispatch({ type: 'addNote' });
  };

  const draft = draftOf(state);
  const bounds = selectionBounds(state);
  const pad = stroke * 2;

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
          onClick={() => dispatch({ type: 'confirmRedactions', open: true })}
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
              onPointerCancel={() => dispatch({ type: 'cancelDrag' })}
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
              {draft?.kind === 'annotation' && (
                <AnnotationShape annotation={draft.annotation} size={size} class="draft" />
              )}
              {draft?.kind === 'redaction' && (
                <PendingRedaction rect={draft.rect} size={size} stroke={stroke} />
              )}
              {bounds && (
                <rect
                  class="selection"
                  x={bounds.x - pad}
                  y={bounds.y - pad}
                  width={bounds.width + pad * 2}
                  height={bounds.height + pad * 2}
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
                onInput={(e) => dispatch({ type: 'typeNote', text: e.currentTarget.value })}
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
                <button type="button" onClick={() => dispatch({ type: 'closeNote' })}>
                  {t('cancel')}
                </button>
              </div>
            </form>
          )}
          {selected?.kind === 'text' && (
            <div class="field">
              <label for={`${ids}-edit`}>{t('annotateEditNote')}</label>
              <input
                id={`${ids}-edit`}
                value={selected.text}
                aria-invalid={isTooLong(selected.text, LIMITS.annotation)}
                onInput={(e) => dispatch({ type: 'editNote', text: e.currentTarget.value })}
              />
              <p class="field-hint">
                <LimitHint
                  t={t}
                  length={selected.text.length}
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
                <button
                  type="button"
                  disabled={busy !== null}
                  onClick={() => dispatch({ type: 'confirmRedactions', open: false })}
                >
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
              onMessage={(said) => dispatch({ type: 'say', message: said })}
            />
          )}

          <MarkLists
            t={t}
            annotations={annotations}
            redactions={redactions}
            selection={selection}
            onSelect={(target) => dispatch({ type: 'select', ...target })}
          />
          <p class="muted keys">{t('annotateKeys')}</p>
        </aside>
      </div>
    </div>
  );
}
