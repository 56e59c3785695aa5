/**
 * Draws a touchpoint-map slide's body (./mind-map-slides.ts) with pptxgenjs native shapes: the
 * category box, connectors, type boxes with their names and numbered marks. Editable in
 * PowerPoint, sharp at any size. lib/report/pptx.ts adds the slide and its title first.
 */
import type PptxGenJS from 'pptxgenjs';
import { FONT } from './slide-geometry';
import { MAP_SLIDE, type MindMapSlide } from './mind-map-slides';

type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx['addSlide']>;

const INK = '1F2937';
const MUTED = '6B7280';
const ACCENT = '1D4ED8';

export function drawMindMapBody(
  pptx: Pptx,
  slide: Slide,
  s: MindMapSlide,
  font: { fontFace: string; lang: string },
) {
  for (const l of s.links) {
    // A line box runs from its top left to its bottom right; one going up is flipped.
    slide.addShape(pptx.ShapeType.line, {
      x: Math.min(l.x1, l.x2),
      y: Math.min(l.y1, l.y2),
      w: Math.abs(l.x2 - l.x1),
      h: Math.max(0.001, Math.abs(l.y2 - l.y1)),
      flipV: l.y2 < l.y1 !== l.x2 < l.x1,
      line: { color: '9CA3AF', width: 0.75 },
    });
  }
  slide.addText(s.category.name, {
    ...s.category.box,
    ...font,
    fontSize: FONT.table,
    bold: true,
    color: INK,
    align: 'center',
    valign: 'middle',
    fill: { color: 'DBEAFE' },
    line: { color: ACCENT, width: 1.25 },
    rectRadius: 0.08,
    margin: 4,
  });
  for (const h of s.heads)
    slide.addText(h.text, {
      ...h.box,
      ...font,
      fontSize: MAP_SLIDE.markPt,
      bold: true,
      color: MUTED,
      align: 'center',
      valign: 'bottom',
      margin: 0,
    });
  for (const type of s.types) {
    slide.addShape(pptx.ShapeType.rect, {
      ...type.box,
      fill: { color: 'F7F9FC' },
      line: { color: 'D1D5DB', width: 0.75 },
    });
    slide.addText(type.name, {
      ...type.nameBox,
      ...font,
      fontSize: MAP_SLIDE.namePt,
      color: INK,
      valign: 'middle',
      margin: 0,
      fit: 'none',
    });
    for (const mark of type.marks)
      slide.addText(mark.text, {
        ...mark.box,
        ...font,
        fontSize: MAP_SLIDE.markPt,
        bold: mark.kind === 'score',
        color: mark.kind === 'notWalked' ? MUTED : INK,
        align: 'center',
        valign: 'middle',
        margin: 0,
        fill: { color: mark.fill },
        line: {
          color: mark.kind === 'exists' ? '13795B' : '9CA3AF',
          width: 0.75,
          dashType: mark.kind === 'notWalked' ? 'dash' : 'solid',
        },
      });
  }
}
