/**
 * What an action takes (Aaker, step 4: a high priority is also cost-effective to fix): its effort
 * S / M / L and an optional cost, in the action form and on each action of a step.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { EFFORTS, type Effort } from '../../lib/metrics/ownership';
import type { ActionEdit, ActionItem } from '../../lib/model';
import { costText } from '../../lib/report/owners';
import type { Locale } from '../../lib/taxonomy';
import { Field, SelectField } from '../shared/fields';

/** The model's most a cost can be (lib/model/records.ts ActionItem.cost). */
export const COST_MAX = 1e12;

/**
 * A typed cost: '' is none (null); spaces (also the narrow no-break ones a Russian number has)
 * are ignored and a decimal comma is read as a point. undefined: not a cost (the form says so).
 */
export function parseCost(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  if (!/^\d+(\.\d+)?$/.test(compact)) return undefined;
  const value = Number(compact);
  return value <= COST_MAX ? value : undefined;
}

export function effortOptions(t: Translate) {
  return [
    { value: '', label: t('ownEffortNone') },
    ...EFFORTS.map((e) => ({ value: e, label: t(`ownEffort_${e}`) })),
  ];
}

/** Effort and cost in the new-action form (the form owns the values; `costError` from parseCost). */
export function EffortCostFields(props: {
  t: Translate;
  effort: Effort | '';
  cost: string;
  onEffort: (effort: Effort | '') => void;
  onCost: (cost: string) => void;
}) {
  const { t } = props;
  return (
    <div class="row">
      <SelectField
        label={t('ownEffort')}
        value={props.effort}
        options={effortOptions(t)}
        onChange={(value) => props.onEffort(value as Effort | '')}
      />
      <CostInput t={t} label={t('ownCost')} value={props.cost} onInput={props.onCost} />
    </div>
  );
}

function CostInput(props: {
  t: Translate;
  label: string;
  value: string;
  onInput: (value: string) => void;
  onCommit?: () => void;
}) {
  const { t } = props;
  const bad = parseCost(props.value) === undefined;
  return (
    <Field
      label={props.label}
      hint={
        bad ? (
          <span class="limit over" role="alert">
            {t('ownCostBad', { text: props.value })}
          </span>
        ) : undefined
      }
    >
      {(id, describedBy) => (
        <input
          id={id}
          class="cost"
          inputMode="decimal"
          value={props.value}
          aria-invalid={bad}
          aria-describedby={describedBy}
          onInput={(e) => props.onInput(e.currentTarget.value)}
          onBlur={props.onCommit}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && props.onCommit) {
              e.preventDefault();
              props.onCommit();
            }
          }}
        />
      )}
    </Field>
  );
}

/** A cost as typed back into a field (no grouping, so it reads back the same). */
const costDraft = (cost: number | null | undefined) =>
  cost === null || cost === undefined ? '' : String(cost);

/** Effort and cost of an action of the step (saved as they change). */
export function ActionEffort(props: {
  action: ActionItem;
  t: Translate;
  update: (edit: ActionEdit) => void;
}) {
  const { action, t } = props;
  const [cost, setCost] = useState(costDraft(action.cost));
  useEffect(() => setCost(costDraft(action.cost)), [action.cost]);
  const commitCost = () => {
    const value = parseCost(cost);
    if (value === undefined || value === (action.cost ?? null)) return;
    props.update({ cost: value });
  };
  return (
    <div class="row action-effort">
      <SelectField
        label={t('ownEffortOf', { what: action.what })}
        value={action.effort ?? ''}
        options={effortOptions(t)}
        onChange={(value) => props.update({ effort: value === '' ? null : (value as Effort) })}
      />
      <CostInput
        t={t}
        label={t('ownCostOf', { what: action.what })}
        value={cost}
        onInput={setCost}
        onCommit={commitCost}
      />
    </div>
  );
}

/** " · effort S · cost 12 500" after an action's owner and due date ('' when neither is given). */
export function effortText(
  action: Pick<ActionItem, 'effort' | 'cost'>,
  t: Translate,
  locale: Locale,
): string {
  return [
    action.effort ? t('ownEffortShort', { effort: action.effort }) : '',
    action.cost === null || action.cost === undefined
      ? ''
      : t('ownCostShort', { cost: costText(action.cost, locale) }),
  ]
    .filter(Boolean)
    .map((part) => ` · ${part}`)
    .join('');
}
