/** The report's shared words (lib/report/words.ts): one wording for the report, slides and panel. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../lib/i18n';
import type { MeasurementResult, WeakReason } from '../../lib/metrics';
import type { ChecklistTemplate, Standard } from '../../lib/model';
import {
  complianceText,
  impactText,
  measurementText,
  measureText,
  outcomeText,
  percentText,
  reasonText,
  standardsMetText,
  type MethodNames,
} from '../../lib/report/words';

const standard: Standard = {
  id: 'callback',
  name: 'Callback',
  target: 2,
  unit: 'hours',
  measure: 'between',
  answerChannels: ['phone'],
  hidden: false,
};
const form: ChecklistTemplate = {
  id: 'form',
  name: 'Form',
  types: [],
  stages: [],
  items: [{ id: 'consent', text: 'Asks for consent', weight: 1, critical: true }],
  hidden: false,
};
const names: MethodNames = {
  checklists: [form],
  standardsById: new Map([[standard.id, standard]]),
};

describe('standardsMetText', () => {
  it('shows met/measured, or a dash when nothing was measured', () => {
    expect(standardsMetText({ met: 3, measured: 4 })).toBe('3/4');
    expect(standardsMetText({ met: 0, measured: 1 })).toBe('0/1');
    expect(standardsMetText({ met: 0, measured: 0 })).toBe('—');
  });
});

describe('outcomeText', () => {
  it('words how a walk ended, or that it is still in progress', () => {
    const t = translator('en');
    expect(outcomeText('goal-reached', t)).toBe(t('outcome_goal-reached'));
    expect(outcomeText('blocked', t)).toBe(t('outcome_blocked'));
    expect(outcomeText(null, t)).toBe(t('inProgress'));
  });
});

describe('percentText and complianceText', () => {
  it('round to a whole percent in the reader’s language, a dash for none', () => {
    expect(percentText(83.4, 'en')).toBe('83 %');
    expect(percentText(null, 'ru')).toBe('—');
    expect(complianceText({ percent: 99.6 }, 'en')).toBe('100 %');
    expect(complianceText({ percent: null }, 'en')).toBe('—');
  });
});

describe('reasonText', () => {
  const t = translator('en');
  it.each<[WeakReason, string]>([
    [{ kind: 'flagged' }, t('weakFlagged')],
    [{ kind: 'poor-experience', experience: 2 }, t('weakPoor', { score: 2 })],
    [
      { kind: 'critical-item', templateId: 'form', itemId: 'consent' },
      t('weakCritical', { item: 'Asks for consent' }),
    ],
    [
      { kind: 'standard', measurementId: 'm', standardId: 'callback' },
      t('weakStandard', { standard: 'Callback' }),
    ],
    // Gone from the method: named by id rather than dropped.
    [
      { kind: 'critical-item', templateId: 'gone', itemId: 'x.item' },
      t('weakCritical', { item: 'x.item' }),
    ],
    [
      { kind: 'standard', measurementId: 'm', standardId: 'gone' },
      t('weakStandard', { standard: 'gone' }),
    ],
  ])('words %j', (reason, text) => {
    expect(reasonText(reason, names, t, 'en')).toBe(text);
  });
});

describe('measurementText', () => {
  it('gives the measured time against the target and the verdict', () => {
    const t = translator('en');
    const result = {
      measurement: { id: 'm' },
      standard,
      status: 'fail',
      running: false,
      measuredMs: 3 * 3_600_000,
      limitMs: 2 * 3_600_000,
      endStepId: null,
    } as unknown as MeasurementResult;
    const text = measurementText(result, t, 'en');
    expect(text).toContain('Callback');
    expect(text).toContain('3 h 0 min');
    expect(text).toContain('≤ 2 h');
    expect(text).toContain(t('standard_fail'));
    expect(measurementText({ ...result, standard: undefined }, t, 'en')).toContain(
      t('standardRemoved'),
    );
  });
});

describe('impactText', () => {
  it.each([
    [2, '+2'],
    [10, '+10'],
    [-3, '\u22123'],
    [0, '±0'],
    [-0, '±0'],
    [null, ''],
  ])('shows %j as %j', (impact, text) => {
    expect(impactText(impact)).toBe(text);
  });

  it('uses a real minus sign, never a hyphen', () => {
    expect(impactText(-3)).toBe('−3');
    expect(impactText(-3)).not.toContain('-');
  });
});

describe('measureText', () => {
  it.each([
    [
      { metric: 'callbacks within 2 h', baseline: '40 %', target: '95 %' },
      'callbacks within 2 h: 40 % → 95 %',
    ],
    [{ metric: 'callbacks within 2 h', baseline: '', target: '' }, 'callbacks within 2 h'],
    [{ metric: '', baseline: '40 %', target: '95 %' }, '40 % → 95 %'],
    [{ metric: '', baseline: '', target: '95 %' }, '95 %'],
    [{ metric: 'NPS', baseline: '', target: '50' }, 'NPS: 50'],
    [{ metric: 'NPS', baseline: '20', target: '' }, 'NPS: 20'],
    [{ metric: '', baseline: '', target: '' }, ''],
  ])('shows %j as %j', (action, text) => {
    expect(measureText(action)).toBe(text);
  });
});
