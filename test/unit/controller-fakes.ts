/** Fakes for the page controllers: settings in memory, a storage guard stub, live reads over Dexie. */
import type { Subscribe } from '../../lib/controllers/live';
import { createShellController, type ShellController } from '../../lib/controllers/shell';
import { watchQuery } from '../../lib/db';
import type { StorageState } from '../../lib/model';
import { SettingsSchema, type Settings } from '../../lib/model/settings';

/** Settings kept in memory, parsed as extension storage would be. */
export function fakeSettings(initial: Record<string, unknown> = {}) {
  let stored: Record<string, unknown> = { ...initial };
  const listeners = new Set<(s: Settings) => void>();
  const current = () => SettingsSchema.parse(stored);
  return {
    current,
    subscribe: ((onValue) => {
      onValue(current());
      listeners.add(onValue);
      return () => void listeners.delete(onValue);
    }) as Subscribe<Settings>,
    async write(changes: Partial<Settings>) {
      stored = { ...stored, ...changes };
      for (const listener of listeners) listener(current());
    },
  };
}

/** A shell over fakes; `logged` collects what it logged, `reloads` counts page reloads. */
export function fakeShell(options: { settings?: Record<string, unknown>; language?: string } = {}) {
  const settings = fakeSettings(options.settings);
  const logged: { where: string; error: unknown }[] = [];
  let storageState: StorageState = { kind: 'ready' };
  const storageListeners = new Set<(s: StorageState) => void>();
  const counts = { reloads: 0, resumes: 0 };
  const shell: ShellController = createShellController({
    settings,
    browserLanguage: () => options.language ?? 'en-GB',
    storage: {
      get state() {
        return storageState;
      },
      subscribe(listener) {
        storageListeners.add(listener);
        return () => storageListeners.delete(listener);
      },
      async resume() {
        counts.resumes++;
        return storageState;
      },
    },
    watch: (query) => (onValue, onError) => watchQuery(query, onValue, onError),
    reload: () => void counts.reloads++,
    logError: (where, error) => void logged.push({ where, error }),
  });
  const setStorage = (state: StorageState) => {
    storageState = state;
    for (const listener of storageListeners) listener(state);
  };
  return { shell, settings, logged, counts, setStorage };
}

/**
 * The first value of a live subscription that satisfies `accept` (by default: the first value).
 * Waits on state, never on time: a value that never comes fails the test by its timeout.
 */
export function valueOf<T>(subscribe: Subscribe<T>, accept: (value: T) => boolean = () => true) {
  return new Promise<T>((resolve, reject) => {
    let stop: (() => void) | null = null;
    let done = false;
    stop = subscribe(
      (value) => {
        if (done || !accept(value)) return;
        done = true;
        resolve(value);
        queueMicrotask(() => stop?.());
      },
      (error) => reject(error),
    );
    if (done) stop();
  });
}
