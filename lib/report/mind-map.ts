/**
 * The touchpoint catalogue as a mind map ("most convenient as mind maps"): Mann's categories →
 * the audit's touchpoint types (hidden ones left out), each type marked per compared brand with
 * its mean experience in the wave, or why there is none (walked but not scored, exists but not
 * walked, not walked, absent). Pure: the data (mindMapData) and a deterministic layout
 * (layoutMindMap) in SVG pixels; components/report/mind-map.tsx draws it, ./mind-map-slides.ts
 * pages it onto slides.
 */
import { formatNumber } from '../i18n';
import { averageOf } from '../metrics';
import { categoryName, resolveCategories, typeName, type Locale } from '../taxonomy';
import type { ReportBrand, ReportModel } from './model';

/**
 * How a brand stands at a type: scored (the mean experience of its walks there), walked but not
 * scored, exists but not walked (its inventory says so), not walked (nothing known), absent (its
 * inventory says the brand has no such touchpoint).
 */
export type MarkKind = 'score' | 'unscored' | 'exists' | 'notWalked' | 'absent';
export const MARK_KINDS: readonly MarkKind[] = [
  'score',
  'unscored',
  'exists',
  'notWalked',
  'absent',
];

export interface TypeMark {
  kind: MarkKind;
  /** Mean experience 1–5 (each walk's mean at the type, then the mean of the walks); null unless scored. */
  mean: number | null;
  /** Steps of the type in the brand's walks of the wave. */
  steps: number;
}

/** A name as drawn: its lines, and whether it had to be shortened to fit them. */
export interface Wrapped {
  lines: string[];
  shortened: boolean;
}

export interface MapType {
  id: string;
  /** The full name (the text alternative and the tooltip say it whole). */
  name: string;
  label: Wrapped;
  /** One mark per brand of the report, in its order (own first). */
  marks: TypeMark[];
}

export interface MapCategory {
  id: string;
  name: string;
  label: Wrapped;
  types: MapType[];
}

export interface MindMapData {
  categories: MapCategory[];
  brands: ReportBrand[];
  /** Types on the map. */
  typeCount: number;
  /** Steps of the compared walks without a type, or of a hidden type: not on the map (said). */
  offMap: number;
}

/** Characters per line of a type's name, and lines at most; a category's. */
export const TYPE_LINE_CHARS = 26;
export const TYPE_LINES = 2;
export const CATEGORY_LINE_CHARS = 20;
export const CATEGORY_LINES = 3;

/**
 * `text` in at most `lines` lines of about `perLine` characters, broken between words (a word
 * longer than a line is cut); what does not fit ends in "…" and is marked shortened.
 */
export function wrapName(text: string, perLine: number, lines: number): Wrapped {
  // A word longer than a line is cut into pieces of a line.
  const pieces = text
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((word) =>
      Array.from({ length: Math.ceil(word.length / perLine) }, (_, i) =>
        word.slice(i * perLine, (i + 1) * perLine),
      ),
    );
  const out: string[] = [];
  let current = '';
  let shortened = false;
  for (const piece of pieces) {
    const next = current ? `${current} ${piece}` : piece;
    if (next.length <= perLine) current = next;
    else {
      out.push(current);
      if (out.length === lines) {
        shortened = true;
        current = '';
        break;
      }
      current = piece;
    }
  }
  if (current) out.push(current);
  if (shortened) {
    const last = out[out.length - 1]!;
    out[out.length - 1] = `${last.slice(0, Math.max(1, perLine - 1)).trimEnd()}…`;
  }
  return { lines: out.length ? out : [''], shortened };
}

/** Each walk's mean experience at the type, then the mean of the walks (as the stage charts do). */
function meanOfWalks(steps: readonly { journeyId: string; experience: number | null }[]) {
  const byWalk = new Map<string, (number | null)[]>();
  for (const s of steps)
    byWalk.set(s.journeyId, [...(byWalk.get(s.journeyId) ?? []), s.experience]);
  return averageOf([...byWalk.values()].map(averageOf));
}

/**
 * The map's data: the catalogue's visible types under their category (the method's order; a
 * category without a visible type is left out, a hidden one with visible types is kept so no
 * type goes missing), each marked for every compared brand.
 */
export function mindMapData(model: ReportModel, locale: Locale): MindMapData {
  const entries = resolveCategories(model.audit.method);
  const visible = model.method.types.filter((type) => !type.hidden);
  const onMap = new Set(visible.map((type) => type.id));
  const stepsOf = model.brands.map((b) => {
    const byType = new Map<string, { journeyId: string; experience: number | null }[]>();
    for (const { touchpoint } of b.steps)
      if (touchpoint.typeId !== null)
        byType.set(touchpoint.typeId, [...(byType.get(touchpoint.typeId) ?? []), touchpoint]);
    return byType;
  });
  const inventories = model.brands.map(
    (b) => new Map((b.brand.inventory ?? []).map((e) => [e.typeId, e.present])),
  );
  const mark = (typeId: string, i: number): TypeMark => {
    const steps = stepsOf[i]!.get(typeId) ?? [];
    if (steps.length) {
      const mean = meanOfWalks(steps);
      return { kind: mean === null ? 'unscored' : 'score', mean, steps: steps.length };
    }
    const present = inventories[i]!.get(typeId);
    return {
      kind: present === true ? 'exists' : present === false ? 'absent' : 'notWalked',
      mean: null,
      steps: 0,
    };
  };
  // The method's categories in order, then any a type names that the method does not define.
  const ids = [...new Set([...entries.map((e) => e.id), ...visible.map((type) => type.category)])];
  const categories = ids.flatMap((id): MapCategory[] => {
    const types = visible.filter((type) => type.category === id);
    if (!types.length) return [];
    const name = categoryName(entries.find((e) => e.id === id) ?? { id, name: '' }, locale);
    return [
      {
        id,
        name,
        label: wrapName(name, CATEGORY_LINE_CHARS, CATEGORY_LINES),
        types: types.map((type) => {
          const full = typeName(type, locale);
          return {
            id: type.id,
            name: full,
            label: wrapName(full, TYPE_LINE_CHARS, TYPE_LINES),
            marks: model.brands.map((_, i) => mark(type.id, i)),
          };
        }),
      },
    ];
  });
  const offMap = model.brands.reduce(
    (sum, b) =>
      sum +
      b.steps.filter((s) => s.touchpoint.typeId === null || !onMap.has(s.touchpoint.typeId)).length,
    0,
  );
  return {
    categories,
    brands: model.brands,
    typeCount: categories.reduce((sum, c) => sum + c.types.length, 0),
    offMap,
  };
}

// --- Layout (SVG pixels) ------------------------------------------------------------------------

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Side = 'left' | 'right';

export interface PlacedType {
  type: MapType;
  categoryId: string;
  side: Side;
  box: Box;
  /** The marks' cells, one per brand, left to right. */
  cells: Box[];
}

export interface PlacedCategory {
  category: MapCategory;
  side: Side;
  box: Box;
}

/** A connector: a smooth curve from a parent's edge to a child's. */
export interface Link {
  from: [number, number];
  to: [number, number];
}

export interface MindMapLayout {
  width: number;
  height: number;
  root: Box;
  categories: PlacedCategory[];
  types: PlacedType[];
  links: Link[];
  sides: 1 | 2;
}

/** Geometry of the drawing: 12 px text, estimated widths (text is not measured in Node). */
export const MAP = {
  char: 6.6,
  charBold: 7.3,
  line: 15,
  pad: 7,
  cellW: 34,
  cellH: 18,
  cellGap: 3,
  rowGap: 5,
  categoryGap: 16,
  /** Horizontal room for the connectors between columns. */
  branch: 40,
  rootW: 128,
  /** With more brands than this, one side (the marks make each node wide). */
  twoSidesUpTo: 4,
  margin: 8,
} as const;

/**
 * A line's width at 12 px, estimated (Node has no fonts): Cyrillic and capitals are wider than
 * Latin small letters in the sans-serif fonts reports are read in (DejaVu Sans, Segoe UI).
 */
export function textWidth(text: string, bold = false): number {
  let w = 0;
  for (const ch of text)
    w += /[\u0400-\u04ff]/.test(ch)
      ? /[А-ЯЁШЩЖМЮЫ]/.test(ch) || /[шщжмюы]/.test(ch)
        ? 9.2
        : 7.4
      : /[A-Z]/.test(ch) || /[mw]/.test(ch)
        ? 8.8
        : /[ .,:;'’il|!()-]/.test(ch)
          ? 4
          : 7;
  return w * (bold ? 1.1 : 1);
}

const lineWidth = (lines: readonly string[], bold: boolean) =>
  Math.max(0, ...lines.map((l) => textWidth(l, bold)));

/** A type node's height: its name's lines (the marks fit in one). */
function typeHeight(type: MapType): number {
  return Math.max(MAP.cellH + 4, type.label.lines.length * MAP.line + 6);
}

function categoryHeight(category: MapCategory): number {
  return category.label.lines.length * MAP.line + 2 * MAP.pad;
}

/**
 * Splits the categories between the two sides, in order, each to the side with fewer types so
 * far (the right on a tie): the map stays about as tall on both.
 */
export function splitSides(categories: readonly MapCategory[], sides: 1 | 2): Side[] {
  if (sides === 1) return categories.map(() => 'right');
  const height = { left: 0, right: 0 };
  return categories.map((c) => {
    const side: Side = height.left < height.right ? 'left' : 'right';
    height[side] += c.types.length;
    return side;
  });
}

/**
 * Places the map left to right (one side) or on both sides of the root (two sides, up to
 * MAP.twoSidesUpTo brands): each category's types stacked in a column beside it, the category
 * centred on them, the root centred on its categories. Deterministic; no two boxes overlap.
 */
export function layoutMindMap(data: MindMapData, rootLabel: string): MindMapLayout {
  const brands = data.brands.length;
  const sides: 1 | 2 = brands <= MAP.twoSidesUpTo && data.categories.length > 1 ? 2 : 1;
  const sideOf = splitSides(data.categories, sides);
  const marksW = brands * MAP.cellW + Math.max(0, brands - 1) * MAP.cellGap;
  const nameW = Math.max(
    8 * MAP.char,
    ...data.categories.flatMap((c) => c.types.map((t) => lineWidth(t.label.lines, false))),
  );
  const typeW = MAP.pad + nameW + (brands ? 10 + marksW : 0) + MAP.pad;
  const categoryW =
    Math.max(10 * MAP.charBold, ...data.categories.map((c) => lineWidth(c.label.lines, true))) +
    2 * MAP.pad;
  const rootLines = wrapName(rootLabel, 16, 3).lines;
  const rootW = Math.max(MAP.rootW, lineWidth(rootLines, true) + 2 * MAP.pad);
  const rootH = rootLines.length * MAP.line + 2 * MAP.pad + 4;

  // Columns, left to right: [left types][left categories] root [right categories][right types].
  const m: number = MAP.margin;
  const leftTypesX = m;
  const leftCatX = sides === 2 ? leftTypesX + typeW + MAP.branch : m;
  const rootX = sides === 2 ? leftCatX + categoryW + MAP.branch : m;
  const rightCatX = rootX + rootW + MAP.branch;
  const rightTypesX = rightCatX + categoryW + MAP.branch;
  const width = Math.ceil(rightTypesX + typeW + m);

  const placedTypes: PlacedType[] = [];
  const placedCategories: PlacedCategory[] = [];
  const links: Link[] = [];
  const bottom = { left: m, right: m };
  data.categories.forEach((category, k) => {
    const side = sideOf[k]!;
    const heights = category.types.map(typeHeight);
    const typesH = heights.reduce((sum, h) => sum + h, 0) + (heights.length - 1) * MAP.rowGap;
    const ch = categoryHeight(category);
    // A block per category: its types and itself, the shorter centred on the taller.
    const blockH = Math.max(typesH, ch);
    const top =
      bottom[side] + (placedCategories.some((p) => p.side === side) ? MAP.categoryGap : 0);
    let y = top + (blockH - typesH) / 2;
    const typesX = side === 'right' ? rightTypesX : leftTypesX;
    category.types.forEach((type, i) => {
      const h = heights[i]!;
      const box = { x: typesX, y, w: typeW, h };
      const cellsX = typesX + MAP.pad + nameW + 10;
      const cells = type.marks.map((_, b) => ({
        x: cellsX + b * (MAP.cellW + MAP.cellGap),
        y: y + (h - MAP.cellH) / 2,
        w: MAP.cellW,
        h: MAP.cellH,
      }));
      placedTypes.push({ type, categoryId: category.id, side, box, cells });
      y += h + MAP.rowGap;
    });
    const cx = side === 'right' ? rightCatX : leftCatX;
    placedCategories.push({
      category,
      side,
      box: { x: cx, y: top + (blockH - ch) / 2, w: categoryW, h: ch },
    });
    bottom[side] = top + blockH;
  });
  const height = Math.ceil(Math.max(bottom.left, bottom.right, m + rootH) + m);
  // The root in the middle of the categories' span.
  const catTop = Math.min(...placedCategories.map((p) => p.box.y), m);
  const catBottom = Math.max(...placedCategories.map((p) => p.box.y + p.box.h), m + rootH);
  const root = {
    x: rootX,
    y: Math.max(m, (catTop + catBottom) / 2 - rootH / 2),
    w: rootW,
    h: rootH,
  };
  const middle = (b: Box): number => b.y + b.h / 2;
  for (const p of placedCategories) {
    const right = p.side === 'right';
    links.push({
      from: [right ? root.x + root.w : root.x, middle(root)],
      to: [right ? p.box.x : p.box.x + p.box.w, middle(p.box)],
    });
  }
  for (const p of placedTypes) {
    const parent = placedCategories.find((c) => c.category.id === p.categoryId)!.box;
    const right = p.side === 'right';
    links.push({
      from: [right ? parent.x + parent.w : parent.x, middle(parent)],
      to: [right ? p.box.x : p.box.x + p.box.w, middle(p.box)],
    });
  }
  return {
    width,
    height,
    root,
    categories: placedCategories,
    types: placedTypes,
    links,
    sides,
  };
}

/** An SVG path for a connector: a horizontal S-curve. */
export function linkPath({ from: [x1, y1], to: [x2, y2] }: Link): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  const mid = (x1 + x2) / 2;
  return `M${r(x1)} ${r(y1)}C${r(mid)} ${r(y1)} ${r(mid)} ${r(y2)} ${r(x2)} ${r(y2)}`;
}

/** Counts of each mark kind over a brand's types (the text alternative's summary line). */
export function markCounts(data: MindMapData, brandIndex: number): Record<MarkKind, number> {
  const counts: Record<MarkKind, number> = {
    score: 0,
    unscored: 0,
    exists: 0,
    notWalked: 0,
    absent: 0,
  };
  for (const c of data.categories) for (const t of c.types) counts[t.marks[brandIndex]!.kind]++;
  return counts;
}

/** The symbol written in a cell: the mean, or what stands for its absence. */
export function markSymbol(mark: TypeMark, locale: Locale): string {
  switch (mark.kind) {
    case 'score':
      return formatNumber(mark.mean ?? 0, locale);
    case 'unscored':
      return '?';
    case 'exists':
      return '✓';
    case 'notWalked':
      return '—';
    case 'absent':
      return '×';
  }
}
