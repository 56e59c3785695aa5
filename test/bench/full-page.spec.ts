/**
 * Full-page capture benchmark in the built extension: a page of about 10 viewports (sticky
 * header, fixed footer, lazy images), click → step saved, against the quota floor measured in the
 * same run: (tiles − 1) × 0.5 s + one raw captureVisibleTab call. Prints figures; asserts no time.
 * The same for a page whose document does not scroll but its main column does (its tiles are the
 * column's screens).
 */
import os from 'node:os';
import { expect, test } from '../e2e/fixtures';
import { openPanel } from '../e2e/pages';

const RUNS = 5;
const RAW_RUNS = 12;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** How a case scrolls: the document, or its main column (the area a full page then takes). */
interface Case {
  name: string;
  path: string;
  /** Puts the scroll away from the top; returns the content's height and one screen of it. */
  sizes: () => { page: number; viewport: number };
  scroll: () => void;
}

const CASES: Case[] = [
  {
    name: 'full page of ~10 viewports vs the quota floor',
    path: '/lab/long.html?viewports=10',
    scroll: () => window.scrollTo({ top: 1500, behavior: 'instant' }),
    sizes: () => ({
      page: document.documentElement.scrollHeight,
      viewport: document.documentElement.clientHeight,
    }),
  },
  {
    name: 'full page of a scrolling area (~11 screens of it) vs the quota floor',
    path: '/lab/scroll/app.html?bands=20',
    scroll: () => document.getElementById('content')!.scrollTo({ top: 1500, behavior: 'instant' }),
    sizes: () => {
      const main = document.getElementById('content')!;
      return { page: main.scrollHeight, viewport: main.clientHeight };
    },
  },
];

for (const bench of CASES)
  test(bench.name, async ({ context, extensionId, demo }) => {
    const site = context.pages()[0] ?? (await context.newPage());
    const panel = await openPanel(context, extensionId);
    await panel.createAudit('Benchmark', '', '');
    await panel.createJourney('Lab', 'lab.test', 'own');
    const url = demo.url(bench.path);
    await site.bringToFront();
    await site.goto(url);

    // Reference: a raw captureVisibleTab call (JPEG q85, what each tile costs), same extension page.
    const raw = await panel.page.evaluate(async (runs) => {
      type Api = {
        windows: { getLastFocused(o: object): Promise<{ id: number }> };
        tabs: { captureVisibleTab(id: number, o: object): Promise<string> };
      };
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const win = await api.windows.getLastFocused({ windowTypes: ['normal'] });
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        await new Promise((r) => setTimeout(r, 600));
        const t = performance.now();
        await api.tabs.captureVisibleTab(win.id, { format: 'jpeg', quality: 85 });
        times.push(performance.now() - t);
      }
      return times;
    }, RAW_RUNS);

    const totals: number[] = [];
    let tiles = 0;
    let pageHeight = 0;
    for (let run = 1; run <= RUNS; run++) {
      // A fresh page each time: its lazy images have to load again.
      await site.goto(url);
      await site.waitForLoadState('load');
      await site.evaluate(bench.scroll);
      await panel.page.waitForTimeout(700);
      totals.push(
        await panel.page.evaluate(
          (n) =>
            new Promise<number>((resolve) => {
              const status = document.querySelector('[role="status"]')!;
              const button = [...document.querySelectorAll('button')].find(
                (b) => b.textContent === 'Full page',
              )!;
              const observer = new MutationObserver(() => {
                if (status.textContent?.startsWith(`Step ${n} captured`)) {
                  observer.disconnect();
                  resolve(performance.now() - start);
                }
              });
              observer.observe(status, { childList: true, characterData: true, subtree: true });
              const start = performance.now();
              button.click();
            }),
          run,
        ),
      );
      const sizes = await site.evaluate(bench.sizes);
      pageHeight = sizes.page;
      tiles = Math.ceil(sizes.page / sizes.viewport);
    }
    await expect(panel.steps()).toHaveCount(RUNS);

    const rawJpeg = median(raw);
    const total = median(totals);
    const floor = (tiles - 1) * 500 + rawJpeg;
    const pacedFloor = (tiles - 1) * 520 + rawJpeg;
    console.log(
      `\n${bench.name} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Chromium headless 1280×800, page ${pageHeight} px = ${tiles} tiles, median of ${RUNS} (raw: ${RAW_RUNS})`,
    );
    console.log(['figure', 'value', 'reference (same run)', 'ratio', 'target'].join(' | '));
    console.log(
      [
        `full page, ${tiles} tiles: click → step saved`,
        `${total.toFixed(0)} ms`,
        `quota floor (${tiles} − 1) × 500 ms + raw JPEG ${rawJpeg.toFixed(1)} ms = ${floor.toFixed(0)} ms`,
        (total / floor).toFixed(2),
        bench.path.includes('scroll/') ? '≤ 1.1×' : '≤ 1.15×',
      ].join(' | '),
    );
    console.log(
      [
        '  same, vs the pacer’s own floor (520 ms gaps)',
        `${total.toFixed(0)} ms`,
        `${pacedFloor.toFixed(0)} ms`,
        (total / pacedFloor).toFixed(2),
        '—',
      ].join(' | '),
    );
    console.log(`  runs: ${totals.map((t) => t.toFixed(0)).join(', ')} ms`);
  });
