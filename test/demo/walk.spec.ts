/** The demo walk: two brands on the bundled demo sites, scored, compared and exported to out/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from '../e2e/fixtures';
import type { Locator, Page } from '@playwright/test';
import { openPanel, walkSite, type PanelPage } from '../e2e/pages';
import { readTable } from '../e2e/stored';

const OUT = resolve(import.meta.dirname, '../../out');

test('demo walk: Brightline vs Fastwave in two waves, exported to out/', async ({
  context,
  extensionId,
  demo,
}) => {
  await mkdir(OUT, { recursive: true });
  // The browser's clock runs from now; the second wave is walked with it set a month forward, so
  // its walks, captures and callbacks carry a month-later date.
  await context.clock.install();
  const site = context.pages()[0] ?? (await context.newPage());
  const panel = await openPanel(context, extensionId);
  await panel.page.setViewportSize({ width: 420, height: 1000 });
  await panel.createAudit(
    'Home internet: request a callback',
    'Brightline Internet',
    'request a callback',
  );

  const BRIGHTLINE = {
    brand: 'Brightline Internet',
    domain: 'brightline.test',
    role: 'own' as const,
    path: '/brightline/',
    links: ['See plans', 'Choose Home 500', 'Request a callback', 'Send request'],
  };
  const FASTWAVE = {
    brand: 'Fastwave',
    domain: 'fastwave.test',
    role: 'competitor' as const,
    path: '/fastwave/',
    links: ['See plans', 'Choose Fibre 600', 'Request a callback', 'Call me back'],
  };
  const FAMILY = 'Family of four, first-time buyer';
  const STUDENT = 'Student sharing a flat';
  // Wave 1: two personas for our brand, two auditors on the competitor.
  const wave1 = [
    {
      site: BRIGHTLINE,
      persona: FAMILY,
      auditor: 'Anna',
      scores: [4, 2, 3, 3, 4],
      likelihoods: [6, 3, 4, 4, 5],
      recommend: 5,
    },
    {
      site: FASTWAVE,
      persona: FAMILY,
      auditor: 'Anna',
      scores: [5, 4, 4, 5, 5],
      likelihoods: [7, 7, 8, 8, 9],
      recommend: 9,
    },
    {
      site: BRIGHTLINE,
      persona: STUDENT,
      auditor: 'Anna',
      scores: [4, 3, 2, 2, 3],
      likelihoods: [5, 4, 3, 3, 3],
      recommend: 6,
    },
    {
      site: FASTWAVE,
      persona: FAMILY,
      auditor: 'Boris',
      scores: [5, 4, 3, 4, 5],
      likelihoods: [7, 6, 7, 8, 8],
      recommend: 8,
    },
  ];
  for (const walk of wave1) {
    await panel.createJourney(walk.site.brand, walk.site.domain, walk.site.role, {
      persona: walk.persona,
      wave: 'Wave 1',
      auditor: walk.auditor,
    });
    await walkSite(site, panel, demo.url(walk.site.path), walk.site.links);
    await scoreSteps(panel, walk.scores, walk.likelihoods);
  }
  // Our chain's weak link: prices hidden behind an address check.
  await chooseWalk(panel, [BRIGHTLINE.brand, FAMILY]);
  await panel.step(2).getByLabel('Weak link', { exact: true }).check();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await panel
    .step(2)
    .getByLabel('Note', { exact: true })
    .fill('Prices only after an address check; 3 of 8 plans unavailable.');
  await panel.step(2).getByLabel('Note', { exact: true }).blur();
  await addTags(panel.step(2), 'price, address check');
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  // The plan page and the plan's details could be one page: fewer touches.
  await reduceStep(panel, 3, 'merge', 'The plan list and the plan page could be one page');
  await tagStep(panel, 3, 'price');

  // The form page is a web form: its checklist, answered from the keyboard (Y / N / A); the last
  // two items were answered from the page at capture (3 fields, none required): C confirms them.
  await answerWebForm(panel.step(4), 4, [
    'KeyY',
    'KeyY',
    'KeyN',
    'KeyY',
    'KeyN',
    'KeyY',
    'KeyA',
    'KeyY',
    'KeyC',
    'KeyC',
  ]);
  // The form was sent (step 5): the callback standard's timer starts there.
  await startCallbackTimer(panel.step(5), 5);
  // The callback came 26 hours after the form: logged with that time, it stops the timer.
  const sentAt = await stepTime(panel, 5);
  await logCallback(panel, 'Callback came 26 hours after the form', sentAt + 26 * 3_600_000, {
    who: 'Sales manager',
    transfer: true,
    repeated: true,
  });
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  await panel.step(6).getByRole('button', { name: 'Likely to choose 2', exact: true }).click();
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  await expect(panel.steps()).toHaveCount(6);
  await panel.step(6).getByRole('button', { name: 'Experience 1' }).click();
  await expect(panel.step(6)).toContainText('weak link');
  // What we will change, who owns it, by when, and how we will know it worked.
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  const actionForm = panel.step(6).getByRole('form', { name: 'New action' });
  await actionForm
    .getByLabel('What to change')
    .fill('Route web-form leads to the call centre queue');
  await actionForm.getByLabel('Owner (person or department)').fill('Sales operations');
  await actionForm.getByLabel('Due date').fill(isoDate(Date.now() + 30 * 86_400_000));
  await actionForm.getByLabel('Success metric').fill('callbacks within 2 h');
  await actionForm.getByLabel('Now').fill('40 %');
  await actionForm.getByLabel('Target').fill('95 %');
  await actionForm.getByLabel('Effort').selectOption('S');
  await actionForm.getByLabel('Cost (optional)').fill('500');
  await actionForm.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Added: Route web-form leads to the call centre queue',
  );
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  // After the sale (the customer's status changes): the contract, the installation, a support call.
  const callbackAt = sentAt + 26 * 3_600_000;
  await logContact(panel, 'contract', 'Contract by email: 9 pages, no summary', callbackAt + DAY);
  await logContact(panel, 'installation', 'Technician installed the router', callbackAt + 3 * DAY, {
    who: 'Installer',
    transfer: false,
    repeated: false,
  });
  await logContact(
    panel,
    'support-phone',
    'Support line: put through twice',
    callbackAt + 9 * DAY,
    {
      who: 'Support operator',
      transfer: true,
      repeated: true,
    },
  );
  for (const [n, score] of [
    [7, 2],
    [8, 4],
    [9, 1],
  ] as const) {
    await panel
      .step(n)
      .getByRole('button', { name: `Experience ${score}` })
      .click();
  }
  await expect(panel.steps()).toHaveCount(9);

  // The competitor: the same checklist, a callback within minutes, and an idea worth borrowing.
  await chooseWalk(panel, [FASTWAVE.brand, 'Anna']);
  await answerWebForm(panel.step(4), 4, ALL_YES);
  await startCallbackTimer(panel.step(5), 5);
  const fastwaveSentAt = await stepTime(panel, 5);
  await logCallback(panel, 'Callback 12 minutes after the form', fastwaveSentAt + 12 * 60_000, {
    who: 'Sales manager Oleg',
    transfer: false,
    repeated: false,
  });
  await panel.step(6).getByRole('button', { name: 'Experience 5' }).click();
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  await panel.step(6).getByRole('button', { name: 'Likely to choose 10', exact: true }).click();
  const ideaForm = panel.step(6).getByRole('form', { name: 'New idea to borrow' });
  await ideaForm
    .getByLabel('Idea to borrow (what they do well)')
    .fill('Call back within 15 minutes and confirm the slot by SMS');
  await ideaForm.getByRole('button', { name: 'Add idea' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Idea added: Call back within 15 minutes and confirm the slot by SMS',
  );
  await panel.step(6).getByRole('button', { name: 'Details of step 6' }).click();
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  await addTags(panel.step(2), 'price');
  await panel.step(2).getByRole('button', { name: 'Details of step 2' }).click();
  for (const walk of wave1) {
    await chooseWalk(panel, [
      walk.site.brand,
      walk.site === BRIGHTLINE ? walk.persona : walk.auditor,
    ]);
    await recommend(panel, walk.recommend);
    await panel.page.getByLabel('Outcome', { exact: true }).selectOption('goal-reached');
    await panel.button('Finish journey').click();
  }
  await chooseWalk(panel, [BRIGHTLINE.brand, FAMILY]);
  await panelReady(panel);
  await panel.page.screenshot({ path: `${OUT}/side-panel.png`, fullPage: true });
  // The form page's checklist and the callback's standard and action, as the auditor sees them.
  for (const n of [4, 6]) {
    await panel
      .step(n)
      .getByRole('button', { name: `Details of step ${n}` })
      .click();
    await panel.step(n).screenshot({ path: `${OUT}/side-panel-step-${n}.png` });
    await panel
      .step(n)
      .getByRole('button', { name: `Details of step ${n}` })
      .click();
  }

  // Wave 2, a month later: our brand fixed its callback; both brands walked again.
  await context.clock.setSystemTime(Date.now() + 31 * 86_400_000);
  await panel.createJourney(BRIGHTLINE.brand, BRIGHTLINE.domain, BRIGHTLINE.role, {
    persona: FAMILY,
    wave: 'Wave 2',
    auditor: 'Anna',
  });
  await walkSite(site, panel, demo.url(BRIGHTLINE.path), BRIGHTLINE.links);
  await scoreSteps(panel, [5, 3, 4, 4, 5], [6, 5, 6, 7, 8]);
  await answerWebForm(panel.step(4), 4, ALL_YES);
  await startCallbackTimer(panel.step(5), 5);
  const againSentAt = await stepTime(panel, 5);
  await logCallback(panel, 'Callback 40 minutes after the form', againSentAt + 40 * 60_000, {
    who: 'Sales manager',
    transfer: false,
    repeated: false,
  });
  await panel.step(6).getByRole('button', { name: 'Experience 4' }).click();
  // After the sale, a month on: the contract is clearer, but support still passes the call on.
  await afterSale(panel, againSentAt + 40 * 60_000, [3, 2], {
    who: 'Support operator',
    transfer: true,
    repeated: true,
  });
  await panel.step(8).getByRole('button', { name: 'Details of step 8' }).click();
  await panel.step(8).getByRole('button', { name: 'Importance 8' }).click();
  const supportAction = panel.step(8).getByRole('form', { name: 'New action' });
  await supportAction
    .getByLabel('What to change')
    .fill('Show support operators the customer’s history');
  await supportAction.getByLabel('Owner (person or department)').fill('Customer support');
  // Three weeks on from the browser's clock, set a month forward for this wave.
  await supportAction.getByLabel('Due date').fill(isoDate(Date.now() + (31 + 21) * DAY));
  await supportAction.getByLabel('Effort').selectOption('S');
  await supportAction.getByLabel('Cost (optional)').fill('300');
  await supportAction.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Added: Show support operators the customer’s history',
  );
  await panel.step(8).getByRole('button', { name: 'Details of step 8' }).click();
  await tagStep(panel, 2, 'price');
  await reduceStep(panel, 3, 'merge', 'The plan list and the plan page could be one page');
  await recommend(panel, 8);
  await panel.page.getByLabel('Outcome', { exact: true }).selectOption('goal-reached');
  await panel.button('Finish journey').click();
  await panel.createJourney(FASTWAVE.brand, FASTWAVE.domain, FASTWAVE.role, {
    persona: FAMILY,
    wave: 'Wave 2',
    auditor: 'Boris',
  });
  await walkSite(site, panel, demo.url(FASTWAVE.path), FASTWAVE.links);
  await scoreSteps(panel, [5, 4, 3, 4, 4], [7, 7, 7, 8, 8]);
  await answerWebForm(panel.step(4), 4, ALL_YES);
  await startCallbackTimer(panel.step(5), 5);
  const fastwaveAgainAt = await stepTime(panel, 5);
  await logCallback(panel, 'Callback 25 minutes after the form', fastwaveAgainAt + 25 * 60_000, {
    who: 'Sales manager Oleg',
    transfer: false,
    repeated: false,
  });
  await panel.step(6).getByRole('button', { name: 'Experience 4' }).click();
  await afterSale(panel, fastwaveAgainAt + 25 * 60_000, [4, 4], {
    who: 'Support operator',
    transfer: false,
    repeated: false,
  });
  await tagStep(panel, 2, 'price');
  await recommend(panel, 9);
  await panel.page.getByLabel('Outcome', { exact: true }).selectOption('goal-reached');
  await panel.button('Finish journey').click();

  // The audit's method: types, stages, checklists and standards it can change.
  const [audit] = await readTable<{ id: string }>(panel.page, 'audits');
  const method = await context.newPage();
  await method.setViewportSize({ width: 1280, height: 900 });
  await method.goto(`chrome-extension://${extensionId}/method.html?audit=${audit!.id}`);
  await expect(method.getByRole('heading', { level: 1 })).toContainText('Method');
  await method.screenshot({ path: `${OUT}/method-page.png` });
  await fillMethod(method);
  await method
    .getByRole('region', { name: 'Existing and potential touchpoints' })
    .screenshot({ path: `${OUT}/method-inventory.png` });
  await method.close();

  const report = await context.newPage();
  await report.goto(`chrome-extension://${extensionId}/report.html`);
  await expect(report.getByRole('table', { name: /^Key figures per brand/ })).toBeVisible();
  await report.screenshot({ path: `${OUT}/report-page.png` });
  const [html] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  await html.saveAs(`${OUT}/example-report.html`);
  const [slides] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export slides' }).click(),
  ]);
  await slides.saveAs(`${OUT}/example-slides.pptx`);
  const [csv] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  await csv.saveAs(`${OUT}/example-steps.csv`);
  const viewer = await context.newPage();
  await viewer.goto(`file://${OUT}/example-report.html`);
  await viewer.screenshot({ path: `${OUT}/example-report.png`, fullPage: true });
  console.log(
    `Example report: ${OUT}/example-report.html (and example-slides.pptx, example-steps.csv, *.png)`,
  );
});

const DAY = 86_400_000;
/** What each demo page is in the catalogue: home, plans, a plan, the form, its thank-you page. */
const TYPES = ['home-page', 'catalogue-page', 'product-card', 'web-form', 'thank-you-page'];
const STAGES = ['information', 'information', 'offer', 'contact', 'contact'];
const IMPORTANCE = [6, 9, 7, 8, 5];
/** The web form's checklist answered yes throughout (the two items the page answered left so). */
const ALL_YES = Array<string>(8).fill('KeyY');

/** Scores the first steps of the active journey: experience, stage, importance, likelihood. */
async function scoreSteps(panel: PanelPage, scores: number[], likelihoods: number[]) {
  for (const [i, score] of scores.entries()) {
    const step = panel.step(i + 1);
    await step.getByRole('button', { name: `Experience ${score}` }).click();
    await step.getByRole('button', { name: `Details of step ${i + 1}` }).click();
    await step.getByLabel('Touchpoint type').selectOption(TYPES[i]!);
    await step.getByLabel('Stage', { exact: true }).selectOption(STAGES[i]!);
    await step.getByRole('button', { name: `Importance ${IMPORTANCE[i]}` }).click();
    await step
      .getByRole('button', { name: `Likely to choose ${likelihoods[i]}`, exact: true })
      .click();
    await step.getByRole('button', { name: `Details of step ${i + 1}` }).click();
  }
}

/** Makes the walk whose picker label has every one of `parts` the active one. */
async function chooseWalk(panel: PanelPage, parts: string[]) {
  const picker = panel.page.getByLabel('Journey', { exact: true });
  const labels = await picker.locator('option').allTextContents();
  const label = labels.find((l) => parts.every((p) => l.includes(p)));
  if (!label)
    throw new Error(`No walk labelled with ${parts.join(' + ')} in: ${labels.join(' | ')}`);
  await picker.selectOption({ label });
}

/** yyyy-mm-dd of a time, in the local zone (what a date field takes). */
function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Makes the step a web form and answers its checklist with one key press per item. */
async function answerWebForm(step: Locator, n: number, keys: string[]) {
  await step.getByRole('button', { name: `Details of step ${n}` }).click();
  await step.getByLabel('Touchpoint type').selectOption('web-form');
  const checklist = step.getByRole('region', { name: /^Checklist Web form/ });
  await expect(checklist).toBeVisible();
  await checklist
    .getByRole('button', { name: /^Yes: / })
    .first()
    .focus();
  for (const key of keys) await step.page().keyboard.press(key);
  await expect(checklist.locator('.check-item.answer-none')).toHaveCount(0);
  await step.getByRole('button', { name: `Details of step ${n}` }).click();
}

async function startCallbackTimer(step: Locator, n: number) {
  await step.getByRole('button', { name: `Details of step ${n}` }).click();
  await step.getByLabel('Timer for').selectOption('callback-after-form');
  await step.getByRole('button', { name: 'Start timer' }).click();
  await expect(step.page().getByRole('region', { name: 'Running timers' })).toBeVisible();
  await step.getByRole('button', { name: `Details of step ${n}` }).click();
}

/** The step's recorded time, read from the extension's database. */
async function stepTime(panel: PanelPage, n: number): Promise<number> {
  const id = await panel.step(n).getAttribute('data-step-id');
  return panel.page.evaluate(
    (stepId) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result
            .transaction('touchpoints')
            .objectStore('touchpoints')
            .get(stepId!);
          get.onsuccess = () => {
            resolve((get.result as { at: number }).at);
            open.result.close();
          };
        };
      }),
    id,
  );
}

async function logCallback(
  panel: PanelPage,
  title: string,
  at: number,
  person: { who: string; transfer: boolean; repeated: boolean },
) {
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('Touchpoint type').selectOption('callback');
  await offline.getByLabel('What happened').fill(title);
  // The time field takes whole minutes: the next one, so the gap is at least the one named.
  const d = new Date(Math.ceil(at / 60_000) * 60_000);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  await offline.getByLabel('When').fill(`${isoDate(d.getTime())}T${time}`);
  await expect(offline.getByRole('checkbox', { name: /Callback after a web form/ })).toBeChecked();
  await fillPerson(offline, person);
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.page.getByRole('region', { name: 'Running timers' })).toBeHidden();
}

/** Adds comma-separated tags to a step whose details are open. */
async function addTags(step: Locator, tags: string) {
  const field = step.getByLabel('Add tags');
  await field.fill(tags);
  await field.press('Enter');
  for (const tag of tags.split(',').map((t) => t.trim())) {
    await expect(step.getByRole('button', { name: `Remove the tag “${tag}”` })).toBeVisible();
  }
}

/** Answers "would you recommend" (0–10) for the active walk. */
async function recommend(panel: PanelPage, value: number) {
  const card = panel.page.getByRole('region', { name: 'Active journey' });
  await card.getByRole('button', { name: `Would recommend (0–10) ${value}`, exact: true }).click();
  await expect(panel.page.getByRole('status')).toHaveText(`Would recommend: ${value} of 10 saved.`);
}

/** Waits until the step list and the journey card show the walk's real steps, not a reading. */
async function panelReady(panel: PanelPage) {
  await expect(panel.page.getByRole('region', { name: 'Steps' })).toHaveAttribute(
    'data-state',
    'ready',
  );
  await expect(
    panel.page.getByRole('region', { name: 'Active journey' }).locator('.step-count'),
  ).toHaveAttribute('data-state', 'ready');
  // A thumbnail is made when its row comes near the window: scroll each one in, wait until it
  // is decoded, then go back to the top for the picture of the whole panel.
  const thumbs = panel.page.locator('ol.step-list img.thumb');
  for (const thumb of await thumbs.all()) {
    await thumb.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
  }
  await panel.page.evaluate(() => scrollTo(0, 0));
}

/** Logs an offline contact of a type (its stage and channel follow), at a time, with a person. */
async function logContact(
  panel: PanelPage,
  typeId: string,
  title: string,
  at: number,
  person?: { who: string; transfer: boolean; repeated: boolean },
) {
  const before = await panel.steps().count();
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('Touchpoint type').selectOption(typeId);
  await offline.getByLabel('What happened').fill(title);
  await fillWhen(offline, at);
  if (person) await fillPerson(offline, person);
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(before + 1);
}

async function fillWhen(form: Locator, at: number) {
  // The time field takes whole minutes: the next one, so the gap is at least the one named.
  const d = new Date(Math.ceil(at / 60_000) * 60_000);
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  await form.getByLabel('When').fill(`${isoDate(d.getTime())}T${time}`);
}

async function fillPerson(
  form: Locator,
  person: { who: string; transfer: boolean; repeated: boolean },
) {
  await form.getByLabel('Who (a role or a name)').fill(person.who);
  if (person.transfer) await form.getByLabel('The customer was transferred to them').check();
  if (person.repeated) {
    await form.getByLabel('The customer had to repeat what they had already said').check();
  }
}

/**
 * The rest of the method on the Method page: which touchpoints each brand has, what the client's
 * managers expect, the client's funnel (imported from a CSV file), what the offer stage gives,
 * and who owns the web form and the callback.
 */
async function fillMethod(method: Page) {
  const inventory = method.getByRole('region', { name: 'Existing and potential touchpoints' });
  for (const [cell, state, word] of [
    ['Fastwave — Online chat', 'exists', 'Exists'],
    ['Fastwave — Personal account', 'exists', 'Exists'],
    ['Brightline Internet — Online chat', 'absent', 'Absent'],
  ] as const) {
    await inventory.getByRole('combobox', { name: cell }).selectOption(state);
    await expect(method.getByText(`Saved: ${cell}: ${word}.`)).toBeVisible();
  }

  const expected = method.getByRole('region', { name: 'Expected experience' });
  const add = expected.getByRole('form', { name: 'Add an expectation' });
  for (const [target, score] of [
    ['stage:information', '5'],
    ['stage:contact', '4'],
    ['stage:support', '4'],
    ['stage:delivery', '4'],
  ] as const) {
    await add.getByLabel('Stage or touchpoint type').selectOption(target);
    await add.getByLabel('Expected (1–5)').selectOption(score);
    await add.getByLabel('Who expects it').fill('Head of sales');
    await add.getByRole('button', { name: 'Add the expectation' }).click();
    await expect(method.getByText(/^Saved: the expectation for “.+” added\.$/)).toBeVisible();
  }

  const csv = resolve(OUT, 'demo-funnel.csv');
  await writeFile(
    csv,
    'stage;count\nfirst-mention;12000\ninformation;3000\ncontact;600\noffer;240\ncontract;90\n',
  );
  const funnel = method.getByRole('region', { name: 'The client’s funnel' });
  await funnel.getByLabel('CSV file with the funnel (The audit as a whole)').setInputFiles(csv);
  await expect(method.getByText(/^Saved: 5 stages imported from demo-funnel\.csv/)).toBeVisible();

  await method.getByLabel('What “Offer” gives the customer').selectOption('value');

  for (const [type, department, control] of [
    ['Web form', 'Digital sales', 'own'],
    ['Callback', 'Call centre', 'partner'],
    ['Support phone line', 'Customer support', 'own'],
  ] as const) {
    const field = method.getByLabel(`Owning department of “${type}”`);
    await field.fill(department);
    await field.press('Enter');
    await method.getByLabel(`Who controls “${type}”`).selectOption(control);
  }
  // Every owner is stored (department and control) before the page closes.
  await expect
    .poll(async () => {
      const [audit] = await readTable<{
        method: { types: { id: string; owner?: { department: string; control: string } }[] };
      }>(method, 'audits');
      return audit!.method.types.flatMap((t) =>
        t.owner ? [`${t.id}: ${t.owner.department} (${t.owner.control})`] : [],
      );
    })
    .toEqual(
      expect.arrayContaining([
        'web-form: Digital sales (own)',
        'callback: Call centre (partner)',
        'support-phone: Customer support (own)',
      ]),
    );
}

/** Opens a step's details, tags it, and closes them. */
async function tagStep(panel: PanelPage, n: number, tags: string) {
  await panel
    .step(n)
    .getByRole('button', { name: `Details of step ${n}` })
    .click();
  await addTags(panel.step(n), tags);
  await panel
    .step(n)
    .getByRole('button', { name: `Details of step ${n}` })
    .click();
}

/** The contract by email a day after the callback and a support call a week on, both scored. */
async function afterSale(
  panel: PanelPage,
  callbackAt: number,
  scores: readonly [number, number],
  person: { who: string; transfer: boolean; repeated: boolean },
) {
  const first = (await panel.steps().count()) + 1;
  await logContact(panel, 'contract', 'Contract by email', callbackAt + DAY);
  await logContact(panel, 'support-phone', 'Support line', callbackAt + 7 * DAY, person);
  for (const [i, score] of scores.entries()) {
    await panel
      .step(first + i)
      .getByRole('button', { name: `Experience ${score}` })
      .click();
  }
}

/** Flags a step as one that could be cut or merged, with the reason. */
async function reduceStep(panel: PanelPage, n: number, kind: 'cut' | 'merge', why: string) {
  await panel
    .step(n)
    .getByRole('button', { name: `Details of step ${n}` })
    .click();
  await panel.step(n).getByLabel('Could this touch go?').selectOption(kind);
  const reason = panel.step(n).getByLabel('Why it could be cut or merged');
  await reason.fill(why);
  await reason.press('Enter');
  await expect(panel.step(n)).toContainText(kind === 'cut' ? 'could be cut' : 'could be merged');
  await panel
    .step(n)
    .getByRole('button', { name: `Details of step ${n}` })
    .click();
}
