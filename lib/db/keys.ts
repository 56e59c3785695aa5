/**
 * The auditor's signing key, in a small database of its own (`touchpoint-audit-keys`), apart from
 * the audit store: a CryptoKey can be kept only in IndexedDB (structured clone; chrome.storage
 * holds JSON), and the audit database's schema stays as released. The private key is stored as a
 * non-extractable CryptoKey: pages of this extension can sign with it, nothing can read it out.
 * It is never exported, in bundles or backups. See docs/report-manifest.md.
 */
import { Dexie, type EntityTable } from 'dexie';

export const KEYS_DB_NAME = 'touchpoint-audit-keys';

export interface StoredSigningKey {
  /** Always 'auditor': one key per profile. */
  id: 'auditor';
  privateKey: CryptoKey;
  /** The public half as a JWK (EC, P-256). */
  publicKey: { kty: 'EC'; crv: 'P-256'; x: string; y: string };
  /** SHA-256 of the public key's thumbprint form, lower-case hex. */
  fingerprint: string;
  createdAt: number;
}

class KeyDatabase extends Dexie {
  keys!: EntityTable<StoredSigningKey, 'id'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ keys: 'id' });
  }
}

export interface KeyStore {
  read(): Promise<StoredSigningKey | null>;
  /** Stores the key, replacing any other (one transaction). */
  write(key: StoredSigningKey): Promise<void>;
  remove(): Promise<void>;
}

export function openKeyStore(name = KEYS_DB_NAME): KeyStore {
  const db = new KeyDatabase(name);
  return {
    read: async () => (await db.keys.get('auditor')) ?? null,
    write: async (key) => {
      await db.keys.put(key);
    },
    remove: () => db.keys.delete('auditor'),
  };
}
