/**
 * What the sections of the method editor share: the section and table shells, a catalogue's row
 * (name, Hidden, Delete or Reset), row buttons, and the "Add …" form.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { MessageKey, Translate } from '../../lib/i18n';
import type { Locale } from '../../lib/taxonomy';
import { CommitText, isTooLong, TextField } from '../shared/fields';
import type { EntryActions, MethodChange } from './changes';
import { FlagCell } from './controls';
import { NAME_MAX } from './limits';

export function Section(props: {
  id: string;
  title: string;
  help: string;
  children: ComponentChildren;
}) {
  return (
    <section class="card method-section" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p class="muted">{props.help}</p>
      {props.children}
    </section>
  );
}

/** A column: its heading and its class. */
export type Column = readonly [label: string, className?: string];

/** A table of the editor: its caption, its columns, then a last column for the row buttons. */
export function MethodTable(props: {
  t: Translate;
  class: string;
  caption: ComponentChildren;
  /** The caption is for screen readers only. */
  hiddenCaption?: boolean;
  columns: readonly Column[];
  children: ComponentChildren;
}) {
  return (
    <table class={`method-table ${props.class}`}>
      <caption class={props.hiddenCaption ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map(([label, className]) => (
            <th key={label} scope="col" class={className}>
              {label}
            </th>
          ))}
          <th scope="col" class="col-actions">
            <span class="visually-hidden">{props.t('mpActions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}

/** What a catalogue's row shows of its entry. */
type RowEntry = Pick<
  EntryActions<unknown>,
  'name' | 'builtin' | 'changed' | 'rename' | 'hide' | 'remove'
>;

/**
 * A row of types or standards: the name, edited in place (a built-in given a name of the audit's
 * also shows its own), the catalogue's cells, Hidden, then Delete or Reset.
 */
export function EntryRow(props: {
  t: Translate;
  locale: Locale;
  entry: RowEntry;
  /** The entry as resolved: its name as stored ('' for the built-in wording), hidden or not. */
  stored: { name: string; hidden: boolean };
  /** Why an entry of the audit's own cannot be deleted (undefined when it can). */
  inUse: () => string | undefined;
  children: ComponentChildren;
}) {
  const { t, locale, entry, stored } = props;
  const { name, builtin } = entry;
  return (
    <tr class={stored.hidden ? 'is-hidden' : undefined}>
      <td>
        <CommitText
          t={t}
          label={t('mpNameOf', { name })}
          value={name}
          placeholder={builtin?.[locale]}
          maxLength={NAME_MAX}
          trimmed
          onCommit={entry.rename}
        />
        {builtin && stored.name.trim() !== '' && (
          <span class="method-builtin">{t('mpBuiltinWording', { name: builtin[locale] })}</span>
        )}
      </td>
      {props.children}
      <FlagCell label={t('mpHideOf', { name })} checked={stored.hidden} onChange={entry.hide} />
      <td class="col-actions">
        <DeleteOrReset t={t} entry={entry} onClick={() => entry.remove(props.inUse)} />
      </td>
    </tr>
  );
}

/** A button of a row, named after the row (`label`) for screen readers. */
export function RowButton(props: {
  label: string;
  text: string;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class={props.danger ? 'danger' : undefined}
      aria-label={props.label}
      onClick={props.onClick}
    >
      {props.text}
    </button>
  );
}

/** Delete for an entry of the audit's own, Reset for a changed built-in, nothing otherwise. */
export function DeleteOrReset(props: {
  t: Translate;
  entry: Pick<RowEntry, 'name' | 'builtin' | 'changed'>;
  deleteText?: MessageKey;
  resetText?: MessageKey;
  onClick: () => void;
}) {
  const { t, entry } = props;
  const { name } = entry;
  const builtin = !!entry.builtin;
  if (builtin && !entry.changed) return null;
  return (
    <RowButton
      label={t(builtin ? 'mpResetOf' : 'mpDeleteOf', { name })}
      text={t(builtin ? (props.resetText ?? 'mpResetShort') : (props.deleteText ?? 'mpDelete'))}
      danger={!builtin}
      onClick={props.onClick}
    />
  );
}

/**
 * An "Add …" form: a name, the form's own fields, then its button. Refuses a missing name (and
 * keeps one over its limit, which the field reports); the name empties once the entry is added.
 */
export function AddForm(props: {
  t: Translate;
  /** The form's name, and its heading unless `heading` is false. */
  title: string;
  heading?: boolean;
  class?: string;
  nameLabel: string;
  maxLength?: number;
  /** Said when the name is missing. */
  required?: string;
  button?: string;
  /** The button is the section's main one. */
  primary?: boolean;
  /** The change that adds the entry, or why it cannot be added. */
  onAdd: (name: string) => MethodChange | string;
  onChange: (change: MethodChange) => void;
  onRefuse: (text: string) => void;
  children?: ComponentChildren;
}) {
  const { t, maxLength = NAME_MAX, primary = true } = props;
  const [name, setName] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const text = name.trim();
    if (!text) return props.onRefuse(props.required ?? t('mpNameRequired'));
    if (isTooLong(text, maxLength)) return;
    const change = props.onAdd(text);
    if (typeof change === 'string') return props.onRefuse(change);
    props.onChange(change);
    setName('');
  };
  return (
    <form
      class={props.class ? `method-add ${props.class}` : 'method-add'}
      aria-label={props.title}
      onSubmit={submit}
    >
      {props.heading !== false && <h3>{props.title}</h3>}
      <div class="row">
        <div class="grow-2">
          <TextField
            t={t}
            label={props.nameLabel}
            value={name}
            maxLength={maxLength}
            trimmed
            onInput={setName}
          />
        </div>
        {props.children}
        <button type="submit" class={primary ? 'primary' : undefined}>
          {props.button ?? t('mpAdd')}
        </button>
      </div>
    </form>
  );
}
