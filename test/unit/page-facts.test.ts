/** Page facts: the page's replies parsed into what is stored, the capture service storing them, and the per-brand figures. */
import { describe, expect, it } from 'vitest';
import { pageFactsOf, type FactReply } from '../../lib/capture/page-facts';
import { auditWithJourneys, fakeCaptureService, testStore } from './helpers';
import { A11Y_RULES_KEPT, PageFacts, type Step } from '../../lib/model';
import { pageFactsByBrand, pageFactsCsvCells } from '../../lib/report/page-facts';
import type { ReportModel } from '../../lib/report/model';

const timings = (over: Record<string, unknown> = {}): FactReply => ({
  ok: true,
  value: {
    ttfb: 120.4,
    domContentLoaded: 480.6,
    load: 900,
    lcp: 650.2,
    loadedUrl: 'https://a.test/plans',
    url: 'https://a.test/plans#top',
    ...over,
  },
});
const rule = (id: string, impact: string | null, elements = 1) => ({
  id,
  impact,
  help: `Help for ${id}`,
  elements,
});
const a11y = (rules: unknown[]): FactReply => ({
  ok: true,
  value: { engine: 'axe-core 4.14.1', rules },
});

describe('pageFactsOf', () => {
  it('counts rules by impact, most severe first, timings rounded, a hash change is the same load', () => {
    const facts = pageFactsOf(
      1000,
      timings(),
      a11y([
        rule('region', 'moderate', 5),
        rule('image-alt', 'critical', 2),
        rule('color-contrast', 'serious', 9),
        rule('label', 'critical', 4),
        rule('odd', null),
      ]),
    );
    expect(PageFacts.parse(facts)).toEqual(facts);
    expect(facts.accessibility).toMatchObject({
      engine: 'axe-core 4.14.1',
      critical: 2,
      serious: 1,
      moderate: 1,
      minor: 1,
      elements: 21,
      more: 0,
    });
    expect(facts.accessibility?.rules.map((r) => r.id)).toEqual([
      'label',
      'image-alt',
      'color-contrast',
      'region',
      'odd',
    ]);
    expect(facts.accessibilityMissing).toBeNull();
    expect(facts.timings).toEqual({
      ttfb: 120,
      domContentLoaded: 481,
      load: 900,
      lcp: 650,
      sameDocument: false,
    });
  });

  it('keeps the 30 most severe rules and counts the rest; a route change is marked', () => {
    const rules = Array.from({ length: 45 }, (_, i) =>
      rule(`rule-${i}`, i < 40 ? 'minor' : 'critical'),
    );
    const facts = pageFactsOf(1, timings({ url: 'https://a.test/plans/2' }), a11y(rules));
    expect(facts.accessibility?.rules).toHaveLength(A11Y_RULES_KEPT);
    expect(facts.accessibility?.rules[0]?.impact).toBe('critical');
    expect(facts.accessibility).toMatchObject({ critical: 5, minor: 40, more: 15 });
    expect(facts.timings?.sameDocument).toBe(true);
  });

  it('says why accessibility was not checked; a malformed reply is a failure, never stored as data', () => {
    const unsupported = pageFactsOf(1, timings(), { ok: false, reason: 'unsupported' });
    expect([unsupported.accessibility, unsupported.accessibilityMissing]).toEqual([
      null,
      'unsupported',
    ]);
    const timeout = pageFactsOf(1, { ok: false, reason: 'timeout' }, a11y([]));
    expect(timeout.timings).toBeNull();
    expect(timeout.accessibility?.critical).toBe(0);
    const hostile = pageFactsOf(
      1,
      { ok: true, value: { ttfb: '<b>', url: 1 } },
      { ok: true, value: { engine: 'x', rules: [{ id: 1 }] } },
    );
    expect([hostile.timings, hostile.accessibility, hostile.accessibilityMissing]).toEqual([
      null,
      null,
      'failed',
    ]);
    expect(PageFacts.parse(hostile)).toEqual(hostile);
  });

  it('cuts over-long rule texts with "…" and keeps within the stored limits', () => {
    const facts = pageFactsOf(
      1,
      timings(),
      a11y([{ ...rule('x'.repeat(500), 'minor'), help: 'h'.repeat(900) }]),
    );
    const [kept] = facts.accessibility!.rules;
    expect(kept!.id).toHaveLength(100);
    expect(kept!.help.endsWith('…')).toBe(true);
    expect(PageFacts.safeParse(facts).success).toBe(true);
  });
});

/** A report model holding only what the page-facts figures read. */
function model(brands: { id: string; facts: (PageFacts | undefined)[] }[]) {
  return {
    brands: brands.map(({ id, facts }) => ({
      id,
      steps: facts.map((pageFacts) => ({
        touchpoint: { kind: 'page', ...(pageFacts && { pageFacts }) } as Step,
      })),
    })),
  } as unknown as Pick<ReportModel, 'brands'>;
}

describe('pageFactsByBrand', () => {
  const page = (rules: ReturnType<typeof rule>[], ttfb: number, route = false) =>
    pageFactsOf(1, timings({ ttfb, ...(route && { url: 'https://a.test/other' }) }), a11y(rules));

  it('pools per brand: issues per checked page, severe pages, median timings without route changes', () => {
    const [own, rival] = pageFactsByBrand(
      model([
        {
          id: 'own',
          facts: [
            page([rule('label', 'critical'), rule('region', 'moderate')], 100),
            page([rule('region', 'moderate')], 300),
            page([], 5000, true),
            pageFactsOf(1, timings({ ttfb: 200 }), { ok: false, reason: 'timeout' }),
            undefined,
          ],
        },
        { id: 'rival', facts: [undefined] },
      ]),
    );
    expect(own).toMatchObject({
      pages: 5,
      withFacts: 4,
      checked: 3,
      notChecked: { unsupported: 0, failed: 0, timeout: 1 },
      severePages: 1,
      routeChanges: 1,
    });
    expect(own!.perPage.critical).toBeCloseTo(1 / 3);
    expect(own!.perPage.moderate).toBeCloseTo(2 / 3);
    // 100, 200 and 300 ms: the route change's 5,000 ms (the first load's) is left out.
    expect(own!.timings.ttfb).toEqual({ median: 200, n: 3 });
    expect(own!.topRules.map((r) => [r.id, r.pages])).toEqual([
      ['region', 2],
      ['label', 1],
    ]);
    expect(rival).toMatchObject({ pages: 1, withFacts: 0, checked: 0 });
    expect(rival!.perPage.critical).toBeNull();
    expect(rival!.timings.lcp).toEqual({ median: null, n: 0 });
  });

  it('gives CSV cells for a step with facts, and empty ones without', () => {
    const facts = page([rule('label', 'critical')], 100);
    expect(pageFactsCsvCells({ pageFacts: facts })).toEqual([
      'axe-core 4.14.1',
      1,
      0,
      0,
      0,
      'label',
      null,
      100,
      481,
      900,
      650,
      false,
    ]);
    expect(pageFactsCsvCells({}).every((cell) => cell === null)).toBe(true);
  });
});

describe('the capture service and page facts', () => {
  async function setup(on: boolean) {
    const { store } = testStore();
    const { audit, own } = await auditWithJourneys(store);
    await store.updateAudit(audit.id, { pageFacts: on });
    const read: number[] = [];
    const service = fakeCaptureService(store, {
      pageFactsFor: async (journeyId) =>
        Boolean((await store.getAudit((await store.getJourney(journeyId))!.auditId))?.pageFacts),
      readPageFacts: async (tabId, at) => {
        read.push(tabId);
        return pageFactsOf(at, timings(), a11y([rule('label', 'critical')]));
      },
    });
    return { service, store, journeyId: own.id, read };
  }

  it('reads the facts of the captured tab and stores them with the step, in its one write', async () => {
    const { service, store, journeyId, read } = await setup(true);
    const { step } = await service.visible(journeyId);
    expect(read).toEqual([7]);
    expect(step.pageFacts?.accessibility?.critical).toBe(1);
    const [stored] = await store.listSteps(journeyId);
    expect(stored?.pageFacts).toEqual(step.pageFacts);
  });

  it('reads nothing when the audit does not ask', async () => {
    const { service, journeyId, read } = await setup(false);
    const { step } = await service.visible(journeyId);
    expect(read).toEqual([]);
    expect(step.pageFacts).toBeUndefined();
  });
});
