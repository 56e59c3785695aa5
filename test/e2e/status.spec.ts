/**
 * Touches after the sale (#16 point 7): steps in support and cancellation get the built-in
 * checklists of those stages in the side panel; the report shows the stages under the customer's
 * status (potential, current, former customer) in English and in Russian, with subtotals.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { expect, test } from './fixtures';
import type { PanelPage } from './pages';

const SUPPORT = BUILTIN_CHECKLISTS.find((c) => c.id === 'support-request')!;
const CANCELLATION = BUILTIN_CHECKLISTS.find((c) => c.id === 'cancellation')!;

/** axe violations (WCAG A/AA and best practices) in the report's tables grouped by status. */
async function axeOfStatusTables(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('section.scorecard')
    .include('section.compare')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

async function logContact(panel: PanelPage, stage: string, channel: string, what: string) {
  await panel.button('Log offline contact').click();
  const form = panel.page.getByRole('form', { name: 'Log offline contact' });
  await form.getByLabel('Channel', { exact: true }).selectOption(channel);
  await form.getByLabel('Stage', { exact: true }).selectOption(stage);
  await form.getByLabel('What happened').fill(what);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(form).toBeHidden();
}

test('after the sale: support and cancellation checklists; the report by customer status', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  await panel.createAudit('After the sale', 'Brightline', 'cancel the contract');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/'));
  await panel.capture(1);
  await logContact(panel, 'onboarding', 'phone', 'Setup call from the installer');
  await logContact(panel, 'support', 'email', 'Asked support why the line drops');
  await logContact(panel, 'cancellation', 'phone', 'Called to cancel the contract');
  await expect(panel.steps()).toHaveCount(4);
  for (const [n, value] of [
    [1, 4],
    [2, 5],
    [3, 2],
    [4, 3],
  ] as const)
    await panel
      .step(n)
      .getByRole('button', { name: `Experience ${value}`, exact: true })
      .click();

  // The panel offers the new checklists of the stages after the sale, and they can be answered.
  await panel.step(3).getByRole('button', { name: 'Details of step 3' }).click();
  const support = panel.step(3).getByRole('region', { name: 'Checklist Support request, step 3' });
  await expect(support.locator('.check-item')).toHaveCount(SUPPORT.items.length);
  await expect(support).toContainText('Was the problem solved at the first contact?');
  await support
    .getByRole('button', { name: /^No: Was the problem solved at the first contact/ })
    .click();
  await expect(support.locator('.check-item.answer-none')).toHaveCount(SUPPORT.items.length - 1);
  await panel.step(4).getByRole('button', { name: 'Details of step 4' }).click();
  const cancellation = panel
    .step(4)
    .getByRole('region', { name: 'Checklist Cancellation and win-back, step 4' });
  await expect(cancellation.locator('.check-item')).toHaveCount(CANCELLATION.items.length);
  await expect(cancellation).toContainText('Were you asked why you are leaving?');

  // The report: the scorecard's stages under their status, a subtotal where a status has two.
  const report = await profile.open('report.html');
  const scorecard = report.getByRole('table', { name: 'Scorecard by stage' });
  await expect(scorecard.locator('tr.status-head')).toHaveText([
    'Potential customer',
    'Current customer',
    'Former customer',
  ]);
  // Each stage's name, then what it gives the customer (the built-in choice).
  await expect(scorecard.getByRole('rowheader')).toHaveText([
    'Potential customer',
    'Information gatheringGives: the need',
    'Current customer',
    /^Onboarding \/ setupGives: /,
    /^SupportGives: /,
    'Subtotal: Current customer',
    'Former customer',
    /^CancellationGives: /,
  ]);
  // Current customer: onboarding 5 and support 2 in one walk → 3.5.
  await expect(scorecard.locator('tr.status-subtotal')).toContainText('3.5');
  const sideBySide = report.locator('section.compare table.stages');
  await expect(sideBySide.locator('tr.status-head')).toHaveCount(3);
  expect(await axeOfStatusTables(report)).toEqual([]);
  await report.screenshot({ path: '/tmp/status-report-en.png', fullPage: true });
  await scorecard.screenshot({ path: '/tmp/status-scorecard-en.png' });

  // In Russian.
  await panel.page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(panel.page.getByRole('button', { name: 'Снять страницу' })).toBeVisible();
  await report.reload();
  const ru = report.getByRole('table', { name: 'Оценка по этапам' });
  await expect(ru.locator('tr.status-head')).toHaveText([
    'Потенциальный клиент',
    'Действующий клиент',
    'Бывший клиент',
  ]);
  await expect(ru.locator('tr.status-subtotal th')).toHaveText('Подытог: Действующий клиент');
  await expect(ru.locator('tr.status-subtotal')).toContainText('3,5');
  await ru.screenshot({ path: '/tmp/status-scorecard-ru.png' });
  expect(await axeOfStatusTables(report)).toEqual([]);
});
