/**
 * Bundles over the real browser for the pages without a data controller (the side panel's Back
 * up everything): the rule is lib/controllers/data.ts saveBackup, wired here to the settings and
 * the download.
 */
import { readSettings, saveFile } from '../browser';
import { saveBackup, type BundleDeps, type SavedBundle } from '../controllers/data';
import type { AuditStore } from '../db';

/** What writing a bundle needs, over the extension's settings, downloads and clock. */
function browserBundleDeps(store: AuditStore): BundleDeps {
  return {
    store,
    identity: async () => (await readSettings()).identity,
    save: (name, content) => saveFile(name, content),
    now: () => Date.now(),
  };
}

/** A backup: everything, nothing masked or left out (keep it private), saved as a file. */
export function backupEverything(store: AuditStore): Promise<SavedBundle> {
  return saveBackup(browserBundleDeps(store));
}
