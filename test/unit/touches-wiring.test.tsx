/**
 * Fewer touches, people, would recommend through the store, the panel's controller, the CSV, the
 * slides and the rendered report (English and Russian).
 */
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { StepTouchesBadges } from '../../components/panel/step-touches';
import { ReportView } from '../../components/report/view';
import { touchesActionsOver } from '../../lib/controllers/panel-touches';
import { translator } from '../../lib/i18n';
import { CSV_COLUMNS, renderCsv } from '../../lib/report/csv';
import { buildReport } from '../../lib/report/model';
import { planSlides, type TableSlide } from '../../lib/report/slides';
import { createWalk, testStore } from './helpers';

/** Brightline (own): a call with Anna, a transfer to "anna " (the same person), a flagged page;
 * would recommend 9. Fastwave: a chat with no name, the customer had to repeat; recommend 3. */
async function walked() {
  const { store, clock } = testStore();
  const audit = await store.createAudit({ name: 'Broadband', client: '', defaultTask: '' });
  const own = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    brandRole: 'own',
  });
  const rival = await createWalk(store, { auditId: audit.id, brandName: 'Fastwave' });
  const call = await store.addStep({
    journeyId: own.id,
    kind: 'offline',
    url: null,
    title: 'Call',
    at: clock.now(),
    channel: 'phone',
    stage: 'contact',
    person: { who: 'Anna', transfer: false, repeated: false },
  });
  const second = await store.addStep({
    journeyId: own.id,
    kind: 'offline',
    url: null,
    title: 'Sales',
    at: clock.now() + 60_000,
    channel: 'phone',
    stage: 'contact',
  });
  await store.updateStep(second.id, { person: { who: 'anna ', transfer: true, repeated: false } });
  const page = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/form',
    title: 'Form again',
    at: clock.now() + 120_000,
    stage: 'contact',
  });
  await store.updateStep(page.id, { reduce: { kind: 'merge', reason: 'Same form as the call' } });
  const chat = await store.addStep({
    journeyId: rival.id,
    kind: 'page',
    url: 'https://fastwave.test/chat',
    title: 'Chat',
    at: clock.now(),
    channel: 'web-chat',
    stage: 'contact',
  });
  await store.updateStep(chat.id, { person: { who: '', transfer: false, repeated: true } });
  const controller = touchesActionsOver(store, () => translator('en'));
  expect(await controller.recommend(own.id, 9)).toBe('Would recommend: 9 of 10 saved.');
  await controller.recommend(rival.id, 3);
  const model = async () => buildReport(await store.readAudit(audit.id), {}, clock.now());
  return { store, call, second, page, chat, own, rival, model, controller };
}

describe('the store and the panel’s controller', () => {
  it('writes the person with the offline contact, trims the name, and clears it', async () => {
    const { store, call, second, controller, own } = await walked();
    expect(call.person).toEqual({ who: 'Anna', transfer: false, repeated: false });
    const [, stored] = await store.listSteps(second.journeyId);
    expect(stored!.person).toEqual({ who: 'anna', transfer: true, repeated: false });
    const cleared = await store.updateStep(second.id, { person: undefined });
    expect(cleared.person).toBeUndefined();
    expect(await controller.recommend(own.id, null)).toBe('Would recommend: answer cleared.');
    expect((await store.listJourneys(own.auditId)).find((j) => j.id === own.id)!.recommend).toBe(
      null,
    );
  });

  it('refuses a recommendation outside 0–10 and leaves the walk as it was', async () => {
    const { store, controller, own } = await walked();
    await expect(controller.recommend(own.id, 11)).rejects.toThrow();
    expect((await store.listJourneys(own.auditId)).find((j) => j.id === own.id)!.recommend).toBe(9);
  });
});

describe('the step’s row in the panel', () => {
  it('says a step could be merged, and a transfer and a repeat', async () => {
    const { store, page, second, chat } = await walked();
    const t = translator('en');
    const badges = async (id: string, journeyId: string) => {
      const step = (await store.listSteps(journeyId)).find((s) => s.id === id)!;
      return render(<StepTouchesBadges step={step} t={t} />)
        .replace(/<[^>]+>/g, ' ')
        .trim();
    };
    expect(await badges(page.id, page.journeyId)).toBe('could be merged');
    expect(await badges(second.id, second.journeyId)).toBe('transferred');
    expect(await badges(chat.id, chat.journeyId)).toBe('repeated');
  });
});

describe('the CSV, the slides and the report', () => {
  it('has the walk’s answer, the person and cut or merge in every step row', async () => {
    const { model } = await walked();
    const csv = renderCsv(await model(), 'en');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const at = (column: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(column);
    const cells = lines.map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')),
    );
    const pick = (row: string[]) =>
      [
        'walk_recommend_0_10',
        'person_who',
        'person_transfer',
        'person_repeated',
        'reduce',
        'reduce_reason',
      ].map((c) => row[at(c as (typeof CSV_COLUMNS)[number])]);
    expect(cells.slice(1).map(pick)).toEqual([
      ['9', 'Anna', 'false', 'false', '', ''],
      ['9', 'anna', 'true', 'false', '', ''],
      ['9', '', '', '', 'merge', 'Same form as the call'],
      ['3', '', 'false', 'true', '', ''],
    ]);
  });

  it('has a people slide, an NPS slide and the fewer touches slides', async () => {
    const { model } = await walked();
    const plan = planSlides(await model(), 'en');
    const table = (title: string) =>
      plan.slides.find((s): s is TableSlide => s.kind === 'table' && s.title === title)!;
    // Brightline: Anna twice = 1 person, 1 transfer; Fastwave: 1 unnamed person, 1 repeat.
    expect(table('People and handoffs').rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Brightline (own) · n = 1', '1', '1', '0'],
      ['Fastwave (competitor) · n = 1', '1', '0', '1'],
    ]);
    // 9: a promoter (+100); 3: a detractor (−100).
    expect(table('Would recommend (NPS)').rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Brightline (own) · n = 1', '+100', '9.0', '1 / 0 / 0'],
      ['Fastwave (competitor) · n = 1', '−100', '3.0', '0 / 0 / 1'],
    ]);
    // Contact: Brightline 3 touches, Fastwave 1 → 2 more.
    expect(table('Fewer touches').rows[0]!.map((c) => c.text)).toEqual([
      'Contact / communication',
      '3',
      '1',
      '2 more',
    ]);
    expect(table('Touches that could be cut or merged').rows[0]!.map((c) => c.text)).toEqual([
      'Brightline',
      'Step 3 — Form again',
      'could be merged',
      'Same form as the call',
    ]);
  });

  it('shows the sections and the NPS in the report, in English and Russian', async () => {
    const { model } = await walked();
    const built = await model();
    const text = (locale: 'en' | 'ru') =>
      render(<ReportView model={built} locale={locale} imageSrc={() => undefined} />)
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    const en = text('en');
    expect(en).toContain('Would recommend: NPS');
    expect(en).toContain('+100 mean 9.0 · n = 1');
    expect(en).toContain('People and handoffs');
    expect(en).toContain('Where the customer was transferred or had to repeat');
    expect(en).toContain('Touches that could be cut or merged');
    expect(en).toContain('Same form as the call');
    expect(en).toContain('2 more');
    const ru = text('ru');
    expect(ru).toContain('Готовность рекомендовать: NPS');
    expect(ru).toContain('Касания, которые можно убрать или объединить');
    expect(ru).toContain('на 2 больше');
    expect(ru).toContain('без имени: 1');
  });

  it('leaves the sections out when the auditor does', async () => {
    const { model } = await walked();
    const built = await model();
    const hidden = {
      ...built,
      settings: { ...built.settings, hidden: ['people', 'fewerTouches'] as const },
    };
    const html = render(
      <ReportView
        model={{ ...hidden, settings: { ...hidden.settings, hidden: [...hidden.settings.hidden] } }}
        locale="en"
        imageSrc={() => undefined}
      />,
    );
    expect(html).not.toContain('People and handoffs');
    expect(html).not.toContain('Touches that could be cut or merged');
  });
});
