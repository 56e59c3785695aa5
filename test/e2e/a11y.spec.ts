/**
 * Accessibility: axe-core (WCAG 2.0–2.2 A and AA rules, and best practices) finds no violation
 * in the side panel (with steps, a step's details open, a deleted step's Undo line), the report,
 * the options page, the Backups and bundles page, the Verify a report page, the annotation
 * editor and the Method page (a checklist and its pickers open), in English and in Russian. Each
 * violation is listed with its rule and the elements it names.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { walkSite } from './pages';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The violations on `page`, one line each: rule, impact, and the elements' selectors. */
async function violations(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return result.violations.map(
    (v) =>
      `${name}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join(', ')}`,
  );
}

test('panel, report, options, data, annotation and method pages have no axe violations', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  // Six pages, each checked by axe in two states: about 1.6 min on a quiet 2-core machine, over 2
  // with both cores busy. A budget, not a measurement: nothing here asserts on time.
  test.setTimeout(360_000);
  const found: string[] = [];

  // The empty panel, then one with an audit, a journey and steps.
  await expect(panel.page.getByText('Start an audit')).toBeVisible();
  found.push(...(await violations(panel.page, 'empty panel')));
  await panel.createAudit('Home internet benchmark', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await walkSite(site, panel, demo.url('/brightline/'), ['See plans', 'Choose Home 500']);
  await panel.step(1).getByRole('button', { name: 'Experience 4' }).click();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await expect(panel.step(2).getByLabel('Note', { exact: true })).toBeVisible();
  // The method on the step: a checklist answered, a running timer, an action.
  await panel.step(2).getByLabel('Touchpoint type').selectOption('web-form');
  await panel.step(2).getByRole('button', { name: /^No: / }).first().click();
  await expect(panel.step(2).locator('.check-item.answer-no')).toHaveCount(1);
  await panel.step(2).getByRole('button', { name: 'Start timer' }).click();
  await expect(panel.page.getByRole('region', { name: 'Running timers' })).toBeVisible();
  const action = panel.step(2).getByRole('form', { name: 'New action' });
  await action.getByLabel('What to change').fill('Show prices before the address check');
  await action.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.locator('details.open-actions summary')).toContainText('Open actions: 1');
  await panel.step(3).getByRole('button', { name: 'Delete step 3' }).click();
  await expect(panel.button('Undo')).toBeVisible();
  found.push(...(await violations(panel.page, 'panel')));

  // The report with both kinds of journey.
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await walkSite(site, panel, demo.url('/fastwave/'), ['See plans']);
  const report = await profile.open('report.html');
  await expect(report.getByRole('table', { name: /side by side/i }).first()).toBeVisible();
  found.push(...(await violations(report, 'report')));

  // The annotation editor of the first screenshot.
  const editor = await panel.openAnnotator(1);
  await expect(editor.getByRole('heading', { name: 'Annotate and redact' })).toBeVisible();
  found.push(...(await violations(editor, 'annotate')));

  // The Method page, with a checklist, its type picker and a standard's channels open.
  const method = await panel.openMethod();
  await expect(method.getByRole('heading', { name: 'Touchpoint types' })).toBeVisible();
  const webForm = method.locator('details.method-template').nth(1);
  await webForm.locator('summary').first().click();
  await webForm.locator('details.picker').first().locator('summary').click();
  await method
    .getByRole('region', { name: 'Service standards' })
    .locator('summary')
    .first()
    .click();
  await expect(webForm.getByRole('form', { name: /^Add a question/ })).toBeVisible();
  // From the top: rows scrolled under the sticky header would count as half-hidden targets.
  await method.evaluate(() => window.scrollTo(0, 0));
  found.push(...(await violations(method, 'method')));

  for (const path of ['options.html', 'data.html', 'verify.html']) {
    const page = await profile.open(path);
    await expect(page.getByRole('heading').first()).toBeVisible();
    found.push(...(await violations(page, path)));
  }

  // The same panel and report in Russian (longer labels, other names).
  await panel.page.getByLabel('Language').selectOption('ru');
  await expect(panel.page.getByRole('button', { name: 'Снять страницу' })).toBeVisible();
  found.push(...(await violations(panel.page, 'panel (ru)')));
  await report.reload();
  await expect(report.getByRole('table').first()).toBeVisible();
  found.push(...(await violations(report, 'report (ru)')));
  await method.reload();
  await expect(method.getByRole('heading', { name: 'Типы точек контакта' })).toBeVisible();
  found.push(...(await violations(method, 'method (ru)')));

  expect(found).toEqual([]);
});
