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

/** True when a text starts or ends with white space (which a trimmed field does not keep). */
export function hasOuterSpaces(value: string): boolean {
  return value !== value.trim();
}

/**
 * The counter near a limit, the over-limit message, what a paste changed, and (`spaces`) that
 * the spaces the text starts with are not kept.
 */
export function LimitHint(props: {
  t: Translate;
  length: number;
  limit: number | undefined;
  changed: string | null;
  spaces?: boolean;
}) {
  const { t, length, limit, changed, spaces } = props;
  const over = limit !== undefined && length > limit;
  const near = limit !== undefined && length >= limit * 0.8;
  if (!over && !near && !changed && !spaces) return null;
  return (
    <>
      {over ? (
        <span class="limit over" role="alert">
          {t('fieldTooLong', { over: length - limit, max: limit })}
        </span>
      ) : (
        near && <span class="limit">{t('fieldCount', { n: length, max: limit ?? 0 })}</span>
      )}
      {spaces && !changed && <span class="limit changed">{t('spacesTrimmed')}</span>}
      {changed && (
        <span class="limit changed" role="status">
          {changed}
        </span>
      )}
    </>
  );
}

/**
 * What a trimmed field (its value is stored without spaces at the start and end) says: at once
 * when the text being typed starts with a space (`leading`), and, when the auditor leaves the
 * field (or presses Enter) with spaces at either end, the text without them (`left`), which the
 * field then shows and says it changed. A space typed between two words is no reason to speak
 * up while typing. Null `left`: leaving changes nothing.
 */
export function trimNote(
  value: string,
  trimmed: boolean | undefined,
  focused: boolean,
): { leading: boolean; left: string | null } {
  return {
    leading: !!trimmed && focused && value.trim() !== '' && /^\s/.test(value),
    left: trimmed && hasOuterSpaces(value) ? value.trim() : null,
  };
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
  /** The value is stored trimmed: the field says so, and trims it when the auditor leaves it. */
  trimmed?: boolean;
}) {
  const { t, label, onInput, maxLength, value, trimmed, ...attrs } = props;
  const [changed, setChanged] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const trim = trimNote(value, trimmed, focused);
  const leave = () => {
    if (trim.left === null) return;
    onInput(trim.left);
    setChanged(t('spacesTrimmed'));
  };
  return (
    <Field
      label={label}
      hint={
        <LimitHint
          t={t}
          length={value.length}
          limit={maxLength}
          changed={changed}
          spaces={trim.leading}
        />
      }
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
          onFocus={() => setFocused(true)}
          onBlur={() => {
            setFocused(false);
            leave();
          }}
          onKeyDown={(e) => e.key === 'Enter' && leave()}
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
  /** The value is stored trimmed: the field says so, and trims it when it commits. */
  trimmed?: boolean;
  onCommit: (value: string) => void;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.value);
  const [changed, setChanged] = useState<string | null>(null);
  const focused = useRef(false);
  const [typing, setTyping] = useState(false);
  useEffect(() => {
    if (!focused.current) setDraft(props.value);
  }, [props.value]);
  const tooLong = isTooLong(draft, props.maxLength);
  const trim = trimNote(draft, props.trimmed, typing);
  const commit = () => {
    focused.current = false;
    setTyping(false);
    if (tooLong) return;
    const value = trim.left ?? draft;
    if (trim.left !== null) {
      setDraft(value);
      setChanged(t('spacesTrimmed'));
    }
    if (value !== props.value) props.onCommit(value);
    if (props.clearOnCommit) setDraft('');
  };
  const input = (value: string) => {
    setChanged(null);
    setDraft(value);
  };
  return (
    <Field
      label={props.label}
      hint={
        <LimitHint
          t={t}
          length={draft.length}
          limit={props.maxLength}
          changed={changed}
          spaces={trim.leading}
        />
      }
    >
      {(id, describedBy) => {
        const common = {
          id,
          value: draft,
          placeholder: props.placeholder,
          'aria-invalid': tooLong,
          'aria-describedby': describedBy,
          onFocus: () => {
            focused.current = true;
            setTyping(true);
          },
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
