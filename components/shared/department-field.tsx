/**
 * Who owns a touchpoint: the owning department (offered from the departments the audit already
 * uses) and who controls it (ours, a partner, a third party). Used by the Method page's types and
 * the side panel's steps. The department is trimmed (inner runs of spaces collapsed) and the field
 * says so; a name over the limit is not saved, the field says by how much.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { cleanDepartment, CONTROLS } from '../../lib/metrics/ownership';
import type { Control, Ownership } from '../../lib/model';
import { Field, isTooLong, LimitHint } from './fields';

/** The model's limit of a department name (lib/model/method.ts Ownership). */
export const DEPARTMENT_MAX = 200;

/** The department's text field with the audit's departments offered; commits on blur or Enter. */
export function DepartmentField(props: {
  t: Translate;
  label: string;
  value: string;
  departments: readonly string[];
  onCommit: (department: string) => void;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.value);
  const [changed, setChanged] = useState<string | null>(null);
  const focused = useRef(false);
  const sent = useRef<string | null>(null);
  const listId = useId();
  useEffect(() => {
    sent.current = null;
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  const tooLong = isTooLong(draft, DEPARTMENT_MAX);
  const commit = () => {
    focused.current = false;
    if (tooLong) return;
    const { value, changed: trimmed } = cleanDepartment(draft);
    setChanged(trimmed ? t('ownDepartmentTrimmed', { value }) : null);
    setDraft(value);
    if (value !== props.value && value !== sent.current) {
      sent.current = value;
      props.onCommit(value);
    }
  };
  return (
    <Field
      label={props.label}
      hint={<LimitHint t={t} length={draft.length} limit={DEPARTMENT_MAX} changed={changed} />}
    >
      {(id, describedBy) => (
        <>
          <input
            id={id}
            class="department"
            list={listId}
            value={draft}
            aria-invalid={tooLong}
            aria-describedby={describedBy}
            onFocus={() => (focused.current = true)}
            onBlur={commit}
            onInput={(e) => {
              setChanged(null);
              setDraft(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
              }
            }}
          />
          <datalist id={listId}>
            {props.departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/** The control choices, "not said" first (no owner). */
export function controlOptions(t: Translate): { value: Control | ''; label: string }[] {
  return [
    { value: '', label: t('ownControlNone') },
    ...CONTROLS.map((c) => ({ value: c, label: t(`ownControl_${c}`) })),
  ];
}

/**
 * The owner after the department is typed: with no owner yet, a department makes one that is
 * "ours" (the select shows it); clearing the department keeps the control.
 */
export function withDepartment(owner: Ownership | undefined, department: string): Ownership {
  return { department, control: owner?.control ?? 'own' };
}

/** The owner after the control is chosen ('' = not said: no owner at all). */
export function withControl(
  owner: Ownership | undefined,
  control: Control | '',
): Ownership | undefined {
  return control === '' ? undefined : { department: owner?.department ?? '', control };
}
