/**
 * The panel's capture flows over its controller: visible captures queue (a fast auditor loses
 * none), a full page or a picker runs alone; each says what happened in the message line.
 */
import { useRef, useState } from 'preact/hooks';
import { describeCapture } from '../../components/shared/describe-capture';
import type { CaptureState } from '../../components/panel/journey-card';
import type { CaptureProgress, PanelCaptures } from '../../lib/controllers/panel';
import type { PickMode } from '../../lib/model';
import type { Translate } from '../../lib/i18n';

/** Runs an action and shows its text (or the error's) in the message line; never rejects. */
export type Run = (action: () => Promise<string | null>) => Promise<void>;

export function useCaptures(
  captures: PanelCaptures,
  journeyId: string | null,
  t: Translate,
  run: Run,
  say: (text: string) => void,
  /** Shows an error in the message line (an action that says nothing when it works). */
  failed: (error: unknown) => void,
) {
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState(0);
  const [picking, setPicking] = useState<PickMode | null>(null);
  const fullPage = useRef<AbortController | null>(null);
  const [fullPageRunning, setFullPageRunning] = useState(false);
  // The scrolling areas of the last full page whose document did not scroll, and the one to take.
  const [areas, setAreas] = useState<string[]>([]);
  const [area, setArea] = useState(0);
  // Full page without what lies over the content: chosen per capture, kept until changed.
  const [hideOverlays, setHideOverlays] = useState(false);

  const state: CaptureState = {
    busy,
    pending,
    picking,
    fullPageRunning,
    areas,
    area,
    hideOverlays,
  };

  const visible = () => {
    if (busy) return;
    setPending((n) => n + 1);
    void run(async () => describeCapture(await captures.visible(journeyId), t)).finally(() =>
      setPending((n) => n - 1),
    );
  };

  // Tile by tile within the quota, with progress; Cancel stores nothing.
  const startFullPage = () => {
    if (busy) return;
    const controller = new AbortController();
    fullPage.current = controller;
    setBusy(true);
    setFullPageRunning(true);
    const onProgress = (p: CaptureProgress) =>
      say(
        p.phase === 'capturing'
          ? t('fullPageProgress', { n: p.tile, total: p.tiles })
          : t(p.phase === 'saving' ? 'fullPageSaving' : 'fullPagePreparing'),
      );
    void run(async () => {
      const saved = await captures.fullPage(
        journeyId,
        controller.signal,
        onProgress,
        areas.length > 1 ? area : undefined,
        hideOverlays,
      );
      if (saved) {
        setAreas(saved.area && saved.area.labels.length > 1 ? saved.area.labels : []);
        setArea(saved.area?.index ?? 0);
      }
      return saved ? describeCapture(saved, t) : t('error_cancelled');
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
      const saved = await captures.pick(journeyId, mode, text);
      return saved ? describeCapture(saved, t) : t('pickCancelled');
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
    chooseArea: setArea,
    setHideOverlays,
    pick,
    cancelPick: () => void captures.cancelPick().catch(failed),
  };
}
