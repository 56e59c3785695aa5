/**
 * Fewer touches and people on one step of the side panel: whether the touch could be cut or
 * merged (and why), and the person the customer dealt with at an offline contact or a chat
 * (who, transferred to them, had to repeat). The offline contact form asks for the person too
 * (usePersonFields, PersonFieldset).
 */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { LIMITS, type Person, type Reduce, type Step, type StepEdit } from '../../lib/model';
import { CommitText, SelectField, TextField } from '../shared/fields';

/** Channels whose contacts are with a person even when they are pages (a chat). */
const CHAT_CHANNELS: readonly Step['channel'][] = ['web-chat', 'messenger'];

/** Whether a step asks for the person: an offline contact, a chat, or one that has a person. */
export function asksForPerson(step: Pick<Step, 'kind' | 'channel' | 'person'>): boolean {
  return step.kind === 'offline' || CHAT_CHANNELS.includes(step.channel) || !!step.person;
}

/** Says that spaces at the ends of a name are not kept (the store trims them). */
function TrimmedNote({ t, shown }: { t: Translate; shown: boolean }) {
  return shown ? (
    <p class="field-hint limit changed" role="status">
      {t('touchesPersonTrimmed')}
    </p>
  ) : null;
}

const NO_PERSON: Person = { who: '', transfer: false, repeated: false };

/** The step details' part: cut or merge, and the person. */
export function StepTouches(props: { step: Step; t: Translate; onEdit: (edit: StepEdit) => void }) {
  const { step, t, onEdit } = props;
  const [trimmed, setTrimmed] = useState(false);
  const person = step.person ?? NO_PERSON;
  const setPerson = (change: Partial<Person>) => onEdit({ person: { ...person, ...change } });
  return (
    <>
      <fieldset class="subfields step-reduce">
        <legend>{t('touchesReduceLegend')}</legend>
        <SelectField
          label={t('touchesReduceKind')}
          value={step.reduce?.kind ?? ''}
          options={[
            { value: '', label: t('touchesReduceKeep') },
            { value: 'cut', label: t('touchesReduceCut') },
            { value: 'merge', label: t('touchesReduceMerge') },
          ]}
          onChange={(kind) =>
            onEdit({
              reduce: kind
                ? { kind: kind as Reduce['kind'], reason: step.reduce?.reason ?? '' }
                : undefined,
            })
          }
        />
        {step.reduce && (
          <CommitText
            t={t}
            label={t('touchesReduceReason')}
            value={step.reduce.reason}
            maxLength={LIMITS.text}
            onCommit={(reason) => onEdit({ reduce: { kind: step.reduce!.kind, reason } })}
          />
        )}
      </fieldset>
      {asksForPerson(step) && (
        <fieldset class="subfields step-person">
          <legend>{t('touchesPersonLegend')}</legend>
          <CommitText
            t={t}
            label={t('touchesPersonWho')}
            value={person.who}
            maxLength={LIMITS.name}
            placeholder={t('touchesPersonWhoPlaceholder')}
            onCommit={(who) => {
              setTrimmed(who !== who.trim());
              setPerson({ who: who.trim() });
            }}
          />
          <TrimmedNote t={t} shown={trimmed} />
          <label class="check">
            <input
              type="checkbox"
              checked={person.transfer}
              onChange={(e) => setPerson({ transfer: e.currentTarget.checked })}
            />
            {t('touchesPersonTransfer')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={person.repeated}
              onChange={(e) => setPerson({ repeated: e.currentTarget.checked })}
            />
            {t('touchesPersonRepeated')}
          </label>
          {step.person && (
            <button
              type="button"
              class="link"
              aria-label={t('touchesPersonRemoveOf', { n: step.seq })}
              onClick={() => onEdit({ person: undefined })}
            >
              {t('touchesPersonRemove')}
            </button>
          )}
        </fieldset>
      )}
    </>
  );
}

/** The person as the offline contact form holds it until it is submitted. */
export function usePersonFields() {
  const [who, setWho] = useState('');
  const [transfer, setTransfer] = useState(false);
  const [repeated, setRepeated] = useState(false);
  return {
    who,
    setWho,
    transfer,
    setTransfer,
    repeated,
    setRepeated,
    /** The name field as the form checks its limit. */
    limited: { value: who, set: setWho, limit: LIMITS.name },
    /** The person to record (undefined: nothing said: no name, no transfer, no repeat). */
    value: (): Person | undefined =>
      who.trim() || transfer || repeated ? { who: who.trim(), transfer, repeated } : undefined,
  };
}

export function PersonFieldset(props: {
  t: Translate;
  fields: ReturnType<typeof usePersonFields>;
}) {
  const { t, fields } = props;
  return (
    <fieldset class="subfields offline-person">
      <legend>{t('touchesPersonLegend')}</legend>
      <TextField
        t={t}
        label={t('touchesPersonWho')}
        placeholder={t('touchesPersonWhoPlaceholder')}
        value={fields.who}
        maxLength={LIMITS.name}
        onInput={fields.setWho}
      />
      <TrimmedNote t={t} shown={fields.who !== fields.who.trim()} />
      <label class="check">
        <input
          type="checkbox"
          checked={fields.transfer}
          onChange={(e) => fields.setTransfer(e.currentTarget.checked)}
        />
        {t('touchesPersonTransfer')}
      </label>
      <label class="check">
        <input
          type="checkbox"
          checked={fields.repeated}
          onChange={(e) => fields.setRepeated(e.currentTarget.checked)}
        />
        {t('touchesPersonRepeated')}
      </label>
    </fieldset>
  );
}

/** Badges on the step's row: could be cut or merged, transferred, had to repeat. */
export function StepTouchesBadges({ step, t }: { step: Step; t: Translate }) {
  return (
    <>
      {step.reduce && (
        <span class="badge" title={step.reduce.reason || undefined}>
          {t(step.reduce.kind === 'cut' ? 'touchesCut' : 'touchesMerge')}
        </span>
      )}
      {step.person?.transfer && <span class="badge">{t('touchesTransferFlag')}</span>}
      {step.person?.repeated && <span class="badge weak">{t('touchesRepeatFlag')}</span>}
    </>
  );
}
