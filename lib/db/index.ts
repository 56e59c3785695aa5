/**
 * The only code that touches IndexedDB. Every write is one Dexie transaction, guarded against a
 * full disk (guard.ts). The store is one face over its parts, one per aggregate and file.
 */

export * from './errors';
export { AuditStore, openStore } from './store';
export { AuditDatabase, DB_NAME } from './schema';
export { StorageGuard, type StorageProbe } from './guard';
export type { ImportPlan, MatchChoice, ProposedMatch } from './merge';
// The snapshot type lives in lib/model so the pure report model need not import the store.
export type { AuditSnapshot } from '../model';
export { defaultCategory, type NewStep } from './steps';
export type { ImageEvidence } from './images';
export type { PlacedAction } from './method';
export type { Scope } from './exchange';
export { watchQuery } from './watch';
export { openKeyStore, KEYS_DB_NAME, type KeyStore, type StoredSigningKey } from './keys';
