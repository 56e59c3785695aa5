/**
 * The slides of who owns what and priority that counts the cost, as tables for lib/report/slides.ts
 * to page (its tableSlides): the plan by department, and the quick wins.
 */
import { formatDate, formatNumber, type Translate } from '../i18n';
import type { ReportSection } from '../model';
import type { Locale } from '../taxonomy';
import type { ReportModel } from './model';
import {
  costRanking,
  costText,
  departmentName,
  departmentRollup,
  openActions,
  ownerText,
  quickWins,
  type DepartmentRow,
} from './owners';
import type { SlideCell } from './slides';
import { reportLabels } from './words';

/** A table for slides.ts to page: the title, its note, the columns' relative widths, the cells. */
export interface OwnersTable {
  section: ReportSection;
  title: string;
  note: string | null;
  weights: number[];
  header: SlideCell[];
  rows: SlideCell[][];
}

const heads = (texts: string[]): SlideCell[] => texts.map((text) => ({ text, bold: true }));

function departmentCells(row: DepartmentRow, name: string, locale: Locale): SlideCell[] {
  const { actions } = row;
  return [
    { text: name, bold: true, maxLines: 3 },
    { text: String(row.steps) },
    { text: String(row.weak), ...(row.weak ? { tone: 'behind' as const } : {}) },
    {
      text: row.meanExperience === null ? '—' : formatNumber(row.meanExperience, locale),
      ...(row.scored ? { sub: `n = ${row.scored}` } : {}),
    },
    { text: `${row.control.own} / ${row.control.partner} / ${row.control['third-party']}` },
    { text: `${actions.open} / ${actions.inProgress} / ${actions.done}` },
    { text: String(actions.overdue), ...(actions.overdue ? { tone: 'overdue' as const } : {}) },
  ];
}

/**
 * The tables, with the section each belongs to (the caller leaves out those not shown); none
 * without data: no departments slide until some step has an owner, no quick wins slide without one.
 */
export function ownersTables(model: ReportModel, locale: Locale, t: Translate): OwnersTable[] {
  const tables: OwnersTable[] = [];
  const { rows, total } = departmentRollup(model);
  // No slide when no step has an owner yet (a table of one "no owner" row says nothing).
  if (rows.some((r) => r.kind !== 'none')) {
    const none = rows.find((r) => r.kind === 'none');
    tables.push({
      section: 'owners',
      title: t('slidesOwnersTitle'),
      note:
        none && none.steps > 0
          ? t('ownersNoOwnerSaid', { n: none.steps, total: total.steps })
          : null,
      weights: [2.4, 0.9, 0.9, 1.1, 1.6, 1.6, 0.9],
      header: heads([
        t('ownersColDepartment'),
        t('ownersColSteps'),
        t('ownersColWeak'),
        t('ownersColExperience'),
        t('ownersColControl'),
        t('slidesOwnersActions'),
        t('ownersColOverdue'),
      ]),
      rows: [
        ...rows.map((row) => departmentCells(row, departmentName(row, t), locale)),
        ...(rows.length > 1 ? [departmentCells(total, t('ownersRowTotal'), locale)] : []),
      ],
    });
  }
  const wins = quickWins(costRanking(model));
  if (wins.length) {
    const labels = reportLabels(model, locale);
    const walks = new Set(wins.map((w) => w.journey.id));
    tables.push({
      section: 'quickWins',
      title: t('slidesQuickWinsTitle'),
      note: t('qwIntro'),
      weights: [2.2, 1.5, 1.2, 3.1],
      header: heads([t('qwColStep'), t('qwColOwner'), t('qwColValue'), t('qwColActions')]),
      rows: wins.map((item): SlideCell[] => {
        const step = item.touchpoint;
        return [
          {
            text: `${walks.size > 1 ? `${labels.walk(item.journey.id)} · ` : ''}${t('stepN', { n: step.seq })} — ${step.title || t('untitled')}`,
            bold: true,
            maxLines: 3,
          },
          { text: ownerText(item.owner, t) },
          {
            text: t('qwValueText', {
              importance: step.importance ?? 0,
              gap: 5 - (step.experience ?? 5),
              value: item.value,
            }),
            ...(item.cost === null
              ? {}
              : { sub: t('ownCostShort', { cost: costText(item.cost, locale) }) }),
          },
          {
            text: openActions(item.actions)
              .map((a) =>
                [
                  a.what,
                  a.effort ? t('ownEffortShort', { effort: a.effort }) : t('ownEffortNone'),
                  a.owner || t('noOwner'),
                  a.due === null ? t('noDue') : t('dueOn', { date: formatDate(a.due, locale) }),
                  t(`actionStatus_${a.status}`),
                ].join(' · '),
              )
              .join('\n'),
          },
        ];
      }),
    });
  }
  return tables;
}
