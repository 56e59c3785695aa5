/** Forms of the side panel: new or edited audit and journey, offline contact. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import {
  LIMITS,
  type AuditInput,
  type BrandRole,
  type JourneyInput,
  type TouchpointType,
} from '../../lib/model';
import {
  CHANNEL_IDS,
  CHANNELS,
  OFFLINE_CHANNEL_IDS,
  typeName,
  type ChannelId,
  type Locale,
} from '../../lib/taxonomy';
import { describeError } from '../shared/describe-error';
import { useFileDrop } from '../shared/hooks';
import { Field, isTooLong, SelectField, TextField } from '../shared/fields';

type Submit<T> = (value: T) => Promise<void>;

/** A text field's value and its limit, stated once: the field shows the limit, submit checks it. */
interface LimitedText {
  value: string;
  set: (value: string) => void;
  limit: number;
}

function useLimitedText(initial: string, limit: number): LimitedText {
  const [value, set] = useState(initial);
  return { value, set, limit };
}

/** A one-line text field over a LimitedText. */
function LimitedTextField(props: {
  t: Translate;
  label: string;
  field: LimitedText;
  required?: boolean;
  placeholder?: string;
}) {
  const { field, ...rest } = props;
  return <TextField {...rest} maxLength={field.limit} value={field.value} onInput={field.set} />;
}

/** Submits unless a field is over its limit; shows the store's error (named field) otherwise. */
function useSubmit<T>(onSubmit: Submit<T>, t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (value: T, limited: readonly LimitedText[]) => {
    if (limited.some((field) => isTooLong(field.value, field.limit))) {
      setError(t('formHasErrors'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(value);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

/** A side-panel form as a card: its title, its fields, the store's error, Submit and Cancel. */
function FormCard<T>(props: {
  t: Translate;
  title: string;
  submitLabel: string;
  /** What the form submits, read when it is submitted. */
  value: () => T;
  /** The fields whose limits are checked before submitting. */
  limited: readonly LimitedText[];
  onSubmit: Submit<T>;
  onCancel: () => void;
  /** The form takes an image dropped or pasted on it (useFileDrop). */
  drop?: ReturnType<typeof useFileDrop>;
  children: ComponentChildren;
}) {
  const { error, busy, submit } = useSubmit(props.onSubmit, props.t);
  return (
    <form
      {...props.drop?.handlers}
      class={`card form${props.drop?.dragging ? ' dragging' : ''}`}
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit(props.value(), props.limited);
      }}
    >
      <h3>{props.title}</h3>
      {props.children}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {props.t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** New audit, or (with `initial`) edit one: name, client, default customer task. */
export function AuditForm({
  t,
  initial,
  onSubmit,
  onCancel,
}: {
  t: Translate;
  initial?: AuditInput;
  onSubmit: Submit<AuditInput>;
  onCancel: () => void;
}) {
  const name = useLimitedText(initial?.name ?? '', LIMITS.name);
  const client = useLimitedText(initial?.client ?? '', LIMITS.text);
  const task = useLimitedText(initial?.defaultTask ?? '', LIMITS.text);
  return (
    <FormCard
      t={t}
      title={t(initial ? 'editAudit' : 'newAudit')}
      submitLabel={t(initial ? 'save' : 'createAudit')}
      value={() => ({ name: name.value, client: client.value, defaultTask: task.value })}
      limited={[name, client, task]}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <LimitedTextField t={t} label={t('auditName')} required field={name} />
      <LimitedTextField t={t} label={t('client')} field={client} />
      <LimitedTextField
        t={t}
        label={t('defaultTask')}
        placeholder={t('taskPlaceholder')}
        field={task}
      />
    </FormCard>
  );
}

export type JourneyFields = Omit<JourneyInput, 'auditId'>;

/** New journey, or (with `initial`) edit one: brand, own/competitor, task, persona, entry, auditor. */
export function JourneyForm(props: {
  t: Translate;
  locale: Locale;
  /** Values to start from: an existing journey's, or defaults for a new one. */
  initial: JourneyFields;
  editing: boolean;
  onSubmit: Submit<JourneyFields>;
  onCancel: () => void;
}) {
  const { t, locale, initial } = props;
  const brandName = useLimitedText(initial.brandName, LIMITS.name);
  const brandDomain = useLimitedText(initial.brandDomain, LIMITS.domain);
  const [brandRole, setRole] = useState<BrandRole>(initial.brandRole);
  const task = useLimitedText(initial.task, LIMITS.text);
  const persona = useLimitedText(initial.persona, LIMITS.text);
  const [entryChannel, setEntry] = useState<ChannelId>(initial.entryChannel);
  const auditor = useLimitedText(initial.auditor, LIMITS.name);
  return (
    <FormCard
      t={t}
      title={t(props.editing ? 'editJourney' : 'newJourney')}
      submitLabel={t(props.editing ? 'save' : 'createJourney')}
      value={() => ({
        brandName: brandName.value,
        brandDomain: brandDomain.value,
        brandRole,
        task: task.value,
        persona: persona.value,
        entryChannel,
        auditor: auditor.value,
      })}
      limited={[brandName, brandDomain, task, persona, auditor]}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <LimitedTextField t={t} label={t('brandName')} required field={brandName} />
      <LimitedTextField
        t={t}
        label={t('brandDomain')}
        placeholder="example.com"
        field={brandDomain}
      />
      <SelectField
        label={t('brandRole')}
        value={brandRole}
        options={[
          { value: 'own', label: t('roleOwn') },
          { value: 'competitor', label: t('roleCompetitor') },
        ]}
        onChange={(v) => setRole(v as BrandRole)}
      />
      <LimitedTextField t={t} label={t('task')} placeholder={t('taskPlaceholder')} field={task} />
      <LimitedTextField t={t} label={t('persona')} field={persona} />
      <SelectField
        label={t('entryChannel')}
        value={entryChannel}
        options={CHANNEL_IDS.map((c) => ({ value: c, label: CHANNELS[c][locale] }))}
        onChange={(v) => setEntry(v as ChannelId)}
      />
      <LimitedTextField t={t} label={t('auditorName')} field={auditor} />
    </FormCard>
  );
}

export interface OfflineInput {
  channel: ChannelId;
  stage: string;
  title: string;
  note: string;
  at: number;
  file: File | null;
  typeId: string | null;
  /** Running timers this contact answers (they stop at it). */
  stopsTimers: string[];
}

/** `datetime-local` value for a time in the auditor's time zone. */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function OfflineForm(props: {
  t: Translate;
  locale: Locale;
  defaultStage: string;
  stageOptions: readonly { value: string; label: string }[];
  types: readonly TouchpointType[];
  /** Running timers of the journey; this contact can be the answer that stops them. */
  timers: readonly { id: string; label: string; channels: readonly ChannelId[] }[];
  now: number;
  onSubmit: Submit<OfflineInput>;
  onCancel: () => void;
}) {
  const { t, locale } = props;
  const [channel, setChannel] = useState<ChannelId>('phone');
  const [stage, setStage] = useState(props.defaultStage);
  const title = useLimitedText('', LIMITS.title);
  const note = useLimitedText('', LIMITS.note);
  const [at, setAt] = useState(localInputValue(props.now));
  const [file, setFile] = useState<File | null>(null);
  const [typeId, setTypeId] = useState('');
  // A timer stops at a contact in one of its answer channels unless the auditor says otherwise.
  const [stops, setStops] = useState<Record<string, boolean>>({});
  const stopsTimer = (timer: (typeof props.timers)[number]) =>
    stops[timer.id] ?? timer.channels.includes(channel);
  const drop = useFileDrop(setFile);
  return (
    <FormCard
      t={t}
      title={t('logOffline')}
      submitLabel={t('addOffline')}
      drop={drop}
      value={() => {
        const time = new Date(at).getTime();
        return {
          channel,
          stage,
          title: title.value || CHANNELS[channel][locale],
          note: note.value,
          at: Number.isNaN(time) ? props.now : time,
          file,
          typeId: typeId || null,
          stopsTimers: props.timers.filter(stopsTimer).map((timer) => timer.id),
        };
      }}
      limited={[title, note]}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <SelectField
        label={t('channel')}
        value={channel}
        options={OFFLINE_CHANNEL_IDS.map((c) => ({ value: c, label: CHANNELS[c][locale] }))}
        onChange={(v) => setChannel(v as ChannelId)}
      />
      <SelectField
        label={t('touchpointType')}
        value={typeId}
        options={[
          { value: '', label: t('typeNotChosen') },
          ...props.types.map((type) => ({ value: type.id, label: typeName(type, locale) })),
        ]}
        onChange={(id) => {
          setTypeId(id);
          const type = props.types.find((x) => x.id === id);
          if (!type) return;
          if (CHANNELS[type.channel].offline) setChannel(type.channel);
          setStage(type.stage);
        }}
      />
      <SelectField
        label={t('stage')}
        value={stage}
        options={
          props.stageOptions.some((o) => o.value === stage)
            ? props.stageOptions
            : [...props.stageOptions, { value: stage, label: stage }]
        }
        onChange={setStage}
      />
      <LimitedTextField
        t={t}
        label={t('offlineTitle')}
        placeholder={t('offlineTitlePlaceholder')}
        field={title}
      />
      <TextField t={t} label={t('when')} type="datetime-local" value={at} onInput={setAt} />
      {props.timers.length > 0 && (
        <fieldset class="stops-timers">
          <legend>{t('answersTimers')}</legend>
          {props.timers.map((timer) => (
            <label class="check" key={timer.id}>
              <input
                type="checkbox"
                checked={stopsTimer(timer)}
                onChange={(e) => setStops({ ...stops, [timer.id]: e.currentTarget.checked })}
              />
              {timer.label}
            </label>
          ))}
        </fieldset>
      )}
      <Field
        label={t('note')}
        hint={
          isTooLong(note.value, note.limit) && (
            <span class="limit over" role="alert">
              {t('fieldTooLong', { over: note.value.length - note.limit, max: note.limit })}
            </span>
          )
        }
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={3}
            value={note.value}
            aria-invalid={isTooLong(note.value, note.limit)}
            aria-describedby={describedBy}
            onInput={(e) => note.set(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('evidenceImage')}>
        {(id) => (
          <input
            id={id}
            type="file"
            accept="image/png,image/jpeg,image/webp"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        )}
      </Field>
      <p class={`drop-hint${drop.dragging ? ' dragging' : ''}`}>
        {file ? t('evidenceChosen', { file: file.name || t('pastedImage') }) : t('dropOrPaste')}
      </p>
    </FormCard>
  );
}
