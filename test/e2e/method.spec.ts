/**
 * The Method page (method.html?audit=<id>): an audit's touchpoint types, stages, checklists and
 * service standards are edited and saved at once, and the audit stores only what differs from the
 * built-in method. Every check waits on the page's status line or on what IndexedDB holds.
 */
import type { Page } from '@playwright/test';
import type { AuditMethod } from '../../lib/model';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { expect, test } from './fixtures';
import { readTable } from './stored';

/** The stored method of the only audit. */
async function storedMethod(page: Page): Promise<AuditMethod> {
  const audits = await readTable<{ method: AuditMethod }>(page, 'audits');
  return audits[0]!.method;
}

test('the Method page edits the audit method and stores only the changes', async ({ panel }) => {
  test.setTimeout(120_000);
  await panel.createAudit('Home internet <b>benchmark</b>', 'Brightline', 'request a callback');
  const page = await panel.openMethod();
  const status = page.getByRole('status');
  const alert = page.getByRole('alert');

  // The audit's name is text, never HTML.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Method — Home internet <b>benchmark</b>',
  );
  await expect(page).toHaveTitle('Method — Home internet <b>benchmark</b>');
  expect(await storedMethod(page)).toEqual({
    types: [],
    stages: [],
    checklists: [],
    standards: [],
  });

  // 1. Touchpoint types: rename a built-in type; the override keeps every field.
  const types = page.getByRole('region', { name: 'Touchpoint types' });
  await types.getByLabel('Name of “Search ad”').fill('Paid search ad');
  await types.getByLabel('Name of “Search ad”').press('Enter');
  await expect(status).toHaveText('Saved: “Search ad” renamed to “Paid search ad”.');
  expect((await storedMethod(page)).types).toEqual([
    {
      id: 'search-ad',
      name: 'Paid search ad',
      category: 'communications',
      stage: 'first-mention',
      channel: 'search',
      hidden: false,
    },
  ]);
  await expect(types.getByLabel('Name of “Paid search ad”')).toHaveValue('Paid search ad');
  await expect(types.getByText('built-in name: Search ad')).toBeVisible();

  // Hide a type; showing it again leaves nothing stored for it (it is the built-in again).
  await types.getByLabel('Hide “Outdoor ad”').check();
  await expect(status).toHaveText('Saved: “Outdoor ad” is hidden.');
  expect((await storedMethod(page)).types.find((t) => t.id === 'outdoor-ad')).toMatchObject({
    name: '',
    hidden: true,
  });
  await types.getByLabel('Hide “Outdoor ad”').uncheck();
  await expect(status).toHaveText('Saved: “Outdoor ad” is offered again.');
  expect((await storedMethod(page)).types.map((t) => t.id)).toEqual(['search-ad']);
  await types.getByLabel('Hide “Recommendation from a friend”').check();
  await expect(status).toHaveText('Saved: “Recommendation from a friend” is hidden.');

  // A name over the limit is said and not saved.
  await types.getByLabel('Name of “Sign on the building”').fill('x'.repeat(501));
  await types.getByLabel('Name of “Sign on the building”').press('Enter');
  await expect(types.getByText('Too long by 1 characters: the limit is 500.')).toBeVisible();
  await types.getByLabel('Name of “Sign on the building”').fill('Sign on the building');
  await types.getByLabel('Name of “Sign on the building”').press('Enter');

  // A custom type: hostile text stays text; it can be deleted and the deletion undone.
  const addType = types.getByRole('form', { name: 'Add a type' });
  await addType.getByLabel('Name').fill('<img src=x onerror=alert(1)> kiosk');
  await addType.getByLabel('Touchpoint category').selectOption({ label: 'Office & premises' });
  await addType.getByLabel('Channel').selectOption('office');
  await addType.getByRole('button', { name: 'Add' }).click();
  await expect(status).toHaveText('Saved: “<img src=x onerror=alert(1)> kiosk” added.');
  const custom = (await storedMethod(page)).types.at(-1)!;
  expect(custom).toMatchObject({
    name: '<img src=x onerror=alert(1)> kiosk',
    category: 'premises',
    stage: 'contact',
    channel: 'office',
    hidden: false,
  });
  expect(custom.id).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.locator('img')).toHaveCount(0);
  await types.getByRole('button', { name: 'Delete “<img src=x onerror=alert(1)> kiosk”' }).click();
  await expect(status).toHaveText('Saved: “<img src=x onerror=alert(1)> kiosk” deleted.');
  expect((await storedMethod(page)).types).toHaveLength(2);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toHaveText('Saved: “<img src=x onerror=alert(1)> kiosk” is back.');
  expect((await storedMethod(page)).types.at(-1)).toEqual(custom);

  // 2. Stages: add one after a built-in stage, use it on a step, rename it (the step follows),
  // and removing it while the step uses it is refused with the reason.
  const stages = page.getByRole('region', { name: 'Stages' });
  const addStage = stages.getByRole('form', { name: 'Add a stage' });
  await addStage.getByLabel('Stage name').fill('Pilot');
  await addStage.getByLabel('Comes after').selectOption({ label: 'Contact / communication' });
  await addStage.getByRole('button', { name: 'Add' }).click();
  await expect(status).toHaveText('Saved: “Pilot” added.');
  expect((await storedMethod(page)).stages).toEqual([{ name: 'Pilot', after: 'contact' }]);
  // In lifecycle order: right after Contact (the 3rd stage); row 0 is the header.
  await expect(stages.getByRole('row').nth(4).getByLabel('Name of “Pilot”')).toHaveValue('Pilot');

  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await panel.button('Log offline contact').click();
  const offline = panel.page.getByRole('form', { name: 'Log offline contact' });
  await offline.getByLabel('Stage').selectOption('Pilot');
  await offline.getByLabel('What happened').fill('Pilot call');
  await offline.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.page.getByRole('status')).toHaveText('Offline contact added as step 1.');

  await stages.getByLabel('Name of “Pilot”').fill('Pilot project');
  await stages.getByLabel('Name of “Pilot”').press('Enter');
  await expect(status).toHaveText('Saved: “Pilot” renamed to “Pilot project”.');
  expect((await storedMethod(page)).stages).toEqual([{ name: 'Pilot project', after: 'contact' }]);
  const steps = await readTable<{ stage: string; title: string }>(page, 'touchpoints');
  expect(steps.map((s) => [s.title, s.stage])).toEqual([['Pilot call', 'Pilot project']]);

  await stages.getByLabel('Position of “Pilot project”').selectOption({ label: 'at the end' });
  await expect(status).toHaveText('Saved: stage “Pilot project” now comes at the end.');
  expect((await storedMethod(page)).stages).toEqual([{ name: 'Pilot project', after: null }]);

  await stages.getByRole('button', { name: 'Remove stage “Pilot project”' }).click();
  await expect(alert).toHaveText(
    'The stage “Pilot project” is used by step 1: move the steps in it to another stage first.',
  );
  expect((await storedMethod(page)).stages).toEqual([{ name: 'Pilot project', after: null }]);

  // 3. Checklists: add a weighted, critical question to the built-in web-form checklist.
  const checklists = page.getByRole('region', { name: 'Checklists' });
  const webForm = checklists
    .locator('details.method-template')
    .filter({ has: page.locator('summary > .template-name', { hasText: /^Web form$/ }) });
  await webForm.locator('summary').first().click();
  const addItem = webForm.getByRole('form', { name: 'Add a question to “Web form”' });
  await addItem.getByLabel('New question').fill('Is the privacy policy linked next to the form?');
  await addItem.getByLabel('Weight').fill('3');
  await addItem.getByLabel('Critical').check();
  await addItem.getByRole('button', { name: 'Add item' }).click();
  await expect(status).toHaveText('Saved: “Is the privacy policy linked next to the form?” added.');
  const builtinWebForm = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;
  const webFormStored = (await storedMethod(page)).checklists.find((c) => c.id === 'web-form')!;
  expect(webFormStored).toMatchObject({
    name: '',
    hidden: false,
    types: [...builtinWebForm.types],
    stages: [...builtinWebForm.stages],
  });
  expect(webFormStored.items.slice(0, -1)).toEqual(
    builtinWebForm.items.map(({ id, weight, critical }) => ({ id, text: '', weight, critical })),
  );
  expect(webFormStored.items.at(-1)).toMatchObject({
    text: 'Is the privacy policy linked next to the form?',
    weight: 3,
    critical: true,
  });
  const n = webFormStored.items.length;
  await expect(webForm.getByLabel(`Question ${n} of “Web form”`, { exact: true })).toHaveValue(
    'Is the privacy policy linked next to the form?',
  );
  await expect(webForm.getByLabel(`Weight of question ${n} of “Web form”`)).toHaveValue('3');
  await expect(webForm.getByLabel(`Question ${n} of “Web form” is critical`)).toBeChecked();
  // Reset to built-in removes the override.
  await webForm.getByRole('button', { name: 'Reset “Web form” to built-in' }).click();
  await expect(status).toHaveText('Saved: “Web form” is back to its built-in form.');
  expect((await storedMethod(page)).checklists).toEqual([]);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(status).toHaveText('Saved: “Web form” is back.');
  expect((await storedMethod(page)).checklists).toEqual([webFormStored]);

  // A checklist of the auditor's own, offered for one type; deleted while unused.
  const addChecklist = checklists.getByRole('form', { name: 'Add a checklist' });
  await addChecklist.getByLabel('Checklist name').fill('<b>Kiosk</b> check');
  await addChecklist.getByRole('button', { name: 'Add' }).click();
  await expect(status).toHaveText('Saved: “<b>Kiosk</b> check” added.');
  const kiosk = checklists
    .locator('details.method-template')
    .filter({ has: page.locator('summary > .template-name', { hasText: '<b>Kiosk</b> check' }) });
  await kiosk.locator('summary').first().click();
  await kiosk.locator('details.picker').first().locator('summary').click();
  await kiosk.getByLabel('Office visit', { exact: true }).check();
  await expect(status).toHaveText('Saved: “<b>Kiosk</b> check” is now offered for “Office visit”.');
  expect((await storedMethod(page)).checklists.at(-1)).toMatchObject({
    name: '<b>Kiosk</b> check',
    types: ['office-visit'],
    stages: [],
    items: [],
    hidden: false,
  });
  await kiosk.getByRole('button', { name: 'Delete “<b>Kiosk</b> check”' }).click();
  await expect(status).toHaveText('Saved: “<b>Kiosk</b> check” deleted.');
  expect((await storedMethod(page)).checklists).toEqual([webFormStored]);

  // 4. Service standards: the callback after a web form within 1 hour.
  const standards = page.getByRole('region', { name: 'Service standards' });
  await standards.getByLabel('Target of “Callback after a web form”').fill('1');
  await standards.getByLabel('Target of “Callback after a web form”').press('Tab');
  await expect(status).toHaveText('Saved: Callback after a web form — Target (at most): ≤ 1 h.');
  await standards.getByLabel('Unit of “Callback after a web form”').selectOption('hours');
  expect((await storedMethod(page)).standards).toEqual([
    {
      id: 'callback-after-form',
      name: '',
      target: 1,
      unit: 'hours',
      measure: 'between',
      answerChannels: ['phone'],
      hidden: false,
    },
  ]);

  // A standard of the auditor's own.
  const addStandard = standards.getByRole('form', { name: 'Add a standard' });
  await addStandard.getByLabel('Name').fill('Offer after the meeting');
  await addStandard.getByLabel('Target (at most)').fill('3');
  await addStandard.getByLabel('Unit').selectOption('working-days');
  await addStandard.getByRole('button', { name: 'Add' }).click();
  await expect(status).toHaveText('Saved: “Offer after the meeting” added.');
  expect((await storedMethod(page)).standards.at(-1)).toMatchObject({
    name: 'Offer after the meeting',
    target: 3,
    unit: 'working-days',
    measure: 'between',
    answerChannels: [],
    hidden: false,
  });
  const offerRow = standards
    .getByRole('row')
    .filter({ has: page.getByLabel('Name of “Offer after the meeting”') });
  await offerRow.getByLabel('Answer channels of “Offer after the meeting”: none').click();
  await offerRow.getByLabel('Email', { exact: true }).check();
  await expect(status).toHaveText('Saved: Offer after the meeting — Answered in: Email.');
  expect((await storedMethod(page)).standards.at(-1)!.answerChannels).toEqual(['email']);

  // The page in Russian: built-in wording follows the language, the auditor's own names do not.
  await page.getByLabel('Language').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Методика — Home internet <b>benchmark</b>',
  );
  const typesRu = page.getByRole('region', { name: 'Типы точек контакта' });
  await expect(typesRu.getByLabel('Название «Вывеска на здании»')).toHaveValue('Вывеска на здании');
  await expect(typesRu.getByLabel('Название «Paid search ad»')).toHaveValue('Paid search ad');
  await expect(
    page.getByRole('region', { name: 'Этапы' }).getByRole('cell', { name: 'Первое упоминание' }),
  ).toBeVisible();
});

test('the Method page says when it has no audit to show', async ({ profile, extensionId }) => {
  const page = await profile.open('method.html');
  await expect(page.getByText('No audit chosen.', { exact: false })).toBeVisible();
  await page.goto(`chrome-extension://${extensionId}/method.html?audit=gone`);
  await expect(
    page.getByText('This audit no longer exists (it may have been deleted).'),
  ).toBeVisible();
});
