/**
 * What the page itself proves, in the built extension: capturing the demo contact page pre-answers
 * the checklist items its DOM proves (stored with the step, marked "from the page"); once the step
 * is a web form they show marked in the panel, one key (C) confirms one and the mark goes, and an
 * other answer replaces the page's one.
 */
import { expect, test } from './fixtures';
import { readTable } from './stored';

interface StoredCheck {
  templateId: string;
  itemId: string;
  answer: string;
  source?: string;
  evidence?: string;
}
interface StoredStep {
  seq: number;
  typeId: string | null;
  checks: StoredCheck[];
}

test('the contact page pre-answers its checklist; C confirms, another answer replaces', async ({
  site,
  panel,
  demo,
}) => {
  test.setTimeout(180_000);
  await panel.createAudit('Proofs', 'Brightline', 'request a callback');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/contact.html'));
  await panel.capture(1);

  const stored = async () => (await readTable<StoredStep>(panel.page, 'touchpoints'))[0]!;
  const check = (step: StoredStep, itemId: string) => step.checks.find((c) => c.itemId === itemId);
  const captured = await stored();
  // Three visible fields, none required (the hidden plan field is not one); lang="en-GB".
  expect(check(captured, 'web-form.few-fields')).toEqual({
    templateId: 'web-form',
    itemId: 'web-form.few-fields',
    answer: 'yes',
    comment: '',
    screenshotId: null,
    source: 'page',
    evidence: '3 fields, 0 required',
  });
  expect(check(captured, 'web-form.few-required')).toMatchObject({ answer: 'yes', source: 'page' });
  expect(check(captured, 'site-first-screen.language')).toMatchObject({
    answer: 'yes',
    source: 'page',
    evidence: 'lang="en-GB"',
  });
  // No consent checkbox on the page: not answered (absence proves nothing).
  expect(check(captured, 'web-form.privacy-consent')).toBeUndefined();

  const step = panel.step(1);
  await step.getByRole('button', { name: 'Details of step 1' }).click();
  // Answers from the page alone do not make a checklist show.
  await expect(step.getByRole('region', { name: /^Checklist / })).toHaveCount(0);
  await step.getByLabel('Touchpoint type').selectOption('web-form');
  const checklist = step.getByRole('region', { name: 'Checklist Web form, step 1' });
  await expect(checklist.locator('.check-item.from-page')).toHaveCount(2);
  const fewFields = checklist.locator('[data-item-id="web-form.few-fields"]');
  await expect(fewFields.locator('.badge')).toHaveText('from the page');
  await expect(fewFields).toContainText('3 fields, 0 required');
  await expect(fewFields.locator('.visually-hidden')).toHaveText(
    'Answered from the page, not confirmed: 3 fields, 0 required',
  );
  await expect(checklist).toContainText('C confirm an answer from the page');
  await checklist.screenshot({ path: test.info().outputPath('page-proofs-panel.png') });

  // C on the row confirms the page's answer as it is: the mark goes, stored without it.
  await fewFields.getByRole('button', { name: /^Yes: / }).focus();
  await panel.page.keyboard.press('KeyC');
  await expect(fewFields).not.toHaveClass(/from-page/);
  await expect(checklist.locator('.check-item.from-page')).toHaveCount(1);
  await expect
    .poll(async () => check(await stored(), 'web-form.few-fields'))
    .toEqual({
      templateId: 'web-form',
      itemId: 'web-form.few-fields',
      answer: 'yes',
      comment: '',
      screenshotId: null,
    });

  // Focus went on to the next item (the page's "at most 3 required"): N replaces it.
  const fewRequired = checklist.locator('[data-item-id="web-form.few-required"]');
  await expect(fewRequired.getByRole('button', { name: /^Yes: / })).toBeFocused();
  await panel.page.keyboard.press('KeyN');
  await expect(checklist.locator('.check-item.from-page')).toHaveCount(0);
  await expect(fewRequired).toHaveClass(/answer-no/);
  await expect
    .poll(async () => check(await stored(), 'web-form.few-required'))
    .toEqual(expect.objectContaining({ answer: 'no' }));
  expect(check(await stored(), 'web-form.few-required')!.source).toBeUndefined();
  await checklist.screenshot({ path: test.info().outputPath('page-proofs-confirmed.png') });

  // In Russian: the mark of the one page answer left (the page's language) on the first screen.
  await step.getByLabel('Touchpoint type').selectOption('home-page');
  await panel.page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  const firstScreen = panel.page.getByRole('region', {
    name: 'Чек-лист Сайт: первый экран, шаг 1',
  });
  const language = firstScreen.locator('[data-item-id="site-first-screen.language"]');
  await expect(language.locator('.badge')).toHaveText('со страницы');
  await expect(language.locator('.visually-hidden')).toHaveText(
    'Ответ со страницы, не подтверждён: lang="en-GB"',
  );
  await expect(
    language.getByRole('button', { name: /^Подтвердить ответ со страницы/ }),
  ).toBeVisible();
  await firstScreen.screenshot({ path: test.info().outputPath('page-proofs-ru.png') });
});
