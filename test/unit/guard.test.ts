/** A full disk never costs saved work: refuse before writing, stop after an error, renew the log. */
import { describe, expect, it } from 'vitest';
import { AuditDatabase, AuditStore, isStorageFailure, StorageFullError } from '../../lib/db';
import { storageCause } from '../../lib/db/errors';
import { OPEN_MARGIN, WRITE_MARGIN, type StorageProbe } from '../../lib/db/guard';
import { createWalk, fakeImage } from './helpers';

const MB = 1024 * 1024;

/** A probe whose free space the test sets; it records log renewals. */
interface FakeProbe extends StorageProbe {
  free: number;
  renewal: boolean;
}

function fakeProbe(freeMb: number, renewal = false): FakeProbe {
  const probe: FakeProbe = {
    free: freeMb * MB,
    renewal,
    freeBytes: async () => probe.free,
    needsLogRenewal: async () => probe.renewal,
    setNeedsLogRenewal: async (value: boolean) => void (probe.renewal = value),
  };
  return probe;
}

let n = 0;
function guardedStore(probe: StorageProbe) {
  const db = new AuditDatabase(`guard-${++n}-${Math.random()}`, { autoOpen: false });
  let t = Date.UTC(2026, 0, 5);
  const clock = () => (t += 1000);
  return { db, store: new AuditStore(db, clock, () => crypto.randomUUID(), probe) };
}

async function withAudit(store: AuditStore) {
  const audit = await store.createAudit({ name: 'A', client: '', defaultTask: '' });
  return createWalk(store, { auditId: audit.id, brandName: 'B', brandRole: 'own' });
}

const page = (journeyId: string, size = 1000) => ({
  journeyId,
  kind: 'page' as const,
  url: 'https://a.test/',
  title: 'A',
  at: 1,
  images: [fakeImage('a', size)],
});

describe('storage guard', () => {
  it('does not even open the database when the disk is full, and says how much is free', async () => {
    const probe = fakeProbe(5);
    const { db, store } = guardedStore(probe);
    expect(await store.storage.open()).toMatchObject({
      kind: 'halted',
      reason: 'low-space',
      freeBytes: 5 * MB,
      neededBytes: WRITE_MARGIN,
    });
    expect(db.isOpen()).toBe(false);
    const refused = await store
      .createAudit({ name: 'A', client: '', defaultTask: '' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageFullError);
    expect((refused as Error).message).toMatch(/The disk is full \(5 MB free\)/);
    expect(db.isOpen()).toBe(false);

    // Try again with still too little space: still closed. With room to open but not to write,
    // the saved work can be seen, and the first write is refused with what it needs.
    expect(await store.storage.resume()).toMatchObject({ kind: 'halted' });
    probe.free = OPEN_MARGIN + MB;
    expect(await store.storage.resume()).toEqual({ kind: 'ready' });
    expect(db.isOpen()).toBe(true);
    expect(await store.listAudits()).toEqual([]);
    await expect(
      store.createAudit({ name: 'A', client: '', defaultTask: '' }),
    ).rejects.toBeInstanceOf(StorageFullError);
    expect(store.storage.state).toMatchObject({ kind: 'halted', neededBytes: WRITE_MARGIN });
    probe.free = 500 * MB;
    expect(await store.storage.resume()).toEqual({ kind: 'ready' });
    await store.createAudit({ name: 'A', client: '', defaultTask: '' });
  });

  it('refuses a write that would leave less than the margin free; nothing is written', async () => {
    const probe = fakeProbe(1000);
    const { db, store } = guardedStore(probe);
    await store.storage.open();
    const journey = await withAudit(store);
    await store.addStep(page(journey.id));
    probe.free = WRITE_MARGIN + 2 * MB;
    const refused = await store.addStep(page(journey.id, 1 * MB)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StorageFullError);
    expect((refused as StorageFullError).neededBytes).toBeGreaterThan(WRITE_MARGIN + 3 * MB - 1);
    expect(await db.touchpoints.count()).toBe(1);
    expect(store.storage.state).toMatchObject({ kind: 'halted', reason: 'low-space' });
  });

  it('after a storage error it stops, closes, refuses every write, and renews the log to go on', async () => {
    const probe = fakeProbe(1000);
    const { db, store } = guardedStore(probe);
    await store.storage.open();
    const journey = await withAudit(store);
    await store.addStep(page(journey.id));
    const failing = () => {
      throw new DOMException('Failed to write blobs (IOError)', 'DataError');
    };
    db.images.hook('creating', failing);
    await expect(store.addStep(page(journey.id))).rejects.toBeInstanceOf(StorageFullError);
    db.images.hook('creating').unsubscribe(failing);
    expect(store.storage.state).toMatchObject({ kind: 'halted', reason: 'failed' });
    expect(db.isOpen()).toBe(false);
    expect(probe.renewal).toBe(true);
    // Nothing reopens the database behind the auditor's back.
    await expect(store.addStep(page(journey.id))).rejects.toBeInstanceOf(StorageFullError);
    await expect(store.listSteps(journey.id)).rejects.toThrow();
    expect(db.isOpen()).toBe(false);

    // Space freed, Try again: reopened once, log renewed (scratch written and deleted), data intact.
    expect(await store.storage.resume()).toEqual({ kind: 'ready' });
    expect(probe.renewal).toBe(false);
    expect(await db.scratch.count()).toBe(0);
    expect(await store.listSteps(journey.id)).toHaveLength(1);
    await store.addStep(page(journey.id));
    expect(await store.listSteps(journey.id)).toHaveLength(2);
  });

  it('renews the log at the first open of a browser session', async () => {
    const probe = fakeProbe(1000, true);
    const { db, store } = guardedStore(probe);
    let scratchWrites = 0;
    db.scratch.hook('creating', () => void scratchWrites++);
    expect(await store.storage.open()).toEqual({ kind: 'ready' });
    expect(scratchWrites * 16 * 1024).toBeGreaterThanOrEqual(6 * MB);
    expect(await db.scratch.count()).toBe(0);
    expect(probe.renewal).toBe(false);
  });

  it.each([
    ['quota', new DOMException('quota', 'QuotaExceededError')],
    [
      'blob write',
      {
        name: 'AbortError',
        inner: new DOMException('Failed to write blobs (IOError)', 'DataError'),
      },
    ],
    ['bulk abort', { name: 'BulkError', failures: [{ name: 'AbortError', message: 'aborted' }] }],
    ['no space', { name: 'UnknownError', message: 'IO error: 000003.log: FILE_ERROR_NO_SPACE' }],
    [
      'backing store',
      {
        name: 'OpenFailedError',
        inner: {
          name: 'UnknownError',
          message: 'Internal error opening backing store for indexedDB.open.',
        },
      },
    ],
  ])('recognises a storage failure: %s', (_label, error) => {
    expect(isStorageFailure(error)).toBe(true);
  });

  it('keeps a quota error during a write as a full disk (the banner says so)', async () => {
    const probe = fakeProbe(1000);
    const { db, store } = guardedStore(probe);
    await store.storage.open();
    const journey = await withAudit(store);
    const failing = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    db.images.hook('creating', failing);
    await expect(store.addStep(page(journey.id))).rejects.toBeInstanceOf(StorageFullError);
    expect(store.storage.state).toMatchObject({
      kind: 'halted',
      reason: 'failed',
      cause: { kind: 'disk-full', during: 'write', name: 'QuotaExceededError' },
    });
  });

  it('keeps what the browser said when the database cannot be opened: a failed upgrade', async () => {
    const name = `guard-upgrade-${Math.random()}`;
    // A database left at an older version whose audits are keyed otherwise: the upgrade fails.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(name, 40);
      request.onupgradeneeded = () =>
        request.result.createObjectStore('audits', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result.close());
      request.onerror = () => reject(request.error);
    });
    const db = new AuditDatabase(name, { autoOpen: false });
    const store = new AuditStore(db, Date.now, undefined, fakeProbe(1000));
    const state = await store.storage.open();
    expect(state).toMatchObject({
      kind: 'halted',
      reason: 'failed',
      cause: { kind: 'version', during: 'open', name: 'UpgradeError' },
    });
    expect(db.isOpen()).toBe(false);
  });

  it('keeps the cause of any halt: none for the browser closing the connection', async () => {
    const { store } = guardedStore(fakeProbe(1000));
    await store.storage.halt('failed', null);
    expect(store.storage.state).toMatchObject({ kind: 'halted', cause: null });
    const other = guardedStore(fakeProbe(1000)).store;
    await other.storage.halt(
      'failed',
      null,
      new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'),
    );
    expect(other.storage.state).toMatchObject({
      cause: {
        kind: 'other',
        during: 'open',
        name: 'UnknownError',
        message: 'Internal error opening backing store for indexedDB.open.',
      },
    });
  });

  it.each([
    ['quota', new DOMException('quota', 'QuotaExceededError'), 'disk-full', 'QuotaExceededError'],
    [
      'no space, wrapped by Dexie',
      {
        name: 'AbortError',
        message: 'Transaction aborted',
        inner: { name: 'UnknownError', message: 'IO error: 000003.log: FILE_ERROR_NO_SPACE' },
      },
      'disk-full',
      'UnknownError',
    ],
    ['a newer version', new DOMException('version 50 < 1000', 'VersionError'), 'version', null],
    [
      'an upgrade that failed',
      {
        name: 'OpenFailedError',
        message: 'UpgradeError x',
        inner: { name: 'UpgradeError', message: 'x' },
      },
      'version',
      'UpgradeError',
    ],
    [
      'another tab',
      {
        name: 'VersionChangeError',
        message: 'Database version changed by other database connection',
      },
      'blocked',
      null,
    ],
    ['unknown', new DOMException('Internal error.', 'UnknownError'), 'other', null],
    ['not even an Error', 'broken', 'other', 'Error'],
  ])('tells a full disk from other causes: %s', (_label, error, kind, name) => {
    const cause = storageCause(error, 'open');
    expect(cause?.kind).toBe(kind);
    expect(cause?.name).toBe(name ?? (error as { name: string }).name);
  });

  it('keeps a cause to one line the auditor can read', () => {
    const cause = storageCause(
      { name: 'UnknownError', message: `first line\n  ${'x'.repeat(1000)}` },
      'write',
    );
    expect(cause?.message).toMatch(/^first line x+…$/);
    expect(cause?.message).toHaveLength(300);
    expect(storageCause(undefined, 'write')).toBeNull();
  });

  it.each([
    ['constraint', { name: 'ConstraintError', message: 'Key already exists' }],
    ['not found', new Error('Step 1 does not exist')],
    [
      'bulk constraint',
      { name: 'BulkError', failures: [{ name: 'ConstraintError', message: 'x' }] },
    ],
  ])('does not mistake other errors for storage failures: %s', (_label, error) => {
    expect(isStorageFailure(error)).toBe(false);
  });
});
