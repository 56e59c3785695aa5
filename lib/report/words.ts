/**
 * The report's words shared by the report (page and export), the slides and the side panel, in
 * the reader's language: brands, findings, measures of success, and what the method says of a
 * step (compliance, the change of likelihood, weak-link reasons, measured standards). Pure.
 */
import { formatDuration, formatNumber, translator, type Translate } from '../i18n';
import type { Compliance, MeasurementResult, StandardsTally, WeakReason } from '../metrics';
import type {
  ActionItem,
  BrandRole,
  ChecklistTemplate,
  Journey,
  Outcome,
  Standard,
  Wave,
} from '../model';
import {
  channelLabel,
  formatTarget,
  itemText,
  stageLabel,
  standardName,
  typeName,
  type Locale,
} from '../taxonomy';
import { targetName } from './blind-spots';
import { brandLabels, walkLabels, type LabelWords } from './labels';
import type { ReportModel } from './model';
import type { Finding } from './summary';

/** The words walk and brand labels need, in the reader's language. */
export function labelWords(t: Translate): LabelWords {
  return {
    noPersona: t('labelNoPersona'),
    noAuditor: t('labelNoAuditor'),
    noWave: t('labelNoWave'),
    noDomain: t('labelNoDomain'),
    unknownBrand: t('labelUnknownBrand'),
    role: { own: t('roleOwn'), competitor: t('roleCompetitor'), benchmark: t('roleBenchmark') },
  };
}

/** A brand's role in words: "own", "competitor", "benchmark". */
export function roleText(role: BrandRole, t: Translate): string {
  return t(role === 'own' ? 'roleOwn' : role === 'competitor' ? 'roleCompetitor' : 'roleBenchmark');
}

const INTL_TAGS: Record<Locale, string> = { en: 'en-GB', ru: 'ru-RU' };
const rangeFormats: Partial<Record<Locale, Intl.DateTimeFormat>> = {};

/**
 * A wave's period: "1–31 Jan 2027", "28 Dec 2026 – 3 Jan 2027"; one day once ("5 Jan 2027"),
 * never the same date twice. Local days (a wave's start and end are local midnights). The one
 * wording of a period: the panel, the report, its pickers and the slides.
 */
export function periodText(wave: Pick<Wave, 'start' | 'end'>, locale: Locale): string {
  const format = (rangeFormats[locale] ??= new Intl.DateTimeFormat(INTL_TAGS[locale], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }));
  return wave.end > wave.start && format.format(wave.start) !== format.format(wave.end)
    ? format.formatRange(wave.start, wave.end)
    : format.format(wave.start);
}

/** Every walk and brand of a report labelled (walkLabels, brandLabels), in one language. */
export interface ReportLabels {
  walk: (journeyId: string) => string;
  brand: (brandId: string) => string;
  /** "Brightline (own)": the brand's label and role. */
  brandWithRole: (brandId: string) => string;
}

const labelCache = new WeakMap<ReportModel, Map<Locale, ReportLabels>>();

/**
 * The labels of a report's walks and brands: computed once over every walk the report shows (the
 * compared wave's walks of every segment and the walks of every wave), so no two walks of one
 * report share a label and a walk has the same label in every section.
 */
export function reportLabels(model: ReportModel, locale: Locale): ReportLabels {
  const cached = labelCache.get(model)?.get(locale);
  if (cached) return cached;
  const t = translator(locale);
  const words = labelWords(t);
  const walks = new Map<string, Journey>();
  for (const w of [...model.segmentWalks, ...model.history.flatMap((h) => h.walks)])
    walks.set(w.journey.id, w.journey);
  const walkNames = walkLabels(
    [...walks.values()],
    model.allBrands,
    model.allWaves,
    (id) => channelLabel(id, locale, model.method),
    words,
  );
  const brandNames = brandLabels(model.allBrands, words);
  const roles = new Map(model.allBrands.map((b) => [b.id, b.role]));
  const labels: ReportLabels = {
    walk: (id) => walkNames.get(id) ?? '—',
    brand: (id) => brandNames.get(id) ?? '—',
    brandWithRole: (id) => {
      const role = roles.get(id);
      return role ? `${brandNames.get(id)} (${roleText(role, t)})` : '—';
    },
  };
  labelCache.set(model, (labelCache.get(model) ?? new Map()).set(locale, labels));
  return labels;
}

/** How a walk ended, or "in progress" while it has not. */
export function outcomeText(outcome: Outcome | null, t: Translate): string {
  return outcome === null ? t('inProgress') : t(`outcome_${outcome}`);
}

export function journeyOf(model: ReportModel, id: string): Journey | undefined {
  return model.journeys.find((j) => j.journey.id === id)?.journey;
}

/** A finding in words (the same wording as the report's executive summary). */
export function findingWords(f: Finding, model: ReportModel, locale: Locale): string {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const brand = labels.brandWithRole;
  const walk = labels.walk;
  switch (f.kind) {
    case 'stage-wins':
      return t('findingStageWins', {
        brand: brand(f.brandId),
        n: f.stages.length,
        of: f.of,
        stages: f.stages.map((s) => stageLabel(s, locale)).join(', '),
      });
    case 'gap':
      return t('findingGap', {
        stage: stageLabel(f.stage, locale),
        gap: formatNumber(f.gap, locale),
        leader: brand(f.leaderId),
      });
    case 'lead':
      return t('findingLead', {
        stage: stageLabel(f.stage, locale),
        lead: formatNumber(f.lead, locale),
        rival: brand(f.rivalId),
      });
    case 'standard-failed': {
      const standard = model.method.standards.find((s) => s.id === f.standardId);
      return t('findingStandard', {
        brand: walk(f.journeyId),
        standard: standard ? standardName(standard, locale) : f.standardId,
        n: f.seq,
        measured: formatDuration(f.measuredMs, locale),
        target: standard ? formatTarget(standard, locale) : '—',
      });
    }
    case 'inventory-absent':
    case 'inventory-unchecked':
      return t(
        f.kind === 'inventory-absent' ? 'findingInventoryAbsent' : 'findingInventoryUnchecked',
        { brand: brand(f.brandId), list: inventoryList(f.gaps, model, locale) },
      );
    case 'critical-failed': {
      const template = model.method.checklists.find((c) => c.id === f.templateId);
      const item = template?.items.find((i) => i.id === f.itemId);
      return t('findingCritical', {
        brand: walk(f.journeyId),
        n: f.seq,
        item: item ? itemText(f.templateId, item, locale) : f.itemId,
      });
    }
    case 'moved-choice': {
      const step = model.journeys
        .find((j) => j.journey.id === f.journeyId)
        ?.steps.find((s) => s.touchpoint.seq === f.seq);
      return t('findingMoved', {
        brand: walk(f.journeyId),
        n: f.seq,
        title: step?.touchpoint.title || t('untitled'),
        change: f.change > 0 ? `+${f.change}` : `−${-f.change}`,
      });
    }
    case 'blind-spot':
      return t('findingBlindSpot', {
        target: targetName(f.target, model.method.types, locale, t),
        expected: formatNumber(f.expected, locale),
        found: formatNumber(f.found, locale),
        brand: brand(f.brandId),
        gap: formatNumber(f.expected - f.found, locale),
      });
  }
}

/** How many touchpoints a finding of the inventory names before "and N more". */
export const INVENTORY_FINDING_TYPES = 6;

/** "Mobile app (Skyport), Web chat (Skyport, AeroJet)", at most INVENTORY_FINDING_TYPES named. */
function inventoryList(
  gaps: readonly { typeId: string; have: readonly string[] }[],
  model: ReportModel,
  locale: Locale,
): string {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const named = gaps.slice(0, INVENTORY_FINDING_TYPES).map(({ typeId, have }) => {
    const type = model.method.types.find((x) => x.id === typeId) ?? { id: typeId, name: '' };
    return `${typeName(type, locale)} (${have.map((id) => labels.brand(id)).join(', ')})`;
  });
  const list = named.join(', ');
  const more = gaps.length - named.length;
  return more > 0 ? t('invListMore', { list, n: more }) : list;
}

/** An action's measure of success, e.g. "callbacks within 2 h: 40 % → 95 %" (`arrow` between). */
export function measureText(
  action: Pick<ActionItem, 'metric' | 'baseline' | 'target'>,
  arrow = '→',
): string {
  const range = [action.baseline, action.target].filter(Boolean).join(` ${arrow} `);
  return [action.metric, range].filter(Boolean).join(': ');
}

/** A share 0–100 as "83 %", or "—" for none. */
export function percentText(percent: number | null, locale: Locale): string {
  return percent === null ? '—' : `${formatNumber(percent, locale, 0)} %`;
}

/** Checklist compliance as "83 %", or "—" when nothing was answered yes or no. */
export function complianceText(c: Pick<Compliance, 'percent'>, locale: Locale): string {
  return percentText(c.percent, locale);
}

/** Standards met as "3/4", or "—" when none was measured. */
export function standardsMetText(tally: StandardsTally): string {
  return tally.measured ? `${tally.met}/${tally.measured}` : '—';
}

/** A change of the likelihood to choose: "+2", "−3" (a real minus), "±0"; "" for none. */
export function impactText(impact: number | null): string {
  if (impact === null) return '';
  return impact > 0 ? `+${impact}` : impact < 0 ? `−${-impact}` : '±0';
}

/** What naming a weak-link reason needs of the method: its checklists and standards by id. */
export interface MethodNames {
  checklists: readonly ChecklistTemplate[];
  standardsById: ReadonlyMap<string, Standard>;
}

/** The report's method as MethodNames. */
export function reportMethodNames(model: ReportModel): MethodNames {
  return {
    checklists: model.method.checklists,
    standardsById: new Map(model.method.standards.map((s) => [s.id, s])),
  };
}

/** One line per reason a step is a weak link. */
export function reasonText(
  reason: WeakReason,
  names: MethodNames,
  t: Translate,
  locale: Locale,
): string {
  switch (reason.kind) {
    case 'flagged':
      return t('weakFlagged');
    case 'poor-experience':
      return t('weakPoor', { score: reason.experience });
    case 'critical-item': {
      const template = names.checklists.find((c) => c.id === reason.templateId);
      const item = template?.items.find((i) => i.id === reason.itemId);
      return t('weakCritical', {
        item: item ? itemText(reason.templateId, item, locale) : reason.itemId,
      });
    }
    case 'standard': {
      const standard = names.standardsById.get(reason.standardId);
      return t('weakStandard', {
        standard: standard ? standardName(standard, locale) : reason.standardId,
      });
    }
  }
}

/** Measured vs the standard, e.g. "26 h 0 min (standard ≤ 2 h): failed". */
export function measurementText(r: MeasurementResult, t: Translate, locale: Locale): string {
  const name = r.standard ? standardName(r.standard, locale) : t('standardRemoved');
  const target = r.standard ? formatTarget(r.standard, locale) : '';
  const measured = r.measuredMs === null ? '—' : formatDuration(r.measuredMs, locale);
  return t('measuredVs', { name, measured, target, status: t(`standard_${r.status}`) });
}
