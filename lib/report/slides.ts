/**
 * The report as a slide deck, planned (pure): which slides, their titles, table rows, chart values
 * and the screenshots to place, worded in the report's language and paged so that nothing
 * overflows a 16:9 slide (long tables and lists continue on the next slide, titled "(2/3)").
 * lib/report/pptx.ts draws the plan with pptxgenjs; the geometry both use is here.
 */
import { formatDate, formatDateTime, formatNumber, translator, type Translate } from '../i18n';
import type { ReportSection } from '../model';
import { channelLabel, stageLabel, statusLabel, type Locale } from '../taxonomy';
import { fileStem } from './files';
import { LABEL_SEPARATOR } from './labels';
import type { PlanItem, ReportBrand, ReportModel, ReportStep } from './model';
import { segmentTable, segmentsWorthShowing, type SegmentDimension } from './segments';
import { statusScorecards } from './status';
import { findings, leagueTable, stageScorecards, type StageScorecard } from './summary';
import { touchesTables } from './touches-slides';
import { inventoryTable } from './inventory-slides';
import { mindMapSlides, type MindMapSlide } from './mind-map-slides';
import { ownersTables } from './owners-slides';
import { blindSpotsTable, funnelTable } from './blind-spots-slides';
import {
  TREND_CHART_WAVES,
  TREND_METRICS,
  TREND_RANGE,
  waveTrend,
  type TrendMetric,
} from './trend';
import {
  findingWords,
  measureText,
  percentText,
  periodText,
  reportLabels,
  standardsMetText,
} from './words';

export * from './slide-geometry';
import {
  CELL_MARGIN,
  CONTENT_WIDTH,
  COVER_TEXT_WIDTH,
  FONT,
  MAX_CELL_LINES,
  SLIDE,
  clipToLines,
  linesHeight,
  textLines,
  type Box,
} from './slide-geometry';

// --- The plan -------------------------------------------------------------------------------------

/** How a cell stands out: the stage's winner, our gap, a missing step, a side remark, overdue. */
export type Tone = 'best' | 'behind' | 'missing' | 'muted' | 'overdue';

export interface SlideCell {
  text: string;
  /** A second, smaller line (e.g. "overdue", "abandoned: ranked after the others"). */
  sub?: string;
  bold?: boolean;
  tone?: Tone;
  /** Cut to this many lines (else MAX_CELL_LINES), e.g. a brand's name in a header. */
  maxLines?: number;
}

export interface TitleSlide {
  kind: 'title';
  kicker: string;
  title: string;
  lines: string[];
}

export interface BulletSlide {
  kind: 'bullets';
  title: string;
  note: string | null;
  bullets: string[];
}

export interface TableSlide {
  kind: 'table';
  title: string;
  note: string | null;
  /** Column widths in inches (they add up to the content width). */
  widths: number[];
  header: SlideCell[];
  rows: SlideCell[][];
}

/** A horizontal bar chart: one bar per brand. */
export interface BarChart {
  title: string;
  /** The top of the value axis. */
  max: number;
  /** Digits after the decimal point of the printed values. */
  digits: number;
  /** Printed after each value ('' or ' %'). */
  unit: string;
  /** The brands that have a value, and their values. */
  labels: string[];
  values: number[];
  /** "no data: Brand, Brand" for the brands left out (null: none was). */
  noData: string | null;
  /** How many brands the slide compares (both charts are as tall as that many bars need). */
  slots: number;
}

export interface ChartSlide {
  kind: 'charts';
  title: string;
  note: string | null;
  charts: BarChart[];
}

/** Paragraphs of the consultant's own words, under headings ("Conclusions", …). */
export interface TextSlide {
  kind: 'text';
  title: string;
  paragraphs: { text: string; heading: boolean }[];
}

/** A line chart: one line per brand across the waves (null: a gap). */
export interface LineChart {
  title: string;
  min: number;
  max: number;
  /** The waves, in order. */
  categories: string[];
  series: { name: string; own: boolean; values: (number | null)[] }[];
  /** "no data" when no brand has a value in any wave (the chart is then a placeholder). */
  noData: string | null;
}

/** Each brand's trend over three or more waves: four small line charts, two by two. */
export interface TrendSlide {
  kind: 'trend';
  title: string;
  note: string | null;
  charts: LineChart[];
}

export type StageCell =
  | {
      kind: 'step';
      /** The step's first screenshot (null: the step has none, e.g. an offline contact). */
      shot: { id: string; width: number; height: number } | null;
      caption: string;
      /** What tells the step's walk apart when its brand has several in the wave (else ''). */
      walk: string;
      detail: string;
      /** Where: the page's address (cut to one line) or "offline contact". */
      where: string;
      /** When: the capture time (the step's time when it has no image). */
      when: string;
      alt: string;
    }
  | { kind: 'missing'; text: string };

export interface StageColumn {
  heading: string;
  own: boolean;
  /** At most the slide's `perJourney` cells, left to right. */
  cells: StageCell[];
}

/**
 * One lifecycle stage: each brand's steps in it (its walks in the wave), side by side in one row
 * of at most STAGE_CELLS images (a brand with more steps continues on the next slide).
 */
export interface StageSlide {
  kind: 'stage';
  title: string;
  note: string | null;
  /** Places for steps under each brand's heading. */
  perJourney: number;
  /** The tallest image's height / width (after cropping), so the row is no taller than needed. */
  aspect: number;
  columns: StageColumn[];
  /** Shown in place of a step's image when it has none. */
  noShot: string;
}

export type Slide =
  | TitleSlide
  | BulletSlide
  | TextSlide
  | TableSlide
  | ChartSlide
  | TrendSlide
  | StageSlide
  | MindMapSlide;

export interface SlidePlan {
  locale: Locale;
  fileName: string;
  /** Shown at the foot of every slide but the first. */
  footer: string;
  slides: Slide[];
}

/** Most rows of a table on one slide (fewer when the text wraps). */
export const MAX_TABLE_ROWS = 9;
/** Most images on a stage slide (so each is at least about 2 inches wide). */
export const STAGE_CELLS = 4;
/** Most brands in one scorecard (or segments) table, in one chart. */
export const SCORECARD_BRANDS = 3;
export const CHART_BRANDS = 10;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}

/** "Title (2/3)" for a slide continued from the previous one; a title never takes two lines. */
function paged(title: string, page: number, pages: number): string {
  const suffix = pages > 1 ? ` (${page + 1}/${pages})` : '';
  return `${clipToLines(title, CONTENT_WIDTH - (suffix ? 1.1 : 0), FONT.title, 1, true)}${suffix}`;
}

function cellLines(cell: SlideCell, widthIn: number): number {
  const inner = widthIn - CELL_MARGIN[1] - CELL_MARGIN[3];
  return (
    textLines(cell.text, inner, FONT.table, cell.bold) +
    (cell.sub ? (textLines(cell.sub, inner, FONT.sub) * FONT.sub) / FONT.table : 0)
  );
}

/** A row's height on the slide (inches): its tallest cell. */
export function rowHeight(row: readonly SlideCell[], widths: readonly number[]): number {
  const lines = Math.max(1, ...row.map((cell, i) => cellLines(cell, widths[i] ?? 1)));
  return linesHeight(lines, FONT.table) + CELL_MARGIN[0] + CELL_MARGIN[2] + 0.02;
}

/** Cuts each cell's text to MAX_CELL_LINES lines of its column. */
function clipRow(row: SlideCell[], widths: readonly number[]): SlideCell[] {
  return row.map((cell, i) => {
    const inner = (widths[i] ?? 1) - CELL_MARGIN[1] - CELL_MARGIN[3];
    return {
      ...cell,
      text: clipToLines(cell.text, inner, FONT.table, cell.maxLines ?? MAX_CELL_LINES, cell.bold),
      ...(cell.sub ? { sub: clipToLines(cell.sub, inner, FONT.sub, 2) } : {}),
    };
  });
}

/**
 * Splits a table's rows over slides: the header on each, then as many rows as fit between `top`
 * and the bottom of the slide (at most MAX_TABLE_ROWS, at least one).
 */
export function pageTable(
  header: SlideCell[],
  rows: SlideCell[][],
  widths: readonly number[],
  top: number,
): SlideCell[][][] {
  const room = SLIDE.bottom - top - rowHeight(header, widths);
  const pages: SlideCell[][][] = [];
  let page: SlideCell[][] = [];
  let used = 0;
  for (const row of rows) {
    const height = rowHeight(row, widths);
    if (page.length && (used + height > room || page.length >= MAX_TABLE_ROWS)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(row);
    used += height;
  }
  if (page.length || !pages.length) pages.push(page);
  return pages;
}

/** Height (inches) of one bullet: its lines plus the space after it. */
export function bulletHeight(text: string): number {
  return linesHeight(textLines(text, CONTENT_WIDTH - 0.35, FONT.body), FONT.body) + 0.1;
}

function pageBullets(bullets: string[], top: number): string[][] {
  const room = SLIDE.bottom - top;
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const bullet of bullets) {
    const height = bulletHeight(bullet);
    if (page.length && used + height > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(bullet);
    used += height;
  }
  if (page.length || !pages.length) pages.push(page);
  return pages;
}

function tableSlides(
  title: string,
  note: string | null,
  widths: number[],
  header: SlideCell[],
  rows: SlideCell[][],
): TableSlide[] {
  const clipped = rows.map((row) => clipRow(row, widths));
  const said = note && clipToLines(note, CONTENT_WIDTH, FONT.note, 3);
  const head = clipRow(header, widths);
  const pages = pageTable(head, clipped, widths, said ? SLIDE.topWithNote : SLIDE.top);
  return pages.map((page, i) => ({
    kind: 'table',
    title: paged(title, i, pages.length),
    note: said || null,
    widths,
    header: head,
    rows: page,
  }));
}

/** Widths (inches) from relative weights, adding up to the content width. */
function widthsOf(weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round((CONTENT_WIDTH * w * 1000) / sum) / 1000);
}

// --- Words ----------------------------------------------------------------------------------------

/** A compared brand as a column or row heading: "Brightline (own) · n = 2". */
function brandHeading(
  model: ReportModel,
  brand: ReportBrand,
  locale: Locale,
  t: Translate,
): string {
  return t('slidesBrandN', {
    brand: reportLabels(model, locale).brandWithRole(brand.id),
    n: brand.walks.length,
  });
}

/** What goes into the slides: the report's sections the auditor did not leave out. */
function shows(model: ReportModel, section: ReportSection): boolean {
  return !model.settings.hidden.includes(section);
}

// --- Slides ---------------------------------------------------------------------------------------

function titleSlide(model: ReportModel, locale: Locale, t: Translate): TitleSlide {
  const lines = [
    ...(model.audit.client ? [t('slidesClient', { client: model.audit.client })] : []),
    ...(model.wave
      ? [t('slidesWave', { wave: model.wave.name, period: periodText(model.wave, locale) })]
      : []),
    t('slidesDate', { date: formatDate(model.generatedAt, locale) }),
    ...(model.brands.length
      ? [
          t('slidesCompared', {
            brands: model.brands.map((b) => brandHeading(model, b, locale, t)).join(', '),
          }),
        ]
      : []),
  ];
  const width = COVER_TEXT_WIDTH;
  return {
    kind: 'title',
    kicker: t('reportTitle'),
    title: clipToLines(model.audit.name, width, FONT.cover, 2, true),
    lines: lines.map((line) => clipToLines(line, width, FONT.body, 2)),
  };
}

function summarySlides(model: ReportModel, locale: Locale, t: Translate): BulletSlide[] {
  const cards = stageScorecards(model);
  const bullets = findings(model, cards).map((f) =>
    clipToLines(findingWords(f, model, locale), CONTENT_WIDTH - 0.35, FONT.body, 4),
  );
  const pages = pageBullets(bullets.length ? bullets : [t('summaryNone')], SLIDE.top);
  return pages.map((page, i) => ({
    kind: 'bullets',
    title: paged(t('summaryTitle'), i, pages.length),
    note: null,
    bullets: page,
  }));
}

/** Height (inches) of a paragraph of the consultant's words, or of a heading, with its space. */
export function paragraphHeight(text: string, heading: boolean): number {
  return linesHeight(textLines(text, CONTENT_WIDTH, FONT.body, heading), FONT.body) + 0.1;
}

/** Splits a paragraph too long for one slide into pieces that each fit (at word boundaries). */
function splitParagraph(text: string, room: number): string[] {
  if (paragraphHeight(text, false) <= room) return [text];
  const pieces: string[] = [];
  let piece = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = piece ? `${piece} ${word}` : word;
    if (piece && paragraphHeight(next, false) > room) {
      pieces.push(piece);
      piece = word;
    } else piece = next;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * The consultant's conclusions and recommendations (the report's own words, whole: a long text
 * continues on the next slides, a heading never ends a slide); none when both are empty.
 */
function conclusionSlides(model: ReportModel, t: Translate): TextSlide[] {
  const room = SLIDE.bottom - SLIDE.top;
  const items = (
    [
      [t('summaryConclusions'), model.settings.conclusions],
      [t('summaryRecommendations'), model.settings.recommendations],
    ] as const
  ).flatMap(([heading, text]) => {
    const paragraphs = text
      .split(/\n\s*\n|\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (!paragraphs.length) return [];
    return [
      { text: heading, heading: true },
      ...paragraphs
        .flatMap((p) => splitParagraph(p, room - paragraphHeight(heading, true)))
        .map((p) => ({ text: p, heading: false })),
    ];
  });
  if (!items.length) return [];
  const pages: TextSlide['paragraphs'][] = [];
  let page: TextSlide['paragraphs'] = [];
  let used = 0;
  items.forEach((item, i) => {
    // A heading takes its first paragraph with it onto the next slide.
    const next = items[i + 1];
    const needs =
      paragraphHeight(item.text, item.heading) +
      (item.heading && next ? paragraphHeight(next.text, false) : 0);
    if (page.length && used + needs > room) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(item);
    used += paragraphHeight(item.text, item.heading);
  });
  if (page.length) pages.push(page);
  return pages.map((paragraphs, i) => ({
    kind: 'text',
    title: paged(t('slidesConclusions'), i, pages.length),
    paragraphs,
  }));
}

function scorecardSlides(model: ReportModel, locale: Locale, t: Translate): TableSlide[] {
  const cards = stageScorecards(model);
  if (!model.brands.length || !cards.length) return [];
  const labels = reportLabels(model, locale);
  const num = (v: number | null) => (v === null ? '—' : formatNumber(v, locale));
  const groups = chunk(
    model.brands.map((_, i) => i),
    SCORECARD_BRANDS,
  );
  const slides = groups.flatMap((group) => {
    const widths = widthsOf([1.6, ...group.map(() => 4.6 / group.length), 1.6, 1.2]);
    const header: SlideCell[] = [
      { text: t('stage'), bold: true },
      ...group.map((i) => ({
        text: brandHeading(model, model.brands[i]!, locale, t),
        bold: true,
        maxLines: 3,
      })),
      { text: t('scorecardWinner'), bold: true },
      { text: t('scorecardGap'), bold: true },
    ];
    const row = (card: StageScorecard, label: string): SlideCell[] => [
      { text: label, bold: true },
      ...group.map((i): SlideCell => {
        const s = card.scores[i]!;
        if (s.steps === 0) return { text: t('missingTouchpoint'), tone: 'missing' };
        const parts = [
          `${t('scoreExperience')} ${num(s.experience)}`,
          ...(s.compliance === null
            ? []
            : [`${t('reportCompliance')} ${percentText(s.compliance, locale)}`]),
          ...(s.standards.measured
            ? [`${t('reportStandardsMet')} ${standardsMetText(s.standards)}`]
            : []),
        ];
        return {
          text: num(s.weighted),
          sub: parts.join(' · '),
          bold: true,
          ...(s.brandId === card.winnerId ? { tone: 'best' as const } : {}),
        };
      }),
      {
        text: card.winnerId ? labels.brandWithRole(card.winnerId) : '—',
        maxLines: 3,
      },
      card.ownGap === null
        ? { text: '—' }
        : card.ownGap > 0
          ? {
              text: t('scorecardBehind', { gap: formatNumber(card.ownGap, locale) }),
              tone: 'behind',
            }
          : { text: t('scorecardAhead', { gap: formatNumber(-card.ownGap, locale) }) },
    ];
    // The stages under the customer's status, each status with a subtotal when it has two stages.
    const rows = statusScorecards(model, cards).flatMap(({ status, cards: here, subtotal }) => {
      const name = statusLabel(status, locale);
      return [
        [
          { text: name, bold: true, tone: 'muted' as const },
          ...header.slice(1).map(() => ({ text: '' })),
        ],
        ...here.map((card) => row(card, stageLabel(card.stage, locale))),
        ...(here.length > 1 ? [row(subtotal, t('statusSubtotal', { status: name }))] : []),
      ];
    });
    return tableSlides(t('scorecardTitle'), t('slidesScorecardNote'), widths, header, rows);
  });
  return renumber(slides, t('scorecardTitle'));
}

/** Titles "(n/N)" over every slide of a section (pages of several tables, e.g. brand groups). */
function renumber<S extends { title: string }>(slides: S[], title: string): S[] {
  return slides.map((s, i) => ({ ...s, title: paged(title, i, slides.length) }));
}

/** How a brand's walks stopped short, in words: "abandoned", "abandoned, blocked". */
function stoppedText(brand: ReportBrand, t: Translate): string {
  const { abandoned, blocked } = brand.outcomes;
  return [
    ...(abandoned ? [t('outcome_abandoned')] : []),
    ...(blocked ? [t('outcome_blocked')] : []),
  ].join(', ');
}

function leagueSlides(model: ReportModel, locale: Locale, t: Translate): TableSlide[] {
  const rows = leagueTable(model);
  if (rows.length < 2) return [];
  const byId = new Map(model.brands.map((b) => [b.id, b]));
  const pct = (v: number | null) => percentText(v, locale);
  const widths = widthsOf([0.7, 2.2, 1.0, 1.3, 1.3, 1.25, 1.25]);
  const header: SlideCell[] = [
    t('leagueRank'),
    t('brand'),
    t('leagueScore'),
    t('kpiAverageExperience'),
    t('reportCompliance'),
    t('reportStandardsMet'),
    t('kpiFinalLikelihood'),
  ].map((text) => ({ text, bold: true }));
  const body = rows.map((row): SlideCell[] => {
    const brand = byId.get(row.brandId)!;
    return [
      { text: String(row.rank) },
      {
        text: brandHeading(model, brand, locale, t),
        bold: true,
        maxLines: 3,
        ...(row.stopped ? { sub: t('leagueStopped', { outcome: stoppedText(brand, t) }) } : {}),
      },
      { text: pct(row.score), bold: true, ...(row.rank === 1 ? { tone: 'best' as const } : {}) },
      { text: pct(row.parts.experience) },
      { text: pct(row.parts.compliance) },
      { text: pct(row.parts.standards) },
      { text: pct(row.parts.likelihood) },
    ];
  });
  const note = clipToLines(t('leagueExplained'), CONTENT_WIDTH, FONT.note, 3);
  return tableSlides(t('leagueTitle'), note, widths, header, body);
}

/** Space between the two charts of the key figures slide (inches). */
export const CHART_GAP = 0.3;

function keyFigureSlides(model: ReportModel, locale: Locale, t: Translate): ChartSlide[] {
  if (!model.brands.length) return [];
  const labels = reportLabels(model, locale);
  const groups = chunk(model.brands, CHART_BRANDS);
  const width = (CONTENT_WIDTH - CHART_GAP) / 2;
  // "Brightline · n = 2": the name cut to fit, the n always shown.
  const label = (b: ReportBrand) =>
    t('slidesBrandN', {
      brand: clipToLines(labels.brand(b.id), 1.6, FONT.caption, 1),
      n: b.walks.length,
    });
  return groups.map((group, i) => {
    const chart = (
      title: string,
      max: number,
      digits: number,
      unit: string,
      value: (b: ReportBrand) => number | null,
    ): BarChart => {
      const measured = group.filter((b) => value(b) !== null);
      const without = group.filter((b) => value(b) === null).map((b) => labels.brand(b.id));
      return {
        title,
        max,
        digits,
        unit,
        labels: measured.map(label),
        values: measured.map((b) => value(b)!),
        noData: without.length
          ? clipToLines(`${t('chartNoValue')}: ${without.join(', ')}`, width, FONT.caption, 2)
          : null,
        slots: group.length,
      };
    };
    return {
      kind: 'charts',
      title: paged(t('slidesKeyFigures'), i, groups.length),
      note: t('slidesKeyFiguresNote'),
      charts: [
        chart(t('chartKpi_experience'), 5, 1, '', (b) => b.kpis.averageExperience),
        chart(t('chartKpi_compliance'), 100, 0, ' %', (b) => b.compliance.percent),
      ],
    };
  });
}

/** "3.5", "80 %", "3/4", or "—": a figure of the waves table. */
function figure(value: number | null, locale: Locale): string {
  return value === null ? '—' : formatNumber(value, locale);
}

/**
 * Waves over time (the report's trend section): each brand's experience, compliance,
 * standards met and likelihood to choose in every wave of the history (a table, brand by brand),
 * and with three or more waves a line chart of each figure. None with a single wave.
 */
function waveSlides(model: ReportModel, locale: Locale, t: Translate): (TableSlide | TrendSlide)[] {
  if (model.history.length < 2) return [];
  const trend = waveTrend(model);
  const labels = reportLabels(model, locale);
  const widths = widthsOf([2.2, 1.6, 0.6, 1.2, 1.3, 1.1, 1.3]);
  const header: SlideCell[] = [
    t('brand'),
    t('wave'),
    'n',
    t('kpiAverageExperience'),
    t('reportCompliance'),
    t('reportStandardsMet'),
    t('kpiFinalLikelihood'),
  ].map((text) => ({ text, bold: true }));
  const rows = trend.brands.flatMap((b) =>
    trend.waves.map((wave, w): SlideCell[] => {
      const point = b.points[w];
      const standards = model.history[w]!.brands.find((x) => x.id === b.brandId)?.standards;
      const head: SlideCell[] = [
        { text: labels.brandWithRole(b.brandId), bold: true, maxLines: 3 },
        { text: wave.name, sub: periodText(wave, locale), maxLines: 2 },
      ];
      if (!point)
        return [
          ...head,
          { text: '0' },
          { text: t('slidesWaveNotWalked'), tone: 'missing' },
          { text: '' },
          { text: '' },
          { text: '' },
        ];
      return [
        ...head,
        { text: String(point.walks) },
        { text: figure(point.experience, locale), bold: true },
        { text: percentText(point.compliance, locale) },
        { text: standards ? standardsMetText(standards) : '—' },
        { text: figure(point.likelihood, locale) },
      ];
    }),
  );
  const table = tableSlides(t('slidesWaves'), t('slidesWavesNote'), widths, header, rows);
  if (trend.waves.length < TREND_CHART_WAVES) return table;
  const categories = trend.waves.map((w) => clipToLines(w.name, 1.2, FONT.sub, 1));
  const line = (metric: TrendMetric): LineChart => {
    const series = trend.brands.map((b) => ({
      name: clipToLines(labels.brand(b.brandId), 1.6, FONT.sub, 1),
      own: b.brand.role === 'own',
      values: b.points.map((p) => p?.[metric] ?? null),
    }));
    return {
      title: t(`slidesTrend_${metric}`),
      min: TREND_RANGE[metric][0],
      max: TREND_RANGE[metric][1],
      categories,
      series,
      noData: series.some((s) => s.values.some((v) => v !== null)) ? null : t('chartNoValue'),
    };
  };
  return [
    ...table,
    {
      kind: 'trend',
      title: paged(t('slidesTrend'), 0, 1),
      note: t('slidesTrendNote'),
      charts: TREND_METRICS.map(line),
    },
  ];
}

/** A segment's name: the persona ("no persona" for walks without one) or the entry channel. */
function segmentName(
  segment: string,
  dimension: SegmentDimension,
  locale: Locale,
  t: Translate,
  method?: ReportModel['method'],
) {
  return dimension === 'persona'
    ? segment || t('labelNoPersona')
    : channelLabel(segment, locale, method);
}

/**
 * The segments the compared wave's walks were in: persona × brand and entry channel × brand (each
 * when there are two or more segments), each brand's walks there pooled; then every segment a
 * brand was not walked in, named ("Entry by “Phone” not walked for our brand.").
 */
function segmentSlides(
  model: ReportModel,
  locale: Locale,
  t: Translate,
): (TableSlide | BulletSlide)[] {
  const labels = reportLabels(model, locale);
  const tables = (['persona', 'entryChannel'] as const)
    .map((dimension) => segmentTable(model, dimension))
    .filter(segmentsWorthShowing);
  const slides = tables.flatMap((table): TableSlide[] => {
    const title = t(
      table.dimension === 'persona' ? 'slidesSegmentsPersona' : 'slidesSegmentsChannel',
    );
    const groups = chunk(
      table.brands.map((_, i) => i),
      SCORECARD_BRANDS,
    );
    const pages = groups.flatMap((group) => {
      const widths = widthsOf([1.8, ...group.map(() => 7.2 / group.length)]);
      const header: SlideCell[] = [
        { text: t(table.dimension === 'persona' ? 'persona' : 'entryChannel'), bold: true },
        ...group.map((i) => ({
          text: labels.brandWithRole(table.brands[i]!.id),
          bold: true,
          maxLines: 3,
        })),
      ];
      const rows = table.rows.map((row): SlideCell[] => [
        {
          text: segmentName(row.segment, table.dimension, locale, t, model.method),
          bold: true,
          maxLines: 3,
        },
        ...group.map((i): SlideCell => {
          const cell = row.cells[i];
          if (!cell) return { text: t('slidesWaveNotWalked'), tone: 'missing' };
          return {
            text: figure(cell.experience, locale),
            bold: true,
            sub: [
              `n = ${cell.walks}`,
              `${t('reportCompliance')} ${percentText(cell.compliance, locale)}`,
              t('slidesSegmentTouches', { n: cell.touches }),
              t('slidesSegmentReached', { reached: cell.outcomes.reached, n: cell.walks }),
            ].join(' · '),
          };
        }),
      ]);
      return tableSlides(title, t('slidesSegmentsNote'), widths, header, rows);
    });
    return renumber(pages, title);
  });
  const gaps = tables.flatMap((table) =>
    table.gaps.map((gap) => {
      const name = segmentName(gap.segment, table.dimension, locale, t, model.method);
      const brand = labels.brandWithRole(gap.brandId);
      return table.dimension === 'persona'
        ? gap.own
          ? t('slidesGapPersonaOwn', { persona: name })
          : t('slidesGapPersona', { persona: name, brand })
        : gap.own
          ? t('slidesGapChannelOwn', { channel: name })
          : t('slidesGapChannel', { channel: name, brand });
    }),
  );
  if (!gaps.length) return slides;
  const pages = pageBullets(
    gaps.map((g) => clipToLines(g, CONTENT_WIDTH - 0.35, FONT.body, 4)),
    SLIDE.top,
  );
  return [
    ...slides,
    ...pages.map(
      (bullets, i): BulletSlide => ({
        kind: 'bullets',
        title: paged(t('slidesSegmentGaps'), i, pages.length),
        note: null,
        bullets,
      }),
    ),
  ];
}

// Stage slides: one row of images, grouped by journey under its heading.

/** Where a stage slide's headings, images and captions go. */
export interface StageGrid {
  headings: Box[];
  /** [journey][place] */
  images: Box[][];
  captions: Box[][];
}

const HEADING_H = 0.34;
/** Between journeys, and between the steps of one journey (inches). */
const JOURNEY_GAP = 0.25;
const CELL_GAP = 0.12;
/** Caption: two lines of title; one each of the walk, detail, address and time. */
export const CAPTION_H = linesHeight(2, FONT.caption) + linesHeight(4, FONT.sub) + 0.06;

/** The width of one image place on a stage slide. */
export function stageCellWidth(columns: number, perJourney: number): number {
  const columnW = (CONTENT_WIDTH - JOURNEY_GAP * (columns - 1)) / columns;
  return (columnW - CELL_GAP * (perJourney - 1)) / perJourney;
}

/**
 * The layout of a stage slide: `columns` journeys, each with `perJourney` places in a row;
 * images as tall as the tallest needs (`aspect` = height / width), at most down to the captions'
 * room above the bottom of the slide.
 */
export function stageGrid(
  columns: number,
  perJourney: number,
  aspect: number,
  top: number = SLIDE.topWithNote,
): StageGrid {
  const columnW = (CONTENT_WIDTH - JOURNEY_GAP * (columns - 1)) / columns;
  const cellW = stageCellWidth(columns, perJourney);
  const imageTop = top + HEADING_H + 0.1;
  const imageH = Math.min(SLIDE.bottom - imageTop - CAPTION_H - 0.06, cellW * aspect);
  const xs = Array.from({ length: columns }, (_, c) => SLIDE.margin + c * (columnW + JOURNEY_GAP));
  const places = (x: number) =>
    Array.from({ length: perJourney }, (_, k) => x + k * (cellW + CELL_GAP));
  return {
    headings: xs.map((x) => ({ x, y: top, w: columnW, h: HEADING_H })),
    images: xs.map((x) => places(x).map((px) => ({ x: px, y: imageTop, w: cellW, h: imageH }))),
    captions: xs.map((x) =>
      places(x).map((px) => ({ x: px, y: imageTop + imageH + 0.06, w: cellW, h: CAPTION_H })),
    ),
  };
}

/** Taller images (height / width) show their top only: a long page would be a sliver. */
export const MAX_IMAGE_ASPECT = 1.25;

/** The part of an image a slide shows: all of it, or its top when it is very tall. */
export function imageCrop(width: number, height: number, maxAspect = MAX_IMAGE_ASPECT) {
  return {
    x: 0,
    y: 0,
    width,
    height: Math.min(height, Math.max(1, Math.round(width * maxAspect))),
  };
}

/** An image of `width` × `height` scaled to fit `box`, centred across and at the box's top. */
export function fitImage(box: Box, width: number, height: number): Box {
  const scale = Math.min(box.w / width, box.h / height);
  const w = width * scale;
  const h = height * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h };
}

/**
 * Where and when a step was captured: the page's address (cut to one line `width` wide) or
 * "offline contact", and the capture time (the step's own time when it has no image).
 */
export function stepSource(
  step: ReportStep,
  width: number,
  locale: Locale,
  t: Translate,
): { where: string; when: string } {
  const { touchpoint } = step;
  const shot = step.screenshots[0];
  const url = shot?.url ?? touchpoint.url;
  return {
    where: url ? clipToLines(url, width, FONT.sub, 1) : t('offlineContact'),
    when: formatDateTime(shot?.capturedAt ?? touchpoint.at, locale),
  };
}

function stepCell(
  step: ReportStep,
  width: number,
  /** What tells the walk apart, when its brand has more than one walk in the wave (else null). */
  walk: string | null,
  locale: Locale,
  t: Translate,
): StageCell {
  const { touchpoint } = step;
  const shot = step.screenshots[0];
  const title = touchpoint.title || t('untitled');
  const detail = [
    touchpoint.experience === null
      ? `${t('experience')}: ${t('chartNotScored')}`
      : t('slidesExperience', { value: touchpoint.experience }),
    ...(touchpoint.weakLink ? [t('flagWeakLink')] : []),
    ...(touchpoint.wow ? [t('flagWow')] : []),
  ].join(' · ');
  return {
    kind: 'step',
    shot: shot ? { id: shot.id, width: shot.width, height: shot.height } : null,
    caption: clipToLines(
      `${t('stepN', { n: touchpoint.seq })} · ${title}`,
      width,
      FONT.caption,
      2,
      true,
    ),
    walk: walk ? clipToLines(walk, width, FONT.sub, 1) : '',
    detail: clipToLines(detail, width, FONT.sub, 1),
    ...stepSource(step, width, locale, t),
    alt: t('screenshotOf', { n: touchpoint.seq, title }),
  };
}

/** The height / width a cell's image takes on the slide (16:10 for one without an image). */
function cellAspect(cell: StageCell): number {
  if (cell.kind !== 'step' || !cell.shot) return 10 / 16;
  const crop = imageCrop(cell.shot.width, cell.shot.height);
  return crop.height / crop.width;
}

/**
 * Per stage: the brands side by side (each brand's walks in the wave, walk after walk; a step is
 * named by its walk when the brand has several), each with as many of its steps as there is room
 * for (STAGE_CELLS images a slide), more brands or steps continuing on the next slides.
 */
function stageSlides(model: ReportModel, locale: Locale, t: Translate): StageSlide[] {
  const labels = reportLabels(model, locale);
  const groups = chunk(
    model.brands.map((_, i) => i),
    STAGE_CELLS,
  );
  return model.stages.flatMap((row) => {
    const title = t('slidesStage', { stage: stageLabel(row.stage, locale) });
    const slides: StageSlide[] = groups.flatMap((group) => {
      const most = Math.max(1, ...group.map((i) => row.cells[i]?.length ?? 0));
      const perJourney = Math.max(1, Math.min(most, Math.floor(STAGE_CELLS / group.length)));
      const pages = Math.ceil(most / perJourney);
      const width = stageCellWidth(group.length, perJourney);
      const columnW = stageCellWidth(group.length, 1);
      return Array.from({ length: pages }, (_, page): StageSlide => {
        const columns = group.map((i): StageColumn => {
          const brand = model.brands[i]!;
          const steps = row.cells[i] ?? [];
          // The column names the brand: a step says only what tells its walk apart.
          const prefix = `${labels.brand(brand.id)}${LABEL_SEPARATOR}`;
          const walkOf = (step: ReportStep) => {
            if (brand.walks.length < 2) return null;
            const label = labels.walk(step.touchpoint.journeyId);
            return label.startsWith(prefix) ? label.slice(prefix.length) : label;
          };
          return {
            heading: clipToLines(
              brandHeading(model, brand, locale, t),
              columnW - 0.17,
              FONT.table,
              1,
              true,
            ),
            own: brand.brand.role === 'own',
            cells: steps.length
              ? steps
                  .slice(page * perJourney, (page + 1) * perJourney)
                  .map((step) => stepCell(step, width, walkOf(step), locale, t))
              : [{ kind: 'missing', text: t('missingTouchpoint') }],
          };
        });
        return {
          kind: 'stage',
          title,
          note: t('slidesStageNote'),
          perJourney,
          aspect: Math.max(...columns.flatMap((c) => c.cells.map(cellAspect))),
          columns,
          noShot: t('slidesNoScreenshot'),
        };
      });
    });
    return renumber(slides, title);
  });
}

function actionSlides(
  model: ReportModel,
  locale: Locale,
  t: Translate,
): (TableSlide | BulletSlide)[] {
  const labels = reportLabels(model, locale);
  const roles = new Map(model.allBrands.map((b) => [b.id, b.role]));
  const own = model.actions.filter((p) => roles.get(p.journey.brandId) === 'own');
  const title = t('reportActionPlan');
  if (!own.length)
    return [{ kind: 'bullets', title, note: null, bullets: [t('slidesActionsNone')] }];
  const ownJourneys = new Set(own.map((p) => p.journey.id));
  const where = (p: PlanItem) =>
    `${ownJourneys.size > 1 ? `${labels.walk(p.journey.id)} · ` : ''}${t('stepN', { n: p.touchpoint.seq })} — ${p.touchpoint.title || t('untitled')}`;
  const widths = widthsOf([2.3, 1.75, 1.45, 1.05, 1.0, 1.45]);
  const header: SlideCell[] = [
    t('actionWhat'),
    t('reportStep'),
    t('slidesOwner'),
    t('slidesDue'),
    t('reportStatus'),
    t('slidesMeasure'),
  ].map((text) => ({ text, bold: true }));
  const rows = own.map((p): SlideCell[] => [
    { text: p.action.what, bold: true },
    { text: where(p), maxLines: 3 },
    { text: p.action.owner || '—' },
    {
      text: p.action.due === null ? '—' : formatDate(p.action.due, locale),
      ...(p.overdue ? { sub: t('overdue'), tone: 'overdue' as const } : {}),
    },
    {
      text: t(`actionStatus_${p.action.status}`),
      ...(p.action.status === 'done' ? { tone: 'muted' as const } : {}),
    },
    { text: measureText(p.action) || '—' },
  ]);
  return tableSlides(title, null, widths, header, rows);
}

function ideaSlides(model: ReportModel, locale: Locale, t: Translate): TableSlide[] {
  if (!model.borrow.length) return [];
  const labels = reportLabels(model, locale);
  const widths = widthsOf([1.8, 2.8, 4.4]);
  const header: SlideCell[] = [t('brand'), t('reportStep'), t('slidesIdea')].map((text) => ({
    text,
    bold: true,
  }));
  const rows = model.borrow.map(({ journey, touchpoint, actions }): SlideCell[] => {
    const ideas = actions.filter((a) => a.kind === 'idea').map((a) => a.what);
    return [
      { text: labels.walk(journey.id), bold: true, maxLines: 3 },
      {
        text: `${t('stepN', { n: touchpoint.seq })} — ${touchpoint.title || t('untitled')}`,
        maxLines: 3,
        ...(touchpoint.wow ? { sub: t('flagWow') } : {}),
      },
      ideas.length ? { text: ideas.join('\n') } : { text: t('slidesWowOnly'), tone: 'muted' },
    ];
  });
  return tableSlides(t('ideas'), null, widths, header, rows);
}

/** The tables of lib/report/touches-slides.ts of these sections (those not left out), paged. */
function touchesSlides(
  model: ReportModel,
  locale: Locale,
  t: Translate,
  sections: readonly ReportSection[],
): TableSlide[] {
  return touchesTables(model, locale, t)
    .filter((x) => sections.includes(x.section) && shows(model, x.section))
    .flatMap((x) => tableSlides(x.title, x.note, widthsOf(x.weights), x.header, x.rows));
}

/** Expected against found, or the funnel (lib/report/blind-spots-slides.ts), paged. */
function expectedSlides(
  model: ReportModel,
  locale: Locale,
  t: Translate,
  which: 'blindSpots' | 'funnel',
): TableSlide[] {
  const table = (which === 'funnel' ? funnelTable : blindSpotsTable)(model, locale, t);
  return table
    ? tableSlides(table.title, table.note, widthsOf(table.weights), table.header, table.rows)
    : [];
}

/** The tables of lib/report/owners-slides.ts (departments, quick wins) not left out, paged. */
function ownersSlides(model: ReportModel, locale: Locale, t: Translate): TableSlide[] {
  return ownersTables(model, locale, t)
    .filter((x) => shows(model, x.section))
    .flatMap((x) => tableSlides(x.title, x.note, widthsOf(x.weights), x.header, x.rows));
}

/** The inventory's gaps (lib/report/inventory-slides.ts), paged; none when there are none. */
function inventorySlides(model: ReportModel, locale: Locale, t: Translate): TableSlide[] {
  const table = inventoryTable(model, locale, t);
  return table
    ? tableSlides(table.title, table.note, widthsOf(table.weights), table.header, table.rows)
    : [];
}

/**
 * The deck, in the report's order and with what the auditor chose to put in (a section left out
 * of the report has no slide; with no images, no screenshot slides): title (the wave compared and
 * its period); executive summary; the consultant's conclusions and recommendations; scorecard by
 * stage; league table; key figures (bar charts per brand); waves over time (a table, a trend
 * chart from three waves); segments (persona × brand, entry channel × brand, the gaps named);
 * one slide per stage with each brand's screenshots side by side; the own brand's action plan;
 * ideas to borrow.
 */
export function planSlides(model: ReportModel, locale: Locale): SlidePlan {
  const t = translator(locale);
  const date = formatDate(model.generatedAt, locale);
  const compared = model.brands.length > 0;
  const part = <S>(on: boolean, make: () => S[]): S[] => (on ? make() : []);
  return {
    locale,
    fileName: `${fileStem(model.audit.name, model.generatedAt)}-slides.pptx`,
    footer: clipToLines(`${model.audit.name} · ${date}`, CONTENT_WIDTH - 1.2, FONT.footer, 1),
    slides: [
      titleSlide(model, locale, t),
      ...part(shows(model, 'summary'), () => summarySlides(model, locale, t)),
      ...part(shows(model, 'summary'), () => conclusionSlides(model, t)),
      ...part(compared && shows(model, 'scorecard'), () => scorecardSlides(model, locale, t)),
      ...part(compared && shows(model, 'scorecard'), () =>
        expectedSlides(model, locale, t, 'funnel'),
      ),
      ...part(compared && shows(model, 'blindSpots'), () =>
        expectedSlides(model, locale, t, 'blindSpots'),
      ),
      ...part(compared && shows(model, 'league'), () => leagueSlides(model, locale, t)),
      ...part(compared && shows(model, 'kpis'), () => keyFigureSlides(model, locale, t)),
      ...part(shows(model, 'inventory'), () => inventorySlides(model, locale, t)),
      ...part(compared, () => touchesSlides(model, locale, t, ['kpis', 'people'])),
      ...part(shows(model, 'mindMap'), () => mindMapSlides(model, locale)),
      ...part(compared && shows(model, 'trend'), () => waveSlides(model, locale, t)),
      ...part(compared && shows(model, 'segments'), () => segmentSlides(model, locale, t)),
      ...part(shows(model, 'sideBySide') && model.settings.images !== 'none', () =>
        stageSlides(model, locale, t),
      ),
      ...part(compared, () => touchesSlides(model, locale, t, ['fewerTouches'])),
      ...part(compared, () => ownersSlides(model, locale, t)),
      ...part(shows(model, 'plan'), () => actionSlides(model, locale, t)),
      ...part(shows(model, 'plan'), () => ideaSlides(model, locale, t)),
    ],
  };
}

/** The screenshots a plan places (each once), for the exporter to read from the store. */
export function planScreenshots(plan: SlidePlan): { id: string; width: number; height: number }[] {
  const seen = new Map<string, { id: string; width: number; height: number }>();
  for (const slide of plan.slides) {
    if (slide.kind !== 'stage') continue;
    for (const column of slide.columns)
      for (const cell of column.cells)
        if (cell.kind === 'step' && cell.shot && !seen.has(cell.shot.id))
          seen.set(cell.shot.id, cell.shot);
  }
  return [...seen.values()];
}
