/** The status line after a capture: which step, what was stored, and whether fields were covered. */
import type { Translate } from '../../lib/i18n';
import type { CaptureSummary } from '../../lib/model';

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
  return [what, capture.clipped && t('capturedClipped'), ...describeCovered(capture, t)]
    .filter(Boolean)
    .join(' ');
}

/**
 * What was covered, as true as it can be said: "Sensitive fields were covered." only when every
 * frame was checked; frames that could not be checked are counted and said.
 */
function describeCovered(capture: CaptureSummary, t: Translate): (string | false)[] {
  const covered = capture.covered ?? { fields: capture.redacted ? 1 : 0, frames: 0 };
  if (!covered.frames) return [covered.fields > 0 && t('capturedRedacted')];
  return [
    covered.fields > 0 && t('capturedRedactedChecked'),
    covered.frames === 1
      ? t('capturedFrameUnchecked')
      : t('capturedFramesUnchecked', { n: covered.frames }),
  ];
}
