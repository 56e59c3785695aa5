/** The screenshot editor page's controller over a real (fake-indexeddb) store and a fake shell. */
import { describe, expect, it } from 'vitest';
import {
  createAnnotateController,
  type AnnotateControllerDeps,
  type RedactionPort,
} from '../../lib/controllers/annotate';
import { NotFoundError } from '../../lib/db';
import type { Rect } from '../../lib/geometry';
import type { EncodedImage } from '../../lib/model';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, fakeImage, testStore } from './helpers';

type Store = ReturnType<typeof testStore>['store'];

/** A 1280×800 capture with one frame covered (its original held back). */
function coveredImage(): EncodedImage {
  return {
    ...fakeImage('shot'),
    coveredFrames: [
      {
        area: { x: 0, y: 0, width: 640, height: 400 },
        original: new Blob([new Uint8Array(300)], { type: 'image/png' }),
      },
    ],
  };
}

async function captured(store: Store) {
  const { own } = await auditWithJourneys(store);
  const step = await store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Home',
    at: 1,
    images: [coveredImage()],
  });
  const [shot] = await store.listScreenshots([step.id]);
  return shot!;
}

/**
 * The image work as lib/services/redaction.ts does it, with fake pixels: the store's own writes,
 * so the controller's live reads see what it changed. `calls` records what it was asked.
 */
function fakeRedaction(store: Store) {
  const calls: { apply: [string, Rect[]][]; uncover: [string, number][] } = {
    apply: [],
    uncover: [],
  };
  const port: RedactionPort = {
    async apply(screenshotId, areas) {
      calls.apply.push([screenshotId, areas]);
      const shot = await store.getScreenshot(screenshotId);
      const redacted = { ...fakeImage('burnt', 900), sha256: 'b'.repeat(64), redacted: true };
      return (await store.replaceImage(screenshotId, redacted, shot!.sha256)).sha256;
    },
    async uncover(screenshotId, index) {
      calls.uncover.push([screenshotId, index]);
      const shot = await store.getScreenshot(screenshotId);
      const drawnBack = { ...fakeImage('drawn back', 1100), sha256: 'c'.repeat(64) };
      return store.uncoverFrame(screenshotId, index, drawnBack, shot!.sha256);
    },
  };
  return { port, calls };
}

function controllerFor(store: Store, screenshotId: string | null, redaction?: RedactionPort) {
  const deps: AnnotateControllerDeps = {
    shell: fakeShell().shell,
    store,
    redaction: redaction ?? fakeRedaction(store).port,
    screenshotId,
    now: () => 42,
  };
  return createAnnotateController(deps);
}

describe('annotate controller', () => {
  it('reads the screenshot with its image and the frames whose originals are kept', async () => {
    const { store } = testStore();
    const shot = await captured(store);
    const controller = controllerFor(store, shot.id);
    const shown = await valueOf(controller.screenshot);
    expect(shown?.shot.id).toBe(shot.id);
    expect(shown?.image?.size).toBe(1000);
    expect([...(await valueOf(controller.kept))]).toEqual([0]);
  });

  it('saves annotations, and the live screenshot shows them', async () => {
    const { store } = testStore();
    const shot = await captured(store);
    const controller = controllerFor(store, shot.id);
    await controller.saveAnnotations([
      { kind: 'box', x: 10, y: 10, width: 100, height: 50, color: 'red' },
    ]);
    const shown = await valueOf(controller.screenshot, (s) => s?.shot.annotations.length === 1);
    expect(shown?.shot.annotations[0]).toMatchObject({ kind: 'box', color: 'red' });
    expect((await store.getScreenshot(shot.id))!.annotations).toHaveLength(1);
  });

  it('rejects annotations the record would not hold, storing nothing', async () => {
    const { store } = testStore();
    const shot = await captured(store);
    const controller = controllerFor(store, shot.id);
    const tooLong = 'x'.repeat(10_000);
    await expect(
      controller.saveAnnotations([{ kind: 'text', x: 1, y: 1, text: tooLong, color: 'red' }]),
    ).rejects.toThrow();
    expect((await store.getScreenshot(shot.id))!.annotations).toEqual([]);
  });

  it('burns redactions in through the injected service; the image read again has them', async () => {
    const { store } = testStore();
    const shot = await captured(store);
    const { port, calls } = fakeRedaction(store);
    const controller = controllerFor(store, shot.id, port);
    const area = { x: 0, y: 0, width: 64, height: 32 };
    expect(await controller.applyRedactions([area])).toBe('b'.repeat(64));
    expect(calls.apply).toEqual([[shot.id, [area]]]);
    const shown = await valueOf(controller.screenshot, (s) => s?.shot.sha256 === 'b'.repeat(64));
    expect(shown?.shot.redacted).toBe(true);
    expect(shown?.image?.size).toBe(900);
  });

  it('uncovers a covered frame through the injected service, with the time recorded', async () => {
    const { store, clock } = testStore();
    const shot = await captured(store);
    const { port, calls } = fakeRedaction(store);
    const controller = controllerFor(store, shot.id, port);
    expect(await controller.uncoverFrame(0)).toBe(clock.now());
    expect(calls.uncover).toEqual([[shot.id, 0]]);
    expect([...(await valueOf(controller.kept, (kept) => kept.size === 0))]).toEqual([]);
    const shown = await valueOf(controller.screenshot, (s) => s?.shot.sha256 === 'c'.repeat(64));
    expect(shown?.shot.coveredFrames[0]?.uncoveredAt).toBe(clock.now());
    // A frame whose original is gone cannot be uncovered again: the service's refusal comes back.
    await expect(controller.uncoverFrame(0)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('says there is no screenshot for a missing id, and changes nothing', async () => {
    const { store } = testStore();
    const { port, calls } = fakeRedaction(store);
    const none = controllerFor(store, null, port);
    expect(await valueOf(none.screenshot)).toBeNull();
    expect([...(await valueOf(none.kept))]).toEqual([]);
    await expect(none.saveAnnotations([])).rejects.toBeInstanceOf(NotFoundError);
    await expect(none.applyRedactions([])).rejects.toBeInstanceOf(NotFoundError);
    await expect(none.uncoverFrame(0)).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toEqual({ apply: [], uncover: [] });
  });

  it('says a deleted or unknown screenshot is gone', async () => {
    const { store } = testStore();
    const shot = await captured(store);
    const controller = controllerFor(store, shot.id);
    expect(await valueOf(controller.screenshot)).not.toBeNull();
    await store.deleteStep(shot.touchpointId);
    expect(await valueOf(controller.screenshot, (s) => s === null)).toBeNull();
    await expect(controller.saveAnnotations([])).rejects.toBeInstanceOf(NotFoundError);

    const unknown = controllerFor(store, 'no-such-screenshot');
    expect(await valueOf(unknown.screenshot)).toBeNull();
    expect([...(await valueOf(unknown.kept))]).toEqual([]);
  });
});
