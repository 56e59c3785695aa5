/** Test helpers: a fresh fake-indexeddb store with a deterministic clock and ids. */
import { AuditDatabase, AuditStore } from '../../lib/db';
import type { EncodedImage } from '../../lib/model';

let dbCounter = 0;

/** `idBlock` (0–9) keeps two stores' ids apart, like two auditors' profiles. */
export function testStore(start = Date.UTC(2026, 0, 5, 9, 0, 0), idBlock = 0) {
  let now = start;
  let id = 0;
  const clock = {
    now: () => now,
    advance: (ms: number) => (now += ms),
  };
  const newId = () => `00000000-0000-4000-8000-${idBlock}${String(++id).padStart(11, '0')}`;
  const db = new AuditDatabase(`test-${++dbCounter}-${Math.random()}`);
  return { store: new AuditStore(db, clock.now, newId), db, clock };
}

export function fakeImage(label = 'img', size = 1000): EncodedImage {
  return {
    mode: 'visible',
    mime: 'image/jpeg',
    blob: new Blob([new Uint8Array(size).fill(label.length)], { type: 'image/jpeg' }),
    width: 1280,
    height: 800,
    sha256: 'a'.repeat(64),
    thumbnail: new Blob([label], { type: 'image/webp' }),
  };
}

export async function auditWithJourneys(store: AuditStore) {
  const audit = await store.createAudit({
    name: 'Broadband Q1',
    client: 'Brightline',
    defaultTask: 'request a callback',
  });
  const own = await store.createJourney({
    auditId: audit.id,
    brandName: 'Brightline',
    brandDomain: 'brightline.test',
    brandRole: 'own',
    task: 'request a callback',
    persona: 'family',
    entryChannel: 'search',
    auditor: '',
  });
  const rival = await store.createJourney({
    auditId: audit.id,
    brandName: 'Fastwave',
    brandDomain: 'fastwave.test',
    brandRole: 'competitor',
    task: 'request a callback',
    persona: 'family',
    entryChannel: 'search',
    auditor: '',
  });
  return { audit, own, rival };
}
