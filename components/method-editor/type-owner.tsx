/** The owner of a touchpoint type on the Method page: its department and who controls it. */
import type { Translate } from '../../lib/i18n';
import { usedDepartments } from '../../lib/metrics/ownership';
import type { Control, Ownership, TouchpointType } from '../../lib/model';
import { ownerText } from '../../lib/report/owners';
import {
  controlOptions,
  DepartmentField,
  withControl,
  withDepartment,
} from '../shared/department-field';
import type { EntryActions } from './changes';
import { Select } from './controls';

/** The departments the method's types already name (offered when typing one). */
export function typeDepartments(types: readonly TouchpointType[]): string[] {
  return usedDepartments(types.map((type) => type.owner));
}

/** The type with `owner` (none: the key left out, so the type is stored as it ships). */
function ownedBy(type: TouchpointType, owner: Ownership | undefined): TouchpointType {
  const rest = { ...type };
  delete rest.owner;
  return owner ? { ...rest, owner } : rest;
}

export function TypeOwnerCell(props: {
  t: Translate;
  type: TouchpointType;
  entry: EntryActions<TouchpointType>;
  departments: readonly string[];
}) {
  const { t, type, entry } = props;
  const { name } = entry;
  // The new owner is made from the type as stored when the edit applies, not as last drawn: a
  // department committed on blur and a control chosen right after both stay.
  const save = (change: (owner: Ownership | undefined) => Ownership | undefined) =>
    entry.edit(
      (current) => ownedBy(current, change(current.owner)),
      entry.field(t('ownMpField'), ownerText(change(type.owner), t, t('ownMpNoOwner'))),
    );
  return (
    <td class="col-owner">
      <DepartmentField
        t={t}
        label={t('ownDepartmentOf', { name })}
        value={type.owner?.department ?? ''}
        departments={props.departments}
        onCommit={(department) => {
          if (!type.owner && !department) return;
          save((owner) => withDepartment(owner, department));
        }}
      />
      <Select<Control | ''>
        label={t('ownControlOf', { name })}
        value={type.owner?.control ?? ''}
        options={controlOptions(t)}
        onChange={(control) => save((owner) => withControl(owner, control))}
      />
    </td>
  );
}
