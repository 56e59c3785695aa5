/**
 * The touchpoint map and twelve walks in one chart, in the built extension: an audit of twelve
 * brands, one walk each (two web-form steps), imported as a bundle. The report shows the map with
 * a node per visible type of the catalogue and its table, and the step chart labels each of the
 * twelve lines at its end; the same in Russian. CHARTS_SHOTS=<dir> keeps pictures to look at.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { BUILTIN_TYPES } from '../../lib/taxonomy';
import { expect, test } from './fixtures';
import { DataPage } from './pages';

test('the touchpoint map and a chart of twelve walks; in Russian', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const data = await DataPage.open(context, extensionId);
  const images = await renderImages(data.page, 24);
  const file = test.info().outputPath('twelve.tpa.zip');
  await writeFile(
    file,
    await bundleBytes(generatedAudit(images, { journeys: 12, name: 'Twelve', method: true })),
  );
  await data.chooseBundle(file);
  await expect(data.count('Steps', 'New')).toHaveText('24');
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('twelve.tpa.zip imported');

  const report = await context.newPage();
  await report.setViewportSize({ width: 1400, height: 900 });
  await report.goto(`chrome-extension://${extensionId}/report.html`);
  const map = report.locator('section.mind-map');
  // Twelve brands take the report a while to read and draw.
  await expect(map.getByRole('heading', { name: 'Touchpoint map' })).toBeVisible({
    timeout: 60_000,
  });
  const image = map.getByRole('img', { name: /^Touchpoint map/ });
  await expect(image).toBeVisible();
  // A node per type of the catalogue (none hidden), each with a mark per brand.
  await expect(map.locator('svg g[data-type]')).toHaveCount(BUILTIN_TYPES.length);
  await expect(map.locator('svg g[data-type="web-form"] g[data-mark="score"]')).toHaveCount(12);
  await expect(map.locator('svg g[data-type="home-page"] g[data-mark="notWalked"]')).toHaveCount(
    12,
  );
  // Its text alternative: the same as a table, a row per type.
  await map.getByText(`The map as a table (${BUILTIN_TYPES.length} types)`).click();
  const table = map.getByRole('table', { name: /Touchpoint map: each type’s mark per brand/ });
  await expect(table.locator('tbody tr[data-type]')).toHaveCount(BUILTIN_TYPES.length);
  await expect(table.getByRole('row', { name: /^Web form/ })).toContainText('experience');
  await expect(table.getByRole('columnheader', { name: 'Brightline (own)' })).toBeVisible();

  // Twelve walks in the step chart: each line labelled at its end with its walk's label.
  const chart = report.locator('figure[data-chart="chart-experience-step"]');
  await expect(chart.locator('[data-end-label]')).toHaveCount(12);
  await expect(chart.locator('[data-end-label="Competitor 11"]')).toHaveCount(1);

  const shots = process.env.CHARTS_SHOTS;
  if (shots) {
    await map.screenshot({ path: join(shots, 'charts-e2e-map.png') });
    await chart.screenshot({ path: join(shots, 'charts-e2e-12-walks.png') });
  }

  await report.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(map.getByRole('heading', { name: 'Карта точек контакта' })).toBeVisible();
  await expect(map.getByRole('img', { name: /^Карта точек контакта/ })).toBeVisible();
  await expect(map.locator('svg g[data-type]')).toHaveCount(BUILTIN_TYPES.length);
  await expect(
    map.getByText(`Карта в виде таблицы (типов: ${BUILTIN_TYPES.length})`),
  ).toBeVisible();
  await expect(map.getByText('Веб-форма заявки').first()).toBeAttached();
});
