/**
 * P8: importing a 500-step bundle with its images (every image checked whole: walked, then
 * decoded by the browser), against reading and hashing — and decoding — the same image files in
 * the same page and run; the JS heap while importing; exporting the same audit against
 * the bytes of its images. Prints figures, asserts nothing on time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readDirectory, readEntry } from '../../lib/bundle/zip';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, extensionIdOf, launchWithExtension, test } from '../e2e/fixtures';
import { DataPage } from '../e2e/pages';

/** Steps and runs: 500 and 3 for the recorded figures; smaller (BENCH_STEPS, BENCH_RUNS) on a busy machine. */
const STEPS = Number(process.env.BENCH_STEPS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Where each image file lies in the zip (start, end of its stored bytes). */
async function imageRanges(bytes: Buffer): Promise<[number, number][]> {
  const file = new Blob([new Uint8Array(bytes)]);
  const { entries, dataEnd } = await readDirectory(file);
  const ranges: [number, number][] = [];
  for (const entry of entries.filter((e) => e.path.startsWith('images/'))) {
    const { start, end } = await readEntry(file, entry, dataEnd);
    ranges.push([start, end]);
  }
  return ranges;
}

/** The reference: read every image file of the chosen bundle and SHA-256 it (4 at a time, as the reader does). */
async function readAndHash(
  page: Page,
  path: string,
  ranges: [number, number][],
  decode = false,
): Promise<number> {
  await page.evaluate(() => {
    document.getElementById('bench-file')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-file';
    input.hidden = true;
    document.body.append(input);
  });
  await page.locator('#bench-file').setInputFiles(path);
  return page.evaluate(
    async ({ ranges, decode }) => {
      const file = (document.getElementById('bench-file') as HTMLInputElement).files![0]!;
      const started = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < ranges.length) {
          const [start, end] = ranges[next++]!;
          const blob = file.slice(start, end);
          await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
          // The other reference: the browser's decode of each image too (what the import adds).
          if (decode) (await createImageBitmap(blob)).close();
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      return performance.now() - started;
    },
    { ranges, decode },
  );
}

/**
 * The other reference: the same image files put into IndexedDB in one transaction by bare
 * IndexedDB calls (a scratch database, deleted afterwards) — what writing them costs at least.
 */
async function rawWrite(page: Page, ranges: [number, number][]): Promise<number> {
  return page.evaluate(async (ranges) => {
    const file = (document.getElementById('bench-file') as HTMLInputElement).files![0]!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('bench-raw-write', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('images', { keyPath: 'id' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('images', 'readwrite');
      ranges.forEach(([start, end], i) =>
        tx.objectStore('images').put({ id: i, blob: file.slice(start, end) }),
      );
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error);
    });
    const ms = performance.now() - started;
    db.close();
    await new Promise(
      (resolve) => (indexedDB.deleteDatabase('bench-raw-write').onsuccess = resolve),
    );
    return ms;
  }, ranges);
}

/** Milliseconds from choosing the file to the preview, and from Import to "imported". */
async function importTimed(data: DataPage, path: string) {
  await data.page.evaluate(() => {
    const w = window as unknown as { benchMarks: Record<string, number> };
    w.benchMarks = {};
    const input = [...document.querySelectorAll('input[type=file]')].find(
      (i) => i.id !== 'bench-file',
    )!;
    input.addEventListener('change', () => (w.benchMarks.chosen = performance.now()), {
      capture: true,
    });
    new MutationObserver(() => {
      if (!w.benchMarks.preview && document.querySelector('.import-preview'))
        w.benchMarks.preview = performance.now();
      if (
        !w.benchMarks.done &&
        /imported/.test(document.querySelector('[role=status]')?.textContent ?? '')
      )
        w.benchMarks.done = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  // Every image is checked whole before the preview: a large bundle takes a while.
  await data.chooseBundle(path, 300_000);
  await expect(data.count('Steps', 'New')).toHaveText(String(STEPS));
  const clicked = await data.page.evaluate(() => performance.now());
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('imported', { timeout: 120_000 });
  const marks = await data.page.evaluate(
    () => (window as unknown as { benchMarks: Record<string, number> }).benchMarks,
  );
  return { check: marks.preview! - marks.chosen!, apply: marks.done! - clicked };
}

test(`P8: import and export of a ${STEPS}-step bundle`, async ({ context, extensionId }) => {
  test.setTimeout(900_000);
  // The audit: 500 different real JPEG screenshots and WebP thumbnails drawn by the browser.
  const maker = await DataPage.open(context, extensionId);
  const images = await renderImages(maker.page, STEPS);
  const audit = generatedAudit(images, { journeys: 3, name: 'P8 benchmark' });
  const bytes = await bundleBytes(audit);
  const imageBytes = images.reduce((n, i) => n + i.jpeg.length, 0);
  const thumbBytes = images.reduce((n, i) => n + i.thumbnail.length, 0);
  const path = test.info().outputPath('p8.tpa.zip');
  await writeFile(path, bytes);
  const ranges = await imageRanges(bytes);

  const rows: {
    ref: number;
    decoded: number;
    write: number;
    check: number;
    apply: number;
    heap: number;
    exportMs: number;
    exportBytes: number;
  }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
    const fresh = await launchWithExtension(dir);
    try {
      const data = await DataPage.open(fresh, await extensionIdOf(fresh));
      const ref = await readAndHash(data.page, path, ranges);
      const decoded = await readAndHash(data.page, path, ranges, true);
      const write = await rawWrite(data.page, ranges);
      // JS heap of the page while it imports (sampled over CDP; image bytes live outside it).
      const cdp = await fresh.newCDPSession(data.page);
      await cdp.send('Performance.enable');
      const heap = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!
          .value;
      const base = await heap();
      let peak = base;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await heap());
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const timed = await importTimed(data, path);
      sampling = false;
      await sampler;

      const exportStarted = Date.now();
      const exported = test.info().outputPath(`p8-export-${run}.tpa.zip`);
      await data.exportBundle(exported, {
        audit: 'P8 benchmark',
        identity: true,
        userAgent: true,
        fileNames: true,
      });
      const exportMs = Date.now() - exportStarted;
      const { size } = await import('node:fs/promises').then((fs) => fs.stat(exported));
      rows.push({ ref, decoded, write, ...timed, heap: peak - base, exportMs, exportBytes: size });
    } finally {
      await fresh.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  const ref = median(rows.map((r) => r.ref));
  const decoded = median(rows.map((r) => r.decoded));
  const write = median(rows.map((r) => r.write));
  const check = median(rows.map((r) => r.check));
  const apply = median(rows.map((r) => r.apply));
  const total = median(rows.map((r) => r.check + r.apply));
  const heap = Math.max(...rows.map((r) => r.heap));
  const exportMs = median(rows.map((r) => r.exportMs));
  const exportBytes = median(rows.map((r) => r.exportBytes));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `P8 — ${STEPS}-step bundle (${mb(bytes.length)} MB: images ${mb(imageBytes)} MB + thumbnails ${mb(thumbBytes)} MB), ${os.cpus().length} × ${cpu}, median of ${RUNS} fresh profiles`,
    '| figure | value | reference (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    `| import: choose file → preview (read, check every file, hash, compare, every image checked whole: walked and decoded) | ${check.toFixed(0)} ms | read + SHA-256 of the ${ranges.length} image files ${ref.toFixed(0)} ms | ${(check / ref).toFixed(2)}× | — |`,
    `| the same | ${check.toFixed(0)} ms | read + SHA-256 + createImageBitmap of the ${ranges.length} image files ${decoded.toFixed(0)} ms | ${(check / decoded).toFixed(2)}× | — |`,
    `| import: Import → imported (one transaction) | ${apply.toFixed(0)} ms | bare IndexedDB put of the same files in one transaction ${write.toFixed(0)} ms | ${(apply / write).toFixed(2)}× | — |`,
    `| import, both | ${total.toFixed(0)} ms | read + SHA-256 ${ref.toFixed(0)} ms | ${(total / ref).toFixed(2)}× | ≤ 2×, < 5 s |`,
    `| import, both | ${total.toFixed(0)} ms | read + SHA-256 + bare write ${(ref + write).toFixed(0)} ms | ${(total / (ref + write)).toFixed(2)}× | — |`,
    `| JS heap while importing (peak above start) | ${mb(heap)} MB | bundle ${mb(bytes.length)} MB | ${(heap / bytes.length).toFixed(2)}× | — |`,
    `| export: click → file saved | ${exportMs} ms | — | — | — |`,
    `| export file size | ${mb(exportBytes)} MB | images + thumbnails ${mb(imageBytes + thumbBytes)} MB | ${(exportBytes / (imageBytes + thumbBytes)).toFixed(3)}× | — |`,
    ...rows.map(
      (r, i) =>
        `  run ${i + 1}: read+hash ${r.ref.toFixed(0)} ms, read+hash+decode ${r.decoded.toFixed(0)} ms, bare write ${r.write.toFixed(0)} ms, check ${r.check.toFixed(0)} ms, apply ${r.apply.toFixed(0)} ms, heap +${mb(r.heap)} MB, export ${r.exportMs} ms`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
});
