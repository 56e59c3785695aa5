/** A fast auditor loses no capture; evidence images arrive by drag-and-drop and by paste. */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readStoredShots } from './stored';

test('a burst of 6 capture requests in one second stores all 6 (panel button and shortcut)', async ({
  site,
  panel,
  serviceWorker,
  demo,
}) => {
  await panel.createAudit('Burst', '', '');
  await panel.createJourney('Fastwave', '', 'competitor');
  await site.bringToFront();
  await site.goto(demo.url('/fastwave/'));

  // Six clicks in the same instant: the pacer spaces them within the 2-per-second quota.
  const clickedWithinMs = await panel.page.evaluate(() => {
    const button = [...document.querySelectorAll('button')].find(
      (b) => b.textContent === 'Capture page',
    )!;
    const start = performance.now();
    for (let i = 0; i < 6; i++) button.click();
    return performance.now() - start;
  });
  expect(clickedWithinMs).toBeLessThan(1000);
  await expect(panel.steps()).toHaveCount(6, { timeout: 20_000 });
  await expect(panel.page.getByRole('alert')).toHaveCount(0);

  // Six shortcut presses at once, handled by the service worker.
  const sw = await serviceWorker();
  const results = await sw.evaluate(() => {
    const handlers = (
      globalThis as unknown as { touchpointAudit: { onCommand(c: string): Promise<unknown> } }
    ).touchpointAudit;
    return Promise.all(Array.from({ length: 6 }, () => handlers.onCommand('capture-visible')));
  });
  expect(results.every((step) => step !== null)).toBe(true);
  await expect(panel.steps()).toHaveCount(12, { timeout: 20_000 });
  const shots = await readStoredShots(panel.page);
  expect(shots).toHaveLength(12);
  for (const shot of shots) expect(shot.actualSha256).toBe(shot.sha256);
});

/** A PNG made in the page, wrapped in a DataTransfer as a drop or a paste would carry it. */
async function dispatchImage(page: Page, selector: string, type: 'drop' | 'paste', name: string) {
  await page.evaluate(
    async ({ selector, type, name }) => {
      const canvas = new OffscreenCanvas(240, 160);
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#2a9d8f';
      context.fillRect(0, 0, 240, 160);
      const file = new File([await canvas.convertToBlob({ type: 'image/png' })], name, {
        type: 'image/png',
      });
      const data = new DataTransfer();
      data.items.add(file);
      const target = document.querySelector(selector) ?? document.activeElement!;
      const event =
        type === 'drop'
          ? new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true })
          : new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    },
    { selector, type, name },
  );
}

test('evidence images by drag-and-drop onto the offline form and by paste into a step', async ({
  panel,
}) => {
  await panel.createAudit('Drop', '', '');
  await panel.createJourney('Brightline', '', 'own');
  await panel.button('Log offline contact').click();
  const form = panel.page.getByRole('form', { name: 'Log offline contact' });
  await form.getByLabel('What happened').fill('Letter with the offer');
  await dispatchImage(panel.page, 'form[aria-label="Log offline contact"]', 'drop', 'letter.png');
  await expect(form.getByText('Evidence image: letter.png')).toBeVisible();
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(1);
  await expect(panel.step(1).locator('img.thumb')).toHaveCount(1);

  // Paste while the focus is in the step: a second image for the same step.
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await dispatchImage(panel.page, ':focus', 'paste', 'photo.png');
  await expect(panel.page.getByRole('status')).toHaveText('Image attached to step 1.');
  const shots = await readStoredShots(panel.page);
  expect(shots.map((s) => s.mode)).toEqual(['uploaded', 'uploaded']);
  expect(
    shots.every((s) => s.width === 240 && s.height === 160 && s.actualSha256 === s.sha256),
  ).toBe(true);

  // A dropped non-image is refused with a message; nothing is added.
  await panel.page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['%PDF-1.4'], 'offer.pdf', { type: 'application/pdf' }));
    document
      .querySelector('[data-step-id]')!
      .dispatchEvent(
        new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }),
      );
  });
  await expect(panel.page.getByRole('alert')).toContainText('offer.pdf is not an image');
  expect(await readStoredShots(panel.page)).toHaveLength(2);
});
