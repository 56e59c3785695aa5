/** Fewer touches, people and handoffs, would recommend: figures computed by hand. */
import { describe, expect, it } from 'vitest';
import type { Person } from '../../lib/model';
import {
  brandPeople,
  brandRecommend,
  flaggedSteps,
  handoffSteps,
  recommendFigure,
  touchesByStage,
  walkPeople,
} from '../../lib/report/touches';
import { reportFixture } from './report-walks';

const person = (who: string, transfer = false, repeated = false): { person: Person } => ({
  person: { who, transfer, repeated },
});

describe('would recommend (NPS)', () => {
  it('has no NPS and no mean without an answer (n = 0)', () => {
    expect(recommendFigure([])).toEqual({
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      mean: null,
    });
    expect(recommendFigure([null, undefined])).toMatchObject({ n: 0, nps: null, mean: null });
  });

  it('one answer: a promoter is +100, a passive 0, a detractor −100 (n = 1)', () => {
    expect(recommendFigure([9])).toMatchObject({ n: 1, promoters: 1, nps: 100, mean: 9 });
    expect(recommendFigure([8])).toMatchObject({ n: 1, passives: 1, nps: 0, mean: 8 });
    expect(recommendFigure([6])).toMatchObject({ n: 1, detractors: 1, nps: -100, mean: 6 });
  });

  it('counts 9–10 as promoters and 0–6 as detractors, over the walks with a value', () => {
    // 10, 9 promoters; 7 passive; 6, 0 detractors; null left out: n = 5,
    // NPS = (2 − 2) / 5 × 100 = 0; mean = 32 / 5 = 6.4.
    const f = recommendFigure([10, 9, 7, 6, 0, null]);
    expect(f).toEqual({ n: 5, promoters: 2, passives: 1, detractors: 2, nps: 0, mean: 6.4 });
    // 10, 10, 9 and 3: (3 − 1) / 4 × 100 = 50; mean 32 / 4 = 8.
    expect(recommendFigure([10, 10, 9, 3])).toMatchObject({ nps: 50, mean: 8 });
  });

  it('pools a brand’s walks in the wave, stopped short ones too, and never the compliance', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const wave = f.wave('Wave 1', 0);
    f.walk(own, wave, [{}]).journey.recommend = 10;
    f.walk(own, wave, [{}], { outcome: 'abandoned' }).journey.recommend = 2;
    f.walk(own, wave, [{}]).journey.recommend = null;
    const model = f.report();
    // 1 promoter, 1 detractor of 2: NPS 0, mean 6.
    expect(brandRecommend(model.brands[0]!)).toMatchObject({ n: 2, nps: 0, mean: 6 });
    expect(model.brands[0]!.compliance.percent).toBeNull();
  });
});

describe('people and handoffs', () => {
  it('counts distinct names trimmed and ignoring case, and each unnamed person once more', () => {
    const p = walkPeople([
      person('Anna', true),
      person('  anna '),
      person('ANNA', false, true),
      person('Operator'),
      person(''),
      person('   ', true, true),
      {},
    ]);
    // Anna (3 contacts) + Operator + 2 unnamed = 4 people; transfers 2, repeats 2.
    expect(p).toEqual({
      contacts: 6,
      people: 4,
      unnamed: 2,
      names: ['Anna', 'Operator'],
      transfers: 2,
      repeats: 2,
    });
  });

  it('is zero for a walk that recorded no person', () => {
    expect(walkPeople([{}, {}])).toMatchObject({ contacts: 0, people: 0, transfers: 0 });
  });

  it('takes each brand’s median over the pooled walks that recorded a person', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const wave = f.wave('Wave 1', 0);
    const a = f.walk(own, wave, [{}, {}, {}]).steps;
    Object.assign(a[0]!, person('Anna'));
    Object.assign(a[1]!, person('Boris', true));
    Object.assign(a[2]!, person('', true, true));
    const b = f.walk(own, wave, [{}]).steps;
    Object.assign(b[0]!, person('Anna'));
    // No person: left out of the medians (not a zero).
    f.walk(own, wave, [{}]);
    // Stopped short: left out, as the key figures leave it out of touches.
    const c = f.walk(own, wave, [{}], { outcome: 'blocked' }).steps;
    Object.assign(c[0]!, person('X', true, true));
    const model = f.report();
    // Walk a: 3 people, 2 transfers, 1 repeat; walk b: 1, 0, 0 → medians 2, 1, 0.5 (n = 2).
    expect(brandPeople(model.brands[0]!)).toEqual({ n: 2, people: 2, transfers: 1, repeats: 0.5 });
    expect(handoffSteps(model).map((h) => h.step.id)).toEqual([a[1]!.id, a[2]!.id, c[0]!.id]);
  });

  it('has no medians for a brand that recorded no person (n = 0)', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    f.walk(own, f.wave('Wave 1', 0), [{}]);
    expect(brandPeople(f.report().brands[0]!)).toEqual({
      n: 0,
      people: null,
      transfers: null,
      repeats: null,
    });
  });
});

describe('fewer touches', () => {
  it('lists the flagged steps, walk after walk', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const rival = f.brand('Fastwave');
    const wave = f.wave('Wave 1', 0);
    const mine = f.walk(own, wave, [{}, {}]).steps;
    mine[1]!.reduce = { kind: 'merge', reason: 'Same form as step 1' };
    const theirs = f.walk(rival, wave, [{}]).steps;
    theirs[0]!.reduce = { kind: 'cut', reason: '' };
    const list = flaggedSteps(f.report());
    expect(list.map((x) => [x.brand.name, x.step.seq, x.reduce.kind])).toEqual([
      ['Brightline', 2, 'merge'],
      ['Fastwave', 1, 'cut'],
    ]);
  });

  it('sets the own brand against the fewest touches of a competitor, per stage and whole', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const alpha = f.brand('Alpha');
    const beta = f.brand('Beta');
    const bench = f.brand('Bench', 'benchmark');
    const wave = f.wave('Wave 1', 0);
    const info = { stage: 'information' };
    const contact = { stage: 'contact' };
    const purchase = { stage: 'purchase' };
    // Own: walk 1 information ×3, contact ×1; walk 2 information ×2, purchase ×2.
    f.walk(own, wave, [info, info, info, contact]);
    f.walk(own, wave, [info, info, purchase, purchase]);
    // Alpha: information ×1, contact ×2. Beta: information ×1, contact ×3.
    f.walk(alpha, wave, [info, contact, contact]);
    f.walk(beta, wave, [info, contact, contact, contact]);
    // A benchmark is no competitor: its single purchase step is never "best".
    f.walk(bench, wave, [purchase]);
    const rows = touchesByStage(f.report());
    const row = (stage: string | null) => rows.find((r) => r.stage === stage)!;
    expect(rows.map((r) => r.stage)).toEqual(['information', 'contact', 'purchase', null]);
    // Information: own median of 3 and 2 = 2.5 (n = 2); Alpha and Beta tie at 1.
    expect(row('information').counts[0]).toEqual({ brandId: own.id, median: 2.5, n: 2 });
    expect(row('information').best).toEqual({ brandIds: [alpha.id, beta.id], median: 1 });
    expect(row('information').differences).toEqual([{ brandId: own.id, difference: 1.5 }]);
    // Contact: only own walk 1 has it (1, n = 1); Alpha 2 is the fewest: 1 − 2 = −1.
    expect(row('contact').counts[0]).toEqual({ brandId: own.id, median: 1, n: 1 });
    expect(row('contact').best).toEqual({ brandIds: [alpha.id], median: 2 });
    expect(row('contact').differences[0]!.difference).toBe(-1);
    // Purchase: no competitor walked it; the benchmark does not count.
    expect(row('purchase').best).toBeNull();
    expect(row('purchase').differences[0]!.difference).toBeNull();
    expect(row('purchase').counts[3]).toEqual({ brandId: bench.id, median: 1, n: 1 });
    // Whole walk: own 4 and 4 → 4; Alpha 3, Beta 4 → Alpha, 4 − 3 = 1.
    expect(row(null).best).toEqual({ brandIds: [alpha.id], median: 3 });
    expect(row(null).differences[0]!.difference).toBe(1);
  });

  it('leaves a competitor whose every walk stopped short out of the whole walk', () => {
    const f = reportFixture();
    const own = f.brand('Brightline', 'own');
    const rival = f.brand('Fastwave');
    const wave = f.wave('Wave 1', 0);
    f.walk(own, wave, [{}, {}]);
    f.walk(rival, wave, [{}], { outcome: 'abandoned' });
    const rows = touchesByStage(f.report());
    // At the stage it was walked, its one touch counts (every walk stopped: all are pooled).
    expect(rows[0]!.best).toEqual({ brandIds: [rival.id], median: 1 });
    expect(rows.at(-1)!.best).toBeNull();
  });
});
