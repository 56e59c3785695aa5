/**
 * Brands and waves in the side panel: a walk's brand and wave picked or added in the New journey
 * form, the Brands and waves card (add, edit, delete, the refusal while walks use one), and the
 * journey picker's labels (brand, then only what differs), in English and Russian.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A local day as a `date` input shows it. */
function dayValue(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** The journey picker's labels, in order. */
function pickerLabels(page: Page, name = 'Journey') {
  return page.getByLabel(name, { exact: true }).locator('option');
}

/** The Brands and waves card, unfolded. */
async function programmeCard(page: Page, summary = 'Brands and waves') {
  const card = page.locator('details.programme');
  if (!(await card.evaluate((d: HTMLDetailsElement) => d.open))) {
    await card.locator('summary', { hasText: summary }).click();
  }
  return card;
}

test('walks of one brand are told apart; brands and waves are added, moved to and refused', async ({
  panel,
}) => {
  test.setTimeout(120_000);
  const { page } = panel;
  await panel.createAudit('Brands and waves', 'Brightline', 'request a callback');

  // The first walk: a new brand and the proposed "Wave 1" of this month.
  const form = page.getByRole('form', { name: 'New journey' });
  const now = new Date();
  await expect(form.getByLabel('Wave name')).toHaveValue('Wave 1');
  await expect(form.getByLabel('First day')).toHaveValue(
    dayValue(new Date(now.getFullYear(), now.getMonth(), 1)),
  );
  await expect(form.getByLabel('Last day')).toHaveValue(
    dayValue(new Date(now.getFullYear(), now.getMonth() + 1, 0)),
  );
  await expect(form.getByLabel('Brand role')).toHaveValue('own');
  // A wave that ends before it starts is refused with what is wrong.
  await form.getByLabel('Brand name').fill('Brightline');
  await form.getByLabel('Last day').fill(dayValue(new Date(now.getFullYear() - 1, 0, 1)));
  await form.getByRole('button', { name: 'Create journey' }).click();
  await expect(form.getByRole('alert')).toHaveText('The wave’s last day is before its first day.');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await panel.createJourney('Brightline', 'brightline.test', 'own', { persona: 'Students' });

  // The second walk of the same brand: picked from the list, another persona.
  await page.getByRole('button', { name: 'New journey' }).click();
  await expect(form.getByLabel('Brand', { exact: true })).toHaveValue(/.+/);
  await expect(form.getByLabel('Wave', { exact: true }).locator('option:checked')).toHaveText(
    /^Wave 1 · /,
  );
  if (process.env.PANEL_FORM_SHOT) {
    await form.getByLabel('Wave', { exact: true }).selectOption({ label: 'New wave…' });
    await page.screenshot({ path: process.env.PANEL_FORM_SHOT, fullPage: true });
    await form.getByLabel('Wave', { exact: true }).selectOption({ index: 0 });
  }
  await panel.createJourney('Brightline', '', 'own', { persona: 'Retired couple' });
  await expect(pickerLabels(page)).toHaveText([
    'Brightline · Students',
    'Brightline · Retired couple',
  ]);
  await expect(page.getByRole('region', { name: 'Active journey' })).toContainText('Wave 1');

  // Brands and waves: a competitor and a second wave added by hand.
  const card = await programmeCard(page);
  await card.getByRole('button', { name: 'Add brand' }).click();
  const brandForm = card.getByRole('form', { name: 'New brand' });
  await expect(brandForm.getByLabel('Brand role')).toHaveValue('competitor');
  await brandForm.getByLabel('Brand name').fill('Fastwave');
  await brandForm.getByLabel('Brand domain').fill('fastwave.test');
  await brandForm.getByRole('button', { name: 'Add brand' }).click();
  await expect(page.getByRole('status')).toHaveText('Brand “Fastwave” added.');
  // A name the audit has already (case and spaces aside) is refused, naming the brand.
  await card.getByRole('button', { name: 'Add brand' }).click();
  await brandForm.getByLabel('Brand name').fill('  fastWAVE');
  await brandForm.getByRole('button', { name: 'Add brand' }).click();
  await expect(brandForm.getByRole('alert')).toHaveText(
    'The audit already has the brand “Fastwave”: choose it in the list or type another name.',
  );
  await brandForm.getByRole('button', { name: 'Cancel' }).click();

  await card.getByRole('button', { name: 'Add wave' }).click();
  const waveForm = card.getByRole('form', { name: 'New wave' });
  await expect(waveForm.getByLabel('Wave name')).toHaveValue('Wave 2');
  await waveForm.getByRole('button', { name: 'Add wave' }).click();
  await expect(page.getByRole('status')).toHaveText('Wave “Wave 2” added.');

  // The competitor walked in wave 2: one walk of its brand, so its label is the brand alone.
  await panel.createJourney('Fastwave', '', 'competitor', { wave: 'Wave 2' });
  await expect(pickerLabels(page)).toHaveText([
    'Brightline · Students',
    'Brightline · Retired couple',
    'Fastwave',
  ]);

  // The card counts the walks of each brand and wave.
  await expect(card.locator('.programme-list li')).toHaveText([
    /^Brightline\s*own\s*brightline\.test · walks: 2/,
    /^Fastwave\s*competitor\s*fastwave\.test · walks: 1/,
    /^Wave 1 .* · walks: 2/,
    /^Wave 2 .* · walks: 1/,
  ]);

  // A brand walks use cannot be deleted: the card says why; an unused one goes (with undo).
  await card.getByRole('button', { name: 'Delete brand “Brightline”' }).click();
  await expect(card.getByRole('alert')).toHaveText(
    'The brand “Brightline” cannot be deleted: walks using it: 2. Move them to another brand or delete them first.',
  );
  await card.getByRole('button', { name: 'Add brand' }).click();
  await brandForm.getByLabel('Brand name').fill('Northwind Air');
  await brandForm.getByLabel('Brand role').selectOption('benchmark');
  await brandForm.getByRole('button', { name: 'Add brand' }).click();
  await expect(card.locator('.programme-list li', { hasText: 'Northwind Air' })).toContainText(
    'benchmark',
  );
  await card.getByRole('button', { name: 'Delete brand “Northwind Air”' }).click();
  await expect(page.getByText('Brand “Northwind Air” moved to Recently deleted.')).toBeVisible();
  await expect(card.locator('.programme-list li', { hasText: 'Northwind Air' })).toHaveCount(0);

  // Editing a walk moves it to another wave: now wave and persona tell the two walks apart.
  await page
    .getByLabel('Journey', { exact: true })
    .selectOption({ label: 'Brightline · Students' });
  await page.getByRole('button', { name: 'Edit journey “Brightline · Students”' }).click();
  const editForm = page.getByRole('form', { name: 'Edit journey' });
  await editForm.getByLabel('Wave', { exact: true }).selectOption({ index: 1 });
  await editForm.getByRole('button', { name: 'Save' }).click();
  await expect(editForm).toBeHidden();
  await expect(pickerLabels(page)).toHaveText([
    'Brightline · Wave 2 · Students',
    'Brightline · Wave 1 · Retired couple',
    'Fastwave',
  ]);
  await expect(page.getByRole('region', { name: 'Active journey' })).toContainText('Wave 2');

  // A wave is renamed in place; the labels follow.
  await card.getByRole('button', { name: 'Edit wave “Wave 2”' }).click();
  const editWave = card.getByRole('form', { name: 'Edit wave' });
  await editWave.getByLabel('Wave name').fill('February re-walk');
  await editWave.getByRole('button', { name: 'Save' }).click();
  await expect(pickerLabels(page).first()).toHaveText('Brightline · February re-walk · Students');

  await page.screenshot({ path: test.info().outputPath('panel-brands.png'), fullPage: true });
  if (process.env.PANEL_SHOT)
    await page.screenshot({ path: process.env.PANEL_SHOT, fullPage: true });
});

test('brands and waves in Russian: the proposed wave, labels and the refusal', async ({
  panel,
}) => {
  const { page } = panel;
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await page.getByRole('button', { name: 'Новый аудит' }).click();
  const auditForm = page.getByRole('form', { name: 'Новый аудит' });
  await auditForm.getByLabel('Название аудита').fill('Аудит провайдеров');
  await auditForm.getByRole('button', { name: 'Создать аудит' }).click();

  const form = page.getByRole('form', { name: 'Новый путь' });
  await expect(form.getByLabel('Название волны')).toHaveValue('Волна 1');
  await expect(form.getByLabel('Роль бренда')).toHaveValue('own');
  await form.getByLabel('Название бренда').fill('Брайтлайн');
  await form.getByLabel('Персона / сегмент').fill('Студенты');
  await form.getByRole('button', { name: 'Создать путь' }).click();
  await expect(form).toBeHidden();

  await page.getByRole('button', { name: 'Новый путь' }).click();
  await expect(form.getByLabel('Бренд', { exact: true }).locator('option')).toHaveText([
    'Брайтлайн (свой)',
    'Новый бренд…',
  ]);
  await form.getByLabel('Бренд', { exact: true }).selectOption({ label: 'Брайтлайн (свой)' });
  await form.getByRole('button', { name: 'Создать путь' }).click();
  await expect(form).toBeHidden();
  await expect(pickerLabels(page, 'Путь')).toHaveText([
    'Брайтлайн · Студенты',
    'Брайтлайн · без персоны',
  ]);

  const card = await programmeCard(page, 'Бренды и волны');
  await expect(card.locator('summary')).toContainText('брендов: 1, волн: 1');
  await card.getByRole('button', { name: 'Удалить бренд «Брайтлайн»' }).click();
  await expect(card.getByRole('alert')).toHaveText(
    'Бренд «Брайтлайн» нельзя удалить: путей с ним: 2. Сначала перенесите их на другой бренд или удалите.',
  );
  await card.getByRole('button', { name: 'Добавить волну' }).click();
  const waveForm = card.getByRole('form', { name: 'Новая волна' });
  await expect(waveForm.getByLabel('Название волны')).toHaveValue('Волна 2');
  await waveForm.getByRole('button', { name: 'Добавить волну' }).click();
  await expect(page.getByRole('status')).toHaveText('Волна «Волна 2» добавлена.');
  await expect(card.locator('.programme-list li').last()).toContainText('путей: 0');
});
