/** Writes a bundle as a stream: one image in memory at a time, output folded into Blobs. */
import { deflateSync, Zip, ZipPassThrough } from 'fflate';
import { z } from 'zod';
import {
  ActionItem,
  Audit,
  Brand,
  Journey,
  Screenshot,
  Step,
  Tombstone,
  Wave,
  type DataSet,
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

/** A file written to the zip, with its image header when it is an image. */
interface WrittenFile extends ManifestFile {
  info: ImageInfo | null;
}

/** fflate's streaming Zip, its output collected into Blob parts; every file it holds listed. */
class ZipSink {
  readonly files = new Map<string, WrittenFile>();
  private readonly parts: Blob[] = [];
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private written = 0;
  private error: Error | null = null;
  private readonly zip = new Zip((error, chunk) => {
    if (error) this.error ??= error;
    else this.collect(chunk);
  });

  constructor(private readonly mtime: number) {}

  private collect(chunk: Uint8Array) {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.written += chunk.length;
    if (this.pendingBytes >= FOLD_BYTES) this.fold();
  }

  private fold() {
    if (this.pending.length) this.parts.push(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Adds one file; `sha256` null keeps it out of the manifest (the manifest itself). */
  add(entry: ZipPassThrough, bytes: Uint8Array, sha256: string | null, info: ImageInfo | null) {
    if (this.files.size >= MAX_ENTRIES || this.written + bytes.length > MAX_ZIP_BYTES) {
      throw new BundleError(
        'too-large',
        `Cannot export: the bundle would pass 4 GiB or ${MAX_ENTRIES} files; export fewer audits at once.`,
        { path: entry.filename },
      );
    }
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    if (this.error) throw this.error;
    if (sha256 !== null) {
      const path = entry.filename;
      this.files.set(path, { path, sha256, bytes: bytes.length, info });
    }
  }

  finish(): Blob {
    this.zip.end();
    if (this.error) throw this.error;
    this.fold();
    return new Blob(this.parts, { type: 'application/zip' });
  }
}

/** Sorts a table by id and validates every record with its schema (output in canonical key order). */
function validTable<T extends z.ZodType>(
  schema: T,
  table: string,
  records: readonly { id: string }[],
): z.output<T>[] {
  const sorted = byId(records);
  const parsed = z.array(schema).safeParse(sorted);
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error, [table]);
  const index = parsed.error.issues[0]?.path[0];
  const id = typeof index === 'number' ? sorted[index]?.id : undefined;
  throw new BundleError(
    'invalid-records',
    `Cannot export: ${issue.message}${id ? ` (record ${id})` : ''}. The stored record is invalid.`,
    { field: issue.field, params: id ? { id } : {} },
  );
}

function validOption<T extends z.ZodType>(schema: T, name: string, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = firstIssue(parsed.error, [name]);
  throw new BundleError('invalid-records', `Cannot export: ${issue.message}.`, {
    field: issue.field,
  });
}

function refuse(
  code: 'hash-mismatch' | 'not-an-image' | 'too-large' | 'missing-image',
  field: string,
  id: string,
  what: string,
): never {
  throw new BundleError(code, `Cannot export: ${field} (screenshot ${id}): ${what}.`, {
    field,
    params: { id },
  });
}

/** Each image blob by its screenshot's id: one per screenshot, none without one. */
function imagesById(images: DataSet['images'], screenshotIds: ReadonlySet<string>) {
  const byScreenshot = new Map<string, Blob>();
  images.forEach((image, i) => {
    const field = `images[${i}].id`;
    const params = { id: image.id };
    if (byScreenshot.has(image.id)) {
      throw new BundleError('duplicate-id', `Cannot export: ${field}: image ${image.id} twice.`, {
        field,
        params,
      });
    }
    if (!screenshotIds.has(image.id)) {
      throw new BundleError(
        'dangling-reference',
        `Cannot export: ${field}: image ${image.id} belongs to no screenshot in the export.`,
        { field, params },
      );
    }
    byScreenshot.set(image.id, image.blob);
  });
  return byScreenshot;
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
  // Only the format's fields are taken (callers may pass wider objects); ids sorted for stable bytes.
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
  const brands = validTable(Brand, 'brands', data.brands);
  const waves = validTable(Wave, 'waves', data.waves);
  const journeys = validTable(Journey, 'journeys', data.journeys);
  const touchpoints = validTable(Step, 'touchpoints', data.touchpoints);
  const screenshots = validTable(Screenshot, 'screenshots', data.screenshots);
  const actionItems = validTable(ActionItem, 'actionItems', data.actionItems);
  const deletions = validTable(Tombstone, 'deletions', data.deletions);
  checkGraph(
    { audits, brands, waves, journeys, touchpoints, screenshots, actionItems, deletions },
    null,
  );
  const images = imagesById(data.images, new Set(screenshots.map((s) => s.id)));

  const sink = new ZipSink(zipTime(options.now));
  const total = screenshots.length * 2 + 2;
  let done = 0;
  const progress = () => options.onProgress?.(++done, total);

  const bundleScreenshots: BundleScreenshot[] = [];
  for (const [index, screenshot] of screenshots.entries()) {
    const field = `screenshots[${index}]`;
    const { id } = screenshot;
    const blob = images.get(id);
    if (!blob) refuse('missing-image', field, id, 'it has no image');
    if (blob.size > limits.imageBytes) {
      refuse(
        'too-large',
        field,
        id,
        `the image has ${blob.size} bytes, above ${limits.imageBytes}`,
      );
    }
    const path = imagePath(screenshot.sha256, screenshot.mime);
    // An image already in the zip under this hash was verified then: this copy is not read.
    let file = sink.files.get(path);
    if (!file) {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      const sha256 = await sha256Hex(bytes);
      if (sha256 !== screenshot.sha256) {
        refuse('hash-mismatch', `${field}.sha256`, id, `the image's SHA-256 is ${sha256}`);
      }
      const info = imageInfo(bytes);
      if (info?.mime !== screenshot.mime) {
        const what = info ? info.mime : 'not a PNG, JPEG or WebP';
        refuse('not-an-image', `${field}.mime`, id, `the image is ${what}`);
      }
      sink.add(new ZipPassThrough(path), bytes, sha256, info);
      file = sink.files.get(path)!;
    }
    if (file.bytes !== screenshot.bytes || blob.size !== screenshot.bytes) {
      refuse('hash-mismatch', `${field}.bytes`, id, `the image has ${blob.size} bytes`);
    }
    const { width, height } = file.info!;
    if (width !== screenshot.width || height !== screenshot.height) {
      refuse('not-an-image', `${field}.width`, id, `the image is ${width}×${height} pixels`);
    }
    progress();

    const thumbnail = await thumbnailFile(screenshot.thumbnail, `${field}.thumbnail`, id);
    const thumbnailPath = imagePath(thumbnail.sha256, thumbnail.info.mime);
    if (!sink.files.has(thumbnailPath)) {
      sink.add(
        new ZipPassThrough(thumbnailPath),
        thumbnail.bytes,
        thumbnail.sha256,
        thumbnail.info,
      );
    }
    // Spreading keeps the schema's key order; only the thumbnail's value changes.
    bundleScreenshots.push({
      ...screenshot,
      thumbnail: { sha256: thumbnail.sha256, mime: thumbnail.info.mime },
    });
    progress();
  }

  const records: RecordsFile = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    scope,
    includes,
    audits,
    brands,
    waves,
    journeys,
    touchpoints,
    screenshots: bundleScreenshots,
    actionItems,
    deletions,
  };
  const recordsBytes = jsonBytes(RECORDS_PATH, records, limits.recordsBytes);
  sink.add(
    jsonEntry(RECORDS_PATH, recordsBytes),
    recordsBytes,
    await sha256Hex(recordsBytes),
    null,
  );
  progress();

  const manifest: Manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: options.now,
    generator: BUNDLE_GENERATOR,
    files: [...sink.files.values()]
      .map(({ path, sha256, bytes }) => ({ path, sha256, bytes }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
  };
  const manifestBytes = jsonBytes(MANIFEST_PATH, manifest, limits.manifestBytes);
  sink.add(jsonEntry(MANIFEST_PATH, manifestBytes), manifestBytes, null, null);
  progress();
  return sink.finish();
}

/** A thumbnail's bytes, hash and header: any PNG/JPEG/WebP whose Blob type (if set) says so. */
async function thumbnailFile(blob: Blob, field: string, id: string) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const info = imageInfo(bytes);
  if (!info) refuse('not-an-image', field, id, 'the thumbnail is not a PNG, JPEG or WebP');
  if (blob.type && blob.type !== info.mime) {
    refuse('not-an-image', field, id, `the thumbnail is ${info.mime}, its type says ${blob.type}`);
  }
  return { bytes, sha256: await sha256Hex(bytes), info };
}

function jsonBytes(path: string, value: unknown, limit: number): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  if (bytes.length > limit) {
    throw new BundleError(
      'too-large',
      `Cannot export: ${path} would have ${bytes.length} bytes, above the ${limit} a reader accepts; export fewer audits at once.`,
      { path, params: { bytes: bytes.length, limit } },
    );
  }
  return bytes;
}

/** Deflated, unless that would pass the ratio a reader refuses as a bomb: then stored. */
function jsonEntry(path: string, bytes: Uint8Array): ZipPassThrough {
  const { ratioFrom, maxRatio } = BUNDLE_LIMITS;
  const deflated = deflateSync(bytes, { level: 6 });
  const bomb = bytes.length > ratioFrom && bytes.length > deflated.length * maxRatio;
  return bomb ? new ZipPassThrough(path) : new PreDeflated(path, deflated);
}
