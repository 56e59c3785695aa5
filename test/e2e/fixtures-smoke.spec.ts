// Checks the demo sites and server only; does not need the extension to be built.
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { chromiumPath } from '../fixtures/chromium.mjs';
import { expect, test } from './fixtures';

let browser: Browser | undefined;

test.beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu'],
  });
});

test.afterAll(async () => {
  await browser?.close();
});

test('demo server serves both brands, a long catalogue and a hostile page', async ({ demo }) => {
  if (!browser) throw new Error('Chromium did not launch');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const offsite: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(demo.origin) && !url.startsWith('data:')) offsite.push(url);
  });

  await page.goto(demo.url('/'));
  await expect(page).toHaveTitle('Touchpoint Audit — Demo sites');

  await page.goto(demo.url('/brightline/'));
  await expect(page).toHaveTitle('Brightline — Home internet');
  await page.goto(demo.url('/fastwave/index.html'));
  await expect(page).toHaveTitle('Fastwave — Fibre broadband');

  for (const brand of ['brightline', 'fastwave']) {
    await page.goto(demo.url(`/${brand}/catalogue.html`));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, `${brand} catalogue height`).toBeGreaterThanOrEqual(3200);
    const position = await page
      .locator('header')
      .first()
      .evaluate((el) => getComputedStyle(el).position);
    expect(['sticky', 'fixed'], `${brand} header position`).toContain(position);
    // Lazy images below the fold have not loaded yet.
    await expect(page.locator('img[loading="lazy"]').first()).toBeAttached();
    await expect(page.locator('img[data-src]')).toHaveCount(1);
  }

  const missing = await page.request.get(demo.url('/brightline/nope.html'));
  expect(missing.status()).toBe(404);
  const svg = await page.request.get(demo.url('/fastwave/img/plan-1.svg'));
  expect(svg.headers()['content-type']).toBe('image/svg+xml');

  await page.goto(demo.url('/hostile/'));
  expect(await page.evaluate(() => document.title)).toBe('<img src=x onerror=alert(1)>');
  await expect(page.locator('h1')).toHaveText('=HYPERLINK("http://evil.example","x")');
  await expect(page.locator('body')).toContainText('<script>alert(2)</script>');
  // The page holds no script or element, only escaped text: once loaded (goto waits for the
  // load event) and a frame painted, anything that could run would have.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(dialogs).toEqual([]);
  expect(offsite).toEqual([]);

  await context.close();
});
