/**
 * The caption band (an option per audit) in the built extension: drawn under a visible capture and
 * under the last part of a full page, in the stored bytes and their SHA-256, with the page's title,
 * address and time as text pixels; off again when the auditor turns it off.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readStoredShots, readTable } from './stored';
import type { PanelPage } from './pages';

interface ShotRecord {
  id: string;
  touchpointId: string;
  part: number;
  parts: number;
  width: number;
  height: number;
  createdAt: number;
  captionHeight?: number;
}

/**
 * Of the rows [top, bottom) of a stored image: pixels of the band's grey (#f4f4f5), and dark
 * pixels (text), counted by decoding the stored bytes.
 */
async function bandPixels(extensionPage: Page, id: string, top: number, bottom: number) {
  return extensionPage.evaluate(
    async ({ id, top, bottom }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const record = await new Promise<{ blob: Blob }>((resolve, reject) => {
        const request = db.transaction('images').objectStore('images').get(id);
        request.onsuccess = () => resolve(request.result as { blob: Blob });
        request.onerror = () => reject(request.error);
      });
      db.close();
      const bitmap = await createImageBitmap(record.blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, top, bitmap.width, bottom - top);
      bitmap.close();
      let grey = 0;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
        if (Math.abs(r - 0xf4) <= 8 && Math.abs(g - 0xf4) <= 8 && Math.abs(b - 0xf5) <= 8) grey++;
        if (r + g + b < 300) dark++;
      }
      return { grey, dark, all: data.length / 4 };
    },
    { id, top, bottom },
  );
}

async function createCaptionAudit(panel: PanelPage) {
  await panel.button('New audit').first().click();
  const form = panel.page.getByRole('form', { name: 'New audit' });
  await form.getByLabel('Audit name').fill('Caption lab');
  await form.getByLabel('Client').fill('Lab');
  const option = form.getByRole('checkbox', { name: /^Caption band under each new capture/ });
  await expect(option).not.toBeChecked();
  await option.check();
  await form.getByRole('button', { name: 'Create audit' }).click();
  await expect(form).toBeHidden();
  await panel.createJourney('Lab', 'lab.test', 'own');
}

test('the band is in the stored pixels and hash, under the visible capture and the last part of a full page', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  const extensionPage = panel.page;
  await createCaptionAudit(panel);
  await site.bringToFront();
  await site.goto(demo.url('/brightline/index.html'));
  const viewport = await site.evaluate(() => ({
    height: document.documentElement.clientHeight,
    dpr: window.devicePixelRatio,
  }));
  await panel.capture(1);

  const [visible] = await readTable<ShotRecord>(extensionPage, 'screenshots');
  const band = visible!.captionHeight!;
  // Three lines (title, address, time) of 18 CSS px and 2 × 8 px of padding.
  expect(band).toBe(Math.round(70 * viewport.dpr));
  expect(visible!.height).toBe(Math.round(viewport.height * viewport.dpr) + band);
  const [stored] = await readStoredShots(extensionPage);
  expect(stored!.actualSha256).toBe(stored!.sha256);
  expect(stored!.decoded.height).toBe(visible!.height);
  const inBand = await bandPixels(
    extensionPage,
    visible!.id,
    visible!.height - band + 2,
    visible!.height,
  );
  // Mostly the band's grey, with text on it.
  expect(inBand.grey / inBand.all).toBeGreaterThan(0.6);
  expect(inBand.dark).toBeGreaterThan(200);

  // A full page: the band once, under its last part only.
  await site.goto(demo.url('/lab/long.html'));
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(/^Step 2 captured: the whole page\./, {
    timeout: 60_000,
  });
  const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
  const shots = (await readTable<ShotRecord>(extensionPage, 'screenshots'))
    .filter((s) => s.touchpointId !== visible!.touchpointId)
    .sort((a, b) => a.part - b.part);
  const last = shots.at(-1)!;
  expect(shots.filter((s) => s.captionHeight)).toEqual([last]);
  const total = shots.reduce((sum, s) => sum + s.height, 0);
  expect(total).toBe(Math.round(pageHeight * viewport.dpr) + last.captionHeight!);
  for (const shot of await readStoredShots(extensionPage)) {
    expect(shot.actualSha256).toBe(shot.sha256);
  }

  // Off again: the next capture has no band.
  await panel.button('Edit audit “Caption lab”').click();
  const edit = panel.page.getByRole('form', { name: 'Edit audit' });
  await edit.getByRole('checkbox', { name: /^Caption band under each new capture/ }).uncheck();
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await site.goto(demo.url('/brightline/index.html'));
  await panel.capture(3);
  const third = (await readTable<ShotRecord>(extensionPage, 'screenshots')).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
  expect(third.at(-1)!.captionHeight).toBeUndefined();
  expect(third.at(-1)!.height).toBe(Math.round(viewport.height * viewport.dpr));
});
