/** The extension's settings (kept in extension storage by lib/browser), parsed key by key. */
import { z } from 'zod';
import { Identity, LIMITS } from './records';
import { LOCALES } from './ids';

/** The outcome of a capture the service worker made (shortcut, menu, auto-capture). */
const NoticeSchema = z.strictObject({
  kind: z.enum(['captured', 'error']),
  reason: z.string().max(100).nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  at: z.number(),
});

/**
 * Settings kept in extension storage so every context (and a restarted worker) sees them. Parsed
 * key by key when read: a value that is missing or malformed falls back to its default.
 */
const SETTINGS = {
  activeAuditId: z.string().nullable().catch(null),
  activeJourneyId: z.string().nullable().catch(null),
  locale: z.enum(LOCALES).nullable().catch(null),
  /** The auditor's own details, covered in every capture and masked in exports (Options). */
  identity: Identity.catch({ name: '', email: '', phone: '' }),
  /** Who walks the journeys created in this browser (Options); stored with each new journey. */
  auditorName: z.string().trim().max(LIMITS.name).catch(''),
  /** Auto-capture: every completed navigation in this tab becomes a step of this journey. */
  autoCapture: z
    .strictObject({ journeyId: z.string(), tabId: z.number().int() })
    .nullable()
    .catch(null),
  /** Click capture: each click on a link, button or form control in this tab becomes a step. */
  clickCapture: z
    .strictObject({ journeyId: z.string(), tabId: z.number().int() })
    .nullable()
    .catch(null),
  /** The outcome of the last capture made by the service worker, for the side panel to show. */
  notice: NoticeSchema.nullable().catch(null),
  /** When the last full backup was made (for the reminder after many new steps). */
  lastBackupAt: z.number().nullable().catch(null),
  /** What the report and its exports include beyond the findings (off unless the auditor chooses). */
  reportChoices: z
    .strictObject({ userAgent: z.boolean(), fileNames: z.boolean() })
    .catch({ userAgent: false, fileNames: false }),
};
export const SettingsSchema = z.object(SETTINGS);
export type Settings = z.infer<typeof SettingsSchema>;
export const SETTING_KEYS = Object.keys(SETTINGS);

/**
 * A full-page capture the service worker is making (kept in the browser session's storage while
 * it runs): a worker that starts and finds one knows its predecessor stopped in the middle.
 */
export const RunningCaptureSchema = z.strictObject({
  tabId: z.number().int(),
  url: z.string().max(10_000),
  title: z.string().max(10_000),
  at: z.number(),
});
export type RunningCapture = z.infer<typeof RunningCaptureSchema>;
