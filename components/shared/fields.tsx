/**
 * Labelled form controls: every control has an accessible name. Text limits are said, never
 * enforced silently: no `maxLength` (which drops pasted text without a word); the field counts
 * near its limit and says by how much it is too long, and the caller refuses to save it.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';

export function Field({
  label,
  children,
  hint,
}: {
  label: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
  /** Shown under the control and read with it (limit counter, what was changed). */
  hint?: ComponentChildren;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id, hint ? hintId : undefined)}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** True when a text is longer than its limit (the form says so and does not save). */
export function isTooLong(value: string, limit: number | undefined): boolean {
  return limit !== undefined && value.length > limit;
}

/** The counter near a limit, the over-limit message, and what a paste changed. */
export function LimitHint(props: {
  t: Translate;
  length: number;
  limit: number | undefined;
  changed: string | null;
}) {
  const { t, length, limit, changed } = props;
  const over = limit !== undefined && length > limit;
  const near = limit !== undefined && length >= limit * 0.8;
  if (!over && !near && !changed) return null;
  return (
    <>
      {over ? (
        <span class="limit over" role="alert">
          {t('fieldTooLong', { over: length - limit, max: limit })}
        </span>
      ) : (
        near && <span class="limit">{t('fieldCount', { n: length, max: limit ?? 0 })}</span>
      )}
      {changed && (
        <span class="limit changed" role="status">
          {changed}
        </span>
      )}
    </>
  );
}

/**
 * A one-line field cannot hold line breaks: pasted ones become spaces, and the field says so
 * (the browser would drop them silently).
 */
function onePastedLine(
  event: ClipboardEvent,
  value: string,
  apply: (value: string) => void,
  say: () => void,
) {
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (!/[\r\n]/.test(text)) return;
  event.preventDefault();
  const input = event.currentTarget as HTMLInputElement;
  const start = input.selectionStart ?? value.length;
  const end = input.selectionEnd ?? value.length;
  const line = text.replace(/[ \t]*(\r\n|\r|\n)+[ \t]*/g, ' ');
  apply(value.slice(0, start) + line + value.slice(end));
  say();
}

/** A one-line text input with its label; says when it nears or passes `maxLength`. */
export function TextField(props: {
  t: Translate;
  label: string;
  value: string;
  onInput: (value: string) => void;
  maxLength?: number;
  required?: boolean;
  placeholder?: string;
  type?: 'text' | 'datetime-local' | 'date' | 'email' | 'tel';
}) {
  const { t, label, onInput, maxLength, value, ...attrs } = props;
  const [changed, setChanged] = useState<string | null>(null);
  return (
    <Field
      label={label}
      hint={<LimitHint t={t} length={value.length} limit={maxLength} changed={changed} />}
    >
      {(id, describedBy) => (
        <input
          id={id}
          {...(attrs as JSX.IntrinsicElements['input'])}
          value={value}
          aria-invalid={isTooLong(value, maxLength)}
          aria-describedby={describedBy}
          onInput={(e) => {
            setChanged(null);
            onInput(e.currentTarget.value);
          }}
          onPaste={(e) =>
            onePastedLine(e, value, onInput, () => setChanged(t('lineBreaksReplaced')))
          }
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
 * one-line field), so live updates from the database never overwrite text being typed. Text over
 * the limit is not committed: the field says so and keeps it until it is shortened.
 */
export function CommitText(props: {
  t: Translate;
  label: string;
  value: string;
  maxLength: number;
  multiline?: boolean;
  placeholder?: string;
  clearOnCommit?: boolean;
  onCommit: (value: string) => void;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.value);
  const [changed, setChanged] = useState<string | null>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  const tooLong = isTooLong(draft, props.maxLength);
  const commit = () => {
    focused.current = false;
    if (tooLong) return;
    if (draft !== props.value) props.onCommit(draft);
    if (props.clearOnCommit) setDraft('');
  };
  const input = (value: string) => {
    setChanged(null);
    setDraft(value);
  };
  return (
    <Field
      label={props.label}
      hint={<LimitHint t={t} length={draft.length} limit={props.maxLength} changed={changed} />}
    >
      {(id, describedBy) => {
        const common = {
          id,
          value: draft,
          placeholder: props.placeholder,
          'aria-invalid': tooLong,
          'aria-describedby': describedBy,
          onFocus: () => (focused.current = true),
          onBlur: commit,
        };
        return props.multiline ? (
          <textarea {...common} rows={3} onInput={(e) => input(e.currentTarget.value)} />
        ) : (
          <input
            {...common}
            onInput={(e) => input(e.currentTarget.value)}
            onPaste={(e) =>
              onePastedLine(e, draft, setDraft, () => setChanged(t('lineBreaksReplaced')))
            }
            onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
          />
        );
      }}
    </Field>
  );
}
