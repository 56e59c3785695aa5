/** Export slides: the deck's plan (which slides, titles, rows, paging) and the file it makes. */
import { readFile, writeFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
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
  planSlides,
  rowHeight,
  stageCellWidth,
  stageGrid,
  textLines,
  wrappedLines,
  type Slide,
  type StageSlide,
  type TableSlide,
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
        'Wave compared: Wave 1 (1 Jan 2026 – 31 Jan 2026)',
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
      ['Information gathering', '3.6', '5.0', 'Fastwave (competitor)', '1.4 behind'],
      ['Contact / communication', '2.0', 'missing', 'Brightline (own)', '—'],
      ['Payment', 'missing', '4.0', 'Fastwave (competitor)', '—'],
    ]);
    expect((scorecard as TableSlide).rows[0]![2]).toMatchObject({ tone: 'best' });
    expect((scorecard as TableSlide).rows[1]![2]).toMatchObject({ tone: 'missing' });
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
