/** Turns any error into "what happened and what to do", in the UI language. */
import { BundleError } from '../../lib/bundle/errors';
import { CaptureError, storageParams } from '../../lib/capture/errors';
import {
  BlindWalkError,
  DuplicateNameError,
  InUseError,
  InvalidRecordError,
  NotFoundError,
  RestoreError,
  StorageFullError,
  WalksInUseError,
} from '../../lib/db/errors';
import { MESSAGES, type MessageKey, type Translate } from '../../lib/i18n';
import type { Notice } from '../../lib/model';
import { describeCapture } from './describe-capture';

export function describeError(error: unknown, t: Translate): string {
  if (error instanceof CaptureError) return t(`error_${error.reason}`, error.params);
  if (error instanceof StorageFullError) return t('error_storage-full', storageParams(error));
  if (error instanceof NotFoundError) return t('error_not-found');
  if (error instanceof InUseError) return t('error_in-use', { label: error.label, seq: error.seq });
  if (error instanceof WalksInUseError)
    return t(error.what === 'brand' ? 'error_brand-walked' : 'error_wave-walked', {
      label: error.label,
      n: error.walks,
    });
  if (error instanceof DuplicateNameError)
    return t('error_duplicate-brand', { label: error.label, existing: error.existing });
  if (error instanceof BlindWalkError)
    return t(`error_blind_${error.reason}`, { name: error.auditor });
  if (error instanceof BundleError) {
    const where = [error.path, error.field].filter(Boolean).join(', ');
    return t(`bundle_${error.code}`, { ...error.params, where: where || '—' });
  }
  if (error instanceof RestoreError) {
    return error.reason === 'parent-missing'
      ? t('error_restore-parent', {
          label: error.label,
          parent: t(`parent_${error.parent ?? 'audit'}`),
        })
      : t('error_restore-back', { label: error.label });
  }
  if (error instanceof InvalidRecordError) return t('error_invalid', { details: error.message });
  return t('error_unexpected', { message: error instanceof Error ? error.message : String(error) });
}

/** The side panel's line for a capture made by a shortcut, the context menu or auto-capture. */
export function describeNotice(notice: Notice, t: Translate): string {
  if (notice.kind === 'captured') {
    const clicked = notice.params.clicked;
    const said = describeCapture(
      {
        mode: notice.reason === 'full-page' ? 'full-page' : 'visible',
        seq: Number(notice.params.n),
        parts: Number(notice.params.parts ?? 1),
        redacted: Number(notice.params.redacted ?? 0) === 1,
        ...(notice.params.frames !== undefined && {
          covered: {
            fields: Number(notice.params.fields ?? 0),
            frames: Number(notice.params.frames),
          },
        }),
        ...(notice.params.areaLabel !== undefined && {
          area: {
            label: String(notice.params.areaLabel),
            index: Number(notice.params.areaIndex ?? 0),
            count: Number(notice.params.areaCount ?? 1),
            labels: [],
            virtualised: Number(notice.params.areaVirtualised) === 1,
            rows: Number(notice.params.areaRows ?? 0),
            grew: Number(notice.params.areaGrew) === 1,
            height: Number(notice.params.areaHeight ?? 0),
          },
        }),
      },
      t,
    );
    const unsettled = notice.params.unsettled;
    // A click's step names what was clicked in place of "Step n captured."
    const first =
      clicked === undefined
        ? said
        : said.replace(
            t('captured', { n: Number(notice.params.n) }),
            t('capturedClick', { n: Number(notice.params.n), name: String(clicked) }),
          );
    return unsettled === undefined
      ? first
      : `${first} ${t('settleUnsettled', { s: Number(unsettled) })}`;
  }
  const key = `error_${notice.reason ?? 'capture-failed'}`;
  return key in MESSAGES.en
    ? t(key as MessageKey, notice.params)
    : t('error_unexpected', { message: key });
}
