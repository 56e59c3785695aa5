/** The backup bookkeeping, one rule for the side panel and the Backups and bundles page. */
import type { ShellController } from './shell';

/**
 * Makes a backup with `backup` and, once it is saved, records when it STARTED as lastBackupAt:
 * steps added while the file was written are not in it, so the reminder still counts them. A
 * failed backup records nothing.
 */
export async function backUpAndRecord<Saved>(
  shell: Pick<ShellController, 'writeSettings'>,
  now: () => number,
  backup: () => Promise<Saved>,
): Promise<Saved> {
  const started = now();
  const saved = await backup();
  await shell.writeSettings({ lastBackupAt: started });
  return saved;
}
