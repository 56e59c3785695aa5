/**
 * The report a consultant hands over, in the built extension: brands compared within a wave
 * (one row per brand with its n of walks), summary, league table, scorecard, charts with text
 * alternatives, fix first for the own brand only; what goes in, chosen on the page and
 * remembered with the audit; the exported file opened from disk (no scripts, no requests, charts
 * there, every image once); a brand walked twice, a brand left out, a segment chosen.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkSite, type PanelPage } from './pages';

async function score(panel: PanelPage, scores: number[]) {
  for (const [i, value] of scores.entries()) {
    await panel
      .step(i + 1)
      .getByRole('button', { name: `Experience ${value}` })
      .click();
  }
}

async function exportHtml(report: Page): Promise<{ path: string; html: string }> {
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  const path = test.info().outputPath(`report-${Date.now()}.html`);
  await download.saveAs(path);
  return { path, html: await readFile(path, 'utf8') };
}

test('the consultant report: summary, league, scorecard, charts, contents remembered, export', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  await panel.createAudit('Consultant report', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans', 'Choose Home 500']);
  await score(panel, [4, 2, 3]);
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), ['See plans', 'Choose Fibre 600']);
  // The competitor's step 2 is poor too: not ours to fix.
  await score(panel, [5, 1, 5]);

  const report = await profile.open('report.html');
  await expect(report.getByRole('heading', { name: 'Executive summary' })).toBeVisible();
  await expect(report.locator('.findings')).toContainText(
    'Fastwave (competitor) leads in 1 of 1 stages',
  );
  // The league: ranked by the composite score, the competitor (better experience) first.
  const league = report.getByRole('table', { name: 'League table' });
  await expect(league.getByRole('rowheader')).toHaveText([
    'Fastwave (competitor) n = 1 walk',
    'Brightline Internet (own) n = 1 walk',
  ]);
  await expect(
    league
      .getByRole('row', { name: /Fastwave/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('1');
  await expect(
    league
      .getByRole('row', { name: /Brightline Internet/ })
      .getByRole('cell')
      .first(),
  ).toHaveText('2');
  await expect(report.getByRole('table', { name: 'Scorecard by stage' })).toContainText(
    'Weighted experience',
  );
  // Fix first: the own brand's poor step only.
  const fixFirst = report.locator('section.fix-first li');
  await expect(fixFirst).toHaveCount(1);
  await expect(fixFirst).toContainText('Brightline Internet · Step 2');
  // Charts with text alternatives.
  const curve = report.getByRole('img', { name: /Experience by step/ });
  await expect(curve).toBeVisible();
  await expect(curve.locator('desc')).toContainText('Fastwave');

  // What goes in: conclusions, no charts, thumbnails, step 3 of the own brand left out.
  await report.getByText('What goes into the report').click();
  const contents = report.locator('details.report-contents');
  await contents.getByLabel('Conclusions').fill('Callbacks are too slow; prices come too late.');
  await contents.getByLabel('Conclusions').blur();
  await expect(report.locator('.summary .consultant')).toHaveText(
    'Callbacks are too slow; prices come too late.',
  );
  // The box follows the stored choice, so it changes once the write is done: click, then wait.
  await contents.getByRole('checkbox', { name: 'Charts' }).click();
  await expect(contents.getByRole('checkbox', { name: 'Charts' })).not.toBeChecked();
  await expect(report.locator('section.charts')).toHaveCount(0);
  await contents.getByLabel('Images').selectOption('thumbnails');
  await contents.getByText(/^Brightline Internet · 3 of 3 steps in$/).click();
  await contents.getByRole('checkbox', { name: 'Step 3: Brightline — Home 500' }).click();
  await expect(
    contents.getByRole('checkbox', { name: 'Step 3: Brightline — Home 500' }),
  ).not.toBeChecked();
  await expect(contents).toContainText('left out: 1 sections, 1 steps');
  await expect(
    report.locator('.sequence[data-journey] .step-title', { hasText: 'Home 500' }),
  ).toHaveCount(0);

  // Remembered with the audit: a new report page shows the same choices.
  await report.reload();
  await expect(report.locator('.summary .consultant')).toHaveText(
    'Callbacks are too slow; prices come too late.',
  );
  await expect(report.locator('section.charts')).toHaveCount(0);

  const { path, html } = await exportHtml(report);
  expect(html).toContain('Callbacks are too slow; prices come too late.');
  expect(html).not.toContain('class="charts"');
  expect(html).not.toContain('Brightline — Home 500');
  // No script: only the two JSON data blocks (manifest and seal), which never run.
  expect(html.match(/<script/gi)).toHaveLength(2);
  expect(html.match(/<script type="application\/json" id="tpa-(manifest|seal)">/g)).toHaveLength(2);
  // Thumbnails only, each once: 5 steps shown (one left out), 5 images embedded.
  expect(html.match(/<image id="thumb-/g)).toHaveLength(5);

  // With the charts back, the exported file opened from disk: charts drawn, nothing requested.
  await report.getByText('What goes into the report').click();
  await contents.getByRole('checkbox', { name: 'Charts' }).click();
  await expect(contents.getByRole('checkbox', { name: 'Charts' })).toBeChecked();
  await expect(report.locator('section.charts')).toHaveCount(1);
  const second = await exportHtml(report);
  expect(second.path).not.toBe(path);
  const viewer = await profile.context.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  await viewer.goto(`file://${second.path}`);
  await expect(viewer.getByRole('img', { name: /Experience by step/ })).toBeVisible();
  await expect(viewer.locator('svg.shot-img').first()).toBeVisible();
  expect(requests).toEqual([]);
  await viewer.close();

  // Our brand walked again in the same wave, by another persona: one brand, two walks.
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own', {
    persona: 'Student, first home',
  });
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans']);
  await score(panel, [5, 4]);
  await report.bringToFront();
  const wave = report.getByLabel('Wave', { exact: true });
  await expect(wave.locator('option:checked')).toHaveText(/^Wave 1 — .+ \(3 walks\)$/);
  const brands = report.getByRole('group', { name: 'Brands compared' });
  await expect(brands.getByRole('checkbox')).toHaveCount(2);
  await expect(
    brands.getByRole('checkbox', { name: 'Brightline Internet (own) · walks: 2' }),
  ).toBeChecked();
  await expect(league.getByRole('rowheader')).toHaveCount(2);
  await expect(league.getByRole('row', { name: /Brightline Internet/ })).toContainText(
    'n = 2 walks',
  );
  // The drill-down lists each of our walks, told apart by persona.
  const drill = report.locator('section.drill-down');
  await expect(drill.locator('tr[data-journey]')).toHaveCount(3);
  await expect(drill).toContainText('Brightline Internet · Student, first home');
  await expect(report.locator('.report-wave')).toContainText('Compared: Wave 1');
  // A picture of the controls and the brand tables, for the record (test-results).
  await report.getByText('What goes into the report').click();
  await report.locator('section.league').scrollIntoViewIfNeeded();
  await report.screenshot({ path: test.info().outputPath('report-brands.png') });
  await report.locator('section.drill-down').scrollIntoViewIfNeeded();
  await report.screenshot({ path: test.info().outputPath('report-drill-down.png') });

  // Leave the competitor out: no league of one brand, no gap without a competitor.
  await brands.getByRole('checkbox', { name: /^Fastwave/ }).uncheck();
  await expect(report.getByRole('table', { name: 'League table' })).toHaveCount(0);
  await expect(report.locator('section.sequence')).toHaveCount(2);
  await brands.getByRole('checkbox', { name: /^Fastwave/ }).check();
  // A segment: only the students' walk, so only our brand.
  await report.getByLabel('Persona / segment').selectOption('Student, first home');
  await expect(report.locator('.report-wave')).toContainText(
    'Only walks of Persona / segment: Student, first home',
  );
  await expect(report.locator('section.sequence')).toHaveCount(1);
});
