/**
 * "Full page without overlays" in the built extension, on a lab page with a fixed header bar, a
 * cookie bar, a chat button and a promo card: kept by default (each once), hidden on every tile
 * when the auditor ticks the option, the header kept, the count said and stored, the page given
 * back as it was.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readTable } from './stored';

const COLOURS = {
  header: [0xff, 0x00, 0xff],
  cookie: [0x00, 0xff, 0xff],
  chat: [0xff, 0x88, 0x00],
  promo: [0x22, 0xcc, 0x22],
};

/** Pixels of each colour in the stored images of step `touchpointId` (decoded in the page). */
async function colourCounts(extensionPage: Page, touchpointId: string) {
  return extensionPage.evaluate(
    async ({ touchpointId, colours }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const read = db.transaction(['screenshots', 'images']);
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve, reject) => {
          const request = read.objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as T[]);
          request.onerror = () => reject(request.error);
        });
      const shots = (await all<{ id: string; touchpointId: string }>('screenshots')).filter(
        (s) => s.touchpointId === touchpointId,
      );
      const images = new Map(
        (await all<{ id: string; blob: Blob }>('images')).map((i) => [i.id, i.blob]),
      );
      db.close();
      const counts: Record<string, number> = Object.fromEntries(
        Object.keys(colours).map((k) => [k, 0]),
      );
      for (const shot of shots) {
        const bitmap = await createImageBitmap(images.get(shot.id)!);
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext('2d', { willReadFrequently: true })!;
        context.drawImage(bitmap, 0, 0);
        const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
        bitmap.close();
        for (let i = 0; i < data.length; i += 4) {
          for (const [name, [r, g, b]] of Object.entries(colours)) {
            if (
              Math.abs(data[i]! - r!) <= 30 &&
              Math.abs(data[i + 1]! - g!) <= 30 &&
              Math.abs(data[i + 2]! - b!) <= 30
            )
              counts[name]!++;
          }
        }
      }
      return counts;
    },
    { touchpointId, colours: COLOURS },
  );
}

test('overlays are kept by default, hidden when chosen (header kept), counted, page restored', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await panel.createAudit('Overlay lab', 'Lab', 'read the page');
  await panel.createJourney('Lab', 'lab.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/lab/overlays.html'));
  const status = panel.page.getByRole('status');

  await panel.button('Full page').click();
  await expect(status).toHaveText(/^Step 1 captured: the whole page\.$/, { timeout: 60_000 });
  const option = panel.page.getByRole('checkbox', { name: /^Full page without overlays/ });
  await expect(option).not.toBeChecked();
  await option.check();
  await panel.button('Full page').click();
  await expect(status).toHaveText(
    'Step 2 captured: the whole page. 3 overlays (cookie bars, chat buttons and the like) were hidden, as chosen.',
    { timeout: 60_000 },
  );

  const steps = (
    await readTable<{ id: string; seq: number; overlaysHidden?: number }>(panel.page, 'touchpoints')
  ).sort((a, b) => a.seq - b.seq);
  expect(steps.map((s) => s.overlaysHidden)).toEqual([undefined, 3]);
  const kept = await colourCounts(panel.page, steps[0]!.id);
  const hidden = await colourCounts(panel.page, steps[1]!.id);
  // Kept: each overlay shows (once); hidden: none does, the header bar stays.
  for (const name of ['cookie', 'chat', 'promo'] as const) {
    expect(kept[name], name).toBeGreaterThan(1000);
    expect(hidden[name], name).toBe(0);
  }
  expect(hidden.header).toBeGreaterThan(20_000);
  expect(Math.abs(hidden.header! - kept.header!)).toBeLessThan(kept.header! / 10);

  // The page is given back as it was: every overlay visible, no inline style left.
  const after = await site.evaluate(() =>
    [...document.querySelectorAll('.cookie-bar, .chat, .promo')].map((e) => [
      getComputedStyle(e).visibility,
      e.getAttribute('style'),
    ]),
  );
  expect(after).toEqual([
    ['visible', null],
    ['visible', null],
    ['visible', null],
  ]);
  // The step's details say it.
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await expect(panel.step(2).locator('.step-overlays')).toHaveText(
    'Taken without its 3 overlays (cookie bars, chat buttons), as chosen.',
  );
});
