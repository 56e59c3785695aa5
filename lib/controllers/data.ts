/**
 * The Backups and bundles page's controller: the audits and Recently deleted, live; a bundle to
 * share or a backup of everything, written here and handed to an injected `save`; an import
 * previewed, then applied; the storage's usage and persistence. Runs in Node tests with fakes.
 */
import { readBundle, writeBundle, type BundleInfo } from '../bundle';
import type { AuditStore, ImportPlan, MatchChoice, ProposedMatch, Scope } from '../db';
import type { Audit, DataSet, DeletedEntry, Identity } from '../model';
import { BACKUP_CHOICES, shareRecords, type ExportChoices } from '../privacy';
import { BUNDLE_EXTENSION, fileStem } from '../report/files';
import { backUpAndRecord } from './backup';
import type { Subscribe } from './live';
import type { ShellController } from './shell';

/** A bundle saved as a file: its name and size in bytes. */
export interface SavedBundle {
  file: string;
  bytes: number;
}

export type { ProposedMatch };

/**
 * What importing a bundle would do, with what it carries (nothing is written yet). `plan.matches`
 * are the brands and waves proposed as one with ours, each ticked or not (`accepted`); the plan's
 * counts are those of importing with exactly the ticked ones.
 */
export interface ImportPreview {
  info: BundleInfo;
  data: DataSet;
  plan: ImportPlan;
}

/** The matches a plan makes: the ticked ones. */
function chosenMatches(matches: readonly ProposedMatch[]): MatchChoice[] {
  return matches.filter((m) => m.accepted).map(({ bundleId, localId }) => ({ bundleId, localId }));
}

/** The browser's word on this extension's storage (lib/browser storageStatus). */
export interface StorageStatus {
  /** Bytes stored, and what the browser says may be used. */
  usage: number;
  quota: number;
  /** True when the browser will not clear the data under storage pressure. */
  persisted: boolean;
}

/** What writing a bundle needs: the records, the auditor's identity to mask, a file and a clock. */
export interface BundleDeps {
  store: Pick<AuditStore, 'readDataSet' | 'recordExported'>;
  /** The auditor's identity as set now (masked in the bundle unless chosen). */
  identity(): Promise<Identity | null>;
  /** Saves a file the person downloads (lib/browser saveFile in the page). */
  save(name: string, content: Blob): void;
  now(): number;
}

/** The file name of a bundle made at `now`: `<name slug>-<date>.tpa.zip`. */
function bundleFileName(name: string, now: number): string {
  return `${fileStem(name, now)}${BUNDLE_EXTENSION}`;
}

/**
 * Writes the audits in `scope` as a bundle and saves it as a file, then marks them exported.
 * Unless `choices.identity`, the auditor's name, email and phone are masked in it; user agents
 * and upload file names are kept only if chosen.
 */
export async function saveBundle(
  deps: BundleDeps,
  scope: Scope,
  choices: ExportChoices,
  name: string,
): Promise<SavedBundle> {
  const now = deps.now();
  const [data, identity] = await Promise.all([deps.store.readDataSet(scope), deps.identity()]);
  const shared = shareRecords(data, identity, choices);
  const blob = await writeBundle(shared, { scope, includes: choices, now });
  const file = bundleFileName(name, now);
  deps.save(file, blob);
  await deps.store.recordExported(shared);
  return { file, bytes: blob.size };
}

/** A backup: everything, nothing masked or left out (keep it private). */
export function saveBackup(deps: BundleDeps): Promise<SavedBundle> {
  return saveBundle(deps, { kind: 'all' }, BACKUP_CHOICES, 'touchpoint-audit-backup');
}

export interface DataControllerDeps {
  shell: ShellController;
  store: BundleDeps['store'] &
    Pick<
      AuditStore,
      | 'listAudits'
      | 'listDeleted'
      | 'previewImport'
      | 'applyImport'
      | 'restoreDeleted'
      | 'emptyDeleted'
    >;
  save: BundleDeps['save'];
  storage: {
    status(): Promise<StorageStatus>;
    /** Asks the browser to keep the data under storage pressure; resolves with its answer. */
    requestPersistence(): Promise<boolean>;
  };
  now(): number;
  /**
   * Decodes an image of a bundle being imported whole, rejecting when it cannot (lib/capture
   * decodeWhole in the page); without it only the reader's own checks of each file run.
   */
  decodeImage?: (image: Blob) => Promise<void>;
}

export interface DataController {
  readonly shell: ShellController;
  readonly audits: Subscribe<Audit[]>;
  /** Recently deleted, newest first. */
  readonly trash: Subscribe<DeletedEntry[]>;
  /** Saves one audit (or every audit when null) as a bundle to share, with `choices`. */
  exportBundle(audit: Audit | null, choices: ExportChoices): Promise<SavedBundle>;
  /**
   * Saves a backup of everything; once it is saved, records when it started (lastBackupAt: steps
   * added meanwhile still count as not backed up). A failed backup records nothing.
   */
  backUp(): Promise<SavedBundle>;
  /**
   * Reads and checks a bundle file and says what importing it would do (writes nothing), every
   * proposed match ticked.
   */
  previewImport(file: Blob): Promise<ImportPreview>;
  /** The preview with one proposed match ticked or not, planned again (writes nothing). */
  chooseMatch(preview: ImportPreview, bundleId: string, accepted: boolean): Promise<ImportPreview>;
  /**
   * Imports a previewed bundle (merged with what is stored, newer edits winning), making the
   * matches ticked in the preview and no other.
   */
  applyImport(preview: ImportPreview): Promise<ImportPlan>;
  /** The storage's usage and persistence; null when the browser does not say. */
  storageStatus(): Promise<StorageStatus | null>;
  requestPersistence(): Promise<boolean>;
  /** Puts a deleted audit, journey or step back. */
  restore(entry: DeletedEntry): Promise<void>;
  /** Deletes everything in Recently deleted for good; resolves with how many entries went. */
  emptyTrash(): Promise<number>;
}

export function createDataController(deps: DataControllerDeps): DataController {
  const { shell, store } = deps;
  const bundles: BundleDeps = {
    store,
    identity: async () => (await firstValue(shell.settings)).identity,
    save: deps.save,
    now: deps.now,
  };
  return {
    shell,
    audits: shell.live('audits', () => store.listAudits()),
    trash: shell.live('recently deleted', () => store.listDeleted()),
    exportBundle: (audit, choices) =>
      saveBundle(
        bundles,
        audit ? { kind: 'audits', auditIds: [audit.id] } : { kind: 'all' },
        choices,
        audit?.name ?? 'touchpoint-audit',
      ),
    backUp: () => backUpAndRecord(shell, deps.now, () => saveBackup(bundles)),
    async previewImport(file) {
      const { data, info } = await readBundle(file, {
        ...(deps.decodeImage && { decodeImage: deps.decodeImage }),
      });
      return { data, info, plan: await store.previewImport(data, 'all') };
    },
    async chooseMatch(preview, bundleId, accepted) {
      const matches = preview.plan.matches.map((m) =>
        m.bundleId === bundleId ? { ...m, accepted } : m,
      );
      const plan = await store.previewImport(preview.data, chosenMatches(matches));
      return { ...preview, plan };
    },
    applyImport: (preview) => store.applyImport(preview.data, chosenMatches(preview.plan.matches)),
    storageStatus: () => deps.storage.status().catch(() => null),
    requestPersistence: () => deps.storage.requestPersistence(),
    async restore(entry) {
      await store.restoreDeleted(entry.id);
    },
    emptyTrash: () => store.emptyDeleted(),
  };
}

/** The current value of a live value: its first, then it is left. */
function firstValue<T>(subscribe: Subscribe<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    let done = false;
    const stop = subscribe(
      (value) => {
        if (done) return;
        done = true;
        resolve(value);
        queueMicrotask(() => stop());
      },
      (error) => {
        if (done) return;
        done = true;
        reject(error);
      },
    );
  });
}
