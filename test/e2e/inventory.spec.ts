/**
 * Existing and potential touchpoints, in the built extension: on the Method page a competitor's
 * type is marked as existing and the own brand's as absent (each cell a select named
 * "Brand — Type"); the report shows the matrix (a word and a mark in every cell, counts per brand)
 * and the executive summary names the gap — in English and in Russian; axe finds nothing there.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readTable } from './stored';

async function violations(page: Page, part: string, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include(part)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${name}: ${v.id} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('inventory: marked on the Method page → the report’s matrix and the summary’s gap', async ({
  profile,
  panel,
}) => {
  test.setTimeout(240_000);
  const { page } = panel;
  await panel.createAudit('Inventory', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');

  const method = await panel.openMethod();
  const section = method.getByRole('region', { name: 'Existing and potential touchpoints' });
  const rivalChat = section.getByRole('combobox', { name: 'Fastwave — Online chat' });
  await expect(rivalChat).toHaveValue('unchecked', { timeout: 30_000 });
  await rivalChat.selectOption('exists');
  await expect(method.getByRole('status')).toHaveText('Saved: Fastwave — Online chat: Exists.', {
    timeout: 30_000,
  });
  // By keyboard: focus the own brand's cell and choose "Absent".
  const ownChat = section.getByRole('combobox', { name: 'Brightline — Online chat' });
  await ownChat.focus();
  await ownChat.selectOption('absent');
  await expect(method.getByRole('status')).toHaveText('Saved: Brightline — Online chat: Absent.', {
    timeout: 30_000,
  });
  const brands = await readTable<{ name: string; inventory?: unknown }>(method, 'brands');
  expect(Object.fromEntries(brands.map((b) => [b.name, b.inventory]))).toEqual({
    Brightline: [{ typeId: 'online-chat', present: false }],
    Fastwave: [{ typeId: 'online-chat', present: true }],
  });
  await section.screenshot({ path: '/tmp/inventory-method.png' });
  const found = await violations(method, '#method-inventory', 'method page');

  const report = await profile.open('report.html');
  const matrix = report.locator('section.inventory');
  await expect(
    matrix.getByRole('heading', { name: 'Existing and potential touchpoints' }),
  ).toBeVisible();
  const chat = matrix.locator('tr[data-type="online-chat"] td');
  await expect(chat).toHaveText(['✕absent', '○exists, not walked']);
  await expect(matrix.locator('tfoot tr[data-state="absent"] td')).toHaveText(['1', '0']);
  await expect(matrix.locator('tfoot tr[data-state="exists"] td')).toHaveText(['0', '1']);
  await expect(report.locator('.findings')).toContainText(
    'Brightline (own) lacks touchpoints other brands have: Online chat (Fastwave).',
  );
  await matrix.screenshot({ path: '/tmp/inventory-report.png' });
  found.push(...(await violations(report, 'section.inventory', 'report')));

  // In Russian.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await report.reload();
  await expect(
    report.getByRole('heading', { name: 'Существующие и потенциальные точки контакта' }),
  ).toBeVisible();
  await expect(report.locator('section.inventory tr[data-type="online-chat"] td')).toHaveText([
    '✕нет',
    '○есть, не пройдена',
  ]);
  await expect(report.locator('.findings')).toContainText(
    'У бренда Brightline (свой) нет точек контакта, которые есть у других: Онлайн-чат (Fastwave).',
  );
  await method.reload();
  // A busy machine may take a while to read the brands again after the reload.
  await expect(method.getByRole('combobox', { name: 'Fastwave — Онлайн-чат' })).toHaveValue(
    'exists',
    { timeout: 30_000 },
  );
  found.push(...(await violations(report, 'section.inventory', 'report (ru)')));
  found.push(...(await violations(method, '#method-inventory', 'method page (ru)')));
  expect(found).toEqual([]);
});
