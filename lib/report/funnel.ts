/**
 * The client's funnel ("each stage of the sales funnel corresponds to a touchpoint"), pure: which
 * entries of Audit.funnel a report uses (the compared wave's, else the whole audit's), the
 * conversion between the stages entered, and a CSV file of them read (stage,count).
 */
import { formatNumber } from '../i18n';
import type { Audit, AuditMethod, FunnelEntry } from '../model';
import { methodStageOrder, STAGE_IDS, STAGES, type Locale } from '../taxonomy';

export interface FunnelRow {
  stage: string;
  /** Customers who reached the stage. */
  count: number;
  /**
   * count ÷ the previous entered stage's count (null: the first stage, or nobody reached the
   * previous one).
   */
  fromPrevious: number | null;
  /** count ÷ the first stage's count (null: the first stage, or nobody reached the first). */
  fromFirst: number | null;
}

export interface Funnel {
  /** wave: the compared wave's entries; audit: the whole audit's (none for the wave); none. */
  source: 'wave' | 'audit' | 'none';
  /** The entered stages in the method's stage order. */
  rows: FunnelRow[];
}

/** The entries of one scope (a wave, or the whole audit when null), one per stage (the last). */
export function funnelEntries(
  funnel: readonly FunnelEntry[] | undefined,
  waveId: string | null,
): FunnelEntry[] {
  const byStage = new Map<string, FunnelEntry>();
  for (const entry of funnel ?? []) if (entry.waveId === waveId) byStage.set(entry.stage, entry);
  return [...byStage.values()];
}

/** The rows of a list of entries: in the method's stage order, with their conversions. */
export function funnelRows(
  entries: readonly Pick<FunnelEntry, 'stage' | 'count'>[],
  method: AuditMethod | undefined,
): FunnelRow[] {
  const sorted = [...entries].sort(
    (a, b) =>
      methodStageOrder(a.stage, method) - methodStageOrder(b.stage, method) ||
      a.stage.localeCompare(b.stage),
  );
  const first = sorted[0]?.count ?? 0;
  return sorted.map((entry, i) => {
    const previous = i === 0 ? null : sorted[i - 1]!.count;
    return {
      stage: entry.stage,
      count: entry.count,
      fromPrevious: previous ? entry.count / previous : null,
      fromFirst: i > 0 && first ? entry.count / first : null,
    };
  });
}

/** The funnel a report shows for the compared wave: its own entries, else the whole audit's. */
export function reportFunnel(
  audit: Pick<Audit, 'funnel' | 'method'>,
  waveId: string | null,
): Funnel {
  const forWave = waveId === null ? [] : funnelEntries(audit.funnel, waveId);
  if (forWave.length) return { source: 'wave', rows: funnelRows(forWave, audit.method) };
  const whole = funnelEntries(audit.funnel, null);
  return whole.length
    ? { source: 'audit', rows: funnelRows(whole, audit.method) }
    : { source: 'none', rows: [] };
}

/** The audit's funnel with one scope's entries replaced by `entries` (others kept as they are). */
export function replaceFunnel(
  funnel: readonly FunnelEntry[] | undefined,
  waveId: string | null,
  entries: readonly { stage: string; count: number }[],
): FunnelEntry[] {
  return [
    ...(funnel ?? []).filter((entry) => entry.waveId !== waveId),
    ...entries.map((entry) => ({ stage: entry.stage, waveId, count: entry.count })),
  ];
}

// --- CSV -----------------------------------------------------------------------------------------

/** The largest file read (characters): a funnel is a few dozen lines. */
export const FUNNEL_CSV_MAX = 100_000;
/** The longest piece of a bad line quoted back in its message. */
export const QUOTE_MAX = 60;
/** The largest count accepted (the model's bound). */
export const COUNT_MAX = 1e12;

/** Why one line of the file cannot be read (the view words it; `value` is quoted as text). */
export type FunnelLineProblem =
  | { line: number; kind: 'columns'; found: number }
  | { line: number; kind: 'stage'; value: string }
  | { line: number; kind: 'count'; value: string }
  | { line: number; kind: 'duplicate'; value: string; first: number };

export type FunnelCsvResult =
  | { ok: true; entries: { stage: string; count: number }[]; header: boolean }
  | { ok: false; problems: FunnelLineProblem[]; tooLarge?: boolean; empty?: boolean };

/** A cell quoted back: at most QUOTE_MAX characters, "…" when shortened, line breaks shown as ⏎. */
export function quoteCell(value: string): string {
  const flat = value.replace(/[\r\n]+/g, '⏎');
  return flat.length > QUOTE_MAX ? `${flat.slice(0, QUOTE_MAX - 1)}…` : flat;
}

/** The cells of one line: `separator`-separated, a cell in double quotes may hold it ("" = "). */
export function splitCsvLine(line: string, separator: ',' | ';'): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * The stage a cell names: a built-in stage by its id or its English or Russian name, or one of
 * the audit's custom stages by name (case and surrounding spaces ignored); null: none.
 */
export function matchStage(value: string, method: Pick<AuditMethod, 'stages'>): string | null {
  const key = value.trim().toLowerCase();
  if (!key) return null;
  for (const id of STAGE_IDS)
    if ([id, STAGES[id].en, STAGES[id].ru].some((name) => name.toLowerCase() === key)) return id;
  return method.stages.find((stage) => stage.name.toLowerCase() === key)?.name ?? null;
}

/** A count: a whole number ≥ 0, spaces as thousands separators allowed ("1 200"); null: not one. */
export function parseCount(value: string): number | null {
  const digits = value.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const count = Number(digits);
  return count <= COUNT_MAX ? count : null;
}

/**
 * Reads a funnel file: one line per stage, "stage,count" (or "stage;count"; the separator is the
 * first line's), a header row allowed (a first line whose count is no number and whose stage is
 * none), blank lines skipped. Every bad line is named with its number and why; any bad line and
 * the result is no entries at all (nothing is written from a file with a bad line).
 */
export function parseFunnelCsv(text: string, method: Pick<AuditMethod, 'stages'>): FunnelCsvResult {
  if (text.length > FUNNEL_CSV_MAX) return { ok: false, problems: [], tooLarge: true };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const separator = firstLine.includes(';') ? ';' : ',';
  const problems: FunnelLineProblem[] = [];
  const entries: { stage: string; count: number; line: number }[] = [];
  let header = false;
  let seenFirst = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = splitCsvLine(raw, separator);
    // A trailing separator ("offer,120,") leaves an empty last cell: not a column.
    while (cells.length > 2 && cells.at(-1) === '') cells.pop();
    const isFirst = !seenFirst;
    seenFirst = true;
    if (cells.length !== 2) {
      problems.push({ line, kind: 'columns', found: cells.length });
      return;
    }
    const [stageCell, countCell] = cells as [string, string];
    const stage = matchStage(stageCell, method);
    const count = parseCount(countCell);
    if (isFirst && stage === null && count === null) {
      header = true;
      return;
    }
    if (stage === null) problems.push({ line, kind: 'stage', value: quoteCell(stageCell) });
    if (count === null) problems.push({ line, kind: 'count', value: quoteCell(countCell) });
    if (stage === null || count === null) return;
    const before = entries.find((entry) => entry.stage === stage);
    if (before) {
      problems.push({ line, kind: 'duplicate', value: quoteCell(stageCell), first: before.line });
      return;
    }
    entries.push({ stage, count, line });
  });
  if (problems.length) return { ok: false, problems };
  if (!entries.length) return { ok: false, problems: [], empty: true };
  return { ok: true, header, entries: entries.map(({ stage, count }) => ({ stage, count })) };
}

/** A conversion as a percentage: "42 %", "3.5 %" under 10 %, "—" for none. */
export function conversionText(ratio: number | null, locale: Locale): string {
  if (ratio === null) return '—';
  const percent = ratio * 100;
  return `${formatNumber(percent, locale, percent < 10 && percent !== 0 ? 1 : 0)} %`;
}

/** A count of customers with thousands separated: "12 400". */
export function countText(count: number, locale: Locale): string {
  return formatNumber(count, locale, 0);
}
