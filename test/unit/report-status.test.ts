/** The report's stages under the customer's status, with subtotals (lib/report/status.ts). */
import { describe, expect, it } from 'vitest';
import { statusCompliance, statusRows, statusScorecards } from '../../lib/report/status';
import { planSlides } from '../../lib/report/slides';
import { CLEAR_OFFER, CONTACTS, reportFixture } from './report-walks';

/**
 * Own brand, two walks: walk 1 information 2 (importance 9), support 4; walk 2 information 4
 * (importance 1), cancellation 3. Rival, one walk: information 5, onboarding 3, support 5 —
 * and a custom stage "Trial" (after onboarding, status prospect) with experience 1.
 */
function fixture() {
  const f = reportFixture();
  f.snapshot.audit = {
    ...f.snapshot.audit,
    method: {
      ...f.snapshot.audit.method,
      stages: [{ name: 'Trial', after: 'onboarding', status: 'prospect' }],
    },
  };
  const own = f.brand('Brightline', 'own');
  const rival = f.brand('Rival');
  const wave = f.wave('Wave 1', 0);
  f.walk(own, wave, [
    { stage: 'information', experience: 2, importance: 9, checks: { [CLEAR_OFFER]: 'yes' } },
    { stage: 'support', experience: 4, checks: { [CONTACTS]: 'no' } },
  ]);
  f.walk(own, wave, [
    { stage: 'information', experience: 4, importance: 1 },
    { stage: 'cancellation', experience: 3, checks: { [CLEAR_OFFER]: 'yes' } },
  ]);
  f.walk(rival, wave, [
    { stage: 'information', experience: 5 },
    { stage: 'onboarding', experience: 3, checks: { [CONTACTS]: 'yes' } },
    { stage: 'support', experience: 5, checks: { [CLEAR_OFFER]: 'no' } },
    { stage: 'Trial', experience: 1 },
  ]);
  return f.report();
}

describe('stages under the customer status', () => {
  it('orders and groups the stage rows by status (a custom stage under its own status)', () => {
    const model = fixture();
    expect(model.stages.map((r) => r.stage)).toEqual([
      'information',
      'Trial',
      'onboarding',
      'support',
      'cancellation',
    ]);
    expect(statusRows(model).map((g) => [g.status, g.rows.map((r) => r.stage)])).toEqual([
      ['prospect', ['information', 'Trial']],
      ['customer', ['onboarding', 'support']],
      ['former', ['cancellation']],
    ]);
  });

  it('gives each status a subtotal pooled over its steps, computed by hand', () => {
    const model = fixture();
    const groups = statusScorecards(model);
    const [prospect, customer, former] = groups;
    const [ownP, rivalP] = prospect!.subtotal.scores;
    // Own, prospect: walk 1 mean 2, walk 2 mean 4 → experience 3. Weighted per walk: 2 and 4 → 3.
    expect(ownP!.steps).toBe(2);
    expect(ownP!.experience).toBe(3);
    expect(ownP!.weighted).toBe(3);
    // Compliance: one "yes" of weight 9 → 100 %.
    expect(ownP!.compliance).toBe(100);
    // Rival, prospect: information 5 and Trial 1 in one walk → (5 + 1) / 2 = 3.
    expect(rivalP!.steps).toBe(2);
    expect(rivalP!.experience).toBe(3);
    // Tie on weighted 3 and experience 3: the winner is the one ranked first (own, listed first).
    expect(prospect!.subtotal.winnerId).toBe(ownP!.brandId);
    expect(prospect!.subtotal.ownGap).toBe(0);
    // Customer: own has support 4 only; rival onboarding 3 and support 5 → mean 4.
    const [ownC, rivalC] = customer!.subtotal.scores;
    expect(ownC!.experience).toBe(4);
    expect(rivalC!.experience).toBe(4);
    // Rival compliance: contacts yes (8), clear offer no (9) → 8 / 17 = 47.06 %.
    expect(rivalC!.compliance).toBeCloseTo((100 * 8) / 17, 10);
    // Own compliance: contacts no (8) → 0 %.
    expect(ownC!.compliance).toBe(0);
    // Former: only own's cancellation.
    expect(former!.cards.map((c) => c.stage)).toEqual(['cancellation']);
    expect(former!.subtotal.scores[0]!.experience).toBe(3);
    expect(former!.subtotal.scores[1]!.steps).toBe(0);
    // The compliance table's subtotal: the same pooled weights.
    expect(statusCompliance(statusRows(model)[1]!, 1).percent).toBeCloseTo((100 * 8) / 17, 10);
    expect(statusCompliance(statusRows(model)[0]!, 1).percent).toBeNull();
  });

  it('puts the statuses and their subtotals on the scorecard slide', () => {
    for (const [locale, words] of [
      ['en', ['Potential customer', 'Subtotal: Potential customer', 'Former customer']],
      ['ru', ['Потенциальный клиент', 'Подытог: Потенциальный клиент', 'Бывший клиент']],
    ] as const) {
      const plan = planSlides(fixture(), locale);
      const firsts = plan.slides
        .filter((s) => s.kind === 'table')
        .flatMap((s) => (s.kind === 'table' ? s.rows.map((r) => r[0]!.text) : []));
      for (const word of words) expect(firsts, word).toContain(word);
      // Former customer has one stage: no subtotal row.
      expect(
        firsts.filter((text) => text.startsWith(locale === 'en' ? 'Subtotal' : 'Подытог')),
      ).toHaveLength(2);
    }
  });
});
