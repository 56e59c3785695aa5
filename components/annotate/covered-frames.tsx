/**
 * Embedded frames covered at capture because they could not be checked for the auditor's personal
 * data: outlined on the image in the editor, and listed beside it with the choice to uncover one
 * (after a confirmation; the choice is recorded on the step) while its original pixels are kept.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { Size } from '../../lib/annotate';
import { formatDateTime, type Translate } from '../../lib/i18n';
import type { CoveredFrame } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';
import { describeError } from '../shared/describe-error';
import { useDocumentKeydown } from '../shared/hooks';
import type { Message } from '../shared/messages';

export interface CoveredFramesInfo {
  /** The screenshot's covered frames, in order (frame n is index n − 1). */
  list: readonly CoveredFrame[];
  /** Indexes of the frames whose original pixels are still held back (only those can be uncovered). */
  kept: ReadonlySet<number>;
  locale: Locale;
  /** Uncovers frame `index`; resolves with the time the choice was recorded. */
  onUncover: (index: number) => Promise<number>;
}

/** Dashed outlines, numbered, over the frames still covered (drawn in the editor's SVG). */
export function FrameOutlines({
  frames,
  size,
  stroke,
}: {
  frames: readonly CoveredFrame[];
  size: Size;
  stroke: number;
}) {
  const font = Math.max(12, Math.round(size.width / 64));
  return (
    <g class="frame-outlines" aria-hidden="true" pointer-events="none">
      {frames.map((frame, i) =>
        frame.uncoveredAt !== null ? null : (
          <g key={i} data-frame={i + 1}>
            <rect
              x={frame.x}
              y={frame.y}
              width={frame.width}
              height={frame.height}
              fill="none"
              stroke="#f7c600"
              stroke-width={stroke}
              stroke-dasharray={`${stroke * 4} ${stroke * 2}`}
            />
            <rect x={frame.x} y={frame.y} width={font * 1.6} height={font * 1.4} fill="#f7c600" />
            <text
              x={frame.x + font * 0.8}
              y={frame.y + font * 1.05}
              font-size={font}
              font-weight="700"
              font-family="sans-serif"
              text-anchor="middle"
              fill="#111"
            >
              {i + 1}
            </text>
          </g>
        ),
      )}
    </g>
  );
}

/** The list of covered frames with, for each one still kept, the confirmed choice to uncover it. */
export function CoveredFramesList(props: {
  t: Translate;
  frames: CoveredFramesInfo;
  /** Another change of the image is under way (saving, burning in redactions). */
  disabled: boolean;
  onMessage: (message: Message) => void;
}) {
  const { t } = props;
  const { list, kept, locale } = props.frames;
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  /** Frames uncovered here, with the time recorded (until the stored record says so itself). */
  const [uncovered, setUncovered] = useState<ReadonlyMap<number, number>>(new Map());
  const [focusFrame, setFocusFrame] = useState<number | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const ids = useId();

  useEffect(() => confirmRef.current?.focus(), [confirming]);
  useEffect(() => {
    if (focusFrame !== null) document.getElementById(`${ids}-frame-${focusFrame}`)?.focus();
  }, [focusFrame]);
  useDocumentKeydown((e) => {
    if (e.key === 'Escape' && confirming !== null && !busy) setConfirming(null);
  });

  const date = (ms: number) => formatDateTime(ms, locale);

  const uncover = async (index: number) => {
    if (busy) return;
    setBusy(true);
    try {
      const at = await props.frames.onUncover(index);
      setUncovered((map) => new Map(map).set(index, at));
      setConfirming(null);
      setFocusFrame(index);
      props.onMessage({
        kind: 'status',
        text: t('framesJustUncovered', { n: index + 1, date: date(at) }),
      });
    } catch (error) {
      setConfirming(null);
      props.onMessage({ kind: 'error', text: describeError(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const line = (frame: CoveredFrame, index: number): string => {
    const n = index + 1;
    const justNow = uncovered.get(index);
    if (justNow !== undefined) {
      return t('framesJustUncovered', { n, date: date(frame.uncoveredAt ?? justNow) });
    }
    if (frame.uncoveredAt !== null)
      return t('framesWasUncovered', { n, date: date(frame.uncoveredAt) });
    return kept.has(index) ? t('framesCovered', { n }) : t('framesGone', { n });
  };

  return (
    <section class="covered-frames" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('framesTitle')}</h2>
      <ul class="frame-list">
        {list.map((frame, index) => {
          const n = index + 1;
          const canUncover = frame.uncoveredAt === null && !uncovered.has(index) && kept.has(index);
          return (
            <li key={index} data-frame={n}>
              <p id={`${ids}-frame-${index}`} tabIndex={-1}>
                {line(frame, index)}
              </p>
              {canUncover && (
                <button
                  type="button"
                  aria-expanded={confirming === index}
                  disabled={props.disabled || busy || (confirming !== null && confirming !== index)}
                  onClick={() => setConfirming(index)}
                >
                  {t('framesUncover', { n })}
                </button>
              )}
              {confirming === index && (
                <div
                  class="card confirm"
                  role="alertdialog"
                  aria-labelledby={`${ids}-confirm-title`}
                  aria-describedby={`${ids}-confirm-text`}
                >
                  <h2 id={`${ids}-confirm-title`}>{t('framesUncoverTitle', { n })}</h2>
                  <p id={`${ids}-confirm-text`}>{t('framesUncoverExplain', { n })}</p>
                  <div class="row">
                    <button
                      type="button"
                      class="burn"
                      ref={confirmRef}
                      disabled={busy || props.disabled}
                      aria-busy={busy}
                      onClick={() => void uncover(index)}
                    >
                      {busy ? t('framesUncovering') : t('framesUncoverConfirm')}
                    </button>
                    <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                      {t('cancel')}
                    </button>
                  </div>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
