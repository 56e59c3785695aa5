/**
 * The screenshot editor's state (components/annotate/annotator.tsx) as a pure reducer: the tool
 * and colour, the annotations and pending redaction areas, the selection, the drag under way, the
 * note being typed, the burn-in confirmation, the work under way and the last message. Pure (no
 * DOM), so every change the editor makes runs in Node tests.
 */
import type { Annotation, AnnotationColor } from '../model';
import {
  alignToBlocks,
  annotationBounds,
  isTooSmall,
  moveAnnotation,
  moveRect,
  rectFromDrag,
  type Point,
  type Rect,
  type Size,
} from './index';

export const TOOLS = ['select', 'box', 'arrow', 'text', 'redact'] as const;
export type Tool = (typeof TOOLS)[number];

/** What a selection or a click can point at: an annotation or a pending redaction area, by index. */
export interface EditorTarget {
  target: 'annotation' | 'redaction';
  index: number;
}

/** A drag: drawing a new shape from `start`, or moving the selection (last seen at `last`). */
export type EditorDrag =
  | { mode: 'draw'; start: Point; current: Point }
  | { mode: 'move'; last: Point };

/** A line the editor says (already in the UI language). */
export interface EditorMessage {
  kind: 'status' | 'error';
  text: string;
}

/** Work that changes what is stored: saving annotations or burning in redactions. */
export type EditorWork = 'save' | 'apply';

export interface EditorState {
  /** The image's size in pixels: every point and shape is in image pixels, kept inside it. */
  readonly size: Size;
  readonly tool: Tool;
  readonly color: AnnotationColor;
  readonly annotations: readonly Annotation[];
  /** The annotations as last stored (JSON), to tell whether any change is unsaved. */
  readonly saved: string;
  /** Redaction areas drawn but not burnt in yet. */
  readonly redactions: readonly Rect[];
  readonly selection: EditorTarget | null;
  readonly drag: EditorDrag | null;
  /** Where a new text note goes while its text is typed (null: no note form). */
  readonly textAt: Point | null;
  readonly textDraft: string;
  /** The "burn the redactions in?" confirmation is open. */
  readonly confirming: boolean;
  readonly busy: EditorWork | null;
  readonly message: EditorMessage | null;
}

export type EditorAction =
  | { type: 'chooseTool'; tool: Tool }
  | { type: 'chooseColor'; color: AnnotationColor }
  /** Chosen in a list beside the image: the select tool takes it. */
  | ({ type: 'select' } & EditorTarget)
  /** The pointer went down at `at`; `hit` is the mark under it (for the select tool). */
  | { type: 'pointerDown'; at: Point; hit: EditorTarget | null }
  | { type: 'pointerMove'; at: Point }
  | { type: 'pointerUp'; at: Point }
  | { type: 'cancelDrag' }
  /** Escape: closes the innermost thing open (confirmation, note form, drag, then selection). */
  | { type: 'escape' }
  | { type: 'deleteSelection' }
  | { type: 'moveSelection'; dx: number; dy: number }
  | { type: 'typeNote'; text: string }
  | { type: 'addNote' }
  | { type: 'closeNote' }
  /** Changes the text of the selected note. */
  | { type: 'editNote'; text: string }
  | { type: 'confirmRedactions'; open: boolean }
  | { type: 'start'; work: EditorWork }
  /** `annotations` (those handed to the save) are stored now. */
  | { type: 'saved'; annotations: readonly Annotation[]; message: EditorMessage }
  /** The pending redaction areas are burnt into the stored image. */
  | { type: 'applied'; message: EditorMessage }
  | { type: 'failed'; work: EditorWork; message: EditorMessage }
  | { type: 'say'; message: EditorMessage };

/** The editor as it opens: the stored annotations, nothing pending, the box tool in red. */
export function initialEditorState(size: Size, annotations: readonly Annotation[]): EditorState {
  return {
    size,
    tool: 'box',
    color: 'red',
    annotations: [...annotations],
    saved: JSON.stringify(annotations),
    redactions: [],
    selection: null,
    drag: null,
    textAt: null,
    textDraft: '',
    confirming: false,
    busy: null,
    message: null,
  };
}

/** The editor's next state after `action` (the same object when nothing changes). */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'chooseTool':
      return {
        ...state,
        tool: action.tool,
        drag: null,
        textAt: null,
        selection: action.tool === 'select' ? state.selection : null,
      };
    case 'chooseColor': {
      const { selection } = state;
      return {
        ...state,
        color: action.color,
        annotations:
          selection?.target === 'annotation'
            ? state.annotations.map((a, i) =>
                i === selection.index ? { ...a, color: action.color } : a,
              )
            : state.annotations,
      };
    }
    case 'select':
      return {
        ...state,
        tool: 'select',
        selection: { target: action.target, index: action.index },
      };
    case 'pointerDown':
      if (state.confirming || state.tool === 'text') return state;
      if (state.tool === 'select') {
        return action.hit
          ? { ...state, selection: action.hit, drag: { mode: 'move', last: action.at } }
          : { ...state, selection: null };
      }
      return { ...state, drag: { mode: 'draw', start: action.at, current: action.at } };
    case 'pointerMove': {
      const { drag } = state;
      if (!drag) return state;
      if (drag.mode === 'draw') return { ...state, drag: { ...drag, current: action.at } };
      const moved = moveSelection(state, action.at.x - drag.last.x, action.at.y - drag.last.y);
      return { ...moved, drag: { mode: 'move', last: action.at } };
    }
    case 'pointerUp':
      return finishDrag(state, action.at);
    case 'cancelDrag':
      return state.drag ? { ...state, drag: null } : state;
    case 'escape':
      if (state.confirming) return { ...state, confirming: false };
      if (state.textAt) return { ...state, textAt: null };
      if (state.drag) return { ...state, drag: null };
      return { ...state, selection: null };
    case 'deleteSelection': {
      const { selection } = state;
      if (!selection) return state;
      const others = <T>(list: readonly T[]) => list.filter((_, i) => i !== selection.index);
      return selection.target === 'annotation'
        ? { ...state, annotations: others(state.annotations), selection: null }
        : { ...state, redactions: others(state.redactions), selection: null };
    }
    case 'moveSelection':
      return moveSelection(state, action.dx, action.dy);
    case 'typeNote':
      return { ...state, textDraft: action.text };
    case 'addNote': {
      const text = state.textDraft.trim();
      if (!state.textAt || !text) return state;
      const { x, y } = state.textAt;
      return {
        ...state,
        annotations: [...state.annotations, { kind: 'text', x, y, text, color: state.color }],
        textAt: null,
        textDraft: '',
      };
    }
    case 'closeNote':
      return { ...state, textAt: null };
    case 'editNote': {
      const { selection } = state;
      if (selection?.target !== 'annotation') return state;
      return {
        ...state,
        annotations: state.annotations.map((a, i) =>
          i === selection.index && a.kind === 'text' ? { ...a, text: action.text } : a,
        ),
      };
    }
    case 'confirmRedactions':
      return { ...state, confirming: action.open };
    case 'start':
      return { ...state, busy: action.work };
    case 'saved':
      return {
        ...state,
        saved: JSON.stringify(action.annotations),
        busy: null,
        message: action.message,
      };
    case 'applied':
      return {
        ...state,
        redactions: [],
        selection: state.selection?.target === 'redaction' ? null : state.selection,
        busy: null,
        confirming: false,
        message: action.message,
      };
    case 'failed':
      return {
        ...state,
        busy: null,
        confirming: action.work === 'apply' ? false : state.confirming,
        message: action.message,
      };
    case 'say':
      return { ...state, message: action.message };
  }
}

/** Moves the selected mark by (dx, dy) image pixels, kept inside the image. */
function moveSelection(state: EditorState, dx: number, dy: number): EditorState {
  const { selection, size } = state;
  if (!selection) return state;
  return selection.target === 'annotation'
    ? {
        ...state,
        annotations: state.annotations.map((a, i) =>
          i === selection.index ? moveAnnotation(a, dx, dy, size) : a,
        ),
      }
    : {
        ...state,
        redactions: state.redactions.map((r, i) =>
          i === selection.index ? moveRect(r, dx, dy, size) : r,
        ),
      };
}

/** The pointer went up: places a note, or ends the drag, adding the shape drawn (selected). */
function finishDrag(state: EditorState, at: Point): EditorState {
  if (state.confirming) return state;
  if (state.tool === 'text') return { ...state, textAt: at, textDraft: '' };
  const { drag, size } = state;
  const ended = { ...state, drag: null };
  if (drag?.mode !== 'draw' || isTooSmall(drag.start, at)) return ended;
  if (state.tool === 'redact') {
    return {
      ...ended,
      redactions: [...state.redactions, rectFromDrag(drag.start, at, size)],
      selection: { target: 'redaction', index: state.redactions.length },
    };
  }
  return {
    ...ended,
    annotations: [...state.annotations, shapeOf(state.tool, drag.start, at, state)],
    selection: { target: 'annotation', index: state.annotations.length },
  };
}

/** The box (box tool) or arrow (arrow tool) drawn from `start` to `end`. */
function shapeOf(tool: Tool, start: Point, end: Point, state: EditorState): Annotation {
  const { color, size } = state;
  return tool === 'box'
    ? { kind: 'box', ...rectFromDrag(start, end, size), color }
    : { kind: 'arrow', x1: start.x, y1: start.y, x2: end.x, y2: end.y, color };
}

/** True when the annotations differ from those last stored. */
export function isDirty(state: EditorState): boolean {
  return JSON.stringify(state.annotations) !== state.saved;
}

/** True when closing the page would lose something: unsaved annotations or pending redactions. */
export function hasUnsavedWork(state: EditorState): boolean {
  return isDirty(state) || state.redactions.length > 0;
}

export function selectedAnnotation(state: EditorState): Annotation | undefined {
  return state.selection?.target === 'annotation'
    ? state.annotations[state.selection.index]
    : undefined;
}

/** The area the selection outline goes around (a redaction area as the blocks it will cover). */
export function selectionBounds(state: EditorState): Rect | null {
  const { selection, size } = state;
  if (!selection) return null;
  if (selection.target === 'annotation') {
    const annotation = state.annotations[selection.index];
    return annotation ? annotationBounds(annotation, size) : null;
  }
  const rect = state.redactions[selection.index];
  return rect ? alignToBlocks(rect, size) : null;
}

/** The shape being drawn, once the drag is long enough to be one. */
export type EditorDraft =
  | { kind: 'annotation'; annotation: Annotation }
  | { kind: 'redaction'; rect: Rect }
  | null;

export function draftOf(state: EditorState): EditorDraft {
  const { drag, tool, size } = state;
  if (drag?.mode !== 'draw' || isTooSmall(drag.start, drag.current)) return null;
  if (tool === 'redact')
    return { kind: 'redaction', rect: rectFromDrag(drag.start, drag.current, size) };
  if (tool !== 'box' && tool !== 'arrow') return null;
  return { kind: 'annotation', annotation: shapeOf(tool, drag.start, drag.current, state) };
}
