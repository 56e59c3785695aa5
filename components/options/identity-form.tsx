/** The auditor's identity (name, email, phone): fields that contain it are covered in captures. */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { describeIssues, Identity, LIMITS } from '../../lib/model';
import { describeError } from '../shared/describe-error';
import { isTooLong, TextField } from '../shared/fields';

type Saved = { error: boolean; text: string } | null;

/** What the last save said, and the Save button. */
function SaveFooter({ t, message }: { t: Translate; message: Saved }) {
  return (
    <>
      {message && (
        <p
          class={message.error ? 'form-error' : 'message status'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary">
          {t('save')}
        </button>
      </div>
    </>
  );
}

export function IdentityForm(props: {
  t: Translate;
  identity: Identity;
  onSave: (identity: Identity) => Promise<void>;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.identity);
  const [message, setMessage] = useState<Saved>(null);
  const set = (key: keyof Identity) => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <form
      class="card form"
      aria-label={t('identityTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = Identity.safeParse(draft);
        if (!parsed.success) {
          setMessage({
            error: true,
            text: t('error_invalid', { details: describeIssues(parsed.error) }),
          });
          return;
        }
        void props.onSave(parsed.data).then(
          () => setMessage({ error: false, text: t('identitySaved') }),
          (error: unknown) => setMessage({ error: true, text: describeError(error, t) }),
        );
      }}
    >
      <h2>{t('identityTitle')}</h2>
      <p class="muted">{t('identityHelp')}</p>
      <TextField
        t={t}
        label={t('identityName')}
        maxLength={200}
        trimmed
        value={draft.name}
        onInput={set('name')}
      />
      <TextField
        t={t}
        label={t('identityEmail')}
        maxLength={254}
        trimmed
        value={draft.email}
        onInput={set('email')}
      />
      <TextField
        t={t}
        label={t('identityPhone')}
        maxLength={50}
        trimmed
        value={draft.phone}
        onInput={set('phone')}
      />
      <SaveFooter t={t} message={message} />
    </form>
  );
}

/** Who walks the journeys made in this browser: stored with each new journey, shown in reports. */
export function AuditorForm(props: {
  t: Translate;
  auditor: string;
  onSave: (auditor: string) => Promise<void>;
}) {
  const { t } = props;
  const [draft, setDraft] = useState(props.auditor);
  const [message, setMessage] = useState<Saved>(null);
  return (
    <form
      class="card form"
      aria-label={t('auditorTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        if (isTooLong(draft, LIMITS.name)) {
          setMessage({ error: true, text: t('formHasErrors') });
          return;
        }
        void props.onSave(draft.trim()).then(
          () => setMessage({ error: false, text: t('auditorSaved') }),
          (error: unknown) => setMessage({ error: true, text: describeError(error, t) }),
        );
      }}
    >
      <h2>{t('auditorTitle')}</h2>
      <p class="muted">{t('auditorHelp')}</p>
      <TextField
        t={t}
        label={t('auditorName')}
        maxLength={LIMITS.name}
        trimmed
        value={draft}
        onInput={setDraft}
      />
      <SaveFooter t={t} message={message} />
    </form>
  );
}
