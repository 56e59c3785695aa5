/**
 * Element and region capture in the built extension: the picker is injected on demand, renders
 * oklch()/oklab() colours through html2canvas-pro, falls back to a native crop, and leaves the
 * page exactly as it was.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DemoServer } from './fixtures';
import type { PanelPage } from './pages';

/** A crop of a capture is stored as JPEG, or as WebP once the background re-encode is done. */
const LOSSY = expect.stringMatching(/^image\/(jpeg|webp)$/);
import { readEverything, readStoredShots } from './stored';

/** Stored screenshots (creation order) with the RGB of each requested point, and a size check. */
async function storedShots(page: Page, points: [number, number][] = []) {
  return (await readStoredShots(page, points)).map((shot) => ({
    ...shot,
    samples: shot.pixels.map((pixel) => pixel.slice(0, 3)),
    sizeOk: shot.decoded.width === shot.width && shot.decoded.height === shot.height,
  }));
}

/** The page as the page's own scripts see it (main world): markup, scroll, picker host. */
function pageState(site: Page) {
  return site.evaluate(() => ({
    html: document.documentElement.outerHTML,
    scrollY: window.scrollY,
    styleSheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
  }));
}

async function pickerOpen(site: Page) {
  await expect
    .poll(() => site.evaluate(() => document.querySelector('touchpoint-audit-picker') !== null))
    .toBe(true);
  // The overlay's shadow root is closed: page scripts cannot reach into it.
  expect(
    await site.evaluate(() => document.querySelector('touchpoint-audit-picker')?.shadowRoot),
  ).toBeNull();
}

/** The card's box in the viewport and its background colour as sRGB, measured in the page. */
function cardOf(site: Page, id: string) {
  return site.evaluate((id) => {
    const card = document.getElementById(id)!;
    const box = card.getBoundingClientRect();
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d')!;
    context.fillStyle = getComputedStyle(card).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const rgb = [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    return { x: box.x, y: box.y, width: box.width, height: box.height, rgb, dpr: devicePixelRatio };
  }, id);
}

const near = (actual: number[] | undefined, expected: number[], tolerance: number) =>
  expect(
    actual?.every((v, i) => Math.abs(v - expected[i]!) <= tolerance),
    `${actual} ≈ ${expected}`,
  ).toBe(true);

async function startJourney(panel: PanelPage) {
  await panel.createAudit('Colour lab', 'Lab', 'compare plans');
  await panel.createJourney('Lab', 'lab.test', 'own');
}

test('element capture of an oklch card, fallback crop, Esc and panel cancel leave the page as it was', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(120_000);
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/oklch.html'));
  await site.evaluate(() => window.scrollTo(0, 420));
  const before = await pageState(site);
  expect(before.scrollY).toBe(420);
  // Nothing of ours is in the page before the auditor asks.
  expect(before.html).not.toContain('touchpoint-audit-picker');

  // Element: hover highlights, click takes the card; html2canvas-pro renders its oklch colours.
  const card = await cardOf(site, 'plan-card');
  await panel.button('Capture an element').click();
  await expect(panel.page.getByRole('status')).toHaveText(/Choose an element in the page/);
  await pickerOpen(site);
  await site.mouse.move(card.x + 200, card.y + 200);
  await site.mouse.move(card.x + 12, card.y + 110, { steps: 4 });
  await site.screenshot({ path: test.info().outputPath('element-hover.png') });
  await site.mouse.click(card.x + 12, card.y + 110);
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the element, rendered from the page.',
  );
  await expect(panel.steps()).toHaveCount(1);
  const dpr = card.dpr;
  const [shot] = await storedShots(panel.page, [[Math.round(14 * dpr), Math.round(110 * dpr)]]);
  expect(shot).toMatchObject({ mode: 'element', mime: 'image/png', redacted: false, sizeOk: true });
  expect(Math.abs(shot!.width - card.width * dpr)).toBeLessThanOrEqual(2);
  expect(Math.abs(shot!.height - card.height * dpr)).toBeLessThanOrEqual(2);
  near(shot!.samples[0], card.rgb, 4);
  const after = await pageState(site);
  expect(after).toEqual(before);

  // Esc in the page cancels: nothing stored, nothing left behind.
  await panel.button('Capture an element').click();
  await pickerOpen(site);
  await site.mouse.move(card.x + 20, card.y + 20);
  await site.keyboard.press('Escape');
  await expect(panel.page.getByRole('status')).toHaveText('Cancelled. Nothing was saved.');
  expect(await pageState(site)).toEqual(before);

  // Cancel from the panel (the auditor's focus is still there).
  await panel.button('Capture a region').click();
  await pickerOpen(site);
  await panel.button('Cancel choosing on the page').click();
  await expect(panel.page.getByRole('status')).toHaveText('Cancelled. Nothing was saved.');
  expect(await pageState(site)).toEqual(before);
  await expect(panel.steps()).toHaveCount(1);
  expect(await storedShots(panel.page)).toHaveLength(1);

  // A card the page re-renders on every pointer press: the picked node goes stale, so the DOM
  // render fails and the step is cut from a native capture instead, at the card's place × DPR.
  const volatile = await cardOf(site, 'volatile-card');
  await panel.button('Capture an element').click();
  await pickerOpen(site);
  await site.mouse.move(volatile.x + 12, volatile.y + 110);
  await site.mouse.click(volatile.x + 12, volatile.y + 110);
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 2 captured: the element, cut from a screenshot/,
  );
  const shots = await storedShots(panel.page, [[Math.round(14 * dpr), Math.round(110 * dpr)]]);
  // Cut from a capture (lossy), then re-encoded as WebP in the background when that is smaller.
  expect(shots[1]).toMatchObject({ mode: 'element', mime: LOSSY, sizeOk: true });
  expect(Math.abs(shots[1]!.width - volatile.width * dpr)).toBeLessThanOrEqual(2);
  expect(Math.abs(shots[1]!.height - volatile.height * dpr)).toBeLessThanOrEqual(2);
  near(shots[1]!.samples[0], volatile.rgb, 12);
  // The page re-rendered the card (its own doing); otherwise the page is as it was.
  expect(await pageState(site)).toEqual(before);
});

/** Opens the lab page scrolled to the card, drags a 500×150 region from inside the card outwards. */
async function captureRegion(site: Page, panel: PanelPage, demo: DemoServer) {
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/oklch.html'));
  await site.evaluate(() => window.scrollTo(0, 420));
  const before = await pageState(site);
  const card = await cardOf(site, 'plan-card');
  expect(card.dpr).toBe(2);

  const from = { x: Math.round(card.x) + 20, y: Math.round(card.y) + 20 };
  const to = { x: from.x + 500, y: from.y + 150 };
  await panel.button('Capture a region').click();
  await expect(panel.page.getByRole('status')).toHaveText(/Drag a rectangle in the page/);
  await pickerOpen(site);
  await site.mouse.move(from.x, from.y);
  await site.mouse.down();
  await site.mouse.move(to.x - 200, to.y - 50, { steps: 5 });
  await site.mouse.move(to.x, to.y, { steps: 5 });
  await site.screenshot({ path: test.info().outputPath('region-drag.png') });
  await site.mouse.up();
  await expect(panel.page.getByRole('status')).toHaveText('Step 1 captured: the selected region.');
  expect(await pageState(site)).toEqual(before);
  const paper = await site.evaluate(() => {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d')!;
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    return [...context.getImageData(0, 0, 1, 1).data.slice(0, 3)];
  });
  return { card, paper, before };
}

test.describe('at device pixel ratio 2 (a 2× screen)', () => {
  test.use({ display: 'real-2x' });

  test('region by dragging and element capture: image = selection × 2, scroll restored', async ({
    site,
    panel,
    demo,
  }) => {
    test.setTimeout(120_000);
    const { card, paper, before } = await captureRegion(site, panel, demo);
    // 500×150 CSS px → 1000×300 device px; (10, 10) CSS lies in the card, (480, 10) beside it.
    const [region] = await storedShots(panel.page, [
      [20, 20],
      [960, 20],
    ]);
    expect(region).toMatchObject({ mode: 'element', width: 1000, height: 300, sizeOk: true });
    near(region!.samples[0], card.rgb, 12);
    near(region!.samples[1], paper, 12);

    // Element at 2×: the rendered card is twice its CSS size.
    await panel.button('Capture an element').click();
    await pickerOpen(site);
    await site.mouse.move(card.x + 12, card.y + 110);
    await site.mouse.click(card.x + 12, card.y + 110);
    await expect(panel.page.getByRole('status')).toHaveText(
      'Step 2 captured: the element, rendered from the page.',
    );
    const element = (await storedShots(panel.page, [[28, 220]]))[1]!;
    expect(Math.abs(element.width - card.width * 2)).toBeLessThanOrEqual(2);
    expect(Math.abs(element.height - card.height * 2)).toBeLessThanOrEqual(2);
    near(element.samples[0], card.rgb, 4);
    expect(await pageState(site)).toEqual(before);
  });
});

test.describe('at an emulated device pixel ratio 2', () => {
  test.use({ display: 'emulated-2x' });

  test('the region is cut from the right place although the capture is not at 2×', async ({
    site,
    panel,
    demo,
  }) => {
    test.setTimeout(120_000);
    const { card, paper } = await captureRegion(site, panel, demo);
    const [size] = await storedShots(panel.page);
    // Whatever scale the browser captured at, the image shows the 500×150 selection.
    expect(Math.abs(size!.width / size!.height - 500 / 150)).toBeLessThan(0.05);
    const k = size!.width / 500;
    const [region] = await storedShots(panel.page, [
      [Math.round(10 * k), Math.round(10 * k)],
      [Math.round(480 * k), Math.round(10 * k)],
    ]);
    near(region!.samples[0], card.rgb, 12);
    near(region!.samples[1], paper, 12);
  });
});

test('keyboard widening picks the whole form; its password field is covered before storing', async ({
  site,
  panel,
  demo,
}) => {
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/identity-form.html'));
  await site.locator('#password').fill('hunter2-secret');
  await site.locator('#city').fill('Springfield');
  const boxes = await site.evaluate(() =>
    Object.fromEntries(
      ['form', '#password', '#city'].map((selector) => {
        const box = document.querySelector(selector)!.getBoundingClientRect();
        return [selector, { x: box.x, y: box.y, width: box.width, height: box.height }];
      }),
    ),
  );
  const form = boxes.form!;
  const centre = (b: { x: number; y: number; width: number; height: number }) =>
    [Math.round(b.x - form.x + b.width / 2), Math.round(b.y - form.y + b.height / 2)] as [
      number,
      number,
    ];

  await panel.button('Capture an element').click();
  await pickerOpen(site);
  // Hover the password field, widen the outline to its form with ↑, take it with Enter.
  await site.mouse.move(boxes['#password']!.x + 30, boxes['#password']!.y + 10);
  await site.keyboard.press('ArrowUp');
  await site.keyboard.press('Enter');
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the element, rendered from the page. Sensitive fields were covered.',
  );
  const [shot] = await storedShots(panel.page, [
    centre(boxes['#password']!),
    centre(boxes['#city']!),
  ]);
  expect(shot).toMatchObject({ mode: 'element', redacted: true });
  expect(Math.abs(shot!.width - form.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(shot!.height - form.height)).toBeLessThanOrEqual(2);
  near(shot!.samples[0], [0, 0, 0], 8); // the password field: solid black
  near(shot!.samples[1], [255, 255, 0], 8); // the city field: still the page's yellow

  // A region over the same fields is cut from a native capture: covered there too.
  const pw = boxes['#password']!;
  const city = boxes['#city']!;
  const from = { x: Math.round(pw.x) - 10, y: Math.round(pw.y) - 10 };
  await panel.button('Capture a region').click();
  await pickerOpen(site);
  await site.mouse.move(from.x, from.y);
  await site.mouse.down();
  await site.mouse.move(from.x + 460, Math.round(city.y + city.height) + 10, { steps: 6 });
  await site.mouse.up();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 2 captured: the selected region. Sensitive fields were covered.',
  );
  const at = (b: { x: number; y: number; width: number; height: number }) =>
    [Math.round(b.x - from.x + b.width / 2), Math.round(b.y - from.y + b.height / 2)] as [
      number,
      number,
    ];
  const region = (await storedShots(panel.page, [at(pw), at(city)]))[1]!;
  expect(region).toMatchObject({ mode: 'element', mime: LOSSY, redacted: true });
  near(region.samples[0], [0, 0, 0], 12);
  near(region.samples[1], [255, 255, 0], 16);
});

test('clicks while choosing never reach the page; leaving the page while choosing stores nothing', async ({
  site,
  panel,
  demo,
}) => {
  await startJourney(panel);
  await site.bringToFront();
  await site.goto(demo.url('/lab/oklch.html'));
  const clicks = await site.evaluateHandle(() => {
    const seen: string[] = [];
    document.getElementById('plan-card')!.addEventListener('click', () => seen.push('card'));
    return seen;
  });
  await panel.button('Capture a region').click();
  await pickerOpen(site);
  const card = await cardOf(site, 'plan-card');
  // A click (no drag) is not a region: the picker stays, and the page never sees the click.
  await site.mouse.click(card.x + 30, card.y + 30);
  // The click has been dispatched when mouse.click resolves; a frame later any handler has run.
  await site.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  expect(await clicks.evaluate((seen) => seen.length)).toBe(0);
  await pickerOpen(site);
  await site.keyboard.press('Escape');
  await expect(panel.page.getByRole('status')).toHaveText('Cancelled. Nothing was saved.');
  await expect
    .poll(() => site.evaluate(() => document.querySelector('touchpoint-audit-picker')))
    .toBeNull();

  // Leaving the page while choosing: nothing is stored and the panel says so.
  const stored = await readEverything(panel.page);
  await panel.button('Capture an element').click();
  await pickerOpen(site);
  await site.goto(demo.url('/lab/identity-form.html'));
  await expect(panel.page.getByRole('alert')).toContainText('Choosing on the page did not finish');
  await expect(panel.button('Capture an element')).toBeEnabled();
  expect(await storedShots(panel.page)).toHaveLength(0);
  expect(await readEverything(panel.page)).toEqual(stored);
});
