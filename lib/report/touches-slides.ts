/**
 * The slides of fewer touches, people and handoffs and would recommend, as tables for
 * lib/report/slides.ts to page (its tableSlides): the brands' people and handoffs, their NPS,
 * touches per stage against the best competitor and the touches that could be cut or merged.
 */
import { formatNumber, type Translate } from '../i18n';
import type { ReportSection } from '../model';
import { stageLabel, type Locale } from '../taxonomy';
import type { ReportModel } from './model';
import type { SlideCell } from './slides';
import { brandPeople, brandRecommend, flaggedSteps, touchesByStage, walkPeople } from './touches';
import { reportLabels } from './words';

/** A table for slides.ts to page: the title, its note, the columns' relative widths, the cells. */
export interface TouchesTable {
  section: ReportSection;
  title: string;
  note: string | null;
  weights: number[];
  header: SlideCell[];
  rows: SlideCell[][];
}

function countText(value: number | null, locale: Locale): string {
  if (value === null) return '—';
  return Number.isInteger(value) ? String(value) : formatNumber(value, locale);
}

function signed(value: number, locale: Locale): string {
  const rounded = Math.round(value);
  const digits = formatNumber(Math.abs(rounded), locale, 0);
  return rounded > 0 ? `+${digits}` : rounded < 0 ? `−${digits}` : digits;
}

const heads = (texts: string[]): SlideCell[] => texts.map((text) => ({ text, bold: true }));

/** The tables, those of the sections shown only (the caller checks `section`). */
export function touchesTables(model: ReportModel, locale: Locale, t: Translate): TouchesTable[] {
  const labels = reportLabels(model, locale);
  const named = (id: string, n: number) =>
    t('slidesBrandN', { brand: labels.brandWithRole(id), n });
  const out: TouchesTable[] = [];
  const walks = model.brands.flatMap((b) => b.walks);
  if (walks.some((w) => walkPeople(w.steps.map((s) => s.touchpoint)).contacts > 0)) {
    out.push({
      section: 'people',
      title: t('section_people'),
      note: t('touchesSlidePeopleNote'),
      weights: [3.4, 1.6, 1.6, 1.6],
      header: heads([t('brand'), t('touchesPeople'), t('touchesTransfers'), t('touchesRepeats')]),
      rows: model.brands.map((b) => {
        const p = brandPeople(b);
        return [
          { text: named(b.id, p.n), bold: true, maxLines: 3 },
          { text: countText(p.people, locale) },
          { text: countText(p.transfers, locale), ...(p.transfers ? { tone: 'behind' } : {}) },
          { text: countText(p.repeats, locale), ...(p.repeats ? { tone: 'behind' } : {}) },
        ];
      }),
    });
  }
  const recommend = model.brands.map((b) => ({ b, f: brandRecommend(b) }));
  if (recommend.some(({ f }) => f.n > 0)) {
    out.push({
      section: 'kpis',
      title: t('touchesSlideRecommendTitle'),
      note: t('touchesSlideRecommendNote'),
      weights: [3.2, 1.2, 1.4, 2.4],
      header: heads([t('brand'), 'NPS', t('touchesMeanColumn'), t('touchesPromotersColumn')]),
      rows: recommend.map(({ b, f }) => [
        { text: named(b.id, f.n), bold: true, maxLines: 3 },
        f.nps === null
          ? { text: t('touchesRecommendNone'), tone: 'missing' }
          : { text: signed(f.nps, locale), bold: true },
        { text: f.mean === null ? '—' : formatNumber(f.mean, locale) },
        { text: f.n ? `${f.promoters} / ${f.passives} / ${f.detractors}` : '—' },
      ]),
    });
  }
  const own = model.brands.find((b) => b.brand.role === 'own');
  const flagged = flaggedSteps(model);
  // Touches per stage go into the deck with the touches someone flagged (the report has both always).
  if (model.brands.length > 0 && flagged.length > 0) {
    const index = own ? model.brands.indexOf(own) : -1;
    out.push({
      section: 'fewerTouches',
      title: t('section_fewerTouches'),
      note: t('touchesSlideStageNote'),
      weights: own ? [2.4, 1.8, 3, 1.6] : [2.4, 3],
      header: heads([
        t('stage'),
        ...(own ? [labels.brandWithRole(own.id)] : []),
        t('touchesBest'),
        ...(own ? [t('touchesDifference')] : []),
      ]),
      rows: touchesByStage(model).map((row): SlideCell[] => {
        const count = own ? row.counts[index]! : null;
        const difference = own ? row.differences.find((d) => d.brandId === own.id)! : null;
        return [
          {
            text: row.stage === null ? t('touchesWhole') : stageLabel(row.stage, locale),
            bold: true,
          },
          ...(count
            ? [
                count.median === null
                  ? { text: t('touchesNotWalked'), tone: 'missing' as const }
                  : { text: countText(count.median, locale), sub: t('touchesN', { n: count.n }) },
              ]
            : []),
          row.best === null
            ? { text: t('touchesNoCompetitor'), tone: 'missing' }
            : {
                text: countText(row.best.median, locale),
                sub: row.best.brandIds.map((id) => labels.brand(id)).join(', '),
              },
          ...(difference
            ? [
                difference.difference === null
                  ? { text: '—' }
                  : difference.difference === 0
                    ? { text: t('touchesSame') }
                    : {
                        text: t(difference.difference > 0 ? 'touchesMore' : 'touchesFewer', {
                          n: countText(Math.abs(difference.difference), locale),
                        }),
                        ...(difference.difference > 0
                          ? { tone: 'behind' as const }
                          : { tone: 'best' as const }),
                      },
              ]
            : []),
        ];
      }),
    });
    out.push({
      section: 'fewerTouches',
      title: t('touchesFlaggedTitle'),
      note: null,
      weights: [2.2, 3, 1.4, 2.4],
      header: heads([
        t('drillWalk'),
        t('reportStep'),
        t('touchesReduceColumn'),
        t('touchesReason'),
      ]),
      rows: flagged.map(({ journey, step, reduce }) => [
        { text: labels.walk(journey.id), bold: true, maxLines: 3 },
        { text: `${t('stepN', { n: step.seq })} — ${step.title || t('untitled')}`, maxLines: 3 },
        { text: t(reduce.kind === 'cut' ? 'touchesCut' : 'touchesMerge') },
        { text: reduce.reason.trim() || '—' },
      ]),
    });
  }
  return out;
}
