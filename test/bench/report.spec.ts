/**
 * P5, the report at scale (real JPEG screenshots, the audit method on every step, imported as a
 * bundle), for audit programmes — brands × waves × personas:
 *
 * - controls usable: from the report page's navigation start until the wave picker is drawn
 *   (target ≤ 500 ms at any size);
 * - complete: until every step of the compared wave is drawn (side by side and in sequence) —
 *   10 brands × 3 waves × 2 personas × 50 steps (3,000 steps, 1,000 in the compared wave)
 *   against one wave of the same 1,000 steps in the same run (target ≤ 2×);
 * - switching: wave, brand and segment on 3 brands × 2 waves × 2 personas × 25 steps (150 steps
 *   per wave): from the change until the new choice's steps are drawn (target ≤ 300 ms);
 * - the exported HTML against the bytes of the images it embeds (target ≤ 1.4×).
 *
 * Prints figures, asserts nothing on time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import {
  bundleBytes,
  generatedAudit,
  renderImages,
  type RenderedImage,
} from '../fixtures/generated-audit';
import { expect, extensionIdOf, launchWithExtension, test } from '../e2e/fixtures';
import { DataPage } from '../e2e/pages';

const OPENINGS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Marks {
  controls?: number;
  complete?: number;
}

/**
 * In the report page: records (performance.now) when the wave picker is first drawn and when
 * `expected` step cards are, in `window.benchMarks`.
 */
function watchReport(expected: number) {
  if (!location.pathname.endsWith('/report.html')) return;
  const w = window as unknown as { benchMarks: Marks };
  w.benchMarks = {};
  const wavePicker = () =>
    [...document.querySelectorAll('label')].some(
      (l) => l.textContent?.trim() === 'Wave' && l.parentElement?.querySelector('select'),
    );
  const observer = new MutationObserver(() => {
    if (w.benchMarks.controls === undefined && wavePicker())
      w.benchMarks.controls = performance.now();
    if (
      w.benchMarks.complete === undefined &&
      document.querySelectorAll('article.step').length >= expected &&
      !document.querySelector('.report-building, [aria-busy="true"]')
    ) {
      w.benchMarks.complete = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

async function importBundle(
  context: BrowserContext,
  extensionId: string,
  path: string,
  steps: number,
) {
  const data = await DataPage.open(context, extensionId);
  await data.chooseBundle(path, 600_000);
  await expect(data.count('Steps', 'New')).toHaveText(String(steps));
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('imported', { timeout: 600_000 });
  await data.page.close();
}

async function marksOf(page: Page): Promise<Required<Marks>> {
  await page.waitForFunction(
    () => (window as unknown as { benchMarks?: Marks }).benchMarks?.complete !== undefined,
    undefined,
    { timeout: 600_000 },
  );
  return page.evaluate(() => (window as unknown as { benchMarks: Required<Marks> }).benchMarks);
}

/** Opens the report OPENINGS times; the first opening also exports the HTML. */
async function openings(context: BrowserContext, extensionId: string, exportHtml: boolean) {
  const marks: Required<Marks>[] = [];
  let exported = { html: 0, images: 0, embedded: 0 };
  for (let run = 0; run < OPENINGS; run++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/report.html`);
    marks.push(await marksOf(page));
    if (run === 0 && exportHtml) exported = await exportOf(page);
    await page.close();
  }
  return { marks, exported };
}

async function exportOf(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 600_000 }),
    page.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  const html = await readFile((await download.path())!, 'utf8');
  // The bytes of the images it embeds: each distinct image's bytes, decoded from the file.
  const images = [...html.matchAll(/<image id="[^"]+" href="data:[^;]+;base64,([^"]+)"/g)];
  return {
    html: Buffer.byteLength(html),
    images: images.reduce((sum, m) => sum + Buffer.from(m[1]!, 'base64').length, 0),
    embedded: images.length,
  };
}

/** A fresh profile with one generated audit imported. */
async function withAudit<T>(
  images: RenderedImage[],
  shape: { brands: number; waves: number; personas: number; name: string },
  expectedCards: number,
  body: (context: BrowserContext, extensionId: string) => Promise<T>,
): Promise<T> {
  const audit = generatedAudit(images, { ...shape, method: true });
  const path = test.info().outputPath(`report-${images.length}.tpa.zip`);
  await writeFile(path, await bundleBytes(audit));
  const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
  const context = await launchWithExtension(dir);
  await context.addInitScript(watchReport, expectedCards);
  try {
    const extensionId = await extensionIdOf(context);
    await importBundle(context, extensionId, path, images.length);
    return await body(context, extensionId);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Time from a change until `expected` step cards of the new choice are drawn. */
async function switchTime(page: Page, change: () => Promise<unknown>, expected: number) {
  const started = await page.evaluate(() => performance.now());
  await change();
  const done = await page.waitForFunction(
    (expected) => {
      const cards = document.querySelectorAll('article.step').length;
      return cards === expected && !document.querySelector('.report-building, [aria-busy="true"]')
        ? performance.now()
        : false;
    },
    expected,
    { timeout: 120_000, polling: 'raf' },
  );
  return ((await done.jsonValue()) as number) - started;
}

test('report: programme of 3,000 steps, switching, exported HTML', async () => {
  test.setTimeout(3_600_000);
  const maker = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
  const makerContext = await launchWithExtension(maker);
  const makerData = await DataPage.open(makerContext, await extensionIdOf(makerContext));
  const images: RenderedImage[] = [];
  for (let i = 0; i < 6; i++) images.push(...(await renderImages(makerData.page, 500)));
  await makerContext.close();
  await rm(maker, { recursive: true, force: true });

  // Every step of the compared wave is drawn twice: side by side and in its walk's sequence.
  const oneWave = await withAudit(
    images.slice(0, 1000),
    { brands: 10, waves: 1, personas: 2, name: 'One wave of 1,000' },
    2000,
    (context, id) => openings(context, id, false),
  );
  const programme = await withAudit(
    images.slice(0, 3000),
    { brands: 10, waves: 3, personas: 2, name: 'Programme of 3,000' },
    2000,
    (context, id) => openings(context, id, false),
  );
  const small = await withAudit(
    images.slice(0, 300),
    { brands: 3, waves: 2, personas: 2, name: 'Switching' },
    300,
    async (context, id) => {
      const { marks, exported } = await openings(context, id, true);
      const page = await context.newPage();
      await page.goto(`chrome-extension://${id}/report.html`);
      await marksOf(page);
      const wave = page.getByLabel('Wave', { exact: true });
      const persona = page.getByLabel('Persona / segment', { exact: true });
      const times = { wave: [] as number[], brand: [] as number[], segment: [] as number[] };
      for (let run = 0; run < OPENINGS; run++) {
        // Wave 2 (150 steps) → wave 1 (150 steps) → back.
        times.wave.push(await switchTime(page, () => wave.selectOption({ index: 0 }), 300));
        times.wave.push(await switchTime(page, () => wave.selectOption({ index: 1 }), 300));
        // Untick a competitor: 100 steps; tick it again: 150.
        const brand = page.getByRole('checkbox', { name: /^Competitor 2/ });
        times.brand.push(await switchTime(page, () => brand.uncheck(), 200));
        times.brand.push(await switchTime(page, () => brand.check(), 300));
        // One persona of two: 75 steps; all again: 150.
        times.segment.push(
          await switchTime(page, () => persona.selectOption({ label: 'student' }), 150),
        );
        times.segment.push(await switchTime(page, () => persona.selectOption({ index: 0 }), 300));
      }
      await page.close();
      return { marks, exported, times };
    },
  );

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const controls = (r: { marks: Required<Marks>[] }) => median(r.marks.map((m) => m.controls));
  const complete = (r: { marks: Required<Marks>[] }) => median(r.marks.map((m) => m.complete));
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Report (P5) — generated programmes with real JPEG screenshots and the method on every step, ${os.cpus().length} × ${cpu}, median of ${OPENINGS}`,
    '| figure | value | reference (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    `| controls usable, 10 brands × 3 waves × 2 personas × 50 (3,000 steps) | ${ms(controls(programme))} | one wave of 1,000: ${ms(controls(oneWave))} | — | ≤ 500 ms |`,
    `| controls usable, 300 steps | ${ms(controls(small))} | — | — | ≤ 500 ms |`,
    `| report complete, 3,000 steps (1,000 compared) | ${ms(complete(programme))} | one wave of 1,000: ${ms(complete(oneWave))} | ${(complete(programme) / complete(oneWave)).toFixed(2)}× | ≤ 2× |`,
    `| switch wave, 150 steps redrawn | ${ms(median(small.times.wave))} | — | — | ≤ 300 ms |`,
    `| untick / tick a brand, 100 / 150 steps redrawn | ${ms(median(small.times.brand))} | — | — | ≤ 300 ms |`,
    `| one persona / all, 75 / 150 steps redrawn | ${ms(median(small.times.segment))} | — | — | ≤ 300 ms |`,
    `| exported HTML, one wave of 150 steps | ${mb(small.exported.html)} | the ${small.exported.embedded} images it embeds: ${mb(small.exported.images)} | ${(small.exported.html / small.exported.images).toFixed(2)}× | ≤ 1.4× |`,
    `  controls / complete per opening: 3,000: ${programme.marks.map((m) => `${m.controls.toFixed(0)}/${m.complete.toFixed(0)}`).join(', ')}; 1,000: ${oneWave.marks.map((m) => `${m.controls.toFixed(0)}/${m.complete.toFixed(0)}`).join(', ')}`,
    `  switches: wave ${small.times.wave.map((x) => x.toFixed(0)).join(', ')}; brand ${small.times.brand.map((x) => x.toFixed(0)).join(', ')}; segment ${small.times.segment.map((x) => x.toFixed(0)).join(', ')} ms`,
  ];
  console.log(`\n${lines.join('\n')}`);
});
