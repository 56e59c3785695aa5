/**
 * The touchpoint map (./mind-map.ts) on slides: one slide per category (continued on the next
 * when it has more types than fit), the category on the left, its types in one or two columns
 * on the right joined to it, each type with one numbered mark per brand (the note names the
 * brands in that order). A whole catalogue of 65+ types is not legible on one 16:9 slide; a
 * category is. Pure geometry in inches; lib/report/mind-map-pptx.ts draws it with native shapes.
 */
import { translator } from '../i18n';
import type { Locale } from '../taxonomy';
import { markSymbol, mindMapData, type MarkKind, type TypeMark } from './mind-map';
import type { ReportModel } from './model';
import { CONTENT_WIDTH, FONT, SLIDE, clipToLines, linesHeight, type Box } from './slide-geometry';
import { reportLabels } from './words';

export interface MapSlideMark {
  kind: MarkKind;
  text: string;
  /** Fill colour (hex, no #). */
  fill: string;
  box: Box;
}

export interface MapSlideType {
  /** The name as drawn (cut with "…" to two lines when longer). */
  name: string;
  shortened: boolean;
  box: Box;
  /** Where the name is written (the box but the marks). */
  nameBox: Box;
  marks: MapSlideMark[];
}

export interface MindMapSlide {
  kind: 'mindMap';
  title: string;
  note: string;
  category: { name: string; box: Box };
  types: MapSlideType[];
  /** The brands' numbers over the marks' columns (1, 2, …). */
  heads: { text: string; box: Box }[];
  /** Connectors from the category to each type: from (x1, y1) to (x2, y2). */
  links: { x1: number; y1: number; x2: number; y2: number }[];
}

/** Slide geometry of the map (inches). */
export const MAP_SLIDE = {
  categoryW: 1.8,
  branch: 0.45,
  row: 0.4,
  boxH: 0.34,
  markW: 0.4,
  markH: 0.24,
  markGap: 0.05,
  headH: 0.2,
  /** Most brands on one slide (more: the next slides carry the others). */
  brands: 8,
  /** Up to this many brands, types in two columns. */
  twoColumnsUpTo: 3,
  namePt: FONT.caption,
  markPt: FONT.sub,
} as const;

/** Mark fills by the rounded mean (1 … 5), and for the other kinds (the report's colours). */
const FILL: Record<Exclude<MarkKind, 'score'>, string> & { score: readonly string[] } = {
  score: ['F9D4D2', 'FBE2C6', 'FBF0C0', 'DCEFDC', 'C4E6CD'],
  unscored: 'FFFFFF',
  exists: 'FFFFFF',
  notWalked: 'FFFFFF',
  absent: 'DFE3EA',
};

function markFill(mark: TypeMark): string {
  return mark.kind === 'score'
    ? FILL.score[Math.min(4, Math.max(0, Math.round(mark.mean ?? 1) - 1))]!
    : FILL[mark.kind];
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The map's slides: the types some compared brand walked or was checked for (inventory), by
 * category; none when there are none or no brand is compared. The note says how many types of
 * the catalogue were left out (nobody walked or checked them; the report's map has them all).
 */
export function mindMapSlides(model: ReportModel, locale: Locale): MindMapSlide[] {
  const t = translator(locale);
  const data = mindMapData(model, locale);
  if (data.typeCount === 0 || data.brands.length === 0) return [];
  const labels = reportLabels(model, locale);
  const names = data.brands.map((b) => labels.brandWithRole(b.id));
  const groups = chunk(
    names.map((_, i) => i),
    MAP_SLIDE.brands,
  );
  const top = SLIDE.topWithNote;
  const bodyTop = top + MAP_SLIDE.headH;
  const rows = Math.floor((SLIDE.bottom - bodyTop) / MAP_SLIDE.row);
  const slides: MindMapSlide[] = [];
  for (const group of groups) {
    const columns = group.length <= MAP_SLIDE.twoColumnsUpTo ? 2 : 1;
    const left = SLIDE.margin;
    // One column: category | types. Two: types | category | types (no connector crosses a box).
    const columnW = (CONTENT_WIDTH - MAP_SLIDE.categoryW - columns * MAP_SLIDE.branch) / columns;
    const categoryX = columns === 2 ? left + columnW + MAP_SLIDE.branch : left;
    const columnX = (c: number) =>
      columns === 2 && c === 0 ? left : categoryX + MAP_SLIDE.categoryW + MAP_SLIDE.branch;
    const marksW =
      group.length * MAP_SLIDE.markW + Math.max(0, group.length - 1) * MAP_SLIDE.markGap;
    const nameW = columnW - marksW - 0.22;
    const brandsNote = group.map((i) => `${i + 1} ${names[i]}`).join(', ');
    const leftOut = data.categories.reduce(
      (sum, c) =>
        sum + c.types.filter((x) => group.every((b) => x.marks[b]!.kind === 'notWalked')).length,
      0,
    );
    const note = clipToLines(
      t('slidesMapNote', { brands: brandsNote, n: leftOut }),
      CONTENT_WIDTH,
      FONT.note,
      3,
    );
    for (const category of data.categories) {
      // Only types some brand walked or was checked for (the report's map shows every type).
      const shown = category.types.filter((type) =>
        group.some((b) => type.marks[b]!.kind !== 'notWalked'),
      );
      const pages = chunk(shown, rows * columns);
      pages.forEach((types, page) => {
        // The category cut to one line, leaving room for "(1/2)" when it is paged.
        const paging = pages.length > 1 ? ` (${page + 1}/${pages.length})` : '';
        const title =
          clipToLines(
            t('slidesMap', { category: category.name }),
            CONTENT_WIDTH - (paging ? 0.9 : 0),
            FONT.title,
            1,
            true,
          ) + paging;
        const perColumn = Math.ceil(types.length / columns);
        const placed: MapSlideType[] = types.map((type, k) => {
          const column = Math.floor(k / perColumn);
          const row = k % perColumn;
          const x = columnX(column);
          const y = bodyTop + row * MAP_SLIDE.row;
          const box = { x, y, w: columnW, h: MAP_SLIDE.boxH };
          const name = clipToLines(type.name, nameW, MAP_SLIDE.namePt, 2);
          const marksX = x + columnW - marksW - 0.06;
          return {
            name,
            shortened: name !== type.name.trim(),
            box,
            nameBox: { x: x + 0.06, y, w: nameW, h: MAP_SLIDE.boxH },
            marks: group.map((b, m) => {
              const mark = type.marks[b]!;
              return {
                kind: mark.kind,
                text: markSymbol(mark, locale),
                fill: markFill(mark),
                box: {
                  x: marksX + m * (MAP_SLIDE.markW + MAP_SLIDE.markGap),
                  y: y + (MAP_SLIDE.boxH - MAP_SLIDE.markH) / 2,
                  w: MAP_SLIDE.markW,
                  h: MAP_SLIDE.markH,
                },
              };
            }),
          };
        });
        const span = perColumn * MAP_SLIDE.row - (MAP_SLIDE.row - MAP_SLIDE.boxH);
        const catLines = clipToLines(
          category.name,
          MAP_SLIDE.categoryW - 0.16,
          FONT.table,
          4,
          true,
        );
        const catH = Math.max(0.5, linesHeight(4, FONT.table) * 0.6 + 0.2);
        const catBox = {
          x: categoryX,
          y: bodyTop + span / 2 - catH / 2,
          w: MAP_SLIDE.categoryW,
          h: catH,
        };
        const heads = Array.from({ length: columns }, (_, c) => c)
          .filter((c) => c * perColumn < types.length)
          .flatMap((c) => {
            const marks = placed[c * perColumn]!.marks;
            return marks.map((m, k) => ({
              text: String(group[k]! + 1),
              box: { x: m.box.x, y: top, w: m.box.w, h: MAP_SLIDE.headH },
            }));
          });
        slides.push({
          kind: 'mindMap',
          title,
          note,
          category: { name: catLines, box: catBox },
          types: placed,
          heads,
          links: placed.map((p) => {
            const right = p.box.x > catBox.x;
            return {
              x1: right ? catBox.x + catBox.w : catBox.x,
              y1: catBox.y + catBox.h / 2,
              x2: right ? p.box.x : p.box.x + p.box.w,
              y2: p.box.y + p.box.h / 2,
            };
          }),
        });
      });
    }
  }
  return slides;
}
