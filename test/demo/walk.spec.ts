/** The demo walk: two brands on the bundled demo sites, scored, compared and exported to out/. */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from '../e2e/fixtures';
import { openPanel, walkSite } from '../e2e/pages';

const OUT = resolve(import.meta.dirname, '../../out');

test('demo walk: Brightline vs Fastwave, exported to out/', async ({
  context,
  extensionId,
  demo,
}) => {
  await mkdir(OUT, { recursive: true });
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  await panel.page.setViewportSize({ width: 420, height: 1000 });
  await panel.createAudit(
    'Home internet: request a callback',
    'Brightline Internet',
    'request a callback',
  );

  const walks = [
    {
      brand: 'Brightline Internet',
      domain: 'brightline.test',
      role: 'own' as const,
      path: '/brightline/',
      links: ['See plans', 'Choose Home 500', 'Request a callback', 'Send request'],
      scores: [4, 2, 3, 3, 4],
    },
    {
      brand: 'Fastwave',
      domain: 'fastwave.test',
      role: 'competitor' as const,
      path: '/fastwave/',
      links: ['See plans', 'Choose Fibre 600', 'Request a callback', 'Call me back'],
      scores: [5, 4, 4, 5, 5],
    },
  ];
  const stages = ['information', 'information', 'offer', 'contact', 'contact'];
  for (const walk of walks) {
    await panel.createJourney(walk.brand, walk.domain, walk.role);
    await walkSite(site, panel, demo.url(walk.path), walk.links);
    for (const [i, score] of walk.scores.entries()) {
      const step = panel.step(i + 1);
      await step.getByRole('button', { name: `Experience ${score}` }).click();
      await step.getByRole('button', { name: `Details of step ${i + 1}` }).click();
      await step.getByLabel('Stage', { exact: true }).selectOption(stages[i]!);
      await step.getByRole('button', { name: `Importance ${[6, 9, 7, 8, 5][i]}` }).click();
      await step.getByRole('button', { name: `Details of step ${i + 1}` }).click();
    }
  }
  // Our chain's weak link: prices hidden behind an address check.
  const brightline = panel.page.getByLabel('Journey', { exact: true });
  await brightline.selectOption({ index: 0 });
  await panel.step(2).getByLabel('Weak link', { exact: true }).check();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await panel
    .step(2)
    .getByLabel('Note', { exact: true })
    .fill('Prices only after an address check; 3 of 8 plans unavailable.');
  await panel.step(2).getByLabel('Note', { exact: true }).blur();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('What happened').fill('Callback came 26 hours after the form');
  await offline.getByLabel('Note', { exact: true }).fill('Standard: callback within 2 hours.');
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(6);
  await panel.step(6).getByRole('button', { name: 'Experience 1' }).click();
  await panel.step(6).getByLabel('Weak link', { exact: true }).check();
  await panel.page.getByLabel('Outcome', { exact: true }).selectOption('goal-reached');
  await panel.button('Finish journey').click();
  await panel.page.screenshot({ path: `${OUT}/side-panel.png`, fullPage: true });

  const report = await context.newPage();
  await report.goto(`chrome-extension://${extensionId}/report.html`);
  await expect(report.getByRole('table', { name: 'Key figures per journey' })).toBeVisible();
  await report.screenshot({ path: `${OUT}/report-page.png` });
  const [html] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  await html.saveAs(`${OUT}/example-report.html`);
  const [csv] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  await csv.saveAs(`${OUT}/example-steps.csv`);
  const viewer = await context.newPage();
  await viewer.goto(`file://${OUT}/example-report.html`);
  await viewer.screenshot({ path: `${OUT}/example-report.png`, fullPage: true });
  console.log(`Example report: ${OUT}/example-report.html (and example-steps.csv, *.png)`);
});
