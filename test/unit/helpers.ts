/** Test helpers: a fresh fake-indexeddb store with a deterministic clock and ids. */
import { CapturePacer, type Clock } from '../../lib/capture';
import { composeFrames, type TabCoverage } from '../../lib/capture/frame-tree';
import type { FrameReport } from '../../lib/capture/page/replies';
import { AuditDatabase, AuditStore, type StorageProbe } from '../../lib/db';
import type { Rect } from '../../lib/geometry';
import {
  brandNameKey,
  type BrandRole,
  type EncodedImage,
  type Journey,
  type WalkedTab,
} from '../../lib/model';
import { CaptureService, type CaptureServiceDeps } from '../../lib/services/capture';
import type { PageClient } from '../../lib/services/page';

let dbCounter = 0;

/** A probe that always says there is room and never asks for a log renewal. */
export const ROOMY_PROBE: StorageProbe = {
  freeBytes: async () => null,
  needsLogRenewal: async () => false,
  setNeedsLogRenewal: async () => undefined,
};

/** `idBlock` (0–9) keeps two stores' ids apart, like two auditors' profiles. */
export function testStore(start = Date.UTC(2026, 0, 5, 9, 0, 0), idBlock = 0) {
  let now = start;
  let id = 0;
  const clock = {
    now: () => now,
    advance: (ms: number) => (now += ms),
  };
  const newId = () => `00000000-0000-4000-8000-${idBlock}${String(++id).padStart(11, '0')}`;
  const db = new AuditDatabase(`test-${++dbCounter}-${Math.random()}`);
  return { store: new AuditStore(db, clock.now, newId, ROOMY_PROBE), db, clock };
}

export function fakeImage(label = 'img', size = 1000): EncodedImage {
  return {
    mode: 'visible',
    mime: 'image/jpeg',
    blob: new Blob([new Uint8Array(size).fill(label.length)], { type: 'image/jpeg' }),
    width: 1280,
    height: 800,
    sha256: 'a'.repeat(64),
    thumbnail: new Blob([label], { type: 'image/webp' }),
  };
}

/** The period of the waves tests make by name: January 2026 (UTC midnights). */
export const TEST_WAVE_PERIOD = { start: Date.UTC(2026, 0, 1), end: Date.UTC(2026, 0, 31) };

/** A walk as tests describe it: its brand and wave by name (made when the audit has none yet). */
export interface WalkInput {
  auditId: string;
  brandName: string;
  brandDomain?: string;
  brandRole?: BrandRole;
  /** The wave's name (default "Wave 1", January 2026). */
  wave?: string;
  task?: string;
  persona?: string;
  entryChannel?: Journey['entryChannel'];
  auditor?: string;
}

/**
 * Starts a walk through `store.createJourney`: the audit's brand of that name (brandNameKey) and
 * its wave of that name are used when they exist, else created with the journey.
 */
export async function createWalk(store: AuditStore, input: WalkInput): Promise<Journey> {
  const { auditId, brandName, brandDomain = '', brandRole = 'competitor' } = input;
  const waveName = input.wave ?? 'Wave 1';
  const brand = (await store.listBrands(auditId)).find(
    (b) => brandNameKey(b.name) === brandNameKey(brandName),
  );
  const wave = (await store.listWaves(auditId)).find((w) => w.name === waveName);
  return store.createJourney({
    auditId,
    brand: brand ? { id: brand.id } : { name: brandName, domain: brandDomain, role: brandRole },
    wave: wave ? { id: wave.id } : { name: waveName, ...TEST_WAVE_PERIOD },
    task: input.task ?? '',
    persona: input.persona ?? '',
    entryChannel: input.entryChannel ?? 'search',
    auditor: input.auditor ?? '',
  });
}

/** An audit with two walks in one wave: the own brand's and a competitor's. */
export async function auditWithJourneys(store: AuditStore) {
  const audit = await store.createAudit({
    name: 'Broadband Q1',
    client: 'Brightline',
    defaultTask: 'request a callback',
  });
  const walk = { task: 'request a callback', persona: 'family' } as const;
  const own = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Brightline',
    brandDomain: 'brightline.test',
    brandRole: 'own',
    ...walk,
  });
  const rival = await createWalk(store, {
    auditId: audit.id,
    brandName: 'Fastwave',
    brandDomain: 'fastwave.test',
    brandRole: 'competitor',
    ...walk,
  });
  return { audit, own, rival };
}

/** A frame's scan report (page/sensitive.ts scanFrame): the top document's unless overridden. */
export function frameReport(overrides: Partial<FrameReport> = {}): FrameReport {
  return {
    nonce: 'top-nonce',
    parent: null,
    top: true,
    viewport: { width: 1280, height: 800 },
    scroll: { x: 0, y: 0 },
    fields: [],
    frames: [],
    ...overrides,
  };
}

/**
 * What a tab covers when only its top document answered, built as the page client builds it
 * (composeFrames): `fields` and `unchecked` frame elements in document CSS px of a top document
 * scrolled to `scroll` (each reported in client px, as the page does). No frame answers, so every
 * frame element is covered whole ('no-answer').
 */
export function topCoverage(
  options: {
    fields?: Rect[];
    unchecked?: Rect[];
    scroll?: { x: number; y: number };
    viewport?: { width: number; height: number };
  } = {},
): TabCoverage {
  const scroll = options.scroll ?? { x: 0, y: 0 };
  const client = (rect: Rect): Rect => ({ ...rect, x: rect.x - scroll.x, y: rect.y - scroll.y });
  const report = frameReport({
    scroll,
    ...(options.viewport && { viewport: options.viewport }),
    fields: (options.fields ?? []).map(client),
    frames: (options.unchecked ?? []).map((rect, slot) => ({
      slot,
      content: client(rect),
      outer: client(rect),
      exact: true,
      reachable: true,
    })),
  });
  return composeFrames([{ frameId: 0, report }]);
}

/**
 * A capture service over fake browser and page parts (a visible capture of `tab` gives
 * fakeImage()), with `deps` added or replaced: the options a test is about (caption band, page
 * facts, page answers). The real one runs in the e2e tests.
 */
export function fakeCaptureService(
  store: AuditStore,
  deps: Partial<CaptureServiceDeps> = {},
  tab: Partial<WalkedTab> = {},
): CaptureService {
  const clock: Clock = { now: () => 0, sleep: async () => undefined };
  return new CaptureService({
    store,
    browser: {
      findTargetTab: async () => ({
        tabId: 7,
        windowId: 1,
        url: 'https://brightline.test/plans',
        title: 'Plans',
        width: 640,
        height: 400,
        ...tab,
      }),
      captureVisibleTab: async () => 'data:image/jpeg;base64,AAAA',
      tabExists: async () => true,
      renderElement: async () => undefined,
      readIdentity: async () => ({ name: '', email: '', phone: '' }),
    },
    page: { coverage: async () => topCoverage() } as unknown as PageClient,
    pacer: new CapturePacer(clock),
    stitcher: undefined as never,
    encodeCaptured: async () => fakeImage(),
    encodeSelection: async () => fakeImage(),
    compact: async () => 0,
    onBackgroundError: () => undefined,
    now: () => 5,
    sleep: async () => undefined,
    userAgent: 'TestBrowser/1.0',
    ...deps,
  });
}
