/** The steps CSV: whose walk each row is (brand, wave, persona, entry channel, auditor, walk). */
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv } from '../../lib/report/csv';
import { buildReport } from '../../lib/report/model';
import { createWalk, fakeImage, testStore } from './helpers';

/** The cells of a CSV line (every cell is quoted; "" inside is a quote). */
const cells = (line: string) =>
  [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));

type Column = (typeof CSV_COLUMNS)[number];

/** The CSV as objects, one per step row, keyed by column. */
function rowsOf(csv: string): Record<Column, string>[] {
  const [header, ...lines] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(cells(header!)).toEqual([...CSV_COLUMNS]);
  return lines.map((line) => {
    const values = cells(line);
    expect(values).toHaveLength(CSV_COLUMNS.length);
    return Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, values[i]!])) as Record<Column, string>;
  });
}

/**
 * Brightline (own) walked twice in Wave 1 (personas family and students, by two auditors, one
 * entering by search, one by phone), two steps and one step; a competitor with a name that looks
 * like a formula walked once.
 */
async function twoWalksOfOneBrand() {
  const { store, clock } = testStore();
  const audit = await store.createAudit({ name: 'Broadband', client: '', defaultTask: '' });
  const family = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    brandRole: 'own',
    persona: 'family',
    entryChannel: 'search',
    auditor: 'Anna',
    task: 'request a callback',
  });
  const students = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    persona: 'students',
    entryChannel: 'phone',
    auditor: 'Boris',
    task: 'request a callback',
  });
  const rival = await createWalk(store, {
    auditId: audit.id,
    brandName: '=Rival',
    brandRole: 'competitor',
    persona: 'family',
  });
  let at = clock.now();
  for (const [journeyId, title] of [
    [family.id, 'F home'],
    [family.id, 'F form'],
    [students.id, 'S home'],
    [rival.id, 'R home'],
  ] as const)
    await store.addStep({
      journeyId,
      kind: 'page',
      url: 'https://x.test/',
      title,
      at: (at += 60_000),
      images: [fakeImage(title)],
    });
  return buildReport(await store.readAudit(audit.id), {}, clock.now());
}

describe('the steps CSV', () => {
  it('says on every row whose walk it is: brand, role, wave, persona, entry channel, auditor, walk', async () => {
    const model = await twoWalksOfOneBrand();
    const rows = rowsOf(renderCsv(model, 'en'));
    const who = rows.map((r) => ({
      title: r.title,
      brand: r.brand,
      brand_role: r.brand_role,
      wave: r.wave,
      wave_start: r.wave_start,
      wave_end: r.wave_end,
      persona: r.persona,
      entry_channel: r.entry_channel,
      auditor: r.auditor,
      walk: r.walk,
    }));
    const wave = { wave: 'Wave 1', wave_start: '2026-01-01', wave_end: '2026-01-31' };
    expect(who).toEqual([
      {
        title: 'F home',
        brand: 'Brightline',
        brand_role: 'own',
        ...wave,
        persona: 'family',
        entry_channel: 'Search engine',
        auditor: 'Anna',
        walk: 'Brightline · family · Search engine · Anna',
      },
      {
        title: 'F form',
        brand: 'Brightline',
        brand_role: 'own',
        ...wave,
        persona: 'family',
        entry_channel: 'Search engine',
        auditor: 'Anna',
        walk: 'Brightline · family · Search engine · Anna',
      },
      {
        title: 'S home',
        brand: 'Brightline',
        brand_role: 'own',
        ...wave,
        persona: 'students',
        entry_channel: 'Phone call',
        auditor: 'Boris',
        walk: 'Brightline · students · Phone call · Boris',
      },
      {
        title: 'R home',
        // Values are data: a brand name that looks like a formula is shown as text.
        brand: "'=Rival",
        brand_role: 'competitor',
        ...wave,
        persona: 'family',
        entry_channel: 'Search engine',
        auditor: '',
        walk: "'=Rival",
      },
    ]);
    // The two walks of one brand never share a label; a walk's rows all have its label.
    expect(new Set(rows.map((r) => r.walk)).size).toBe(3);
    expect(rows[0]!.walk).toBe(rows[1]!.walk);
    expect(rows[0]!.walk).not.toBe(rows[2]!.walk);
  });

  it('words the entry channel in the report’s language', async () => {
    const model = await twoWalksOfOneBrand();
    const rows = rowsOf(renderCsv(model, 'ru'));
    expect(rows.map((r) => r.entry_channel)).toEqual([
      'Поисковая система',
      'Поисковая система',
      'Телефонный звонок',
      'Поисковая система',
    ]);
    // Column names and the values of data (brand, persona, auditor) do not change.
    expect(rows[2]).toMatchObject({ brand: 'Brightline', persona: 'students', auditor: 'Boris' });
  });
});
