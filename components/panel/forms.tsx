/** Forms of the side panel: new or edited audit and walk (journey), brand, wave, offline contact. */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import {
  periodText,
  roleText,
  type BrandFields,
  type WalkFields,
  type WaveFields,
} from '../../lib/controllers/panel-programme';
import {
  LIMITS,
  type AuditInput,
  type Brand,
  type Person,
  type BrandRole,
  type TouchpointType,
  type Wave,
} from '../../lib/model';
import {
  channelChoices,
  channelLabel,
  isOfflineChannel,
  typeName,
  type CatalogueSource,
  type Locale,
} from '../../lib/taxonomy';
import { describeError } from '../shared/describe-error';
import { useFileDrop } from '../shared/hooks';
import { Field, isTooLong, SelectField, TextField } from '../shared/fields';
import { PersonFieldset, usePersonFields } from './step-touches';

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
  /** Stored without spaces at the start and end (the field says so). */
  trimmed?: boolean;
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
  return { error, busy, submit, refuse: setError };
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
  /** What is wrong with the fields beyond their limits (null: nothing); checked on submit. */
  check?: () => string | null;
  /** Extra class names (e.g. "inline" for a form inside a list). */
  class?: string;
  children: ComponentChildren;
}) {
  const { error, busy, submit, refuse } = useSubmit(props.onSubmit, props.t);
  return (
    <form
      {...props.drop?.handlers}
      class={`card form${props.class ? ` ${props.class}` : ''}${props.drop?.dragging ? ' dragging' : ''}`}
      aria-label={props.title}
      onSubmit={(e) => {
        e.preventDefault();
        const wrong = props.check?.() ?? null;
        if (wrong) refuse(wrong);
        else void submit(props.value(), props.limited);
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
  const [caption, setCaption] = useState(initial?.caption ?? false);
  const [pageFacts, setPageFacts] = useState(initial?.pageFacts ?? false);
  return (
    <FormCard
      t={t}
      title={t(initial ? 'editAudit' : 'newAudit')}
      submitLabel={t(initial ? 'save' : 'createAudit')}
      value={() => ({
        name: name.value,
        client: client.value,
        defaultTask: task.value,
        caption,
        pageFacts,
      })}
      limited={[name, client, task]}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <LimitedTextField t={t} label={t('auditName')} required trimmed field={name} />
      <LimitedTextField t={t} label={t('client')} field={client} />
      <LimitedTextField
        t={t}
        label={t('defaultTask')}
        placeholder={t('taskPlaceholder')}
        field={task}
      />
      <AuditOption
        id="caption-option"
        label={t('captionOption')}
        hint={t('captionOptionHint')}
        checked={caption}
        onChange={setCaption}
      />
      <AuditOption
        id="facts-option"
        label={t('factsOption')}
        hint={t('factsOptionHint')}
        checked={pageFacts}
        onChange={setPageFacts}
      />
    </FormCard>
  );
}

/** An audit's on/off option (what every new capture also records), with what it does below. */
function AuditOption(props: {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <>
      <label class="check">
        <input
          type="checkbox"
          checked={props.checked}
          aria-describedby={`${props.id}-hint`}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        {props.label}
      </label>
      <p class="field-hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    </>
  );
}

/** The option of the brand and wave pickers that opens the fields of a new one. */
const NEW = 'new';

/** The `date` input value (YYYY-MM-DD) of a local day. */
export function dayInputValue(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** Local midnight of a `date` input's day; null when it is empty or not a day. */
export function parseDayInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  return date.getMonth() === month && date.getDate() === day ? date.getTime() : null;
}

/** A brand's fields as typed: name, domain, role. */
function useBrandFields(initial: BrandFields) {
  const name = useLimitedText(initial.name, LIMITS.name);
  const domain = useLimitedText(initial.domain, LIMITS.domain);
  const [role, setRole] = useState<BrandRole>(initial.role);
  return {
    name,
    domain,
    role,
    setRole,
    limited: [name, domain],
    value: (): BrandFields => ({ name: name.value, domain: domain.value, role }),
  };
}

function BrandFieldset(props: { t: Translate; fields: ReturnType<typeof useBrandFields> }) {
  const { t, fields } = props;
  return (
    <>
      <LimitedTextField t={t} label={t('brandName')} required trimmed field={fields.name} />
      <div class="row">
        <LimitedTextField
          t={t}
          label={t('brandDomain')}
          placeholder="example.com"
          trimmed
          field={fields.domain}
        />
        <SelectField
          label={t('brandRole')}
          value={fields.role}
          options={[
            { value: 'own', label: t('roleOptionOwn') },
            { value: 'competitor', label: t('roleOptionCompetitor') },
            { value: 'benchmark', label: t('roleOptionBenchmark') },
          ]}
          onChange={(v) => fields.setRole(v as BrandRole)}
        />
      </div>
    </>
  );
}

/** A wave's fields as typed: name, first and last day (date inputs). */
function useWaveFields(initial: WaveFields) {
  const name = useLimitedText(initial.name, LIMITS.name);
  const [start, setStart] = useState(dayInputValue(initial.start));
  const [end, setEnd] = useState(dayInputValue(initial.end));
  return {
    name,
    start,
    setStart,
    end,
    setEnd,
    limited: [name],
    /** What is wrong with the days (null: nothing). */
    check(t: Translate): string | null {
      const first = parseDayInput(start);
      const last = parseDayInput(end);
      if (first === null || last === null) return t('waveDaysMissing');
      return last < first ? t('waveEndsBeforeStart') : null;
    },
    value: (): WaveFields => ({
      name: name.value,
      start: parseDayInput(start) ?? 0,
      end: parseDayInput(end) ?? 0,
    }),
  };
}

function WaveFieldset(props: { t: Translate; fields: ReturnType<typeof useWaveFields> }) {
  const { t, fields } = props;
  return (
    <>
      <LimitedTextField t={t} label={t('waveName')} required trimmed field={fields.name} />
      <div class="row">
        <TextField
          t={t}
          label={t('waveStart')}
          type="date"
          required
          value={fields.start}
          onInput={fields.setStart}
        />
        <TextField
          t={t}
          label={t('waveEnd')}
          type="date"
          required
          value={fields.end}
          onInput={fields.setEnd}
        />
      </div>
    </>
  );
}

/** A brand in a picker: its name and role ("Fastwave (competitor)"). */
export function brandOptionLabel(brand: Brand, t: Translate): string {
  return `${brand.name} (${roleText(brand.role, t)})`;
}

/** A wave in a picker: its name and period ("Wave 2 · 1 Jan 2027 – 31 Jan 2027"). */
export function waveOptionLabel(wave: Wave, locale: Locale): string {
  return `${wave.name} · ${periodText(wave, locale)}`;
}

/**
 * New walk, or (`editing`) edit one: the brand (one of the audit's, or a new one: name, domain,
 * role), the wave (one of the audit's, or a new one: name and days), task, persona, entry channel,
 * auditor. A new brand or wave is written with the walk, in one go; an edited walk moves only to
 * brands and waves the audit has (new ones are added in "Brands and waves").
 */
export function JourneyForm(props: {
  t: Translate;
  locale: Locale;
  brands: readonly Brand[];
  waves: readonly Wave[];
  /** Values to start from: an existing walk's (brand and wave by id), or a new walk's defaults. */
  initial: WalkFields;
  /** The wave proposed when the auditor picks "New wave…". */
  proposedWave: WaveFields;
  editing: boolean;
  /** The audit's method: its channels (renamed, hidden, its own). */
  method?: CatalogueSource;
  onSubmit: Submit<WalkFields>;
  onCancel: () => void;
}) {
  const { t, locale, initial, editing } = props;
  const [brandChoice, setBrandChoice] = useState('id' in initial.brand ? initial.brand.id : NEW);
  const brand = useBrandFields(
    'id' in initial.brand
      ? {
          name: '',
          domain: '',
          role: props.brands.some((b) => b.role === 'own') ? 'competitor' : 'own',
        }
      : initial.brand,
  );
  const [waveChoice, setWaveChoice] = useState('id' in initial.wave ? initial.wave.id : NEW);
  const wave = useWaveFields('id' in initial.wave ? props.proposedWave : initial.wave);
  const task = useLimitedText(initial.task, LIMITS.text);
  const persona = useLimitedText(initial.persona, LIMITS.text);
  const [entryChannel, setEntry] = useState<string>(initial.entryChannel);
  const auditor = useLimitedText(initial.auditor, LIMITS.name);
  const newBrand = brandChoice === NEW;
  const newWave = waveChoice === NEW;
  return (
    <FormCard
      t={t}
      title={t(editing ? 'editJourney' : 'newJourney')}
      submitLabel={t(editing ? 'save' : 'createJourney')}
      value={() => ({
        brand: newBrand ? brand.value() : { id: brandChoice },
        wave: newWave ? wave.value() : { id: waveChoice },
        task: task.value,
        persona: persona.value,
        entryChannel,
        auditor: auditor.value,
      })}
      check={() => (newWave ? wave.check(t) : null)}
      limited={[
        ...(newBrand ? brand.limited : []),
        ...(newWave ? wave.limited : []),
        task,
        persona,
        auditor,
      ]}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      {(props.brands.length > 0 || editing) && (
        <SelectField
          label={t('brand')}
          value={brandChoice}
          options={[
            ...props.brands.map((b) => ({ value: b.id, label: brandOptionLabel(b, t) })),
            ...(editing ? [] : [{ value: NEW, label: t('newBrandOption') }]),
          ]}
          onChange={setBrandChoice}
        />
      )}
      {newBrand && (
        <fieldset class="subfields">
          <legend>{t('newBrand')}</legend>
          <BrandFieldset t={t} fields={brand} />
        </fieldset>
      )}
      {(props.waves.length > 0 || editing) && (
        <SelectField
          label={t('wave')}
          value={waveChoice}
          options={[
            ...props.waves.map((w) => ({ value: w.id, label: waveOptionLabel(w, locale) })),
            ...(editing ? [] : [{ value: NEW, label: t('newWaveOption') }]),
          ]}
          onChange={setWaveChoice}
        />
      )}
      {newWave && (
        <fieldset class="subfields">
          <legend>{t('newWave')}</legend>
          <WaveFieldset t={t} fields={wave} />
        </fieldset>
      )}
      <LimitedTextField t={t} label={t('task')} placeholder={t('taskPlaceholder')} field={task} />
      <LimitedTextField t={t} label={t('persona')} field={persona} />
      <SelectField
        label={t('entryChannel')}
        value={entryChannel}
        options={channelChoices(props.method, locale, entryChannel)}
        onChange={setEntry}
      />
      <LimitedTextField t={t} label={t('auditorName')} trimmed field={auditor} />
    </FormCard>
  );
}

/** New brand, or (with `initial`) edit one: name, domain, role. */
export function BrandForm(props: {
  t: Translate;
  initial?: BrandFields;
  /** The role a new brand starts with. */
  role?: BrandRole;
  onSubmit: Submit<BrandFields>;
  onCancel: () => void;
}) {
  const { t, initial } = props;
  const fields = useBrandFields(initial ?? { name: '', domain: '', role: props.role ?? 'own' });
  return (
    <FormCard
      t={t}
      class="inline"
      title={t(initial ? 'editBrand' : 'newBrand')}
      submitLabel={t(initial ? 'save' : 'addBrand')}
      value={fields.value}
      limited={fields.limited}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <BrandFieldset t={t} fields={fields} />
    </FormCard>
  );
}

/** New wave, or (`editing`) edit one: name, first and last day. */
export function WaveForm(props: {
  t: Translate;
  initial: WaveFields;
  editing: boolean;
  onSubmit: Submit<WaveFields>;
  onCancel: () => void;
}) {
  const { t, editing } = props;
  const fields = useWaveFields(props.initial);
  return (
    <FormCard
      t={t}
      class="inline"
      title={t(editing ? 'editWave' : 'newWave')}
      submitLabel={t(editing ? 'save' : 'addWave')}
      value={fields.value}
      check={() => fields.check(t)}
      limited={fields.limited}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <WaveFieldset t={t} fields={fields} />
    </FormCard>
  );
}

export interface OfflineInput {
  channel: string;
  stage: string;
  title: string;
  note: string;
  at: number;
  file: File | null;
  typeId: string | null;
  /** Running timers this contact answers (they stop at it). */
  stopsTimers: string[];
  /** The person the customer dealt with (undefined: none said). */
  person?: Person;
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
  timers: readonly { id: string; label: string; channels: readonly string[] }[];
  /** The audit's method: its channels (renamed, hidden, its own). */
  method?: CatalogueSource;
  now: number;
  onSubmit: Submit<OfflineInput>;
  onCancel: () => void;
}) {
  const { t, locale } = props;
  const [channel, setChannel] = useState<string>('phone');
  const [stage, setStage] = useState(props.defaultStage);
  const title = useLimitedText('', LIMITS.title);
  const note = useLimitedText('', LIMITS.note);
  const person = usePersonFields();
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
          title: title.value || channelLabel(channel, locale, props.method),
          note: note.value,
          at: Number.isNaN(time) ? props.now : time,
          file,
          typeId: typeId || null,
          stopsTimers: props.timers.filter(stopsTimer).map((timer) => timer.id),
          person: person.value(),
        };
      }}
      limited={[title, note, person.limited]}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <SelectField
        label={t('channel')}
        value={channel}
        options={channelChoices(props.method, locale, channel, { offline: true })}
        onChange={setChannel}
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
          if (isOfflineChannel(type.channel, props.method)) setChannel(type.channel);
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
      <PersonFieldset t={t} fields={person} />
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
