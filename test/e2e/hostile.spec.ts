/** Page content is hostile: titles, URLs and notes are data in the panel, report, HTML and CSV. */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { readEverything } from './stored';

const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","x")';

test('a hostile page title stays text in the panel, the report, the HTML export and the CSV', async ({
  context,
  profile,
  site,
  panel,
  dialogs,
  demo,
}) => {
  site.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));
  await panel.createAudit('Hostile input', '', '');
  await panel.createJourney('Evil Corp', 'evil.test', 'competitor');

  // A browser page cannot be captured: a clear message, and no step.
  await site.bringToFront();
  await site.goto('about:blank');
  await panel.button('Capture page').click();
  await expect(panel.page.getByRole('alert')).toContainText('This page cannot be captured');
  await expect(panel.page.getByText('No steps yet')).toBeVisible();

  await site.goto(demo.url('/hostile/'));
  expect(await site.title()).toBe(HOSTILE_TITLE);
  await panel.capture(1);
  await expect(panel.page.getByRole('alert')).toHaveCount(0);
  await expect(panel.step(1).locator('.step-name')).toHaveText(HOSTILE_TITLE);
  await expect(panel.page.locator('img[src="x"]')).toHaveCount(0);
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await panel.step(1).getByLabel('Note', { exact: true }).fill(FORMULA);
  await panel.step(1).getByLabel('Note', { exact: true }).blur();
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();

  const report = await profile.open('report.html');
  await expect(report.locator('.step-title').first()).toHaveText(HOSTILE_TITLE);
  await expect(report.locator('img[src="x"]')).toHaveCount(0);

  const [htmlDownload] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  const htmlPath = test.info().outputPath('hostile.html');
  await htmlDownload.saveAs(htmlPath);
  const html = await readFile(htmlPath, 'utf8');
  expect(html.includes(HOSTILE_TITLE)).toBe(false);
  expect(html.includes('&lt;img src=x onerror=alert(1)>')).toBe(true);
  const viewer = await context.newPage();
  await viewer.goto(`file://${htmlPath}`);
  await expect(viewer.locator('.step-title').first()).toHaveText(HOSTILE_TITLE);
  await expect(viewer.locator('img[src="x"]')).toHaveCount(0);

  const [csvDownload] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  expect(csv).toContain(`"${HOSTILE_TITLE}"`);
  expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  expect(dialogs).toEqual([]);
});

test('a non-image evidence file is refused with a message and nothing is stored', async ({
  panel,
}) => {
  await panel.createAudit('Uploads', '', '');
  await panel.createJourney('Brand', '', 'own');
  const before = await readEverything(panel.page);
  await panel.button('Log offline contact').click();
  const form = panel.page.getByRole('form', { name: 'Log offline contact' });
  await form.getByLabel('Evidence image (optional)').setInputFiles({
    name: 'fake.png',
    mimeType: 'image/png',
    buffer: Buffer.from('<svg onload=alert(1)>'),
  });
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'The file fake.png could not be read as an image (it may be damaged, or not really image/png). Nothing was saved.',
  );
  await expect(panel.page.getByText('No steps yet')).toBeVisible();
  // Nothing anywhere: no record in any database, nothing in extension storage.
  expect(await readEverything(panel.page)).toEqual(before);
});
