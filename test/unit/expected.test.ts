/**
 * Expected against found (blind spots), the client's funnel (conversion and the CSV file) and what
 * each stage gives: every figure computed by hand.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n';
import type { Expectation } from '../../lib/model';
import { blindSpots, largestBlindSpot, quadrantOf, targetName } from '../../lib/report/blind-spots';
import {
  conversionText,
  funnelRows,
  matchStage,
  parseCount,
  parseFunnelCsv,
  replaceFunnel,
  reportFunnel,
  splitCsvLine,
} from '../../lib/report/funnel';
import { findings } from '../../lib/report/summary';
import { planSlides, type TableSlide } from '../../lib/report/slides';
import { findingWords } from '../../lib/report/words';
import { EMPTY_METHOD, type AuditMethod } from '../../lib/model';
import {
  DEFAULT_GIVES,
  defaultGives,
  givesLabel,
  GIVES_ORDER,
  putGives,
  stageGives,
} from '../../lib/taxonomy/gives';
import { STAGE_IDS } from '../../lib/taxonomy';
import { reportFixture } from './report-walks';

let n = 0;
const uuid = () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const expect_ = (target: Expectation['target'], experience: number, by = ''): Expectation => ({
  id: uuid(),
  target,
  experience,
  by,
  note: '',
});
const stage = (s: string): Expectation['target'] => ({ kind: 'stage', stage: s });

/**
 * Own brand "Brightline", two walks in wave 1:
 *   walk A: information 2, 4 (mean 3); offer 2
 *   walk B: information 1 (mean 1); contact (unscored)
 * Information pooled: mean of walk means (3 + 1) / 2 = 2 (not the step mean 7/3).
 * Competitor: information 5 (must not count).
 */
function fixture() {
  const f = reportFixture();
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Rival');
  const wave = f.wave('Wave 1', 0);
  const a = f.walk(own, wave, [
    { stage: 'information', experience: 2 },
    { stage: 'information', experience: 4 },
    { stage: 'offer', experience: 2 },
  ]);
  f.walk(own, wave, [{ stage: 'information', experience: 1 }, { stage: 'contact' }]);
  f.walk(rival, wave, [{ stage: 'information', experience: 5 }]);
  a.steps[2]!.typeId = 'search-ad';
  return { f, own, rival, wave };
}

describe('blind spots', () => {
  it('splits the quadrants at 3 (a 3 is not high)', () => {
    expect(quadrantOf(4, 2)).toBe('blind-spot');
    expect(quadrantOf(3.5, 3)).toBe('blind-spot');
    expect(quadrantOf(4, 4)).toBe('strength');
    expect(quadrantOf(3, 2)).toBe('known-weakness');
    expect(quadrantOf(3, 3.5)).toBe('surprise');
  });

  it('sets the managers’ mean against the own brand’s pooled experience', () => {
    const { f } = fixture();
    f.snapshot.audit.expectations = [
      expect_(stage('information'), 5, 'Anna'),
      expect_(stage('information'), 4, 'Boris'),
      expect_(stage('offer'), 3, 'Anna'),
      expect_({ kind: 'type', typeId: 'search-ad' }, 4),
      expect_(stage('contact'), 4),
      expect_(stage('payment'), 5),
    ];
    const spots = blindSpots(f.report());
    expect(spots.own?.brand.name).toBe('Brightline');
    const row = (key: string) => spots.rows.find((r) => r.key === key)!;
    // information: expected (5 + 4) / 2 = 4.5, n 2; found (3 + 1) / 2 = 2; gap 2.5.
    expect(row('stage:information')).toMatchObject({
      expected: 4.5,
      n: 2,
      by: ['Anna', 'Boris'],
      found: 2,
      steps: 3,
      walks: 2,
      gap: 2.5,
      quadrant: 'blind-spot',
    });
    // offer: expected 3, found 2 (one walk): gap 1, known weakness.
    expect(row('stage:offer')).toMatchObject({ expected: 3, found: 2, gap: 1 });
    expect(row('stage:offer').quadrant).toBe('known-weakness');
    // the type of the offer step: expected 4, found 2: gap 2, a blind spot.
    expect(row('type:search-ad')).toMatchObject({ found: 2, gap: 2, quadrant: 'blind-spot' });
    // contact walked but not scored; payment not walked: no found, never 0.
    expect(row('stage:contact')).toMatchObject({
      found: null,
      steps: 1,
      gap: null,
      quadrant: null,
    });
    expect(row('stage:payment')).toMatchObject({ found: null, steps: 0, gap: null });
    // Rows in the method's order: stages (information, contact, offer, payment), then types.
    expect(spots.rows.map((r) => r.key)).toEqual([
      'stage:information',
      'stage:contact',
      'stage:offer',
      'stage:payment',
      'type:search-ad',
    ]);
    // Gaps largest first, then the targets with no found value.
    expect(spots.gaps.map((r) => r.key)).toEqual([
      'stage:information',
      'type:search-ad',
      'stage:offer',
      'stage:contact',
      'stage:payment',
    ]);
    expect(largestBlindSpot(spots)?.key).toBe('stage:information');
  });

  it('names the largest blind spot in the summary', () => {
    const { f } = fixture();
    f.snapshot.audit.expectations = [
      expect_(stage('information'), 5),
      expect_(stage('information'), 4),
    ];
    const model = f.report();
    const finding = findings(model).find((x) => x.kind === 'blind-spot');
    expect(finding).toMatchObject({ expected: 4.5, found: 2 });
    expect(findingWords(finding!, model, 'en')).toBe(
      'Largest blind spot: Information gathering — the managers expect 4.5, the walks found 2.0 for Brightline (own) (a gap of 2.5).',
    );
  });

  it('puts the gaps and the funnel on slides', () => {
    const { f } = fixture();
    f.snapshot.audit.expectations = [
      expect_(stage('information'), 5),
      expect_(stage('payment'), 4),
    ];
    f.snapshot.audit.funnel = [
      { stage: 'first-mention', waveId: null, count: 200 },
      { stage: 'information', waveId: null, count: 50 },
    ];
    const slides = planSlides(f.report(), 'en').slides.filter(
      (x): x is TableSlide => x.kind === 'table',
    );
    const gaps = slides.find((x) => x.title === 'Expected against found')!;
    expect(gaps.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['Information gathering', '5.0 (n = 1)', '2.0', '+3.0', 'Blind spot'],
      ['Payment', '4.0 (n = 1)', 'not walked', '—', '—'],
    ]);
    const funnel = slides.find((x) => x.title === 'The funnel beside the scorecard')!;
    expect(funnel.note).toBe('Figures for the audit as a whole (none were entered for Wave 1).');
    // 50 of 200 = 25 %; the own brand's weighted experience at information: (3 + 1) / 2 = 2.
    expect(funnel.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['First mention', '200', '—', '—', 'not walked'],
      ['Information gathering', '50', '25 %', '25 %', '2.0'],
    ]);
    expect(funnel.rows[1]![0]!.sub).toBe('Gives: the need');
  });

  it('has no found values and no finding without an own brand compared', () => {
    const { f, rival } = fixture();
    f.snapshot.audit.expectations = [expect_(stage('information'), 5)];
    const model = f.report({ brandIds: [rival.id] });
    const spots = blindSpots(model);
    expect(spots.own).toBeNull();
    expect(spots.rows[0]).toMatchObject({ found: null, steps: 0 });
    expect(findings(model).some((x) => x.kind === 'blind-spot')).toBe(false);
  });

  it('names a type target as a type, a deleted type by its id', () => {
    const t = translator('en');
    const types = [
      {
        id: 'search-ad',
        name: '',
        category: 'communications',
        stage: 'first-mention',
        channel: 'search',
        hidden: false,
      },
    ] as const;
    expect(targetName({ kind: 'type', typeId: 'search-ad' }, types as never, 'en', t)).toBe(
      'Search ad (touchpoint type)',
    );
    expect(targetName({ kind: 'type', typeId: 'gone' }, [], 'en', t)).toBe('a deleted type (gone)');
    expect(targetName(stage('offer'), [], 'ru', translator('ru'))).toBe('Коммерческое предложение');
  });
});

describe('funnel', () => {
  it('converts from the previous entered stage and from the first, in stage order', () => {
    // Entered out of order, with "contact" missing: 1000 → information 400 → offer 100 → contract 25.
    const rows = funnelRows(
      [
        { stage: 'offer', count: 100 },
        { stage: 'first-mention', count: 1000 },
        { stage: 'contract', count: 25 },
        { stage: 'information', count: 400 },
      ],
      EMPTY_METHOD,
    );
    expect(rows.map((r) => [r.stage, r.count, r.fromPrevious, r.fromFirst])).toEqual([
      ['first-mention', 1000, null, null],
      ['information', 400, 0.4, 0.4],
      ['offer', 100, 0.25, 0.1],
      ['contract', 25, 0.25, 0.025],
    ]);
    expect(conversionText(0.025, 'en')).toBe('2.5 %');
    expect(conversionText(0.25, 'en')).toBe('25 %');
    expect(conversionText(0, 'en')).toBe('0 %');
    expect(conversionText(null, 'en')).toBe('—');
  });

  it('has no conversion after a stage nobody reached (never a division by zero)', () => {
    const rows = funnelRows(
      [
        { stage: 'first-mention', count: 0 },
        { stage: 'information', count: 0 },
        { stage: 'offer', count: 5 },
      ],
      EMPTY_METHOD,
    );
    expect(rows.map((r) => [r.fromPrevious, r.fromFirst])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    const after = funnelRows(
      [
        { stage: 'first-mention', count: 10 },
        { stage: 'information', count: 0 },
        { stage: 'offer', count: 0 },
      ],
      EMPTY_METHOD,
    );
    expect(after.map((r) => [r.fromPrevious, r.fromFirst])).toEqual([
      [null, null],
      [0, 0],
      [null, 0],
    ]);
  });

  it('places a custom stage where the method puts it', () => {
    const method: AuditMethod = {
      ...EMPTY_METHOD,
      stages: [{ name: 'Demo call', after: 'contact' }],
    };
    const rows = funnelRows(
      [
        { stage: 'offer', count: 30 },
        { stage: 'Demo call', count: 60 },
        { stage: 'contact', count: 120 },
      ],
      method,
    );
    expect(rows.map((r) => [r.stage, r.fromPrevious])).toEqual([
      ['contact', null],
      ['Demo call', 0.5],
      ['offer', 0.5],
    ]);
  });

  it('uses the wave’s entries, else the whole audit’s, and says which', () => {
    const W = '20000000-0000-4000-8000-000000000001';
    const audit = {
      method: EMPTY_METHOD,
      funnel: [
        { stage: 'first-mention', waveId: null, count: 50 },
        { stage: 'first-mention', waveId: W, count: 80 },
        { stage: 'offer', waveId: W, count: 20 },
      ],
    };
    expect(reportFunnel(audit, W)).toEqual({
      source: 'wave',
      rows: [
        { stage: 'first-mention', count: 80, fromPrevious: null, fromFirst: null },
        { stage: 'offer', count: 20, fromPrevious: 0.25, fromFirst: 0.25 },
      ],
    });
    expect(reportFunnel(audit, 'other').source).toBe('audit');
    expect(reportFunnel(audit, null).rows).toHaveLength(1);
    expect(reportFunnel({ method: EMPTY_METHOD }, W)).toEqual({ source: 'none', rows: [] });
    // An import replaces one scope's entries and keeps the others.
    expect(replaceFunnel(audit.funnel, W, [{ stage: 'contact', count: 7 }])).toEqual([
      { stage: 'first-mention', waveId: null, count: 50 },
      { stage: 'contact', waveId: W, count: 7 },
    ]);
  });
});

describe('funnel CSV', () => {
  const method: AuditMethod = { ...EMPTY_METHOD, stages: [{ name: 'Demo call', after: null }] };

  it('reads stages by id, English or Russian name or custom name, with a header', () => {
    const result = parseFunnelCsv(
      '\uFEFFstage;count\r\nfirst-mention;12 400\r\nСбор информации;3100\r\n\r\n  offer ;900\r\ndemo CALL;40\r\n"Contract";  12\r\n',
      method,
    );
    expect(result).toEqual({
      ok: true,
      header: true,
      entries: [
        { stage: 'first-mention', count: 12400 },
        { stage: 'information', count: 3100 },
        { stage: 'offer', count: 900 },
        { stage: 'Demo call', count: 40 },
        { stage: 'contract', count: 12 },
      ],
    });
    // Commas, no header.
    expect(parseFunnelCsv('Offer,10\nPayment,4', method)).toEqual({
      ok: true,
      header: false,
      entries: [
        { stage: 'offer', count: 10 },
        { stage: 'payment', count: 4 },
      ],
    });
  });

  it('names every bad line with its number and why, and gives no entries', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const result = parseFunnelCsv(
      [
        'stage,count',
        'offer,100',
        `${hostile},5`,
        'contract,-3',
        'payment,1.5',
        'offer,7',
        'delivery',
        'feedback,2,3',
        'support,',
      ].join('\n'),
      method,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, kind: 'stage', value: hostile },
        { line: 4, kind: 'count', value: '-3' },
        { line: 5, kind: 'count', value: '1.5' },
        { line: 6, kind: 'duplicate', value: 'offer', first: 2 },
        { line: 7, kind: 'columns', found: 1 },
        { line: 8, kind: 'columns', found: 3 },
        { line: 9, kind: 'count', value: '' },
      ],
    });
  });

  it('quotes a long bad cell shortened, and refuses empty and huge files', () => {
    const long = 'x'.repeat(500);
    const result = parseFunnelCsv(`offer,1\n${long},2`, method);
    expect(result.ok).toBe(false);
    const value =
      !result.ok && result.problems[0]?.kind === 'stage' ? result.problems[0].value : '';
    expect(value).toHaveLength(60);
    expect(value.endsWith('…')).toBe(true);
    expect(parseFunnelCsv('\n\n', method)).toEqual({ ok: false, problems: [], empty: true });
    expect(parseFunnelCsv('stage,count\n', method)).toEqual({
      ok: false,
      problems: [],
      empty: true,
    });
    expect(parseFunnelCsv('a'.repeat(100_001), method)).toMatchObject({ tooLarge: true });
  });

  it('splits quoted cells and reads counts', () => {
    expect(splitCsvLine('"Demo, call","1 000"', ',')).toEqual(['Demo, call', '1 000']);
    expect(splitCsvLine('"say ""hi""";3', ';')).toEqual(['say "hi"', '3']);
    expect(parseCount('1 000')).toBe(1000);
    expect(parseCount('0')).toBe(0);
    expect(parseCount('1e3')).toBeNull();
    expect(parseCount('10000000000000')).toBeNull();
    expect(matchStage('PAYMENT', method)).toBe('payment');
    expect(matchStage('Оплата', method)).toBe('payment');
    expect(matchStage('nothing', method)).toBeNull();
  });
});

describe('what each stage gives', () => {
  it('gives every built-in stage a default, following the seed', () => {
    for (const id of STAGE_IDS) expect(GIVES_ORDER).toContain(DEFAULT_GIVES[id]);
    expect(DEFAULT_GIVES['first-mention']).toBe('idea');
    expect(DEFAULT_GIVES.information).toBe('need');
    expect(DEFAULT_GIVES.contact).toBe('company');
    expect(DEFAULT_GIVES.offer).toBe('product');
    expect(DEFAULT_GIVES.contract).toBe('value');
    expect(DEFAULT_GIVES.payment).toBe('price');
    expect(defaultGives('Demo call')).toBeNull();
    expect(givesLabel('idea', 'en')).toBe('the idea');
    expect(givesLabel('price', 'ru')).toBe('стоимость');
  });

  it('keeps only what differs from the built-in choice', () => {
    let method: AuditMethod = EMPTY_METHOD;
    method = { ...method, gives: putGives(method, 'offer', 'value') };
    method = { ...method, gives: putGives(method, 'Demo call', 'product') };
    expect(method.gives).toEqual([
      { stage: 'offer', gives: 'value' },
      { stage: 'Demo call', gives: 'product' },
    ]);
    expect(stageGives('offer', method)).toBe('value');
    expect(stageGives('contract', method)).toBe('value');
    expect(stageGives('Demo call', method)).toBe('product');
    // Back to the built-in choice, or none said: the entry leaves the list.
    method = { ...method, gives: putGives(method, 'offer', 'product') };
    method = { ...method, gives: putGives(method, 'Demo call', null) };
    expect(method.gives).toEqual([]);
    expect(stageGives('Demo call', method)).toBeNull();
  });
});
