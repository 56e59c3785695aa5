/**
 * The report's words shared by the report (page and export) and the slides, in the reader's
 * language. Pure.
 */
import { formatDuration, formatNumber, translator, type Translate } from '../i18n';
import type { ActionItem, Journey } from '../model';
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

/** An action's measure of success, e.g. "callbacks within 2 h: 40 % → 95 %". */
export function measureText(action: Pick<ActionItem, 'metric' | 'baseline' | 'target'>): string {
  const range = [action.baseline, action.target].filter(Boolean).join(' → ');
  return [action.metric, range].filter(Boolean).join(': ');
}
