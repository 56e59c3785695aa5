/** Turns any error into "what happened and what to do", in the UI language. */
import { CaptureError } from '../lib/capture/errors';
import { InvalidRecordError, NotFoundError, StorageFullError } from '../lib/db/errors';
import type { Translate } from '../lib/i18n';

export function describeError(error: unknown, t: Translate): string {
  if (error instanceof CaptureError) return t(`error_${error.reason}`, error.params);
  if (error instanceof StorageFullError) return t('error_storage-full');
  if (error instanceof NotFoundError) return t('error_not-found');
  if (error instanceof InvalidRecordError) return t('error_invalid', { details: error.message });
  return t('error_unexpected', { message: error instanceof Error ? error.message : String(error) });
}
