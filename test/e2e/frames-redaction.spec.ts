/**
 * Redaction in every frame: the auditor's identity typed into the top document, a same-origin
 * frame, a cross-origin widget (a second loopback origin), a cross-origin frame nested in a
 * same-origin one, open and closed shadow roots, a sandboxed frame, about:blank and srcdoc
 * frames, a frame scrolled inside itself and a scaled frame is black in every stored image, and
 * nothing else is.
 */
import type { FrameLocator, Locator, Page } from '@playwright/test';
import { expect, framesUrl, test } from './fixtures';
import type { PanelPage } from './pages';
import { readStoredShots, readTable, saveStoredImage } from './stored';

const NAME = 'Anna Petrova';
const EMAIL = 'anna.petrova@example.com';
const PHONE = '+7 916 123-45-67';

const isBlack = ([r, g, b]: number[]) => r! <= 40 && g! <= 40 && b! <= 40;
const isYellow = ([r, g, b]: number[]) => r! >= 190 && g! >= 190 && b! <= 100;

type Scope = Page | FrameLocator | Locator;

/** The identity forms of frames/index.html, by where they live. */
function forms(site: Page) {
  const frame = (title: string) => site.frameLocator(`iframe[title="${title}"]`);
  return {
    top: site.locator('#top-form'),
    'same-origin frame': frame('Same-origin form'),
    'cross-origin frame': frame('Cross-origin widget'),
    'nested cross-origin frame': frame('Nested host').frameLocator(
      'iframe[title="Nested cross-origin widget"]',
    ),
    'open shadow root': site.locator('#open-host'),
    'sandboxed frame': frame('Sandboxed form'),
    'scrolled frame': frame('Scrolled form'),
    'scaled frame': frame('Scaled form'),
    'about:blank frame written by script': frame('Written form'),
    'srcdoc frame': frame('Srcdoc form'),
  } satisfies Record<string, Scope>;
}

async function fillIdentity(scope: Scope) {
  await scope.getByLabel('Full name').fill(NAME);
  await scope.getByLabel('Email').fill(EMAIL.toUpperCase());
  await scope.getByLabel('Phone').fill('8 (916) 123 45 67');
  await scope.getByLabel('City').fill('Moscow');
}

type Box = { x: number; y: number; width: number; height: number };

/** Centre and two inner corners of a box, in image pixels at `dpr`. */
const samples = (box: Box, dpr: number): [number, number][] =>
  [
    [box.x + box.width / 2, box.y + box.height / 2],
    [box.x + 4, box.y + 4],
    [box.x + box.width - 4, box.y + box.height - 4],
  ].map(([x, y]) => [Math.round(x! * dpr), Math.round(y! * dpr)]);

async function fieldBoxes(scope: Scope) {
  const box = async (label: string) => (await scope.getByLabel(label).boundingBox())!;
  return {
    sensitive: [await box('Full name'), await box('Email'), await box('Phone')],
    city: await box('City'),
  };
}

async function fillAllForms(site: Page) {
  const scopes = forms(site);
  await site
    .frameLocator('iframe[title="Scrolled form"]')
    .locator('#scrolled-form')
    .scrollIntoViewIfNeeded();
  for (const scope of Object.values(scopes)) await fillIdentity(scope);
  await site.evaluate(
    ([name, email, phone]) =>
      (window as unknown as { fillClosedShadow(...a: string[]): void }).fillClosedShadow(
        name!,
        email!,
        phone!,
      ),
    [NAME, EMAIL, PHONE],
  );
  await site.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const boxes: Record<string, Awaited<ReturnType<typeof fieldBoxes>>> = {};
  for (const [where, scope] of Object.entries(scopes)) boxes[where] = await fieldBoxes(scope);
  // The closed shadow root's form is laid out like the open one, inside its own host.
  const open = (await site.locator('#open-host').boundingBox())!;
  const closed = (await site.locator('#closed-host').boundingBox())!;
  const shift = (b: Box) => ({ ...b, x: b.x - open.x + closed.x, y: b.y - open.y + closed.y });
  const like = boxes['open shadow root']!;
  boxes['closed shadow root'] = { sensitive: like.sensitive.map(shift), city: shift(like.city) };
  return boxes;
}

test.use({ identity: { name: NAME, email: EMAIL, phone: PHONE } });

/** The panel with an audit and a journey, the walked tab in front. */
async function prepare(site: Page, panel: PanelPage) {
  await panel.createAudit('Frames', '', '');
  await panel.createJourney('Lab', '', 'own');
  await site.bringToFront();
}

/** Checks every identity field black and every City field yellow in the stored image. */
async function expectCovered(
  panel: PanelPage,
  boxes: Awaited<ReturnType<typeof fillAllForms>>,
  dpr: number,
  only?: string,
) {
  const where = Object.keys(boxes);
  const points = where.flatMap((w) => [
    ...boxes[w]!.sensitive.flatMap((b) => samples(b, dpr)),
    ...samples(boxes[w]!.city, dpr).slice(0, 1),
  ]);
  const shots = await readStoredShots(panel.page, points, only);
  const shot = shots.at(-1)!;
  if (process.env.SAVE_SHOTS) await saveStoredImage(panel.page, shot.id, process.env.SAVE_SHOTS);
  expect(shot.redacted).toBe(true);
  expect(shot.actualSha256).toBe(shot.sha256);
  let i = 0;
  for (const w of where) {
    for (const label of ['Full name', 'Email', 'Phone']) {
      for (let k = 0; k < 3; k++) {
        const pixel = shot.pixels[i++]!;
        expect(isBlack(pixel), `${label} in the ${w} at ${points[i - 1]}: ${pixel}`).toBe(true);
      }
    }
    const city = shot.pixels[i++]!;
    expect(isYellow(city), `City in the ${w} at ${points[i - 1]}: ${city}`).toBe(true);
  }
  return shot;
}

test('identity typed into every kind of frame and shadow root is black in the stored page', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  await prepare(site, panel);
  await site.goto(framesUrl(demo, demo2));
  const boxes = await fillAllForms(site);
  await panel.capture(1, true);
  const shot = await expectCovered(panel, boxes, 1);
  const [stored] = await readTable<{ coveredFrames: unknown[] }>(panel.page, 'screenshots');
  expect(stored!.coveredFrames).toEqual([]);
  expect(shot.mode).toBe('visible');
  await expect(panel.step(1).getByText('Redacted')).toBeVisible();
});

test('the element picker takes a button inside a cross-origin frame at its own size, and region capture covers the frames inside it', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  await prepare(site, panel);
  await site.goto(framesUrl(demo, demo2));
  const boxes = await fillAllForms(site);
  const widget = site.frameLocator('iframe[title="Cross-origin widget"]');
  const button = (await widget.getByRole('button', { name: 'Send request' }).boundingBox())!;

  await panel.button('Capture an element').click();
  await expect(panel.page.getByRole('status')).toHaveText(/Choose an element in the page/);
  // The picker runs in the frame too: wait until the frame's document has its overlay.
  await expect
    .poll(() =>
      widget
        .locator('touchpoint-audit-picker')
        .count()
        .catch(() => 0),
    )
    .toBe(1);
  await site.mouse.move(button.x + 20, button.y + 10, { steps: 3 });
  await site.screenshot({ path: test.info().outputPath('frame-picker-hover.png') });
  await site.mouse.click(button.x + 20, button.y + 10);
  await expect(panel.page.getByRole('status')).toHaveText(/^Step 1 captured: the element/);
  const [shot] = await readStoredShots(panel.page, [[5, 5]]);
  expect(shot).toMatchObject({ mode: 'element', width: 128, height: 32, redacted: false });
  // The button's blue, not the frame or the page.
  const [r, g, b] = shot!.pixels[0]!;
  expect(b! > 120 && r! < 80 && g! < 110, `button colour ${shot!.pixels[0]}`).toBe(true);
  // Nothing of the picker is left in any frame.
  await expect(site.locator('touchpoint-audit-picker')).toHaveCount(0);
  await expect(widget.locator('touchpoint-audit-picker')).toHaveCount(0);
  // The step has the tab's address and title, never the frame's.
  const [step] = await readTable<{ url: string; title: string }>(panel.page, 'touchpoints');
  expect(step).toMatchObject({ url: site.url(), title: await site.title() });

  // Inside a closed shadow root: the picker reaches the field itself, not its host.
  const city = (await site.locator('#open-host').getByLabel('City').boundingBox())!;
  const closedCity = {
    ...city,
    x:
      city.x -
      (await site.locator('#open-host').boundingBox())!.x +
      (await site.locator('#closed-host').boundingBox())!.x,
  };
  await panel.button('Capture an element').click();
  await expect
    .poll(() => site.evaluate(() => document.querySelector('touchpoint-audit-picker') !== null))
    .toBe(true);
  await site.mouse.move(closedCity.x + 20, closedCity.y + 10, { steps: 3 });
  await site.mouse.click(closedCity.x + 20, closedCity.y + 10);
  await expect(panel.page.getByRole('status')).toHaveText(/^Step 2 captured: the element/);
  const picked = (await readStoredShots(panel.page)).at(-1)!;
  expect(Math.abs(picked.width - city.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(picked.height - city.height)).toBeLessThanOrEqual(1);

  // A region dragged over two frames: the identity in both is black in the cut-out.
  const from = { x: 300, y: 70 };
  const to = { x: 950, y: 260 };
  await panel.button('Capture a region').click();
  await expect
    .poll(() => site.evaluate(() => document.querySelector('touchpoint-audit-picker') !== null))
    .toBe(true);
  await site.mouse.move(from.x, from.y);
  await site.mouse.down();
  await site.mouse.move(to.x, to.y, { steps: 5 });
  await site.mouse.up();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 3 captured: the selected region. Sensitive fields were covered.',
  );
  const inRegion = (['same-origin frame', 'cross-origin frame'] as const).map((w) => ({
    sensitive: boxes[w]!.sensitive.map((box) => ({ ...box, x: box.x - from.x, y: box.y - from.y })),
    city: { ...boxes[w]!.city, x: boxes[w]!.city.x - from.x, y: boxes[w]!.city.y - from.y },
  }));
  const region = await readStoredShots(
    panel.page,
    inRegion.flatMap((w) => [
      ...w.sensitive.flatMap((box) => samples(box, 1)),
      ...samples(w.city, 1),
    ]),
  );
  const cut = region.at(-1)!;
  expect(cut.redacted).toBe(true);
  const fieldPixels = cut.pixels.filter((_, i) => i % 12 < 9);
  const cityPixels = cut.pixels.filter((_, i) => i % 12 >= 9);
  for (const pixel of fieldPixels) expect(isBlack(pixel), `field ${pixel}`).toBe(true);
  for (const pixel of cityPixels) expect(isYellow(pixel), `City ${pixel}`).toBe(true);
});

test('hostile frames: 50 frames, a throwing one, an unreachable one, one that navigates and one that adds a frame mid-scan', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  test.setTimeout(120_000);
  await prepare(site, panel);
  site.on('pageerror', () => undefined);
  await site.goto(framesUrl(demo, demo2, 'hostile.html'));
  const small = Array.from({ length: 50 }, (_, i) =>
    site.frameLocator(`iframe[title="Small frame ${i + 1}"]`).getByLabel('Full name'),
  );
  for (const field of small) await field.fill(NAME);
  const throwing = site.frameLocator('iframe[title="Throwing frame"]');
  await fillIdentity(throwing);
  await site.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const centre = (b: Box) => [Math.round(b.x + b.width / 2), Math.round(b.y + b.height / 2)];
  const points = [
    ...(await Promise.all(small.map(async (f) => centre((await f.boundingBox())!)))),
    centre((await throwing.getByLabel('Full name').boundingBox())!),
    centre((await site.locator('iframe[title="Unreachable frame"]').boundingBox())!),
    centre((await throwing.getByLabel('City').boundingBox())!),
  ] as [number, number][];

  await panel.button('Capture page').click();
  // The unreachable frame, and any frame that navigated or appeared mid-scan, are covered and said.
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 1 captured\. Sensitive fields were covered in the frames that could be checked\. (1 embedded frame could not be checked and was covered|\d+ embedded frames could not be checked and were covered)\./,
  );
  const [shot] = await readStoredShots(panel.page, points);
  expect(shot!.redacted).toBe(true);
  shot!.pixels.slice(0, 52).forEach((pixel, i) => {
    expect(isBlack(pixel), `point ${i} ${points[i]}: ${pixel}`).toBe(true);
  });
  expect(isYellow(shot!.pixels[52]!), `City of the throwing frame ${shot!.pixels[52]}`).toBe(true);
  const [stored] = await readTable<{ coveredFrames: { uncoveredAt: number | null }[] }>(
    panel.page,
    'screenshots',
  );
  expect(stored!.coveredFrames.length).toBeGreaterThanOrEqual(1);
  // One step, one image, nothing half-written; the held-back pixels stay local.
  await expect(panel.steps()).toHaveCount(1);
  expect(await readTable(panel.page, 'heldBack')).toHaveLength(1);
  await expect(panel.step(1).getByText(/^Frames covered: \d+$/)).toBeVisible();
});

test.describe('on a 2× screen', () => {
  test.use({ display: 'real-2x' });

  test('every kind of frame is covered at device pixel ratio 2, in a visible and a full-page capture', async ({
    site,
    panel,
    demo,
    demo2,
  }) => {
    await prepare(site, panel);
    await site.goto(framesUrl(demo, demo2));
    const boxes = await fillAllForms(site);
    expect(await site.evaluate(() => devicePixelRatio)).toBe(2);
    await panel.capture(1, true);
    await expectCovered(panel, boxes, 2);
    await panel.button('Full page').click();
    await expect(panel.page.getByRole('status')).toHaveText(
      'Step 2 captured: the whole page. Sensitive fields were covered.',
    );
    await expectCovered(panel, boxes, 2);
  });
});

test('full page: frames further down and a fixed widget shown on the last tile are covered where each tile shows them', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  test.setTimeout(120_000);
  await prepare(site, panel);
  await site.goto(framesUrl(demo, demo2, 'tall.html'));
  const titles = ['Far same-origin form', 'Far cross-origin widget', 'Fixed chat widget'];
  for (const title of titles) await fillIdentity(site.frameLocator(`iframe[title="${title}"]`));
  await site.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Document positions (the page is at its top: viewport px are document px).
  await site.evaluate(() => window.scrollTo(0, 0));
  const far = [];
  for (const title of titles.slice(0, 2)) {
    const frame = site.frameLocator(`iframe[title="${title}"]`);
    for (const label of ['Full name', 'Email', 'Phone', 'City'])
      far.push((await frame.getByLabel(label).boundingBox())!);
  }
  const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
  // The fixed widget shows once, on the last tile: at the bottom of the page.
  const widget = site.frameLocator('iframe[title="Fixed chat widget"]');
  const viewport = site.viewportSize()!;
  const fixed = [];
  for (const label of ['Full name', 'Email', 'Phone', 'City']) {
    const box = (await widget.getByLabel(label).boundingBox())!;
    fixed.push({ ...box, y: box.y + pageHeight - viewport.height });
  }
  const all = [...far, ...fixed];
  // A frame nothing can check, across the seam of screens 2 and 3: covered, and held back once.
  const unreachable = (await site.locator('#unreachable').boundingBox())!;
  expect(
    unreachable.y < viewport.height * 2 && unreachable.y + unreachable.height > viewport.height * 2,
  ).toBe(true);
  await panel.button('Full page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured: the whole page. Sensitive fields were covered in the frames that could be checked. 1 embedded frame could not be checked and was covered. To uncover it, open “Annotate / redact”.',
    { timeout: 60_000 },
  );
  const [shot] = await readStoredShots(
    panel.page,
    [...all, unreachable].map((b) => [
      Math.round(b.x + b.width / 2),
      Math.round(b.y + b.height / 2),
    ]),
  );
  expect(shot).toMatchObject({ mode: 'full-page', height: pageHeight, redacted: true });
  expect(isBlack(shot!.pixels.pop()!)).toBe(true);
  const [stored] = await readTable<{ coveredFrames: Box[] }>(panel.page, 'screenshots');
  expect(stored!.coveredFrames).toHaveLength(1);
  expect(stored!.coveredFrames[0]!.height).toBeGreaterThanOrEqual(unreachable.height);
  shot!.pixels.forEach((pixel, i) => {
    const city = i % 4 === 3;
    expect(
      city ? isYellow(pixel) : isBlack(pixel),
      `field ${i} ${JSON.stringify(all[i])}: ${pixel}`,
    ).toBe(true);
  });
});

test('the shortcut, the context menu and auto-capture cover every frame too, and say what they covered', async ({
  site,
  panel,
  serviceWorker,
  demo,
  demo2,
}) => {
  test.setTimeout(120_000);
  await prepare(site, panel);
  await site.goto(framesUrl(demo, demo2));
  const boxes = await fillAllForms(site);
  const sw = await serviceWorker();
  type Hooks = {
    touchpointAudit: {
      onCommand(command: string): Promise<unknown>;
      onMenu(info: { menuItemId: string }, tab?: object): Promise<unknown>;
    };
  };
  await sw.evaluate(() =>
    (globalThis as unknown as Hooks).touchpointAudit.onCommand('capture-visible'),
  );
  await expect(panel.steps()).toHaveCount(1);
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 1 captured. Sensitive fields were covered.',
  );
  await expectCovered(panel, boxes, 1);

  await sw.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<object[]> } } }
    ).chrome;
    const [tab] = await api.tabs.query({ active: true, url: 'http://*/*' });
    return (globalThis as unknown as Hooks).touchpointAudit.onMenu(
      { menuItemId: 'capture-touchpoint' },
      tab,
    );
  });
  await expect(panel.steps()).toHaveCount(2);
  await expectCovered(panel, boxes, 1);

  // Auto-capture on a page with an unreachable frame: covered, and said.
  const auto = panel.page.getByLabel('Auto-capture every page loaded in the walked tab');
  await auto.click();
  await expect(auto).toBeChecked();
  await site.goto(framesUrl(demo, demo2, 'hostile.html'));
  await expect(panel.steps()).toHaveCount(3, { timeout: 20_000 });
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 3 captured\. (1 embedded frame could not be checked and was covered|\d+ embedded frames could not be checked and were covered)\./,
  );
  const unreachable = (await site.locator('iframe[title="Unreachable frame"]').boundingBox())!;
  const shots = await readStoredShots(panel.page, [
    [Math.round(unreachable.x + unreachable.width / 2), Math.round(unreachable.y + 20)],
  ]);
  expect(isBlack(shots.at(-1)!.pixels[0]!)).toBe(true);
  await expect(panel.step(3).getByText(/^Frames covered: \d+$/)).toBeVisible();
});
