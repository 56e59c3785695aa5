/**
 * The audit method in the side panel of the built extension: touchpoint types and checklists
 * answered from the keyboard, a standard's timer that survives a restart and is stopped by the
 * answering contact, entered durations, actions with owner and due date, ideas to borrow, the
 * impact on choice, custom stages, and what the report and the CSV show of it.
 */
import type { Locator } from '@playwright/test';
import { stepCompliance } from '../../lib/metrics';
import type { Audit, CheckResult, Journey, Step } from '../../lib/model';
import { BUILTIN_CHECKLISTS, resolveChecklists } from '../../lib/taxonomy';
import { expect, test } from './fixtures';
import { walkSite } from './pages';
import { readTable } from './stored';

const LINKS = ['See plans', 'Choose Home 500', 'Request a callback', 'Send request'];
const WEB_FORM = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;

async function details(step: Locator, n: number) {
  await step.getByRole('button', { name: `Details of step ${n}` }).click();
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}
function localDate(ms: number) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
function localMinute(ms: number) {
  const d = new Date(Math.ceil(ms / 60_000) * 60_000);
  return `${localDate(d.getTime())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

test('checklists by keyboard, a timer across a restart, standards, actions and ideas', async ({
  site,
  panel: firstPanel,
  restart,
  demo,
}) => {
  test.setTimeout(240_000);
  let panel = firstPanel;
  await panel.createAudit('Method check', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  // The journey carries its context where it is shown.
  const card = panel.page.getByRole('region', { name: 'Active journey' });
  await expect(card).toContainText('Family of four, first-time buyer');
  await expect(card).toContainText('Search engine');
  await walkSite(site, panel, demo.url('/brightline/'), LINKS);
  await expect(panel.steps()).toHaveCount(5);

  // Impact on choice: step 2 lowers the likelihood to choose by 3.
  for (const [n, likely] of [
    [1, 6],
    [2, 3],
  ] as const) {
    await details(panel.step(n), n);
    await panel
      .step(n)
      .getByRole('button', { name: `Likely to choose ${likely}`, exact: true })
      .click();
    await details(panel.step(n), n);
  }
  await expect(panel.step(2)).toContainText('choice −3');

  // The form page is a web form: its checklist appears and is answered with Y / N / A.
  const form = panel.step(4);
  await details(form, 4);
  await form.getByLabel('Touchpoint type').selectOption('web-form');
  const checklist = form.getByRole('region', { name: 'Checklist Web form, step 4' });
  await expect(checklist.locator('.check-item')).toHaveCount(WEB_FORM.items.length);
  const critical = WEB_FORM.items.findIndex((item) => item.critical);
  const keys = WEB_FORM.items.map((_, i) =>
    i === critical ? 'KeyN' : i === WEB_FORM.items.length - 1 ? 'KeyA' : 'KeyY',
  );
  await checklist
    .getByRole('button', { name: /^Yes: / })
    .first()
    .focus();
  for (const key of keys) await panel.page.keyboard.press(key);
  await expect(checklist.locator('.check-item.answer-none')).toHaveCount(0);
  await expect(checklist.locator('.check-item.answer-no')).toHaveCount(1);
  await expect(checklist.locator('.check-item.answer-na')).toHaveCount(1);
  // Compliance as the metrics compute it from what was stored; the critical "no" is a weak link.
  const stored = await readTable<Step>(panel.page, 'touchpoints');
  const formStep = stored.find((s) => s.seq === 4 && s.typeId === 'web-form')!;
  // Stored by item (answers "from the page" made at capture keep their place; those of other
  // checklists stay unconfirmed and apart).
  const answerOf = (id: string) =>
    formStep.checks.find((c: CheckResult) => c.templateId === 'web-form' && c.itemId === id);
  expect(WEB_FORM.items.map((item) => answerOf(item.id)?.answer)).toEqual(
    keys.map((k) => ({ KeyY: 'yes', KeyN: 'no', KeyA: 'na' })[k]),
  );
  expect(WEB_FORM.items.filter((item) => answerOf(item.id)?.source)).toEqual([]);
  const expected = stepCompliance(
    formStep,
    resolveChecklists({ types: [], stages: [], checklists: [], standards: [] }),
  );
  expect(expected.percent).not.toBeNull();
  await expect(checklist.getByRole('heading')).toContainText(
    `compliance ${Math.round(expected.percent!)} %`,
  );
  await expect(form.getByRole('list', { name: 'Weak link because' })).toContainText(
    `critical item failed: ${WEB_FORM.items[critical]!.en}`,
  );
  // A comment on an answer is kept with it.
  await checklist
    .getByRole('button', { name: `Comment and image: ${WEB_FORM.items[critical]!.en}` })
    .click();
  await checklist.getByLabel('Comment', { exact: true }).fill('Error on the phone field twice');
  await checklist.getByLabel('Comment', { exact: true }).press('Enter');
  await expect
    .poll(
      async () =>
        (await readTable<Step>(panel.page, 'touchpoints'))
          .flatMap((s) => s.checks)
          .find((c) => c.answer === 'no' && !c.source)?.comment,
    )
    .toBe('Error on the phone field twice');
  await details(form, 4);

  // A timer starts on the thank-you page (the form sent) …
  await details(panel.step(5), 5);
  await panel.step(5).getByLabel('Timer for').selectOption('callback-after-form');
  await panel.step(5).getByRole('button', { name: 'Start timer' }).click();
  const timers = panel.page.getByRole('region', { name: 'Running timers' });
  await expect(timers).toContainText('Callback after a web form');
  await expect(timers).toContainText('since step 5');
  // … and survives closing the panel and restarting the browser.
  await panel.page.reload();
  await expect(panel.page.getByRole('region', { name: 'Running timers' })).toContainText(
    'since step 5',
  );
  const again = await restart();
  panel = await again.panelTab();
  const running = panel.page.getByRole('region', { name: 'Running timers' });
  await expect(running).toContainText('since step 5');

  // The callback, logged 3 hours after the form, answers the timer: failed, a weak link.
  const sentAt = (await readTable<Step>(panel.page, 'touchpoints')).find((s) => s.seq === 5)!.at;
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('Touchpoint type').selectOption('callback');
  await offline.getByLabel('What happened').fill('Callback, 3 hours later');
  await offline.getByLabel('When').fill(localMinute(sentAt + 3 * 3_600_000));
  await expect(
    offline.getByRole('checkbox', { name: 'Callback after a web form ≤ 2 h' }),
  ).toBeChecked();
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(6);
  await expect(running).toBeHidden();
  const callback = panel.step(6);
  await details(callback, 6);
  const standards = callback.getByRole('region', { name: 'Service standards, step 6' });
  await expect(standards).toContainText(
    /Callback after a web form: 3 h 0 min \(standard ≤ 2 h\) — failed/,
  );
  await expect(callback.getByRole('list', { name: 'Weak link because' })).toContainText(
    'standard failed: Callback after a web form',
  );
  const [journey] = await readTable<Journey>(panel.page, 'journeys');
  expect(journey!.measurements).toHaveLength(1);
  expect(journey!.measurements[0]!.endStepId).not.toBeNull();

  // The auditor may say a failure is not a weak link here; the measurement still failed.
  await standards.getByLabel('Not a weak link').check();
  await expect(callback.getByRole('list', { name: 'Weak link because' })).toBeHidden();
  await expect(standards).toContainText('— failed');

  // A duration entered on a step: a clear message for nonsense, a result for a time.
  const duration = callback.getByRole('form', { name: 'Enter a measured duration' });
  await duration.getByLabel('Duration of').selectOption('phone-answered');
  await duration.getByLabel('Measured time').fill('soon');
  await duration.getByRole('button', { name: 'Record' }).click();
  await expect(duration.getByRole('alert')).toHaveText(
    '“soon” is not a duration: write e.g. 45 s, 3 min, 1 h 30 min or 1:30.',
  );
  await duration.getByLabel('Measured time').fill('45 s');
  await duration.getByRole('button', { name: 'Record' }).click();
  await expect(standards).toContainText(/answered: 45 s \(standard ≤ 30 s\) — failed/);

  // An action with owner, due date (yesterday: overdue) and a measure of success.
  const action = callback.getByRole('form', { name: 'New action' });
  await action.getByLabel('What to change').fill('Route web leads to the call queue');
  await action.getByLabel('Owner (person or department)').fill('Sales operations');
  await action.getByLabel('Due date').fill(localDate(Date.now() - 86_400_000));
  await action.getByLabel('Success metric').fill('callbacks within 2 h');
  await action.getByLabel('Now').fill('40 %');
  await action.getByLabel('Target').fill('95 %');
  await action.getByRole('button', { name: 'Add action' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Added: Route web leads to the call queue',
  );
  await expect(callback.locator('.action-row.overdue')).toContainText(
    'Success: callbacks within 2 h: 40 % → 95 %',
  );
  const open = panel.page.locator('details.open-actions');
  await expect(open.locator('summary')).toContainText('Open actions: 1');
  await expect(open.locator('summary')).toContainText('1 overdue');
  await callback.getByLabel('Status of “Route web leads to the call queue”').selectOption('done');
  await expect(open.locator('summary')).toContainText('Open actions: 0');

  // A stage of the audit's own, defined once and offered on every step.
  await details(panel.step(3), 3);
  await panel.step(3).getByLabel('Or your own stage').fill('Address check');
  await panel.step(3).getByLabel('Or your own stage').press('Enter');
  await expect(panel.page.getByRole('status')).toHaveText(
    'Stage “Address check” added to the audit; step 3 is in it.',
  );
  await details(panel.step(2), 2);
  await expect(
    panel.step(2).getByLabel('Stage', { exact: true }).locator('option', {
      hasText: 'Address check',
    }),
  ).toHaveCount(1);
  const [audit] = await readTable<Audit>(panel.page, 'audits');
  expect(audit!.method.stages).toEqual([{ name: 'Address check', after: null }]);

  // A competitor's step gets ideas to borrow, not actions.
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await panel.button('Log offline contact').click();
  const rival = panel.page.getByRole('form', { name: 'Log offline contact' });
  await rival.getByLabel('What happened').fill('Callback within 10 minutes');
  await rival.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.steps()).toHaveCount(1);
  await details(panel.step(1), 1);
  await expect(panel.step(1).getByRole('form', { name: 'New action' })).toHaveCount(0);
  const idea = panel.step(1).getByRole('form', { name: 'New idea to borrow' });
  await idea.getByLabel('Idea to borrow (what they do well)').fill('Prices on the first screen');
  await idea.getByRole('button', { name: 'Add idea' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Idea added: Prices on the first screen');

  // The report shows compliance, the standards measured against their targets and the plan.
  const report = await again.open('report.html');
  const standardsTable = report.getByRole('table', { name: 'Service standards' });
  await expect(standardsTable).toContainText('Callback after a web form');
  await expect(standardsTable).toContainText('failed');
  await expect(report.getByRole('table', { name: 'Action plan' })).toContainText(
    'Route web leads to the call queue',
  );
  await expect(report.locator('.ideas')).toContainText('Prices on the first screen');
  const kpis = report.getByRole('table', { name: /^Key figures per brand/ });
  await expect(kpis).toContainText(`${Math.round(expected.percent!)} %`);
  // The walk's context goes with it, in its brand's drill-down: persona and entry channel.
  const walks = report.locator('section.drill-down table.drill').first();
  await expect(walks).toContainText('Family of four, first-time buyer');
  await expect(walks).toContainText('Search engine');
  const [csv] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const text = await (await import('node:fs/promises')).readFile((await csv.path())!, 'utf8');
  expect(text).toContain('"checklist_compliance_pct"');
  expect(text).toContain('Callback after a web form: 3 h 0 min (≤ 2 h) fail excused');
  expect(text).toContain('Route web leads to the call queue');
  expect(text).toContain('"Search engine"');
});
