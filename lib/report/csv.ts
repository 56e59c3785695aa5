/** Steps as CSV, one row per step; safe to open in a spreadsheet. */
import type { Locale } from '../taxonomy';
import { categoryLabel, channelLabel, stageLabel } from '../taxonomy';
import type { ReportModel } from './model';

/**
 * Quotes a cell and neutralises spreadsheet formulas: a cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe so it is shown as text, not evaluated.
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const CSV_COLUMNS = [
  'audit',
  'brand',
  'brand_role',
  'task',
  'auditor',
  'step',
  'kind',
  'stage',
  'stage_label',
  'category',
  'channel',
  'title',
  'url',
  'time',
  'experience_1_5',
  'importance_1_10',
  'likelihood_0_10',
  'weak_link',
  'wow',
  'fix_first_rank',
  'note',
  'images_sha256',
] as const;

/** UTF-8 CSV with a byte-order mark (so spreadsheets read Cyrillic) and CRLF line ends. */
export function renderCsv(model: ReportModel, locale: Locale): string {
  const rows: (string | number | boolean | null)[][] = [];
  const rankOf = new Map(model.fixFirst.map((item) => [item.touchpoint.id, item.rank]));
  for (const { journey, steps } of model.journeys) {
    for (const { touchpoint: t, screenshots } of steps) {
      rows.push([
        model.audit.name,
        journey.brandName,
        journey.brandRole,
        journey.task,
        journey.auditor,
        t.seq,
        t.kind,
        t.stage,
        stageLabel(t.stage, locale),
        categoryLabel(t.category, locale),
        channelLabel(t.channel, locale),
        t.title,
        t.url,
        new Date(t.at).toISOString(),
        t.experience,
        t.importance,
        t.likelihood,
        t.weakLink,
        t.wow,
        rankOf.get(t.id) ?? null,
        t.note,
        screenshots.map((s) => s.sha256).join(' '),
      ]);
    }
  }
  const lines = [CSV_COLUMNS.map(csvCell), ...rows.map((row) => row.map(csvCell))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
