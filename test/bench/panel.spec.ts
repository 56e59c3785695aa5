/**
 * The side panel at scale: a journey of 1,000 steps against one of 50 (each step with its own
 * real JPEG screenshot and WebP thumbnail, imported as a bundle), in the same run.
 *
 * - time to show: from the panel's navigation start (a new panel window each time) until the
 *   first screen is drawn — steps fill the window, each one on screen with its thumbnail (target:
 *   1,000 steps within 2× of 50 steps); and until the list holds every step (the panel draws a
 *   long journey a screenful first, the rest in chunks);
 * - a score click on the last step: from the click until its button shows as pressed (target:
 *   ≤ 100 ms), and until the database holds the new score.
 *
 * Every step uses the audit method (a web form with its checklist answered, callback timers every
 * ten steps, an action every 25): the panel computes compliance, weak-link reasons and impact for
 * each. Also a 10-item checklist answered by keyboard on the last step.
 *
 * Prints figures, asserts nothing on time.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { expect, extensionIdOf, launchWithExtension, test } from '../e2e/fixtures';
import { DataPage, openPanel, type PanelPage } from '../e2e/pages';

const SIZES = [50, 1000] as const;
const OPENINGS = 5;
const CLICKS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Installed in every page before its scripts run. In the side panel, resolves (performance.now(),
 * from navigation start):
 * - `benchShown` once the first screen is complete: steps fill the window (or all `expected` are
 *   there) and every step on screen has its thumbnail drawn;
 * - `benchListed` once the list holds all `expected` steps.
 * Checked on DOM changes and image loads only: nothing polls the page meanwhile.
 */
function watchShown(expected: number) {
  if (!location.pathname.endsWith('/sidepanel.html')) return;
  const w = window as unknown as { benchShown?: Promise<number>; benchListed?: Promise<number> };
  const marks: { shown?: number; listed?: number } = {};
  const settle: { shown?: (at: number) => void; listed?: (at: number) => void } = {};
  w.benchShown = new Promise((resolve) => (settle.shown = resolve));
  w.benchListed = new Promise((resolve) => (settle.listed = resolve));
  const check = () => {
    const items = [...document.querySelectorAll<HTMLElement>('ol.step-list > li')];
    if (items.length === 0) return;
    const now = performance.now();
    if (marks.shown === undefined) {
      const onScreen = items.filter((item) => item.getBoundingClientRect().top < innerHeight);
      const filled =
        items.length === expected || items.at(-1)!.getBoundingClientRect().bottom > innerHeight;
      // Every generated step has a screenshot: a row is drawn only once its thumbnail is (a row
      // drawn before its screenshots are read, with a placeholder, is not the first screen yet).
      const drawn = onScreen.every((item) => {
        const thumb = item.querySelector<HTMLImageElement>('img.thumb');
        return thumb !== null && thumb.complete && thumb.naturalWidth > 0;
      });
      if (filled && drawn) {
        marks.shown = now;
        // Drawn: the frame after the DOM holds it.
        const resolve = settle.shown!;
        requestAnimationFrame(() => resolve(now));
      }
    }
    if (marks.listed === undefined && items.length === expected) {
      marks.listed = now;
      const resolve = settle.listed!;
      requestAnimationFrame(() => resolve(now));
    }
    if (marks.shown !== undefined && marks.listed !== undefined) {
      observer.disconnect();
      document.removeEventListener('load', check, true);
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true });
  document.addEventListener('load', check, true);
}

/** Opens the panel in a new window: its time to show the first screen and to list every step. */
async function timeToShow(context: BrowserContext, extensionId: string) {
  const panel = await openPanel(context, extensionId);
  const times = await panel.page.evaluate(async () => {
    const w = window as unknown as { benchShown: Promise<number>; benchListed: Promise<number> };
    return { shown: await w.benchShown, listed: await w.benchListed };
  });
  await panel.page.close();
  return times;
}

/**
 * Clicks experience score `value` on step `seq` and returns the milliseconds until the button
 * shows as pressed (the click's event time to the DOM change) and until the database holds it.
 */
async function scoreClick(panel: PanelPage, seq: number, value: number) {
  const step = panel.step(seq);
  const button = step.getByRole('button', { name: `Experience ${value}`, exact: true });
  await button.scrollIntoViewIfNeeded();
  await panel.page.evaluate(() => {
    const w = window as unknown as { benchClick: { at?: number; shown?: number } };
    w.benchClick = {};
    document.addEventListener(
      'click',
      (event) => {
        w.benchClick.at = event.timeStamp;
        const target = event.target as HTMLElement;
        new MutationObserver((_, observer) => {
          if (target.getAttribute('aria-pressed') === 'true') {
            w.benchClick.shown = performance.now();
            observer.disconnect();
          }
        }).observe(target, { attributes: true });
      },
      { capture: true, once: true },
    );
  });
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  const stepId = await step.getAttribute('data-step-id');
  // Until IndexedDB holds the score: read in the page through a connection of its own, every few ms.
  const stored = await panel.page.evaluate(
    async ({ id, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        for (;;) {
          const record = await new Promise<{ experience: number | null } | undefined>(
            (resolve, reject) => {
              const get = db.transaction('touchpoints').objectStore('touchpoints').get(id);
              get.onsuccess = () => resolve(get.result as never);
              get.onerror = () => reject(get.error);
            },
          );
          if (record?.experience === value) return performance.now();
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } finally {
        db.close();
      }
    },
    { id: stepId!, value },
  );
  const marks = await panel.page.evaluate(
    () => (window as unknown as { benchClick: { at: number; shown: number } }).benchClick,
  );
  return { shown: marks.shown - marks.at, stored: stored - marks.at };
}

/**
 * Adds the 10-item office-visit checklist to step `seq` and answers it with ten key presses
 * (Y, N, A in turn): milliseconds from the first key press until all ten answers show, and until
 * the database holds them.
 */
async function checklistByKeyboard(panel: PanelPage, seq: number) {
  const step = panel.step(seq);
  await step.getByRole('button', { name: `Details of step ${seq}` }).click();
  await step.getByLabel('Add a checklist').selectOption('office-visit');
  const checklist = step.getByRole('region', {
    name: new RegExp(`^Checklist Office visit, step ${seq}$`),
  });
  await expect(checklist.locator('.check-item')).toHaveCount(10);
  const stepId = (await step.getAttribute('data-step-id'))!;
  await checklist
    .getByRole('button', { name: /^Yes: / })
    .first()
    .focus();
  const start = await panel.page.evaluate(() => performance.now());
  for (let k = 0; k < 10; k++) await panel.page.keyboard.press(['KeyY', 'KeyN', 'KeyA'][k % 3]!);
  // A figure, not a limit: on a busy machine ten answers on step 1,000 may take over 5 s.
  await expect(checklist.locator('.check-item.answer-none')).toHaveCount(0, { timeout: 60_000 });
  const shown = await panel.page.evaluate(() => performance.now());
  const stored = await panel.page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('touchpoint-audit');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      for (;;) {
        const record = await new Promise<{ checks: { templateId: string }[] } | undefined>(
          (resolve, reject) => {
            const get = db.transaction('touchpoints').objectStore('touchpoints').get(id);
            get.onsuccess = () => resolve(get.result as never);
            get.onerror = () => reject(get.error);
          },
        );
        if (record?.checks.filter((c) => c.templateId === 'office-visit').length === 10)
          return performance.now();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      db.close();
    }
  }, stepId);
  await step.getByRole('button', { name: `Details of step ${seq}` }).click();
  return { shown: shown - start, stored: stored - start };
}

async function measure(context: BrowserContext, path: string, steps: number) {
  const extensionId = await extensionIdOf(context);
  const data = await DataPage.open(context, extensionId);
  // Checking every image of a 1,000-step bundle takes a while on a busy machine.
  await data.chooseBundle(path, 300_000);
  await expect(data.count('Steps', 'New')).toHaveText(String(steps));
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('imported', { timeout: 120_000 });
  await data.page.close();

  const shows: { shown: number; listed: number }[] = [];
  for (let run = 0; run < OPENINGS; run++) shows.push(await timeToShow(context, extensionId));
  const panel = await openPanel(context, extensionId);
  await expect(panel.steps()).toHaveCount(steps, { timeout: 60_000 });
  const clicks: { shown: number; stored: number }[] = [];
  for (let run = 0; run < CLICKS; run++) {
    // The generated experience of step i is (i % 5) + 1: pick another value each time.
    const current = ((steps - 1) % 5) + 1;
    clicks.push(await scoreClick(panel, steps, ((current + run) % 5) + 1));
  }
  const checklist = await checklistByKeyboard(panel, steps);
  return { shows, clicks, checklist };
}

test('side panel: time to show 50 vs 1,000 steps, score click on the last step', async () => {
  test.setTimeout(900_000);
  const maker = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
  const makerContext = await launchWithExtension(maker);
  const makerData = await DataPage.open(makerContext, await extensionIdOf(makerContext));
  const images = await renderImages(makerData.page, Math.max(...SIZES));
  await makerContext.close();
  await rm(maker, { recursive: true, force: true });

  const results: Record<number, Awaited<ReturnType<typeof measure>>> = {};
  for (const steps of SIZES) {
    const audit = generatedAudit(images.slice(0, steps), {
      journeys: 1,
      name: `Panel ${steps}`,
      method: true,
    });
    const path = test.info().outputPath(`panel-${steps}.tpa.zip`);
    await writeFile(path, await bundleBytes(audit));
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-bench-'));
    const context = await launchWithExtension(dir);
    await context.addInitScript(watchShown, steps);
    try {
      results[steps] = await measure(context, path, steps);
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  const show = (n: number, key: 'shown' | 'listed' = 'shown') =>
    median(results[n]!.shows.map((s) => s[key]));
  const click = (n: number, key: 'shown' | 'stored') =>
    median(results[n]!.clicks.map((c) => c[key]));
  const [small, large] = SIZES;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Side panel — one journey of ${small} vs ${large} steps (real screenshots and thumbnails, checklists answered on every step, imported), ${os.cpus().length} × ${cpu}, median of ${OPENINGS} panel openings / ${CLICKS} clicks`,
    '| figure | value | reference (same run) | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    `| time to show ${large} steps (navigation → first screen drawn: steps fill the window, their thumbnails loaded) | ${show(large).toFixed(0)} ms | ${small} steps ${show(small).toFixed(0)} ms | ${(show(large) / show(small)).toFixed(2)}× | ≤ 2× |`,
    `| time to list all ${large} steps (navigation → the last step in the list) | ${show(large, 'listed').toFixed(0)} ms | ${small} steps ${show(small, 'listed').toFixed(0)} ms | ${(show(large, 'listed') / show(small, 'listed')).toFixed(2)}× | — |`,
    `| score click on step ${large} → shown pressed | ${click(large, 'shown').toFixed(1)} ms | same on step ${small} of ${small}: ${click(small, 'shown').toFixed(1)} ms | ${(click(large, 'shown') / click(small, 'shown')).toFixed(2)}× | ≤ 100 ms |`,
    `| score click on step ${large} → in the database | ${click(large, 'stored').toFixed(0)} ms | same on step ${small} of ${small}: ${click(small, 'stored').toFixed(0)} ms | ${(click(large, 'stored') / click(small, 'stored')).toFixed(2)}× | — |`,
    `| a 10-item checklist answered by keyboard on step ${large} (first key press → all ten shown) | ${results[large]!.checklist.shown.toFixed(0)} ms | same on step ${small} of ${small}: ${results[small]!.checklist.shown.toFixed(0)} ms | ${(results[large]!.checklist.shown / results[small]!.checklist.shown).toFixed(2)}× | — |`,
    `| … → all ten in the database | ${results[large]!.checklist.stored.toFixed(0)} ms | ${results[small]!.checklist.stored.toFixed(0)} ms | ${(results[large]!.checklist.stored / results[small]!.checklist.stored).toFixed(2)}× | — |`,
    ...SIZES.map(
      (n) =>
        `  ${n} steps: shown ${results[n]!.shows.map((x) => x.shown.toFixed(0)).join(', ')} ms, listed ${results[n]!.shows.map((x) => x.listed.toFixed(0)).join(', ')} ms; clicks shown ${results[n]!.clicks.map((c) => c.shown.toFixed(1)).join(', ')} ms, stored ${results[n]!.clicks.map((c) => c.stored.toFixed(0)).join(', ')} ms`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
});
