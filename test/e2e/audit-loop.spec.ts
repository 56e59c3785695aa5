/** The whole audit loop in the built extension: journeys → capture → score → compare → export. */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { readStoredShots } from './stored';
import { walkSite } from './pages';

const BRIGHTLINE_LINKS = ['See plans', 'Choose Home 500', 'Request a callback', 'Send request'];
const FASTWAVE_LINKS = ['See plans', 'Choose Fibre 600', 'Request a callback', 'Call me back'];

test('walk two brands, score, reorder, delete, survive a restart, compare and export', async ({
  site,
  panel,
  restart,
  demo,
}) => {
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  site.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message())));

  // An audit with our own brand's journey.
  await expect(panel.page.getByText('Start an audit')).toBeVisible();
  await panel.createAudit('Home internet benchmark', 'Brightline', 'request a callback');
  // The first journey of an audit starts as the own brand's, later ones as competitors'.
  const roleOfNewJourney = async () => {
    const form = panel.page.getByRole('form', { name: 'New journey' });
    if (!(await form.isVisible())) await panel.button('New journey').click();
    return form.getByLabel('Brand role');
  };
  await expect(await roleOfNewJourney()).toHaveValue('own');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');

  // Walk the own path, capturing every page; thumbnails appear at once.
  await walkSite(site, panel, demo.url('/brightline/'), BRIGHTLINE_LINKS);
  await expect(panel.steps()).toHaveCount(5);
  await expect(panel.page.locator('img.thumb')).toHaveCount(5);
  // Each capture is saved with the image as its thumbnail; the real one follows right after.
  await expect
    .poll(async () =>
      (await readStoredShots(panel.page)).map((shot) => ({
        width: shot.thumbnail.width,
        smaller: shot.thumbnail.bytes < shot.thumbnail.imageBytes,
      })),
    )
    .toEqual(Array.from({ length: 5 }, () => ({ width: 320, smaller: true })));
  await expect(panel.step(1)).toContainText('Brightline — Home internet');
  await expect(panel.step(5)).toContainText('Brightline — Thank you');

  // Score and flag steps.
  await panel.step(1).getByRole('button', { name: 'Experience 4' }).click();
  await panel.step(2).getByRole('button', { name: 'Experience 2' }).click();
  await panel.step(2).getByLabel('Weak link', { exact: true }).check();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await panel.step(2).getByLabel('Stage', { exact: true }).selectOption('information');
  await panel.step(2).getByRole('button', { name: 'Importance 9' }).click();
  await panel.step(2).getByRole('button', { name: 'Likely to choose 3' }).click();
  await panel
    .step(2)
    .getByLabel('Note', { exact: true })
    .fill('Plan prices hidden behind an address check');
  await panel.step(2).getByLabel('Note', { exact: true }).blur();
  await panel.step(5).getByLabel('Wow', { exact: true }).check();
  await expect(panel.step(2).getByRole('button', { name: 'Experience 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // An offline contact with an evidence photo, and a refused non-image file.
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('Channel', { exact: true }).selectOption('phone');
  await offline.getByLabel('Stage', { exact: true }).selectOption('contact');
  await offline.getByLabel('What happened').fill('Callback from sales after 26 hours');
  await offline.getByLabel('Evidence image (optional)').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not an image'),
  });
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(offline.getByRole('alert')).toContainText('notes.txt');
  await expect(panel.steps()).toHaveCount(5);
  const photo = await site.screenshot({
    type: 'png',
    clip: { x: 0, y: 0, width: 320, height: 200 },
  });
  await offline
    .getByLabel('Evidence image (optional)')
    .setInputFiles({ name: 'callback.png', mimeType: 'image/png', buffer: photo });
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Offline contact added as step 6.');
  await expect(panel.step(6)).toContainText('Callback from sales after 26 hours');
  await expect(panel.step(6).locator('img.thumb')).toHaveCount(1);

  await panel.page.getByLabel('Outcome', { exact: true }).selectOption('goal-reached');
  await panel.button('Finish journey').click();
  await expect(panel.page.getByRole('region', { name: 'Active journey' })).toContainText(
    'goal reached',
  );

  // The competitor's journey.
  await expect(await roleOfNewJourney()).toHaveValue('competitor');
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), FASTWAVE_LINKS);
  await expect(panel.steps()).toHaveCount(5);
  await panel.step(4).getByRole('button', { name: 'Experience 5' }).click();

  // Reorder: the thank-you page moves up one place; then delete a step and undo, then delete it.
  await panel.step(5).getByRole('button', { name: 'Move step 5 up' }).click();
  await expect(panel.step(4)).toContainText('Fastwave — Thanks');
  await expect(panel.step(5)).toContainText('Fastwave — Request a callback');
  await panel.step(3).getByRole('button', { name: 'Delete step 3' }).click();
  await expect(panel.steps()).toHaveCount(4);
  await panel.button('Undo').click();
  await expect(panel.steps()).toHaveCount(5);
  await expect(panel.step(3)).toContainText('Fastwave — Fibre 600');
  await panel.step(3).getByRole('button', { name: 'Delete step 3' }).click();
  await expect(panel.steps()).toHaveCount(4);
  await expect(panel.step(3)).toContainText('Fastwave — Thanks');

  // Everything survives a browser restart (same profile, real IndexedDB).
  const again = await restart();
  const reopened = await again.panelTab();
  await expect(reopened.steps()).toHaveCount(4);
  await reopened.page
    .getByLabel('Journey', { exact: true })
    .selectOption({ label: 'Brightline Internet' });
  await expect(reopened.steps()).toHaveCount(6);
  await expect(reopened.step(2)).toContainText('Weak link');
  await expect(reopened.step(2).getByRole('button', { name: 'Experience 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The report compares both journeys side by side.
  const report = await again.open('report.html');
  await expect(report.getByRole('heading', { name: 'Home internet benchmark' })).toBeVisible();
  // One row per brand (each walked once here): how its walks ended, then its touches.
  const kpis = report.getByRole('table', { name: /^Key figures per brand/ });
  await expect(kpis.getByRole('row')).toHaveCount(3);
  await expect(kpis.getByRole('row', { name: /Brightline Internet/ })).toContainText('reached: 1');
  await expect(
    kpis
      .getByRole('row', { name: /Brightline Internet/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('6');
  await expect(
    kpis
      .getByRole('row', { name: /Fastwave/ })
      .getByRole('cell')
      .nth(1),
  ).toHaveText('4');
  await expect(report.locator('.stages thead th')).toHaveText([
    'Stage',
    'Brightline Internet (own) n = 1 walk',
    'Fastwave (competitor) n = 1 walk',
  ]);
  await expect(report.getByText('missing').first()).toBeVisible();

  // Export HTML: self-contained, steps in order, both brands, images inline, no scripts, CSP.
  const [htmlDownload] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  expect(htmlDownload.suggestedFilename()).toMatch(
    /^home-internet-benchmark-\d{4}-\d{2}-\d{2}-report\.html$/,
  );
  const htmlPath = test.info().outputPath(htmlDownload.suggestedFilename());
  await htmlDownload.saveAs(htmlPath);
  const html = await readFile(htmlPath, 'utf8');
  expect(
    html.includes('<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;'),
  ).toBe(true);
  // No script but the manifest's two JSON data blocks (never run).
  expect(html.match(/<script/gi)).toEqual(['<script', '<script']);
  expect(html).toContain('<script type="application/json" id="tpa-manifest">');
  expect(html).toContain('<script type="application/json" id="tpa-seal">');
  // Nothing is loaded from outside the file: images are data URLs, each embedded once and
  // referred to (href="#img-…") wherever the report shows it.
  expect(/(src|href)="(?!data:|https?:|#img-)/.test(html)).toBe(false);
  const embedded = html.match(
    /<image id="img-[0-9a-f]{64}" href="data:image\/(jpeg|webp);base64,/g,
  );
  expect(embedded?.length).toBeGreaterThanOrEqual(10);
  expect(new Set(embedded).size).toBe(embedded?.length);
  expect(html.match(/<use href="#img-[0-9a-f]{64}"/g)?.length).toBeGreaterThanOrEqual(20);
  const ownTitles = [
    'Brightline — Home internet',
    'Brightline — Plans',
    'Brightline — Home 500',
    'Brightline — Request a callback',
    'Brightline — Thank you',
    'Callback from sales after 26 hours',
  ];
  const ownSequence = html.slice(html.indexOf('<section class="sequence"'));
  let last = -1;
  for (const title of ownTitles) {
    const at = ownSequence.indexOf(`<span class="step-title">${title}</span>`);
    expect(at, title).toBeGreaterThan(last);
    last = at;
  }
  expect(html.includes('Plan prices hidden behind an address check')).toBe(true);

  // Open the export offline as a file: it renders, with no request leaving the page.
  const viewer = await again.context.newPage();
  const requests: string[] = [];
  viewer.on('request', (r) => void (r.url().startsWith('data:') || requests.push(r.url())));
  await viewer.goto(`file://${htmlPath}`);
  await expect(viewer.getByRole('heading', { name: 'Home internet benchmark' })).toBeVisible();
  expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  const brokenImages = await viewer
    .locator('img')
    .evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).naturalWidth).length);
  expect(brokenImages).toBe(0);
  // It prints to PDF (headless Chromium's print path), several A4 pages.
  const pdf = await viewer.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThan(1);

  // Export CSV: one row per step, own brand first.
  const [csvDownload] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = await readFile((await csvDownload.path())!, 'utf8');
  const rows = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(rows).toHaveLength(1 + 6 + 4);
  expect(rows[1]).toContain('"Brightline Internet"');
  expect(rows[10]).toContain('"Fastwave"');
  expect(rows[2]).toContain('"true"');
  expect(dialogs).toEqual([]);
});

test("a new journey's outcome to finish with starts at goal reached, not at the last journey's", async ({
  panel,
}) => {
  await panel.createAudit('Outcomes', '', '');
  await panel.createJourney('Brightline', '', 'own');
  await panel.page.getByLabel('Outcome', { exact: true }).selectOption('blocked');
  await panel.button('Finish journey').click();
  await expect(panel.page.getByRole('region', { name: 'Active journey' })).toContainText('blocked');
  await panel.createJourney('Fastwave', '', 'competitor');
  await expect(panel.page.getByLabel('Outcome', { exact: true })).toHaveValue('goal-reached');
});
