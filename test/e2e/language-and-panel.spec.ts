/** The toolbar button opens the side panel; the UI and the report switch to Russian. */
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

type Chrome = {
  sidePanel: {
    getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }>;
    open(o: { windowId: number }): Promise<void>;
  };
  windows: { getCurrent(): Promise<{ id: number }> };
  runtime: {
    getManifest(): unknown;
    getContexts(f: { contextTypes: string[] }): Promise<{ documentUrl?: string }[]>;
  };
};

test('the toolbar button opens the side panel, which shows the panel page', async ({
  profile,
  extensionId,
}) => {
  const page = await profile.open('report.html');
  // The worker sets the behaviour as the first thing it does; wait for that state, not a time.
  await expect
    .poll(() =>
      page.evaluate(
        async () =>
          (await (globalThis as unknown as { chrome: Chrome }).chrome.sidePanel.getPanelBehavior())
            .openPanelOnActionClick,
      ),
    )
    .toBe(true);
  const manifest = await page.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.runtime.getManifest(),
  );
  expect(manifest).toMatchObject({
    side_panel: { default_path: 'sidepanel.html' },
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'contextMenus', 'sidePanel'],
    commands: { 'capture-visible': { suggested_key: { default: 'Alt+Shift+C' } } },
    host_permissions: ['<all_urls>'],
  });
  expect(manifest).not.toHaveProperty('content_scripts');

  // sidePanel.open needs a user gesture: a real click on the page triggers it.
  await page.evaluate(() => {
    const api = (globalThis as unknown as { chrome: Chrome }).chrome;
    document.addEventListener(
      'click',
      () => void api.windows.getCurrent().then((w) => api.sidePanel.open({ windowId: w.id })),
    );
  });
  await page.mouse.click(5, 5);
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: Chrome }).chrome;
        return (await api.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] })).map(
          (c) => c.documentUrl,
        );
      }),
    )
    .toEqual([`chrome-extension://${extensionId}/sidepanel.html`]);
});

test('switching to Russian translates the panel, the report and the exported HTML', async ({
  profile,
  site,
  panel,
  demo,
}) => {
  await panel.page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(panel.page.getByRole('button', { name: 'Новый аудит' })).toBeVisible();
  await panel.button('Новый аудит').click();
  const auditForm = panel.page.getByRole('form', { name: 'Новый аудит' });
  await auditForm.getByLabel('Название аудита').fill('Аудит провайдеров');
  await auditForm.getByRole('button', { name: 'Создать аудит' }).click();
  const journeyForm = panel.page.getByRole('form', { name: 'Новый путь' });
  await journeyForm.getByLabel('Название бренда').fill('Брайтлайн');
  await journeyForm.getByRole('button', { name: 'Создать путь' }).click();
  await site.bringToFront();
  await site.goto(demo.url('/brightline/'));
  await panel.button('Снять страницу').click();
  await expect(panel.page.getByRole('status')).toHaveText('Шаг 1 сохранён.');
  await expect(panel.step(1)).toHaveCount(0); // list items are named in Russian now
  await expect(panel.page.getByRole('listitem', { name: /^Шаг 1:/ })).toContainText(
    'Сбор информации',
  );

  const report = await profile.open('report.html');
  await expect(report.getByRole('heading', { name: 'Сравнение по этапам' })).toBeVisible();
  await expect(report.getByRole('table', { name: /^Ключевые показатели брендов/ })).toBeVisible();
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Экспорт HTML' }).click(),
  ]);
  const html = await readFile((await download.path())!, 'utf8');
  expect(html.includes('<html lang="ru">')).toBe(true);
  expect(html.includes('Ключевые показатели брендов')).toBe(true);
});
