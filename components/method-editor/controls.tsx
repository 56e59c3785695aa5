/** Small controls of the method editor: checkboxes, selects, numbers and disclosures. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Field, SelectField } from '../shared/fields';

export interface Choice<V extends string> {
  value: V;
  label: string;
}

export function Check(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The accessible name when it differs from the visible label. */
  ariaLabel?: string;
  children?: ComponentChildren;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        checked={props.checked}
        aria-label={props.ariaLabel}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {props.label}
      {props.children}
    </label>
  );
}

/** A checkbox named by `label` alone (in a table cell). */
export function FlagCell(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <td class="col-flag">
      <input
        type="checkbox"
        aria-label={props.label}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
    </td>
  );
}

/** A select named by `label` alone (in a table row); a value not among the options is kept. */
export function Select<V extends string>(props: {
  label: string;
  value: V;
  options: readonly Choice<V>[];
  onChange: (value: V) => void;
}) {
  const known = props.options.some((o) => o.value === props.value);
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value as V)}
    >
      {!known && <option value={props.value}>{props.value}</option>}
      {props.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A select with a visible label above it (in the "Add …" forms). */
export function LabelledSelect<V extends string>(props: {
  label: string;
  value: V;
  options: readonly Choice<V>[];
  onChange: (value: V) => void;
}) {
  return <SelectField {...props} onChange={(value) => props.onChange(value as V)} />;
}

interface NumberProps {
  value: number;
  min: number;
  max: number;
  step: number | 'any';
}

const numberAttrs = ({ value, min, max, step }: NumberProps) =>
  ({ type: 'number', class: 'number', min, max, step, value: String(value) }) as const;

/** A number named by `label` alone, saved when it changes (Enter, leaving it, the arrows). */
export function NumberInput(
  props: NumberProps & { label: string; onCommit: (value: number) => void },
) {
  return (
    <input
      {...numberAttrs(props)}
      aria-label={props.label}
      onChange={(e) => props.onCommit(e.currentTarget.valueAsNumber)}
    />
  );
}

/** A number with a visible label above it, followed as it is typed (in the "Add …" forms). */
export function NumberField(
  props: NumberProps & { label: string; onInput: (value: number) => void },
) {
  return (
    <Field label={props.label}>
      {(id) => (
        <input
          id={id}
          {...numberAttrs(props)}
          onInput={(e) => props.onInput(e.currentTarget.valueAsNumber)}
        />
      )}
    </Field>
  );
}

/** The first few names of a list, then "+N". */
export function shortList(names: readonly string[], none: string): string {
  if (names.length === 0) return none;
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} +${names.length - 3}` : shown;
}

/** A disclosure of checkboxes in the flow of the page. */
export function Picker(props: { summary: string; class: string; children: ComponentChildren }) {
  return (
    <details class="picker">
      <summary>{props.summary}</summary>
      <div class={`picker-body ${props.class}`}>{props.children}</div>
    </details>
  );
}

/** A disclosure that opens over the rows below it and closes on a click outside or Escape. */
export function Dropdown(props: { label: string; summary: string; children: ComponentChildren }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const outside = (event: Event) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const escape = (event: KeyboardEvent) => {
      const details = ref.current;
      if (event.key !== 'Escape' || !details?.open || !details.contains(document.activeElement))
        return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details class="picker dropdown" ref={ref}>
      <summary aria-label={props.label}>{props.summary}</summary>
      <div class="picker-body">{props.children}</div>
    </details>
  );
}
