/**
 * The auditor's signing key (optional, none by default): made with Web Crypto (ECDSA P-256), the
 * private half non-extractable, kept in the profile (lib/db/keys.ts). An exported report is signed
 * when the key exists; the Verify page names it. See docs/report-manifest.md.
 */
import type { KeyStore, StoredSigningKey } from '../db';
import { createSigningKeyPair, signerOf, type ReportSigner } from '../report/manifest';
import type { Subscribe } from './live';

/** What a page shows of the key: never the private half. */
export interface SigningKeyInfo {
  fingerprint: string;
  createdAt: number;
}

export interface SigningController {
  /** The profile's key (null: none), again after each change made here. */
  readonly key: Subscribe<SigningKeyInfo | null>;
  /** Makes a new key, replacing any other. */
  create(): Promise<SigningKeyInfo>;
  /** Deletes the key: later exports are not signed. */
  remove(): Promise<void>;
  /** The signer for an export (null: no key). */
  signer(): Promise<ReportSigner | null>;
}

export function createSigningController(deps: {
  keys: KeyStore;
  now(): number;
  /** Makes the key pair (Web Crypto in the page; a test may pass its own). */
  makeKeyPair?: typeof createSigningKeyPair;
}): SigningController {
  const listeners = new Set<{
    onValue(v: SigningKeyInfo | null): void;
    onError(e: unknown): void;
  }>();
  const info = (key: StoredSigningKey | null): SigningKeyInfo | null =>
    key && { fingerprint: key.fingerprint, createdAt: key.createdAt };
  const publish = async () => {
    try {
      const value = info(await deps.keys.read());
      for (const l of listeners) l.onValue(value);
    } catch (error) {
      for (const l of listeners) l.onError(error);
    }
  };
  return {
    key: (onValue, onError) => {
      const listener = { onValue, onError };
      listeners.add(listener);
      deps.keys.read().then(
        (key) => listeners.has(listener) && onValue(info(key)),
        (error: unknown) => listeners.has(listener) && onError(error),
      );
      return () => void listeners.delete(listener);
    },
    async create() {
      const pair = await (deps.makeKeyPair ?? createSigningKeyPair)();
      const stored: StoredSigningKey = { id: 'auditor', ...pair, createdAt: deps.now() };
      await deps.keys.write(stored);
      await publish();
      return info(stored)!;
    },
    async remove() {
      await deps.keys.remove();
      await publish();
    },
    async signer() {
      const key = await deps.keys.read();
      return key && signerOf(key);
    },
  };
}
