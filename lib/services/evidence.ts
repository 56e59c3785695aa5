/** Evidence the auditor brings: an offline contact (with an optional image), an image for a step. */
import { encodeUpload } from '../capture/encode';
import type { AuditStore } from '../db';
import type { Screenshot, Step } from '../model';
import type { OfflineContact } from '../controllers/panel';

export type { OfflineContact };

/** Adds an offline contact as the next step; its image is checked and re-encoded first. */
export async function addOfflineContact(
  store: AuditStore,
  journeyId: string,
  contact: OfflineContact,
  userAgent: string,
): Promise<Step> {
  const image = contact.file ? await encodeUpload(contact.file) : null;
  return store.addStep({
    journeyId,
    kind: 'offline',
    url: null,
    title: contact.title,
    at: contact.at,
    channel: contact.channel,
    stage: contact.stage,
    note: contact.note,
    images: image ? [image] : [],
    userAgent,
    fileName: contact.file?.name ?? '',
    typeId: contact.typeId ?? null,
    stopsTimers: contact.stopsTimers ?? [],
    ...(contact.person ? { person: contact.person } : {}),
  });
}

/** Adds an evidence image to a step; its file name is kept apart (exported only if chosen). */
export async function attachEvidence(
  store: AuditStore,
  touchpointId: string,
  file: Blob & { name?: string },
  userAgent: string,
): Promise<Screenshot> {
  return store.attachImage(touchpointId, await encodeUpload(file), {
    userAgent,
    fileName: file.name ?? '',
  });
}
