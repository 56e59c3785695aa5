/** The status line after an element or region capture: what was stored and how. */
// eslint-disable-next-line import-x/no-restricted-paths -- TODO(#7): components take types from lib/model; move ElementCaptureResult there.
import type { ElementCaptureResult } from '../lib/capture/element';
import type { Translate } from '../lib/i18n';

export function describeSelection(result: ElementCaptureResult, t: Translate): string {
  if (result.outcome === 'cancelled') return t('pickCancelled');
  const n = result.step.seq;
  const what =
    result.mode === 'region'
      ? t('capturedRegion', { n })
      : result.path === 'dom'
        ? t('capturedElementDom', { n })
        : t('capturedElementCrop', { n });
  return [what, result.clipped && t('capturedClipped'), result.redacted && t('capturedRedacted')]
    .filter(Boolean)
    .join(' ');
}
