/**
 * Full-page capture in the built extension, on lab pages made to break stitched captures: a
 * 15-viewport page with a sticky header, a fixed footer and lazy images, a page taller than a
 * canvas can be, a cancel half-way, and the stored hashes recomputed from the stored bytes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readEverything, readStoredShots, type StoredShot } from './stored';
import type { PanelPage } from './pages';

const HEADER = [0xff, 0x00, 0xff];
const FOOTER = [0x00, 0xff, 0xff];
const PLACEHOLDER = [0xff, 0x88, 0x00];
const LOADED_GREEN = [0x1b, 0x9e, 0x4b];
const LOADED_BLUE = [0x1f, 0x5f, 0xbf];

interface ColourRows {
  /** Pixels within tolerance of the colour. */
  count: number;
  /** First and last image row holding such a pixel (-1 when none). */
  firstRow: number;
  lastRow: number;
}

/** Decodes a stored image and finds, for each colour, how many pixels have it and on which rows. */
async function colourRows(
  extensionPage: Page,
  screenshotId: string,
  colours: number[][],
  tolerance = 40,
): Promise<ColourRows[]> {
  return extensionPage.evaluate(
    async ({ screenshotId, colours, tolerance }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const record = await new Promise<{ blob: Blob }>((resolve, reject) => {
        const request = db.transaction('images').objectStore('images').get(screenshotId);
        request.onsuccess = () => resolve(request.result as { blob: Blob });
        request.onerror = () => reject(request.error);
      });
      db.close();
      const bitmap = await createImageBitmap(record.blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(bitmap, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      bitmap.close();
      const found = colours.map(() => ({ count: 0, firstRow: -1, lastRow: -1 }));
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          colours.forEach(([r, g, b], c) => {
            if (
              Math.abs(data[i]! - r!) <= tolerance &&
              Math.abs(data[i + 1]! - g!) <= tolerance &&
              Math.abs(data[i + 2]! - b!) <= tolerance
            ) {
              const hit = found[c]!;
              hit.count++;
              if (hit.firstRow < 0) hit.firstRow = y;
              hit.lastRow = y;
            }
          });
        }
      }
      return found;
    },
    { screenshotId, colours, tolerance },
  );
}

/** RGB of stored-image pixels at `points` (image pixels). */
async function samplePixels(
  extensionPage: Page,
  screenshotId: string,
  points: [number, number][],
): Promise<number[][]> {
  const [shot] = await readStoredShots(extensionPage, points, screenshotId);
  return shot!.pixels.map((pixel) => pixel.slice(0, 3));
}

const near = (actual: number[], expected: number[], tolerance = 24) =>
  actual.every((value, i) => Math.abs(value - expected[i]!) <= tolerance);

const hex = (colour: string) => [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));

/** The page's sizes and the state a capture must give back. */
function pageState(site: Page) {
  return site.evaluate(() => ({
    scrollY: window.scrollY,
    pageHeight: document.documentElement.scrollHeight,
    viewportWidth: document.documentElement.clientWidth,
    dpr: window.devicePixelRatio,
    rootStyle: document.documentElement.getAttribute('style'),
    bodyStyle: document.body.getAttribute('style'),
    pinnedStyles: [...document.querySelectorAll('.site-header, .site-footer')].map((e) =>
      e.getAttribute('style'),
    ),
  }));
}

async function startJourney(panel: PanelPage) {
  await panel.createAudit('Full-page lab', 'Lab', 'read the whole page');
  await panel.createJourney('Lab', 'lab.test', 'own');
}

test('long page: sticky header and fixed footer once, lazy images loaded, exact height, scroll restored, redacted, hash verifies', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/long.html'));
  // Typed by script: filling would scroll (smoothly) to the field, and the page would move on.
  await site.evaluate(() => {
    (document.getElementById('password') as HTMLInputElement).value = 'correct horse battery';
    window.scrollTo({ top: 1234, behavior: 'instant' });
  });
  const before = await pageState(site);
  expect(before.scrollY).toBe(1234);
  // The page really has images that have not loaded (lazy, or waiting for an observer).
  const unloaded = await site.evaluate(
    () => [...document.images].filter((i) => !i.complete || !i.getAttribute('src')).length,
  );
  expect(unloaded).toBeGreaterThanOrEqual(5);

  await panel.button('Full page').click();
  await expect(panel.button('Cancel full-page capture')).toBeVisible();
  await expect(panel.page.getByRole('status')).toHaveText(/Full page: tile \d+ of \d+…/);
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the whole page. Sensitive fields were covered.',
    { timeout: 60_000 },
  );
  await expect(panel.button('Full page')).toBeEnabled();
  await expect(panel.steps()).toHaveCount(1);

  // The page is given back as it was: scroll position, inline styles, pinned elements.
  const after = await pageState(site);
  expect(after.scrollY).toBe(1234);
  expect(after.rootStyle).toBe(before.rootStyle);
  expect(after.bodyStyle).toBe(before.bodyStyle);
  expect(after.pinnedStyles).toEqual(before.pinnedStyles);

  const parts = await readStoredShots(panel.page);
  expect(parts).toHaveLength(1);
  const [shot] = parts as [StoredShot];
  expect(shot).toMatchObject({ mode: 'full-page', part: 0, parts: 1, redacted: true });
  // Height of the page after its lazy images loaded (one of them had no height), × DPR.
  expect(after.pageHeight).toBeGreaterThan(before.pageHeight);
  expect(shot.height).toBe(Math.round(after.pageHeight * after.dpr));
  expect(shot.width).toBe(Math.round(after.viewportWidth * after.dpr));
  expect(shot.decoded).toEqual({ width: shot.width, height: shot.height });
  expect(shot.actualSha256).toBe(shot.sha256);

  const [header, footer, placeholder, green, blue] = await colourRows(panel.page, shot.id, [
    HEADER,
    FOOTER,
    PLACEHOLDER,
    LOADED_GREEN,
    LOADED_BLUE,
  ]);
  const dpr = after.dpr;
  // Header once: only in the top 60 px band, and all of it there.
  expect(header!.firstRow).toBe(0);
  expect(header!.lastRow).toBeLessThanOrEqual(60 * dpr);
  expect(header!.count).toBeGreaterThan(0.95 * 60 * dpr * shot.width);
  expect(header!.count).toBeLessThan(1.05 * 60 * dpr * shot.width);
  // Footer once: only in the bottom 48 px band.
  expect(footer!.firstRow).toBeGreaterThanOrEqual(shot.height - 48 * dpr - 1);
  expect(footer!.lastRow).toBe(shot.height - 1);
  expect(footer!.count).toBeGreaterThan(0.95 * 48 * dpr * shot.width);
  expect(footer!.count).toBeLessThan(1.05 * 48 * dpr * shot.width);
  // No placeholder pixel anywhere; every lazy image drawn loaded (400 × 300 each).
  expect(placeholder!.count).toBe(0);
  const images = await site.evaluate(() =>
    [...document.images].map((i) => (i.currentSrc || i.src).includes('green')),
  );
  const imageArea = 400 * 300 * dpr * dpr;
  expect(green!.count).toBeGreaterThan(0.95 * imageArea * images.filter(Boolean).length);
  expect(blue!.count).toBeGreaterThan(0.95 * imageArea * images.filter((g) => !g).length);

  // The password field is covered with solid black in the stored pixels.
  const field = await site.evaluate(() => {
    const box = document.getElementById('password')!.getBoundingClientRect();
    return {
      x: box.left + window.scrollX,
      y: box.top + window.scrollY,
      w: box.width,
      h: box.height,
    };
  });
  const inside: [number, number][] = [
    [field.x + field.w / 2, field.y + field.h / 2],
    [field.x + 3, field.y + 3],
    [field.x + field.w - 3, field.y + field.h - 3],
  ].map(([x, y]) => [Math.round(x! * dpr), Math.round(y! * dpr)]);
  for (const pixel of await samplePixels(panel.page, shot.id, inside)) {
    expect(near(pixel, [0, 0, 0], 16)).toBe(true);
  }
});

test('page taller than a canvas: split into parts of one step, exact total height, no blank part, hashes verify', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(240_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/tall.html'));
  await site.evaluate(() => window.scrollTo({ top: 30_000, behavior: 'instant' }));
  const before = await pageState(site);
  expect(before.pageHeight).toBe(72_000);
  const bands = (await site.evaluate(
    () => (window as unknown as { BAND_COLOURS: string[] }).BAND_COLOURS,
  )) as string[];

  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 1 captured: the whole page, in \d images/,
    { timeout: 200_000 },
  );
  expect((await pageState(site)).scrollY).toBe(30_000);

  const parts = await readStoredShots(panel.page);
  expect(parts.length).toBeGreaterThanOrEqual(2);
  expect(new Set(parts.map((p) => p.touchpointId)).size).toBe(1);
  expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
  const dpr = before.dpr;
  expect(parts.reduce((sum, p) => sum + p.height, 0)).toBe(Math.round(72_000 * dpr));
  let top = 0;
  for (const part of parts) {
    expect(part).toMatchObject({ mode: 'full-page', parts: parts.length, redacted: false });
    expect(part.height).toBeLessThanOrEqual(32_000);
    expect(part.width).toBe(Math.round(before.viewportWidth * dpr));
    expect(part.decoded).toEqual({ width: part.width, height: part.height });
    expect(part.actualSha256).toBe(part.sha256);
    // Every part shows the right band at 24 rows along its height (so none is blank or shifted).
    const rows = Array.from({ length: 24 }, (_, i) => Math.floor(((i + 0.5) * part.height) / 24));
    const points = rows
      .filter((row) => {
        const inBand = ((top + row) / dpr) % 7200;
        return inBand > 120 && inBand < 7196;
      })
      .map((row): [number, number] => [Math.round(part.width * 0.7), row]);
    expect(points.length).toBeGreaterThan(12);
    const pixels = await samplePixels(panel.page, part.id, points);
    pixels.forEach((pixel, i) => {
      const band = Math.floor((top + points[i]![1]) / dpr / 7200);
      expect(near(pixel, hex(bands[band]!)), `part ${part.part} row ${points[i]![1]}`).toBe(true);
    });
    top += part.height;
  }
});

test('cancelling a full-page capture stores nothing and gives the page back', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/long.html'));
  await site.evaluate(() => window.scrollTo({ top: 2000, behavior: 'instant' }));
  const before = await pageState(site);
  const stored = await readEverything(panel.page);

  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(/Full page: tile ([3-9]|\d\d) of \d+…/, {
    timeout: 30_000,
  });
  await panel.button('Cancel full-page capture').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Full-page capture cancelled. Nothing was saved.',
  );
  await expect(panel.button('Full page')).toBeEnabled();
  await expect(panel.steps()).toHaveCount(0);
  expect(await readStoredShots(panel.page)).toEqual([]);
  // Nothing anywhere: no record in any database (no step, image or held-back original), nothing
  // in extension storage.
  expect(await readEverything(panel.page)).toEqual(stored);
  // The tab stays where the auditor left it, and nothing keeps scrolling it afterwards.
  await expect.poll(async () => (await pageState(site)).scrollY).toBe(2000);
  // The page-side code scrolls only from a frame loop that stops once the page is given back:
  // ten frames without a scroll event prove none is left (frames, not a clock: holds under load).
  const scrolls = await site.evaluate(async () => {
    let seen = 0;
    const count = () => seen++;
    addEventListener('scroll', count, { capture: true });
    for (let i = 0; i < 10; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    removeEventListener('scroll', count, { capture: true });
    return seen;
  });
  expect(scrolls).toBe(0);
  const after = await pageState(site);
  expect(after.scrollY).toBe(2000);
  expect(after.rootStyle).toBe(before.rootStyle);
  expect(after.pinnedStyles).toEqual(before.pinnedStyles);

  // A new full-page capture after the cancel works (no state left behind in the page).
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(/^Step 1 captured: the whole page\./, {
    timeout: 60_000,
  });
  expect(await readStoredShots(panel.page)).toHaveLength(1);
  expect((await pageState(site)).scrollY).toBe(2000);
});

test('a service worker stopped mid full-page capture: the page is given back and the panel says it stopped', async ({
  site,
  panel,
  demo,
  serviceWorker,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/long.html'));
  await site.evaluate(() => window.scrollTo({ top: 1500, behavior: 'instant' }));
  const before = await pageState(site);
  const footerVisibility = () =>
    site.evaluate(() => getComputedStyle(document.querySelector('.site-footer')!).visibility);
  expect(await footerVisibility()).toBe('visible');

  // The full-page shortcut's handler: the capture runs in the service worker (not awaited).
  const sw = await serviceWorker();
  await sw.evaluate(() => {
    const api = (
      globalThis as unknown as {
        touchpointAudit: { onCommand(command: string): Promise<unknown> };
      }
    ).touchpointAudit;
    void api.onCommand('capture-full-page');
  });
  // Mid-capture: the page is scrolled away and its fixed footer hidden (shown on the last tile only).
  await expect.poll(footerVisibility, { timeout: 30_000 }).toBe('hidden');
  await expect
    .poll(async () => (await pageState(site)).scrollY, { timeout: 30_000 })
    .not.toBe(1500);

  // Stop the worker as the browser does (DevTools protocol), not a reload of the extension.
  const cdp = await panel.page.context().newCDPSession(panel.page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');

  // The page hears its link drop and gives itself back: scroll position, footer, inline styles.
  await expect.poll(async () => (await pageState(site)).scrollY).toBe(1500);
  await expect.poll(footerVisibility).toBe('visible');
  const after = await pageState(site);
  expect(after.rootStyle).toBe(before.rootStyle);
  expect(after.bodyStyle).toBe(before.bodyStyle);
  expect(after.pinnedStyles).toEqual(before.pinnedStyles);
  // The page's announcement woke the worker, which found its predecessor's mark and told the panel.
  await expect(panel.page.getByRole('alert')).toHaveText(
    'The full-page capture of “Lab — long page with sticky header, fixed footer and lazy images” stopped before it finished (the extension’s background worker was stopped). The page was restored; nothing was saved. Capture it again.',
  );
  await expect(panel.steps()).toHaveCount(0);
  expect(await readStoredShots(panel.page)).toEqual([]);
});

/** The stored full-page shot's image height and the given colours' rows. */
async function onlyShot(panel: PanelPage) {
  const shots = await readStoredShots(panel.page);
  expect(shots).toHaveLength(1);
  return shots[0]!;
}

test('inner scrolling: the main column taken whole, header, side bar and status bar once, said', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/scroll/app.html'));
  await site.evaluate(() => document.getElementById('content')!.scrollTo({ top: 900 }));
  const before = await site.evaluate(() => {
    const main = document.getElementById('content')!;
    return {
      scrollTop: main.scrollTop,
      content: main.scrollHeight,
      top: main.getBoundingClientRect().top,
      visible: main.clientHeight,
      window: window.innerHeight,
      documentScrolls:
        document.documentElement.scrollHeight > document.documentElement.clientHeight,
    };
  });
  expect(before).toMatchObject({ scrollTop: 900, content: 3264, top: 64, documentScrolls: false });

  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the page itself does not scroll, so its scrolling area main#content was taken whole (1 of 1), with what surrounds it once.',
    { timeout: 60_000 },
  );
  // No choice offered: there is one area.
  await expect(panel.page.getByRole('combobox', { name: 'Scrolling area' })).toHaveCount(0);
  // The area is given back where the auditor left it.
  await expect
    .poll(() => site.evaluate(() => document.getElementById('content')!.scrollTop))
    .toBe(900);
  expect(await site.evaluate(() => document.querySelector('aside')!.getAttribute('style'))).toBe(
    null,
  );

  const shot = await onlyShot(panel);
  const below = before.window - before.top - before.visible;
  // Device px (dpr 1): the header, the area's whole content, the status bar.
  expect(shot.height).toBe(before.top + before.content + below);
  const [header, sidebar, status, band1, band8, band9] = await colourRows(
    panel.page,
    shot.id,
    [
      [0xff, 0x00, 0xff],
      [0x00, 0xff, 0xff],
      [0xff, 0xff, 0x00],
      hex('#e6194b'),
      hex('#800000'),
      hex('#aaffc3'),
    ],
    12,
  );
  // JPEG blurs a colour's edge by a few rows (chroma subsampling): each is checked within 4 rows;
  // a side bar repeated on every screen, or a band out of place, is hundreds of rows off.
  const within = (found: ColourRows, firstRow: number, lastRow: number, what: string) => {
    expect(
      Math.abs(found.firstRow - firstRow),
      `${what} starts at ${found.firstRow}`,
    ).toBeLessThanOrEqual(4);
    expect(
      Math.abs(found.lastRow - lastRow),
      `${what} ends at ${found.lastRow}`,
    ).toBeLessThanOrEqual(4);
  };
  // Header once, at the top; side bar once, beside the area's first screen; status bar once, last.
  within(header!, 0, before.top - 1, 'header');
  within(sidebar!, before.top, before.top + before.visible - 1, 'side bar');
  within(status!, shot.height - below, shot.height - 1, 'status bar');
  // The content in order, each band where it belongs (one screen of content is 736 px).
  within(band1!, before.top, before.top + 399, 'band 1');
  within(band8!, before.top + 2800, before.top + 3199, 'band 8');
  within(band9!, before.top + 3200, before.top + 3263, 'band 9');
});

test('several scrolling areas: the largest first, the auditor chooses another by keyboard', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/scroll/two.html'));
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 1 captured: the page itself does not scroll, so its scrolling area main was taken whole \(1 of 3\), with what surrounds it once\. To take another area, choose it under “Scrolling area” and press Full page\.$/,
    { timeout: 60_000 },
  );
  const first = await onlyShot(panel);
  expect(first.height).toBe(64 + 2400);
  const choice = panel.page.getByRole('combobox', { name: 'Scrolling area' });
  await expect(choice.locator('option')).toHaveText([
    '1. main',
    '2. div “Nested box”',
    '3. section “Notes”',
  ]);
  // The nested scroller, chosen by keyboard.
  await choice.focus();
  await panel.page.keyboard.press('ArrowDown');
  await expect(choice).toHaveValue('1');
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 2 captured: .* scrolling area div “Nested box” was taken whole \(2 of 3\)/,
    { timeout: 60_000 },
  );
  const nested = await site.evaluate(() => {
    const box = document.querySelector('.nested')!;
    const top = box.getBoundingClientRect().top;
    return top + box.scrollHeight + (window.innerHeight - top - box.clientHeight);
  });
  const shots = await readStoredShots(panel.page);
  expect(shots).toHaveLength(2);
  expect(shots.find((s) => s.id !== first.id)!.height).toBe(nested);
  // The choice stays for the next full page.
  await expect(choice).toHaveValue('1');
});

test('a virtualised list and an area that grows while captured are said, not claimed whole', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/scroll/virtual.html'));
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the page itself does not scroll, so its scrolling area main “Rows” was taken (1 of 1), with what surrounds it once. This list renders only the rows on screen: it was captured screen by screen, 150 rows seen.',
    { timeout: 60_000 },
  );
  expect((await onlyShot(panel)).height).toBe(64 + 6000);

  await site.goto(demo.url('/lab/scroll/grow.html'));
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 2 captured: the page itself does not scroll, so its scrolling area main “Feed” was taken \(1 of 1\), with what surrounds it once\. It kept growing while it was captured: its first (\d+) px were taken, not all of it\.$/,
    { timeout: 60_000 },
  );
  const status = await panel.page.getByRole('status').textContent();
  const taken = Number(/first (\d+) px/.exec(status ?? '')![1]);
  const shots = await readStoredShots(panel.page);
  const grown = shots.find((s) => s.height !== 64 + 6000)!;
  expect(grown.height).toBe(64 + taken);
  expect(await site.evaluate(() => document.getElementById('feed')!.scrollHeight)).toBeGreaterThan(
    taken,
  );
});
