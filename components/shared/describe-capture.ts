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
        : capture.mode === 'full-page' && capture.area
          ? describeArea(capture.area, capture, t)
          : capture.mode === 'full-page'
            ? t(capture.parts > 1 ? 'capturedFullPageParts' : 'capturedFullPage', {
                n,
                parts: capture.parts,
              })
            : t('captured', { n });
  return [
    what,
    capture.clipped && t('capturedClipped'),
    capture.overlaysHidden !== undefined &&
      (capture.overlaysHidden === 0
        ? t('overlaysNoneHidden')
        : t('overlaysHidden', { n: capture.overlaysHidden })),
    ...describeCovered(capture, t),
  ]
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

/**
 * A full page of a page that does not scroll itself: which scrolling area was taken, and only
 * "whole" when it was (not a list that renders what is visible, not an area that kept growing).
 */
function describeArea(
  area: NonNullable<CaptureSummary['area']>,
  capture: CaptureSummary,
  t: Translate,
): string {
  const whole = !area.virtualised && !area.grew;
  const params = {
    n: capture.seq,
    label: area.label,
    index: area.index + 1,
    count: area.count,
    parts: capture.parts,
    rows: area.rows,
    height: Math.round(area.height),
  };
  return [
    t(whole ? 'capturedAreaWhole' : 'capturedArea', params),
    capture.parts > 1 && t('capturedAreaParts', params),
    area.virtualised && t('capturedAreaVirtualised', params),
    area.grew && t('capturedAreaGrew', params),
    area.count > 1 && area.labels.length > 1 && t('capturedAreaChoose'),
  ]
    .filter(Boolean)
    .join(' ');
}
