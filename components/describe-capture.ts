/** The status line after a capture: which step, what was stored, and whether fields were covered. */
import type { Translate } from '../lib/i18n';
import type { CaptureSummary } from '../lib/model';

export function describeCapture(capture: CaptureSummary, t: Translate): string {
  const n = capture.seq;
  const what =
    capture.mode === 'region'
      ? t('capturedRegion', { n })
      : capture.mode === 'element'
        ? t(
            capture.path === 'dom'
              ? 'capturedElementDom'
              : capture.mismatch
                ? 'capturedElementMismatch'
                : 'capturedElementCrop',
            { n },
          )
        : capture.mode === 'full-page'
          ? t(capture.parts > 1 ? 'capturedFullPageParts' : 'capturedFullPage', {
              n,
              parts: capture.parts,
            })
          : t('captured', { n });
  return [what, capture.clipped && t('capturedClipped'), capture.redacted && t('capturedRedacted')]
    .filter(Boolean)
    .join(' ');
}
