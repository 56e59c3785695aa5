/** Forms of the side panel: new audit, new journey, offline contact. */
import { useState } from 'preact/hooks';
import type { Translate } from '../lib/i18n';
import type { AuditInput, BrandRole, JourneyInput } from '../lib/model';
import {
  CHANNEL_IDS,
  CHANNELS,
  OFFLINE_CHANNEL_IDS,
  STAGE_IDS,
  STAGES,
  type ChannelId,
  type Locale,
} from '../lib/taxonomy';
import { describeError } from './describe-error';
import { useFileDrop } from './hooks';
import { Field, SelectField, TextField } from './fields';

type Submit<T> = (value: T) => Promise<void>;

function useSubmit<T>(onSubmit: Submit<T>, t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (value: T) => {
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

export function AuditForm({
  t,
  onSubmit,
  onCancel,
}: {
  t: Translate;
  onSubmit: Submit<AuditInput>;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const [client, setClient] = useState('');
  const [defaultTask, setTask] = useState('');
  const { error, busy, submit } = useSubmit(onSubmit, t);
  return (
    <form
      class="card form"
      aria-label={t('newAudit')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ name, client, defaultTask });
      }}
    >
      <h3>{t('newAudit')}</h3>
      <TextField label={t('auditName')} required maxLength={200} value={name} onInput={setName} />
      <TextField label={t('client')} maxLength={500} value={client} onInput={setClient} />
      <TextField
        label={t('defaultTask')}
        maxLength={500}
        placeholder={t('taskPlaceholder')}
        value={defaultTask}
        onInput={setTask}
      />
      <FormFooter
        t={t}
        error={error}
        busy={busy}
        submitLabel={t('createAudit')}
        onCancel={onCancel}
      />
    </form>
  );
}

export function JourneyForm(props: {
  t: Translate;
  locale: Locale;
  auditId: string;
  defaultTask: string;
  /** The auditor name from Options, stored with the journey. */
  auditor: string;
  onSubmit: Submit<JourneyInput>;
  onCancel: () => void;
}) {
  const { t, locale } = props;
  const [brandName, setBrandName] = useState('');
  const [brandDomain, setBrandDomain] = useState('');
  const [brandRole, setRole] = useState<BrandRole>('competitor');
  const [task, setTask] = useState(props.defaultTask);
  const [persona, setPersona] = useState('');
  const [entryChannel, setEntry] = useState<ChannelId>('search');
  const { error, busy, submit } = useSubmit(props.onSubmit, t);
  return (
    <form
      class="card form"
      aria-label={t('newJourney')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit({
          auditId: props.auditId,
          brandName,
          brandDomain,
          brandRole,
          task,
          persona,
          entryChannel,
          auditor: props.auditor,
        });
      }}
    >
      <h3>{t('newJourney')}</h3>
      <TextField
        label={t('brandName')}
        required
        maxLength={200}
        value={brandName}
        onInput={setBrandName}
      />
      <TextField
        label={t('brandDomain')}
        maxLength={253}
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
        label={t('task')}
        maxLength={500}
        placeholder={t('taskPlaceholder')}
        value={task}
        onInput={setTask}
      />
      <TextField label={t('persona')} maxLength={500} value={persona} onInput={setPersona} />
      <SelectField
        label={t('entryChannel')}
        value={entryChannel}
        options={CHANNEL_IDS.map((c) => ({ value: c, label: CHANNELS[c][locale] }))}
        onChange={(v) => setEntry(v as ChannelId)}
      />
      <FormFooter
        t={t}
        error={error}
        busy={busy}
        submitLabel={t('createJourney')}
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
        void submit({
          channel,
          stage,
          title: title || CHANNELS[channel][locale],
          note,
          at: Number.isNaN(time) ? props.now : time,
          file,
        });
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
        label={t('stage')}
        value={stage}
        options={STAGE_IDS.map((s) => ({ value: s, label: STAGES[s][locale] }))}
        onChange={setStage}
      />
      <TextField
        label={t('offlineTitle')}
        maxLength={1000}
        placeholder={t('offlineTitlePlaceholder')}
        value={title}
        onInput={setTitle}
      />
      <TextField label={t('when')} type="datetime-local" value={at} onInput={setAt} />
      <Field label={t('note')}>
        {(id) => (
          <textarea
            id={id}
            rows={3}
            maxLength={5000}
            value={note}
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
