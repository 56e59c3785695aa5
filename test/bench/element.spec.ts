/**
 * Element render benchmark, in the built extension:
 *
 * 1. Time: html2canvas-pro as the extension runs it (the on-demand script element-capture.js,
 *    injected fresh into the isolated world for each capture, waiting for the clone's stylesheets,
 *    fonts and images) against @zumer/snapdom (a reference only, never shipped) and against
 *    html2canvas-pro as it was shipped before (4 ms clone polling, no wait), on the oklch card,
 *    the oklch plan grid and the styled price card.
 * 2. Fidelity at DPR 1 and 2: each renderer's image of every element of the styled-* lab pages
 *    compared with a native crop of the same element (captureVisibleTab cut to its box), with
 *    lib/capture/fidelity.ts: size, mean difference, worst 24-CSS-px tile, render time.
 *
 * Prints tables; nothing here asserts on time or fidelity (element-fidelity.spec.ts does that).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { BrowserContext, Page } from '@playwright/test';
import { compareImages, mismatch, type Fidelity, type RgbaImage } from '../../lib/capture/fidelity';
import { expect, extensionIdOf, test } from '../e2e/fixtures';
import { openPanel } from '../e2e/pages';
import { pageReady, renderShipped } from '../e2e/styled';

const RUNS = 15;
/** Renders per element and renderer in the fidelity tables (the time is their median). */
const FIDELITY_RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const modulePath = (path: string) =>
  fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

/** In-page renderers, each called by name in the page's main world (see addRenderers). */
type InPage = 'snapdom' | 'html2canvasBefore' | 'html2canvasStock';

/**
 * Loads html2canvas-pro and snapdom into the page's main world and defines the in-page renderers:
 * snapdom without its style cache (every render from scratch, like html2canvas); html2canvas-pro
 * with the extension's options as shipped before the fix (its 50 ms clone polling cut to 4 ms, no
 * wait for the clone's stylesheets); and stock (50 ms polling), as a page's own script runs it.
 */
async function addRenderers(site: Page) {
  await site.addScriptTag({ path: modulePath('html2canvas-pro/dist/html2canvas-pro.min.js') });
  await site.addScriptTag({ path: modulePath('@zumer/snapdom/dist/snapdom.js') });
  await site.evaluate(() => {
    const scope = globalThis as unknown as {
      html2canvas: (e: HTMLElement, o: object) => Promise<HTMLCanvasElement>;
      snapdom: { toCanvas(e: HTMLElement, o: object): Promise<HTMLCanvasElement> };
      benchRender: Record<string, (e: HTMLElement) => Promise<HTMLCanvasElement>>;
    };
    const backdrop = (element: HTMLElement) => {
      for (let node = element.parentElement; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour && !/^(transparent|rgba\(0, 0, 0, 0\)|.*\/ 0\))$/.test(colour)) return colour;
      }
      return '#ffffff';
    };
    const options = (element: HTMLElement) => ({
      scale: devicePixelRatio || 1,
      backgroundColor: backdrop(element),
      logging: false,
      useCORS: false,
      allowTaint: false,
    });
    scope.benchRender = {
      snapdom: (element) =>
        scope.snapdom.toCanvas(element, {
          dpr: devicePixelRatio || 1,
          cache: 'disabled',
          backgroundColor: backdrop(element),
        }),
      html2canvasBefore: async (element) => {
        const original = globalThis.setInterval;
        globalThis.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
          original(handler, ms === 50 ? 4 : ms, ...args)) as typeof setInterval;
        try {
          return await scope.html2canvas(element, options(element));
        } finally {
          globalThis.setInterval = original;
        }
      },
      html2canvasStock: (element) => scope.html2canvas(element, options(element)),
    };
  });
}

/** One in-page render: its PNG data URL and time. */
function renderInPage(site: Page, renderer: InPage, selector: string) {
  return site.evaluate(
    async ({ renderer, selector }) => {
      const scope = globalThis as unknown as {
        benchRender: Record<string, (e: HTMLElement) => Promise<HTMLCanvasElement>>;
      };
      const start = performance.now();
      const canvas = await scope.benchRender[renderer]!(document.querySelector(selector)!);
      const renderMs = performance.now() - start;
      return { dataUrl: canvas.toDataURL('image/png'), renderMs };
    },
    { renderer, selector },
  );
}

/** Writes a data URL's bytes to the test's output folder (to look at what was compared). */
function save(name: string, dataUrl: string) {
  writeFileSync(test.info().outputPath(name), Buffer.from(dataUrl.split(',')[1]!, 'base64'));
}

/** A PNG data URL of `crop` cut from the image `source`. */
function cropPng(
  panel: Page,
  source: string,
  crop: { x: number; y: number; width: number; height: number },
) {
  return panel.evaluate(
    async ({ source, crop }) => {
      const bitmap = await createImageBitmap(await (await fetch(source)).blob());
      const canvas = new OffscreenCanvas(crop.width, crop.height);
      canvas.getContext('2d')!.drawImage(bitmap, -crop.x, -crop.y);
      const bytes = new Uint8Array(await (await canvas.convertToBlob()).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return `data:image/png;base64,${btoa(binary)}`;
    },
    { source, crop },
  );
}

/** Decodes an image (data URL) in the extension page, optionally cut to `crop`, to RGBA. */
async function decode(
  panel: Page,
  source: string,
  crop?: { x: number; y: number; width: number; height: number },
): Promise<RgbaImage> {
  const { width, height, rgba } = await panel.evaluate(
    async ({ source, crop }) => {
      const bitmap = await createImageBitmap(await (await fetch(source)).blob());
      const area = crop ?? { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
      const canvas = new OffscreenCanvas(area.width, area.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, -area.x, -area.y);
      bitmap.close();
      const data = context.getImageData(0, 0, area.width, area.height).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) {
        binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      }
      return { width: area.width, height: area.height, rgba: btoa(binary) };
    },
    { source, crop },
  );
  return { width, height, data: Buffer.from(rgba, 'base64') };
}

/**
 * A native capture of the visible tab (PNG, from the extension page), and each element's box in
 * it: floor/ceil of its CSS box × the capture's scale, as the extension crops.
 */
async function nativeCapture(panel: Page, site: Page, selectors: string[]) {
  const boxes = await site.evaluate((selectors) => {
    return selectors.map((selector) => {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom };
    });
  }, selectors);
  const shot = await panel.evaluate(async () => {
    type Api = {
      windows: { getLastFocused(o: object): Promise<{ id: number }> };
      tabs: { captureVisibleTab(windowId: number, o: object): Promise<string> };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const win = await api.windows.getLastFocused({ windowTypes: ['normal'] });
    return api.tabs.captureVisibleTab(win.id, { format: 'png' });
  });
  const viewport = await site.evaluate(() => innerWidth);
  const full = await decode(panel, shot);
  const k = full.width / viewport;
  return {
    shot,
    scale: k,
    crops: boxes.map((box) => {
      const x = Math.max(0, Math.floor(box.left * k + 1e-6));
      const y = Math.max(0, Math.floor(box.top * k + 1e-6));
      const right = Math.min(full.width, Math.ceil(box.right * k - 1e-6));
      const bottom = Math.min(full.height, Math.ceil(box.bottom * k - 1e-6));
      return { x, y, width: right - x, height: bottom - y };
    }),
  };
}

const FIXTURES = [
  { page: '/lab/styled-card.html', selectors: ['#price-card', '#promo-banner', '#stats-row'] },
  { page: '/lab/styled-cross.html', selectors: ['#cross-card', '#cross-banner'] },
  {
    page: '/lab/styled-effects.html',
    selectors: ['#fade-panel', '#hue-meter', '#outlined', '#gradient-text'],
  },
  { page: '/lab/oklch.html', selectors: ['#plan-card'] },
];

const RENDERERS = [
  ['html2canvas-pro, extension (fixed)', 'shipped'],
  ['html2canvas-pro as shipped before', 'html2canvasBefore'],
  ['html2canvas-pro in the page, stock', 'html2canvasStock'],
  ['snapdom (reference)', 'snapdom'],
] as const;

const figures = (f: Fidelity) =>
  `${f.render.width}×${f.render.height} mean ${f.meanDifference.toFixed(2)} tile ${f.maxTileDifference.toFixed(1)} @${f.worstTile.x},${f.worstTile.y}${mismatch(f) ? ` ✗ ${mismatch(f)}` : ''}`;

/** Prints, for every fixture element, each renderer's fidelity against the native crop. */
async function fidelityTable(context: BrowserContext, demo: { url(path: string): string }) {
  const extensionId = await extensionIdOf(context);
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  const rows: string[] = [];
  const summary: Record<string, { means: number[]; tiles: number[]; times: number[] }> = {};
  let dpr = 1;
  for (const fixture of FIXTURES) {
    await site.bringToFront();
    await site.goto(demo.url(fixture.page));
    await pageReady(site);
    dpr = await site.evaluate(() => devicePixelRatio);
    if (fixture.page.endsWith('oklch.html')) {
      await site.evaluate(() =>
        document.getElementById('plan-card')!.scrollIntoView({ block: 'center' }),
      );
    }
    const native = await nativeCapture(panel.page, site, fixture.selectors);
    await addRenderers(site);
    for (const [i, selector] of fixture.selectors.entries()) {
      const crop = await decode(panel.page, native.shot, native.crops[i]);
      const name = `dpr${dpr}-${selector.slice(1)}`;
      save(`${name}-crop.png`, await cropPng(panel.page, native.shot, native.crops[i]!));
      const cells = [
        `${fixture.page.replace('/lab/', '')} ${selector}`,
        `${crop.width}×${crop.height}`,
      ];
      for (const [label, renderer] of RENDERERS) {
        const times: number[] = [];
        let fidelity: Fidelity | null = null;
        for (let run = 0; run < FIDELITY_RUNS; run++) {
          const rendered =
            renderer === 'shipped'
              ? await renderShipped(panel.page, selector)
              : await renderInPage(site, renderer, selector);
          times.push(rendered.renderMs);
          // The first render (cold clone, stylesheets fetched again) is the one compared.
          if (run === 0) {
            save(`${name}-${renderer}.png`, rendered.dataUrl);
            fidelity = compareImages(await decode(panel.page, rendered.dataUrl), crop, {
              scale: native.scale,
            });
          }
        }
        cells.push(`${figures(fidelity!)} ${ms(times[0]!)}/${ms(median(times.slice(1)))}`);
        const entry = (summary[label] ??= { means: [], tiles: [], times: [] });
        entry.means.push(fidelity!.meanDifference);
        entry.tiles.push(fidelity!.maxTileDifference);
        entry.times.push(median(times));
      }
      rows.push(cells.join(' | '));
    }
  }
  console.log(
    `\nElement fidelity at DPR ${dpr} — each renderer vs the native crop (lib/capture/fidelity.ts: size, mean channel difference 0–255, worst 24-CSS-px tile; ✗ = outside FIDELITY_TOLERANCE), time of the first render (the one compared) / median of the next ${FIDELITY_RUNS - 1}`,
  );
  console.log(['element', 'crop', ...RENDERERS.map(([label]) => label)].join(' | '));
  for (const row of rows) console.log(row);
  for (const [label, entry] of Object.entries(summary)) {
    console.log(
      `${label}: median mean ${median(entry.means).toFixed(2)}, worst mean ${Math.max(...entry.means).toFixed(2)}, worst tile ${Math.max(...entry.tiles).toFixed(1)}, median time ${ms(median(entry.times))}`,
    );
  }
  return summary;
}

/** The element times of test 1: shipped path (fresh injection) and in-page renderers, interleaved. */
async function timeElement(site: Page, panel: Page, selector: string) {
  const times: Record<'shipped' | 'roundTrip' | InPage, number[]> = {
    shipped: [],
    roundTrip: [],
    snapdom: [],
    html2canvasBefore: [],
    html2canvasStock: [],
  };
  const inPage: InPage[] = ['snapdom', 'html2canvasBefore', 'html2canvasStock'];
  // Warm-up: one render each.
  await renderShipped(panel, selector);
  for (const renderer of inPage) await renderInPage(site, renderer, selector);
  let size = '';
  for (let i = 0; i < RUNS; i++) {
    const shipped = await renderShipped(panel, selector);
    times.shipped.push(shipped.renderMs);
    times.roundTrip.push(shipped.roundTrip);
    for (const renderer of inPage) {
      times[renderer].push((await renderInPage(site, renderer, selector)).renderMs);
    }
    if (i === 0) {
      const image = await decode(panel, shipped.dataUrl);
      size = `${image.width}×${image.height}`;
    }
  }
  return { times, size };
}

test('element render time: html2canvas-pro as shipped (fixed) vs before vs snapdom', async ({
  context,
  extensionId,
  demo,
}) => {
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  const elements = [
    ['oklch card', '/lab/oklch.html', '#plan-card'],
    ['oklch plan grid', '/lab/oklch.html', '#plan-grid'],
    ['styled price card', '/lab/styled-card.html', '#price-card'],
  ] as const;
  const rows: string[] = [];
  for (const [label, page, selector] of elements) {
    await site.bringToFront();
    await site.goto(demo.url(page));
    await pageReady(site);
    await addRenderers(site);
    const { times, size } = await timeElement(site, panel.page, selector);
    const shipped = median(times.shipped);
    const snap = median(times.snapdom);
    rows.push(
      [
        `${label} → ${size} px`,
        ms(shipped),
        ms(median(times.roundTrip)),
        ms(median(times.html2canvasBefore)),
        ms(median(times.html2canvasStock)),
        ms(snap),
        `${(shipped / snap).toFixed(2)}×`,
      ].join(' | '),
    );
    expect(times.shipped).toHaveLength(RUNS);
  }
  console.log(
    `\nElement render time — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Chromium headless 1280×800, median of ${RUNS}`,
  );
  console.log(
    [
      'element',
      'html2canvas-pro as shipped (fresh injection, isolated world, waits for the clone)',
      'extension round trip: inject + render + PNG to panel',
      'html2canvas-pro as shipped before (4 ms polling, no wait; in the page)',
      'html2canvas-pro stock 50 ms polling (in the page)',
      'snapdom, no cache (reference)',
      'shipped / snapdom',
    ].join(' | '),
  );
  for (const row of rows) console.log(row);
});

test('element fidelity vs a native crop at DPR 1', async ({ context, demo }) => {
  test.setTimeout(600_000);
  await fidelityTable(context, demo);
});

test.describe('at device pixel ratio 2 (a 2× screen)', () => {
  test.use({ display: 'real-2x' });

  test('element fidelity vs a native crop at DPR 2', async ({ context, demo }) => {
    test.setTimeout(600_000);
    await fidelityTable(context, demo);
  });
});
