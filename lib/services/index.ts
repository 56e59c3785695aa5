/** Wires the browser adapters, the capture pipeline and the store for the entrypoints. */
import {
  captureVisibleTab,
  findTargetTab,
  readSettings,
  runInTab,
  storageProbe,
  tabExists,
} from '../browser';
import { CapturePacer, findSensitiveFields, type CaptureDeps } from '../capture';
import { encodeCaptured } from '../capture/encode';
import { openStore, type AuditStore } from '../db';
import { Identity } from '../model';

const NO_IDENTITY: Identity = { name: '', email: '', phone: '' };

/** The stored identity, or an empty one when the stored value is missing or malformed. */
export async function readIdentity(): Promise<Identity> {
  const parsed = Identity.safeParse((await readSettings()).identity);
  return parsed.success ? parsed.data : NO_IDENTITY;
}

/** Capture dependencies for this context (side panel or service worker); one pacer per context. */
export function captureServices(store: AuditStore): CaptureDeps {
  return {
    store,
    pacer: new CapturePacer(),
    findTargetTab,
    captureVisibleTab,
    tabExists,
    encode: (image) => encodeCaptured(image, 'visible'),
    findSensitiveFields: async (tabId) =>
      runInTab(tabId, findSensitiveFields, [await readIdentity()]),
    now: () => Date.now(),
    userAgent: navigator.userAgent,
  };
}

/**
 * The extension's store for a page: opened (free space checked, log renewed if needed) before the
 * page renders; if the disk is full it stays closed and `store.storage.state` says why.
 */
export async function openExtensionStore(): Promise<AuditStore> {
  const store = openStore(storageProbe());
  await store.storage.open();
  return store;
}
