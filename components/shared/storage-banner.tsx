/** Says that the disk is full, that saved work is safe, and what to do; Try again checks the space. */
import { useState } from 'preact/hooks';
import { useSubscription } from './hooks';
import type { Translate } from '../../lib/i18n';
import type { StorageState } from '../../lib/model';

const mb = (bytes: number | null) => (bytes === null ? '?' : String(Math.floor(bytes / 1048576)));

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
  const params = { free: mb(state.freeBytes), needed: Math.ceil(state.neededBytes / 1048576) };
  return (
    <section class="storage-banner" role="alert" aria-label={t('storageLowTitle')}>
      <strong>{t('storageLowTitle')}</strong>
      <p>{t(state.reason === 'low-space' ? 'storageLow' : 'storageFailed', params)}</p>
      {still && <p>{still}</p>}
      <div class="row">
        <button
          type="button"
          class="primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onRetry().then((next) => {
              setBusy(false);
              setStill(
                next.kind === 'halted'
                  ? t('storageStillLow', {
                      free: mb(next.freeBytes),
                      needed: Math.ceil(next.neededBytes / 1048576),
                    })
                  : null,
              );
            });
          }}
        >
          {t('storageRetry')}
        </button>
      </div>
    </section>
  );
}

/** Try again: checks the free space and reopens the database; the page reloads to show it all. */
export async function retryStorage(store: {
  storage: { resume(): Promise<StorageState> };
}): Promise<StorageState> {
  const next = await store.storage.resume();
  if (next.kind === 'ready') location.reload();
  return next;
}

/** What the store's storage guard says now, kept up to date. */
export function useStorageState(storage: {
  state: StorageState;
  subscribe(listener: (state: StorageState) => void): () => unknown;
}): StorageState {
  return useSubscription<StorageState>(
    (onValue) => {
      const stop = storage.subscribe(onValue);
      return () => void stop();
    },
    storage.state,
    [],
  );
}
