/**
 * Expected against found, the client's funnel and what each stage gives (#16 points 2, 9, 10):
 * the managers' expectations and the funnel are entered on the Method page, a funnel file with a
 * bad line is refused with the line named and nothing written, the fixed file is imported; the
 * report shows the blind-spot matrix, the largest gaps, the funnel's conversion beside the
 * scorecard and what each stage gives, in English and in Russian.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Audit } from '../../lib/model';
import { expect, test } from './fixtures';
import type { PanelPage } from './pages';
import { readTable } from './stored';

async function logContact(panel: PanelPage, stage: string, what: string) {
  await panel.button('Log offline contact').click();
  const form = panel.page.getByRole('form', { name: 'Log offline contact' });
  await form.getByLabel('Channel', { exact: true }).selectOption('phone');
  await form.getByLabel('Stage', { exact: true }).selectOption(stage);
  await form.getByLabel('What happened').fill(what);
  await form.getByRole('button', { name: 'Add contact' }).click();
  await slow(form).toBeHidden();
}

async function storedAudit(page: Page): Promise<Audit> {
  return (await readTable<Audit>(page, 'audits'))[0]!;
}

/** The machine may be busy: a saved edit can take longer than the default 5 s to show. */
const slow = expect.configure({ timeout: 30_000 });

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** axe's violations inside `selectors` of `page`, one line each (rule and elements). */
async function violations(page: Page, selectors: string[]): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(TAGS);
  for (const selector of selectors) builder = builder.include(selector);
  const result = await builder.analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

const csv = (text: string) => ({
  name: 'funnel.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

test('expected against found, the funnel and what each stage gives', async ({ profile, panel }) => {
  test.setTimeout(240_000);
  await panel.createAudit('Expectations', 'Brightline', 'get a quote');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  // The own brand's walk: information gathering scored 2, the offer 5 (payment never walked).
  await logContact(panel, 'information', 'Called to ask about the plans');
  await logContact(panel, 'offer', 'Got the offer by phone');
  await slow(panel.steps()).toHaveCount(2);
  for (const [n, value] of [
    [1, 2],
    [2, 5],
  ] as const)
    await panel
      .step(n)
      .getByRole('button', { name: `Experience ${value}`, exact: true })
      .click();

  const method = await panel.openMethod();
  const status = method.getByRole('status');
  const alert = method.getByRole('alert');

  // 1. Expected experience: two managers on information gathering, one on the offer and payment.
  const expected = method.getByRole('region', { name: 'Expected experience' });
  const add = expected.getByRole('form', { name: 'Add an expectation' });
  for (const [target, score, by] of [
    ['Stage: Information gathering', '5', 'Anna, sales'],
    ['Stage: Information gathering', '4', 'Boris'],
    ['Stage: Offer', '3', 'Anna, sales'],
    ['Stage: Payment', '4', ''],
  ] as const) {
    await add.getByLabel('Stage or touchpoint type').selectOption({ label: target });
    await add.getByLabel('Expected (1–5)').selectOption(score);
    await add.getByLabel('Who expects it').fill(by);
    await add.getByRole('button', { name: 'Add the expectation' }).click();
    await slow(status).toHaveText(
      `Saved: the expectation for “${target.replace('Stage: ', '')}” added.`,
    );
  }
  // A row edited in place: Boris expects 5 after all.
  await expected.getByLabel('Expected experience of expectation 2').selectOption('5');
  await slow(status).toHaveText('Saved: expectation 2 (“Information gathering”) changed.');
  await expect
    .poll(async () => (await storedAudit(method)).expectations?.map((e) => e.experience))
    .toEqual([5, 5, 3, 4]);

  // 2. The funnel, typed for the audit as a whole.
  const funnel = method.getByRole('region', { name: 'The client’s funnel' });
  const count = (stage: string) =>
    funnel.getByLabel(`Customers who reached “${stage}” (The audit as a whole)`);
  await count('First mention').fill('1000');
  await count('First mention').press('Enter');
  await slow(status).toHaveText(
    'Saved: 1,000 customers reached “First mention” (The audit as a whole).',
  );
  await count('Information gathering').fill('lots');
  await count('Information gathering').press('Enter');
  await slow(alert).toContainText('“lots” is not a number of customers');
  await count('Information gathering').fill('500');
  await count('Information gathering').press('Enter');
  await slow(status).toHaveText(
    'Saved: 500 customers reached “Information gathering” (The audit as a whole).',
  );
  await slow(funnel.locator('tr[data-stage="information"]')).toContainText('50 %');

  // A file with one bad line: the line is named, nothing is written.
  const file = funnel.getByLabel('CSV file with the funnel (The audit as a whole)');
  const before = (await storedAudit(method)).funnel;
  await file.setInputFiles(
    csv('stage;count\nfirst-mention;1 000\nСбор информации;400\n<b>Offer</b>;100\nContract;25\n'),
  );
  await slow(alert).toHaveText(
    'Nothing imported from funnel.csv: bad lines: 1. Fix them and import the file again.',
  );
  await slow(funnel.locator('.funnel-problems li')).toHaveText([
    'Line 4: “<b>Offer</b>” is not a stage of this audit.',
  ]);
  expect((await storedAudit(method)).funnel).toEqual(before);

  // Fixed: the file replaces the typed figures.
  await file.setInputFiles(
    csv('stage;count\nfirst-mention;1 000\nСбор информации;400\nOffer;100\nContract;25\n'),
  );
  await slow(status).toHaveText('Saved: 4 stages imported from funnel.csv (The audit as a whole).');
  await slow(funnel.locator('.funnel-problems')).toHaveCount(0);
  await expect
    .poll(async () => (await storedAudit(method)).funnel)
    .toEqual([
      { stage: 'first-mention', waveId: null, count: 1000 },
      { stage: 'information', waveId: null, count: 400 },
      { stage: 'offer', waveId: null, count: 100 },
      { stage: 'contract', waveId: null, count: 25 },
    ]);
  await slow(funnel.locator('tr[data-stage="offer"]')).toContainText('25 %');
  await slow(funnel.locator('tr[data-stage="contract"]')).toContainText('2.5 %');

  // 3. What a stage gives: the offer sells its value in this audit.
  const stages = method.getByRole('region', { name: 'Stages', exact: true });
  await slow(stages.getByLabel('What “Offer” gives the customer')).toHaveValue('product');
  await stages.getByLabel('What “Offer” gives the customer').selectOption('value');
  await slow(status).toHaveText('Saved: “Offer” gives its value.');
  await expect
    .poll(async () => (await storedAudit(method)).method.gives)
    .toEqual([{ stage: 'offer', gives: 'value' }]);
  await method.screenshot({ path: '/tmp/expected-method-en.png', fullPage: true });
  expect(
    await violations(method, ['#method-expected', '#method-funnel', '#method-stages']),
  ).toEqual([]);

  // 4. The report.
  const report = await profile.open('report.html');
  const section = report.locator('section.blind-spots');
  await slow(section.getByRole('heading', { name: 'Expected against found' })).toBeVisible();
  await slow(report.getByRole('img', { name: /Blind-spot matrix/ })).toBeVisible();
  const gaps = section.getByRole('table', { name: 'Largest gaps' });
  // Information: expected (5 + 5) / 2 = 5, found 2: +3, a blind spot. Offer: 3 against 5: −2.
  await slow(gaps.getByRole('rowheader')).toHaveText(['Information gathering', 'Offer', 'Payment']);
  await slow(gaps.locator('tbody tr').nth(0)).toContainText('5.0 (n = 2)');
  await slow(gaps.locator('tbody tr').nth(0)).toContainText('+3.0');
  await slow(gaps.locator('tbody tr').nth(0)).toContainText('Blind spot');
  await slow(gaps.locator('tbody tr').nth(1)).toContainText('−2.0');
  await slow(gaps.locator('tbody tr').nth(1)).toContainText('Better than expected');
  await slow(gaps.locator('tbody tr').nth(2)).toContainText('not walked');
  await slow(section.locator('li[data-quadrant="blind-spot"]')).toHaveText(
    'Blind spot: we think it is fine; the customer does not: 1. Information gathering',
  );
  await slow(report.locator('.finding-blind-spot')).toContainText(
    'Largest blind spot: Information gathering — the managers expect 5.0, the walks found 2.0',
  );
  const funnelTable = report.getByRole('table', { name: 'The funnel beside the scorecard' });
  await slow(report.locator('section.funnel .funnel-source')).toContainText(
    'Figures for the audit as a whole',
  );
  await slow(funnelTable.locator('tr[data-stage="information"]')).toContainText('40 %');
  await slow(funnelTable.locator('tr[data-stage="offer"]')).toContainText('25 %');
  await slow(funnelTable.locator('tr[data-stage="offer"]')).toContainText('Gives: its value');
  await slow(funnelTable.locator('tr[data-stage="contract"]')).toContainText('not walked');
  await slow(report.locator('section.method .stages-give')).toContainText(
    'Information gathering — the need; Offer — its value',
  );
  await section.screenshot({ path: '/tmp/expected-report-en.png' });
  expect(await violations(report, ['section.blind-spots', 'section.funnel'])).toEqual([]);
  await report.locator('section.funnel').screenshot({ path: '/tmp/expected-funnel-en.png' });

  // In Russian.
  await panel.page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await slow(panel.page.getByRole('button', { name: 'Снять страницу' })).toBeVisible();
  await report.reload();
  const ru = report.locator('section.blind-spots');
  await slow(ru.getByRole('heading', { name: 'Ожидания и реальность' })).toBeVisible();
  await slow(ru.locator('li[data-quadrant="blind-spot"]')).toHaveText(
    'Слепая зона: нам кажется, что всё хорошо, а клиенту — нет: 1. Сбор информации',
  );
  await slow(ru.getByRole('table', { name: 'Самые большие расхождения' })).toContainText(
    'не пройдено',
  );
  await slow(
    report.getByRole('table', { name: 'Воронка рядом с оценками по этапам' }),
  ).toContainText('40 %');
  await ru.screenshot({ path: '/tmp/expected-report-ru.png' });
  await method.reload();
  await slow(method.getByRole('heading', { name: 'Ожидаемый опыт' })).toBeVisible();
  await slow(method.getByRole('heading', { name: 'Воронка клиента' })).toBeVisible();
});
