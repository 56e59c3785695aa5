/**
 * A step's free tags in the side panel's step details: the tags as a list (each with its Remove
 * button), and a field that adds tags from the keyboard (Enter; commas separate tags), offering
 * the audit's tags as it is typed into (a datalist). What was added and what was refused (and
 * why) is said under the field; refused tags stay in the field to be fixed.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { TagResult } from '../../lib/controllers/panel-tags';
import { tagKey } from '../../lib/controllers/tags';
import type { Translate } from '../../lib/i18n';
import { LIMITS, type Step } from '../../lib/model';
import { LimitHint } from '../shared/fields';
import './tags.css';

/** What the tags of a step can do (the panel's controller behind them). */
export interface StepTagActions {
  /** The audit's tags, most used first. */
  suggestions(): Promise<readonly { tag: string; steps: number }[]>;
  add(step: Step, text: string): Promise<TagResult>;
  remove(step: Step, tag: string): Promise<string>;
}

/** The longest tag being typed (the field holds tags separated by commas), for its limit. */
export const longestPart = (text: string): number =>
  Math.max(0, ...text.split(',').map((part) => part.trim().length));

export function StepTags(props: { step: Step; t: Translate; actions: StepTagActions }) {
  const { step, t, actions } = props;
  const tags = step.tags ?? [];
  const [text, setText] = useState('');
  const [said, setSaid] = useState<{ text: string; problem: boolean } | null>(null);
  const [offered, setOffered] = useState<readonly { tag: string; steps: number }[]>([]);
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const refresh = () => void actions.suggestions().then(setOffered, () => setOffered([]));
  // Read when the details open (this part is drawn only then), not for every step of the list.
  useEffect(refresh, []);
  const add = async () => {
    try {
      const result = await actions.add(step, text);
      setSaid(result);
      setText(result.keep);
      refresh();
    } catch (error) {
      setSaid({ text: error instanceof Error ? error.message : String(error), problem: true });
    }
  };
  const remove = async (tag: string) => {
    try {
      setSaid({ text: await actions.remove(step, tag), problem: false });
      // The removed chip's button is gone: keep the keyboard in the tags, on the field.
      field.current?.focus();
    } catch (error) {
      setSaid({ text: error instanceof Error ? error.message : String(error), problem: true });
    }
  };
  const have = new Set(tags.map(tagKey));
  return (
    <fieldset class="subfields step-tags">
      <legend>{t('tagTags')}</legend>
      {tags.length > 0 ? (
        <ul class="tag-list" aria-label={t('tagListOf', { n: step.seq })}>
          {tags.map((tag) => (
            <li key={tag} class="tag-chip">
              <span>{tag}</span>
              <button
                type="button"
                class="tag-remove"
                aria-label={t('tagRemoveOf', { tag })}
                title={t('tagRemoveOf', { tag })}
                onClick={() => void remove(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('tagNone')}</p>
      )}
      <div class="field">
        <label for={id}>{t('tagInput')}</label>
        <div class="tag-add">
          <input
            id={id}
            ref={field}
            type="text"
            list={`${id}-offered`}
            autocomplete="off"
            value={text}
            aria-describedby={`${id}-hint`}
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void add();
            }}
          />
          <button type="button" onClick={() => void add()}>
            {t('tagAddButton')}
          </button>
        </div>
        <p class="field-hint" id={`${id}-hint`}>
          {t('tagInputHint', { max: LIMITS.tags, len: LIMITS.tag })}{' '}
          <LimitHint t={t} length={longestPart(text)} limit={LIMITS.tag} changed={null} />
        </p>
        <datalist id={`${id}-offered`}>
          {offered
            .filter((entry) => !have.has(tagKey(entry.tag)))
            .map((entry) => (
              <option key={entry.tag} value={entry.tag} />
            ))}
        </datalist>
        {said && (
          <p
            class={said.problem ? 'field-hint limit over' : 'field-hint'}
            role={said.problem ? 'alert' : 'status'}
          >
            {said.text}
          </p>
        )}
      </div>
    </fieldset>
  );
}

/** A step's tags in its row (the list's filter finds steps by them). */
export function TagBadges(props: { tags: readonly string[] | undefined; t: Translate }) {
  const tags = props.tags ?? [];
  if (tags.length === 0) return null;
  return (
    <span class="badge tags" title={props.t('tagTags')}>
      <span class="visually-hidden">{props.t('tagTags')}: </span>
      {tags.map((tag) => `#${tag}`).join(' ')}
    </span>
  );
}
