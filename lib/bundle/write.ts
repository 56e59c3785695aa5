/** Writes a bundle as a stream: one image in memory at a time, output folded into Blobs. */
import { deflateSync, Zip, ZipPassThrough } from 'fflate';
import { z } from 'zod';
import {
  ActionItem,
  Audit,
  Journey,
  Screenshot,
  Tombstone,
  Touchpoint,
  type DataSet,
  type ImageMime,
} from '../model';
import { imageInfo, type ImageInfo } from '../model/image-info';
import { byId, checkGraph, firstIssue, sha256Hex } from './check';
import { BundleError } from './errors';
import {
  BUNDLE_FORMAT,
  BUNDLE_GENERATOR,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  BundleIncludes,
  BundleScope,
  imagePath,
  MANIFEST_PATH,
  RECORDS_PATH,
  type BundleScreenshot,
  type Manifest,
  type ManifestFile,
  type RecordsFile,
} from './format';

export interface WriteBundleOptions {
  scope: BundleScope;
  includes: BundleIncludes;
  /** The export time (epoch ms): written to manifest.json only. */
  now: number;
  /** Called after each file is added: files done, files in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Output is folded into one Blob part every so often, so the JS heap holds at most this much. */
const FOLD_BYTES = 8 * 1024 * 1024;
/** Without zip64 no offset may pass 4 GiB; keep a margin for the central directory. */
const MAX_ZIP_BYTES = 0xffffffff - 16 * 1024 * 1024;
const MAX_ENTRIES = 0xfffe;

/** A zip entry whose deflated bytes were computed beforehand (to decide between deflate and store). */
class PreDeflated extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly deflated: Uint8Array<ArrayBuffer>,
  ) {
    super(filename);
    this.compression = 8;
  }
  protected override process(_chunk: Uint8Array, final: boolean): void {
    if (final) this.ondata(null, this.deflated, true);
  }
}

/** DOS time in a zip runs from 1980 to 2107 (fflate: 2099); clamp so any `now` writes. */
function zipTime(now: number): number {
  return Math.min(Math.max(now, Date.UTC(1980, 0, 2)), Date.UTC(2099, 11, 30));
}

/** Sorts a table by id and validates every record with its schema (output in canonical key order). */
function validTable<T extends z.ZodType>(
  schema: T,
  table: string,
  records: readonly { id: string }[],
): z.output<T>[] {
  const sorted = byId(records);
  const parsed = z.array(schema).safeParse(sorted);
  if (!parsed.success) {
    const issue = firstIssue(parsed.error, [table]);
    const index = parsed.error.issues[0]?.path[0];
    const id = typeof index === 'number' ? sorted[index]?.id : undefined;
    throw new BundleError(
      'invalid-records',
      `Cannot export: ${issue.message}${id ? ` (record ${id})` : ''}. The stored record is invalid.`,
      { field: issue.field, params: id ? { id } : {} },
    );
  }
  return parsed.data;
}

function validOption<T extends z.ZodType>(schema: T, name: string, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error, [name]);
  throw new BundleError('invalid-records', `Cannot export: ${issue.message}.`, {
    field: issue.field,
  });
}

function fail(
  code: 'hash-mismatch' | 'not-an-image' | 'too-large',
  field: string,
  id: string,
  what: string,
): never {
  throw new BundleError(code, `Cannot export: ${field} (screenshot ${id}): ${what}.`, {
    field,
    params: { id },
  });
}

/**
 * Writes `data` as a bundle zip (format in ./format.ts). Every record is validated with its schema
 * and the records checked against each other and their images (hash, size, type, pixel size), so
 * what is written always reads back; anything wrong throws a BundleError naming the record.
 * records.json depends only on `data` and the options' scope and includes: the same data writes
 * the same bytes. Reads one image at a time and keeps at most ~8 MB of output on the JS heap.
 */
export async function writeBundle(data: DataSet, options: WriteBundleOptions): Promise<Blob> {
  const limits = BUNDLE_LIMITS;
  // Only the format's fields are taken (callers may pass wider objects); audit ids sorted for stable bytes.
  const given = options.scope;
  const scope = validOption(
    BundleScope,
    'scope',
    given.kind === 'audits'
      ? { kind: given.kind, auditIds: [...given.auditIds].sort() }
      : { kind: given.kind },
  );
  const { identity, userAgent, fileNames } = options.includes;
  const includes = validOption(BundleIncludes, 'includes', { identity, userAgent, fileNames });
  const audits = validTable(Audit, 'audits', data.audits);
  const journeys = validTable(Journey, 'journeys', data.journeys);
  const touchpoints = validTable(Touchpoint, 'touchpoints', data.touchpoints);
  const screenshots = validTable(Screenshot, 'screenshots', data.screenshots);
  const actionItems = validTable(ActionItem, 'actionItems', data.actionItems);
  const deletions = validTable(Tombstone, 'deletions', data.deletions);
  checkGraph({ audits, journeys, touchpoints, screenshots, actionItems, deletions }, null);

  const images = new Map<string, Blob>();
  const screenshotIds = new Set(screenshots.map((s) => s.id));
  data.images.forEach((image, i) => {
    const field = `images[${i}].id`;
    if (images.has(image.id)) {
      throw new BundleError('duplicate-id', `Cannot export: ${field}: image ${image.id} twice.`, {
        field,
        params: { id: image.id },
      });
    }
    if (!screenshotIds.has(image.id)) {
      throw new BundleError(
        'dangling-reference',
        `Cannot export: ${field}: image ${image.id} belongs to no screenshot in the export.`,
        { field, params: { id: image.id } },
      );
    }
    images.set(image.id, image.blob);
  });

  // The zip stream: output chunks collected, folded into a Blob part every FOLD_BYTES.
  const parts: Blob[] = [];
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let written = 0;
  let zipError: Error | null = null;
  const fold = () => {
    if (pending.length) parts.push(new Blob(pending as BlobPart[]));
    pending = [];
    pendingBytes = 0;
  };
  const zip = new Zip((error, chunk) => {
    if (error) {
      zipError ??= error;
      return;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    written += chunk.length;
    if (pendingBytes >= FOLD_BYTES) fold();
  });
  const mtime = zipTime(options.now);
  const files = new Map<string, ManifestFile & { info: ImageInfo | null }>();
  const total = screenshots.length * 2 + 2;
  let done = 0;
  const add = (entry: ZipPassThrough, bytes: Uint8Array) => {
    if (files.size >= MAX_ENTRIES || written + bytes.length > MAX_ZIP_BYTES) {
      throw new BundleError(
        'too-large',
        `Cannot export: the bundle would pass 4 GiB or ${MAX_ENTRIES} files; export fewer audits at once.`,
        { path: entry.filename },
      );
    }
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(bytes, true);
    if (zipError) throw zipError;
  };
  const addImage = (path: string, bytes: Uint8Array, sha256: string, info: ImageInfo) => {
    add(new ZipPassThrough(path), bytes);
    files.set(path, { path, sha256, bytes: bytes.length, info });
  };

  const bundleScreenshots: BundleScreenshot[] = [];
  for (const [index, screenshot] of screenshots.entries()) {
    const field = `screenshots[${index}]`;
    const { id } = screenshot;
    const blob = images.get(id);
    if (!blob) {
      throw new BundleError(
        'missing-image',
        `Cannot export: ${field} (screenshot ${id}) has no image.`,
        { field, params: { id } },
      );
    }
    const path = imagePath(screenshot.sha256, screenshot.mime);
    if (blob.size !== screenshot.bytes) {
      fail(
        'hash-mismatch',
        `${field}.bytes`,
        id,
        `the image has ${blob.size} bytes, the record says ${screenshot.bytes}`,
      );
    }
    if (blob.size > limits.imageBytes) {
      fail('too-large', field, id, `the image has ${blob.size} bytes, above ${limits.imageBytes}`);
    }
    let info = files.get(path)?.info ?? null;
    // An image already written under this hash was verified then; another copy adds nothing.
    if (!info) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const sha256 = await sha256Hex(bytes);
      if (sha256 !== screenshot.sha256) {
        fail(
          'hash-mismatch',
          `${field}.sha256`,
          id,
          `the image's SHA-256 is ${sha256}, the record says ${screenshot.sha256}`,
        );
      }
      info = imageInfo(bytes);
      if (!info) fail('not-an-image', `${field}.mime`, id, 'the image is not a PNG, JPEG or WebP');
      if (info.mime !== screenshot.mime) {
        fail(
          'not-an-image',
          `${field}.mime`,
          id,
          `the image is ${info.mime}, the record says ${screenshot.mime}`,
        );
      }
      addImage(path, bytes, sha256, info);
    }
    if (info.width !== screenshot.width || info.height !== screenshot.height) {
      fail(
        'not-an-image',
        `${field}.width`,
        id,
        `the image is ${info.width}×${info.height}, the record says ${screenshot.width}×${screenshot.height}`,
      );
    }
    options.onProgress?.(++done, total);

    const thumbnailBytes = new Uint8Array(await screenshot.thumbnail.arrayBuffer());
    const thumbnailSha256 = await sha256Hex(thumbnailBytes);
    const thumbnailInfo = imageInfo(thumbnailBytes);
    if (!thumbnailInfo) {
      fail('not-an-image', `${field}.thumbnail`, id, 'the thumbnail is not a PNG, JPEG or WebP');
    }
    const type = screenshot.thumbnail.type;
    if (type && type !== thumbnailInfo.mime) {
      fail(
        'not-an-image',
        `${field}.thumbnail`,
        id,
        `the thumbnail is ${thumbnailInfo.mime}, its type says ${type}`,
      );
    }
    const mime: ImageMime = thumbnailInfo.mime;
    const thumbnailPath = imagePath(thumbnailSha256, mime);
    if (!files.has(thumbnailPath))
      addImage(thumbnailPath, thumbnailBytes, thumbnailSha256, thumbnailInfo);
    // Spreading keeps the schema's key order; only the thumbnail's value changes.
    bundleScreenshots.push({ ...screenshot, thumbnail: { sha256: thumbnailSha256, mime } });
    options.onProgress?.(++done, total);
  }

  const records: RecordsFile = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    scope,
    includes,
    audits,
    journeys,
    touchpoints,
    screenshots: bundleScreenshots,
    actionItems,
    deletions,
  };
  await addJson(RECORDS_PATH, records, limits.recordsBytes);
  options.onProgress?.(++done, total);

  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: options.now,
    generator: BUNDLE_GENERATOR,
    files: [...files.values()]
      .map(({ path, sha256, bytes }) => ({ path, sha256, bytes }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  await addJson(MANIFEST_PATH, manifest, limits.manifestBytes);
  options.onProgress?.(++done, total);

  zip.end();
  if (zipError) throw zipError;
  fold();
  return new Blob(parts, { type: 'application/zip' });

  /** Deflated, unless that would pass the ratio a reader refuses as a bomb: then stored. */
  async function addJson(path: string, value: unknown, limit: number) {
    const bytes = new TextEncoder().encode(JSON.stringify(value));
    if (bytes.length > limit) {
      throw new BundleError(
        'too-large',
        `Cannot export: ${path} would have ${bytes.length} bytes, above the ${limit} a reader accepts; export fewer audits at once.`,
        { path, params: { bytes: bytes.length, limit } },
      );
    }
    const deflated = deflateSync(bytes, { level: 6 });
    const bomb =
      bytes.length > limits.ratioFrom && bytes.length > deflated.length * limits.maxRatio;
    add(bomb ? new ZipPassThrough(path) : new PreDeflated(path, deflated), bytes);
    if (path !== MANIFEST_PATH) {
      files.set(path, { path, sha256: await sha256Hex(bytes), bytes: bytes.length, info: null });
    }
  }
}
