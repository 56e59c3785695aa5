/**
 * The side panel's step list by stage, and the panel's small gaps (#16):
 * - steps grouped in runs of one stage, in the walk's order (a stage met again is a group of its
 *   own): each header a button with aria-expanded that folds its group, with the count of steps
 *   and the mean experience ("not scored" when none); the score keys and the move buttons work
 *   across groups, a move is said in the status line and the focus stays on the moved step;
 * - after Delete, the Undo line is a live region that was on the page before and says what went
 *   and how to undo it; the focus, lost with the deleted row, goes to Undo;
 * - "New journey" right after "Create audit" starts from the new audit's defaults;
 * - right after switching journeys the card says the steps are being read, never "0 steps".
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import type { PanelPage } from './pages';

/** Logs an offline contact in `stage` (an option's value) titled `title`: step `seq`. */
async function offline(panel: PanelPage, stage: string, title: string, seq: number) {
  await panel.button('Log offline contact').click();
  const form = panel.page.getByRole('form', { name: 'Log offline contact' });
  await form.getByLabel('Stage', { exact: true }).selectOption(stage);
  await form.getByLabel('What happened').fill(title);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(`Offline contact added as step ${seq}.`);
}

/** What axe (WCAG 2.0–2.2 A/AA, best practices) finds on the panel, one line per rule. */
async function axe(panel: PanelPage): Promise<string[]> {
  const result = await new AxeBuilder({ page: panel.page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The header button of a stage group, by its whole accessible name. */
function header(panel: PanelPage, name: string) {
  return panel.page
    .getByRole('region', { name: 'Steps' })
    .getByRole('button', { name, exact: true });
}

test('steps are grouped by stage: counts, scores, folding, keys and moves across groups', async ({
  panel,
}) => {
  await panel.createAudit('Stages', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await offline(panel, 'information', 'Read the plans page', 1);
  await offline(panel, 'information', 'Read the FAQ', 2);
  await offline(panel, 'information', 'Compared two plans', 3);
  await offline(panel, 'contact', 'Called the hotline', 4);
  await offline(panel, 'information', 'Read the contract terms', 5);
  await expect(panel.steps()).toHaveCount(5);
  const list = panel.page.getByRole('region', { name: 'Steps' });
  await expect(list).toHaveAttribute('data-state', 'ready');

  // Three groups in the walk's order; information gathering met again is a group of its own.
  await expect(list.getByRole('heading', { level: 3 })).toHaveText([
    /Information gathering · 3 steps · experience —/,
    /Contact \/ communication · 1 step · experience —/,
    /Information gathering \(again\) · 1 step · experience —/,
  ]);
  const first = header(panel, 'Information gathering · 3 steps · not scored');
  await expect(first).toHaveAttribute('aria-expanded', 'true');

  // Scores: clicks, then a score key on the step holding the focus (step 3: 2).
  await panel.step(1).getByRole('button', { name: 'Experience 4' }).click();
  await panel.step(2).getByRole('button', { name: 'Experience 5' }).click();
  await expect(header(panel, 'Information gathering · 3 steps · experience 4.5')).toBeVisible();
  await panel.step(3).getByRole('button', { name: 'Details of step 3' }).focus();
  await panel.page.keyboard.press('2');
  await expect(panel.step(3).getByRole('button', { name: 'Experience 2' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // (4 + 5 + 2) / 3 = 3.67 → 3.7
  const scored = header(panel, 'Information gathering · 3 steps · experience 3.7');
  await expect(scored).toBeVisible();

  // Folding by keyboard: Enter on the header hides its three steps, Enter again shows them.
  await scored.focus();
  await panel.page.keyboard.press('Enter');
  await expect(scored).toHaveAttribute('aria-expanded', 'false');
  await expect(panel.steps()).toHaveCount(2);
  await expect(panel.step(1)).toHaveCount(0);
  await expect(list.getByRole('heading', { level: 3 })).toHaveCount(3);
  await panel.page.keyboard.press('Enter');
  await expect(scored).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.steps()).toHaveCount(5);
  await panel.button('Collapse all stages').click();
  await expect(panel.steps()).toHaveCount(0);
  await panel.button('Expand all stages').click();
  await expect(panel.steps()).toHaveCount(5);

  // A move across a group's edge: the call (step 4) moves up into the information steps. It
  // keeps its stage, so it splits them: the status line says where it is now, and the focus
  // stays on its "up" button.
  await panel.step(4).getByRole('button', { name: 'Move step 4 up' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 4 is now step 3: Contact / communication, 1 of 1 in this group.',
  );
  await expect(panel.step(3)).toContainText('Called the hotline');
  await expect(list.getByRole('heading', { level: 3 })).toHaveText([
    /Information gathering · 2 steps · experience 4\.5/,
    /Contact \/ communication · 1 step · experience —/,
    /Information gathering \(again\) · 2 steps · experience 2\.0/,
  ]);
  await expect(panel.step(3).getByRole('button', { name: 'Move step 3 up' })).toBeFocused();
  // By keyboard: Enter on the focused button moves it up again.
  await panel.page.keyboard.press('Enter');
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 3 is now step 2: Contact / communication, 1 of 1 in this group.',
  );
  await expect(panel.step(2).getByRole('button', { name: 'Move step 2 up' })).toBeFocused();

  await expect(list.getByRole('heading', { level: 3 })).toHaveText([
    /Information gathering · 1 step · experience 4\.0/,
    /Contact \/ communication · 1 step · experience —/,
    /Information gathering \(again\) · 3 steps · experience 3\.5/,
  ]);
  await panel.page.screenshot({ path: '/tmp/panel-stages.png', fullPage: true });
  // Folded and open groups, a moved step's focus: nothing for axe.
  await header(panel, 'Contact / communication · 1 step · not scored').click();
  expect(await axe(panel)).toEqual([]);
  await header(panel, 'Contact / communication · 1 step · not scored').click();

  // A step moved into a folded group joins it and opens it; the focus follows it.
  await header(panel, 'Information gathering · 1 step · experience 4.0').click();
  await expect(panel.steps()).toHaveCount(4);
  await panel.step(3).getByRole('button', { name: 'Move step 3 up' }).click();
  await expect(panel.page.getByRole('status')).toHaveText(
    'Step 3 is now step 2: Information gathering, 2 of 2 in this group.',
  );
  await expect(panel.steps()).toHaveCount(5);
  await expect(header(panel, 'Information gathering · 2 steps · experience 4.5')).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(panel.step(2).getByRole('button', { name: 'Move step 2 up' })).toBeFocused();
});

test('after Delete, the Undo line says what went and how to undo it; the focus goes to Undo', async ({
  panel,
}) => {
  await panel.createAudit('Undo', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await offline(panel, 'contact', 'Called the hotline', 1);
  await offline(panel, 'contact', 'Called again', 2);
  // The live region is on the page, empty, before anything is deleted: a region added together
  // with its text is not read out.
  const live = panel.page.locator('.undo-live');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await expect(live).toHaveText('');

  await panel.step(2).getByRole('button', { name: 'Delete step 2' }).click();
  await expect(live).toHaveText(
    'Step 2 moved to Recently deleted. To undo it, use the Undo button after this message, or Recently deleted. Undo',
  );
  const undo = panel.button('Undo');
  await expect(undo).toHaveAccessibleDescription('Step 2 moved to Recently deleted.');
  await expect(undo).toBeFocused();
  await panel.page
    .locator('.messages')
    .screenshot({ path: test.info().outputPath('undo-line.png') });
  expect(await axe(panel)).toEqual([]);
  await panel.page.keyboard.press('Enter');
  await expect(panel.page.getByRole('status')).toHaveText('Step 2 restored.');
  await expect(panel.steps()).toHaveCount(2);
  await expect(live).toHaveText('');
});

test('“New journey” right after “Create audit” starts from the new audit’s defaults', async ({
  panel,
}) => {
  await panel.createAudit('First audit', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');

  // Every state the New journey form shows from its first frame (task, brand picker, role).
  await panel.page.evaluate(() => {
    const shown: string[] = [];
    (window as unknown as { shown: string[] }).shown = shown;
    const note = () => {
      const form = document.querySelector('form[aria-label="New journey"]');
      if (!form) return;
      const field = (label: string) => {
        const id = [...form.querySelectorAll('label')].find(
          (l) => l.textContent === label,
        )?.htmlFor;
        const control = id ? form.querySelector<HTMLInputElement>(`[id="${id}"]`) : null;
        return control ? control.value : '(none)';
      };
      const state = `task ${field('Customer task')} | brand ${field('Brand')} | role ${field('Brand role')}`;
      if (shown.at(-1) !== state) shown.push(state);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
  });
  // The panel opens the New journey form by itself once the audit is created.
  await panel.createAudit('Second audit', 'Fastwave', 'cancel a contract');
  const form = panel.page.getByRole('form', { name: 'New journey' });
  await expect(form).toBeVisible();
  await expect(form.getByLabel('Customer task')).toHaveValue('cancel a contract');
  // The new audit has no brand yet: a new one, the own brand first, and no picker of the old ones.
  await expect(form.getByLabel('Brand', { exact: true })).toHaveCount(0);
  await expect(form.getByLabel('Brand role')).toHaveValue('own');
  await expect(form.getByLabel('Brand name')).toHaveValue('');
  // Not even for a frame did it show the first audit's (its task, its brands, "competitor").
  const shown = await panel.page.evaluate(() => (window as unknown as { shown: string[] }).shown);
  expect(shown).toEqual(['task cancel a contract | brand (none) | role own']);
});

test('right after switching journeys the card says the steps are being read, never “0 steps”', async ({
  panel,
}) => {
  await panel.createAudit('Switch', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline', 'brightline.test', 'own');
  for (const [i, title] of ['One', 'Two', 'Three'].entries())
    await offline(panel, 'contact', title, i + 1);
  await panel.createJourney('Fastwave', 'fastwave.test', 'competitor');
  await offline(panel, 'contact', 'Only', 1);
  const card = panel.page.getByRole('region', { name: 'Active journey' });
  await expect(card).toContainText('1 step');

  // Every text the card's count and the list's state ever show, from here on.
  await panel.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    const note = () => {
      const count = document.querySelector('.journey .step-count');
      const list = document.querySelector('section.steps');
      seen.push(
        `${count?.textContent ?? '-'} | ${count?.getAttribute('data-state') ?? '-'} | ${list?.getAttribute('data-state') ?? '-'}`,
      );
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
  const picker = panel.page.getByLabel('Journey', { exact: true });
  await picker.selectOption({ label: await picker.locator('option').first().innerText() });
  await expect(card).toContainText('3 steps');
  await expect(card.locator('.step-count')).toHaveAttribute('data-state', 'ready');
  await expect(panel.page.getByRole('region', { name: 'Steps' })).toHaveAttribute(
    'data-state',
    'ready',
  );
  const seen = await panel.page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // From the switch on, the steps were being read for a moment, and said so; no count but the
  // true one was shown (before: the other walk's "1 step", then "0 steps").
  const from = seen.indexOf('reading steps… | loading | loading');
  expect(from, seen.join('\n')).toBeGreaterThanOrEqual(0);
  const counts = new Set(seen.slice(from).map((line) => line.split(' | ')[0]));
  expect([...counts], seen.join('\n')).toEqual(['reading steps…', '3 steps']);
});

test('a name typed with spaces at its ends: the field says they are not kept, and drops them', async ({
  panel,
}) => {
  await panel.button('New audit').first().click();
  const form = panel.page.getByRole('form', { name: 'New audit' });
  const name = form.getByLabel('Audit name');
  await name.fill('  Home internet ');
  // Said at once for the leading spaces, as the field's description.
  await expect(name).toHaveAccessibleDescription('Spaces at the start and end are not kept.');
  // Leaving the field removes them and says so (a status, read out).
  await form.getByLabel('Client').focus();
  await expect(name).toHaveValue('Home internet');
  await expect(form.getByRole('status')).toHaveText('Spaces at the start and end are not kept.');
  // A space between words says nothing; a field that keeps spaces (the task) says nothing.
  await form.getByLabel('Client').fill('Bright line ');
  await expect(form.getByRole('status')).toHaveCount(1);
  await form.getByLabel('Default customer task').fill('  get a quote');
  await expect(form.getByLabel('Default customer task')).toHaveAccessibleDescription('');
  await form.getByRole('button', { name: 'Create audit' }).click();
  await expect(panel.page.getByLabel('Audit', { exact: true })).toContainText('Home internet');
});
