/**
 * P5, the report at scale (real JPEG screenshots, the audit method on every step, imported as a
 * bundle):
 *
 * - time to ready: from the report page's navigation start until every step of the chosen
 *   journeys is drawn (side by side and in sequence) — 3 journeys × 50 steps (target ≤ 2 s),
 *   against one journey of 50 in the same run, and a journey of 1,000 steps;
 * - the exported HTML against the bytes of the images it embeds (target ≤ 1.4×: each image once;
 *   base64 alone is 1.33×), and that the export of 1,000 steps holds all 1,000 images.
 *
 * Prints figures, asserts nothing on time.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, extensionIdOf, launchWithExtension, test } from '../e2e/fixtures';
import { DataPage } from '../e2e/pages';

const OPENINGS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** In the report page: resolves `benchReady` (performance.now) once `expected` step cards are drawn. */
function watchReady(expected: number) {
  if (!location.pathname.endsWith('/report.html')) return;
  const w = window as unknown as { benchReady?: Promise<number> };
  let settle: (at: number) => void = () => {};
  w.benchReady = new Promise((resolve) => (settle = resolve));
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll('article.step').length < expected) return;
    observer.disconnect();
    const at = performance.now();
    requestAnimationFrame(() => settle(at));
  });
  observer.observe(document, { subtree: true, childList: true });
}

async function measure(context: BrowserContext, path: string, steps: number) {
  const extensionId = await extensionIdOf(context);
  const data = await DataPage.open(context, extensionId);
  await data.chooseBundle(path);
  await expect(data.count('Steps', 'New')).toHaveText(String(steps));
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('imported', { timeout: 300_000 });
  await data.page.close();
  const ready: number[] = [];
  let exported = { html: 0, images: 0, embedded: 0 };
  for (let run = 0; run < OPENINGS; run++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/report.html`);
    ready.push(
      await page.evaluate(() => (window as unknown as { benchReady: Promise<number> }).benchReady),
    );
    if (run === 0) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 300_000 }),
        page.getByRole('button', { name: 'Export HTML' }).click(),
      ]);
      const html = await readFile((await download.path())!, 'utf8');
      // The bytes of the images it embeds: each distinct image's bytes, decoded from the file.
      const images = [...html.matchAll(/<image id="[^"]+" href="data:[^;]+;base64,([^"]+)"/g)];
      exported = {
        html: Buffer.byteLength(html),
        images: images.reduce((sum, m) => sum + Buffer.from(m[1]!, 'base64').length, 0),
        embedded: images.length,
      };
    }
    await page.close();
  }
  return { ready, exported };
}

test('report: 3 × 50 steps ready, exported HTML against its images, 1,000 steps', async () => {
  test.setTimeout(1_200_000);
  const maker = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
  const makerContext = await launchWithExtension(maker);
  const makerData = await DataPage.open(makerContext, await extensionIdOf(makerContext));
  const images = await renderImages(makerData.page, 1000);
  await makerContext.close();
  await rm(maker, { recursive: true, force: true });

  const cases = [
    { name: '1 × 50', journeys: 1, steps: 50 },
    { name: '3 × 50', journeys: 3, steps: 150 },
    { name: '1 × 1,000', journeys: 1, steps: 1000 },
  ];
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  for (const c of cases) {
    const audit = generatedAudit(images.slice(0, c.steps), {
      journeys: c.journeys,
      name: `Report ${c.name}`,
      method: true,
    });
    const path = test.info().outputPath(`report-${c.steps}.tpa.zip`);
    await writeFile(path, await bundleBytes(audit));
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
    const context = await launchWithExtension(dir);
    // Every step is drawn twice: side by side and in its journey's sequence.
    await context.addInitScript(watchReady, c.steps * 2);
    try {
      results[c.name] = await measure(context, path, c.steps);
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
  const ready = (name: string) => median(results[name]!.ready);
  const ratio = (name: string) => results[name]!.exported.html / results[name]!.exported.images;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Report (P5) — generated audits with real JPEG screenshots and the method on every step, ${os.cpus().length} × ${cpu}, median of ${OPENINGS} openings`,
    '| figure | value | reference (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    `| report of 3 journeys × 50 steps ready (navigation → every step drawn) | ${ready('3 × 50').toFixed(0)} ms | 1 journey × 50: ${ready('1 × 50').toFixed(0)} ms | ${(ready('3 × 50') / ready('1 × 50')).toFixed(2)}× | ≤ 2 s |`,
    `| exported HTML, 3 × 50 steps | ${mb(results['3 × 50']!.exported.html)} | the ${results['3 × 50']!.exported.embedded} images it embeds: ${mb(results['3 × 50']!.exported.images)} | ${ratio('3 × 50').toFixed(2)}× | ≤ 1.4× |`,
    `| report of one journey of 1,000 steps ready | ${ready('1 × 1,000').toFixed(0)} ms | 1 × 50: ${ready('1 × 50').toFixed(0)} ms | ${(ready('1 × 1,000') / ready('1 × 50')).toFixed(2)}× | — |`,
    `| exported HTML, 1,000 steps | ${mb(results['1 × 1,000']!.exported.html)}, ${results['1 × 1,000']!.exported.embedded} images embedded | images ${mb(results['1 × 1,000']!.exported.images)} | ${ratio('1 × 1,000').toFixed(2)}× | all 1,000 |`,
    ...cases.map(
      (c) => `  ${c.name}: ready ${results[c.name]!.ready.map((x) => x.toFixed(0)).join(', ')} ms`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
});
