/** Customer status per stage (lib/taxonomy/status.ts) and the built-ins after the sale. */
import { describe, expect, it } from 'vitest';
import { AuditMethod, EMPTY_METHOD, type CustomStage } from '../../lib/model';
import { applicableChecklists, combineCompliance, stepCompliance } from '../../lib/metrics';
import {
  BUILTIN_CHECKLISTS,
  BUILTIN_STANDARDS,
  BUILTIN_TYPES,
  compareStages,
  groupByStatus,
  resolveChecklists,
  stageStatus,
  STAGE_IDS,
  STAGES,
  statusLabel,
} from '../../lib/taxonomy';

const withStages = (stages: CustomStage[]): AuditMethod =>
  AuditMethod.parse({ ...EMPTY_METHOD, stages });

describe('stageStatus', () => {
  const method = withStages([
    { name: 'Warranty repair', after: 'support' },
    { name: 'Trial', after: 'onboarding', status: 'prospect' },
    { name: 'Audit of the account', after: null },
    { name: 'Referral bonus', after: null, status: 'customer' },
    { name: 'Renamed', after: 'no-such-stage' },
  ]);

  it('gives a built-in stage its own status', () => {
    expect(stageStatus('first-mention', method)).toBe('prospect');
    expect(stageStatus('delivery', method)).toBe('prospect');
    expect(stageStatus('onboarding', method)).toBe('customer');
    expect(stageStatus('feedback', method)).toBe('customer');
    expect(stageStatus('cancellation', method)).toBe('former');
    expect(stageStatus('settlement', undefined)).toBe('former');
  });

  it('gives a custom stage its own status, else that of the stage it follows, else the last', () => {
    expect(stageStatus('Warranty repair', method)).toBe('customer');
    expect(stageStatus('Trial', method)).toBe('prospect');
    expect(stageStatus('Audit of the account', method)).toBe('former');
    expect(stageStatus('Referral bonus', method)).toBe('customer');
    expect(stageStatus('Renamed', method)).toBe('former');
    expect(stageStatus('A stage since removed', method)).toBe('former');
    expect(stageStatus('A stage since removed', undefined)).toBe('former');
  });

  it('orders stages by status, then in lifecycle order', () => {
    const sorted = [
      'Referral bonus',
      'settlement',
      'Warranty repair',
      'Trial',
      'support',
      'first-mention',
      'cancellation',
      'Audit of the account',
      'delivery',
    ].sort((a, b) => compareStages(a, b, method));
    expect(sorted).toEqual([
      'first-mention',
      'delivery',
      'Trial',
      'support',
      'Warranty repair',
      'Referral bonus',
      'cancellation',
      'settlement',
      'Audit of the account',
    ]);
  });

  it('groups items under their status, in the customer’s order, empty ones left out', () => {
    const groups = groupByStatus(['cancellation', 'information', 'offer'], (s) => s, method);
    expect(groups).toEqual([
      { status: 'prospect', items: ['information', 'offer'] },
      { status: 'former', items: ['cancellation'] },
    ]);
    expect(statusLabel('customer', 'en')).toBe('Current customer');
    expect(statusLabel('prospect', 'ru')).toBe('Потенциальный клиент');
  });
});

describe('built-ins after the sale', () => {
  const AFTER_SALE = [
    'contract',
    'invoice',
    'delivery',
    'onboarding',
    'support-request',
    'feedback',
    'cancellation',
    'closing',
  ];

  it('has every checklist after the sale, in English and Russian', () => {
    for (const id of AFTER_SALE) {
      const template = BUILTIN_CHECKLISTS.find((c) => c.id === id);
      expect(template, id).toBeDefined();
      for (const item of template!.items) {
        expect(item.en, item.id).toMatch(/^[A-Z].*\?$/);
        expect(item.ru, item.id).toMatch(/^[А-ЯЁ].*\?$/);
      }
    }
  });

  it('offers a checklist to every built-in type and every stage after the sale', () => {
    const templates = resolveChecklists(EMPTY_METHOD);
    const afterSale = STAGE_IDS.filter(
      (stage) => STAGES[stage].group !== 'prospect' || ['contract', 'delivery'].includes(stage),
    );
    for (const type of BUILTIN_TYPES.filter((t) => afterSale.includes(t.stage))) {
      if (['knowledge-base', 'repeat-order-offer', 'loyalty-programme'].includes(type.id)) continue;
      const shown = applicableChecklists(
        { typeId: type.id, stage: type.stage, checklists: [], checks: [] },
        templates,
      );
      expect(
        shown.some((t) => AFTER_SALE.includes(t.id)),
        type.id,
      ).toBe(true);
    }
    // A step in one of these stages with no type still gets the stage's checklist.
    for (const [stage, id] of [
      ['support', 'support-request'],
      ['cancellation', 'cancellation'],
      ['feedback', 'feedback'],
      ['documents', 'closing'],
      ['settlement', 'closing'],
    ] as const) {
      const shown = applicableChecklists(
        { typeId: null, stage, checklists: [], checks: [] },
        templates,
      );
      expect(
        shown.map((t) => t.id),
        stage,
      ).toContain(id);
    }
  });

  it('has standards for the invoice, the receipt, delivery, support, documents and refunds', () => {
    const ids = BUILTIN_STANDARDS.map((s) => s.id);
    for (const id of [
      'invoice-issued',
      'receipt-after-payment',
      'delivery-after-order',
      'support-first-answer',
      'closing-documents-sent',
      'refund-paid',
    ])
      expect(ids).toContain(id);
  });

  it('leaves an old step’s compliance as it was: new unanswered items do not count', () => {
    // A support step answered before the new built-ins: email reply, one yes (9) and one no (5).
    const step = {
      typeId: 'support-ticket',
      stage: 'support',
      checklists: [],
      checks: [
        { templateId: 'email-reply', itemId: 'email-reply.answers-all', answer: 'yes' as const },
        { templateId: 'email-reply', itemId: 'email-reply.personal', answer: 'no' as const },
      ].map((c) => ({ ...c, comment: '', screenshotId: null })),
    };
    const before = resolveChecklists(EMPTY_METHOD).filter((t) => t.id === 'email-reply');
    const now = resolveChecklists(EMPTY_METHOD);
    const old = stepCompliance(step, before);
    const current = stepCompliance(step, now);
    // 9 / (9 + 5) = 64.29 %, before and after.
    expect(old.percent).toBeCloseTo((100 * 9) / 14, 10);
    expect(current.percent).toBe(old.percent);
    expect(current.answeredWeight).toBe(14);
    // The support checklist now shows on the step, its nine items unanswered.
    expect(current.unanswered - old.unanswered).toBe(9);
    expect(combineCompliance([current]).failedCritical).toEqual(old.failedCritical);
  });
});
