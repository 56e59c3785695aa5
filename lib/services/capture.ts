/**
 * The capture service: the one place that owns a capture from the click to the stored step, for
 * every mode (visible, full page, element, region) and every trigger (panel, shortcut, menu,
 * auto-capture): guard (journey, tab, page) → capture (lib/capture) → persist (one transaction)
 * → compact in the background. lib/capture never touches the store; this never draws pixels.
 */
import { captureFailure, CaptureError, restrictedReason, type CapturedPage } from '../capture';
import type { Redaction, TakenArea } from '../capture/captured';
import type { CapturePacer } from '../capture/pacer';
import {
  captureElement,
  type ElementCaptureDeps,
  type ElementFallback,
  type PickMode,
  type PickerText,
} from '../capture/element';
import type { CaptionText } from '../capture/caption';
import { asCaptureError } from '../capture/errors';
import { captureFullPage, type FullPageOptions, type Stitcher } from '../capture/full-page';
import { DomRender } from '../capture/page/replies';
import { captureVisible } from '../capture/visible';
import type { AuditStore } from '../db';
import type {
  Annotation,
  CheckResult,
  EncodedImage,
  Identity,
  PageFacts,
  SettleRecord,
  Step,
  WalkedTab,
} from '../model';
import type { RunningCapture } from '../model/settings';
import type { PageClient } from './page';

/** What the service needs from the browser (lib/browser in the extension; fakes in Node tests). */
export interface CaptureBrowser {
  findTargetTab(): Promise<WalkedTab | null>;
  captureVisibleTab(windowId: number, quality: number): Promise<string>;
  tabExists(tabId: number): Promise<boolean>;
  /** Runs the element renderer (entrypoints/element-capture.ts) in a frame of the tab; its reply unparsed. */
  renderElement(tabId: number, frameId: number): Promise<unknown>;
  /** The auditor's identity (Options): fields holding it are covered. */
  readIdentity(): Promise<Identity>;
}

export interface CaptureServiceDeps {
  store: AuditStore;
  browser: CaptureBrowser;
  page: PageClient;
  /** The browser-wide quota pacer (Web Locks across the extension's contexts). */
  pacer: CapturePacer;
  stitcher: Stitcher;
  /** Sizes and hashes a visible capture (encode.ts describeCaptured: thumbnail after the save). */
  encodeCaptured(image: Blob): Promise<EncodedImage>;
  encodeSelection: ElementCaptureDeps['encode'];
  /** Decodes images for the element fidelity check (encode.ts decodePixels); absent: no check. */
  decodePixels?: ElementCaptureDeps['decodePixels'];
  /** Re-encodes a stored step's images more compactly, after it is safe (lib/services/compact). */
  compact(store: AuditStore, touchpointId: string): Promise<number>;
  /**
   * An error of work that goes on after a capture resolved (compaction): the page shows it (the
   * panel's message line, the service worker's notice), since no caller is waiting for it.
   */
  onBackgroundError(error: unknown): void;
  /**
   * The caption band's text for a capture of this journey, or null when its audit has the band
   * off (Audit.caption); absent: never.
   */
  captionFor?(journeyId: string, page: CapturedPage): Promise<CaptionText | null>;
  /** Draws the band under an image (lib/capture/caption.ts drawCaption). */
  drawCaption?(
    image: EncodedImage,
    text: CaptionText,
    scale: number,
  ): Promise<EncodedImage & { captionHeight: number }>;
  /** Whether the journey's audit asks for page facts (Audit.pageFacts); absent: never. */
  pageFactsFor?(journeyId: string): Promise<boolean>;
  /**
   * What the tab's page says of itself, read right after its capture (accessibility, timings);
   * never rejects: what could not be read is said in the facts.
   */
  readPageFacts?(tabId: number, at: number): Promise<PageFacts>;
  /**
   * The checklist items the page's DOM pre-answers at capture (lib/capture/page-proofs.ts), as
   * checklist answers marked "from the page"; never rejects (a page that cannot be read: none).
   */
  readPageProofs?(journeyId: string, tabId: number): Promise<CheckResult[]>;
  now(): number;
  sleep(ms: number): Promise<void>;
  userAgent: string;
  /**
   * The service worker's mark of a full-page capture in progress (storage.session): a worker
   * stopped mid-capture leaves it, and the next one tells the panel (lib/services/background).
   * Absent in the panel, whose own page shows what happens.
   */
  running?: {
    set(mark: RunningCapture): Promise<void>;
    clear(): Promise<void>;
  };
}

/** What a trigger records with a visible capture besides the picture and its note. */
export interface StepExtras {
  /** Auto-capture's wait for the page to settle. */
  settle?: SettleRecord;
  /**
   * Marks over the image (a click's box), in CSS px of the viewport: scaled to the image's pixels
   * once its size is known.
   */
  marks?: Annotation[];
}

/** A capture that became a step. */
export interface SavedCapture {
  step: Step;
  /** How many images (parts) the step got. */
  parts: number;
  /** Whether anything was covered (sensitive fields, or frames that could not be checked). */
  redacted: boolean;
  /** What was covered, counted. */
  redaction: Redaction;
  /** Full page of a page whose document does not scroll: the scrolling area taken. */
  area?: TakenArea;
  /** Full page with overlays hidden (the auditor's choice): how many were hidden. */
  overlaysHidden?: number;
}

export type ElementOutcome =
  | { outcome: 'cancelled'; mode: PickMode }
  | (SavedCapture & {
      outcome: 'saved';
      mode: PickMode;
      /** 'dom': rendered from the page; 'native': cut from a screenshot. */
      path: 'dom' | 'native';
      /** Why the DOM render was not used (element mode only). */
      fallback: ElementFallback | null;
      /** Only the part of the element that fits on screen was captured. */
      clipped: boolean;
    });

/**
 * Marks given in viewport CSS px, in the captured image's pixels (its width over the viewport's
 * CSS width: the device pixel ratio the capture shows), kept inside the image.
 */
export function scaleMarks(marks: Annotation[], page: CapturedPage): Annotation[] {
  const image = page.images[0];
  if (!image) return [];
  const scale = page.viewport ? image.width / page.viewport.width : (page.devicePixelRatio ?? 1);
  const clampX = (v: number) => Math.min(image.width, Math.max(0, Math.round(v * scale)));
  const clampY = (v: number) => Math.min(image.height, Math.max(0, Math.round(v * scale)));
  return marks.flatMap((mark): Annotation[] => {
    if (mark.kind !== 'box') return [];
    const x = clampX(mark.x);
    const y = clampY(mark.y);
    const width = clampX(mark.x + mark.width) - x;
    const height = clampY(mark.y + mark.height) - y;
    // A box wholly outside the image (the element scrolled away) is not drawn.
    return width > 0 && height > 0 ? [{ ...mark, x, y, width, height }] : [];
  });
}

export class CaptureService {
  /** The tab where the picker is open, to cancel it from the panel. */
  private pickingTab: number | null = null;

  constructor(private readonly deps: CaptureServiceDeps) {}

  /** The visible part of the walked tab (or `tab`) as the next step; `note` saved with it. */
  async visible(
    journeyId: string | null,
    options: { note?: string; tab?: WalkedTab } & StepExtras = {},
  ): Promise<SavedCapture> {
    const target = await this.target(journeyId, options.tab);
    const page = await captureVisible(
      {
        captureVisibleTab: this.deps.browser.captureVisibleTab,
        tabExists: this.deps.browser.tabExists,
        pacer: this.deps.pacer,
        encode: this.deps.encodeCaptured,
        coverage: (tabId) => this.coverage(tabId),
        now: this.deps.now,
      },
      target.tab,
    );
    return this.persist(target.journeyId, target.tab, page, options.note, {
      settle: options.settle,
      annotations: options.marks && scaleMarks(options.marks, page),
    });
  }

  /** The whole scrollable page as one step (its parts); cancelled by `signal`, nothing stored. */
  async fullPage(
    journeyId: string | null,
    options: FullPageOptions & { tab?: WalkedTab } = {},
  ): Promise<SavedCapture> {
    const target = await this.target(journeyId, options.tab);
    const { running } = this.deps;
    const { tabId, url, title } = target.tab;
    await running?.set({ tabId, url, title, at: this.deps.now() }).catch(() => undefined);
    const page = await captureFullPage(
      {
        page: this.deps.page,
        captureVisibleTab: this.deps.browser.captureVisibleTab,
        tabExists: this.deps.browser.tabExists,
        pacer: this.deps.pacer,
        stitcher: this.deps.stitcher,
        now: this.deps.now,
        coverage: (tabId) => this.coverage(tabId),
      },
      target.tab,
      options,
    ).finally(() => running?.clear().catch(() => undefined));
    if (options.signal?.aborted) {
      throw new CaptureError(
        'cancelled',
        'The full-page capture was cancelled. Nothing was saved.',
      );
    }
    return this.persist(target.journeyId, target.tab, page);
  }

  /** An element the auditor picks, or a region they drag, in the walked tab. */
  async element(
    journeyId: string | null,
    mode: PickMode,
    text: PickerText,
  ): Promise<ElementOutcome> {
    const target = await this.target(journeyId);
    const { page, browser } = this.deps;
    const captured = await captureElement(
      {
        tabExists: browser.tabExists,
        captureVisibleTab: browser.captureVisibleTab,
        pacer: this.deps.pacer,
        pick: async (tabId, pickMode, pickText) => {
          this.pickingTab = tabId;
          try {
            const outcome = await page.pick(tabId, pickMode, pickText);
            // No answer at all: the page was left or reloaded while the auditor was choosing.
            if (!outcome) throw new Error('the page was left or reloaded while choosing');
            return 'cancelled' in outcome ? null : outcome;
          } finally {
            this.pickingTab = null;
          }
        },
        renderElement: async (tabId, frameId) => {
          const reply = DomRender.safeParse(await browser.renderElement(tabId, frameId));
          return reply.success
            ? reply.data
            : { ok: false, reason: 'error', message: 'The page returned no usable image.' };
        },
        revealRect: page.revealRect,
        restoreScroll: page.restoreScroll,
        encode: this.deps.encodeSelection,
        decodePixels: this.deps.decodePixels,
        coverage: (tabId) => this.coverage(tabId),
        sleep: this.deps.sleep,
        now: this.deps.now,
      },
      target.tab,
      mode,
      text,
    );
    if (captured.outcome === 'cancelled') return captured;
    const saved = await this.persist(target.journeyId, target.tab, captured.page);
    const { path, fallback, clipped } = captured;
    return { ...saved, outcome: 'saved', mode, path, fallback, clipped };
  }

  /** Closes the picker where it is open (Esc from the panel); false if none is. */
  async cancelPick(): Promise<boolean> {
    return this.pickingTab === null ? false : this.deps.page.cancelPick(this.pickingTab);
  }

  /** The journey and tab a capture goes to, or why there is none. */
  private async target(journeyId: string | null, tab?: WalkedTab) {
    if (!journeyId) throw new CaptureError('no-journey', 'Choose or create a journey first.');
    const walked = tab ?? (await this.deps.browser.findTargetTab());
    if (!walked) {
      throw new CaptureError('no-tab', 'No browser tab to capture. Open the page you audit.');
    }
    const refused = restrictedReason(walked.url);
    if (refused) throw new CaptureError('restricted-page', refused);
    return { journeyId, tab: walked };
  }

  /** What to cover in every frame of the tab, found by the page agent; fails closed (no capture). */
  private async coverage(tabId: number) {
    const identity = await this.deps.browser.readIdentity();
    return this.deps.page.coverage(tabId, identity).catch(async (cause: unknown) => {
      if (cause instanceof CaptureError) throw cause;
      throw await captureFailure(
        cause,
        { tabId } as WalkedTab,
        this.deps.browser.tabExists,
        'Could not check the page for fields to cover',
      );
    });
  }

  /** Stores the capture as the next step in one transaction, then compacts it in the background. */
  private async persist(
    journeyId: string,
    tab: WalkedTab,
    { area, ...captured }: CapturedPage,
    note = '',
    extras: { settle?: SettleRecord; annotations?: Annotation[] } = {},
  ): Promise<SavedCapture> {
    const page = await this.withCaption(journeyId, captured);
    // The page's facts and what it proves for the checklists are read side by side.
    const [pageFacts, checks = []] = await Promise.all([
      this.factsOf(journeyId, tab, page.at),
      this.deps.readPageProofs?.(journeyId, tab.tabId),
    ]);
    let step: Step;
    try {
      step = await this.deps.store.addStep({
        journeyId,
        kind: 'page',
        ...page,
        note,
        ...(extras.settle && { settle: extras.settle }),
        ...(extras.annotations?.length && { annotations: extras.annotations }),
        userAgent: this.deps.userAgent,
        ...(pageFacts && { pageFacts }),
        ...(checks.length > 0 && { checks }),
      });
    } catch (error) {
      throw asCaptureError(error);
    }
    void this.deps
      .compact(this.deps.store, step.id)
      .catch((error: unknown) => this.deps.onBackgroundError(error));
    return {
      step,
      parts: page.images.length,
      redacted: page.images.some((image) => image.redacted === true),
      redaction: page.redaction,
      ...(area && { area }),
      ...(page.overlaysHidden !== undefined && { overlaysHidden: page.overlaysHidden }),
    };
  }

  /** The page's facts after its capture, when the journey's audit asks for them (else null). */
  private async factsOf(journeyId: string, tab: WalkedTab, at: number) {
    const { pageFactsFor, readPageFacts } = this.deps;
    if (!pageFactsFor || !readPageFacts || !(await pageFactsFor(journeyId))) return null;
    return readPageFacts(tab.tabId, at);
  }

  /**
   * The capture with the caption band under its last image when the journey's audit asks for it
   * (the band ends the evidence: under the last part of a full page). A band that cannot be drawn
   * fails the capture: nothing is stored without the band the auditor asked for.
   */
  private async withCaption(journeyId: string, page: CapturedPage): Promise<CapturedPage> {
    const { captionFor, drawCaption } = this.deps;
    const last = page.images.at(-1);
    if (!captionFor || !drawCaption || !last) return page;
    const text = await captionFor(journeyId, page);
    if (!text) return page;
    const scale =
      page.devicePixelRatio ??
      (page.viewport && last.mode === 'visible' ? last.width / page.viewport.width : 1);
    try {
      const banded = await drawCaption(last, text, scale > 0 ? scale : 1);
      return { ...page, images: [...page.images.slice(0, -1), banded] };
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new CaptureError(
        'caption-failed',
        `The caption band could not be drawn (${message}). Nothing was saved; turn the band off in the audit or try again.`,
        { cause, params: { message } },
      );
    }
  }
}
