/** The service worker: auto-capture, keyboard shortcut and context-menu handlers; score keys. */
import { expect, test } from './fixtures';
import { readStoredShots } from './stored';

type Handlers = {
  onCommand(command: string, tab?: object): Promise<unknown>;
  onMenu(info: { menuItemId: string; selectionText?: string }, tab?: object): Promise<unknown>;
};

test('auto-capture makes every page loaded in the walked tab a step; duplicates merge; manual captures mix in', async ({
  site,
  panel,
  serviceWorker,
  demo,
}) => {
  await site.goto(demo.url('/brightline/'));
  await panel.createAudit('Auto', '', '');
  await panel.createJourney('Brightline', '', 'own');
  await site.bringToFront();
  const sw = await serviceWorker();
  const all = () =>
    sw.evaluate(() =>
      (
        globalThis as unknown as {
          touchpointAudit: { decisions: { tabId: number; outcome: string; reason?: string }[] };
        }
      ).touchpointAudit.decisions.map((d) => ({ tabId: d.tabId, what: d.reason ?? d.outcome })),
    );
  // What auto-capture decided for each page loaded in the walked tab from here on (the e2e build
  // keeps the list): lets the test wait for "nothing was captured" instead of sleeping.
  const since = (await all()).length;
  const decisions = async () => {
    const made = (await all()).slice(since);
    const walked = made.find((d) => d.what === 'captured')?.tabId;
    return made.filter((d) => d.tabId === walked).map((d) => d.what);
  };
  await panel.page.getByLabel('Auto-capture every page loaded in the walked tab').click();
  await expect(
    panel.page.getByLabel('Auto-capture every page loaded in the walked tab'),
  ).toBeChecked();
  await expect(panel.page.getByRole('status')).toContainText(
    'Auto-capture is on for “Brightline — Home internet”',
  );

  await site.getByRole('link', { name: 'See plans', exact: true }).click();
  await expect(panel.steps()).toHaveCount(1, { timeout: 15_000 });
  await expect(panel.step(1)).toContainText('Brightline — Plans');
  await site.getByRole('link', { name: 'Choose Home 500', exact: true }).first().click();
  await expect(panel.steps()).toHaveCount(2, { timeout: 15_000 });
  await expect(panel.step(2)).toContainText('Brightline — Home 500');

  // Reloading the same page right away is merged into the step already taken.
  await expect.poll(decisions).toEqual(['captured', 'captured']);
  await site.reload();
  await expect.poll(decisions).toEqual(['captured', 'captured', 'duplicate']);
  await expect(panel.steps()).toHaveCount(2);

  // A manual capture mixes in.
  await panel.capture(3);
  await expect(panel.step(3)).toContainText('Brightline — Home 500');

  // Switched off: navigation no longer captures.
  await panel.page.getByLabel('Auto-capture every page loaded in the walked tab').click();
  await expect(
    panel.page.getByLabel('Auto-capture every page loaded in the walked tab'),
  ).not.toBeChecked();
  await site.getByRole('link', { name: 'Request a callback', exact: true }).first().click();
  await expect.poll(decisions).toEqual(['captured', 'captured', 'duplicate', 'off']);
  await expect(panel.steps()).toHaveCount(3);
});

test('the capture shortcut and the context menu capture into the active journey', async ({
  site,
  panel,
  serviceWorker,
  demo,
}) => {
  await panel.createAudit('Shortcuts', '', '');
  await panel.createJourney('Fastwave', '', 'competitor');
  await site.bringToFront();
  await site.goto(demo.url('/fastwave/'));
  const sw = await serviceWorker();

  // The keyboard shortcut's handler (commands cannot be pressed from automation), with no tab given.
  await sw.evaluate(() =>
    (globalThis as unknown as { touchpointAudit: Handlers }).touchpointAudit.onCommand(
      'capture-visible',
    ),
  );
  await expect(panel.steps()).toHaveCount(1);
  await expect(panel.step(1)).toContainText('Fastwave — Fibre broadband');
  await expect(panel.page.getByRole('status')).toHaveText('Step 1 captured.');

  // The context menu's handler, with the clicked tab and a text selection that becomes the note.
  await site.goto(demo.url('/fastwave/catalogue.html'));
  await sw.evaluate(async () => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<object[]> } } }
    ).chrome;
    const [tab] = await api.tabs.query({ active: true, url: 'http://*/*' });
    return (globalThis as unknown as { touchpointAudit: Handlers }).touchpointAudit.onMenu(
      { menuItemId: 'capture-touchpoint', selectionText: 'Prices from £21' },
      tab,
    );
  });
  await expect(panel.steps()).toHaveCount(2);
  await expect(panel.step(2)).toContainText('Fastwave — Plans');
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await expect(panel.step(2).getByLabel('Note', { exact: true })).toHaveValue('“Prices from £21”');

  // The full-page shortcut: the whole catalogue as one step, taken by the service worker.
  await sw.evaluate(() =>
    (globalThis as unknown as { touchpointAudit: Handlers }).touchpointAudit.onCommand(
      'capture-full-page',
    ),
  );
  await expect(panel.steps()).toHaveCount(3);
  const shots = await readStoredShots(panel.page);
  const full = shots.find((s) => s.mode === 'full-page');
  const pageHeight = await site.evaluate(() => document.documentElement.scrollHeight);
  expect(full?.height).toBe(pageHeight);
  expect(full?.actualSha256).toBe(full?.sha256);

  // Errors reach the panel too: a browser page cannot be captured.
  await site.goto('about:blank');
  await sw.evaluate(() =>
    (globalThis as unknown as { touchpointAudit: Handlers }).touchpointAudit.onCommand(
      'capture-visible',
    ),
  );
  await expect(panel.page.getByRole('alert')).toContainText('This page cannot be captured');
  await expect(panel.steps()).toHaveCount(3);
});

test('score keys 1–5 score the focused step, or the last one', async ({ site, panel, demo }) => {
  await panel.createAudit('Keys', '', '');
  await panel.createJourney('Brightline', '', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/'));
  await panel.capture(1);
  await site.goto(demo.url('/brightline/catalogue.html'));
  await panel.capture(2);

  await panel.page.getByRole('heading', { name: 'Touchpoint Audit' }).click();
  await panel.page.keyboard.press('3');
  await expect(panel.step(2).getByRole('button', { name: 'Experience 3' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await panel.step(1).getByRole('button', { name: 'Details of step 1' }).click();
  await panel.page.keyboard.press('5');
  await expect(panel.step(1).getByRole('button', { name: 'Experience 5' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(panel.page.getByRole('status')).toHaveText('Step 1: experience 5.');
  // Typing a digit into a text field is text, not a score.
  await panel.step(1).getByLabel('Note', { exact: true }).fill('');
  await panel.step(1).getByLabel('Note', { exact: true }).press('2');
  await expect(panel.step(1).getByRole('button', { name: 'Experience 5' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
});
