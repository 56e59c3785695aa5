/**
 * The screenshot editor page's controller (annotate.html?screenshot=<id>): the screenshot with its
 * image and which covered frames still have their originals held back, live; saving annotations,
 * burning in redactions and uncovering a covered frame. The image work (decoding, painting,
 * encoding: lib/services/redaction.ts) comes in as `redaction`, built in the page's main.tsx.
 */
import { NotFoundError, type AuditStore } from '../db';
import type { Rect } from '../geometry';
import type { Annotation, Screenshot } from '../model';
import { constant, type Subscribe } from './live';
import type { ShellController } from './shell';

/** Changes of a stored image's pixels (lib/services/redaction.ts over the store). */
export interface RedactionPort {
  /** Burns `areas` (image pixels) into the stored image; resolves with its new SHA-256. */
  apply(screenshotId: string, areas: Rect[]): Promise<string>;
  /** Draws covered frame `index`'s held-back original back in; resolves with the screenshot after. */
  uncover(screenshotId: string, index: number): Promise<Screenshot>;
}

export interface AnnotateControllerDeps {
  shell: ShellController;
  store: Pick<AuditStore, 'getScreenshot' | 'getImage' | 'heldBackOriginals' | 'updateAnnotations'>;
  redaction: RedactionPort;
  screenshotId: string | null;
  now(): number;
}

/** A screenshot and its stored image (null while the image is not there). */
export interface ShownScreenshot {
  shot: Screenshot;
  image: Blob | null;
}

export interface AnnotateController {
  readonly shell: ShellController;
  readonly screenshotId: string | null;
  /** The screenshot and its image, again whenever either changes; null when there is none. */
  readonly screenshot: Subscribe<ShownScreenshot | null>;
  /** Indexes of the covered frames whose original pixels are still held back (only those can be uncovered). */
  readonly kept: Subscribe<ReadonlySet<number>>;
  /** Stores the annotations (rejects with why not, e.g. NotFoundError once it was deleted). */
  saveAnnotations(annotations: Annotation[]): Promise<void>;
  /** Burns the redaction areas into the image; resolves with its new SHA-256. */
  applyRedactions(areas: Rect[]): Promise<string>;
  /** Uncovers covered frame `index`; resolves with the time the choice was recorded. */
  uncoverFrame(index: number): Promise<number>;
}

export function createAnnotateController(deps: AnnotateControllerDeps): AnnotateController {
  const { shell, store, redaction, screenshotId } = deps;
  const id = () => {
    if (!screenshotId) throw new NotFoundError('Screenshot', '(none given)');
    return screenshotId;
  };
  return {
    shell,
    screenshotId,
    screenshot: screenshotId
      ? shell.live('screenshot', async () => {
          // The record first: once it shows new pixels' hash, the image read after it has them too.
          const shot = await store.getScreenshot(screenshotId);
          return shot ? { shot, image: (await store.getImage(screenshotId)) ?? null } : null;
        })
      : constant(null),
    kept: screenshotId
      ? shell.live(
          'held-back originals',
          async () =>
            new Set((await store.heldBackOriginals(screenshotId)).map((area) => area.index)),
        )
      : constant(new Set<number>()),
    saveAnnotations: async (annotations) => store.updateAnnotations(id(), annotations),
    applyRedactions: async (areas) => redaction.apply(id(), areas),
    async uncoverFrame(index) {
      const next = await redaction.uncover(id(), index);
      return next.coveredFrames[index]?.uncoveredAt ?? deps.now();
    },
  };
}
