/**
 * Embedded frames covered at capture: listed on the screenshot, their original pixels held back
 * on this device only (in the capture's transaction), uncovered by an explicit choice, deleted
 * with the screenshot (never kept in Recently deleted) and never exported.
 */
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../lib/bundle';
import {
  AuditDatabase,
  AuditStore,
  InvalidRecordError,
  NotFoundError,
  StorageFullError,
} from '../../lib/db';
import { WRITE_FACTOR, WRITE_MARGIN, type StorageProbe } from '../../lib/db/guard';
import type { EncodedImage } from '../../lib/model';
import { blobBytes, IMAGES, sha256 } from './bundle-fixtures';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

type Store = ReturnType<typeof testStore>['store'];
type Clock = ReturnType<typeof testStore>['clock'];

const original = (label: string, size = 300) =>
  new Blob([new Uint8Array(size).fill(label.charCodeAt(0))], { type: 'image/png' });

/** A 1280×800 image with two frames covered, each with its original. */
function coveredImage(label = 'img'): EncodedImage {
  return {
    ...fakeImage(label),
    coveredFrames: [
      { area: { x: 0, y: 0, width: 640, height: 400 }, original: original('A') },
      { area: { x: 640, y: 400, width: 640, height: 400 }, original: original('B', 500) },
    ],
  };
}

async function capture(store: Store, journeyId: string, clock: Clock, image = coveredImage()) {
  const step = await store.addStep({
    journeyId,
    kind: 'page',
    url: 'https://a.test/',
    title: 'A',
    at: clock.now(),
    images: [image],
  });
  const [shot] = await store.listScreenshots([step.id]);
  return { step, shot: shot! };
}

const text = async (blob: Blob | undefined) => blob && (await blob.arrayBuffer()).byteLength;

describe('covered frames at capture', () => {
  it('lists the frames on the screenshot and holds their originals back in the same write', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { step, shot } = await capture(store, own.id, clock);
    expect(shot.coveredFrames).toEqual([
      { x: 0, y: 0, width: 640, height: 400, uncoveredAt: null },
      { x: 640, y: 400, width: 640, height: 400, uncoveredAt: null },
    ]);
    expect(await db.heldBack.get(shot.id)).toMatchObject({
      id: shot.id,
      touchpointId: step.id,
      areas: [{ index: 0 }, { index: 1 }],
    });
    expect(await text(await store.heldBackOriginal(shot.id, 1))).toBe(500);
    expect(await store.heldBackOriginal(shot.id, 2)).toBeUndefined();
    expect((await store.heldBackOriginals(shot.id)).map((a) => a.index)).toEqual([0, 1]);

    // A capture without covered frames lists none and holds nothing back.
    const plain = await capture(store, own.id, clock, fakeImage());
    expect(plain.shot.coveredFrames).toEqual([]);
    expect(await db.heldBack.get(plain.shot.id)).toBeUndefined();
  });

  it('attaches an image with covered frames the same way', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { step } = await capture(store, own.id, clock, fakeImage());
    const shot = await store.attachImage(step.id, coveredImage('att'), {
      userAgent: '',
      fileName: '',
    });
    expect(shot.coveredFrames).toHaveLength(2);
    expect((await db.heldBack.get(shot.id))?.areas).toHaveLength(2);
  });

  it('leaves nothing behind when holding the originals back fails inside the capture transaction', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    db.heldBack.hook('creating', () => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(capture(store, own.id, clock)).rejects.toBeInstanceOf(StorageFullError);
    await db.open();
    expect(await db.touchpoints.count()).toBe(0);
    expect(await db.screenshots.count()).toBe(0);
    expect(await db.images.count()).toBe(0);
    expect(await db.heldBack.count()).toBe(0);
  });

  it('counts the originals in the free space a capture needs', async () => {
    const image = coveredImage();
    const total = 1000 + 300 + 500;
    const probe = (free: number): StorageProbe => ({
      freeBytes: async () => free,
      needsLogRenewal: async () => false,
      setNeedsLogRenewal: async () => undefined,
    });
    const fits = async (free: number) => {
      const db = new AuditDatabase(`held-back-${Math.random()}`);
      const store = new AuditStore(db, () => 1_700_000_000_000, undefined, probe(free));
      const { own } = await auditWithJourneys(store);
      const clock = { now: () => 1_700_000_000_000, advance: () => 0 };
      try {
        await capture(store, own.id, clock, image);
        return true;
      } catch (error) {
        expect(error).toBeInstanceOf(StorageFullError);
        return false;
      } finally {
        db.close();
      }
    };
    // Room for the image alone is not enough: the originals are written too.
    expect(await fits(WRITE_MARGIN + WRITE_FACTOR * 1000)).toBe(false);
    expect(await fits(WRITE_MARGIN + WRITE_FACTOR * total)).toBe(true);
  });

  it('refuses a covered area outside the image, naming it; nothing is written', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const image: EncodedImage = {
      ...fakeImage(),
      coveredFrames: [{ area: { x: 1000, y: 0, width: 300, height: 10 }, original: original('A') }],
    };
    const error = await capture(store, own.id, clock, image).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toContain('coveredFrames.0');
    const fraction: EncodedImage = {
      ...fakeImage(),
      coveredFrames: [{ area: { x: 0.5, y: 0, width: 3, height: 1 }, original: original('A') }],
    };
    await expect(capture(store, own.id, clock, fraction)).rejects.toThrow(/coveredFrames/);
    expect(await db.touchpoints.count()).toBe(0);
    expect(await db.heldBack.count()).toBe(0);
  });
});

describe('replacing the pixels', () => {
  it('keeps the covered frames and their originals', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    const next = await store.replaceImage(
      shot.id,
      { ...fakeImage('b', 20), sha256: 'c'.repeat(64) },
      shot.sha256,
    );
    expect(next.coveredFrames).toEqual(shot.coveredFrames);
    expect((await db.heldBack.get(shot.id))?.areas).toHaveLength(2);
  });

  it('replaces the originals in the same transaction (redactions burnt into them), only if none was added meanwhile', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    const redacted = { ...fakeImage('b', 20), sha256: 'c'.repeat(64), redacted: true };
    // Only one of the two stored originals given: refused, nothing written.
    await expect(
      store.replaceImage(shot.id, redacted, shot.sha256, [{ index: 0, original: original('X') }]),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await store.getScreenshot(shot.id))?.sha256).toBe(shot.sha256);
    expect(await text(await store.heldBackOriginal(shot.id, 0))).toBe(300);

    const next = await store.replaceImage(shot.id, redacted, shot.sha256, [
      { index: 0, original: original('X', 301) },
      { index: 1, original: original('Y', 502) },
    ]);
    expect(next).toMatchObject({ sha256: 'c'.repeat(64), redacted: true });
    expect(await text(await store.heldBackOriginal(shot.id, 0))).toBe(301);
    expect(await text(await store.heldBackOriginal(shot.id, 1))).toBe(502);
  });

  it('writes nothing of the originals when the image write fails', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    db.images.hook('updating', () => {
      throw new Error('write refused');
    });
    await expect(
      store.replaceImage(shot.id, { ...fakeImage('b', 20), sha256: 'c'.repeat(64) }, shot.sha256, [
        { index: 0, original: original('X', 301) },
        { index: 1, original: original('Y', 502) },
      ]),
    ).rejects.toThrow(/write refused/);
    expect(await text(await store.heldBackOriginal(shot.id, 0))).toBe(300);
    expect((await store.getScreenshot(shot.id))?.sha256).toBe(shot.sha256);
  });
});

describe('uncovering a frame', () => {
  const uncovered = (label: string) => ({
    ...fakeImage(label, 30),
    sha256: label.repeat(64).slice(0, 64),
  });

  it('replaces the image, records the choice on the screenshot and deletes that original', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    const at = clock.advance(60_000);
    const next = await store.uncoverFrame(shot.id, 1, uncovered('d'), shot.sha256);
    expect(next).toMatchObject({ sha256: 'd'.repeat(64), bytes: 30, updatedAt: at });
    expect(next.coveredFrames).toEqual([
      { x: 0, y: 0, width: 640, height: 400, uncoveredAt: null },
      { x: 640, y: 400, width: 640, height: 400, uncoveredAt: at },
    ]);
    expect(await store.getScreenshot(shot.id)).toEqual(next);
    expect((await store.getImage(shot.id))?.size).toBe(30);
    expect(await store.heldBackOriginal(shot.id, 1)).toBeUndefined();
    expect((await store.heldBackOriginals(shot.id)).map((a) => a.index)).toEqual([0]);

    // The last one: the held-back record goes.
    const last = await store.uncoverFrame(shot.id, 0, uncovered('e'), next.sha256);
    expect(last.coveredFrames.every((f) => f.uncoveredAt === at)).toBe(true);
    expect(await db.heldBack.get(shot.id)).toBeUndefined();
  });

  it('refuses when the bytes changed meanwhile, the frame is not covered or its original is gone', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    const before = await db.heldBack.get(shot.id);

    await expect(
      store.uncoverFrame(shot.id, 0, uncovered('d'), 'f'.repeat(64)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      store.uncoverFrame(shot.id, 5, uncovered('d'), shot.sha256),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getScreenshot(shot.id)).toEqual(shot);
    expect(await db.heldBack.get(shot.id)).toEqual(before);

    const next = await store.uncoverFrame(shot.id, 0, uncovered('d'), shot.sha256);
    await expect(
      store.uncoverFrame(shot.id, 0, uncovered('e'), next.sha256),
    ).rejects.toBeInstanceOf(NotFoundError);

    // Its original gone (as after a restore): stays covered.
    await db.heldBack.delete(shot.id);
    await expect(
      store.uncoverFrame(shot.id, 1, uncovered('e'), next.sha256),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await store.getScreenshot(shot.id))?.coveredFrames[1]?.uncoveredAt).toBeNull();
  });

  it('writes nothing when the transaction fails', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock);
    db.heldBack.hook('updating', () => {
      throw new Error('write refused');
    });
    await expect(store.uncoverFrame(shot.id, 0, uncovered('d'), shot.sha256)).rejects.toThrow(
      /write refused/,
    );
    expect(await store.getScreenshot(shot.id)).toEqual(shot);
    expect((await store.getImage(shot.id))?.size).toBe(1000);
  });
});

describe('deleting a screenshot with covered frames', () => {
  it.each([
    [
      'image',
      (store: Store, ids: { shot: string; step: string; journey: string; audit: string }) =>
        store.deleteScreenshot(ids.shot),
    ],
    ['step', (store: Store, ids: { step: string }) => store.deleteStep(ids.step)],
    ['journey', (store: Store, ids: { journey: string }) => store.deleteJourney(ids.journey)],
    ['audit', (store: Store, ids: { audit: string }) => store.deleteAudit(ids.audit)],
  ] as const)(
    'a deleted %s takes the originals with it, Recently deleted keeps none, a restore stays covered',
    async (_kind, remove) => {
      const { store, db, clock } = testStore();
      const { audit, own } = await auditWithJourneys(store);
      const { step, shot } = await capture(store, own.id, clock);
      const entry = await remove(store, {
        shot: shot.id,
        step: step.id,
        journey: own.id,
        audit: audit.id,
      });
      expect(await db.heldBack.count()).toBe(0);
      const content = (await db.deletedContent.get(entry.id))!;
      expect(Object.keys(content).sort()).toEqual(
        [
          'actionItems',
          'audits',
          'brands',
          'waves',
          'id',
          'images',
          'journeys',
          'screenshots',
          'touchpoints',
        ].sort(),
      );
      expect(content.images.map((i) => i.blob.size)).toEqual([1000]);

      await store.restoreDeleted(entry.id);
      const back = await store.getScreenshot(shot.id);
      expect(back?.coveredFrames).toEqual(shot.coveredFrames);
      expect(await store.heldBackOriginals(shot.id)).toEqual([]);
      // Emptying Recently deleted has nothing more to do.
      expect(await store.emptyDeleted()).toBe(0);
      expect(await db.heldBack.count()).toBe(0);
    },
  );

  it('keeps the originals when the deletion fails', async () => {
    const { store, db, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { step, shot } = await capture(store, own.id, clock);
    db.tombstones.hook('creating', () => {
      throw new Error('write refused');
    });
    await expect(store.deleteStep(step.id)).rejects.toThrow(/write refused/);
    expect(await store.getScreenshot(shot.id)).toEqual(shot);
    expect((await store.heldBackOriginals(shot.id)).map((a) => a.index)).toEqual([0, 1]);
    expect(await db.deleted.count()).toBe(0);
  });
});

describe('bundles and imports', () => {
  /** A real 3×2 JPEG with a WebP thumbnail, one frame covered; its original a real PNG. */
  function realImage(): EncodedImage {
    return {
      mode: 'visible',
      mime: 'image/jpeg',
      blob: new Blob([IMAGES.jpeg3x2], { type: 'image/jpeg' }),
      width: 3,
      height: 2,
      sha256: sha256(IMAGES.jpeg3x2),
      thumbnail: new Blob([IMAGES.webpLossy3x2], { type: 'image/webp' }),
      coveredFrames: [
        {
          area: { x: 1, y: 0, width: 2, height: 2 },
          original: new Blob([IMAGES.png2x3], { type: 'image/png' }),
        },
      ],
    };
  }

  it('carry the covered frames with the record and never the originals', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock, realImage());
    const data = await store.readDataSet({ kind: 'all' });
    expect(Object.keys(data).sort()).toEqual(
      [
        'actionItems',
        'audits',
        'brands',
        'waves',
        'deletions',
        'images',
        'journeys',
        'screenshots',
        'touchpoints',
      ].sort(),
    );
    const blob = await writeBundle(data, {
      scope: { kind: 'all' },
      includes: { identity: true, userAgent: true, fileNames: true },
      now: clock.now(),
    });
    const files = unzipSync(await blobBytes(blob));
    const originalSha = sha256(IMAGES.png2x3);
    expect(Object.keys(files).some((path) => path.includes(originalSha))).toBe(false);
    expect(Object.keys(files).filter((path) => path.startsWith('images/'))).toHaveLength(2);

    // Imported into another profile: the frame stays covered there, with no original to uncover.
    const { data: read } = await readBundle(blob);
    expect(read.screenshots[0]!.coveredFrames).toEqual(shot.coveredFrames);
    const other = testStore(Date.UTC(2026, 0, 6), 1);
    await other.store.applyImport(read);
    expect((await other.store.getScreenshot(shot.id))?.coveredFrames).toEqual(shot.coveredFrames);
    expect(await other.store.heldBackOriginals(shot.id)).toEqual([]);
    expect(await other.db.heldBack.count()).toBe(0);

    // Imported back here unchanged: the originals stay.
    await store.applyImport(read);
    expect((await store.heldBackOriginals(shot.id)).map((a) => a.index)).toEqual([0]);
  });

  it('drop the originals of a screenshot an import gives new bytes (they could undo its redactions)', async () => {
    const { store, clock } = testStore();
    const { own } = await auditWithJourneys(store);
    const { shot } = await capture(store, own.id, clock, realImage());
    const data = await store.readDataSet({ kind: 'all' });
    await store.recordExported(data);
    // Elsewhere, the image was redacted by hand (new bytes) after the bundle left.
    const bytes = IMAGES.jpeg3x2.slice();
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 1;
    const changed = {
      ...data,
      screenshots: [
        {
          ...data.screenshots[0]!,
          sha256: sha256(bytes),
          redacted: true,
          updatedAt: clock.now() + 1,
        },
      ],
      images: [{ id: shot.id, blob: new Blob([bytes], { type: 'image/jpeg' }) }],
    };
    const plan = await store.applyImport(changed);
    expect(plan.counts.screenshots.changed).toBe(1);
    expect((await store.getScreenshot(shot.id))?.sha256).toBe(sha256(bytes));
    expect(await store.heldBackOriginals(shot.id)).toEqual([]);
  });
});
