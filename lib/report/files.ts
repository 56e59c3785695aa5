/** Names of the files the auditor saves (reports, spreadsheets, bundles). Pure. */

/** "broadband-q1-2026-01-05": the audit's name as a file-safe slug, then the date. */
export function fileStem(name: string, now: number): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'audit';
  return `${slug}-${new Date(now).toISOString().slice(0, 10)}`;
}

/** The extension of a Touchpoint Audit bundle (a zip file). */
export const BUNDLE_EXTENSION = '.tpa.zip';
