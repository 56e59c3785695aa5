/** Export slides: the deck's plan (which slides, titles, rows, paging) and the file it makes. */
import { readFile, writeFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatDateTime, translator } from '../../lib/i18n';
import { buildReport } from '../../lib/report/model';
import {
  CONTENT_WIDTH,
  MAX_TABLE_ROWS,
  SLIDE,
  clipToLines,
  fitImage,
  imageCrop,
  pageTable,
  planScreenshots,
  paragraphHeight,
  planSlides,
  rowHeight,
  stepSource,
  stageCellWidth,
  stageGrid,
  textLines,
  wrappedLines,
  type BulletSlide,
  type Slide,
  type StageSlide,
  type TableSlide,
  type TextSlide,
  type TrendSlide,
} from '../../lib/report/slides';
import { renderSlides, type SlideImage } from '../../lib/report/pptx';
import { auditWithJourneys, createWalk, fakeImage, testStore } from './helpers';

const DAY = 86_400_000;

/**
 * Own brand (Brightline): three information steps with images, one contact step (a phone call, no
 * image), an open overdue action and a done one. Rival (Fastwave): one information step (wow,
 * with an idea to borrow), no contact step, one payment step.
 */
async function deck(extra?: (ids: { ownStep: string }) => Promise<void>) {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  let minutes = 0;
  const step = async (
    journeyId: string,
    title: string,
    stage: string,
    edit: object,
    image = true,
  ) => {
    const s = await store.addStep({
      journeyId,
      kind: image ? 'page' : 'offline',
      url: image ? 'https://x.test/' : null,
      title,
      at: clock.now() + minutes++ * 60_000,
      stage,
      ...(image ? { images: [fakeImage(title)] } : { channel: 'phone' as const }),
    });
    return store.updateStep(s.id, edit);
  };
  const home = await step(own.id, 'Brightline — Home', 'information', {
    experience: 4,
    importance: 5,
  });
  await step(own.id, 'Brightline — Plans', 'information', { experience: 2, weakLink: true });
  await step(own.id, 'Brightline — Home 500', 'information', { experience: 3 });
  await step(own.id, 'Callback from sales', 'contact', { experience: 2 }, false);
  const rivalHome = await step(rival.id, 'Fastwave — Home', 'information', {
    experience: 5,
    wow: true,
  });
  await step(rival.id, 'Fastwave — Checkout', 'payment', { experience: 4 });
  await store.addAction({
    touchpointId: home.id,
    kind: 'action',
    what: 'Show prices before the address check',
    owner: 'Web team',
    due: clock.now() - DAY,
    status: 'open',
    metric: 'form starts',
    baseline: '12 %',
    target: '20 %',
  });
  await store.addAction({
    touchpointId: home.id,
    kind: 'action',
    what: 'Rename the plans page',
    owner: '',
    due: null,
    status: 'done',
    metric: '',
    baseline: '',
    target: '',
  });
  await store.addAction({
    touchpointId: rivalHome.id,
    kind: 'idea',
    what: 'Price calculator on the home page',
    owner: '',
    due: null,
    status: 'open',
    metric: '',
    baseline: '',
    target: '',
  });
  await extra?.({ ownStep: home.id });
  const snapshot = await store.readAudit(audit.id);
  return { store, model: buildReport(snapshot, {}, clock.now()) };
}

const titles = (slides: Slide[]) => slides.map((s) => s.title);

describe('the slide plan', () => {
  it('has the title, summary, scorecard, league, key figures, a slide per stage, plan and ideas', async () => {
    const { model } = await deck();
    const plan = planSlides(model, 'en');
    expect(plan.fileName).toBe('broadband-q1-2026-01-05-slides.pptx');
    expect(plan.footer).toBe('Broadband Q1 · 5 Jan 2026');
    expect(plan.slides.map((s) => s.kind)).toEqual([
      'title',
      'bullets',
      'table',
      'table',
      'charts',
      'stage',
      'stage',
      'stage',
      'stage',
      'table',
      'table',
    ]);
    expect(titles(plan.slides)).toEqual([
      'Broadband Q1',
      'Executive summary',
      'Scorecard by stage',
      'League table',
      'Key figures',
      // Three information steps of ours: two rows a slide, so the stage takes two slides.
      'Side by side: Information gathering (1/2)',
      'Side by side: Information gathering (2/2)',
      'Side by side: Contact / communication',
      'Side by side: Payment',
      'Action plan',
      'Ideas to borrow',
    ]);
    const cover = plan.slides[0]!;
    expect(cover).toMatchObject({
      kind: 'title',
      kicker: 'Journey report',
      lines: [
        'Client: Brightline',
        // The one period wording (lib/report/words periodText; Intl may put thin spaces round –).
        expect.stringMatching(/^Wave compared: Wave 1 \(1\s?–\s?31 Jan 2026\)$/),
        'Report of 5 Jan 2026',
        'Compared: Brightline (own) · n = 1, Fastwave (competitor) · n = 1',
      ],
    });
  });

  it('words the findings like the report, and the tables row by row', async () => {
    const { model } = await deck();
    const [, summary, scorecard, league, figures, , , , , actions, ideas] = planSlides(
      model,
      'en',
    ).slides;
    expect(summary).toMatchObject({ kind: 'bullets' });
    expect((summary as { bullets: string[] }).bullets).toEqual([
      'Brightline (own) leads in 1 of 3 stages: Contact / communication.',
      'Fastwave (competitor) leads in 2 of 3 stages: Information gathering, Payment.',
      // (5 × 4 + 2 + 3) / 7 = 3.57 weighted, against 5.
      'Our gap at Information gathering: 1.4 points of importance-weighted experience behind Fastwave (competitor).',
    ]);
    const cells = (s: Slide | undefined) =>
      (s as TableSlide).rows.map((row) => row.map((c) => c.text));
    expect((scorecard as TableSlide).header.map((c) => c.text)).toEqual([
      'Stage',
      'Brightline (own) · n = 1',
      'Fastwave (competitor) · n = 1',
      'Winner',
      'Our gap to the best competitor',
    ]);
    expect(cells(scorecard)).toEqual([
      ['Potential customer', '', '', '', ''],
      ['Information gathering', '3.6', '5.0', 'Fastwave (competitor)', '1.4 behind'],
      ['Contact / communication', '2.0', 'missing', 'Brightline (own)', '—'],
      ['Payment', 'missing', '4.0', 'Fastwave (competitor)', '—'],
      // Every step of the status: ours (5 × 4 + 2 + 3 + 2) / 8 = 3.375, theirs (5 + 4) / 2 = 4.5.
      ['Subtotal: Potential customer', '3.4', '4.5', 'Fastwave (competitor)', '1.1 behind'],
    ]);
    expect((scorecard as TableSlide).rows[1]![2]).toMatchObject({ tone: 'best' });
    expect((scorecard as TableSlide).rows[2]![2]).toMatchObject({ tone: 'missing' });
    expect(cells(league).map((row) => row.slice(0, 2))).toEqual([
      ['1', 'Fastwave (competitor) · n = 1'],
      ['2', 'Brightline (own) · n = 1'],
    ]);
    expect(figures).toMatchObject({
      kind: 'charts',
      charts: [
        {
          max: 5,
          labels: ['Brightline · n = 1', 'Fastwave · n = 1'],
          values: [2.75, 4.5],
          noData: null,
          slots: 2,
        },
        // No checklist was answered: no bars, and said so.
        { max: 100, labels: [], values: [], noData: 'no data: Brightline, Fastwave' },
      ],
    });
    // Only the own brand's actions, open first; overdue said under the date.
    expect(cells(actions)).toEqual([
      [
        'Show prices before the address check',
        'Step 1 — Brightline — Home',
        'Web team',
        '4 Jan 2026',
        'Open',
        'form starts: 12 % → 20 %',
      ],
      ['Rename the plans page', 'Step 1 — Brightline — Home', '—', '—', 'Done', '—'],
    ]);
    expect((actions as TableSlide).rows[0]![3]).toMatchObject({ sub: 'overdue', tone: 'overdue' });
    expect(cells(ideas)).toEqual([
      ['Fastwave', 'Step 1 — Fastwave — Home', 'Price calculator on the home page'],
    ]);
  });

  it('puts each journey’s steps of a stage side by side, "missing" where a brand has none', async () => {
    const { model } = await deck();
    const stages = planSlides(model, 'en').slides.filter(
      (s): s is StageSlide => s.kind === 'stage',
    );
    const [info1, info2, contact, purchase] = stages;
    // Two journeys: two places each in the row of four; our third step goes on the next slide.
    expect(info1!.perJourney).toBe(2);
    expect(info1!.aspect).toBe(800 / 1280);
    expect(info1!.columns.map((c) => c.heading)).toEqual([
      'Brightline (own) · n = 1',
      'Fastwave (competitor) · n = 1',
    ]);
    expect(info1!.columns[0]!.cells).toMatchObject([
      { kind: 'step', caption: 'Step 1 · Brightline — Home', detail: 'experience 4' },
      { kind: 'step', caption: 'Step 2 · Brightline — Plans', detail: 'experience 2 · Weak link' },
    ]);
    expect(info1!.columns[1]!.cells).toMatchObject([
      { kind: 'step', caption: 'Step 1 · Fastwave — Home', detail: 'experience 5 · Wow' },
    ]);
    expect(info2!.columns[0]!.cells).toMatchObject([
      { kind: 'step', caption: 'Step 3 · Brightline — Home 500' },
    ]);
    expect(info2!.columns[1]!.cells).toEqual([]);
    // The phone call has no image; the rival has no contact step.
    expect(contact!.perJourney).toBe(1);
    expect(contact!.columns[0]!.cells).toMatchObject([{ kind: 'step', shot: null }]);
    expect(contact!.columns[1]!.cells).toEqual([{ kind: 'missing', text: 'missing' }]);
    expect(purchase!.columns[0]!.cells).toEqual([{ kind: 'missing', text: 'missing' }]);
    // Every step's first screenshot, each once.
    const shots = planScreenshots(planSlides(model, 'en'));
    expect(shots).toHaveLength(5);
    expect(shots[0]).toMatchObject({ width: 1280, height: 800 });
  });

  it('is worded in Russian for a Russian report', async () => {
    const { model } = await deck();
    const plan = planSlides(model, 'ru');
    expect(titles(plan.slides)).toEqual([
      'Broadband Q1',
      'Краткие выводы',
      'Оценка по этапам',
      'Рейтинг',
      'Ключевые показатели',
      'Бренды рядом: Сбор информации (1/2)',
      'Бренды рядом: Сбор информации (2/2)',
      'Бренды рядом: Контакт / коммуникация',
      'Бренды рядом: Оплата',
      'План мер',
      'Идеи для заимствования',
    ]);
    expect(plan.slides[0]).toMatchObject({ lines: expect.arrayContaining(['Клиент: Brightline']) });
    expect(plan.fileName).toBe('broadband-q1-2026-01-05-slides.pptx');
  });

  it('continues a long action plan on the next slides, every row once, none overflowing', async () => {
    const long = 'Call back every web lead within two hours, including weekends and holidays, ';
    const { model } = await deck(async () => {});
    const many = {
      ...model,
      actions: Array.from({ length: 30 }, (_, i) => ({
        ...model.actions[0]!,
        action: {
          ...model.actions[0]!.action,
          id: `a${i}`,
          what: i % 3 ? `Action ${i}` : `Action ${i}: ${long.repeat(6)}`,
        },
      })),
    };
    const slides = planSlides(many, 'en').slides.filter((s) =>
      s.title.startsWith('Action plan'),
    ) as TableSlide[];
    expect(slides.length).toBeGreaterThan(3);
    expect(slides.map((s) => s.title)).toEqual(
      slides.map((_, i) => `Action plan (${i + 1}/${slides.length})`),
    );
    const rows = slides.flatMap((s) => s.rows);
    expect(rows.map((r) => r[0]!.text.split(':')[0])).toEqual(
      Array.from({ length: 30 }, (_, i) => `Action ${i}`),
    );
    for (const s of slides) {
      expect(s.rows.length).toBeLessThanOrEqual(MAX_TABLE_ROWS);
      const height = [s.header, ...s.rows].reduce((sum, r) => sum + rowHeight(r, s.widths), 0);
      expect(SLIDE.top + height).toBeLessThanOrEqual(SLIDE.bottom);
    }
    // A very long text is cut, with an ellipsis, to five lines of its column.
    const cut = rows[0]![0]!.text;
    expect(cut.endsWith('…')).toBe(true);
    expect(textLines(cut, slides[0]!.widths[0]! - 0.14, 11)).toBeLessThanOrEqual(5);
    expect(slides[0]!.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(CONTENT_WIDTH, 2);
  });

  it('says so when the own brand has no actions, and leaves out ideas when there are none', async () => {
    const { model } = await deck();
    const plan = planSlides({ ...model, actions: [], borrow: [] }, 'en');
    expect(plan.slides.at(-1)).toEqual({
      kind: 'bullets',
      title: 'Action plan',
      note: null,
      bullets: ['No actions for our brand yet.'],
    });
  });
});

describe('slide geometry', () => {
  it('wraps at word boundaries and breaks words longer than a line', () => {
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('one two three', 7)).toBe(2);
    expect(wrappedLines('one two three', 13)).toBe(1);
    expect(wrappedLines('a\nb', 10)).toBe(2);
    expect(wrappedLines('x'.repeat(25), 10)).toBe(3);
    expect(clipToLines('short', 3, 11, 1)).toBe('short');
    const clipped = clipToLines('word '.repeat(100), 3, 11, 2);
    expect(clipped.endsWith('…')).toBe(true);
    expect(textLines(clipped, 3, 11)).toBeLessThanOrEqual(2);
  });

  it('pages a table so that each slide holds what fits, at least one row', () => {
    const widths = [CONTENT_WIDTH];
    const rows = Array.from({ length: 20 }, (_, i) => [{ text: `row ${i}` }]);
    const pages = pageTable([{ text: 'head' }], rows, widths, SLIDE.top);
    expect(pages.map((p) => p.length)).toEqual([9, 9, 2]);
    expect(pageTable([{ text: 'head' }], [], widths, SLIDE.top)).toEqual([[]]);
  });

  it('lays a stage slide out inside the slide, images fitted and very tall pages cut to their top', () => {
    for (const [columns, perJourney, aspect] of [
      [1, 1, 0.625],
      [2, 2, 0.625],
      [4, 1, 1.25],
      [1, 4, 1.25],
      [3, 1, 0.5],
    ] as const) {
      const grid = stageGrid(columns, perJourney, aspect);
      expect(grid.images.flat()).toHaveLength(columns * perJourney);
      for (const box of [...grid.headings, ...grid.images.flat(), ...grid.captions.flat()]) {
        expect(box.x).toBeGreaterThanOrEqual(SLIDE.margin - 1e-9);
        expect(box.x + box.w).toBeLessThanOrEqual(SLIDE.width - SLIDE.margin + 1e-9);
        expect(box.y + box.h).toBeLessThanOrEqual(SLIDE.bottom + 1e-9);
        expect(box.h).toBeGreaterThan(0);
      }
    }
    const box = { x: 1, y: 1, w: 4, h: 2 };
    expect(fitImage(box, 1280, 800)).toEqual({ x: 1.4, y: 1, w: 3.2, h: 2 });
    expect(fitImage(box, 800, 200)).toEqual({ x: 1, y: 1, w: 4, h: 1 });
    // A row of 16:10 images is only as tall as they are.
    const row = stageGrid(2, 2, 0.625);
    expect(row.images[0]![0]!.h).toBeCloseTo(row.images[0]![0]!.w * 0.625);
    expect(row.images[1]![1]!.x + row.images[1]![1]!.w).toBeCloseTo(SLIDE.width - SLIDE.margin);
    expect(imageCrop(1280, 800)).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
    expect(imageCrop(1280, 9000)).toEqual({ x: 0, y: 0, width: 1280, height: 1600 });
  });
});

/**
 * A large audit with long words everywhere: six brands (long names), a stage with five steps,
 * 25 actions with long texts, in Russian.
 */
async function bigDeck() {
  const { store, clock } = testStore();
  const audit = await store.createAudit({
    name: `Большой аудит ${'очень длинное название '.repeat(8)}`.trim(),
    client: 'Клиент '.repeat(30).trim(),
    defaultTask: '',
  });
  const ids: string[] = [];
  for (let b = 0; b < 6; b++) {
    const j = await createWalk(store, {
      auditId: audit.id,
      brandName: `Бренд ${b} ${'Международная телекоммуникационная компания '.repeat(3)}`.trim(),
      brandRole: b === 0 ? 'own' : 'competitor',
    });
    ids.push(j.id);
    for (let n = 0; n < (b === 0 ? 5 : 2); n++) {
      const step = await store.addStep({
        journeyId: j.id,
        kind: 'page',
        url: 'https://x.test/',
        title: `Страница ${n} ${'с очень длинным заголовком '.repeat(6)}`,
        at: clock.now() + n * 60_000,
        stage: n < 3 ? 'information' : 'contact',
        images: [{ ...fakeImage(`s${b}${n}`), width: 390, height: 5000 }],
      });
      await store.updateStep(step.id, { experience: ((b + n) % 5) + 1, wow: b > 0 && n === 0 });
      if (b === 0 && n === 0)
        for (let a = 0; a < 25; a++)
          await store.addAction({
            touchpointId: step.id,
            kind: 'action',
            what: `Мера ${a}: ${'перезванивать каждому клиенту в течение двух часов '.repeat(a % 4)}`,
            owner: 'Отдел продаж и обслуживания клиентов',
            due: clock.now() + a * DAY,
            status: a % 3 ? 'open' : 'in-progress',
            metric: 'доля перезвонов за 2 часа',
            baseline: '40 %',
            target: '95 %',
          });
      if (b > 0 && n === 0)
        await store.addAction({
          touchpointId: step.id,
          kind: 'idea',
          what: `Калькулятор цены ${'на главной странице '.repeat(b)}`,
          owner: '',
          due: null,
          status: 'open',
          metric: '',
          baseline: '',
          target: '',
        });
    }
  }
  return buildReport(await store.readAudit(audit.id), {}, clock.now());
}

describe('a large audit', () => {
  it('keeps every slide’s content inside the slide, continuing on next slides', async () => {
    const plan = planSlides(await bigDeck(), 'ru');
    for (const slide of plan.slides) {
      if (slide.kind !== 'title')
        expect(textLines(slide.title, CONTENT_WIDTH, 24), slide.title).toBe(1);
      if (slide.kind === 'table') {
        const top = slide.note ? SLIDE.topWithNote : SLIDE.top;
        const height = [slide.header, ...slide.rows].reduce(
          (sum, r) => sum + rowHeight(r, slide.widths),
          0,
        );
        expect(top + height, slide.title).toBeLessThanOrEqual(SLIDE.bottom);
      }
      if (slide.kind === 'stage') {
        expect(slide.columns.flatMap((c) => c.cells).length).toBeLessThanOrEqual(4);
        const width = stageCellWidth(slide.columns.length, 1) - 0.17;
        for (const column of slide.columns) expect(textLines(column.heading, width, 11)).toBe(1);
      }
    }
    const counts = (prefix: string) => plan.slides.filter((s) => s.title.startsWith(prefix)).length;
    // 25 actions over several slides; six brands: scorecards of three, stage slides of four.
    expect(counts('План мер')).toBeGreaterThan(2);
    expect(counts('Оценка по этапам')).toBe(2);
    expect(counts('Бренды рядом: Сбор информации')).toBe(4);
    // Very tall pages are shown by their top.
    const stage = plan.slides.find((s) => s.kind === 'stage') as StageSlide;
    expect(stage.aspect).toBeCloseTo(1.25, 2);
    if (process.env.SLIDES_OUT_BIG) {
      const png = await readFile(new URL('../../public/icon/128.png', import.meta.url));
      const image = {
        data: `data:image/png;base64,${png.toString('base64')}`,
        width: 128,
        height: 160,
      };
      const images = new Map(planScreenshots(plan).map((s) => [s.id, image]));
      await writeFile(process.env.SLIDES_OUT_BIG, new Uint8Array(await renderSlides(plan, images)));
    }
  });
});

describe('the slides file', () => {
  it('is a PowerPoint file with one slide per planned slide, a chart and the images', async () => {
    const { model } = await deck();
    const plan = planSlides(model, 'en');
    const png = await readFile(new URL('../../public/icon/128.png', import.meta.url));
    const image: SlideImage = {
      data: `data:image/png;base64,${png.toString('base64')}`,
      width: 128,
      height: 128,
    };
    const images = new Map(planScreenshots(plan).map((s) => [s.id, image]));
    const bytes = new Uint8Array(await renderSlides(plan, images));
    if (process.env.SLIDES_OUT) await writeFile(process.env.SLIDES_OUT, bytes);
    const files = unzipSync(bytes);
    const slides = Object.keys(files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
    expect(slides).toHaveLength(plan.slides.length);
    // One chart: no journey has a checklist compliance to draw.
    expect(Object.keys(files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(
      1,
    );
    expect(Object.keys(files).filter((f) => /^ppt\/media\/.+\.png$/.test(f))).toHaveLength(5);
    expect(strFromU8(files['ppt/slides/slide1.xml']!)).toContain('Broadband Q1');
    expect(strFromU8(files['ppt/slides/slide10.xml']!)).toContain(
      'Show prices before the address check',
    );
    expect(strFromU8(files['ppt/presentation.xml']!)).toContain('cx="9144000" cy="5143500"');
  });
});

/** Waves of January, February and March 2026 (UTC midnights of the first and last day). */
const WAVES = [
  { name: 'Wave 1', start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 31) },
  { name: 'Wave 2', start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 1, 28) },
  { name: 'Wave 3', start: Date.UTC(2026, 2, 1), end: Date.UTC(2026, 2, 31) },
];

/**
 * A programme: Brightline (own) walked in every wave given, Fastwave (competitor) in the first
 * and the last, one scored page step each (experience by wave). In the last wave Brightline is
 * walked twice (personas family and students, both entering by search) and Fastwave once
 * (family, entering by phone).
 */
async function programme(waves = WAVES) {
  const { store, clock } = testStore();
  const audit = await store.createAudit({ name: 'Broadband', client: '', defaultTask: '' });
  const made = [];
  for (const w of waves) made.push(await store.createWave({ auditId: audit.id, ...w }));
  let brightline: { id: string } | { name: string; domain: string; role: 'own' } = {
    name: 'Brightline',
    domain: 'brightline.test',
    role: 'own',
  };
  let fastwave: { id: string } | { name: string; domain: string; role: 'competitor' } = {
    name: 'Fastwave',
    domain: 'fastwave.test',
    role: 'competitor',
  };
  let at = clock.now();
  const walk = async (
    brand: typeof brightline | typeof fastwave,
    wave: { id: string },
    persona: string,
    entryChannel: 'search' | 'phone',
    experience: number,
  ) => {
    const journey = await store.createJourney({
      auditId: audit.id,
      brand,
      wave: { id: wave.id },
      task: 'request a callback',
      persona,
      entryChannel,
      auditor: '',
    });
    const step = await store.addStep({
      journeyId: journey.id,
      kind: 'page',
      url: `https://${persona}.test/`,
      title: `${persona} home`,
      at: (at += 60_000),
      stage: 'information',
      images: [fakeImage(`${journey.id}`)],
    });
    await store.updateStep(step.id, { experience, likelihood: experience * 2 });
    return journey;
  };
  for (const [i, wave] of made.entries()) {
    const last = i === made.length - 1;
    const own = await walk(brightline, wave, 'family', 'search', 2 + i);
    brightline = { id: own.brandId };
    if (last) await walk(brightline, wave, 'students', 'search', 4);
    if (i === 0 || last) {
      const rival = await walk(fastwave, wave, 'family', 'phone', i === 0 ? 5 : 4);
      fastwave = { id: rival.brandId };
    }
  }
  return {
    store,
    clock,
    audit,
    model: buildReport(await store.readAudit(audit.id), {}, clock.now()),
  };
}

describe('slides that follow the report', () => {
  it('leaves out the slides of sections left out of the report, and stage slides with no images', async () => {
    const { model } = await deck();
    const hidden = planSlides(
      { ...model, settings: { ...model.settings, hidden: ['scorecard', 'league', 'plan'] } },
      'en',
    );
    expect(titles(hidden.slides)).toEqual([
      'Broadband Q1',
      'Executive summary',
      'Key figures',
      'Side by side: Information gathering (1/2)',
      'Side by side: Information gathering (2/2)',
      'Side by side: Contact / communication',
      'Side by side: Payment',
    ]);
    const imageless = planSlides(
      { ...model, settings: { ...model.settings, images: 'none' } },
      'en',
    );
    expect(imageless.slides.some((s) => s.kind === 'stage')).toBe(false);
    expect(planScreenshots(imageless)).toEqual([]);
    // Thumbnails are still images: the stage slides stay.
    const thumbs = planSlides(
      { ...model, settings: { ...model.settings, images: 'thumbnails' } },
      'en',
    );
    expect(thumbs.slides.filter((s) => s.kind === 'stage')).toHaveLength(4);
  });

  it('has a slide of the consultant’s conclusions and recommendations after the summary, none when both are empty', async () => {
    const { model } = await deck();
    expect(planSlides(model, 'en').slides.some((s) => s.kind === 'text')).toBe(false);
    const said = planSlides(
      {
        ...model,
        settings: {
          ...model.settings,
          conclusions: 'Sales calls back too late.\n\nThe plans page confuses.',
          recommendations: '   ',
        },
      },
      'ru',
    );
    expect(said.slides[2]).toEqual({
      kind: 'text',
      title: 'Выводы и рекомендации',
      paragraphs: [
        { text: 'Выводы', heading: true },
        { text: 'Sales calls back too late.', heading: false },
        { text: 'The plans page confuses.', heading: false },
      ],
    });
    // Hidden with the summary, as in the report.
    const hidden = planSlides(
      {
        ...model,
        settings: { ...model.settings, conclusions: 'x', hidden: ['summary'] },
      },
      'en',
    );
    expect(
      hidden.slides.some(
        (s) => s.kind === 'text' || (s.kind === 'bullets' && s.title.startsWith('Executive')),
      ),
    ).toBe(false);
  });

  it('continues long conclusions on the next slides, every word kept, a heading never last', async () => {
    const { model } = await deck();
    const words = Array.from({ length: 900 }, (_, i) => `word${i}`);
    const plan = planSlides(
      {
        ...model,
        settings: {
          ...model.settings,
          conclusions: words.slice(0, 600).join(' '),
          recommendations: words.slice(600).join(' '),
        },
      },
      'en',
    );
    const text = plan.slides.filter((s): s is TextSlide => s.kind === 'text');
    expect(text.length).toBeGreaterThan(2);
    expect(text.map((s) => s.title)).toEqual(
      text.map((_, i) => `Conclusions and recommendations (${i + 1}/${text.length})`),
    );
    const body = text.flatMap((s) => s.paragraphs.filter((p) => !p.heading).map((p) => p.text));
    expect(body.join(' ').split(' ')).toEqual(words);
    for (const s of text) {
      expect(s.paragraphs.at(-1)!.heading).toBe(false);
      const height = s.paragraphs.reduce((sum, p) => sum + paragraphHeight(p.text, p.heading), 0);
      expect(SLIDE.top + height).toBeLessThanOrEqual(SLIDE.bottom + 1e-9);
    }
  });

  it('has a waves slide per brand and, with three waves, a trend chart of each figure', async () => {
    const { model } = await programme();
    expect(model.history).toHaveLength(3);
    const plan = planSlides(model, 'en');
    const pages = plan.slides.filter(
      (s): s is TableSlide => s.kind === 'table' && s.title.startsWith('Waves over time'),
    );
    const waves = { header: pages[0]!.header, rows: pages.flatMap((p) => p.rows) };
    expect(waves.header.map((c) => c.text)).toEqual([
      'Brand',
      'Wave',
      'n',
      'Average experience (1–5)',
      'Checklist compliance',
      'Standards met',
      'Likely to choose, at the end',
    ]);
    expect(waves.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Brightline (own)', 'Wave 1', '1', '2.0', '—', '—', '4.0'],
      ['Brightline (own)', 'Wave 2', '1', '3.0', '—', '—', '6.0'],
      // Two walks, experience 4 and 4; likelihood 8 and 8.
      ['Brightline (own)', 'Wave 3', '2', '4.0', '—', '—', '8.0'],
      ['Fastwave (competitor)', 'Wave 1', '1', '5.0', '—', '—', '10.0'],
      ['Fastwave (competitor)', 'Wave 2', '0', 'not walked', '', '', ''],
      ['Fastwave (competitor)', 'Wave 3', '1', '4.0', '—', '—', '8.0'],
    ]);
    expect(waves.rows[0]![1]).toMatchObject({
      sub: expect.stringMatching(/^1\s?–\s?31 Jan 2026$/),
    });
    const trend = plan.slides.find((s): s is TrendSlide => s.kind === 'trend')!;
    expect(trend.title).toBe('Trend over the waves');
    expect(trend.charts.map((c) => c.title)).toEqual([
      'Average experience (1–5)',
      'Checklist compliance, %',
      'Standards met, %',
      'Likelihood to choose (0–10)',
    ]);
    expect(trend.charts[0]).toEqual({
      title: 'Average experience (1–5)',
      min: 1,
      max: 5,
      categories: ['Wave 1', 'Wave 2', 'Wave 3'],
      series: [
        { name: 'Brightline', own: true, values: [2, 3, 4] },
        { name: 'Fastwave', own: false, values: [5, null, 4] },
      ],
      noData: null,
    });
    // No checklist was answered in any wave: said so, not an empty chart.
    expect(trend.charts[1]).toMatchObject({ noData: 'no data' });
    // With two waves, the table only; with one, nothing.
    const two = planSlides((await programme(WAVES.slice(0, 2))).model, 'en');
    expect(two.slides.some((s) => s.title.startsWith('Waves over time'))).toBe(true);
    expect(two.slides.some((s) => s.kind === 'trend')).toBe(false);
    const one = planSlides((await programme(WAVES.slice(0, 1))).model, 'en');
    expect(one.slides.some((s) => s.title.startsWith('Waves over time'))).toBe(false);
    // Left out with the report's trend section.
    const hidden = planSlides(
      { ...model, settings: { ...model.settings, hidden: ['trend'] } },
      'en',
    );
    expect(
      hidden.slides.some((s) => s.title.startsWith('Waves over time') || s.kind === 'trend'),
    ).toBe(false);
  });

  it('draws the trend slide as line charts, a figure with no data as a placeholder', async () => {
    const { model } = await programme();
    const plan = planSlides(model, 'en');
    const bytes = new Uint8Array(await renderSlides(plan, new Map()));
    // SLIDES_OUT_TREND=<file.pptx> keeps the deck to look at.
    if (process.env.SLIDES_OUT_TREND) await writeFile(process.env.SLIDES_OUT_TREND, bytes);
    const files = unzipSync(bytes);
    const charts = Object.keys(files)
      .filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f))
      .map((f) => strFromU8(files[f]!));
    // Experience and likelihood; compliance and standards have no data in any wave.
    const lines = charts.filter((xml) => xml.includes('<c:lineChart>'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('<c:dispBlanksAs val="gap"/>');
    expect(lines[0]).toContain('Fastwave');
  });

  it('has segment slides: persona × brand and entry channel × brand, the gaps named', async () => {
    const { model } = await programme();
    const plan = planSlides(model, 'en');
    const persona = plan.slides.find((s) => s.title === 'Segments: persona × brand') as TableSlide;
    expect(persona.header.map((c) => c.text)).toEqual([
      'Persona / segment',
      'Brightline (own)',
      'Fastwave (competitor)',
    ]);
    expect(persona.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['family', '4.0', '4.0'],
      ['students', '4.0', 'not walked'],
    ]);
    expect(persona.rows[0]![1]!.sub).toBe(
      'n = 1 · Checklist compliance — · touches 1 · goal reached 0 of 1',
    );
    const channel = plan.slides.find(
      (s) => s.title === 'Segments: entry channel × brand',
    ) as TableSlide;
    expect(channel.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Search engine', '4.0', 'not walked'],
      ['Phone call', 'not walked', '4.0'],
    ]);
    expect(channel.rows[0]![1]!.sub).toMatch(/^n = 2 · /);
    const gaps = plan.slides.find((s) => s.title === 'Segments not walked') as BulletSlide;
    expect(gaps.bullets).toEqual([
      'No walk of persona “students” at Fastwave (competitor).',
      'Entry by “Search engine” not walked at Fastwave (competitor).',
      'Entry by “Phone call” not walked for our brand.',
    ]);
    // In Russian too.
    const ru = planSlides(model, 'ru').slides.find(
      (s) => s.title === 'Непройденные сегменты',
    ) as BulletSlide;
    expect(ru.bullets[0]).toBe('Нет прохода персоны «students» у бренда Fastwave (конкурент).');
    // Left out with the report's segments section.
    const hidden = planSlides(
      { ...model, settings: { ...model.settings, hidden: ['segments'] } },
      'en',
    );
    expect(hidden.slides.some((s) => s.title.startsWith('Segments'))).toBe(false);
    expect(hidden.slides.some((s) => s.kind === 'trend')).toBe(true);
  });

  it('shows a brand walked twice as one column with n = 2, each step named by its walk', async () => {
    const { model } = await programme();
    const stage = planSlides(model, 'en').slides.find((s): s is StageSlide => s.kind === 'stage')!;
    expect(stage.columns.map((c) => c.heading)).toEqual([
      'Brightline (own) · n = 2',
      'Fastwave (competitor) · n = 1',
    ]);
    expect(stage.columns[0]!.cells).toMatchObject([
      // The column names the brand; the walks of this report differ by wave and persona.
      { caption: 'Step 1 · family home', walk: 'Wave 3 · family' },
      { caption: 'Step 1 · students home', walk: 'Wave 3 · students' },
    ]);
    expect(stage.columns[1]!.cells).toMatchObject([{ caption: 'Step 1 · family home', walk: '' }]);
  });

  it('puts the URL and capture time under each screenshot, "offline contact" and its time under a contact', async () => {
    const { model } = await deck();
    const stages = planSlides(model, 'en').slides.filter(
      (s): s is StageSlide => s.kind === 'stage',
    );
    const home = model.journeys[0]!.steps[0]!;
    const call = model.journeys[0]!.steps[3]!;
    expect(home.screenshots[0]!.capturedAt).toBeGreaterThan(0);
    expect(stages[0]!.columns[0]!.cells[0]).toMatchObject({
      where: 'https://x.test/',
      when: formatDateTime(home.screenshots[0]!.capturedAt, 'en'),
    });
    expect(stages[2]!.columns[0]!.cells[0]).toMatchObject({
      shot: null,
      where: 'offline contact',
      when: formatDateTime(call.touchpoint.at, 'en'),
    });
    const ru = planSlides(model, 'ru').slides.filter((s): s is StageSlide => s.kind === 'stage');
    expect(ru[2]!.columns[0]!.cells[0]).toMatchObject({
      where: 'офлайн-контакт',
      when: formatDateTime(call.touchpoint.at, 'ru'),
    });
    // Drawn under the image, after the detail line.
    const files = unzipSync(new Uint8Array(await renderSlides(planSlides(model, 'en'), new Map())));
    const slide = strFromU8(files['ppt/slides/slide6.xml']!);
    expect(slide).toContain('https://x.test/');
    expect(slide).toContain(formatDateTime(home.screenshots[0]!.capturedAt, 'en'));
  });

  it('cuts a long URL to one line of its place', async () => {
    const { model } = await deck();
    const step = model.journeys[0]!.steps[0]!;
    const long = {
      ...step,
      screenshots: [
        { ...step.screenshots[0]!, url: `https://x.test/${'very-long-path/'.repeat(20)}` },
      ],
    };
    const { where } = stepSource(long, 2, 'en', translator('en'));
    expect(where).toMatch(/^https:\/\/x\.test\/very-long/);
    expect(where.endsWith('…')).toBe(true);
    expect(textLines(where, 2, 9)).toBe(1);
  });
});
