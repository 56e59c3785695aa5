/** Steps as CSV, one row per step; safe to open in a spreadsheet. */
import { formatDuration } from '../i18n';
import {
  categoryLabel,
  channelLabel,
  formatTarget,
  itemText,
  localDay,
  stageLabel,
  standardName,
  typeName,
  type Locale,
} from '../taxonomy';
import { failedItems, type ReportModel, type ReportStep } from './model';
import { measureText, reportLabels } from './words';
import { resolveOwner } from '../metrics/ownership';
import { TOUCHES_CSV_COLUMNS, touchesCsvCells } from './touches';
import { PAGE_FACTS_CSV_COLUMNS, pageFactsCsvCells } from './page-facts';

/**
 * Quotes a cell and neutralises spreadsheet formulas: a cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe so it is shown as text, not evaluated. Numbers are
 * written as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  // A number (e.g. a change of -4) is a number, not a formula: only text is neutralised.
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The columns, one row per step of the compared wave's walks. Every row says whose walk it is:
 * `brand` (the brand's name as typed), `brand_role` (own, competitor, benchmark), `wave` (its
 * name), `wave_start` and `wave_end` (its first and last day, YYYY-MM-DD), `persona`,
 * `entry_channel`, `auditor`, and `walk`: the walk's label in the report (brand first, then what
 * tells the walks apart), so rows of two walks of one brand are never confused.
 * `owner_department` and `owner_control` (own, partner, third-party) are the step's resolved owner
 * (the step's, else its type's; empty: none); `actions` says each action's effort and cost.
 */
export const CSV_COLUMNS = [
  'audit',
  'brand',
  'brand_role',
  'wave',
  'wave_start',
  'wave_end',
  'walk',
  'task',
  'persona',
  'entry_channel',
  'auditor',
  'step',
  'kind',
  'stage',
  'stage_label',
  'touchpoint_type',
  'category',
  'channel',
  'owner_department',
  'owner_control',
  'title',
  'url',
  'time',
  'experience_1_5',
  'importance_1_10',
  'likelihood_0_10',
  'likelihood_change',
  'checklist_compliance_pct',
  'checklist_failed_items',
  'standards',
  'weak_link',
  'weak_reasons',
  'wow',
  'fix_first_rank',
  'actions',
  'note',
  'images_sha256',
  ...TOUCHES_CSV_COLUMNS,
  /** The step's free tags, separated by ", " (a tag never holds a comma). */
  'tags',
  /**
   * Page facts read at capture (Audit.pageFacts): violations by impact (axe-core), the rules
   * broken (ids, "+N" for those beyond the kept ones), why accessibility was not checked, the
   * load timings in ms, and whether they are of the document's first load (a route change).
   */
  ...PAGE_FACTS_CSV_COLUMNS,
] as const;

/** A step's standards as text: "Callback after a web form: 26 h (≤ 2 h) fail". */
function standardsCell(step: ReportStep, locale: Locale): string {
  return step.measurements
    .map((r) => {
      const name = r.standard ? standardName(r.standard, locale) : r.measurement.standardId;
      const measured = r.measuredMs === null ? '—' : formatDuration(r.measuredMs, locale);
      const target = r.standard ? formatTarget(r.standard, locale) : '';
      const excused = r.measurement.excused ? ' excused' : '';
      return `${name}: ${measured} (${target}) ${r.status}${excused}`;
    })
    .join('; ');
}

/** UTF-8 CSV with a byte-order mark (so spreadsheets read Cyrillic) and CRLF line ends. */
export function renderCsv(model: ReportModel, locale: Locale): string {
  const rows: (string | number | boolean | null)[][] = [];
  const rankOf = new Map(model.fixFirst.map((item) => [item.touchpoint.id, item.rank]));
  const typeOf = new Map(model.method.types.map((type) => [type.id, type]));
  // Who owns each step: the step's owner, else its type's (owner_control: own, partner, third-party).
  const ownerOf = (step: ReportStep['touchpoint']) => resolveOwner(step, typeOf);
  const labels = reportLabels(model, locale);
  for (const { journey, brand, wave, steps } of model.journeys) {
    for (const step of steps) {
      const { touchpoint: t, screenshots, compliance } = step;
      const type = t.typeId === null ? undefined : typeOf.get(t.typeId);
      const failed = failedItems(step).map(({ template, item }) =>
        itemText(template.id, item, locale),
      );
      rows.push([
        model.audit.name,
        brand.name,
        brand.role,
        wave.name,
        localDay(wave.start),
        localDay(wave.end),
        labels.walk(journey.id),
        journey.task,
        journey.persona,
        channelLabel(journey.entryChannel, locale, model.method),
        journey.auditor,
        t.seq,
        t.kind,
        t.stage,
        stageLabel(t.stage, locale),
        type ? typeName(type, locale) : (t.typeId ?? ''),
        categoryLabel(t.category, locale, model.method),
        channelLabel(t.channel, locale, model.method),
        ownerOf(t)?.department ?? '',
        ownerOf(t)?.control ?? '',
        t.title,
        t.url,
        new Date(t.at).toISOString(),
        t.experience,
        t.importance,
        t.likelihood,
        step.impact,
        compliance.percent === null ? null : Math.round(compliance.percent * 10) / 10,
        failed.join('; '),
        standardsCell(step, locale),
        step.reasons.length > 0,
        step.reasons.map((r) => r.kind).join(' '),
        t.wow,
        rankOf.get(t.id) ?? null,
        step.actions
          .map((a) =>
            [
              a.kind,
              a.what,
              a.owner,
              a.due === null ? '' : localDay(a.due),
              a.status,
              a.effort ? `effort ${a.effort}` : '',
              a.cost === null || a.cost === undefined ? '' : `cost ${a.cost}`,
              measureText(a, '->'),
            ]
              .filter(Boolean)
              .join(' | '),
          )
          .join('; '),
        t.note,
        screenshots.map((s) => s.sha256).join(' '),
        ...touchesCsvCells(journey, t),
        (t.tags ?? []).join(', '),
        ...pageFactsCsvCells(t),
      ]);
    }
  }
  const lines = [CSV_COLUMNS.map(csvCell), ...rows.map((row) => row.map(csvCell))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
