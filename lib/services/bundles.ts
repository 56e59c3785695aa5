/**
 * Bundles in the extension: back up everything, export audits to share, preview and apply an
 * import. Reading and writing the zip is lib/bundle's; masking lib/privacy's; merging lib/db's.
 */
import { readSettings, saveFile } from '../browser';
import { readBundle, writeBundle, type BundleInfo } from '../bundle';
import type { AuditStore, ImportPlan, Scope } from '../db';
import type { DataSet } from '../model';
import { BACKUP_CHOICES, shareRecords, type ExportChoices } from '../privacy';
import { BUNDLE_EXTENSION, fileStem } from '../report/files';

export interface SavedBundle {
  file: string;
  bytes: number;
}

/**
 * Writes the audits in `scope` as a bundle and saves it as a file. Unless `choices.identity`, the
 * auditor's name, email and phone are masked in it; user agents and upload file names are kept
 * only if chosen.
 */
export async function exportBundle(
  store: AuditStore,
  scope: Scope,
  choices: ExportChoices,
  name: string,
  now = Date.now(),
): Promise<SavedBundle> {
  const [data, { identity }] = await Promise.all([store.readDataSet(scope), readSettings()]);
  const shared = shareRecords(data, identity, choices);
  const blob = await writeBundle(shared, { scope, includes: choices, now });
  const file = `${fileStem(name, now)}${BUNDLE_EXTENSION}`;
  saveFile(file, blob, 'application/zip');
  await store.recordExported(shared);
  return { file, bytes: blob.size };
}

/** A backup: everything, nothing masked or left out (keep it private). */
export function backupEverything(store: AuditStore): Promise<SavedBundle> {
  return exportBundle(store, { kind: 'all' }, BACKUP_CHOICES, 'touchpoint-audit-backup');
}

export interface ImportPreview {
  info: BundleInfo;
  data: DataSet;
  plan: ImportPlan;
}

/** Reads and checks a bundle file, and says what importing it would do (nothing is written). */
export async function previewBundle(store: AuditStore, file: Blob): Promise<ImportPreview> {
  const { data, info } = await readBundle(file);
  return { data, info, plan: await store.previewImport(data) };
}
