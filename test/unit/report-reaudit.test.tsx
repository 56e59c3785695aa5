/**
 * Waves compared: each brand against itself in the latest earlier wave it was walked in
 * (lib/report/reaudit.ts, components/report/reaudit.tsx).
 */
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { periodText } from '../../components/report/period';
import { REAUDIT_CSS, ReauditSection } from '../../components/report/reaudit';
import type { AuditStore } from '../../lib/db';
import { brandNameKey, type BrandRole, type Journey, type Outcome } from '../../lib/model';
import { buildReport, type ReportSelection } from '../../lib/report/model';
import {
  figure,
  outcomeFigure,
  REAUDIT_PRECISION,
  reaudits,
  standardsFigure,
} from '../../lib/report/reaudit';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { fakeImage, testStore } from './helpers';

const HOSTILE = '<img src=x onerror=alert(1)>';
const DAY = 86_400_000;
const WEB_FORM = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;
const CRITICAL = WEB_FORM.items.find((i) => i.critical)!;

/** Wave n (1-based): the n-th month of 2026, local days. */
const waveDays = (n: number) => ({
  start: new Date(2026, n - 1, 1).getTime(),
  end: new Date(2026, n, 0).getTime(),
});

async function setup() {
  const { store, clock } = testStore();
  const audit = await store.createAudit({
    name: 'Broadband Q1',
    client: 'Brightline',
    defaultTask: 'request a callback',
  });
  /** A walk of the brand of that name (made if new) in "Wave n" (made if new). */
  const journey = async (
    brandName: string,
    role: BrandRole = 'own',
    wave = 1,
    task = 'request a callback',
  ) => {
    const brand = (await store.listBrands(audit.id)).find(
      (b) => brandNameKey(b.name) === brandNameKey(brandName),
    );
    const existing = (await store.listWaves(audit.id)).find((w) => w.name === `Wave ${wave}`);
    return store.createJourney({
      auditId: audit.id,
      brand: brand ? { id: brand.id } : { name: brandName, domain: 'x.test', role },
      wave: existing ? { id: existing.id } : { name: `Wave ${wave}`, ...waveDays(wave) },
      task,
      persona: '',
      entryChannel: 'search',
      auditor: '',
    });
  };
  const model = (choice: Partial<ReportSelection> = {}) =>
    store.readAudit(audit.id).then((s) => buildReport(s, choice, clock.now()));
  return { store, clock, journey, model };
}

interface Plan {
  stage: string;
  minutes: number;
  experience?: number;
  likelihood?: number;
  title?: string;
  image?: boolean;
  /** A web form: every item yes, or the critical one no. */
  form?: 'all-yes' | 'critical-no';
  /** The callback answering the form's timer. */
  callback?: boolean;
}

async function walk(store: AuditStore, j: Journey, plans: Plan[], outcome: Outcome | null) {
  let timer: string | undefined;
  for (const p of plans) {
    const step = await store.addStep({
      journeyId: j.id,
      kind: p.callback ? 'offline' : 'page',
      url: p.callback ? null : 'https://x.test/',
      title: p.title ?? `${p.stage} ${p.minutes}`,
      at: j.createdAt + p.minutes * 60_000,
      stage: p.stage,
      ...(p.callback ? { channel: 'phone' as const, stopsTimers: timer ? [timer] : [] } : {}),
      ...(p.form ? { typeId: 'web-form' } : {}),
      ...(p.image ? { images: [fakeImage(p.title ?? p.stage)] } : {}),
    });
    await store.updateStep(step.id, {
      experience: p.experience ?? null,
      likelihood: p.likelihood ?? null,
    });
    if (p.form) {
      for (const item of WEB_FORM.items)
        await store.answerCheck(
          step.id,
          'web-form',
          item.id,
          p.form === 'critical-no' && item.id === CRITICAL.id ? 'no' : 'yes',
        );
      timer = (await store.startTimer(j.id, 'callback-after-form', step.id)).id;
    }
  }
  if (outcome) await store.finishJourney(j.id, outcome);
}

/** Five steps, callback after 3 h (failed ≤ 2 h), a failed critical item, likelihood 5 at the end. */
const WEAK: Plan[] = [
  { stage: 'information', minutes: 0, experience: 2, likelihood: 4, image: true, title: 'Home' },
  { stage: 'information', minutes: 1, experience: 3, title: 'Tariffs' },
  { stage: 'information', minutes: 2, experience: 3, title: 'FAQ' },
  { stage: 'contact', minutes: 5, experience: 2, likelihood: 5, form: 'critical-no', image: true },
  { stage: 'contact', minutes: 185, callback: true },
];
/** Four steps, callback after 1 h (met), every form item yes, an offer, likelihood 8 at the end. */
const STRONG: Plan[] = [
  { stage: 'information', minutes: 0, experience: 4, likelihood: 6, image: true, title: 'Home' },
  { stage: 'contact', minutes: 3, experience: 4, likelihood: 8, form: 'all-yes', image: true },
  { stage: 'contact', minutes: 63, callback: true },
  { stage: 'offer', minutes: 70, experience: 5 },
];

/**
 * Brightline walked in Wave 1 (`first`) and, 30 days later, in Wave 2 (`second`); Fastwave in
 * Wave 1 only. Wave 2 is compared (the latest with walks).
 */
async function twoWalks(
  first: Plan[],
  second: Plan[],
  outcomes: [Outcome, Outcome] = ['goal-reached', 'goal-reached'],
) {
  const { store, clock, journey, model } = await setup();
  const before = await journey('Brightline');
  const rival = await journey('Fastwave', 'competitor');
  await walk(store, before, first, outcomes[0]);
  await walk(store, rival, STRONG, 'goal-reached');
  clock.advance(30 * DAY);
  const after = await journey('brightline ', 'own', 2);
  await walk(store, after, second, outcomes[1]);
  return { before, after, rival, model: await model() };
}

describe('waves compared: pairing', () => {
  it('pairs a brand of the compared wave with itself in the earlier wave', async () => {
    const { before, after, model } = await twoWalks(WEAK, STRONG);
    expect(model.wave?.name).toBe('Wave 2');
    const pairs = reaudits(model);
    // Fastwave was not walked in Wave 2: it is not compared, so it has no pair.
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect(pair!.brandId).toBe(after.brandId);
    expect(pair!.before.walks.map((w) => w.journey.id)).toEqual([before.id]);
    expect(pair!.after.walks.map((w) => w.journey.id)).toEqual([after.id]);
    expect([pair!.beforeWave.name, pair!.afterWave.name]).toEqual(['Wave 1', 'Wave 2']);
  });

  it('has no pair for a brand walked in one wave only, nor for a second walk in the same wave', async () => {
    const { journey, model } = await setup();
    await journey('Brightline');
    await journey('Brightline');
    await journey('Fastwave', 'competitor');
    expect(reaudits(await model())).toEqual([]);
  });

  it('goes back to the latest earlier wave the brand was walked in', async () => {
    const { journey, model } = await setup();
    // Brightline in waves 1, 2 and 3; Fastwave in waves 1 and 3 only.
    const own1 = await journey('Brightline', 'own', 1);
    const rival1 = await journey('Fastwave', 'competitor', 1);
    const own2 = await journey('Brightline', 'own', 2);
    const own3 = await journey('Brightline', 'own', 3);
    const rival3 = await journey('Fastwave', 'competitor', 3);
    const pairs = reaudits(await model());
    expect(
      pairs.map((p) => [
        p.before.walks[0]!.journey.id,
        p.after.walks[0]!.journey.id,
        p.beforeWave.name,
      ]),
    ).toEqual([
      [own2.id, own3.id, 'Wave 2'],
      [rival1.id, rival3.id, 'Wave 1'],
    ]);
    // An earlier wave chosen: Wave 2 against Wave 1.
    const wave2 = (await model()).allWaves.find((w) => w.name === 'Wave 2')!;
    expect(
      reaudits(await model({ waveId: wave2.id })).map((p) => p.before.walks[0]!.journey.id),
    ).toEqual([own1.id]);
  });
});

describe('waves compared: figures', () => {
  it('says which way each figure moved: fewer touches, less time, higher scores are better', async () => {
    const { model } = await twoWalks(WEAK, STRONG);
    const { figures } = reaudits(model)[0]!;
    expect(figures.touches).toEqual({ before: 5, after: 4, change: -1, direction: 'better' });
    expect(figures.elapsed).toMatchObject({
      before: 185 * 60_000,
      after: 70 * 60_000,
      change: -115 * 60_000,
      direction: 'better',
    });
    expect(figures.experience).toMatchObject({ before: 2.5, direction: 'better', change: 1.8 });
    expect(figures.experience.after).toBeCloseTo(13 / 3);
    expect(figures.compliance.before).toBeLessThan(100);
    expect(figures.compliance).toMatchObject({ after: 100, direction: 'better' });
    expect(figures.standards).toMatchObject({
      before: { met: 0, measured: 1 },
      after: { met: 1, measured: 1 },
      change: 100,
      direction: 'better',
    });
    expect(figures.likelihood).toEqual({ before: 5, after: 8, change: 3, direction: 'better' });
    expect(figures.outcome).toEqual({
      before: 'goal-reached',
      after: 'goal-reached',
      direction: 'same',
    });
  });

  it('reads the same walks the other way round as worse', async () => {
    const { model } = await twoWalks(STRONG, WEAK);
    const { figures } = reaudits(model)[0]!;
    for (const key of [
      'touches',
      'elapsed',
      'experience',
      'compliance',
      'standards',
      'likelihood',
    ] as const)
      expect(figures[key].direction, key).toBe('worse');
    expect(figures.touches.change).toBe(1);
  });

  it('calls equal walks the same, and compares no touches or time of a walk that stopped short', async () => {
    const same = reaudits((await twoWalks(WEAK, WEAK)).model)[0]!.figures;
    expect(Object.values(same).map((f) => f.direction)).toEqual(Array(7).fill('same'));
    const stopped = reaudits(
      (await twoWalks(WEAK, STRONG, ['goal-reached', 'abandoned'])).model,
    )[0]!.figures;
    expect(stopped.touches).toMatchObject({ before: 5, after: 4, direction: 'unknown' });
    expect(stopped.elapsed.direction).toBe('unknown');
    expect(stopped.outcome).toEqual({
      before: 'goal-reached',
      after: 'abandoned',
      direction: 'worse',
    });
    expect(stopped.experience.direction).toBe('better');
  });

  it('compares at the precision the report shows, and knows nothing of a missing side', () => {
    expect(figure(3.04, 3.01, 'more', REAUDIT_PRECISION.experience)).toEqual({
      before: 3.04,
      after: 3.01,
      change: 0,
      direction: 'same',
    });
    expect(figure(3, 4.2, 'more', 0.1)).toMatchObject({ change: 1.2, direction: 'better' });
    expect(figure(3, 4.2, 'less', 0.1).direction).toBe('worse');
    expect(figure(60_400, 58_900, 'less', REAUDIT_PRECISION.elapsedMs)).toMatchObject({
      change: -1000,
      direction: 'better',
    });
    expect(figure(null, 4, 'more', 1)).toEqual({
      before: null,
      after: 4,
      change: null,
      direction: 'unknown',
    });
    expect(figure(5, 4, 'less', 1, false)).toMatchObject({ change: -1, direction: 'unknown' });
    // Standards by the share met: 1 of 2 → 2 of 3 is better although one more was measured.
    expect(standardsFigure({ met: 1, measured: 2 }, { met: 2, measured: 3 })).toMatchObject({
      change: 17,
      direction: 'better',
    });
    expect(standardsFigure({ met: 0, measured: 0 }, { met: 1, measured: 1 }).direction).toBe(
      'unknown',
    );
    expect(outcomeFigure('abandoned', 'goal-reached').direction).toBe('better');
    expect(outcomeFigure('goal-reached', 'blocked').direction).toBe('worse');
    expect(outcomeFigure('abandoned', 'blocked').direction).toBe('same');
    expect(outcomeFigure(null, 'goal-reached').direction).toBe('unknown');
  });
});

describe('waves compared: stages and steps', () => {
  it('lists the union of both walks’ stages in report order, with the figures of each', async () => {
    const { model } = await twoWalks(WEAK, STRONG);
    const { stages } = reaudits(model)[0]!;
    expect(stages.map((s) => s.stage)).toEqual(['information', 'contact', 'offer']);
    const [info, contact, offer] = stages;
    expect(info!.touches).toEqual({ before: 3, after: 1, change: -2, direction: 'better' });
    expect(info!.experience).toMatchObject({ after: 4, direction: 'better' });
    expect(info!.experience.before).toBeCloseTo(8 / 3);
    expect(contact!.touches).toMatchObject({ before: 2, after: 2, direction: 'same' });
    expect(contact!.experience).toMatchObject({ before: 2, after: 4, direction: 'better' });
    expect(contact!.compliance).toMatchObject({ after: 100, direction: 'better' });
    // A stage only one walk has is not "fewer touches".
    expect(offer!.touches).toMatchObject({ before: 0, after: 1, direction: 'unknown' });
    expect(offer!.experience).toMatchObject({ before: null, after: 5, direction: 'unknown' });
  });

  it('matches the k-th step of a stage with the k-th, the rest only before or only after', async () => {
    const { model } = await twoWalks(WEAK, STRONG);
    const steps = reaudits(model)[0]!.stages.flatMap((s) => s.steps);
    expect(
      steps.map((p) => [
        p.stage,
        p.position,
        p.before?.touchpoint.seq ?? null,
        p.after?.touchpoint.seq ?? null,
      ]),
    ).toEqual([
      ['information', 1, 1, 1],
      ['information', 2, 2, null],
      ['information', 3, 3, null],
      ['contact', 1, 4, 2],
      ['contact', 2, 5, 3],
      ['offer', 1, null, 4],
    ]);
    const [home, tariffs, , form, callback, offer] = steps;
    expect(home!.experience).toEqual({ before: 2, after: 4, change: 2, direction: 'better' });
    expect(tariffs!.experience).toMatchObject({ before: 3, after: null, direction: 'unknown' });
    expect(form!.compliance).toMatchObject({ after: 100, direction: 'better' });
    expect(callback!.standards).toMatchObject({
      before: { met: 0, measured: 1 },
      after: { met: 1, measured: 1 },
      direction: 'better',
    });
    expect(offer!.before).toBeNull();
  });
});

describe('waves compared: view', () => {
  const urls = (shot: { id: string }) => `blob:report/${shot.id}`;

  it('renders nothing without an earlier wave', async () => {
    const { journey, model } = await setup();
    await journey('Brightline');
    const html = renderToString(
      <ReauditSection model={await model()} locale="en" imageSrc={urls} />,
    );
    expect(html).toBe('');
  });

  it('shows figures, stages and steps with both screenshots; better and worse in words', async () => {
    const { model } = await twoWalks(WEAK, STRONG);
    const html = renderToString(<ReauditSection model={model} locale="en" imageSrc={urls} />);
    expect(html).toMatch(/^<section class="reaudit" aria-labelledby="reaudit-title">/);
    expect(html).toContain('<h2 id="reaudit-title">Waves compared</h2>');
    // Both waves named with their periods (never one date twice).
    const jan = periodText(waveDays(1), 'en');
    const feb = periodText(waveDays(2), 'en');
    expect(html).toContain(`<p class="reaudit-waves">Wave 1 (${jan}) → Wave 2 (${feb})</p>`);
    expect(html).toContain(
      `<h3>Brightline (own): Wave 1 (${jan}) → Wave 2 (${feb}) <span class="journey-context n-walks">walks: 1 → 1</span></h3>`,
    );
    expect(html).toContain('<caption>Key figures, before → after</caption>');
    expect(html).toContain('<th scope="col">Before</th>');
    expect(html).toContain('<th scope="row">Touches</th>');
    expect(html).toContain('<span class="trend trend-better">▲ better</span>');
    expect(html).not.toContain('trend-worse');
    expect(html).toContain('only before');
    expect(html).toContain('only after');
    expect(html).toContain('0/1');
    // Home and the form: the first screenshot of each side, as thumbnails.
    expect(html.match(/<img src="blob:report\//g)).toHaveLength(4);
    expect(html).toContain('alt="Step 1: Home"');
    expect(html).not.toMatch(/ style="/);
    expect(html).not.toContain('<script');
    const worse = renderToString(
      <ReauditSection model={(await twoWalks(STRONG, WEAK)).model} locale="en" imageSrc={urls} />,
    );
    expect(worse).toContain('<span class="trend trend-worse">▼ worse</span>');
    expect(worse).toContain('class="is-worse"');
  });

  it('draws embedded images as <use> references (the export)', async () => {
    const { model } = await twoWalks(WEAK, STRONG);
    const html = renderToString(
      <ReauditSection
        model={model}
        locale="en"
        imageSrc={(shot) => ({ use: `img-${shot.sha256}` })}
      />,
    );
    expect(html).toContain(`<use href="#img-${'a'.repeat(64)}"></use>`);
    expect(html).toContain('class="shot-img"');
    expect(html).not.toContain('<img');
  });

  it('escapes hostile brand names and titles, and speaks Russian', async () => {
    const { store, clock, journey, model } = await setup();
    const before = await journey(HOSTILE, 'own', 1, 'task one');
    await walk(
      store,
      before,
      [{ stage: 'information', minutes: 0, title: HOSTILE, image: true }],
      null,
    );
    clock.advance(DAY);
    // The same brand typed in capitals: one brand record, walked again in Wave 2.
    const after = await journey(HOSTILE.toUpperCase(), 'own', 2, '</p><script>alert(2)</script>');
    await walk(
      store,
      after,
      [{ stage: 'information', minutes: 0, title: HOSTILE, image: true }],
      null,
    );
    const m = await model();
    expect(reaudits(m)).toHaveLength(1);
    for (const locale of ['en', 'ru'] as const) {
      const html = renderToString(<ReauditSection model={m} locale={locale} imageSrc={urls} />);
      expect(html).not.toContain('<img src=x');
      expect(html).not.toContain('<IMG SRC=X');
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;img src=x onerror=alert(1)>');
      expect(html).toContain('&lt;/p>&lt;script>alert(2)&lt;/script>');
      expect(html).not.toMatch(/ style="/);
    }
    const ru = renderToString(<ReauditSection model={m} locale="ru" imageSrc={urls} />);
    expect(ru).toContain('Сравнение волн');
    expect(ru).toContain('Ключевые показатели: до → после');
    expect(ru).toContain('Задачи различаются');
  });

  it('exports its CSS without anything that loads or runs', () => {
    expect(REAUDIT_CSS).toContain('.reaudit');
    expect(REAUDIT_CSS).not.toMatch(/url\(|@import|expression/);
  });
});

describe("a wave's period", () => {
  it('names one day once, and a range with its ends', () => {
    const day = new Date(2026, 4, 5).getTime();
    expect(periodText({ start: day, end: day }, 'en')).toBe('5 May 2026');
    expect(periodText(waveDays(1), 'en')).toMatch(/^1\s?–\s?31 Jan 2026$/);
    expect(
      periodText({ start: new Date(2025, 11, 29).getTime(), end: waveDays(1).end }, 'ru'),
    ).toMatch(/^29 дек\. 2025\s?г\.\s?–\s?31 янв\. 2026\s?г\.$/);
  });
});
