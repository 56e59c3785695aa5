/**
 * Backups and bundles: import (preview, then apply), export to share, back up, storage, Recently
 * deleted, over its controller (lib/controllers/data.ts).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { describeError } from '../../components/shared/describe-error';
import { maskLabels, MessageLines, type Message } from '../../components/shared/messages';
import { SelectField } from '../../components/shared/fields';
import { useFileDrop, useSubscription } from '../../components/shared/hooks';
import { ImportPreview } from '../../components/data/import-preview';
import { LanguageSelect } from '../../components/shared/language-select';
import { PageShell, useShell } from '../../components/shared/page-shell';
import { RecentlyDeleted } from '../../components/shared/recently-deleted';
import type {
  DataController,
  ImportPreview as Preview,
  ProposedMatch,
  StorageStatus,
} from '../../lib/controllers/data';
import { formatBytes, formatDateTime } from '../../lib/i18n';
import type { Audit, DeletedEntry } from '../../lib/model';
import { maskers, SHARE_CHOICES, type ExportChoices } from '../../lib/privacy';

type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; file: string }
  | { phase: 'preview'; file: string; preview: Preview; planning: boolean }
  | { phase: 'applying'; file: string; preview: Preview };

const ALL = '*';

export function DataPage({ controller }: { controller: DataController }) {
  const { shell } = controller;
  const page = useShell(shell);
  const { settings, t, locale } = page;
  const audits = useSubscription<Audit[] | null>(controller.audits, null, []);
  const trash = useSubscription<DeletedEntry[]>(controller.trash, [], []);
  const mask = useMemo(
    () => maskers(settings?.identity ?? null, maskLabels(t)),
    [settings?.identity, locale],
  );
  const [importing, setImporting] = useState<ImportState>({ phase: 'idle' });
  const [message, setMessage] = useState<Message | null>(null);
  const [scope, setScope] = useState(ALL);
  const [choices, setChoices] = useState<ExportChoices>(SHARE_CHOICES);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<StorageStatus | null>(null);

  const refreshStatus = () =>
    void controller.storageStatus().then(setStatus, () => setStatus(null));
  useEffect(refreshStatus, [trash.length]);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    try {
      const text = await action();
      setMessage(text ? { kind: 'status', text } : null);
    } catch (error) {
      setMessage({ kind: 'error', text: describeError(error, t) });
    } finally {
      setBusy(false);
      refreshStatus();
    }
  };

  const choose = (file: File) => {
    setMessage(null);
    setImporting({ phase: 'reading', file: file.name });
    void controller.previewImport(file).then(
      (preview) => setImporting({ phase: 'preview', file: file.name, preview, planning: false }),
      (error: unknown) => {
        setImporting({ phase: 'idle' });
        setMessage({
          kind: 'error',
          text: t('importRefused', { file: file.name, reason: describeError(error, t) }),
        });
      },
    );
  };
  const drop = useFileDrop(choose);

  // The latest match choice wins: an older re-plan finishing later is dropped.
  const choice = useRef(0);
  const chooseMatch = (match: ProposedMatch, accepted: boolean) => {
    if (importing.phase !== 'preview') return;
    const { preview, file } = importing;
    const ticket = ++choice.current;
    const ticked = {
      ...preview,
      plan: {
        ...preview.plan,
        matches: preview.plan.matches.map((m) =>
          m.bundleId === match.bundleId ? { ...m, accepted } : m,
        ),
      },
    };
    setImporting({ phase: 'preview', file, preview: ticked, planning: true });
    void controller.chooseMatch(preview, match.bundleId, accepted).then(
      (next) => {
        if (ticket === choice.current) {
          setImporting({ phase: 'preview', file, preview: next, planning: false });
        }
      },
      (error: unknown) => {
        if (ticket !== choice.current) return;
        setImporting({ phase: 'preview', file, preview, planning: false });
        setMessage({ kind: 'error', text: describeError(error, t) });
      },
    );
  };

  const apply = () => {
    if (importing.phase !== 'preview' || importing.planning) return;
    const { preview, file } = importing;
    setImporting({ phase: 'applying', file, preview });
    void run(async () => {
      try {
        const plan = await controller.applyImport(preview);
        const added = plan.counts.touchpoints.new;
        return t('importDone', {
          file,
          steps: added,
          changed: plan.counts.touchpoints.changed,
          conflicts: plan.conflicts.length,
        });
      } finally {
        setImporting({ phase: 'idle' });
      }
    });
  };

  const exportChosen = () =>
    void run(async () => {
      const saved = await controller.exportBundle(
        audits?.find((a) => a.id === scope) ?? null,
        choices,
      );
      return t('exportSaved', { file: saved.file, size: formatBytes(saved.bytes, locale) });
    });

  const backup = () =>
    void run(async () => {
      const saved = await controller.backUp();
      return t('backupSaved', { file: saved.file, size: formatBytes(saved.bytes, locale) });
    });

  const check = (key: keyof ExportChoices, label: string) => (
    <label class="check">
      <input
        type="checkbox"
        checked={choices[key]}
        onChange={(e) => setChoices({ ...choices, [key]: e.currentTarget.checked })}
      />
      {label}
    </label>
  );

  if (!settings || !audits)
    return (
      <PageShell shell={shell} state={page} class="panel wide" title={t('dataTitle')} loading />
    );

  return (
    <PageShell shell={shell} state={page} class="panel wide" title={t('dataTitle')}>
      <header class="panel-head">
        <h1>{t('dataTitle')}</h1>
        <LanguageSelect
          t={t}
          locale={locale}
          onChange={(l) =>
            void shell
              .setLocale(l)
              .catch((error: unknown) =>
                setMessage({ kind: 'error', text: describeError(error, t) }),
              )
          }
        />
      </header>

      <MessageLines message={message} />

      <section
        {...drop.handlers}
        class={`card${drop.dragging ? ' dragging' : ''}`}
        aria-label={t('importTitle')}
      >
        <h2>{t('importTitle')}</h2>
        <p class="muted">{t('importHelp')}</p>
        <label class="file-button">
          {t('importChoose')}
          <input
            type="file"
            accept=".zip,application/zip"
            disabled={importing.phase === 'reading' || importing.phase === 'applying'}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) choose(file);
            }}
          />
        </label>
        {importing.phase === 'reading' && (
          <p role="status">{t('importReading', { file: importing.file })}</p>
        )}
      </section>

      {(importing.phase === 'preview' || importing.phase === 'applying') && (
        <ImportPreview
          t={t}
          locale={locale}
          fileName={importing.file}
          createdAt={importing.preview.info.createdAt}
          audits={importing.preview.data.audits.map((a) => a.name)}
          summary={importing.preview.plan}
          matches={importing.preview.plan.matches}
          planning={importing.phase === 'preview' && importing.planning}
          onMatch={chooseMatch}
          busy={importing.phase === 'applying'}
          mask={mask.text}
          onApply={apply}
          onCancel={() => {
            setImporting({ phase: 'idle' });
            setMessage({ kind: 'status', text: t('importCancelled') });
          }}
        />
      )}

      <section class="card" aria-label={t('exportTitle')}>
        <h2>{t('exportTitle')}</h2>
        <p class="muted">{t('exportHelp')}</p>
        <SelectField
          label={t('exportWhat')}
          value={scope}
          options={[
            { value: ALL, label: t('exportAll') },
            ...audits.map((a) => ({ value: a.id, label: a.name })),
          ]}
          onChange={setScope}
        />
        <fieldset class="choices">
          <legend>{t('exportInclude')}</legend>
          {check('identity', t('includeIdentity'))}
          {check('userAgent', t('includeUserAgent'))}
          {check('fileNames', t('includeFileNames'))}
        </fieldset>
        <div class="row">
          <button type="button" class="primary" disabled={busy} onClick={exportChosen}>
            {t('exportBundle')}
          </button>
        </div>
      </section>

      <section class="card" aria-label={t('backupTitle')}>
        <h2>{t('backupTitle')}</h2>
        <p class="muted">
          {settings.lastBackupAt
            ? t('backupLast', { time: formatDateTime(settings.lastBackupAt, locale) })
            : t('backupNone')}{' '}
          {t('backupHelp')}
        </p>
        <div class="row">
          <button type="button" disabled={busy} onClick={backup}>
            {t('backupAll')}
          </button>
        </div>
      </section>

      <section class="card" aria-label={t('storageTitle')}>
        <h2>{t('storageTitle')}</h2>
        {status ? (
          <>
            <p data-testid="storage-usage">
              {t('storageUsage', {
                used: formatBytes(status.usage, locale),
                free: formatBytes(Math.max(0, status.quota - status.usage), locale),
              })}
            </p>
            <p data-testid="storage-persisted">
              {t(status.persisted ? 'storagePersisted' : 'storageNotPersisted')}
            </p>
            {!status.persisted && (
              <div class="row">
                <button
                  type="button"
                  onClick={() =>
                    void run(async () =>
                      t(
                        (await controller.requestPersistence())
                          ? 'persistGranted'
                          : 'persistDenied',
                      ),
                    )
                  }
                >
                  {t('persistAsk')}
                </button>
              </div>
            )}
          </>
        ) : (
          <p class="muted">{t('storageUnknown')}</p>
        )}
      </section>

      <RecentlyDeleted
        t={t}
        locale={locale}
        entries={trash}
        mask={mask.text}
        open
        onRestore={(entry) =>
          void run(async () => {
            await controller.restore(entry);
            return t('restored', { label: mask.text(entry.label) });
          })
        }
        onEmpty={() =>
          void run(async () => t('emptiedDeleted', { n: await controller.emptyTrash() }))
        }
      />
    </PageShell>
  );
}
