/**
 * Fewer touches, people and handoffs, would recommend, in the built extension: a step flagged
 * "could be merged" with a reason, an offline call with a person who was a transfer and made the
 * customer repeat, the walk answered 9 of 10 when finished; the report shows them (NPS in the key
 * figures, the people tables, touches per stage against the competitor, the flagged step), in
 * English and in Russian.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkSite } from './pages';

/** Parts of the panel and the report these features add (axe checks only them here). */
const PARTS = [
  'section.people',
  'section.fewer-touches',
  'table.kpis',
  '.recommend-note',
  '.recommend-field',
  '.step-reduce',
  '.step-person',
  '.offline-person',
];

/** Axe's violations in the parts of `page` that are there (WCAG A and AA, best practices). */
async function violations(page: Page, name: string): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  for (const part of PARTS) if (await page.locator(part).count()) builder = builder.include(part);
  const result = await builder
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${name}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('fewer touches, a person with a transfer and a repeat, would recommend → the report', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  const { page } = panel;
  await panel.createAudit('Touches', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans']);

  // Step 2 could be merged with step 1, and why.
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  const details = panel.step(2);
  await details.getByLabel('Could this touch go?').selectOption('merge');
  const reason = details.getByLabel('Why it could be cut or merged');
  await reason.fill('The plans could be on the home page');
  await reason.press('Enter');
  await expect(details.getByLabel('Why it could be cut or merged')).toHaveValue(
    'The plans could be on the home page',
  );

  // An offline call: the customer was transferred to sales and had to repeat the address.
  await panel.button('Log offline contact').click();
  const offline = page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('What happened').fill('Call: put through to sales');
  await offline.getByLabel('Who (a role or a name)').fill(' Sales manager ');
  await expect(offline.getByText('The spaces at the start and end are not kept.')).toBeVisible();
  await offline.getByLabel('The customer was transferred to them').check();
  await offline.getByLabel('The customer had to repeat what they had already said').check();
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(3);
  await panel.step(3).getByRole('button', { name: 'Details of step 3' }).click();
  await expect(panel.step(3).getByLabel('Who (a role or a name)')).toHaveValue('Sales manager');
  await expect(panel.step(3).getByLabel('The customer was transferred to them')).toBeChecked();

  // Would recommend: 9 of 10, by keyboard, then the walk is finished (the answer stays editable).
  const card = page.getByRole('region', { name: 'Active journey' });
  const nine = card.getByRole('button', { name: 'Would recommend (0–10) 9' });
  await nine.focus();
  await page.keyboard.press('Enter');
  await expect(nine).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status')).toHaveText('Would recommend: 9 of 10 saved.');
  await card.getByRole('button', { name: 'Finish journey' }).click();
  await expect(card.getByRole('button', { name: 'Reopen journey' })).toBeVisible();
  await expect(nine).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: '/tmp/touches-panel-card.png' });

  // A competitor with fewer touches: one page, answered 3.
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), []);
  await card.getByRole('button', { name: 'Would recommend (0–10) 3' }).click();
  await expect(page.getByRole('status')).toHaveText('Would recommend: 3 of 10 saved.');

  const report = await profile.open('report.html');
  const kpis = report.locator('table.kpis').first();
  await expect(kpis.getByRole('columnheader', { name: 'Would recommend: NPS' })).toBeVisible();
  await expect(kpis.locator('tr', { hasText: 'Brightline Internet (own)' })).toContainText(
    '+100 mean 9.0 · n = 1',
  );
  await expect(kpis.locator('tr', { hasText: 'Fastwave (competitor)' })).toContainText('−100');
  await expect(report.locator('.recommend-note')).toContainText('not part of checklist compliance');

  const people = report.locator('section.people');
  await expect(people.getByRole('heading', { name: 'People and handoffs' })).toBeVisible();
  // Brightline: 1 person, 1 transfer, 1 repeat (median of its one walk).
  await expect(
    people
      .locator('table.people-brands tr', { hasText: 'Brightline Internet (own)' })
      .locator('td'),
  ).toHaveText(['1', '1', '1']);
  await expect(people.locator('table.people-walks')).toContainText('Sales manager');
  await expect(people.locator('.handoffs')).toContainText('Step 3 — Call: put through to sales');
  await expect(people.locator('.handoffs')).toContainText('transferred');
  await expect(people.locator('.handoffs')).toContainText('repeated');

  const fewer = report.locator('section.fewer-touches');
  const wholeRow = fewer.locator('table.touches-table tr.total');
  // Brightline 3 touches, Fastwave 1: 2 more.
  await expect(wholeRow).toContainText('Whole walk, first to last');
  await expect(wholeRow).toContainText('2 more');
  await expect(fewer.locator('table.flagged-table')).toContainText(
    'The plans could be on the home page',
  );
  await expect(fewer.locator('table.flagged-table')).toContainText('could be merged');
  await fewer.screenshot({ path: '/tmp/touches-report-fewer.png' });
  await people.screenshot({ path: '/tmp/touches-report-people.png' });
  // No axe violation in the report with these sections filled, nor in the panel with the offline
  // form and a step's details open.
  const found = await violations(report, 'report');
  await panel.button('Log offline contact').click();
  await expect(offline.getByLabel('Who (a role or a name)')).toHaveValue('');
  await offline.getByLabel('Who (a role or a name)').fill('Anna ');
  await page.screenshot({ path: '/tmp/touches-panel-offline.png', fullPage: true });
  found.push(...(await violations(page, 'panel')));

  // In Russian: the panel's language is the report's.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await report.reload();
  await expect(report.locator('table.kpis').first()).toContainText('Готовность рекомендовать: NPS');
  await expect(report.locator('section.people')).toContainText('Люди и передачи');
  await expect(report.locator('section.fewer-touches')).toContainText('на 2 больше');
  await expect(report.locator('section.fewer-touches')).toContainText('можно объединить');
  await expect(
    page.getByRole('group', { name: 'Порекомендовал бы (0–10)' }).getByRole('button', {
      name: 'Порекомендовал бы (0–10) 3',
    }),
  ).toHaveAttribute('aria-pressed', 'true');
  const first = page.getByRole('listitem', { name: /^Шаг 1:/ });
  await first.getByRole('button', { name: 'Подробнее: шаг 1' }).click();
  await expect(first.getByLabel('Можно ли обойтись без этого касания?')).toBeVisible();
  await page.screenshot({ path: '/tmp/touches-panel-ru.png', fullPage: true });
  found.push(...(await violations(page, 'panel (ru)')));
  found.push(...(await violations(report, 'report (ru)')));
  expect(found).toEqual([]);
});
