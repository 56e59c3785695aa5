/**
 * The panel's capture flows over the capture service: visible captures queue (a fast auditor loses
 * none), a full page or a picker runs alone; each says what happened in the message line.
 */
import { useRef, useState } from 'preact/hooks';
import { describeCapture } from '../../components/shared/describe-capture';
import type { CaptureState } from '../../components/panel/journey-card';
import type { PickMode } from '../../lib/model';
import type { Translate } from '../../lib/i18n';
import { CaptureError } from '../../lib/capture/errors';
import type { FullPageProgress } from '../../lib/capture/full-page';
import type { CaptureService } from '../../lib/services/capture';

/** Runs an action and shows its text (or the error's) in the message line. */
export type Run = (action: () => Promise<string | null>) => Promise<void>;

export function useCaptures(
  capture: CaptureService,
  journeyId: string | null,
  t: Translate,
  run: Run,
  say: (text: string) => void,
) {
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(0);
  const [picking, setPicking] = useState<PickMode | null>(null);
  const fullPage = useRef<AbortController | null>(null);
  const [fullPageRunning, setFullPageRunning] = useState(false);

  const state: CaptureState = { busy, pending, picking, fullPageRunning };

  const visible = () => {
    if (busy) return;
    setPending((n) => n + 1);
    void run(async () => {
      const saved = await capture.visible(journeyId);
      return describeCapture(
        {
          mode: 'visible',
          seq: saved.step.seq,
          parts: saved.parts,
          redacted: saved.redacted,
          covered: saved.redaction,
        },
        t,
      );
    }).finally(() => setPending((n) => n - 1));
  };

  // Tile by tile within the quota, with progress; Cancel stores nothing.
  const startFullPage = () => {
    if (busy) return;
    const controller = new AbortController();
    fullPage.current = controller;
    setBusy(true);
    setFullPageRunning(true);
    const onProgress = (p: FullPageProgress) =>
      say(
        p.phase === 'capturing'
          ? t('fullPageProgress', { n: p.tile, total: p.tiles })
          : t(p.phase === 'saving' ? 'fullPageSaving' : 'fullPagePreparing'),
      );
    void run(async () => {
      try {
        const saved = await capture.fullPage(journeyId, { signal: controller.signal, onProgress });
        return describeCapture(
          {
            mode: 'full-page',
            seq: saved.step.seq,
            parts: saved.parts,
            redacted: saved.redacted,
            covered: saved.redaction,
          },
          t,
        );
      } catch (error) {
        if (error instanceof CaptureError && error.reason === 'cancelled')
          return t('error_cancelled');
        throw error;
      }
    }).finally(() => {
      fullPage.current = null;
      setBusy(false);
      setFullPageRunning(false);
    });
  };

  // Element / region: the picker runs in the page until a click, a drag or Esc.
  const pick = (mode: PickMode) => {
    if (busy) return;
    setBusy(true);
    setPicking(mode);
    say(t(mode === 'element' ? 'pickingElement' : 'pickingRegion'));
    const text =
      mode === 'element'
        ? { hint: t('pickerHintElement'), keys: t('pickerKeysElement') }
        : { hint: t('pickerHintRegion'), keys: '' };
    void run(async () => {
      const outcome = await capture.element(journeyId, mode, text);
      if (outcome.outcome === 'cancelled') return t('pickCancelled');
      return describeCapture(
        {
          mode,
          seq: outcome.step.seq,
          parts: outcome.parts,
          redacted: outcome.redacted,
          covered: outcome.redaction,
          path: outcome.path,
          mismatch: outcome.fallback === 'mismatch',
          clipped: outcome.clipped,
        },
        t,
      );
    }).finally(() => {
      setBusy(false);
      setPicking(null);
    });
  };

  return {
    state,
    visible,
    fullPage: startFullPage,
    cancelFullPage: () => fullPage.current?.abort(),
    pick,
    cancelPick: () => void capture.cancelPick(),
  };
}
