/**
 * Auto-capture waits for the page to settle (issue #17): a route whose data arrives 1.5 s after
 * the route changed is captured with its data; a flood of route changes gives no flood of steps;
 * a page that never settles is captured at the bound, and the step says so.
 */
import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures';
import { readStoredShots, readTable } from './stored';

type Decision = { tabId: number; outcome: string; reason?: string; settled?: boolean };

/** Auto-capture's decisions from now on (the e2e build keeps them), as outcome or reason. */
async function decisionsFrom(sw: Worker) {
  const all = () =>
    sw.evaluate(() =>
      (
        globalThis as unknown as { touchpointAudit: { decisions: Decision[] } }
      ).touchpointAudit.decisions.map((d) => ({ ...d, step: undefined })),
    );
  const since = (await all()).length;
  return async () => (await all()).slice(since).map((d) => d.reason ?? d.outcome);
}

const AUTO = 'Auto-capture every page loaded in the walked tab';

test('a route whose data arrives late is captured with its data, once', async ({
  site,
  panel,
  serviceWorker,
  demo,
}) => {
  await site.goto(demo.url('/lab/late-spa/'));
  await panel.createAudit('Settle', '', '');
  await panel.createJourney('Late SPA', '', 'own');
  await site.bringToFront();
  const decisions = await decisionsFrom(await serviceWorker());
  await panel.page.getByLabel(AUTO).click();
  await expect(panel.page.getByRole('status')).toContainText('Auto-capture is on for “Late SPA');

  // The route changes at once; its data comes 1.5 s later (longer than the old fixed 1.2 s wait).
  await site.getByRole('link', { name: 'Plans', exact: true }).click();
  await expect(panel.steps()).toHaveCount(1, { timeout: 20_000 });
  await expect(panel.step(1)).toContainText('Late SPA — Plans (loaded)');
  expect(await decisions()).toEqual(['captured']);
  // The data area (CSS 640, 450 at 1×) is the route's green, not the grey of "Loading…".
  const [shot] = await readStoredShots(panel.page, [[640, 450]]);
  const [r, g, b] = shot!.pixels[0]!;
  expect(g).toBeGreaterThan(100);
  expect(r).toBeLessThan(60);
  expect(b).toBeLessThan(60);
  const [step] = await readTable<{ settle?: { settled: boolean; waitedMs: number } }>(
    panel.page,
    'touchpoints',
  );
  expect(step!.settle?.settled).toBe(true);
  // It waited for the data: more than the 1.5 s the server held it back.
  expect(step!.settle!.waitedMs).toBeGreaterThanOrEqual(1_500);

  // Hostile: a route change every 100 ms, 30 times. Each load that a newer one followed is
  // skipped. The 30 late requests queue in the browser (six at a time to one host), so the page
  // may stay busy past the 8 s bound: then one step is taken at the bound (said on it), and the
  // last route is taken again once it settled, with its data.
  await site.evaluate(async () => {
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav a[data-route]')];
    for (let i = 0; i < 30; i++) {
      links[i % 2 === 0 ? 2 : 1]!.click();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    links[2]!.click();
  });
  const loaded = panel.page.getByRole('listitem', { name: /Late SPA — Coverage \(loaded\)/ });
  await expect(loaded).toHaveCount(1, { timeout: 40_000 });
  const made = await decisions();
  expect(made.filter((d) => d === 'superseded').length).toBeGreaterThan(10);
  // No flood: the 31 route changes made at most three steps.
  const steps = await panel.steps().count();
  expect(steps).toBeLessThanOrEqual(4);
  expect(made.filter((d) => d === 'captured')).toHaveLength(steps);
  // A step taken at the bound says so; the last one shows the route's blue data.
  const unsettled = panel.page.getByText('without the page settling');
  expect(await unsettled.count()).toBeLessThanOrEqual(steps - 2);
  const shots = await readStoredShots(panel.page, [[640, 450]]);
  const [r2, g2, b2] = shots.at(-1)!.pixels[0]!;
  expect(b2).toBeGreaterThan(150);
  expect(r2).toBeLessThan(60);
  expect(g2).toBeLessThan(60);
});

test('a page that never settles is captured at the bound, and the step says so', async ({
  site,
  panel,
  serviceWorker,
  demo,
}) => {
  await site.goto(demo.url('/lab/late-spa/'));
  await panel.createAudit('Never settles', '', '');
  await panel.createJourney('Clock', '', 'own');
  await site.bringToFront();
  const decisions = await decisionsFrom(await serviceWorker());
  await panel.page.getByLabel(AUTO).click();
  await expect(panel.page.getByRole('status')).toContainText('Auto-capture is on');

  // A clock ticking every 100 ms: never half a second without a change.
  await site.goto(demo.url('/lab/never-settles.html'));
  await expect(panel.steps()).toHaveCount(1, { timeout: 30_000 });
  expect(await decisions()).toEqual(['captured']);
  await expect(panel.step(1)).toContainText('Captured after 8 s without the page settling.');
  await expect(panel.page.getByRole('status')).toContainText(
    'Step 1 captured. Captured after 8 s without the page settling.',
  );
  const [step] = await readTable<{ settle?: { settled: boolean; waitedMs: number } }>(
    panel.page,
    'touchpoints',
  );
  expect(step!.settle?.settled).toBe(false);
  expect(step!.settle!.waitedMs).toBeGreaterThanOrEqual(8_000);
});
