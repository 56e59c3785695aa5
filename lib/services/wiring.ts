/** Wires the browser adapters, the capture pipeline and the store for the entrypoints. */
import {
  ACCESSIBILITY_CHECK,
  browserLanguage,
  captureVisibleTab,
  findTargetTab,
  readSettings,
  runFileInTab,
  storageProbe,
  subscribeSettings,
  tabExists,
  webLock,
  writeSettings,
} from '../browser';
import { CapturePacer, MIN_CAPTURE_GAP_MS, realClock } from '../capture';
import { drawCaption, type CaptionText } from '../capture/caption';
import { pageFactsOf, type FactReply } from '../capture/page-facts';
import { proofAnswersOf, proofChecksOf, proofOf } from '../capture/page-proofs';
import { decodePixels, describeCaptured, encodeSelection } from '../capture/encode';
import { offscreenStitcher } from '../capture/full-page';
import { createShellController, type ShellController } from '../controllers/shell';
import { openStore, watchQuery, type AuditStore } from '../db';
import { formatTimestamp, localeFor, translator } from '../i18n';
import { logError } from '../log';
import { Identity, type PageFacts } from '../model';
import { resolveChecklists } from '../taxonomy';
import { CaptureService, type CaptureServiceDeps } from './capture';
import { compactStepImages } from './compact';
import { pageClient } from './page';

/** The element renderer, injected into a tab only for an element capture. */
const RENDER_SCRIPT = '/element-capture.js';
/** Chrome's capture quota is per browser: one pacer lock for every context of the extension. */
const CAPTURE_LOCK = 'touchpoint-audit-capture';

const NO_IDENTITY: Identity = { name: '', email: '', phone: '' };

/** The stored identity, or an empty one when the stored value is missing or malformed. */
export async function readIdentity(): Promise<Identity> {
  const parsed = Identity.safeParse((await readSettings()).identity);
  return parsed.success ? parsed.data : NO_IDENTITY;
}

/**
 * The caption band's text for a capture of `journeyId`, or null when its audit has the band off:
 * in the language the extension shows (the chosen one, else the browser's), as the report is.
 */
export async function captionFor(
  store: AuditStore,
  journeyId: string,
  page: { title: string; url: string; at: number },
): Promise<CaptionText | null> {
  const audit = await auditOfJourney(store, journeyId);
  if (!audit?.caption) return null;
  const locale = (await readSettings()).locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  return {
    title: page.title.trim() || t('captionNoTitle'),
    url: page.url,
    time: t('captionCaptured', { time: formatTimestamp(page.at, locale) }),
  };
}

/** The audit a journey belongs to (undefined when either is gone). */
async function auditOfJourney(store: AuditStore, journeyId: string) {
  const journey = await store.getJourney(journeyId);
  return journey && store.getAudit(journey.auditId);
}

/** `work`'s result, or `late` when it takes longer than `ms` (the timer is cleared either way). */
async function within<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long one page-facts script may run before its facts are given up as "took too long". */
const FACTS_TIMEOUT_MS = 20_000;

/** Runs a page-facts script in the tab's top document: its reply, or why there is none. */
function factReply(tabId: number, file: '/page-timings.js' | '/page-a11y.js') {
  const run = runFileInTab(tabId, file).then(
    (value): FactReply => ({ ok: true, value }),
    (): FactReply => ({ ok: false, reason: 'failed' }),
  );
  return within<FactReply>(run, FACTS_TIMEOUT_MS, { ok: false, reason: 'timeout' });
}

/** What the tab's page says of itself after a capture: its load timings, then accessibility. */
export async function readPageFacts(tabId: number, at: number): Promise<PageFacts> {
  const timings = await factReply(tabId, '/page-timings.js');
  const a11y: FactReply = ACCESSIBILITY_CHECK
    ? await factReply(tabId, '/page-a11y.js')
    : { ok: false, reason: 'unsupported' };
  return pageFactsOf(at, timings, a11y);
}

/** How long the page-proofs script may run before the page is taken to prove nothing. */
const PROOFS_TIMEOUT_MS = 5_000;

/**
 * The checklist answers the tab's page proves, for the journey's audit (its non-hidden
 * checklists' items with a proof); none when the page cannot be read or takes too long.
 */
async function readPageProofs(store: AuditStore, journeyId: string, tabId: number) {
  const audit = await auditOfJourney(store, journeyId);
  if (!audit) return [];
  const templates = resolveChecklists(audit.method);
  if (!templates.some((t) => !t.hidden && t.items.some((item) => proofOf(item.id)))) return [];
  const reply = await within(
    runFileInTab(tabId, '/page-proofs.js').catch(() => null),
    PROOFS_TIMEOUT_MS,
    null,
  );
  return proofChecksOf(templates, proofAnswersOf(reply));
}

/**
 * The capture service of this context (side panel or service worker), over the real browser;
 * `onBackgroundError` gets what fails after a capture resolved (compaction), to show it.
 */
export function extensionCaptureService(
  store: AuditStore,
  onBackgroundError: (error: unknown) => void,
  running?: CaptureServiceDeps['running'],
): CaptureService {
  return new CaptureService({
    store,
    browser: {
      findTargetTab,
      captureVisibleTab,
      tabExists,
      renderElement: (tabId, frameId) => runFileInTab(tabId, RENDER_SCRIPT, frameId),
      readIdentity,
    },
    page: pageClient(),
    pacer: new CapturePacer(realClock, MIN_CAPTURE_GAP_MS, webLock(CAPTURE_LOCK)),
    stitcher: offscreenStitcher,
    encodeCaptured: (image) => describeCaptured(image, 'visible'),
    encodeSelection: (source, crop, cover, frame) => encodeSelection(source, crop, cover, frame),
    decodePixels,
    compact: compactStepImages,
    onBackgroundError,
    captionFor: (journeyId, page) => captionFor(store, journeyId, page),
    drawCaption,
    pageFactsFor: async (journeyId) => {
      return Boolean((await auditOfJourney(store, journeyId))?.pageFacts);
    },
    readPageFacts,
    readPageProofs: (journeyId, tabId) => readPageProofs(store, journeyId, tabId),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    userAgent: navigator.userAgent,
    ...(running && { running }),
  });
}

/**
 * The extension's store for a page: opened (free space checked, log renewed if needed) before the
 * page renders; if the disk is full it stays closed and `store.storage.state` says why.
 */
export async function openExtensionStore(): Promise<AuditStore> {
  const store = openStore(storageProbe());
  await store.storage.open();
  return store;
}

/** The shell of an extension page over the real browser: settings, language, storage, live reads. */
export function pageShell(store: AuditStore): ShellController {
  return createShellController({
    settings: { subscribe: subscribeSettings, write: writeSettings },
    browserLanguage,
    storage: store.storage,
    watch: (query) => (onValue, onError) => watchQuery(query, onValue, onError),
    reload: () => location.reload(),
    logError,
  });
}

/**
 * The shell of a page that opens no store (Options): settings and language only. Its storage port
 * is always ready, so the page never opens the database just to show a storage banner; a read
 * through it runs once rather than live, for the same reason.
 */
export function storelessPageShell(): ShellController {
  const ready = { kind: 'ready' } as const;
  return createShellController({
    settings: { subscribe: subscribeSettings, write: writeSettings },
    browserLanguage,
    storage: { state: ready, subscribe: () => () => undefined, resume: async () => ready },
    watch: (query) => (onValue, onError) => {
      let listening = true;
      query().then(
        (value) => listening && onValue(value),
        (error: unknown) => listening && onError(error),
      );
      return () => void (listening = false);
    },
    reload: () => location.reload(),
    logError,
  });
}
