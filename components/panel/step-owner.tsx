/**
 * Who owns one step, in the side panel's step details (folded: it is set per touchpoint type on
 * the Method page; a step says otherwise only when it differs). The resolved owner is the step's,
 * else its type's (lib/metrics/ownership resolveOwner).
 */
import type { Translate } from '../../lib/i18n';
import { resolveOwner, usedDepartments } from '../../lib/metrics/ownership';
import type { Control, Ownership, Step, StepEdit, TouchpointType } from '../../lib/model';
import { ownerText } from '../../lib/report/owners';
import {
  controlOptions,
  DepartmentField,
  withControl,
  withDepartment,
} from '../shared/department-field';
import { SelectField } from '../shared/fields';

/** The departments the method's types name, computed once per resolved method. */
const departmentsOf = new WeakMap<readonly TouchpointType[], string[]>();
function typeDepartments(types: readonly TouchpointType[]): string[] {
  let list = departmentsOf.get(types);
  if (!list) departmentsOf.set(types, (list = usedDepartments(types.map((type) => type.owner))));
  return list;
}

export function StepOwner(props: {
  step: Step;
  types: readonly TouchpointType[];
  t: Translate;
  onEdit: (edit: StepEdit) => void;
}) {
  const { step, types, t } = props;
  const type = step.typeId === null ? undefined : types.find((x) => x.id === step.typeId);
  const typeOwner = type?.owner;
  const resolved = resolveOwner(step, new Map(type ? [[type.id, type]] : []));
  const departments = usedDepartments([
    ...typeDepartments(types).map((department) => ({ department })),
    step.owner,
  ]);
  const save = (owner: Ownership | undefined) => props.onEdit({ owner });
  const status =
    resolved === null
      ? t('ownStepNone')
      : resolved.from === 'type'
        ? t('ownStepFromType', { owner: ownerText(resolved, t) })
        : t('ownStepFromStep', { owner: ownerText(typeOwner, t, t('ownStepTypeNone')) });
  return (
    <details class="step-owner">
      <summary>
        {t('ownStepOwner')}: {ownerText(resolved, t)}
      </summary>
      <p class="muted step-owner-status">{status}</p>
      <div class="row">
        <DepartmentField
          t={t}
          label={t('ownDepartment')}
          value={resolved?.department ?? ''}
          departments={departments}
          onCommit={(department) => {
            if (!resolved && !department) return;
            save(withDepartment(resolved ?? undefined, department));
          }}
        />
        <SelectField
          label={t('ownControl')}
          value={resolved?.control ?? ''}
          options={controlOptions(t).filter((o) => o.value !== '' || !resolved)}
          onChange={(control) => {
            const next = withControl(resolved ?? undefined, control as Control | '');
            if (next) save(next);
          }}
        />
      </div>
      {step.owner && (
        <button type="button" onClick={() => save(undefined)}>
          {t('ownStepClear')}
        </button>
      )}
    </details>
  );
}
