/**
 * Scoring blind (calibration between auditors): Anna walks and scores a brand; Boris, named in
 * Options, presses Score blind and gets the same steps and screenshots with every score empty and
 * Anna's hidden, scores them otherwise; the report pairs the two by step (MAD and κ) and counts
 * the blind walk in no brand's figures.
 */
import { expect, test } from './fixtures';
import { walkSite } from './pages';
import { readTable } from './stored';

test('a walk scored blind by a second auditor: same steps, scores hidden, paired in the report', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  const { page } = panel;
  // Boris is the auditor of this browser; Anna's walk is on it (as after importing her bundle).
  const options = await profile.open('options.html');
  const auditorForm = options.getByRole('form', { name: 'Auditor' });
  await auditorForm.getByLabel('Auditor (who walks it)').fill('Boris');
  await auditorForm.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByText('Auditor name saved.')).toBeVisible();
  await options.close();

  await panel.createAudit('Blind scoring', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own', { auditor: 'Anna' });
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans', 'Choose Home 500']);
  const anna = [4, 2, 3];
  for (const [i, value] of anna.entries()) {
    await panel
      .step(i + 1)
      .getByRole('button', { name: `Experience ${value}` })
      .click();
  }
  for (const [i, value] of anna.entries()) {
    await expect(
      panel.step(i + 1).getByRole('button', { name: `Experience ${value}` }),
    ).toHaveAttribute('aria-pressed', 'true');
  }

  const card = page.getByRole('region', { name: 'Active journey' });
  await expect(card.getByText(/Scoring blind/)).toHaveCount(0);
  await panel.button('Score blind').click();
  await expect(page.getByRole('status')).toHaveText(
    'Scoring blind: score each step as you see it.',
  );
  await expect(card.getByText('Scoring blind: the scores of Anna are hidden')).toBeVisible();
  await expect(card).toContainText('walked by Boris');
  await expect(panel.button('Score blind')).toHaveCount(0);
  // The same three steps, with their screenshots, and no score of Anna's anywhere.
  await expect(panel.steps()).toHaveCount(3);
  for (const n of [1, 2, 3]) {
    await expect(panel.step(n).getByRole('img', { name: new RegExp(`step ${n}`) })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: /^Experience \d$/, pressed: true })).toHaveCount(0);
  // The journey picker tells the blind walk apart from Anna's.
  await expect(page.getByLabel('Journey', { exact: true }).locator('option')).toHaveText([
    'Brightline Internet',
    'Brightline Internet · blind · Boris',
  ]);
  await expect.poll(async () => (await readTable(page, 'screenshots')).length).toBe(6);

  const boris = [5, 2, 1];
  for (const [i, value] of boris.entries()) {
    await panel
      .step(i + 1)
      .getByRole('button', { name: `Experience ${value}` })
      .click();
  }
  for (const [i, value] of boris.entries()) {
    await expect(
      panel.step(i + 1).getByRole('button', { name: `Experience ${value}` }),
    ).toHaveAttribute('aria-pressed', 'true');
  }

  const report = await profile.open('report.html');
  // The blind walk is in no brand's figures: one walk of the brand, Anna's.
  await expect(report.locator('table.kpis:not(.drill) tbody th')).toHaveText([
    'Brightline Internet (own) n = 1 walk',
  ]);
  await expect(report.locator('table.drill tbody tr')).toHaveCount(1);
  await expect(report.locator('table.drill tbody tr td').nth(2)).toHaveText('Anna');
  const calibration = report.locator('section.calibration');
  await expect(calibration.getByRole('heading', { level: 3 })).toHaveText(
    'Brightline Internet: Anna ↔ Boris, scored blind',
  );
  await expect(calibration).toContainText(
    'Scored blind: the same 3 steps, the scores of Anna hidden from Boris.',
  );
  // Experience (4,5) (2,2) (3,1): MAD (1 + 0 + 2) / 3 = 1; linear κ = 1 − (3/3) / (15/9) = 0.4.
  await expect(calibration.locator('tr[data-scale="experience"] td')).toHaveText([
    '3',
    '1.00',
    '0.40',
    '33 %',
  ]);
  await expect(calibration).toContainText('Step 3 “');
  await expect(calibration).toContainText('experience 3 against 1.');
});
