/**
 * The report's words shared by the report (page and export), the slides and the side panel, in
 * the reader's language: brands, findings, measures of success, and what the method says of a
 * step (compliance, the change of likelihood, weak-link reasons, measured standards). Pure.
 */
import { formatDuration, formatNumber, translator, type Translate } from '../i18n';
import type { Compliance, MeasurementResult, StandardsTally, WeakReason } from '../metrics';
import type { ActionItem, ChecklistTemplate, Journey, Outcome, Standard } from '../model';
import { formatTarget, itemText, stageLabel, standardName, type Locale } from '../taxonomy';
import type { ReportModel } from './model';
import type { Finding } from './summary';

/** "Brightline (own brand)". */
export function brandLabel(
  journey: Pick<Journey, 'brandName' | 'brandRole'> | undefined,
  t: Translate,
): string {
  if (!journey) return '—';
  return `${journey.brandName} (${t(journey.brandRole === 'own' ? 'roleOwn' : 'roleCompetitor')})`;
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
  const brand = (id: string) => brandLabel(journeyOf(model, id), t);
  switch (f.kind) {
    case 'stage-wins':
      return t('findingStageWins', {
        brand: brand(f.journeyId),
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
    case 'standard-failed': {
      const standard = model.method.standards.find((s) => s.id === f.standardId);
      return t('findingStandard', {
        brand: brand(f.journeyId),
        standard: standard ? standardName(standard, locale) : f.standardId,
        n: f.seq,
        measured: formatDuration(f.measuredMs, locale),
        target: standard ? formatTarget(standard, locale) : '—',
      });
    }
    case 'critical-failed': {
      const template = model.method.checklists.find((c) => c.id === f.templateId);
      const item = template?.items.find((i) => i.id === f.itemId);
      return t('findingCritical', {
        brand: brand(f.journeyId),
        n: f.seq,
        item: item ? itemText(f.templateId, item, locale) : f.itemId,
      });
    }
    case 'moved-choice': {
      const step = model.journeys
        .find((j) => j.journey.id === f.journeyId)
        ?.steps.find((s) => s.touchpoint.seq === f.seq);
      return t('findingMoved', {
        brand: brand(f.journeyId),
        n: f.seq,
        title: step?.touchpoint.title || t('untitled'),
        change: f.change > 0 ? `+${f.change}` : `−${-f.change}`,
      });
    }
  }
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
