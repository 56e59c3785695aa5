/** The screenshot editor's state model (lib/annotate/editor-state.ts): every change it makes. */
import { describe, expect, it } from 'vitest';
import {
  draftOf,
  editorReducer,
  hasUnsavedWork,
  initialEditorState,
  isDirty,
  selectedAnnotation,
  selectionBounds,
  type EditorAction,
  type EditorState,
} from '../../lib/annotate/editor-state';
import type { Annotation } from '../../lib/model';

const SIZE = { width: 1280, height: 800 };
const BOX: Annotation = { kind: 'box', x: 100, y: 100, width: 200, height: 100, color: 'red' };
const NOTE: Annotation = { kind: 'text', x: 50, y: 600, text: 'Price hidden', color: 'blue' };
const said = (text: string) => ({ kind: 'status', text }) as const;

/** The state after each action in turn. */
function run(state: EditorState, ...actions: EditorAction[]): EditorState {
  return actions.reduce(editorReducer, state);
}

/** A drag from `from` to `to` with the current tool. */
function drag(from: [number, number], to: [number, number]): EditorAction[] {
  const at = ([x, y]: [number, number]) => ({ x, y });
  return [
    { type: 'pointerDown', at: at(from), hit: null },
    { type: 'pointerMove', at: at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]) },
    { type: 'pointerMove', at: at(to) },
    { type: 'pointerUp', at: at(to) },
  ];
}

describe('editor state', () => {
  it('opens with the stored annotations, nothing unsaved, the box tool in red', () => {
    const state = initialEditorState(SIZE, [BOX]);
    expect(state).toMatchObject({ tool: 'box', color: 'red', annotations: [BOX], redactions: [] });
    expect(isDirty(state)).toBe(false);
    expect(hasUnsavedWork(state)).toBe(false);
  });

  it('adds a box drawn by a drag, selected, and is dirty until saved', () => {
    const state = run(initialEditorState(SIZE, []), ...drag([300, 200], [100, 50]));
    expect(state.annotations).toEqual([
      { kind: 'box', x: 100, y: 50, width: 200, height: 150, color: 'red' },
    ]);
    expect(state.selection).toEqual({ target: 'annotation', index: 0 });
    expect(state.drag).toBeNull();
    expect(isDirty(state)).toBe(true);

    const saving = state.annotations;
    const saved = run(
      state,
      { type: 'start', work: 'save' },
      { type: 'saved', annotations: saving, message: said('Saved') },
    );
    expect(saved.busy).toBeNull();
    expect(saved.message).toEqual(said('Saved'));
    expect(isDirty(saved)).toBe(false);
    expect(hasUnsavedWork(saved)).toBe(false);
  });

  it('stays dirty when the annotations changed while a save was under way', () => {
    const state = run(initialEditorState(SIZE, []), ...drag([0, 0], [100, 100]));
    const saving = state.annotations;
    const after = run(
      state,
      { type: 'start', work: 'save' },
      { type: 'chooseColor', color: 'green' },
      { type: 'saved', annotations: saving, message: said('Saved') },
    );
    expect(isDirty(after)).toBe(true);
  });

  it('adds an arrow from tail to tip in the chosen colour', () => {
    const state = run(
      initialEditorState(SIZE, []),
      { type: 'chooseTool', tool: 'arrow' },
      { type: 'chooseColor', color: 'yellow' },
      ...drag([10, 20], [400, 300]),
    );
    expect(state.annotations).toEqual([
      { kind: 'arrow', x1: 10, y1: 20, x2: 400, y2: 300, color: 'yellow' },
    ]);
  });

  it('takes a click (a drag shorter than a shape) as nothing', () => {
    const state = run(initialEditorState(SIZE, []), ...drag([100, 100], [102, 101]));
    expect(state.annotations).toEqual([]);
    expect(state.drag).toBeNull();
    expect(isDirty(state)).toBe(false);
  });

  it('shows the shape being drawn once the drag is long enough', () => {
    const start = run(initialEditorState(SIZE, []), {
      type: 'pointerDown',
      at: { x: 10, y: 10 },
      hit: null,
    });
    expect(draftOf(start)).toBeNull();
    const moved = run(start, { type: 'pointerMove', at: { x: 60, y: 40 } });
    expect(draftOf(moved)).toEqual({
      kind: 'annotation',
      annotation: { kind: 'box', x: 10, y: 10, width: 50, height: 30, color: 'red' },
    });
    const redacting = run(
      initialEditorState(SIZE, []),
      { type: 'chooseTool', tool: 'redact' },
      { type: 'pointerDown', at: { x: 10, y: 10 }, hit: null },
      { type: 'pointerMove', at: { x: 60, y: 40 } },
    );
    expect(draftOf(redacting)).toEqual({
      kind: 'redaction',
      rect: { x: 10, y: 10, width: 50, height: 30 },
    });
  });

  it('cancels a drag without adding anything', () => {
    const state = run(
      initialEditorState(SIZE, []),
      { type: 'pointerDown', at: { x: 10, y: 10 }, hit: null },
      { type: 'pointerMove', at: { x: 300, y: 300 } },
      { type: 'cancelDrag' },
      { type: 'pointerUp', at: { x: 300, y: 300 } },
    );
    expect(state.drag).toBeNull();
    expect(draftOf(state)).toBeNull();
    expect(state.annotations).toEqual([]);
  });

  it('selects a mark under the pointer and moves it by a drag, kept inside the image', () => {
    const selecting = run(initialEditorState(SIZE, [BOX, NOTE]), {
      type: 'chooseTool',
      tool: 'select',
    });
    const hit = { target: 'annotation', index: 0 } as const;
    const moved = run(
      selecting,
      { type: 'pointerDown', at: { x: 150, y: 150 }, hit },
      { type: 'pointerMove', at: { x: 170, y: 140 } },
      { type: 'pointerMove', at: { x: 180, y: 160 } },
      { type: 'pointerUp', at: { x: 180, y: 160 } },
    );
    expect(moved.selection).toEqual(hit);
    expect(moved.annotations[0]).toEqual({ ...BOX, x: 130, y: 110 });
    expect(moved.annotations[1]).toBe(NOTE);
    expect(selectionBounds(moved)).toEqual({ x: 130, y: 110, width: 200, height: 100 });

    // Nudged past the edge: it stops at the edge, the same size.
    const nudged = run(moved, { type: 'moveSelection', dx: -500, dy: 5000 });
    expect(nudged.annotations[0]).toEqual({ ...BOX, x: 0, y: 700 });

    // A click on nothing clears the selection.
    const cleared = run(nudged, { type: 'pointerDown', at: { x: 900, y: 10 }, hit: null });
    expect(cleared.selection).toBeNull();
  });

  it('selects from the list, switching to the select tool', () => {
    const state = run(initialEditorState(SIZE, [BOX, NOTE]), {
      type: 'select',
      target: 'annotation',
      index: 1,
    });
    expect(state.tool).toBe('select');
    expect(selectedAnnotation(state)).toBe(NOTE);
    // Another drawing tool drops the selection; the select tool keeps it.
    expect(run(state, { type: 'chooseTool', tool: 'select' }).selection).not.toBeNull();
    expect(run(state, { type: 'chooseTool', tool: 'box' }).selection).toBeNull();
  });

  it('deletes the selected annotation or redaction area, and nothing without a selection', () => {
    const state = initialEditorState(SIZE, [BOX, NOTE]);
    expect(run(state, { type: 'deleteSelection' })).toBe(state);
    const deleted = run(
      state,
      { type: 'select', target: 'annotation', index: 0 },
      { type: 'deleteSelection' },
    );
    expect(deleted.annotations).toEqual([NOTE]);
    expect(deleted.selection).toBeNull();
    expect(isDirty(deleted)).toBe(true);

    const redacted = run(state, { type: 'chooseTool', tool: 'redact' }, ...drag([0, 0], [64, 64]));
    expect(redacted.redactions).toHaveLength(1);
    expect(redacted.selection).toEqual({ target: 'redaction', index: 0 });
    expect(run(redacted, { type: 'deleteSelection' }).redactions).toEqual([]);
  });

  it('recolours the selected annotation with the chosen colour', () => {
    const state = run(
      initialEditorState(SIZE, [BOX, NOTE]),
      { type: 'select', target: 'annotation', index: 0 },
      { type: 'chooseColor', color: 'black' },
    );
    expect(state.annotations).toEqual([{ ...BOX, color: 'black' }, NOTE]);
    expect(state.color).toBe('black');
  });

  it('places a text note where clicked, adds it trimmed, and edits the selected one', () => {
    const placed = run(
      initialEditorState(SIZE, []),
      { type: 'chooseTool', tool: 'text' },
      { type: 'pointerDown', at: { x: 40, y: 50 }, hit: null },
      { type: 'pointerUp', at: { x: 40, y: 50 } },
    );
    expect(placed.textAt).toEqual({ x: 40, y: 50 });
    expect(run(placed, { type: 'addNote' })).toBe(placed);
    const added = run(placed, { type: 'typeNote', text: '  No price  ' }, { type: 'addNote' });
    expect(added.annotations).toEqual([
      { kind: 'text', x: 40, y: 50, text: 'No price', color: 'red' },
    ]);
    expect(added.textAt).toBeNull();
    expect(added.textDraft).toBe('');

    const edited = run(
      added,
      { type: 'select', target: 'annotation', index: 0 },
      { type: 'editNote', text: 'No price shown' },
    );
    expect(edited.annotations[0]).toMatchObject({ text: 'No price shown' });
  });

  it('closes the innermost open thing on Escape: confirmation, note, drag, then selection', () => {
    const open = run(
      initialEditorState(SIZE, [BOX]),
      { type: 'select', target: 'annotation', index: 0 },
      { type: 'confirmRedactions', open: true },
    );
    const once = run(open, { type: 'escape' });
    expect(once.confirming).toBe(false);
    expect(once.selection).not.toBeNull();
    expect(run(once, { type: 'escape' }).selection).toBeNull();

    const drawing = run(initialEditorState(SIZE, []), {
      type: 'pointerDown',
      at: { x: 1, y: 1 },
      hit: null,
    });
    expect(run(drawing, { type: 'escape' }).drag).toBeNull();
  });

  it('ignores the pointer while the burn-in confirmation is open', () => {
    const state = run(initialEditorState(SIZE, []), { type: 'confirmRedactions', open: true });
    expect(run(state, ...drag([0, 0], [300, 300]))).toEqual(state);
  });

  it('keeps redaction areas pending (unsaved work) until burnt in', () => {
    const pending = run(
      initialEditorState(SIZE, []),
      { type: 'chooseTool', tool: 'redact' },
      ...drag([0, 0], [100, 100]),
    );
    expect(isDirty(pending)).toBe(false);
    expect(hasUnsavedWork(pending)).toBe(true);
    // Shown as the whole 16-px blocks that will turn black.
    expect(selectionBounds(pending)).toEqual({ x: 0, y: 0, width: 112, height: 112 });

    const failed = run(
      pending,
      { type: 'confirmRedactions', open: true },
      { type: 'start', work: 'apply' },
      { type: 'failed', work: 'apply', message: { kind: 'error', text: 'Disk full' } },
    );
    expect(failed).toMatchObject({ busy: null, confirming: false, redactions: pending.redactions });
    expect(hasUnsavedWork(failed)).toBe(true);

    const applied = run(
      pending,
      { type: 'confirmRedactions', open: true },
      { type: 'start', work: 'apply' },
      { type: 'applied', message: said('Applied') },
    );
    expect(applied).toMatchObject({ busy: null, confirming: false, redactions: [] });
    expect(applied.selection).toBeNull();
    expect(hasUnsavedWork(applied)).toBe(false);
  });

  it('keeps the confirmation open when a save fails meanwhile', () => {
    const state = run(
      initialEditorState(SIZE, [BOX]),
      { type: 'confirmRedactions', open: true },
      { type: 'start', work: 'save' },
      { type: 'failed', work: 'save', message: { kind: 'error', text: 'Gone' } },
    );
    expect(state).toMatchObject({ busy: null, confirming: true });
    expect(state.message).toEqual({ kind: 'error', text: 'Gone' });
  });
});
