/**
 * The audit's own categories and channels, and step tags, in the built extension: on the Method
 * page a channel of the audit's own (offline) is added and a built-in category renamed → the side
 * panel offers the channel in "Log offline contact" and shows the renamed category; a contact is
 * logged on the new channel; two steps are tagged (one tag shared), the step list filtered by a
 * tag and the filter cleared; the report's "Tags" section groups the steps (means per brand) and
 * names the channel, in English and in Russian. axe finds nothing in these parts.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** The machine may be busy: a saved edit can take longer than the default 5 s to show. */
const slow = expect.configure({ timeout: 30_000 });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations inside `selectors` of `page` (those present), one line each. */
async function violations(page: Page, name: string, selectors: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  let any = false;
  for (const selector of selectors)
    if (await page.locator(selector).count()) {
      builder = builder.include(selector);
      any = true;
    }
  if (!any) return [`${name}: none of ${selectors.join(', ')} on the page`];
  const result = await builder.analyze();
  return result.violations.map(
    (v) => `${name}: ${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('own channels and categories, step tags → the filter and the report', async ({
  profile,
  panel,
}) => {
  test.setTimeout(240_000);
  const { page } = panel;
  await panel.createAudit('Catalogue', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');

  // The Method page: a channel of the audit's own (offline), a built-in category renamed.
  const method = await panel.openMethod();
  const channels = method.getByRole('region', { name: 'Channels' });
  const addChannel = channels.getByRole('form', { name: 'Add a channel' });
  await addChannel.getByLabel('Channel name').fill('Dealer showroom');
  await addChannel.getByLabel('Offline channel').check();
  await addChannel.screenshot({ path: '/tmp/catalogue2-method-add-channel.png' });
  await addChannel.getByRole('button', { name: 'Add' }).click();
  await slow(channels.getByLabel('Name of “Dealer showroom”')).toHaveValue('Dealer showroom');
  await expect(channels.getByLabel('“Dealer showroom” is an offline channel')).toBeChecked();
  // A built-in offline channel this audit does not need, hidden: no longer offered.
  await channels.getByLabel('Hide “SMS”').check();
  await slow(channels.getByLabel('Hide “SMS”')).toBeChecked();
  const categories = method.getByRole('region', { name: 'Categories' });
  await categories.getByLabel('Name of “Staff”').fill('Front-line staff');
  await categories.getByLabel('Name of “Staff”').press('Enter');
  await slow(categories.getByLabel('Name of “Front-line staff”')).toHaveValue('Front-line staff');
  // Tall enough for the whole Channels section in one picture (the page has a sticky header).
  await method.setViewportSize({ width: 1280, height: 1400 });
  await categories.screenshot({ path: '/tmp/catalogue2-method-categories.png' });
  await channels.screenshot({ path: '/tmp/catalogue2-method-channels.png' });
  const found = await violations(method, 'method', ['#method-categories', '#method-channels']);

  // The panel: the new channel is offered for an offline contact; two contacts logged.
  await page.bringToFront();
  for (const [channel, stage, what] of [
    [{ label: 'Dealer showroom' }, 'offer', 'Asked for a quote in the showroom'],
    ['phone', 'contact', 'Called back about the quote'],
  ] as const) {
    await panel.button('Log offline contact').click();
    const form = page.getByRole('form', { name: 'Log offline contact' });
    const channelPicker = form.getByLabel('Channel', { exact: true });
    await slow(channelPicker.locator('option', { hasText: 'Dealer showroom' })).toHaveCount(1);
    await expect(channelPicker.locator('option[value="sms"]')).toHaveCount(0);
    await channelPicker.selectOption(channel);
    await form.getByLabel('Stage', { exact: true }).selectOption(stage);
    await form.getByLabel('What happened').fill(what);
    await form.getByRole('button', { name: 'Add contact' }).click();
    await slow(form).toBeHidden();
  }
  await slow(panel.steps()).toHaveCount(2);

  // Step 1: the renamed category, experience 2, tags "slow" and "price" (typed with a comma).
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  const one = panel.step(1);
  await expect(one.getByLabel('Channel', { exact: true })).toHaveValue(/.+/);
  await expect(one.getByLabel('Channel', { exact: true }).locator('option:checked')).toHaveText(
    'Dealer showroom',
  );
  await one.getByLabel('Touchpoint category').selectOption({ label: 'Front-line staff' });
  await slow(one.getByLabel('Touchpoint category').locator('option:checked')).toHaveText(
    'Front-line staff',
  );
  await one.getByRole('button', { name: 'Experience 2', exact: true }).click();
  await one.getByLabel('Add tags').fill('slow, price');
  await one.getByLabel('Add tags').press('Enter');
  await slow(one.getByRole('list', { name: 'Tags of step 1' }).getByRole('listitem')).toHaveText([
    /slow/,
    /price/,
  ]);
  await expect(one.getByRole('button', { name: 'Remove the tag “slow”' })).toBeVisible();
  await expect(one.getByLabel('Add tags')).toHaveValue('');
  await one.screenshot({ path: '/tmp/catalogue2-panel-step-tags.png' });
  found.push(...(await violations(page, 'panel step', ['.step-tags', '.tag-filter'])));
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();

  // Step 2: experience 4, the shared tag "price" (typed in another case: one tag).
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  const two = panel.step(2);
  await two.getByRole('button', { name: 'Experience 4', exact: true }).click();
  await two.getByLabel('Add tags').fill('price');
  await two.getByLabel('Add tags').press('Enter');
  await slow(two.getByRole('list', { name: 'Tags of step 2' }).getByRole('listitem')).toHaveText([
    /price/,
  ]);
  // The same tag in another case is one tag: refused and said; a tag added then removed.
  await two.getByLabel('Add tags').fill('Price');
  await two.getByLabel('Add tags').press('Enter');
  await slow(two.getByRole('alert')).toContainText('Step 2 already has the tag');
  await two.getByLabel('Add tags').fill('temp');
  await two.getByRole('button', { name: 'Add tag' }).click();
  await slow(two.getByRole('button', { name: 'Remove the tag “temp”' })).toBeVisible();
  await two.getByRole('button', { name: 'Remove the tag “temp”' }).click();
  await slow(two.getByRole('status')).toHaveText('Tag “temp” removed from step 2.');
  await expect(two.getByLabel('Add tags')).toBeFocused();
  await expect(two.getByRole('list', { name: 'Tags of step 2' }).getByRole('listitem')).toHaveText([
    /price/,
  ]);
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();

  // The filter: "slow" leaves step 1; "price" both; "Show all steps" brings the list back.
  const filter = page.getByLabel('Show steps with the tag');
  await filter.selectOption('slow');
  await slow(panel.steps()).toHaveCount(1);
  await expect(page.locator('.tag-filter [role="status"]')).toContainText(
    '1 of 2 steps have the tag “slow”.',
  );
  await expect(panel.step(1)).toBeVisible();
  await page.locator('.tag-filter').screenshot({ path: '/tmp/catalogue2-panel-filter.png' });
  await page
    .getByRole('region', { name: 'Steps' })
    .screenshot({ path: '/tmp/catalogue2-panel-filtered.png' });
  found.push(...(await violations(page, 'panel filter', ['.tag-filter'])));
  await filter.selectOption('price');
  await slow(panel.steps()).toHaveCount(2);
  await expect(page.locator('.tag-filter [role="status"]')).toContainText(
    '2 of 2 steps have the tag “price”.',
  );
  await filter.selectOption('slow');
  await slow(panel.steps()).toHaveCount(1);
  await page.getByRole('button', { name: 'Show all steps' }).click();
  await slow(panel.steps()).toHaveCount(2);
  await expect(filter).toHaveValue('');

  // A competitor's walk: one phone contact, experience 5, tagged "price".
  await panel.createJourney('Rivalnet', 'rivalnet.test', 'competitor');
  await panel.button('Log offline contact').click();
  const rival = page.getByRole('form', { name: 'Log offline contact' });
  await rival.getByLabel('Channel', { exact: true }).selectOption('phone');
  await rival.getByLabel('Stage', { exact: true }).selectOption('offer');
  await rival.getByLabel('What happened').fill('Quote by phone');
  await rival.getByRole('button', { name: 'Add contact' }).click();
  await slow(rival).toBeHidden();
  await slow(panel.steps()).toHaveCount(1);
  await panel.step(1).getByRole('button', { name: 'Experience 5', exact: true }).click();
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await panel.step(1).getByLabel('Add tags').fill('price');
  await panel.step(1).getByLabel('Add tags').press('Enter');
  await slow(
    panel.step(1).getByRole('list', { name: 'Tags of step 1' }).getByRole('listitem'),
  ).toHaveText([/price/]);

  // The report: "price" 3 steps, Brightline (2 + 4) / 2 = 3.0, Rivalnet 5.0; "slow" 1 step,
  // Brightline 2.0 (a weak link), Rivalnet none tagged.
  const report = await profile.open('report.html');
  const tags = report.locator('section.tags-report');
  await slow(tags.getByRole('heading', { name: 'Tags' })).toBeVisible();
  await expect(tags.locator('thead th')).toHaveText([
    'Tag',
    'Steps',
    'Brightline Internet (own)',
    'Rivalnet (competitor)',
    'Weak links',
  ]);
  const price = tags.locator('tr[data-tag="price"]');
  await expect(price.locator('th')).toHaveText('price');
  await expect(price.locator('td').nth(0)).toHaveText('3');
  await expect(price.locator('td').nth(1)).toContainText('3.0');
  await expect(price.locator('td').nth(1)).toContainText('n = 2/2');
  await expect(price.locator('td').nth(2)).toContainText('5.0');
  await expect(price.locator('td').nth(2)).toContainText('n = 1/1');
  const slowRow = tags.locator('tr[data-tag="slow"]');
  await expect(slowRow.locator('td').nth(0)).toHaveText('1');
  await expect(slowRow.locator('td').nth(1)).toContainText('2.0');
  await expect(slowRow.locator('td').nth(2)).toHaveText('no step tagged');
  await tags.getByText('Steps tagged “price”').click();
  await expect(tags.locator('details.tag-steps[open] li')).toHaveCount(3);
  await expect(report.locator('body')).toContainText('Dealer showroom');
  await expect(report.locator('body')).toContainText('Front-line staff');
  await tags.screenshot({ path: '/tmp/catalogue2-report-tags.png' });
  found.push(...(await violations(report, 'report', ['section.tags-report'])));

  // In Russian: the panel's language is the report's; the audit's own names stay as typed.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await report.reload();
  const ru = report.locator('section.tags-report');
  await slow(ru.getByRole('heading', { name: 'Теги' })).toBeVisible();
  await expect(ru.locator('caption')).toHaveText(
    'Средняя оценка опыта (1–5) на шагах с тегом, по брендам',
  );
  await expect(ru.locator('tr[data-tag="price"] td').nth(1)).toContainText('3,0');
  await expect(ru.locator('tr[data-tag="slow"] td').last()).toHaveText('1');
  await expect(report.locator('body')).toContainText('Dealer showroom');
  await ru.screenshot({ path: '/tmp/catalogue2-report-tags-ru.png' });
  found.push(...(await violations(report, 'report (ru)', ['section.tags-report'])));
  // The Method page and the panel in Russian too.
  await method.reload();
  const channelsRu = method.getByRole('region', { name: 'Каналы' });
  await slow(channelsRu.getByRole('form', { name: 'Добавить канал' })).toBeVisible();
  await expect(channelsRu.getByLabel('«Dealer showroom» — офлайн-канал')).toBeChecked();
  await expect(method.getByRole('region', { name: 'Категории' })).toBeVisible();
  await method.getByRole('region', { name: 'Категории' }).screenshot({
    path: '/tmp/catalogue2-method-categories-ru.png',
  });
  found.push(
    ...(await violations(method, 'method (ru)', ['#method-categories', '#method-channels'])),
  );
  await page.bringToFront();
  const rivalStep = panel.page.getByRole('listitem', { name: /^Шаг 1/ });
  await slow(rivalStep.getByRole('button', { name: 'Убрать тег «price»' })).toBeVisible();
  await expect(page.getByLabel('Показать шаги с тегом')).toBeVisible();
  await rivalStep.locator('.step-tags').screenshot({ path: '/tmp/catalogue2-panel-tags-ru.png' });
  await page.locator('.tag-filter').screenshot({ path: '/tmp/catalogue2-panel-filter-ru.png' });
  found.push(...(await violations(page, 'panel (ru)', ['.step-tags', '.tag-filter'])));
  expect(found).toEqual([]);
});
