/** Labelled form controls: every control has an accessible name. */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export function Field({
  label,
  children,
}: {
  label: string;
  children: (id: string) => ComponentChildren;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A one-line text input with its label. */
export function TextField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  type?: 'text' | 'datetime-local';
}) {
  const { label, onInput, ...attrs } = props;
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          {...(attrs as JSX.IntrinsicElements['input'])}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  name?: string;
}) {
  return (
    <Field label={props.label}>
      {(id) => (
        <select
          id={id}
          name={props.name}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An integer score picked from a row of buttons (1–5, 0–10 …); clicking the chosen one clears it. */
export function ScoreButtons(props: {
  label: string;
  min: number;
  max: number;
  value: number | null;
  onChange: (value: number | null) => void;
}) {
  const values = Array.from({ length: props.max - props.min + 1 }, (_, i) => props.min + i);
  return (
    <div
      class={`score-buttons${values.length > 6 ? ' wide' : ''}`}
      role="group"
      aria-label={props.label}
    >
      <span class="score-label" aria-hidden="true">
        {props.label}
      </span>
      {values.map((n) => (
        <button
          type="button"
          key={n}
          class={props.value === n ? 'chosen' : undefined}
          aria-pressed={props.value === n}
          aria-label={`${props.label} ${n}`}
          onClick={() => props.onChange(props.value === n ? null : n)}
        >
          {n}
        </button>
      ))}
    </div>
  );
}

/**
 * A text field that keeps what the auditor types locally and commits it on blur (or Enter in a
 * one-line field), so live updates from the database never overwrite text being typed.
 */
export function CommitText(props: {
  label: string;
  value: string;
  maxLength: number;
  multiline?: boolean;
  placeholder?: string;
  clearOnCommit?: boolean;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  const commit = () => {
    focused.current = false;
    if (draft !== props.value) props.onCommit(draft);
    if (props.clearOnCommit) setDraft('');
  };
  const common = {
    value: draft,
    maxLength: props.maxLength,
    placeholder: props.placeholder,
    onFocus: () => (focused.current = true),
    onBlur: commit,
  };
  return (
    <Field label={props.label}>
      {(id) =>
        props.multiline ? (
          <textarea id={id} rows={3} {...common} onInput={(e) => setDraft(e.currentTarget.value)} />
        ) : (
          <input
            id={id}
            {...common}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        )
      }
    </Field>
  );
}
