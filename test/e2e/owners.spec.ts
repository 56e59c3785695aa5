/**
 * Who owns a touchpoint and priority that counts the cost, in the built extension: a type's owner
 * set on the Method page (the department trimmed with a word), one step's owner overridden in the
 * panel, two actions given efforts (one a cost) → the report's departments table, quick wins and
 * the ranking show them, in English and in Russian.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkSite } from './pages';

/** Parts of the panel, Method page and report this feature adds (axe checks only them here). */
const PARTS = [
  'section.owners',
  'section.quick-wins',
  'section.fix-first',
  '.step-owner',
  '.action-effort',
  '.action-form',
  'td.col-owner',
];

async function violations(page: Page, name: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  let any = false;
  for (const part of PARTS)
    if (await page.locator(part).count()) {
      builder = builder.include(part);
      any = true;
    }
  if (!any) return [];
  const result = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${name}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('owners per type and step, efforts of actions → departments and quick wins', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  const { page } = panel;
  await panel.createAudit('Owners', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans']);

  // The Method page: the home page is Marketing's (typed with spaces: trimmed, and said so), the
  // catalogue page a partner's sales team.
  const method = await panel.openMethod();
  const types = method.getByRole('region', { name: 'Touchpoint types' });
  const home = types.getByLabel('Owning department of “Home page”');
  await home.fill('  Marketing ');
  await home.press('Enter');
  await expect(types.getByText('saved as “Marketing”')).toBeVisible();
  await expect(home).toHaveValue('Marketing');
  await expect(types.getByLabel('Who controls “Home page”')).toHaveValue('own');
  const catalogue = types.getByLabel('Owning department of “Catalogue page”');
  await catalogue.fill('Sales');
  await catalogue.press('Enter');
  await expect(types.getByLabel('Who controls “Catalogue page”')).toHaveValue('own');
  await types.getByLabel('Who controls “Catalogue page”').selectOption('partner');
  await types
    .getByRole('row')
    .filter({ has: method.getByLabel('Owning department of “Home page”') })
    .screenshot({ path: '/tmp/owners-method-row.png' });
  await page.bringToFront();

  // Step 1: the home page, poor (2) and important (9); an S action costing 500.
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  const one = panel.step(1);
  await one.getByLabel('Touchpoint type').selectOption('home-page');
  await one.getByRole('button', { name: 'Experience 2' }).click();
  await one.getByRole('button', { name: 'Importance 9' }).click();
  await expect(one.locator('.step-owner summary')).toHaveText('Owner: Marketing (ours)');
  const form1 = one.getByRole('form', { name: 'New action' });
  await form1.getByLabel('What to change').fill('Show prices on the home page');
  await form1.getByLabel('Owner (person or department)').fill('Anna');
  await form1.getByLabel('Effort').selectOption('S');
  await form1.getByLabel('Cost (optional)').fill('12,5x');
  await expect(form1.getByRole('alert')).toContainText('The cost must be a number');
  await form1.getByLabel('Cost (optional)').fill('500');
  await form1.getByRole('button', { name: 'Add action' }).click();
  await expect(one.getByLabel('Effort of “Show prices on the home page”')).toHaveValue('S');
  await expect(one.getByLabel('Cost of “Show prices on the home page”')).toHaveValue('500');

  // (One step's details open at a time: each has its own "New action" form.)
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  // Step 2: the catalogue page, its owner overridden for this step: the web team, a third party.
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  const two = panel.step(2);
  await two.getByLabel('Touchpoint type').selectOption('catalogue-page');
  await two.getByRole('button', { name: 'Experience 3' }).click();
  await two.getByRole('button', { name: 'Importance 6' }).click();
  await expect(two.locator('.step-owner summary')).toHaveText('Owner: Sales (partner)');
  await two.locator('.step-owner summary').click();
  await expect(two.getByText('From its touchpoint type: Sales (partner).')).toBeVisible();
  await two.getByLabel('Owning department').fill('Web team');
  await two.getByLabel('Owning department').press('Enter');
  await expect(two.locator('.step-owner summary')).toHaveText('Owner: Web team (partner)');
  await two.getByLabel('Controlled by').selectOption('third-party');
  await expect(two.locator('.step-owner summary')).toHaveText('Owner: Web team (third party)');
  await expect(two.getByText('Set for this step (its type says: Sales (partner)).')).toBeVisible();
  const form2 = two.getByRole('form', { name: 'New action' });
  await form2.getByLabel('What to change').fill('Rebuild the plan table');
  await form2.getByLabel('Effort').selectOption('L');
  await form2.getByRole('button', { name: 'Add action' }).click();
  await expect(two.getByLabel('Effort of “Rebuild the plan table”')).toHaveValue('L');
  await two.screenshot({ path: '/tmp/owners-panel-step.png' });

  const report = await profile.open('report.html');
  const owners = report.locator('section.owners');
  await expect(owners.getByRole('heading', { name: 'Who owns what' })).toBeVisible();
  // Marketing: step 1 (weak, experience 2, ours), one open action.
  await expect(owners.locator('tr[data-department="Marketing"] > *')).toHaveText([
    'Marketing',
    '1',
    '1',
    '2.0 (n = 1)',
    '1 / 0 / 0',
    '1',
    '0',
    '0',
    '0',
  ]);
  await expect(owners.locator('tr[data-department="Web team"] > *')).toHaveText([
    'Web team',
    '1',
    '0',
    '3.0 (n = 1)',
    '0 / 0 / 1',
    '1',
    '0',
    '0',
    '0',
  ]);
  const wins = report.locator('section.quick-wins');
  // Step 1: 9 × 3 = 27, effort S: the quick win, with its owner, cost and action.
  const win = wins.locator('table.quick-wins-table tbody tr');
  await expect(win).toHaveCount(1);
  await expect(win).toContainText('Step 1');
  await expect(win).toContainText('Marketing (ours)');
  await expect(win).toContainText('9 × 3 = 27');
  await expect(win).toContainText('Show prices on the home page · effort S · cost 500 · Anna');
  // The ranking: step 1 27 ÷ 1 = 27; step 2 6 × 2 = 12 ÷ L (4) = 3.
  const ranked = wins.locator('table.cost-rank-table tbody tr');
  await expect(ranked.nth(0).locator('td').last()).toHaveText('27.0');
  await expect(ranked.nth(1)).toContainText('Web team (third party)');
  await expect(ranked.nth(1).locator('td').last()).toHaveText('3.0');
  await expect(report.locator('section.fix-first')).toContainText('Owner: Marketing (ours)');
  await owners.screenshot({ path: '/tmp/owners-report-departments.png' });
  await wins.screenshot({ path: '/tmp/owners-report-quick-wins.png' });
  const found = await violations(report, 'report');
  found.push(...(await violations(page, 'panel')));
  found.push(...(await violations(method, 'method')));

  // In Russian: the panel's language is the report's.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await report.reload();
  await expect(report.locator('section.owners')).toContainText('Кто за что отвечает');
  await expect(report.locator('section.owners')).toContainText('Слабых звеньев');
  await expect(report.locator('section.quick-wins')).toContainText('Быстрые победы');
  await expect(report.locator('section.quick-wins')).toContainText('Marketing (свой)');
  await expect(report.locator('section.quick-wins')).toContainText('трудоёмкость S');
  await report.locator('section.quick-wins').screenshot({ path: '/tmp/owners-report-ru.png' });
  found.push(...(await violations(report, 'report (ru)')));
  expect(found).toEqual([]);
});
