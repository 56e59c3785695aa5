/**
 * Page facts (an option per audit) in the built extension: after each capture, axe-core's
 * accessibility violations and the page's load timings are read from the page and stored with
 * the step, then compared per brand in the report and the CSV.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { readTable } from './stored';

interface StoredStep {
  id: string;
  seq: number;
  journeyId: string;
  url: string;
  pageFacts?: {
    accessibility: {
      engine: string;
      critical: number;
      serious: number;
      moderate: number;
      minor: number;
      rules: { id: string; impact: string; elements: number; help: string }[];
    } | null;
    accessibilityMissing: string | null;
    timings: { ttfb: number | null; domContentLoaded: number | null; sameDocument: boolean } | null;
  };
}

test('facts are read at capture, stored with the step and compared per brand in report and CSV', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  await panel.button('New audit').first().click();
  const form = panel.page.getByRole('form', { name: 'New audit' });
  await form.getByLabel('Audit name').fill('Facts lab');
  const option = form.getByRole('checkbox', { name: /^Page facts with each new capture/ });
  await expect(option).not.toBeChecked();
  await option.check();
  await form.getByRole('button', { name: 'Create audit' }).click();
  await expect(form).toBeHidden();

  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/index.html'));
  await panel.capture(1);
  await site.goto(demo.url('/hostile/index.html'));
  await panel.capture(2);
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await site.goto(demo.url('/fastwave/index.html'));
  await panel.capture(1);

  const steps = await readTable<StoredStep>(panel.page, 'touchpoints');
  expect(steps).toHaveLength(3);
  for (const step of steps) {
    const facts = step.pageFacts!;
    expect(facts.accessibilityMissing).toBeNull();
    expect(facts.accessibility?.engine).toMatch(/^axe-core \d+\.\d+\.\d+$/);
    expect(facts.timings?.ttfb).toBeGreaterThanOrEqual(0);
    expect(facts.timings?.domContentLoaded).toBeGreaterThan(0);
    expect(facts.timings?.sameDocument).toBe(false);
  }
  // The hostile page has no main landmark and content outside landmarks: axe says so.
  const hostile = steps.find((s) => s.url.includes('/hostile/'))!;
  const rules = hostile.pageFacts!.accessibility!.rules.map((r) => r.id);
  expect(rules).toContain('landmark-one-main');

  // The step's details say what the page said of itself.
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await expect(panel.step(1).locator('.step-facts')).toHaveText(
    /^Page facts: 0 critical, 0 serious, \d+ moderate, \d+ minor accessibility issues · Time to first byte \d+ ms/,
  );

  const report = await profile.open('report.html');
  const section = report.getByRole('region', {
    name: 'Page facts: accessibility and load timings',
  });
  const table = section.getByRole('table', { name: 'Page facts by brand' });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Figure',
    'Brightline (own)',
    'Fastwave (competitor)',
  ]);
  await expect(table.getByRole('row', { name: /^Pages with facts/ }).getByRole('cell')).toHaveText([
    '2 of 2',
    '1 of 1',
  ]);
  await expect(
    table.getByRole('row', { name: /^Time to first byte, median/ }).getByRole('cell'),
  ).toHaveText([/ms \(n = 2\)$/, /ms \(n = 1\)$/]);
  await expect(section.getByRole('listitem').filter({ hasText: 'landmark-one-main' })).toHaveCount(
    1,
  );

  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const path = test.info().outputPath('facts.csv');
  await download.saveAs(path);
  const [head, ...rows] = (await readFile(path, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  const columns = head!.split(',').map((c) => c.replace(/"/g, ''));
  const at = (row: string, column: string) => {
    const cells = row.match(/"(?:[^"]|"")*"/g)!.map((c) => c.slice(1, -1));
    return cells[columns.indexOf(column)];
  };
  expect(columns).toEqual(expect.arrayContaining(['a11y_critical', 'ttfb_ms', 'lcp_ms']));
  const hostileRow = rows.find((row) => row.includes('/hostile/'))!;
  expect(at(hostileRow, 'a11y_rules')).toContain('landmark-one-main');
  expect(at(hostileRow, 'a11y_engine')).toMatch(/^axe-core /);
  expect(Number(at(hostileRow, 'dom_content_loaded_ms'))).toBeGreaterThan(0);
});
