/** Forms of the side panel: new or edited audit and journey, offline contact. */
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

/** Submits unless a field is over its limit; shows the store's error (named field) otherwise. */
function useSubmit<T>(onSubmit: Submit<T>, t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (value: T, limited: [string, number][] = []) => {
    if (limited.some(([text, limit]) => isTooLong(text, limit))) {
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

function FormFooter(props: {
  t: Translate;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {props.error && (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={props.busy}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {props.t('cancel')}
        </button>
      </div>
    </>
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
  const [name, setName] = useState(initial?.name ?? '');
  const [client, setClient] = useState(initial?.client ?? '');
  const [defaultTask, setTask] = useState(initial?.defaultTask ?? '');
  const { error, busy, submit } = useSubmit(onSubmit, t);
  const title = t(initial ? 'editAudit' : 'newAudit');
  return (
    <form
      class="card form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ name, client, defaultTask }, [
          [name, LIMITS.name],
          [client, LIMITS.text],
          [defaultTask, LIMITS.text],
        ]);
      }}
    >
      <h3>{title}</h3>
      <TextField
        t={t}
        label={t('auditName')}
        required
        maxLength={LIMITS.name}
        value={name}
        onInput={setName}
      />
      <TextField
        t={t}
        label={t('client')}
        maxLength={LIMITS.text}
        value={client}
        onInput={setClient}
      />
      <TextField
        t={t}
        label={t('defaultTask')}
        maxLength={LIMITS.text}
        placeholder={t('taskPlaceholder')}
        value={defaultTask}
        onInput={setTask}
      />
      <FormFooter
        t={t}
        error={error}
        busy={busy}
        submitLabel={t(initial ? 'save' : 'createAudit')}
        onCancel={onCancel}
      />
    </form>
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
  const [brandName, setBrandName] = useState(initial.brandName);
  const [brandDomain, setBrandDomain] = useState(initial.brandDomain);
  const [brandRole, setRole] = useState<BrandRole>(initial.brandRole);
  const [task, setTask] = useState(initial.task);
  const [persona, setPersona] = useState(initial.persona);
  const [entryChannel, setEntry] = useState<ChannelId>(initial.entryChannel);
  const [auditor, setAuditor] = useState(initial.auditor);
  const { error, busy, submit } = useSubmit(props.onSubmit, t);
  const title = t(props.editing ? 'editJourney' : 'newJourney');
  return (
    <form
      class="card form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ brandName, brandDomain, brandRole, task, persona, entryChannel, auditor }, [
          [brandName, LIMITS.name],
          [brandDomain, LIMITS.domain],
          [task, LIMITS.text],
          [persona, LIMITS.text],
          [auditor, LIMITS.name],
        ]);
      }}
    >
      <h3>{title}</h3>
      <TextField
        t={t}
        label={t('brandName')}
        required
        maxLength={LIMITS.name}
        value={brandName}
        onInput={setBrandName}
      />
      <TextField
        t={t}
        label={t('brandDomain')}
        maxLength={LIMITS.domain}
        placeholder="example.com"
        value={brandDomain}
        onInput={setBrandDomain}
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
      <TextField
        t={t}
        label={t('task')}
        maxLength={LIMITS.text}
        placeholder={t('taskPlaceholder')}
        value={task}
        onInput={setTask}
      />
      <TextField
        t={t}
        label={t('persona')}
        maxLength={LIMITS.text}
        value={persona}
        onInput={setPersona}
      />
      <SelectField
        label={t('entryChannel')}
        value={entryChannel}
        options={CHANNEL_IDS.map((c) => ({ value: c, label: CHANNELS[c][locale] }))}
        onChange={(v) => setEntry(v as ChannelId)}
      />
      <TextField
        t={t}
        label={t('auditorName')}
        maxLength={LIMITS.name}
        value={auditor}
        onInput={setAuditor}
      />
      <FormFooter
        t={t}
        error={error}
        busy={busy}
        submitLabel={t(props.editing ? 'save' : 'createJourney')}
        onCancel={props.onCancel}
      />
    </form>
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
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  const [at, setAt] = useState(localInputValue(props.now));
  const [file, setFile] = useState<File | null>(null);
  const [typeId, setTypeId] = useState('');
  // A timer stops at a contact in one of its answer channels unless the auditor says otherwise.
  const [stops, setStops] = useState<Record<string, boolean>>({});
  const stopsTimer = (timer: (typeof props.timers)[number]) =>
    stops[timer.id] ?? timer.channels.includes(channel);
  const { error, busy, submit } = useSubmit(props.onSubmit, t);
  const drop = useFileDrop(setFile);
  return (
    <form
      {...drop.handlers}
      class={`card form${drop.dragging ? ' dragging' : ''}`}
      aria-label={t('logOffline')}
      onSubmit={(e) => {
        e.preventDefault();
        const time = new Date(at).getTime();
        void submit(
          {
            channel,
            stage,
            title: title || CHANNELS[channel][locale],
            note,
            at: Number.isNaN(time) ? props.now : time,
            file,
            typeId: typeId || null,
            stopsTimers: props.timers.filter(stopsTimer).map((timer) => timer.id),
          },
          [
            [title, LIMITS.title],
            [note, LIMITS.note],
          ],
        );
      }}
    >
      <h3>{t('logOffline')}</h3>
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
      <TextField
        t={t}
        label={t('offlineTitle')}
        maxLength={LIMITS.title}
        placeholder={t('offlineTitlePlaceholder')}
        value={title}
        onInput={setTitle}
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
          isTooLong(note, LIMITS.note) && (
            <span class="limit over" role="alert">
              {t('fieldTooLong', { over: note.length - LIMITS.note, max: LIMITS.note })}
            </span>
          )
        }
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={3}
            value={note}
            aria-invalid={isTooLong(note, LIMITS.note)}
            aria-describedby={describedBy}
            onInput={(e) => setNote(e.currentTarget.value)}
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
      <FormFooter
        t={t}
        error={error}
        busy={busy}
        submitLabel={t('addOffline')}
        onCancel={props.onCancel}
      />
    </form>
  );
}
