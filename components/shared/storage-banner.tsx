/**
 * Says why the database stopped (the disk is full, or what the browser reported when it is not),
 * that saved work is safe, and what to do; Try again checks the space and reopens.
 */
import { useState } from 'preact/hooks';
import { describeError } from './describe-error';
import type { Translate } from '../../lib/i18n';
import type { StorageCause, StorageState } from '../../lib/model';

const mb = (bytes: number | null) => (bytes === null ? '?' : String(Math.floor(bytes / 1048576)));

type Halted = Extract<StorageState, { kind: 'halted' }>;

/** The browser's error when the database failed for a reason other than a full disk, else null. */
function otherCause(state: Halted): StorageCause | null {
  const { cause } = state;
  return state.reason === 'failed' && cause && cause.kind !== 'disk-full' ? cause : null;
}

/** The browser's words; the sentence around them ends them (so no "..") */
const causeText = (cause: StorageCause) => `${cause.name}: ${cause.message.replace(/\.$/, '')}`;

/** The banner's title and text for a stopped database: one rule for every page. */
export function storageMessage(t: Translate, state: Halted): { title: string; text: string } {
  const cause = otherCause(state);
  if (cause) {
    const key = cause.during === 'open' ? 'storageOpenFailed' : 'storageWriteFailed';
    return { title: t('storageErrorTitle'), text: t(key, { cause: causeText(cause) }) };
  }
  const params = { free: mb(state.freeBytes), needed: Math.ceil(state.neededBytes / 1048576) };
  return {
    title: t('storageLowTitle'),
    text: t(state.reason === 'low-space' ? 'storageLow' : 'storageFailed', params),
  };
}

/** What Try again found when the database is still stopped. */
function stillMessage(t: Translate, state: Halted): string {
  const cause = otherCause(state);
  return cause
    ? t('storageStillFailed', { cause: causeText(cause) })
    : t('storageStillLow', {
        free: mb(state.freeBytes),
        needed: Math.ceil(state.neededBytes / 1048576),
      });
}

export function StorageBanner(props: {
  t: Translate;
  state: StorageState;
  /** Checks the free space and reopens; resolves with the state after it. */
  onRetry: () => Promise<StorageState>;
}) {
  const { t, state } = props;
  const [busy, setBusy] = useState(false);
  const [still, setStill] = useState<string | null>(null);
  if (state.kind !== 'halted') return null;
  const { title, text } = storageMessage(t, state);
  return (
    <section class="storage-banner" role="alert" aria-label={title}>
      <strong>{title}</strong>
      <p>{text}</p>
      {still && <p>{still}</p>}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onRetry().then(
              (next) => {
                setBusy(false);
                setStill(next.kind === 'halted' ? stillMessage(t, next) : null);
              },
              (error: unknown) => {
                setBusy(false);
                setStill(describeError(error, t));
              },
            );
          }}
        >
          {t('storageRetry')}
        </button>
      </div>
    </section>
  );
}
