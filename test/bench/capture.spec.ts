/**
 * Capture benchmark on the demo pages, in the built extension in Chromium. Every figure is a ratio
 * to a reference measured in the same run; nothing here asserts on time.
 */
import os from 'node:os';
import { expect, test } from '../e2e/fixtures';
import { openPanel } from '../e2e/pages';

const RUNS = 12;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('capture: click → step saved vs raw captureVisibleTab; stored bytes vs PNG; content scripts', async ({
  context,
  extensionId,
  demo,
}) => {
  const site = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(site);
  const isolatedWorlds: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { type?: string } | undefined;
    if (aux?.type === 'isolated') isolatedWorlds.push(e.context.origin);
  });
  await cdp.send('Runtime.enable');

  const panel = await openPanel(context, extensionId);
  await panel.createAudit('Benchmark', '', '');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/catalogue.html'));
  await site.waitForLoadState('networkidle');

  // Reference: raw captureVisibleTab from the same extension page (PNG = the API default, JPEG q85).
  const raw = await panel.page.evaluate(async (runs) => {
    type Api = {
      windows: { getLastFocused(o: object): Promise<{ id: number }> };
      tabs: { captureVisibleTab(id: number, o: object): Promise<string> };
    };
    const api = (globalThis as unknown as { chrome: Api }).chrome;
    const win = await api.windows.getLastFocused({ windowTypes: ['normal'] });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const png: number[] = [];
    const jpeg: number[] = [];
    let pngBytes = 0;
    for (let i = 0; i < runs; i++) {
      await sleep(600);
      let t = performance.now();
      const p = await api.tabs.captureVisibleTab(win.id, { format: 'png' });
      png.push(performance.now() - t);
      pngBytes = Math.round((p.length - p.indexOf(',') - 1) * 0.75);
      await sleep(600);
      t = performance.now();
      await api.tabs.captureVisibleTab(win.id, { format: 'jpeg', quality: 85 });
      jpeg.push(performance.now() - t);
    }
    return { png, jpeg, pngBytes };
  }, RUNS);

  // Click → step saved, timed inside the panel: from the click to the confirmation being shown.
  const saved: number[] = [];
  for (let i = 1; i <= RUNS; i++) {
    await panel.page.waitForTimeout(600);
    saved.push(
      await panel.page.evaluate(
        (n) =>
          new Promise<number>((resolve) => {
            const status = document.querySelector('[role="status"]')!;
            const button = [...document.querySelectorAll('button')].find(
              (b) => b.textContent === 'Capture page',
            )!;
            const observer = new MutationObserver(() => {
              if (status.textContent === `Step ${n} captured.`) {
                observer.disconnect();
                resolve(performance.now() - start);
              }
            });
            observer.observe(status, { childList: true, characterData: true, subtree: true });
            const start = performance.now();
            button.click();
          }),
        i,
      ),
    );
  }
  await expect(panel.steps()).toHaveCount(RUNS);

  const stored = await panel.page.evaluate(
    () =>
      new Promise<{ image: number; thumb: number }[]>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('screenshots');
          const all = tx.objectStore('screenshots').getAll();
          all.onsuccess = () =>
            resolve(
              (all.result as { bytes: number; thumbnail: Blob }[]).map((s) => ({
                image: s.bytes,
                thumb: s.thumbnail.size,
              })),
            );
        };
      }),
  );

  // Pages the auditor visited without capturing: no extension script may run there.
  await site.goto(demo.url('/fastwave/'));
  await site.goto(demo.url('/fastwave/catalogue.html'));
  const extensionWorlds = isolatedWorlds.filter((origin) => origin.includes(extensionId)).length;

  const rawPng = median(raw.png);
  const rawJpeg = median(raw.jpeg);
  const step = median(saved);
  const bytesPerStep = median(stored.map((s) => s.image + s.thumb));
  const rows = [
    [
      'click → step saved (visible)',
      `${step.toFixed(1)} ms`,
      `raw captureVisibleTab PNG ${rawPng.toFixed(1)} ms`,
      (step / rawPng).toFixed(2),
      '≤ 1.3×',
    ],
    [
      '  same, vs raw JPEG q85 call',
      `${step.toFixed(1)} ms`,
      `raw captureVisibleTab JPEG ${rawJpeg.toFixed(1)} ms`,
      (step / rawJpeg).toFixed(2),
      '—',
    ],
    [
      'stored bytes per step (image + thumb)',
      `${(bytesPerStep / 1024).toFixed(1)} KiB`,
      `PNG ${(raw.pngBytes / 1024).toFixed(1)} KiB`,
      (bytesPerStep / raw.pngBytes).toFixed(2),
      '≤ 0.35×',
    ],
    ['content scripts on uncaptured pages', String(extensionWorlds), '0', '—', '0'],
  ];
  console.log(
    `\nCapture benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Chromium headless 1280×800, median of ${RUNS}`,
  );
  console.log(['figure', 'value', 'reference (same run)', 'ratio', 'target'].join(' | '));
  for (const row of rows) console.log(row.join(' | '));
  expect(extensionWorlds).toBe(0);
});
