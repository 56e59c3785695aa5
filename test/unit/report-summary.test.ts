/** The manager's part of the report: scorecard per stage, league table, executive summary. */
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../lib/report/model';
import { findings, leagueTable, stageScorecards } from '../../lib/report/summary';
import { BUILTIN_CHECKLISTS } from '../../lib/taxonomy';
import { auditWithJourneys, testStore } from './helpers';

const WEB_FORM = BUILTIN_CHECKLISTS.find((c) => c.id === 'web-form')!;
const CRITICAL = WEB_FORM.items.find((i) => i.critical)!;

/**
 * Own brand: information 2 and 4 (importance 9 and 1), a web form with a failed critical item, a
 * callback 3 h after it (≤ 2 h failed). Rival: information 5, contact 4, likelihood 3 → 9.
 */
async function twoBrands() {
  const { store, clock } = testStore();
  const { audit, own, rival } = await auditWithJourneys(store);
  let minutes = 0;
  const step = async (journeyId: string, stage: string, edit: object, extra = {}) => {
    const s = await store.addStep({
      journeyId,
      kind: 'page',
      url: 'https://x.test/',
      title: `${stage} ${minutes}`,
      at: clock.now() + minutes++ * 60_000,
      stage,
      ...extra,
    });
    return store.updateStep(s.id, edit);
  };
  await step(own.id, 'information', { experience: 2, importance: 9 });
  await step(own.id, 'information', { experience: 4, importance: 1 });
  const form = await step(own.id, 'contact', { experience: 3 }, { typeId: 'web-form' });
  await store.answerCheck(form.id, 'web-form', CRITICAL.id, 'no');
  const timer = await store.startTimer(own.id, 'callback-after-form', form.id);
  await store.addStep({
    journeyId: own.id,
    kind: 'offline',
    url: null,
    title: 'Callback',
    at: form.at + 3 * 3_600_000,
    channel: 'phone',
    stage: 'contact',
    stopsTimers: [timer.id],
  });
  await step(rival.id, 'information', { experience: 5, likelihood: 3 });
  await step(rival.id, 'contact', { experience: 4, likelihood: 9 });
  const model = () => store.readAudit(audit.id).then((s) => buildReport(s, {}, clock.now()));
  return { store, own, rival, model };
}

describe('scorecard by stage', () => {
  it('weights experience by importance, names the winner and our gap', async () => {
    const { own, rival, model } = await twoBrands();
    const cards = stageScorecards(await model());
    const info = cards.find((c) => c.stage === 'information')!;
    const [ownScore, rivalScore] = info.scores;
    expect(ownScore).toMatchObject({ brandId: own.brandId, steps: 2, experience: 3 });
    // (9 × 2 + 1 × 4) / 10: the important step counts more than the plain mean of 3.
    expect(ownScore!.weighted).toBeCloseTo(2.2);
    expect(rivalScore).toMatchObject({ brandId: rival.brandId, weighted: 5 });
    expect(info.winnerId).toBe(rival.brandId);
    expect(info.ownGap).toBeCloseTo(2.8);
    expect(info.rivalId).toBe(rival.brandId);
    const contact = cards.find((c) => c.stage === 'contact')!;
    expect(contact.scores[0]).toMatchObject({
      standards: { met: 0, measured: 1 },
      compliance: 0,
    });
  });
});

describe('league table', () => {
  it('ranks by the composite score, and a brand whose walks stopped short after the others', async () => {
    const { store, own, rival, model } = await twoBrands();
    const first = leagueTable(await model());
    expect(first.map((r) => [r.brandId, r.walks])).toEqual([
      [rival.brandId, 1],
      [own.brandId, 1],
    ]);
    // Rival: experience 4.5 → 87.5 %, no checklist, no standard, likelihood 9 → 90 %.
    expect(first[0]!.score).toBeCloseTo((87.5 + 90) / 2);
    await store.finishJourney(rival.id, 'abandoned');
    const second = leagueTable(await model());
    expect(second.map((r) => [r.brandId, r.stopped, r.rank])).toEqual([
      [own.brandId, false, 1],
      [rival.brandId, true, 2],
    ]);
  });
});

describe('executive summary', () => {
  it('finds stage wins, our largest gap, failed standards and critical items, choice movers', async () => {
    const { own, rival, model } = await twoBrands();
    const list = findings(await model());
    expect(list).toContainEqual({
      kind: 'stage-wins',
      brandId: rival.brandId,
      stages: ['information', 'contact'],
      of: 2,
    });
    expect(list.find((f) => f.kind === 'gap')).toMatchObject({
      stage: 'information',
      leaderId: rival.brandId,
    });
    expect(list).toContainEqual(
      expect.objectContaining({
        kind: 'standard-failed',
        journeyId: own.id,
        standardId: 'callback-after-form',
        measuredMs: 3 * 3_600_000,
      }),
    );
    expect(list).toContainEqual(
      expect.objectContaining({ kind: 'critical-failed', itemId: CRITICAL.id, seq: 3 }),
    );
    expect(list).toContainEqual({ kind: 'moved-choice', journeyId: rival.id, seq: 2, change: 6 });
  });
});
