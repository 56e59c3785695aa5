/**
 * Page facts compared per brand (section `pageFacts`, page, HTML and CSV alike): accessibility
 * violations by impact (axe-core) and the documents' load timings, over the page steps whose
 * facts were read at capture (Audit.pageFacts). Pure; the view is components/report/page-facts.tsx.
 */
import { medianOf } from '../metrics/journey-kpis';
import { A11Y_IMPACTS, type A11yImpact, type PageFacts, type Step } from '../model';
import type { ReportModel } from './model';

export const TIMINGS = ['ttfb', 'domContentLoaded', 'load', 'lcp'] as const;
export type TimingKey = (typeof TIMINGS)[number];

/** A rule broken on a brand's pages: on how many pages, and its help text (axe's, in English). */
export interface BrokenRule {
  id: string;
  impact: A11yImpact;
  help: string;
  pages: number;
}

export interface BrandFacts {
  brandId: string;
  /** Page steps of the brand, and those with facts read. */
  pages: number;
  withFacts: number;
  /** Pages whose accessibility was checked; why the others were not (counts). */
  checked: number;
  notChecked: { unsupported: number; failed: number; timeout: number };
  /** Mean rules broken per checked page, by impact (null: none checked). */
  perPage: Record<A11yImpact, number | null>;
  /** Checked pages with at least one critical or serious violation. */
  severePages: number;
  /** The rules broken most often (by pages, then severity), at most five. */
  topRules: BrokenRule[];
  /** Median of each timing over the pages loaded as documents (route changes left out), and n. */
  timings: Record<TimingKey, { median: number | null; n: number }>;
  /** Steps taken after a route change inside the page: their timings are the first load's. */
  routeChanges: number;
  /** Rules beyond those kept per step (A11Y_RULES_KEPT), summed: not in topRules. */
  rulesNotKept: number;
}

const TOP_RULES = 5;

/** Each compared brand's page facts, in the report's brand order. */
export function pageFactsByBrand(model: Pick<ReportModel, 'brands'>): BrandFacts[] {
  return model.brands.map(({ id, steps }) => {
    const pages = steps.filter((s) => s.touchpoint.kind === 'page');
    const facts = pages
      .map((s) => s.touchpoint.pageFacts)
      .filter((f): f is PageFacts => f !== undefined);
    const checked = facts.flatMap((f) => (f.accessibility ? [f.accessibility] : []));
    const notChecked = { unsupported: 0, failed: 0, timeout: 0 };
    for (const f of facts) if (f.accessibilityMissing) notChecked[f.accessibilityMissing]++;
    const perPage = Object.fromEntries(
      A11Y_IMPACTS.map((impact) => [
        impact,
        checked.length ? checked.reduce((sum, a) => sum + a[impact], 0) / checked.length : null,
      ]),
    ) as Record<A11yImpact, number | null>;
    const rules = new Map<string, BrokenRule>();
    for (const a of checked) {
      for (const rule of a.rules) {
        const seen = rules.get(rule.id);
        if (seen) seen.pages++;
        else rules.set(rule.id, { id: rule.id, impact: rule.impact, help: rule.help, pages: 1 });
      }
    }
    const rank = (impact: A11yImpact) => A11Y_IMPACTS.indexOf(impact);
    const topRules = [...rules.values()]
      .sort(
        (a, b) => b.pages - a.pages || rank(a.impact) - rank(b.impact) || (a.id < b.id ? -1 : 1),
      )
      .slice(0, TOP_RULES);
    const loads = facts.flatMap((f) => (f.timings && !f.timings.sameDocument ? [f.timings] : []));
    const timings = Object.fromEntries(
      TIMINGS.map((key) => {
        const values = loads.map((t) => t[key]).filter((v): v is number => v !== null);
        return [key, { median: medianOf(values), n: values.length }];
      }),
    ) as BrandFacts['timings'];
    return {
      brandId: id,
      pages: pages.length,
      withFacts: facts.length,
      checked: checked.length,
      notChecked,
      perPage,
      severePages: checked.filter((a) => a.critical + a.serious > 0).length,
      topRules,
      timings,
      routeChanges: facts.filter((f) => f.timings?.sameDocument).length,
      rulesNotKept: checked.reduce((sum, a) => sum + a.more, 0),
    };
  });
}

/** The CSV's columns of a step's page facts (empty cells: not read, or not measured). */
export const PAGE_FACTS_CSV_COLUMNS = [
  'a11y_engine',
  'a11y_critical',
  'a11y_serious',
  'a11y_moderate',
  'a11y_minor',
  'a11y_rules',
  'a11y_not_checked',
  'ttfb_ms',
  'dom_content_loaded_ms',
  'load_ms',
  'lcp_ms',
  'timings_of_first_load',
] as const;

/** A step's cells for PAGE_FACTS_CSV_COLUMNS. */
export function pageFactsCsvCells(
  step: Pick<Step, 'pageFacts'>,
): (string | number | boolean | null)[] {
  const facts = step.pageFacts;
  const a = facts?.accessibility ?? null;
  const t = facts?.timings ?? null;
  return [
    a?.engine ?? null,
    a?.critical ?? null,
    a?.serious ?? null,
    a?.moderate ?? null,
    a?.minor ?? null,
    a ? [...a.rules.map((r) => r.id), ...(a.more ? [`+${a.more}`] : [])].join(' ') : null,
    facts?.accessibilityMissing ?? null,
    t?.ttfb ?? null,
    t?.domContentLoaded ?? null,
    t?.load ?? null,
    t?.lcp ?? null,
    t ? t.sameDocument : null,
  ];
}
