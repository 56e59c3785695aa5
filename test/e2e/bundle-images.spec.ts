/**
 * Bundle import checks every image whole in the real extension: a PNG whose pixel data is cut off
 * (every hash, size and CRC consistent), a WebP cut so that only the browser's decoder notices,
 * and a 20,000 × 20,000 px PNG bomb of a few KB are each refused whole with a message naming the
 * file, and nothing is stored; the same audit with whole images imports.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { bundleBytes, generatedAudit, renderImages } from '../fixtures/generated-audit';
import { checkImageStructure } from '../../lib/bundle/images';
import type { DataSet } from '../../lib/model';
import { imageInfo } from '../../lib/model/image-info';
import { PNG_SIGNATURE, pngChunk, wholePng } from '../unit/bundle-fixtures';
import { expect, test } from './fixtures';
import { DataPage } from './pages';
import { readProfile, unchangedByImport } from './stored';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A real PNG with content, drawn and encoded by the browser. */
async function renderPng(page: Page): Promise<Uint8Array<ArrayBuffer>> {
  const base64 = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(640, 400);
    const g = canvas.getContext('2d')!;
    for (let y = 0; y < 400; y += 4) {
      g.fillStyle = `hsl(${y} 50% 50%)`;
      g.fillRect(0, y, 640, 4);
    }
    g.fillStyle = '#fff';
    g.font = 'bold 28px sans-serif';
    g.fillText('Tariffs', 24, 42);
    const bytes = new Uint8Array(await (await canvas.convertToBlob()).arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000)
      text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(text);
  });
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** The PNG with its pixel data (IDAT) cut to 60 %, every CRC made correct, IEND after it. */
function cutPng(png: Uint8Array): Uint8Array<ArrayBuffer> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Uint8Array[] = [];
  const idat: number[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IDAT') idat.push(...data);
    else if (type !== 'IEND') chunks.push(pngChunk(type, data));
    at += 12 + length;
  }
  const cut = new Uint8Array(idat.slice(0, Math.floor(idat.length * 0.6)));
  return new Uint8Array(
    Buffer.concat([
      new Uint8Array(PNG_SIGNATURE),
      ...chunks,
      pngChunk('IDAT', cut),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/**
 * A lossy WebP cut inside its second partition, its RIFF and chunk sizes made to match: the file
 * is structurally whole, only a decoder finds the picture data missing.
 */
function cutWebp(webp: Uint8Array): Uint8Array<ArrayBuffer> | null {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength);
  for (let at = 12; at + 8 <= webp.length; ) {
    const type = String.fromCharCode(...webp.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const data = at + 8;
    if (type === 'VP8 ') {
      const partition = (webp[data]! | (webp[data + 1]! << 8) | (webp[data + 2]! << 16)) >>> 5;
      const keep = 10 + partition + Math.floor((size - 10 - partition) / 3);
      if (keep >= size) return null;
      const out = new Uint8Array(webp.subarray(0, data + keep + (keep & 1)));
      const outView = new DataView(out.buffer);
      outView.setUint32(4, out.length - 8, true);
      outView.setUint32(at + 4, keep, true);
      return out;
    }
    at = data + size + (size & 1);
  }
  return null;
}

/** The audit with screenshot `index`'s image replaced by `bytes` (its record made to match). */
function withImage(
  data: DataSet,
  index: number,
  bytes: Uint8Array,
  size: { width: number; height: number },
): DataSet {
  const shot = data.screenshots[index]!;
  return {
    ...data,
    screenshots: data.screenshots.map((s, i) =>
      i === index
        ? { ...s, mime: 'image/png', sha256: sha256(bytes), bytes: bytes.length, ...size }
        : s,
    ),
    images: data.images.map((image) =>
      image.id === shot.id
        ? { id: shot.id, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }) }
        : image,
    ),
  };
}

test('an import with a cut-off or oversized image is refused whole, naming the file; whole images import', async ({
  context,
  extensionId,
}) => {
  test.setTimeout(120_000);
  const data = await DataPage.open(context, extensionId);
  const images = await renderImages(data.page, 3);
  const audit = generatedAudit(images, { name: 'Images checked' });
  const png = await renderPng(data.page);
  const good = withImage(audit, 1, png, { width: 640, height: 400 });
  const before = await readProfile(data.page);

  const refused = async (name: string, set: DataSet, mentions: RegExp) => {
    const path = test.info().outputPath(name);
    await writeFile(path, await bundleBytes(set));
    await data.chooseBundle(path, 30_000);
    const alert = data.page.getByRole('alert');
    await expect(alert).toContainText(`${name} was not imported and nothing changed`);
    await expect(alert).toContainText(mentions);
    await expect(data.preview()).toHaveCount(0);
    expect(await readProfile(data.page)).toMatchObject(unchangedByImport(before));
    return (await alert.textContent()) ?? '';
  };

  // The tester's case: pixel data cut off, every hash, size and CRC consistent.
  const cut = cutPng(png);
  const cutText = await refused(
    'cut-png.tpa.zip',
    withImage(audit, 1, cut, { width: 640, height: 400 }),
    /cut short or damaged/,
  );
  expect(cutText).toContain(`images/${sha256(cut)}.png`);

  // A thumbnail only the browser's decoder finds broken (its structure is whole).
  const thumbnail = new Uint8Array(images[2]!.thumbnail);
  const broken = cutWebp(thumbnail);
  expect(broken, 'the thumbnails are lossy WebP').not.toBeNull();
  // Whole to the reader's own walk: only the browser's decode (the page's decodeImage) refuses it.
  await expect(
    checkImageStructure('thumbnail.webp', broken!, imageInfo(broken!)!),
  ).resolves.toBeUndefined();
  const withBrokenThumb: DataSet = {
    ...good,
    screenshots: good.screenshots.map((s, i) =>
      i === 2 ? { ...s, thumbnail: new Blob([broken!], { type: 'image/webp' }) } : s,
    ),
  };
  const thumbText = await refused('cut-thumbnail.tpa.zip', withBrokenThumb, /cut short or damaged/);
  expect(thumbText).toContain(`images/${sha256(broken!)}.webp`);

  // A valid 20,000 × 20,000 px PNG of a few KB.
  const bomb = wholePng(20_000, 20_000, {
    colour: 0,
    depth: 1,
    deflate: (raw) => new Uint8Array(deflateSync(raw, { level: 9 })),
  });
  expect(bomb.length).toBeLessThan(100_000);
  const bombText = await refused(
    'bomb.tpa.zip',
    withImage(audit, 0, bomb, { width: 20_000, height: 20_000 }),
    /larger than Touchpoint Audit ever stores/,
  );
  expect(bombText).toContain(`images/${sha256(bomb)}.png`);
  expect(bombText).toMatch(/20\D?000 × 20\D?000 px/);
  await data.page.screenshot({ path: test.info().outputPath('refused.png') });

  // The same audit with whole images imports, every image stored.
  const goodPath = test.info().outputPath('good.tpa.zip');
  await writeFile(goodPath, await bundleBytes(good));
  await data.page.getByLabel('Choose a bundle file…').setInputFiles(goodPath);
  await expect(data.preview()).toBeVisible({ timeout: 30_000 });
  await data.preview().getByRole('button', { name: 'Import' }).click();
  await expect(data.page.getByRole('status')).toContainText('imported', { timeout: 30_000 });
  const after = await readProfile(data.page);
  expect(after.mismatched).toEqual([]);
  expect(after.counts).toMatchObject({ touchpoints: 3, screenshots: 3, images: 3 });
});
