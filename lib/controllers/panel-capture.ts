/**
 * The side panel's captures over the capture service: each resolves with what was stored, as the
 * auditor is told about it (a CaptureSummary), or null when the auditor cancelled.
 */
import { CaptureError } from '../capture/errors';
import type { CaptureSummary, PickMode } from '../model';

/** How far a full-page capture is (lib/capture/full-page FullPageProgress). */
export interface CaptureProgress {
  phase: 'preparing' | 'capturing' | 'saving';
  /** 1-based tile being captured (capturing), or 0. */
  tile: number;
  tiles: number;
}

/** A capture that became a step (lib/services/capture SavedCapture). */
interface SavedCapture {
  step: { seq: number };
  parts: number;
  redacted: boolean;
  redaction: { fields: number; frames: number };
  area?: CaptureSummary['area'];
  overlaysHidden?: number;
}

/** What the panel uses of the capture service (lib/services/capture CaptureService). */
export interface PanelCapture {
  visible(journeyId: string | null): Promise<SavedCapture>;
  fullPage(
    journeyId: string | null,
    options: {
      signal?: AbortSignal;
      onProgress?(progress: CaptureProgress): void;
      area?: number;
      hideOverlays?: boolean;
    },
  ): Promise<SavedCapture>;
  element(
    journeyId: string | null,
    mode: PickMode,
    text: { hint: string; keys: string },
  ): Promise<
    | { outcome: 'cancelled' }
    | (SavedCapture & {
        outcome: 'saved';
        path: 'dom' | 'native';
        fallback: string | null;
        clipped: boolean;
      })
  >;
  /** Closes the picker where it is open; false if none is. */
  cancelPick(): Promise<boolean>;
}

export interface PanelCaptures {
  /** The visible part of the walked tab as the next step of the journey. */
  visible(journeyId: string | null): Promise<CaptureSummary>;
  /** The whole page, tile by tile; null when cancelled by `signal` (nothing stored). */
  fullPage(
    journeyId: string | null,
    signal: AbortSignal,
    onProgress: (progress: CaptureProgress) => void,
    /** Which scrolling area to take when the document does not scroll (largest: absent). */
    area?: number,
    /** Hide what lies over the content (cookie bars, chat buttons, promos); kept when absent. */
    hideOverlays?: boolean,
  ): Promise<CaptureSummary | null>;
  /** An element the auditor picks, or a region they drag; null when they cancelled. */
  pick(
    journeyId: string | null,
    mode: PickMode,
    text: { hint: string; keys: string },
  ): Promise<CaptureSummary | null>;
  /** Closes the picker (Esc in the panel). */
  cancelPick(): Promise<void>;
}

export function capturesOver(capture: PanelCapture): PanelCaptures {
  const summary = (mode: CaptureSummary['mode'], saved: SavedCapture): CaptureSummary => ({
    mode,
    seq: saved.step.seq,
    parts: saved.parts,
    redacted: saved.redacted,
    covered: saved.redaction,
    ...(saved.area && { area: saved.area }),
    ...(saved.overlaysHidden !== undefined && { overlaysHidden: saved.overlaysHidden }),
  });
  return {
    visible: async (journeyId) => summary('visible', await capture.visible(journeyId)),
    async fullPage(journeyId, signal, onProgress, area, hideOverlays) {
      try {
        const options = {
          signal,
          onProgress,
          ...(area !== undefined && { area }),
          ...(hideOverlays && { hideOverlays }),
        };
        return summary('full-page', await capture.fullPage(journeyId, options));
      } catch (error) {
        if (error instanceof CaptureError && error.reason === 'cancelled') return null;
        throw error;
      }
    },
    async pick(journeyId, mode, text) {
      const outcome = await capture.element(journeyId, mode, text);
      if (outcome.outcome === 'cancelled') return null;
      return {
        ...summary(mode, outcome),
        path: outcome.path,
        mismatch: outcome.fallback === 'mismatch',
        clipped: outcome.clipped,
      };
    },
    async cancelPick() {
      await capture.cancelPick();
    },
  };
}
