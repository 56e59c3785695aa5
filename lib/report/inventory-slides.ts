/**
 * The slide of the inventory's gaps, as a table for lib/report/slides.ts to page (its
 * tableSlides): the touchpoints competitors or benchmarks have (walked or exists) that the own
 * brand lacks, then those nobody checked for it; who has each. No gaps (or no own brand): none.
 */
import type { Translate } from '../i18n';
import type { CategoryId } from '../model/ids';
import { categoryLabel, typeName, type Locale } from '../taxonomy';
import { INVENTORY_MARKS, inventoryGaps, reportInventory } from './inventory';
import type { ReportModel } from './model';
import type { SlideCell } from './slides';
import { reportLabels } from './words';

/** A table for slides.ts to page: the title, its note, the columns' relative widths, the cells. */
export interface InventoryTable {
  title: string;
  note: string | null;
  weights: number[];
  header: SlideCell[];
  rows: SlideCell[][];
}

export function inventoryTable(
  model: ReportModel,
  locale: Locale,
  t: Translate,
): InventoryTable | null {
  const gaps = inventoryGaps(reportInventory(model));
  if (gaps.ownId === null || gaps.absent.length + gaps.unchecked.length === 0) return null;
  const labels = reportLabels(model, locale);
  const state = (s: 'walked' | 'exists' | 'absent' | 'unchecked') =>
    `${INVENTORY_MARKS[s]} ${t(`invState_${s}`)}`;
  const rows = [...gaps.absent, ...gaps.unchecked].map((gap): SlideCell[] => [
    {
      text: typeName(gap.type, locale),
      bold: true,
      sub: categoryLabel(gap.type.category as CategoryId, locale),
      maxLines: 3,
    },
    { text: state(gap.own), tone: gap.own === 'absent' ? 'missing' : 'muted' },
    {
      text: gap.have
        .map((h) =>
          t('invHaveWho', { brand: labels.brand(h.brandId), state: t(`invState_${h.state}`) }),
        )
        .join(', '),
    },
  ]);
  return {
    title: t('invSlideTitle'),
    note: t('invSlideNote', { brand: labels.brandWithRole(gaps.ownId) }),
    weights: [3.2, 2, 4.8],
    header: [t('invType'), labels.brand(gaps.ownId), t('invSlideWho')].map((text) => ({
      text,
      bold: true,
    })),
    rows,
  };
}
