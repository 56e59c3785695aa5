/**
 * Page facts (an option per audit): what the page says of itself at a capture — accessibility
 * violations found by axe-core and its document's load timings. `readTimings` and `checkAccessibility`
 * run inside the page (injected on demand: entrypoints/page-timings.ts, page-a11y.ts); their replies
 * are the page's and are parsed here (`pageFactsOf`) like any other page data.
 */
import { z } from 'zod';
import { A11Y_IMPACTS, A11Y_RULES_KEPT, A11yImpact, type PageFacts } from '../model';

/** The Performance API's view of the document's load, in ms from its start (raw, unparsed). */
export interface RawTimings {
  ttfb: number | null;
  domContentLoaded: number | null;
  load: number | null;
  lcp: number | null;
  /** The address of the document's load (the navigation entry's name) and the current one. */
  loadedUrl: string;
  url: string;
}

/** How long the page may take to hand over buffered LCP entries before there are taken to be none. */
const LCP_WAIT_MS = 200;

/** Runs in the page: the navigation entry's timings and the last largest-contentful-paint. */
export async function readTimings(): Promise<RawTimings> {
  const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  const positive = (value: number | undefined) => (value && value > 0 ? value : null);
  const lcp = await new Promise<number | null>((resolve) => {
    if (!PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) {
      resolve(null);
      return;
    }
    const observer = new PerformanceObserver((list) => {
      const last = list.getEntries().at(-1);
      observer.disconnect();
      resolve(last ? last.startTime : null);
    });
    observer.observe({ type: 'largest-contentful-paint', buffered: true });
    // Buffered entries come in the observer's first callback; none at all means no LCP (yet).
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, LCP_WAIT_MS);
  });
  return {
    ttfb: positive(nav?.responseStart),
    domContentLoaded: positive(nav?.domContentLoadedEventEnd),
    load: positive(nav?.loadEventEnd),
    lcp: positive(lcp ?? undefined),
    loadedUrl: nav?.name ?? location.href,
    url: location.href,
  };
}

/** The part of axe-core's API used here. */
interface Axe {
  version: string;
  run(
    context: Document,
    options: { resultTypes: string[]; iframes: boolean },
  ): Promise<{
    violations: { id: string; impact?: string | null; help: string; nodes: unknown[] }[];
  }>;
}

/** One broken rule as the page reports it (raw). */
export interface RawRule {
  id: string;
  impact: string | null;
  help: string;
  elements: number;
}

/** Runs in the page: axe-core's violations in the top document (frames are not entered). */
export async function checkAccessibility(axe: Axe): Promise<{ engine: string; rules: RawRule[] }> {
  const result = await axe.run(document, { resultTypes: ['violations'], iframes: false });
  return {
    engine: `axe-core ${axe.version}`,
    rules: result.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact ?? null,
      help: rule.help,
      elements: rule.nodes.length,
    })),
  };
}

const RawTimingsReply = z.object({
  ttfb: z.number().nullable(),
  domContentLoaded: z.number().nullable(),
  load: z.number().nullable(),
  lcp: z.number().nullable(),
  loadedUrl: z.string(),
  url: z.string(),
});
const RawA11yReply = z.object({
  engine: z.string(),
  rules: z.array(
    z.object({
      id: z.string(),
      impact: z.string().nullable(),
      help: z.string(),
      elements: z.number().int().nonnegative(),
    }),
  ),
});

/** The address without its fragment: a hash change alone is still the document's own load. */
const withoutHash = (url: string) => url.replace(/#.*$/s, '');
const ms = (value: number | null) =>
  value === null || !Number.isFinite(value) ? null : Math.min(3_600_000, Math.round(value));
const cut = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** What each reply gave: a value, or why there is none. */
export type FactReply =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'unsupported' | 'failed' | 'timeout' };

/**
 * The stored facts from the two replies (each may be missing, or malformed: a page can break
 * anything that runs in it). Rules are ordered most severe first, then by elements affected;
 * A11Y_RULES_KEPT are kept and the rest counted in `more` (the report says so).
 */
export function pageFactsOf(at: number, timings: FactReply, a11y: FactReply): PageFacts {
  const parsedTimings = timings.ok ? RawTimingsReply.safeParse(timings.value) : null;
  const parsedA11y = a11y.ok ? RawA11yReply.safeParse(a11y.value) : null;
  let accessibility: PageFacts['accessibility'] = null;
  if (parsedA11y?.success) {
    const rules = parsedA11y.data.rules.map((rule) => ({
      id: cut(rule.id, 100),
      // axe leaves impact null only for rules that passed; a violation without one counts as minor.
      impact: A11yImpact.safeParse(rule.impact).data ?? 'minor',
      elements: rule.elements,
      help: cut(rule.help, 300),
    }));
    const rank = (impact: string) => A11Y_IMPACTS.indexOf(impact as never);
    rules.sort((a, b) => rank(a.impact) - rank(b.impact) || b.elements - a.elements);
    const count = (impact: string) => rules.filter((rule) => rule.impact === impact).length;
    accessibility = {
      engine: cut(parsedA11y.data.engine, 40),
      critical: count('critical'),
      serious: count('serious'),
      moderate: count('moderate'),
      minor: count('minor'),
      elements: rules.reduce((sum, rule) => sum + rule.elements, 0),
      rules: rules.slice(0, A11Y_RULES_KEPT),
      more: Math.max(0, rules.length - A11Y_RULES_KEPT),
    };
  }
  const accessibilityMissing = accessibility ? null : a11y.ok ? 'failed' : a11y.reason;
  const t = parsedTimings?.success ? parsedTimings.data : null;
  return {
    at,
    accessibility,
    accessibilityMissing,
    timings: t && {
      ttfb: ms(t.ttfb),
      domContentLoaded: ms(t.domContentLoaded),
      load: ms(t.load),
      lcp: ms(t.lcp),
      sameDocument: withoutHash(t.loadedUrl) !== withoutHash(t.url),
    },
  };
}
