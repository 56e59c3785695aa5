/**
 * The slides of expected against found and of the funnel, as tables for lib/report/slides.ts to
 * page (its tableSlides): the gaps largest first with each target's quadrant, and the funnel's
 * conversion beside the own brand's experience per stage.
 */
import { formatNumber, type Translate } from '../i18n';
import { stageLabel, type Locale } from '../taxonomy';
import { givesLabel, stageGives } from '../taxonomy/gives';
import { blindSpots, targetName, type BlindSpotRow, type Quadrant } from './blind-spots';
import { conversionText, countText, reportFunnel } from './funnel';
import type { ReportModel } from './model';
import type { SlideCell } from './slides';
import { ownBrand, stageScorecards } from './summary';
import { reportLabels } from './words';

/** A table for slides.ts to page: the title, its note, the columns' relative widths, the cells. */
export interface ExpectedTable {
  title: string;
  note: string | null;
  weights: number[];
  header: SlideCell[];
  rows: SlideCell[][];
}

function quadrantWords(quadrant: Quadrant, t: Translate): string {
  switch (quadrant) {
    case 'blind-spot':
      return t('bsQBlindShort');
    case 'strength':
      return t('bsQStrength');
    case 'known-weakness':
      return t('bsQKnown');
    case 'surprise':
      return t('bsQSurprise');
  }
}

/** Expected against found, largest gap first (null: no expectation entered). */
export function blindSpotsTable(
  model: ReportModel,
  locale: Locale,
  t: Translate,
): ExpectedTable | null {
  const spots = blindSpots(model);
  if (!spots.rows.length) return null;
  const num = (v: number) => formatNumber(v, locale);
  const found = (row: BlindSpotRow): SlideCell =>
    row.found === null
      ? { text: t(row.steps === 0 ? 'bsNotWalked' : 'bsNotScored'), tone: 'missing' }
      : { text: num(row.found) };
  return {
    title: t('bsTitle'),
    note: t('slidesBlindSpotsNote'),
    weights: [3, 1.4, 1.1, 1.2, 1.8],
    header: [
      { text: t('exTarget'), bold: true },
      { text: t('bsExpectedCol'), bold: true },
      { text: t('bsFoundCol'), bold: true },
      { text: t('bsGapCol'), bold: true, maxLines: 2 },
      { text: t('bsQuadrantCol'), bold: true },
    ],
    rows: spots.gaps.map((row): SlideCell[] => [
      { text: targetName(row.target, model.method.types, locale, t), bold: true },
      { text: t('bsExpectedN', { value: num(row.expected), n: row.n }) },
      found(row),
      row.gap === null
        ? { text: '—' }
        : {
            text: row.gap > 0 ? `+${num(row.gap)}` : row.gap < 0 ? `−${num(-row.gap)}` : num(0),
            ...(row.quadrant === 'blind-spot' ? { tone: 'behind' as const } : {}),
          },
      row.quadrant
        ? {
            text: quadrantWords(row.quadrant, t),
            ...(row.quadrant === 'blind-spot' ? { tone: 'behind' as const } : {}),
          }
        : { text: '—' },
    ]),
  };
}

/** The funnel beside the own brand's experience (null: no funnel entered). */
export function funnelTable(
  model: ReportModel,
  locale: Locale,
  t: Translate,
): ExpectedTable | null {
  const funnel = reportFunnel(model.audit, model.wave?.id ?? null);
  if (funnel.source === 'none') return null;
  const own = ownBrand(model);
  const ownIndex = own ? model.brands.indexOf(own) : -1;
  const cards = stageScorecards(model);
  const brand = own ? reportLabels(model, locale).brand(own.id) : '';
  const source =
    funnel.source === 'wave'
      ? t('fuSourceWave', { wave: model.wave!.name })
      : model.wave
        ? t('fuSourceAudit', { wave: model.wave.name })
        : t('fuSourceAuditNoWave');
  return {
    title: t('fuReportTitle'),
    note: source,
    weights: own ? [2.6, 1.2, 1.4, 1.4, 1.6] : [2.6, 1.2, 1.4, 1.4],
    header: [
      { text: t('stage'), bold: true },
      { text: t('fuReached'), bold: true },
      { text: t('fuFromPrevious'), bold: true, maxLines: 2 },
      { text: t('fuFromFirst'), bold: true, maxLines: 2 },
      ...(own ? [{ text: t('fuOwnExperience', { brand }), bold: true, maxLines: 2 }] : []),
    ],
    rows: funnel.rows.map((row): SlideCell[] => {
      const gives = stageGives(row.stage, model.audit.method);
      const score =
        ownIndex >= 0 ? cards.find((c) => c.stage === row.stage)?.scores[ownIndex] : undefined;
      return [
        {
          text: stageLabel(row.stage, locale),
          bold: true,
          ...(gives ? { sub: t('gvInStage', { gives: givesLabel(gives, locale) }) } : {}),
        },
        { text: countText(row.count, locale) },
        { text: conversionText(row.fromPrevious, locale) },
        { text: conversionText(row.fromFirst, locale) },
        ...(own
          ? [
              score && score.steps > 0
                ? { text: score.weighted === null ? '—' : formatNumber(score.weighted, locale) }
                : { text: t('fuNotWalked'), tone: 'missing' as const },
            ]
          : []),
      ];
    }),
  };
}
