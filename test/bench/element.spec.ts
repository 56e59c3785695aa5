/**
 * Element render benchmark: html2canvas-pro with the extension's options against @zumer/snapdom
 * (a reference only, never shipped) on the same elements of the oklch lab page, in the same run,
 * both warm in the page; plus html2canvas-pro as the extension really runs it (the on-demand
 * script element-capture.js, injected fresh into the isolated world for each capture, so its code
 * starts cold). Prints a table; nothing here asserts on time.
 */
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import type { Page } from '@playwright/test';
import { expect, test } from '../e2e/fixtures';
import { openPanel } from '../e2e/pages';

const RUNS = 15;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const modulePath = (path: string) =>
  fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

/** Library render times in the page's main world, interleaved, after one warm-up each. */
function libraryTimes(site: Page, selector: string) {
  return site.evaluate(
    async ({ selector, runs }) => {
      const scope = globalThis as unknown as {
        html2canvas: (e: HTMLElement, o: object) => Promise<HTMLCanvasElement>;
        snapdom: { toCanvas(e: HTMLElement, o: object): Promise<HTMLCanvasElement> };
      };
      const element = document.querySelector<HTMLElement>(selector)!;
      const scale = devicePixelRatio || 1;
      const libraries: Record<string, () => Promise<HTMLCanvasElement>> = {
        // Every render from scratch, like html2canvas (snapdom's default cache keeps styles).
        snapdom: () => scope.snapdom.toCanvas(element, { dpr: scale, cache: 'disabled' }),
        snapdomCached: () => scope.snapdom.toCanvas(element, { dpr: scale }),
        // The library with its stock 50 ms clone polling…
        html2canvasStock: () =>
          scope.html2canvas(element, { scale, logging: false, useCORS: false }),
        // …and polling every 4 ms, as element-render.ts does (withQuickPolling).
        html2canvas: async () => {
          const original = globalThis.setInterval;
          globalThis.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) =>
            original(handler, ms === 50 ? 4 : ms, ...args)) as typeof setInterval;
          try {
            return await scope.html2canvas(element, { scale, logging: false, useCORS: false });
          } finally {
            globalThis.setInterval = original;
          }
        },
      };
      const times: Record<string, number[]> = {};
      for (const [name, render] of Object.entries(libraries)) {
        times[name] = [];
        await render();
      }
      for (let i = 0; i < runs; i++) {
        for (const [name, render] of Object.entries(libraries)) {
          await new Promise((resolve) => setTimeout(resolve, 30));
          const start = performance.now();
          await render();
          times[name]!.push(performance.now() - start);
        }
      }
      const box = element.getBoundingClientRect();
      return { times, css: `${Math.round(box.width)}×${Math.round(box.height)}` };
    },
    { selector, runs: RUNS },
  );
}

/**
 * The shipped path, driven from an extension page: mark the element as picked, inject
 * element-capture.js, get the PNG back. Returns html2canvas-pro's own render time (measured in
 * the page) and the whole round trip.
 */
function extensionTimes(panel: Page, selector: string) {
  return panel.evaluate(
    async ({ selector, runs }) => {
      type Api = {
        windows: { getLastFocused(o: object): Promise<{ id: number }> };
        tabs: { query(o: object): Promise<{ id: number }[]> };
        scripting: { executeScript(o: object): Promise<{ result: unknown }[]> };
      };
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const win = await api.windows.getLastFocused({ windowTypes: ['normal'] });
      const [tab] = await api.tabs.query({ active: true, windowId: win.id });
      const target = { tabId: tab!.id };
      const render: number[] = [];
      const roundTrip: number[] = [];
      let size = '';
      for (let i = 0; i <= runs; i++) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        await api.scripting.executeScript({
          target,
          func: (s: string) => {
            (globalThis as Record<string, unknown>).__touchpointAuditPicked =
              document.querySelector(s);
          },
          args: [selector],
        });
        const start = performance.now();
        const [injection] = await api.scripting.executeScript({
          target,
          files: ['/element-capture.js'],
        });
        const result = injection?.result as
          | { ok: true; renderMs: number; width: number; height: number }
          | { ok: false; message: string };
        if (!result.ok) throw new Error(`render failed: ${result.message}`);
        if (i === 0) continue; // warm-up
        roundTrip.push(performance.now() - start);
        render.push(result.renderMs);
        size = `${result.width}×${result.height}`;
      }
      return { render, roundTrip, size };
    },
    { selector, runs: RUNS },
  );
}

test('element render: html2canvas-pro (as shipped) vs snapdom on the oklch card and a larger element', async ({
  context,
  extensionId,
  demo,
}) => {
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  await site.bringToFront();
  await site.goto(demo.url('/lab/oklch.html'));
  await site.addScriptTag({ path: modulePath('html2canvas-pro/dist/html2canvas-pro.min.js') });
  await site.addScriptTag({ path: modulePath('@zumer/snapdom/dist/snapdom.js') });

  const elements = [
    ['oklch card', '#plan-card'],
    ['plan grid', '#plan-grid'],
  ] as const;
  const rows: string[][] = [];
  for (const [label, selector] of elements) {
    const shipped = await extensionTimes(panel.page, selector);
    const { times, css } = await libraryTimes(site, selector);
    const warm = median(times.html2canvas!);
    const cold = median(shipped.render);
    const snap = median(times.snapdom!);
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    rows.push([
      `${label} ${css} CSS px → ${shipped.size} px`,
      ms(warm),
      ms(snap),
      `${(warm / snap).toFixed(2)}×`,
      `${ms(cold)} (${(cold / snap).toFixed(2)}×)`,
      ms(median(shipped.roundTrip)),
      ms(median(times.html2canvasStock!)),
      ms(median(times.snapdomCached!)),
    ]);
    expect(shipped.render).toHaveLength(RUNS);
  }

  console.log(
    `\nElement render benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Chromium headless 1280×800, median of ${RUNS} (target ratio ≤ 1.5×)`,
  );
  console.log(
    [
      'element',
      'html2canvas-pro (extension options)',
      'snapdom, no cache (reference)',
      'ratio',
      'html2canvas-pro as shipped: fresh injection, isolated world (ratio)',
      'extension round trip: inject + render + PNG to panel',
      'html2canvas-pro, stock 50 ms polling',
      'snapdom, default cache',
    ].join(' | '),
  );
  for (const row of rows) console.log(row.join(' | '));
});
