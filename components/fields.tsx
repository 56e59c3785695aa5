/** Labelled form controls: every control has an accessible name. */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

export function Field({ label, children }: { label: string; children: (id: string) => ComponentChildren }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id)}
    </div>
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
    <div class="score-buttons" role="group" aria-label={props.label}>
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
