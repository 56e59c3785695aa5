/**
 * The page shell's controller: settings, language, the storage guard's state and the failures of
 * live reads, the same for every extension page. Built once in each page's main.tsx from injected
 * adapters (tests hand in fakes); the page controllers build on it.
 */
import type { StorageState } from '../model';
import type { Locale } from '../model/ids';
import type { Settings } from '../model/settings';
import { localeFor, translator, type Translate } from '../i18n';
import type { Subscribe } from './live';

/** Settings as a page reads and writes them (lib/browser over extension storage). */
export interface SettingsPort {
  subscribe: Subscribe<Settings>;
  write(changes: Partial<Settings>): Promise<void>;
}

/** The store's storage guard as a page sees it. */
export interface StoragePort {
  readonly state: StorageState;
  subscribe(listener: (state: StorageState) => void): () => unknown;
  /** Checks the free space and reopens; resolves with the state after it. */
  resume(): Promise<StorageState>;
}

export interface ShellDeps {
  settings: SettingsPort;
  browserLanguage(): string;
  storage: StoragePort;
  /** A live query over the store (lib/db watchQuery). */
  watch<T>(query: () => Promise<T>): Subscribe<T>;
  /** Reloads the page (after the storage came back, so every view reads again). */
  reload(): void;
  logError(where: string, error: unknown): void;
}

/** A live read failed: the page shows it with what to do. */
export interface ReadFailure {
  /** What could not be read, e.g. "steps". */
  what: string;
  error: unknown;
}

export interface ShellController {
  readonly settings: Subscribe<Settings>;
  writeSettings(changes: Partial<Settings>): Promise<void>;
  /** The language to show: the chosen one, else the browser's. */
  localeOf(settings: Settings | null): Locale;
  translatorFor(locale: Locale): Translate;
  setLocale(locale: Locale): Promise<void>;
  readonly storage: Subscribe<StorageState>;
  storageState(): StorageState;
  reload(): void;
  /** Try again after a full disk: reloads the page once the store is open again. */
  retryStorage(): Promise<StorageState>;
  /** A live read of the store; its failure is logged and reaches `failures`. */
  live<T>(what: string, query: () => Promise<T>): Subscribe<T>;
  /** The last failed live read (null until one fails). */
  readonly failures: Subscribe<ReadFailure | null>;
  /** An error no view handled (a promise chain's end): logged and shown as a read failure. */
  fail(what: string, error: unknown): void;
}

export function createShellController(deps: ShellDeps): ShellController {
  let failure: ReadFailure | null = null;
  const failureListeners = new Set<(f: ReadFailure | null) => void>();
  const translators = new Map<Locale, Translate>();
  const fail = (what: string, error: unknown) => {
    deps.logError(what, error);
    failure = { what, error };
    for (const listener of failureListeners) listener(failure);
  };
  return {
    settings: deps.settings.subscribe,
    writeSettings: (changes) => deps.settings.write(changes),
    localeOf: (settings) => settings?.locale ?? localeFor(deps.browserLanguage()),
    translatorFor(locale) {
      // One translator per language: memoised rows compare it by identity.
      let t = translators.get(locale);
      if (!t) translators.set(locale, (t = translator(locale)));
      return t;
    },
    setLocale: (locale) => deps.settings.write({ locale }),
    storage: (onValue) => {
      onValue(deps.storage.state);
      const stop = deps.storage.subscribe(onValue);
      return () => void stop();
    },
    storageState: () => deps.storage.state,
    reload: () => deps.reload(),
    async retryStorage() {
      const next = await deps.storage.resume();
      if (next.kind === 'ready') deps.reload();
      return next;
    },
    // Reported here (logged and shown in the page's banner), so the view's onError is not called.
    live: (what, query) => (onValue) => deps.watch(query)(onValue, (error) => fail(what, error)),
    failures: (onValue) => {
      onValue(failure);
      failureListeners.add(onValue);
      return () => void failureListeners.delete(onValue);
    },
    fail,
  };
}
