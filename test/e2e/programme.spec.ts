/**
 * A programme in the built extension: 3 brands × 3 waves × 2 personas (each walked by its own
 * auditor), imported as a bundle. The report compares brands within the latest wave, with n,
 * segments, waves compared and over time, the action loop and calibration; switching wave and
 * persona redraws it; the same in Russian.
 */
import { writeFile } from 'node:fs/promises';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, test } from './fixtures';
import { DataPage } from './pages';

test('a programme: brands within a wave, segments, waves over time, calibration; in Russian', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(240_000);
  const data = await DataPage.open(context, extensionId);
  const images = await renderImages(data.page, 72);
  const file = test.info().outputPath('programme.tpa.zip');
  const audit = generatedAudit(images, {
    brands: 3,
    waves: 3,
    personas: 2,
    name: 'Programme',
    method: true,
    actionEvery: 4,
  });
  await writeFile(file, await bundleBytes(audit));
  await data.chooseBundle(file);
  await expect(data.count('Steps', 'New')).toHaveText('72');
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('programme.tpa.zip imported');

  const report = await context.newPage();
  await report.goto(`chrome-extension://${extensionId}/report.html`);
  const wave = report.getByLabel('Wave', { exact: true });
  // The latest wave with walks is compared by default.
  await expect(wave.locator('option:checked')).toHaveText(/^Wave 3 — .*\(6 walks\)$/);
  const league = report.getByRole('table', { name: 'League table', exact: true });
  await expect(league.getByRole('row')).toHaveCount(4);
  for (const brand of [
    'Brightline (own)',
    'Competitor 1 (competitor)',
    'Competitor 2 (competitor)',
  ])
    await expect(league.getByRole('rowheader', { name: `${brand} n = 2 walks` })).toBeVisible();
  await expect(
    report.getByRole('heading', { name: 'Segments: who was walked where' }),
  ).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Waves compared' })).toBeVisible();
  const trend = report.locator('section.trend');
  await expect(trend.getByRole('heading', { name: 'Waves over time' })).toBeVisible();
  // Three waves: the trend is drawn as charts, one line per brand.
  await expect(trend.getByRole('img').first()).toBeVisible();
  // Each own walk's last step has an action measured by a checklist item: the next wave's value.
  const loop = report.locator('section.action-loop');
  await expect(loop.getByRole('heading', { name: 'Did the actions work?' })).toBeVisible();
  await expect(loop.getByRole('row', { name: /Fix step 4/ }).first()).toContainText('→');
  const calibration = report.locator('section.calibration');
  await expect(
    calibration.getByRole('heading', { name: 'Calibration between auditors' }),
  ).toBeVisible();
  await expect(calibration).toContainText('Auditor 1');
  await expect(calibration).toContainText('Auditor 2');
  await expect(calibration).toContainText('Weighted κ');

  // PROGRAMME_SHOT=<file.png> keeps a picture of the whole report, to look at.
  if (process.env.PROGRAMME_SHOT)
    await report.screenshot({ path: process.env.PROGRAMME_SHOT, fullPage: true });

  // One persona: each brand's one walk of it; its own auditor, so nobody to calibrate against.
  await report.getByLabel('Persona / segment', { exact: true }).selectOption({ label: 'student' });
  for (const brand of ['Brightline (own)', 'Competitor 1 (competitor)'])
    await expect(league.getByRole('rowheader', { name: `${brand} n = 1 walk` })).toBeVisible();
  await expect(report.locator('section.calibration')).toHaveCount(0);
  await report.getByLabel('Persona / segment', { exact: true }).selectOption({ index: 0 });

  // The first wave: nothing earlier to compare with.
  await wave.selectOption({ label: (await wave.locator('option').first().textContent())! });
  await expect(report.getByText(/^Compared: Wave 1, /)).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Waves compared' })).toHaveCount(0);
  await expect(
    league.getByRole('rowheader', { name: 'Brightline (own) n = 2 walks' }),
  ).toBeVisible();

  await report.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(report.getByRole('heading', { name: 'Сегменты: кто и где пройден' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Волны во времени' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Согласованность аудиторов' })).toBeVisible();
  await expect(report.getByRole('heading', { name: 'Рейтинг' })).toBeVisible();
});
