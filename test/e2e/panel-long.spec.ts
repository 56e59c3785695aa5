/**
 * A long journey in the side panel (issue #16, "the 1,000-step speed"): the first screen is
 * drawn with its thumbnails (the first screen's screenshots are read on their own, before the
 * rest), the rest of the list follows, and a row's thumbnail (an object URL, a synchronous call
 * into the browser) is made only once the row comes near the window, not for every row drawn.
 */
import { writeFile } from 'node:fs/promises';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, test } from './fixtures';
import { DataPage, openPanel } from './pages';

const STEPS = 90;

test('a 90-step journey: thumbnails on the first screen, made for the rest when scrolled to', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(180_000);
  const data = await DataPage.open(context, extensionId);
  const images = await renderImages(data.page, STEPS);
  const file = test.info().outputPath('long.tpa.zip');
  await writeFile(file, await bundleBytes(generatedAudit(images, { journeys: 1, method: true })));
  await data.chooseBundle(file, 120_000);
  await expect(data.count('Steps', 'New')).toHaveText(String(STEPS));
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('long.tpa.zip imported');

  const panel = await openPanel(context, extensionId);
  const list = panel.page.getByRole('region', { name: 'Steps' });
  await expect(list).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(panel.steps()).toHaveCount(STEPS);

  // Every row in the window shows its own thumbnail, decoded.
  const onScreen = await panel.page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('ol.step-list > li')]
      .filter((row) => row.getBoundingClientRect().top < innerHeight)
      .map((row) => {
        const img = row.querySelector<HTMLImageElement>('img.thumb');
        return img?.getAttribute('src')?.startsWith('blob:') ? 'src' : 'none';
      }),
  );
  expect(onScreen.length).toBeGreaterThan(0);
  expect(onScreen).toEqual(onScreen.map(() => 'src'));
  for (const n of [1, 2]) {
    await expect
      .poll(() =>
        panel
          .step(n)
          .locator('img.thumb')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
  }

  // Far below the window: a thumbnail place with no object URL made yet, and its name said.
  const last = panel.step(STEPS).locator('img.thumb');
  await expect(last).toHaveAttribute('alt', `Screenshot of step ${STEPS}`);
  await expect(last).not.toHaveAttribute('src', /./);
  const made = await panel.page.locator('img.thumb[src]').count();
  expect(made).toBeLessThan(STEPS / 2);

  // Scrolled to, it gets its thumbnail (the generated image is 320 × 200).
  await last.scrollIntoViewIfNeeded();
  await expect(last).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => last.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
});
