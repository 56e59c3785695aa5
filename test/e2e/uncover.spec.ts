/**
 * Embedded frames covered at capture: a real capture of lab/frames/hostile.html covers its
 * unreachable frame (Chromium's error page, which no extension can script). The editor lists and
 * outlines the covered frames, uncovers one only after a confirmation (recorded on the step),
 * never brings back pixels redacted by hand, and says when a frame's original pixels are gone
 * (after Recently deleted).
 */
import type { Page } from '@playwright/test';
import { expect, framesUrl, test, type DemoServer } from './fixtures';
import type { PanelPage } from './pages';
import { readTable } from './stored';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box shrunk by `by` px on every side. */
const inset = (b: Box, by: number): Box => ({
  x: b.x + by,
  y: b.y + by,
  width: b.width - 2 * by,
  height: b.height - 2 * by,
});

/** Black after lossy encoding: no channel brighter than this. */
const BLACK = 40;

test.use({
  identity: { name: 'Anna Petrova', email: 'anna.petrova@example.com', phone: '+7 916 123-45-67' },
});

/**
 * Captures hostile.html (step 1). Resolves with the screenshot's id, the unreachable frame's box
 * (image px: at DPR 1 and scroll 0 the viewport's CSS px) and its index in `coveredFrames` (the
 * entry whose box holds the frame's centre), and how many frames the capture covered.
 */
async function captureHostile(site: Page, panel: PanelPage, demo: DemoServer, demo2: DemoServer) {
  site.on('pageerror', () => undefined);
  await panel.createAudit('Frames audit', 'Lab', '');
  await panel.createJourney('Lab', '', 'own');
  await site.bringToFront();
  await site.goto(framesUrl(demo, demo2, 'hostile.html'));
  expect(await site.evaluate(() => [devicePixelRatio, scrollX, scrollY])).toEqual([1, 0, 0]);
  const frame = (await site.locator('iframe[title="Unreachable frame"]').boundingBox())!;
  await panel.button('Capture page').click();
  await expect(panel.page.getByRole('status')).toHaveText(
    /^Step 1 captured\..* could not be checked and (was|were) covered\./,
  );
  const [shot] = await readTable<{ id: string; coveredFrames: Box[] }>(panel.page, 'screenshots');
  const [cx, cy] = [frame.x + frame.width / 2, frame.y + frame.height / 2];
  const index = shot!.coveredFrames.findIndex(
    (f) => f.x <= cx && cx < f.x + f.width && f.y <= cy && cy < f.y + f.height,
  );
  expect(index, `the unreachable frame is listed: ${JSON.stringify(shot)}`).toBeGreaterThan(-1);
  return { id: shot!.id, frame, index, count: shot!.coveredFrames.length };
}

/**
 * The stored screenshot `id`, or null when it is not there (e.g. in Recently deleted): its
 * record, the indexes of its held-back originals (null: none kept), whether the background pass
 * is done (real thumbnail) and the brightest channel in each region (image px).
 */
async function readShot(page: Page, id: string, regions: Box[] = []) {
  return page.evaluate(
    async ({ id, regions }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('touchpoint-audit');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(['screenshots', 'images', 'heldBack']);
      const get = <T>(store: string) =>
        new Promise<T | undefined>((resolve, reject) => {
          const r = tx.objectStore(store).get(id);
          r.onsuccess = () => resolve(r.result as T | undefined);
          r.onerror = () => reject(r.error);
        });
      const [shot, image, held] = await Promise.all([
        get<{
          sha256: string;
          redacted: boolean;
          thumbnail: Blob;
          coveredFrames: { uncoveredAt: number | null }[];
        }>('screenshots'),
        get<{ blob: Blob }>('images'),
        get<{ areas: { index: number }[] }>('heldBack'),
      ]);
      db.close();
      if (!shot || !image) return null;
      const digest = await crypto.subtle.digest('SHA-256', await image.blob.arrayBuffer());
      const bitmap = await createImageBitmap(image.blob);
      const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const brightest = regions.map((r) => {
        const pixels = context.getImageData(r.x, r.y, r.width, r.height).data;
        let max = 0;
        for (let i = 0; i < pixels.length; i += 4)
          max = Math.max(max, pixels[i]!, pixels[i + 1]!, pixels[i + 2]!);
        return max;
      });
      return {
        sha256: shot.sha256,
        actualSha256: Array.from(new Uint8Array(digest), (b) =>
          b.toString(16).padStart(2, '0'),
        ).join(''),
        redacted: shot.redacted,
        settled: shot.thumbnail.size < image.blob.size,
        uncoveredAt: shot.coveredFrames.map((f) => f.uncoveredAt),
        held: held ? held.areas.map((a) => a.index).sort((a, b) => a - b) : null,
        brightest,
      };
    },
    { id, regions },
  );
}

/** Drags across the drawing area over `area`, given in IMAGE pixels. */
async function dragInImage(editor: Page, area: Box) {
  const size = await editor
    .getByRole('img', { name: /^Screenshot to annotate/ })
    .evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  const canvas = editor.getByRole('group', { name: 'Drawing area over the screenshot' });
  const box = (await canvas.boundingBox())!;
  const at = (x: number, y: number) =>
    [box.x + (x * box.width) / size.width, box.y + (y * box.height) / size.height] as const;
  await editor.mouse.move(...at(area.x, area.y));
  await editor.mouse.down();
  await editor.mouse.move(...at(area.x + area.width / 2, area.y + area.height / 2), { steps: 4 });
  await editor.mouse.move(...at(area.x + area.width, area.y + area.height), { steps: 4 });
  await editor.mouse.up();
}

test('uncover an embedded frame covered at capture, by an explicit and recorded choice', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  test.setTimeout(120_000);
  const { id, frame, index, count } = await captureHostile(site, panel, demo, demo2);
  const n = index + 1;
  const all = Array.from({ length: count }, (_, i) => i);
  const inside = inset(frame, 4);
  // The background pass (real thumbnail, maybe WebP) is done before bytes are compared.
  await expect.poll(async () => (await readShot(panel.page, id))?.settled).toBe(true);
  const captured = (await readShot(panel.page, id, [inside]))!;
  expect(captured.brightest[0], 'the unreachable frame is covered').toBeLessThanOrEqual(BLACK);
  expect(captured.uncoveredAt).toEqual(all.map(() => null));
  expect(captured.held).toEqual(all);
  expect(captured.redacted).toBe(true);
  expect(captured.actualSha256).toBe(captured.sha256);
  await expect(panel.step(1).getByText(`Frames covered: ${count}`)).toBeVisible();

  // Every covered frame is listed with the choice to uncover it, and outlined with its number.
  const editor = await panel.openAnnotator(1);
  const list = editor.getByRole('region', { name: 'Embedded frames covered at capture' });
  await expect(list).toContainText(
    `Frame ${n} could not be checked for personal data and was covered.`,
  );
  for (const i of all) {
    await expect(
      list.getByRole('button', { name: `Uncover frame ${i + 1}…`, exact: true }),
    ).toBeVisible();
  }
  const outlines = editor.locator('svg.annotator-svg .frame-outlines > g');
  await expect(outlines).toHaveCount(count);
  await expect(outlines.locator('text')).toHaveText(all.map((i) => String(i + 1)));
  const uncoverButton = list.getByRole('button', { name: `Uncover frame ${n}…`, exact: true });

  // Cancel changes nothing.
  await uncoverButton.click();
  const confirm = editor.getByRole('alertdialog', { name: `Uncover frame ${n}?` });
  await expect(confirm).toContainText('personal data');
  await expect(confirm).toContainText('recorded on the step');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(uncoverButton).toBeVisible();
  expect(await readShot(editor, id, [inside])).toEqual(captured);

  // A redaction applied by hand over the left part of the frame is burnt into its original too.
  const byHand = { x: frame.x, y: frame.y, width: 96, height: frame.height };
  const tools = editor.getByRole('toolbar', { name: 'Tools' });
  await tools.getByRole('button', { name: 'Redact' }).click();
  await dragInImage(editor, byHand);
  await editor.getByRole('button', { name: 'Apply redactions (1)' }).click();
  await editor
    .getByRole('alertdialog', { name: 'Burn the redactions into the image?' })
    .getByRole('button', { name: 'Burn in and replace the image' })
    .click();
  await expect(editor.getByRole('status')).toContainText('Redactions applied');
  const burnt = (await readShot(editor, id, [inside]))!;
  expect(burnt.sha256).not.toBe(captured.sha256);
  expect(burnt.held).toEqual(all);
  expect(burnt.brightest[0]).toBeLessThanOrEqual(BLACK);

  // Confirmed: the frame shows Chromium's error page again, except where it was redacted by
  // hand; the choice is recorded and its original deleted.
  await uncoverButton.click();
  await confirm.getByRole('button', { name: 'Uncover the frame' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(editor.getByRole('status')).toContainText(`Frame ${n} uncovered on`);
  await expect(list).toContainText(new RegExp(`Frame ${n} uncovered on .+\\.`));
  await expect(uncoverButton).toHaveCount(0);
  await expect(outlines).toHaveCount(count - 1);
  // The hand-drawn box grows to whole 16-px blocks: the rest starts a block and more further on.
  const redactedPart = inset(byHand, 4);
  const rest = { ...inside, x: frame.x + 128, width: frame.x + frame.width - 4 - (frame.x + 128) };
  const uncovered = (await readShot(editor, id, [redactedPart, rest]))!;
  expect(uncovered.brightest[0], 'the part redacted by hand stays black').toBeLessThanOrEqual(
    BLACK,
  );
  expect(uncovered.brightest[1], 'the rest of the frame shows its page').toBeGreaterThan(100);
  expect(uncovered.uncoveredAt[index]).toEqual(expect.any(Number));
  expect(uncovered.uncoveredAt.filter((at) => at !== null)).toHaveLength(1);
  const others = all.filter((i) => i !== index);
  expect(uncovered.held).toEqual(others.length ? others : null);
  expect(uncovered.redacted).toBe(true);
  expect(uncovered.actualSha256).toBe(uncovered.sha256);

  // Reopened later, the choice is listed with its date; the other frames can still be uncovered.
  await editor.reload();
  await expect(list).toContainText(new RegExp(`Frame ${n} was uncovered on .+\\.`));
  await expect(list.getByRole('button', { name: /^Uncover frame/ })).toHaveCount(count - 1);
  await expect(uncoverButton).toHaveCount(0);
  await expect(outlines).toHaveCount(count - 1);
  await editor.close();
});

test('a screenshot restored from Recently deleted stays covered: its originals are gone', async ({
  site,
  panel,
  demo,
  demo2,
}) => {
  test.setTimeout(120_000);
  const { id, frame, index, count } = await captureHostile(site, panel, demo, demo2);
  const n = index + 1;
  const inside = inset(frame, 4);

  await panel.step(1).getByRole('button', { name: 'Delete step 1' }).click();
  await expect(panel.steps()).toHaveCount(0);
  expect(await readShot(panel.page, id)).toBeNull();
  expect(await readTable(panel.page, 'heldBack')).toEqual([]);
  await panel.button('Undo').click();
  await expect(panel.steps()).toHaveCount(1);
  const back = (await readShot(panel.page, id, [inside]))!;
  expect(back.uncoveredAt).toEqual(Array.from({ length: count }, () => null));
  expect(back.held).toBeNull();
  expect(back.brightest[0], 'the unreachable frame is still covered').toBeLessThanOrEqual(BLACK);

  const editor = await panel.openAnnotator(1);
  const list = editor.getByRole('region', { name: 'Embedded frames covered at capture' });
  await expect(list).toContainText(
    `Frame ${n} stays covered: its original pixels are no longer kept.`,
  );
  await expect(list.getByRole('button')).toHaveCount(0);
});
