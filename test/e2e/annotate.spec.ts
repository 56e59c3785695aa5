/** Annotate and redact a captured screenshot; the report and the export show both, with evidence. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const HOSTILE = '<img src=x onerror=alert(1)>';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Drags across the drawing area between two points given in IMAGE pixels. */
async function dragInImage(
  page: Page,
  canvas: Locator,
  size: { width: number; height: number },
  from: [number, number],
  to: [number, number],
) {
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: [number, number]) =>
    [box.x + (x * box.width) / size.width, box.y + (y * box.height) / size.height] as const;
  await page.mouse.move(...at(from));
  await page.mouse.down();
  await page.mouse.move(...at([(from[0] + to[0]) / 2, (from[1] + to[1]) / 2]), { steps: 4 });
  await page.mouse.move(...at(to), { steps: 4 });
  await page.mouse.up();
}

async function clickInImage(
  page: Page,
  canvas: Locator,
  size: { width: number; height: number },
  point: [number, number],
) {
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(
    box.x + (point[0] * box.width) / size.width,
    box.y + (point[1] * box.height) / size.height,
  );
}

/**
 * Reads one screenshot's record and stored bytes straight from IndexedDB (in an extension page):
 * its hash as recorded, the SHA-256 recomputed from the blob, and the brightest channel value
 * inside `region` of the decoded image.
 */
function readStoredImage(page: Page, id: string, region: Box) {
  return page.evaluate(
    async ({ id, region }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('touchpoint-audit');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction(['screenshots', 'images']);
      const get = <T>(store: string, key: IDBValidKey) =>
        new Promise<T>((resolve, reject) => {
          const request = tx.objectStore(store).get(key);
          request.onsuccess = () => resolve(request.result as T);
          request.onerror = () => reject(request.error);
        });
      const count = (store: string) =>
        new Promise<number>((resolve, reject) => {
          const request = tx.objectStore(store).count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const shot = await get<{
        sha256: string;
        bytes: number;
        redacted: boolean;
        width: number;
        height: number;
        annotations: unknown[];
      }>('screenshots', id);
      const image = await get<{ id: string; blob: Blob }>('images', id);
      const images = await count('images');
      db.close();
      const digest = await crypto.subtle.digest('SHA-256', await image.blob.arrayBuffer());
      const recomputed = Array.from(new Uint8Array(digest), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
      const bitmap = await createImageBitmap(image.blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(region.x, region.y, region.width, region.height).data;
      let brightest = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        brightest = Math.max(brightest, pixels[i]!, pixels[i + 1]!, pixels[i + 2]!);
      }
      return {
        sha256: shot.sha256,
        recomputed,
        bytes: shot.bytes,
        blobSize: image.blob.size,
        redacted: shot.redacted,
        width: shot.width,
        height: shot.height,
        annotations: shot.annotations,
        images,
        brightest,
      };
    },
    { id, region },
  );
}

/** The overlay lies exactly over its image (same box on screen), so marks land where drawn. */
async function expectOverlayOnImage(frame: Locator) {
  // The page shows an <img>; the exported file an <svg> that uses the image embedded once.
  const image = (await frame.locator('img, svg.shot-img').first().boundingBox())!;
  const overlay = (await frame.locator('svg.annotations').boundingBox())!;
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(overlay[key] - image[key]), key).toBeLessThanOrEqual(1);
  }
}

test('annotate a screenshot, see it in the report and the export, then burn in a redaction', async ({
  profile,
  site,
  panel,
  dialogs,
  demo,
}) => {
  test.setTimeout(120_000);
  await panel.createAudit('Annotated audit', 'Brightline', 'see plans');
  await panel.createJourney('Brightline Internet', 'brightline.test', 'own');
  await site.bringToFront();
  await site.goto(demo.url('/brightline/'));
  await panel.capture(1);

  // The step's details offer the editor for each of its screenshots.
  const editor = await panel.openAnnotator(1);
  const screenshotId = new URL(editor.url()).searchParams.get('screenshot')!;
  expect(screenshotId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(editor.getByRole('heading', { name: 'Annotate and redact' })).toBeVisible();
  const canvas = editor.getByRole('group', { name: 'Drawing area over the screenshot' });
  await expect(canvas).toBeVisible();
  const size = await editor
    .getByRole('img', { name: /^Screenshot to annotate/ })
    .evaluate((img: HTMLImageElement) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  expect(size.width).toBeGreaterThan(600);

  // Toolbar: pressed state follows the chosen tool; keyboard moves between the tools.
  const tools = editor.getByRole('toolbar', { name: 'Tools' });
  await expect(tools.getByRole('button', { name: 'Box' })).toHaveAttribute('aria-pressed', 'true');
  await tools.getByRole('button', { name: 'Box' }).focus();
  await editor.keyboard.press('ArrowRight');
  await expect(tools.getByRole('button', { name: 'Arrow' })).toBeFocused();
  await editor.keyboard.press('Enter');
  await expect(tools.getByRole('button', { name: 'Arrow' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // A box, an arrow and a hostile text note.
  await tools.getByRole('button', { name: 'Box' }).click();
  await editor.getByRole('button', { name: 'Blue', exact: true }).click();
  await dragInImage(editor, canvas, size, [100, 100], [400, 250]);
  await tools.getByRole('button', { name: 'Arrow' }).click();
  await editor.getByRole('button', { name: 'Red', exact: true }).click();
  await dragInImage(editor, canvas, size, [600, 400], [420, 260]);
  await tools.getByRole('button', { name: 'Text' }).click();
  await clickInImage(editor, canvas, size, [120, 480]);
  await editor.getByLabel('Text of the note').fill(HOSTILE);
  await editor.getByLabel('Text of the note').press('Enter');
  // A fourth mark, removed again with the Delete key.
  await tools.getByRole('button', { name: 'Box' }).click();
  await dragInImage(editor, canvas, size, [700, 500], [760, 560]);
  await expect(editor.getByRole('button', { name: 'Box 4' })).toBeVisible();
  await editor.keyboard.press('Delete');
  await expect(editor.getByRole('button', { name: 'Box 4' })).toHaveCount(0);
  await expect(editor.getByText('Unsaved changes')).toBeVisible();
  await editor.getByRole('button', { name: 'Save annotations' }).click();
  await expect(editor.getByRole('status')).toHaveText('Annotations saved.');
  await expect(editor.getByText('Unsaved changes')).toHaveCount(0);

  const stored = await readStoredImage(editor, screenshotId, { x: 0, y: 0, width: 1, height: 1 });
  expect(stored.annotations).toHaveLength(3);
  const [box, arrow, note] = stored.annotations as Record<string, number | string>[];
  expect(box).toMatchObject({ kind: 'box', color: 'blue' });
  for (const [key, value] of Object.entries({ x: 100, y: 100, width: 300, height: 150 }))
    expect(Math.abs((box![key] as number) - value), `box.${key}`).toBeLessThanOrEqual(2);
  expect(arrow).toMatchObject({ kind: 'arrow', color: 'red' });
  for (const [key, value] of Object.entries({ x1: 600, y1: 400, x2: 420, y2: 260 }))
    expect(Math.abs((arrow![key] as number) - value), `arrow.${key}`).toBeLessThanOrEqual(2);
  expect(note).toMatchObject({ kind: 'text', text: HOSTILE, color: 'red' });

  // Reopened later, the marks are there and still editable.
  await editor.reload();
  await expect(editor.getByRole('button', { name: 'Box 1' })).toBeVisible();
  await expect(editor.getByRole('button', { name: 'Arrow 2' })).toBeVisible();
  await expect(editor.getByRole('button', { name: `Note 3: ${HOSTILE}` })).toBeVisible();
  await expect(canvas.locator('[data-kind="box"]')).toHaveCount(1);
  await expect(canvas.locator('[data-kind="arrow"]')).toHaveCount(1);
  await expect(canvas.locator('text')).toHaveText(HOSTILE);
  await expect(editor.locator('img[src="x"]')).toHaveCount(0);

  // The report draws the marks over the image; the note stays text.
  const report = await profile.open('report.html');
  const fullShot = report.locator('.sequence .shot-frame').first();
  await expect(fullShot.locator('svg.annotations rect')).toHaveCount(1);
  await expect(fullShot.locator('svg.annotations line')).toHaveCount(1);
  await expect(fullShot.locator('svg.annotations polygon')).toHaveCount(1);
  await expect(fullShot.locator('svg.annotations text')).toHaveText(HOSTILE);
  // Images load lazily: bring the step into view first.
  await fullShot.scrollIntoViewIfNeeded();
  await expect(fullShot.locator('img')).toHaveJSProperty('complete', true);
  await expectOverlayOnImage(fullShot);
  await expect(report.locator('.compare svg.annotations')).toHaveCount(1);
  await expect(report.locator('img[src="x"]')).toHaveCount(0);
  await expect(report.locator('.sequence .flag-redacted')).toHaveCount(0);
  const evidenceRow = report.locator(`.evidence-table tr[data-screenshot="${screenshotId}"]`);
  await expect(evidenceRow).toContainText(stored.sha256);
  await expect(evidenceRow).toContainText(`${stored.bytes} bytes`);
  await expect(evidenceRow).toContainText(demo.url('/brightline/'));

  // The exported file: the same overlay, text as text, every listed hash matching its image.
  const [download] = await Promise.all([
    report.waitForEvent('download'),
    report.getByRole('button', { name: 'Export HTML' }).click(),
  ]);
  const htmlPath = test.info().outputPath('annotated.html');
  await download.saveAs(htmlPath);
  const html = await readFile(htmlPath, 'utf8');
  expect(html).not.toContain(HOSTILE);
  expect(html).toMatch(/<tspan x="\d+" y="\d+">&lt;img src=x onerror=alert\(1\)><\/tspan>/);
  expect(html).not.toMatch(/ style="/);
  // No script but the manifest's two JSON data blocks (never run).
  expect(
    html.replace(/<script type="application\/json" id="tpa-(manifest|seal)">/g, ''),
  ).not.toMatch(/<script/i);
  // The sequence's image refers to the one embedded copy of the stored image.
  const used =
    /<figure class="shot"><div class="shot-frame"><svg class="shot-img"[^>]*><use href="#([^"]+)"/.exec(
      html.slice(html.indexOf('<section class="sequence"')),
    );
  const fullImage = new RegExp(`<image id="${used?.[1]}" href="data:([^;]+);base64,([^"]+)"`).exec(
    html,
  );
  expect(fullImage?.[1]).toMatch(/^image\/(jpeg|webp|png)$/);
  const decodedSha = createHash('sha256')
    .update(Buffer.from(fullImage![2]!, 'base64'))
    .digest('hex');
  expect(decodedSha).toBe(stored.sha256);
  expect(html).toContain(`<code class="sha">${decodedSha}</code>`);
  const viewer = await profile.context.newPage();
  await viewer.goto(`file://${htmlPath}`);
  const exported = viewer.locator('.sequence .shot-frame').first();
  await expect(exported.locator('svg.annotations text')).toHaveText(HOSTILE);
  await expect(exported.locator('svg.annotations rect')).toHaveCount(1);
  await expectOverlayOnImage(exported);
  await expect(viewer.locator('img[src="x"]')).toHaveCount(0);
  await viewer.close();

  // Redaction: pending until applied, with a confirmation that says it cannot be undone.
  const region = { x: 160, y: 120, width: 320, height: 160 };
  const before = await readStoredImage(editor, screenshotId, region);
  expect(before.brightest, 'the region shows page content before redaction').toBeGreaterThan(100);
  expect(before.redacted).toBe(false);
  await editor.bringToFront();
  await tools.getByRole('button', { name: 'Redact' }).click();
  await dragInImage(
    editor,
    canvas,
    size,
    [region.x, region.y],
    [region.x + region.width, region.y + region.height],
  );
  await expect(editor.getByRole('button', { name: 'Redaction area 1' })).toBeVisible();
  await editor.getByRole('button', { name: 'Apply redactions (1)' }).click();
  const confirm = editor.getByRole('alertdialog', { name: 'Burn the redactions into the image?' });
  await expect(confirm).toContainText('cannot be undone');
  await expect(confirm).toContainText('not kept');
  await confirm.getByRole('button', { name: 'Burn in and replace the image' }).click();
  await expect(editor.getByRole('status')).toContainText('Redactions applied');
  await expect(confirm).toHaveCount(0);
  await expect(editor.getByRole('button', { name: 'Redaction area 1' })).toHaveCount(0);
  await expect(editor.locator('.annotate-head')).toContainText('Redacted');

  const after = await readStoredImage(editor, screenshotId, region);
  expect(after.brightest, 'every pixel of the redacted region is black').toBeLessThanOrEqual(16);
  expect(after.recomputed).toBe(after.sha256);
  expect(after.sha256).not.toBe(before.sha256);
  expect(after.bytes).toBe(after.blobSize);
  expect(after.redacted).toBe(true);
  expect([after.width, after.height]).toEqual([before.width, before.height]);
  expect(after.annotations).toEqual(stored.annotations);
  // The new bytes replaced the old ones under the same id: no second copy is kept.
  expect(after.images).toBe(before.images);
  await expect(editor.getByRole('status')).toContainText(after.sha256);

  // The report marks the step and the image redacted and lists the new hash.
  await report.reload();
  await expect(report.locator('.sequence .step-head .flag-redacted')).toHaveText('Redacted');
  await expect(report.locator('.sequence figcaption .flag-redacted')).toHaveText('Redacted');
  await expect(evidenceRow).toContainText(after.sha256);
  await expect(evidenceRow).toContainText('Redacted');
  await expect(report.locator('.sequence svg.annotations text')).toHaveText(HOSTILE);
  // So does the side panel.
  await expect(panel.step(1).locator('.redacted-flag')).toHaveText('Redacted');
  expect(dialogs).toEqual([]);
});
