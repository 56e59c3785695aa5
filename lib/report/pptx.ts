/**
 * The report's slide plan (./slides.ts) drawn with pptxgenjs as a PowerPoint file (16:9). Pure:
 * the screenshots come in already cropped, scaled and encoded (the page does that, see
 * lib/services/report.ts), so this runs in Node tests too. No network, no remote code; pptxgenjs
 * is loaded when slides are drawn, so the report page does not carry it until then.
 */
import type PptxGenJS from 'pptxgenjs';
import {
  CELL_MARGIN,
  CHART_GAP,
  CONTENT_WIDTH,
  COVER_TEXT_WIDTH,
  FONT,
  SLIDE,
  fitImage,
  imageCrop,
  linesHeight,
  rowHeight,
  stageGrid,
  textLines,
  type BarChart,
  type Box,
  type BulletSlide,
  type ChartSlide,
  type LineChart,
  type SlideCell,
  type SlidePlan,
  type StageSlide,
  type TableSlide,
  type TextSlide,
  type TitleSlide,
  type Tone,
  type TrendSlide,
} from './slides';
import { addStyledLines } from './series-pptx';
import { drawMindMapBody } from './mind-map-pptx';

/** One font family throughout (PowerPoint has it everywhere; LibreOffice uses Liberation Sans). */
const FACE = 'Arial';
const COLOR = {
  text: '1F2937',
  muted: '6B7280',
  accent: '1D4ED8',
  line: 'D1D5DB',
  head: 'F3F4F6',
  own: 'DBEAFE',
  best: 'DCFCE7',
  bestText: '166534',
  behind: 'B91C1C',
  missing: '9CA3AF',
  experience: '2563EB',
  compliance: '059669',
} as const;

/** An image as placed on a slide: a data URL (JPEG from the page), already cropped and scaled down. */
export interface SlideImage {
  data: string;
  width: number;
  height: number;
}

/** The media type of a .pptx file. */
export const PPTX_TYPE =
  'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** Longest side of an image in the file (pixels): sharp on a slide, small in the file. */
export const IMAGE_MAX_PX = 1200;

/**
 * The slide's copy of an image of `width` × `height`: the part shown (its top when very tall,
 * imageCrop) and the size it is drawn at (at most IMAGE_MAX_PX on its longest side).
 */
export function slideImageSize(width: number, height: number) {
  const crop = imageCrop(width, height);
  const scale = Math.min(1, IMAGE_MAX_PX / crop.width, IMAGE_MAX_PX / crop.height);
  return {
    crop,
    width: Math.max(1, Math.round(crop.width * scale)),
    height: Math.max(1, Math.round(crop.height * scale)),
  };
}

// --- Drawing ------------------------------------------------------------------------------------

type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx['addSlide']>;
type TableCell = PptxGenJS.TableCell;

/** The presentation being drawn, and the font and language of its text. */
interface Deck {
  pptx: Pptx;
  font: { fontFace: string; lang: string };
}

const CONTENT_MASTER = 'TPA_CONTENT';
const COVER_MASTER = 'TPA_COVER';

function addTitle(d: Deck, slide: Slide, title: string, note: string | null) {
  slide.addText(title, {
    x: SLIDE.margin,
    y: SLIDE.titleY,
    w: CONTENT_WIDTH,
    h: SLIDE.titleH,
    ...d.font,
    fontSize: FONT.title,
    bold: true,
    color: COLOR.text,
    valign: 'middle',
    margin: 0,
  });
  if (note)
    slide.addText(note, {
      x: SLIDE.margin,
      y: SLIDE.noteY,
      w: CONTENT_WIDTH,
      h: SLIDE.noteH,
      ...d.font,
      fontSize: FONT.note,
      color: COLOR.muted,
      valign: 'top',
      margin: 0,
    });
}

function drawTitle(d: Deck, s: TitleSlide) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: COVER_MASTER });
  const x = SLIDE.margin + 0.3;
  const w = COVER_TEXT_WIDTH;
  slide.addText(s.kicker, {
    x,
    y: 1.2,
    w,
    h: 0.4,
    ...d.font,
    fontSize: FONT.body,
    bold: true,
    color: COLOR.accent,
    margin: 0,
  });
  // The audit's name takes one or two lines; the details follow right under it.
  const titleH = linesHeight(textLines(s.title, w, FONT.cover, true), FONT.cover) + 0.05;
  slide.addText(s.title, {
    x,
    y: 1.65,
    w,
    h: titleH,
    ...d.font,
    fontSize: FONT.cover,
    bold: true,
    color: COLOR.text,
    valign: 'top',
    margin: 0,
  });
  slide.addText(
    s.lines.map((text) => ({ text, options: { breakLine: true, paraSpaceAfter: 4 } })),
    {
      x,
      y: 1.65 + titleH + 0.3,
      w,
      h: 1.6,
      ...d.font,
      fontSize: FONT.body,
      color: COLOR.muted,
      valign: 'top',
      margin: 0,
    },
  );
}

function drawBullets(d: Deck, s: BulletSlide) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, s.note);
  const top = s.note ? SLIDE.topWithNote : SLIDE.top;
  slide.addText(
    s.bullets.map((text) => ({
      text,
      options: { bullet: { indent: 18 }, breakLine: true, paraSpaceAfter: 7 },
    })),
    bodyBox(d, top),
  );
}

/** The body text box of a content slide: from `top` to the bottom margin, body text. */
function bodyBox(d: Deck, top: number) {
  return {
    x: SLIDE.margin,
    y: top,
    w: CONTENT_WIDTH,
    h: SLIDE.bottom - top,
    ...d.font,
    fontSize: FONT.body,
    color: COLOR.text,
    valign: 'top' as const,
    margin: 0,
  };
}

function drawText(d: Deck, s: TextSlide) {
  const slide = d.pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, null);
  slide.addText(
    s.paragraphs.map(({ text, heading }) => ({
      text,
      options: {
        breakLine: true,
        paraSpaceAfter: 7,
        bold: heading,
        color: heading ? COLOR.accent : COLOR.text,
      },
    })),
    bodyBox(d, SLIDE.top),
  );
}

/** The value axis every chart of the deck draws the same way: muted whole numbers, light grid. */
const VALUE_AXIS = {
  valAxisLabelFontFace: FACE,
  valAxisLabelFontSize: FONT.sub,
  valAxisLabelColor: COLOR.muted,
  valAxisLabelFormatCode: '0',
  valGridLine: { color: 'E5E7EB', size: 0.5 },
  catGridLine: { style: 'none' as const },
};

/** Four line charts two by two: each brand's figure wave by wave. */
function drawTrend(d: Deck, s: TrendSlide) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, s.note);
  const top = s.note ? SLIDE.topWithNote : SLIDE.top;
  const gap = 0.15;
  const w = (CONTENT_WIDTH - CHART_GAP) / 2;
  const h = (SLIDE.bottom - top - gap) / 2;
  s.charts.forEach((chart: LineChart, i) => {
    const x = SLIDE.margin + (i % 2) * (w + CHART_GAP);
    const y = top + Math.floor(i / 2) * (h + gap);
    if (chart.noData) {
      placeholder(d, slide, { x, y, w, h }, `${chart.title}\n${chart.noData}`, FONT.caption);
      return;
    }
    // Each brand's line in its report style (colour, dash, marker; the own brand first, in the
    // accent). A wave without a value is written empty and drawn as a gap (displayBlanksAs).
    addStyledLines(slide, pptx.ChartType.line, chart.series, chart.categories, {
      x,
      y,
      w,
      h,
      lang: d.font.lang,
      lineSize: 2,
      lineDataSymbolSize: 6,
      displayBlanksAs: 'gap',
      catAxisLabelFontFace: FACE,
      catAxisLabelFontSize: FONT.sub,
      catAxisLabelColor: COLOR.text,
      valAxisMinVal: chart.min,
      valAxisMaxVal: chart.max,
      valAxisMajorUnit: chart.max <= 10 ? (chart.max <= 5 ? 1 : 2) : 25,
      ...VALUE_AXIS,
      showLegend: true,
      legendPos: 'r',
      legendFontFace: FACE,
      legendFontSize: FONT.sub,
      showTitle: true,
      title: chart.title,
      titleFontFace: FACE,
      titleFontSize: FONT.caption,
      titleColor: COLOR.text,
      altText: chart.title,
    });
  });
}

function toneOptions(tone: Tone | undefined): PptxGenJS.TableCellProps {
  switch (tone) {
    case 'best':
      return { fill: { color: COLOR.best }, color: COLOR.bestText };
    case 'behind':
    case 'overdue':
      return { color: COLOR.behind };
    case 'missing':
      return { color: COLOR.missing, italic: true };
    case 'muted':
      return { color: COLOR.muted };
    default:
      return {};
  }
}

function tableCell(d: Deck, cell: SlideCell, header: boolean): TableCell {
  const { lang } = d.font;
  const options: PptxGenJS.TableCellProps = {
    lang,
    // With a second line, boldness is per run (the cell's would make both bold).
    bold: Boolean(cell.bold) && !cell.sub,
    ...(header ? { fill: { color: COLOR.head } } : {}),
    ...toneOptions(cell.tone),
  };
  if (!cell.sub) return { text: cell.text, options };
  return {
    text: [
      { text: cell.text, options: { lang, bold: Boolean(cell.bold), breakLine: true } },
      {
        text: cell.sub,
        options: {
          lang,
          bold: false,
          fontSize: FONT.sub,
          color: cell.tone === 'overdue' ? COLOR.behind : COLOR.muted,
        },
      },
    ],
    options,
  };
}

function drawTable(d: Deck, s: TableSlide) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, s.note);
  const rows = [s.header, ...s.rows];
  slide.addTable(
    rows.map((row, i) => row.map((cell) => tableCell(d, cell, i === 0))),
    {
      x: SLIDE.margin,
      y: s.note ? SLIDE.topWithNote : SLIDE.top,
      w: CONTENT_WIDTH,
      colW: s.widths,
      rowH: rows.map((row) => rowHeight(row, s.widths)),
      ...d.font,
      fontSize: FONT.table,
      color: COLOR.text,
      valign: 'top',
      margin: [...CELL_MARGIN],
      border: { type: 'solid', pt: 0.75, color: COLOR.line },
    },
  );
}

function drawCharts(d: Deck, s: ChartSlide) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, s.note);
  const top = s.note ? SLIDE.topWithNote : SLIDE.top;
  const w = (CONTENT_WIDTH - CHART_GAP * (s.charts.length - 1)) / s.charts.length;
  s.charts.forEach((chart: BarChart, i) => {
    const x = SLIDE.margin + i * (w + CHART_GAP);
    const noDataH = chart.noData ? linesHeight(2, FONT.caption) + 0.1 : 0;
    // Bars of a sensible thickness: a few journeys do not fill the whole slide.
    const h = Math.min(SLIDE.bottom - top - noDataH, 1.2 + 0.45 * chart.slots);
    if (!chart.values.length) {
      placeholder(
        d,
        slide,
        { x, y: top, w, h },
        `${chart.title}\n${chart.noData ?? ''}`,
        FONT.caption,
      );
      return;
    }
    slide.addChart(
      pptx.ChartType.bar,
      // A bar chart lists its categories bottom up: reversed, the first journey is on top.
      [
        {
          name: chart.title,
          labels: [...chart.labels].reverse(),
          values: [...chart.values].reverse(),
        },
      ],
      {
        x,
        y: top,
        w,
        h,
        barDir: 'bar',
        lang: d.font.lang,
        barGapWidthPct: 70,
        chartColors: [i === 0 ? COLOR.experience : COLOR.compliance],
        catAxisLabelFontFace: FACE,
        catAxisLabelFontSize: FONT.caption,
        catAxisLabelColor: COLOR.text,
        valAxisMinVal: 0,
        valAxisMaxVal: chart.max,
        valAxisMajorUnit: chart.max <= 5 ? 1 : 20,
        ...VALUE_AXIS,
        showValue: true,
        dataLabelPosition: 'outEnd',
        dataLabelFontFace: FACE,
        dataLabelFontSize: FONT.caption,
        dataLabelColor: COLOR.text,
        dataLabelFormatCode: `${chart.digits ? `0.${'0'.repeat(chart.digits)}` : '0'}${chart.unit ? `"${chart.unit}"` : ''}`,
        showLegend: false,
        showTitle: true,
        title: chart.title,
        titleFontFace: FACE,
        titleFontSize: 12,
        titleColor: COLOR.text,
        altText: chart.title,
      },
    );
    if (chart.noData)
      slide.addText(chart.noData, {
        x,
        y: top + h + 0.05,
        w,
        h: noDataH - 0.05,
        ...d.font,
        fontSize: FONT.caption,
        italic: true,
        color: COLOR.muted,
        valign: 'top',
        margin: 0,
      });
  });
}

function drawStage(d: Deck, s: StageSlide, images: ReadonlyMap<string, SlideImage>) {
  const { pptx } = d;
  const slide = pptx.addSlide({ masterName: CONTENT_MASTER });
  addTitle(d, slide, s.title, s.note);
  const grid = stageGrid(s.columns.length, s.perJourney, s.aspect);
  s.columns.forEach((column, c) => {
    slide.addText(column.heading, {
      ...grid.headings[c]!,
      ...d.font,
      fontSize: FONT.table,
      bold: true,
      color: column.own ? COLOR.accent : COLOR.text,
      fill: { color: column.own ? COLOR.own : COLOR.head },
      valign: 'middle',
      margin: [0, 6, 0, 6],
    });
    column.cells.forEach((cell, k) => {
      const box = grid.images[c]![k]!;
      if (cell.kind === 'missing') {
        // The brand has no step here: the box spans its column.
        placeholder(d, slide, { ...box, w: grid.headings[c]!.w }, cell.text, FONT.body);
        return;
      }
      const image = cell.shot ? images.get(cell.shot.id) : undefined;
      if (image) {
        const at = fitImage(box, image.width, image.height);
        slide.addShape(pptx.ShapeType.rect, {
          ...at,
          fill: { color: 'FFFFFF' },
          line: { color: COLOR.line, width: 0.75 },
        });
        slide.addImage({ data: image.data, ...at, altText: cell.alt });
      } else {
        placeholder(d, slide, box, s.noShot, FONT.caption);
      }
      slide.addText(
        [
          { text: cell.caption, options: { bold: true, breakLine: true } },
          ...[...(cell.walk ? [cell.walk] : []), cell.detail, cell.where].map((text) => ({
            text,
            options: { fontSize: FONT.sub, color: COLOR.muted, breakLine: true },
          })),
          { text: cell.when, options: { fontSize: FONT.sub, color: COLOR.muted } },
        ],
        {
          ...grid.captions[c]![k]!,
          ...d.font,
          fontSize: FONT.caption,
          color: COLOR.text,
          valign: 'top',
          margin: 0,
        },
      );
    });
  });
}

/** A dashed box with a word in it: a brand with no step in the stage, a step with no image. */
function placeholder(d: Deck, slide: Slide, box: Box, text: string, fontSize: number) {
  slide.addText(text, {
    ...box,
    ...d.font,
    fontSize,
    italic: true,
    color: COLOR.missing,
    align: 'center',
    valign: 'middle',
    fill: { color: 'F9FAFB' },
    line: { color: COLOR.line, width: 0.75, dashType: 'dash' },
  });
}

/** Draws `plan` with pptxgenjs (loaded on first use) and returns the .pptx bytes. */
export async function renderSlides(
  plan: SlidePlan,
  images: ReadonlyMap<string, SlideImage>,
): Promise<ArrayBuffer> {
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = new Pptx();
  const deck: Deck = {
    pptx,
    // The text's language: PowerPoint spell-checks Russian slides as Russian.
    font: { fontFace: FACE, lang: plan.locale === 'ru' ? 'ru-RU' : 'en-GB' },
  };
  pptx.layout = 'LAYOUT_16x9';
  pptx.author = 'Touchpoint Audit';
  pptx.company = '';
  pptx.title = plan.slides[0]?.title ?? '';
  pptx.theme = { headFontFace: FACE, bodyFontFace: FACE };
  pptx.defineSlideMaster({
    title: COVER_MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      { rect: { x: SLIDE.margin, y: 1.2, w: 0.08, h: 3.4, fill: { color: COLOR.accent } } },
    ],
  });
  pptx.defineSlideMaster({
    title: CONTENT_MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      {
        line: {
          x: SLIDE.margin,
          y: SLIDE.footerY - 0.04,
          w: CONTENT_WIDTH,
          h: 0,
          line: { color: COLOR.line, width: 0.75 },
        },
      },
      {
        text: {
          text: plan.footer,
          options: {
            x: SLIDE.margin,
            y: SLIDE.footerY,
            w: CONTENT_WIDTH - 1.2,
            h: SLIDE.footerH,
            ...deck.font,
            fontSize: FONT.footer,
            color: COLOR.muted,
            valign: 'middle',
            margin: 0,
          },
        },
      },
    ],
    slideNumber: {
      x: SLIDE.width - SLIDE.margin - 1,
      y: SLIDE.footerY,
      w: 1,
      h: SLIDE.footerH,
      ...deck.font,
      fontSize: FONT.footer,
      color: COLOR.muted,
      align: 'right',
      valign: 'middle',
      margin: 0,
    },
  });
  for (const slide of plan.slides) {
    switch (slide.kind) {
      case 'title':
        drawTitle(deck, slide);
        break;
      case 'bullets':
        drawBullets(deck, slide);
        break;
      case 'text':
        drawText(deck, slide);
        break;
      case 'trend':
        drawTrend(deck, slide);
        break;
      case 'table':
        drawTable(deck, slide);
        break;
      case 'charts':
        drawCharts(deck, slide);
        break;
      case 'stage':
        drawStage(deck, slide, images);
        break;
      case 'mindMap': {
        const page = deck.pptx.addSlide({ masterName: CONTENT_MASTER });
        addTitle(deck, page, slide.title, slide.note);
        drawMindMapBody(deck.pptx, page, slide, deck.font);
        break;
      }
    }
  }
  return (await pptx.write({ outputType: 'arraybuffer', compression: true })) as ArrayBuffer;
}
