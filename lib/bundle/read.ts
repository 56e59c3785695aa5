/** Reads a bundle: every check passes, or the whole bundle is refused with one BundleError. */
import type { z } from 'zod';
import type { DataSet, Screenshot, StoredImage } from '../model';
import { imageInfo } from '../model/image-info';
import { checkGraph, firstIssue, checkJsonTree, sha256Hex } from './check';
import { BundleError } from './errors';
import { checkImageSize, checkImageStructure, undecodable } from './images';
import {
  BUNDLE_FORMAT,
  BUNDLE_LIMITS,
  BUNDLE_VERSION,
  classifyPath,
  imagePath,
  Manifest,
  MANIFEST_PATH,
  RecordsFile,
  RECORDS_PATH,
  unsafePathReason,
  type BundleInfo,
  type BundleLimits,
  type BundlePath,
} from './format';
import {
  refuseV6Fields,
  upgradeRecordsToV4,
  upgradeRecordsToV5,
  upgradeRecordsV1,
} from './upgrade';
import { entryContent, readDirectory, readEntry, type ZipEntry } from './zip';

export interface ReadBundleOptions {
  /** Stricter (or, in tests, smaller) limits than BUNDLE_LIMITS. */
  limits?: Partial<BundleLimits>;
  /** Called after each file is checked: files done, files in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Decodes an image whole in the browser (createImageBitmap in the extension: lib/capture
   * decodeWhole), rejecting when it cannot. Runs after the file's own checks (./images.ts), which
   * a browser's lenient decoder does not replace; Node tests give their own or none.
   */
  decodeImage?: (image: Blob) => Promise<void>;
}

export interface ReadBundleResult {
  data: DataSet;
  info: BundleInfo;
}

/**
 * Images checked at once (hashed, walked, decoded): enough to keep the hashing and decoding
 * threads busy, few enough to bound memory (at most this many decoded images at a time).
 */
const IMAGE_CONCURRENCY = 4;

const KIND_NAME = { manifest: 'the manifest', records: 'records.json', image: 'an image' } as const;

interface Located extends ZipEntry {
  kind: BundlePath;
}

/** Checks names, duplicates and declared sizes before a single byte is inflated. */
function checkEntries(entries: readonly ZipEntry[], limits: BundleLimits): Map<string, Located> {
  const byPath = new Map<string, Located>();
  let total = 0;
  for (const entry of entries) {
    const { path } = entry;
    const unsafe = unsafePathReason(path);
    if (unsafe) {
      // Quoted as JSON, so control characters show as escapes rather than act.
      throw new BundleError(
        'unsafe-path',
        `The zip entry ${JSON.stringify(path)} is unsafe: ${unsafe}.`,
        {
          path,
        },
      );
    }
    const kind = classifyPath(path);
    if (!kind) {
      throw new BundleError(
        'unexpected-file',
        `The zip holds "${path}", which is not a file of a Touchpoint Audit bundle.`,
        { path },
      );
    }
    if (byPath.has(path)) {
      throw new BundleError('duplicate-file', `The zip holds "${path}" twice.`, { path });
    }
    const limit =
      kind.kind === 'manifest'
        ? limits.manifestBytes
        : kind.kind === 'records'
          ? limits.recordsBytes
          : limits.imageBytes;
    if (entry.size > limit) {
      throw new BundleError(
        'zip-bomb',
        `${path} declares ${entry.size} bytes, above the ${limit} bytes allowed for ${KIND_NAME[kind.kind]}.`,
        { path, params: { bytes: entry.size, limit } },
      );
    }
    // Compressed data is read into memory whole, so it is held to the same limit.
    if (entry.compressedSize > limit) {
      throw new BundleError(
        'zip-bomb',
        `${path} holds ${entry.compressedSize} compressed bytes, above the ${limit} bytes allowed.`,
        { path, params: { bytes: entry.compressedSize, limit } },
      );
    }
    if (
      entry.method === 8 &&
      entry.size > limits.ratioFrom &&
      entry.size > entry.compressedSize * limits.maxRatio
    ) {
      throw new BundleError(
        'zip-bomb',
        `${path} inflates ${entry.compressedSize} bytes to ${entry.size} bytes, more than ${limits.maxRatio}:1.`,
        { path, params: { bytes: entry.size, compressed: entry.compressedSize } },
      );
    }
    total += entry.size;
    if (total > limits.totalBytes) {
      throw new BundleError(
        'zip-bomb',
        `The files of the zip add up to more than ${limits.totalBytes} bytes (at ${path}).`,
        { path, params: { limit: limits.totalBytes } },
      );
    }
    byPath.set(path, { ...entry, kind });
  }
  return byPath;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON file and refuses forbidden keys, another format and a newer version. */
function parseBundleJson(
  bytes: Uint8Array,
  path: string,
  schemaCode: 'invalid-manifest' | 'invalid-records',
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new BundleError(
      'invalid-json',
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      { path },
    );
  }
  checkJsonTree(value, path, schemaCode);
  const format =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>).format
      : undefined;
  if (format !== BUNDLE_FORMAT) {
    throw new BundleError(
      'not-a-bundle',
      `${path} is not part of a Touchpoint Audit bundle (format ${JSON.stringify(format) ?? 'missing'}).`,
      { path },
    );
  }
  const record = value as Record<string, unknown>;
  if (typeof record.version === 'number' && record.version > BUNDLE_VERSION) {
    throw new BundleError(
      'newer-version',
      `${path} was made by a newer Touchpoint Audit (format version ${record.version}); update the extension.`,
      { path, params: { version: record.version } },
    );
  }
  return record;
}

function schemaError(
  code: 'invalid-manifest' | 'invalid-records',
  path: string,
  error: z.ZodError,
): BundleError {
  const issue = firstIssue(error);
  return new BundleError(code, `${path}: ${issue.message}`, { path, field: issue.field });
}

async function runPool(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    try {
      while (next < count && !failed) await task(next++);
    } catch (error) {
      // The first failure refuses the bundle; the other workers stop taking files.
      failed = true;
      throw error;
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, count) }, worker));
}

/** One use of an image file by a screenshot: as its image or as its thumbnail. */
interface ImageUse {
  index: number;
  thumbnail: boolean;
}

type ImageEntry = Located & { kind: Extract<BundlePath, { kind: 'image' }> };

/** One bundle file being read: its directory, its manifest's listing, and the steps in order. */
class BundleReader {
  /** Hash and size of every file but the manifest, as the manifest lists them. */
  private readonly listed = new Map<string, { sha256: string; bytes: number }>();

  constructor(
    private readonly file: Blob,
    private readonly byPath: ReadonlyMap<string, Located>,
    private readonly dataEnd: number,
    private readonly limits: BundleLimits,
    private readonly decodeImage: ReadBundleOptions['decodeImage'],
  ) {}

  private required(path: string): Located {
    const entry = this.byPath.get(path);
    if (!entry) throw new BundleError('missing-file', `The bundle has no ${path}.`, { path });
    return entry;
  }

  private async content(entry: ZipEntry) {
    const located = await readEntry(this.file, entry, this.dataEnd);
    return { ...located, bytes: entryContent(entry, located.raw) };
  }

  /** The manifest, and every file of the zip checked against its listing (names and sizes). */
  async readManifest(): Promise<Manifest> {
    const { bytes } = await this.content(this.required(MANIFEST_PATH));
    const parsed = Manifest.safeParse(parseBundleJson(bytes, MANIFEST_PATH, 'invalid-manifest'));
    if (!parsed.success) throw schemaError('invalid-manifest', MANIFEST_PATH, parsed.error);
    parsed.data.files.forEach((listed, i) => {
      const field = `files[${i}].path`;
      const itself = listed.path === MANIFEST_PATH;
      if (itself || this.listed.has(listed.path)) {
        throw new BundleError(
          'invalid-manifest',
          `${MANIFEST_PATH}: ${field} lists ${listed.path} ${itself ? 'itself' : 'twice'}.`,
          { path: MANIFEST_PATH, field },
        );
      }
      this.listed.set(listed.path, listed);
    });
    for (const path of this.byPath.keys()) {
      if (path !== MANIFEST_PATH && !this.listed.has(path)) {
        throw new BundleError('unlisted-file', `${path} is in the zip but not in the manifest.`, {
          path,
        });
      }
    }
    for (const [path, { bytes: listedBytes }] of this.listed) {
      const entry = this.byPath.get(path);
      if (!entry) {
        throw new BundleError(
          'missing-file',
          `The manifest lists ${path}, which is not in the zip.`,
          {
            path,
          },
        );
      }
      if (entry.size !== listedBytes) {
        throw new BundleError(
          'hash-mismatch',
          `${path} has ${entry.size} bytes; the manifest says ${listedBytes}.`,
          { path, params: { bytes: entry.size, expected: listedBytes } },
        );
      }
    }
    return parsed.data;
  }

  /**
   * records.json: its hash, its version (the manifest's), its schema, and its records against
   * each other. An older version is brought up to the current records before its schema check.
   */
  async readRecords(manifest: Manifest): Promise<RecordsFile> {
    const { bytes } = await this.content(this.required(RECORDS_PATH));
    const sha256 = await sha256Hex(bytes);
    checkHash(RECORDS_PATH, sha256, this.listed.get(RECORDS_PATH)!.sha256, 'the manifest');
    const json = parseBundleJson(bytes, RECORDS_PATH, 'invalid-records');
    if (json.version !== manifest.version) {
      throw new BundleError(
        'invalid-records',
        `${RECORDS_PATH}: version: ${JSON.stringify(json.version) ?? 'missing'}, but the manifest says ${manifest.version}.`,
        { path: RECORDS_PATH, field: 'version' },
      );
    }
    const version = manifest.version;
    const v2 = version === 1 ? upgradeRecordsV1(json) : json;
    const v4 = version < 4 ? upgradeRecordsToV4(v2, version) : v2;
    const v5 = version < 5 ? upgradeRecordsToV5(v4, version) : v4;
    const parsed = RecordsFile.safeParse(version < 6 ? refuseV6Fields(v5, version) : v5);
    if (!parsed.success) throw schemaError('invalid-records', RECORDS_PATH, parsed.error);
    checkGraph(parsed.data, RECORDS_PATH);
    return parsed.data;
  }

  /** Which screenshots use each image file; every file a screenshot names must be there, and used. */
  imageUses(records: RecordsFile): Map<string, ImageUse[]> {
    const uses = new Map<string, ImageUse[]>();
    const use = (path: string, item: ImageUse) => {
      const what = item.thumbnail ? 'thumbnail' : 'image';
      const field = `screenshots[${item.index}].${item.thumbnail ? 'thumbnail.sha256' : 'sha256'}`;
      if (!this.byPath.has(path)) {
        throw new BundleError(
          'missing-image',
          `${RECORDS_PATH}: ${field}: the ${what} ${path} is not in the bundle.`,
          { path, field },
        );
      }
      const list = uses.get(path);
      if (list) list.push(item);
      else uses.set(path, [item]);
    };
    records.screenshots.forEach((screenshot, index) => {
      use(imagePath(screenshot.sha256, screenshot.mime), { index, thumbnail: false });
      const { thumbnail } = screenshot;
      use(imagePath(thumbnail.sha256, thumbnail.mime), { index, thumbnail: true });
    });
    for (const entry of this.byPath.values()) {
      if (entry.kind.kind === 'image' && !uses.has(entry.path)) {
        throw new BundleError(
          'unexpected-file',
          `${entry.path} is in the bundle but no screenshot uses it.`,
          { path: entry.path },
        );
      }
    }
    return uses;
  }

  /**
   * One image file, hashed once and its header read once, checked against its name, the manifest
   * and every screenshot using it; its pixel size against the limits before anything decodes it;
   * then walked whole (./images.ts) and, when a decoder is given, decoded once (however many
   * screenshots use it). Stored bytes stay in the file: the Blob is a slice, not a copy.
   */
  async readImage(path: string, uses: readonly ImageUse[], records: RecordsFile): Promise<Blob> {
    const entry = this.byPath.get(path) as ImageEntry;
    const { mime } = entry.kind;
    const { start, end, bytes } = await this.content(entry);
    const sha256 = await sha256Hex(bytes);
    checkHash(path, sha256, entry.kind.sha256, 'its name');
    checkHash(path, sha256, this.listed.get(path)!.sha256, 'the manifest');
    const info = imageInfo(bytes);
    const first = uses[0]!;
    const field = `screenshots[${first.index}].${first.thumbnail ? 'thumbnail.mime' : 'mime'}`;
    if (!info) {
      throw new BundleError('not-an-image', `${path} is not a PNG, JPEG or WebP image.`, {
        path,
        field,
      });
    }
    if (info.mime !== mime) {
      throw new BundleError(
        'not-an-image',
        `${path} is an ${info.mime} image, but its name and ${field} say ${mime}.`,
        { path, field, params: { mime: info.mime, expected: mime } },
      );
    }
    checkImageSize(path, info, this.limits);
    for (const { index, thumbnail } of uses) {
      if (thumbnail) continue;
      const screenshot = records.screenshots[index]!;
      if (screenshot.bytes !== bytes.length) {
        const field = `screenshots[${index}].bytes`;
        throw new BundleError(
          'hash-mismatch',
          `${path} has ${bytes.length} bytes; ${RECORDS_PATH} ${field} says ${screenshot.bytes}.`,
          { path, field, params: { bytes: bytes.length, expected: screenshot.bytes } },
        );
      }
      if (screenshot.width !== info.width || screenshot.height !== info.height) {
        throw new BundleError(
          'not-an-image',
          `${path} is ${info.width}×${info.height} pixels; ${RECORDS_PATH} screenshots[${index}] says ${screenshot.width}×${screenshot.height}.`,
          {
            path,
            field: `screenshots[${index}].width`,
            params: { width: info.width, height: info.height },
          },
        );
      }
    }
    await checkImageStructure(path, bytes, info);
    const blob =
      entry.method === 0 ? this.file.slice(start, end, mime) : new Blob([bytes], { type: mime });
    if (this.decodeImage) {
      try {
        await this.decodeImage(blob);
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw undecodable(path, `the browser cannot decode it (${why})`);
      }
    }
    return blob;
  }
}

/**
 * Reads and checks a bundle file without loading it whole: the zip structure, the manifest and
 * the hash and size of every file, the records against their schemas and each other, and every
 * image's type and pixel size, its size against the limits, and that it decodes whole. Stored
 * images come back as slices of `file` (no copy).
 * Throws a BundleError naming the file or field when anything is wrong; returns nothing then.
 */
export async function readBundle(
  file: Blob,
  options: ReadBundleOptions = {},
): Promise<ReadBundleResult> {
  const limits = { ...BUNDLE_LIMITS, ...options.limits };
  if (file.size === 0) throw new BundleError('empty', 'The file is empty (0 bytes).');
  if (file.size > 0xffffffff) {
    throw new BundleError('too-large', 'The file is larger than 4 GiB, more than a bundle can be.');
  }
  const { entries, dataEnd } = await readDirectory(file);
  const reader = new BundleReader(
    file,
    checkEntries(entries, limits),
    dataEnd,
    limits,
    options.decodeImage,
  );
  let done = 0;
  const progress = () => options.onProgress?.(++done, entries.length);

  const manifest = await reader.readManifest();
  progress();
  const records = await reader.readRecords(manifest);
  progress();
  const uses = reader.imageUses(records);
  const paths = [...uses.keys()];
  const blobs = new Map<string, Blob>();
  await runPool(paths.length, async (i) => {
    const path = paths[i]!;
    blobs.set(path, await reader.readImage(path, uses.get(path)!, records));
    progress();
  });

  const screenshots: Screenshot[] = [];
  const images: StoredImage[] = [];
  for (const screenshot of records.screenshots) {
    const { thumbnail } = screenshot;
    screenshots.push({
      ...screenshot,
      thumbnail: blobs.get(imagePath(thumbnail.sha256, thumbnail.mime))!,
    });
    images.push({
      id: screenshot.id,
      blob: blobs.get(imagePath(screenshot.sha256, screenshot.mime))!,
    });
  }
  const { audits, brands, waves, journeys, touchpoints, actionItems, deletions } = records;
  return {
    data: {
      audits,
      brands,
      waves,
      journeys,
      touchpoints,
      screenshots,
      actionItems,
      images,
      deletions,
    },
    info: {
      format: BUNDLE_FORMAT,
      version: manifest.version,
      createdAt: manifest.createdAt,
      generator: manifest.generator,
      scope: records.scope,
      includes: records.includes,
      fileCount: entries.length,
      totalBytes: entries.reduce((sum, entry) => sum + entry.size, 0),
    },
  };
}

function checkHash(path: string, actual: string, expected: string, source: string): void {
  if (actual !== expected) {
    throw new BundleError(
      'hash-mismatch',
      `${path}: its bytes have SHA-256 ${actual}, but ${source} says ${expected}.`,
      { path, params: { sha256: actual, expected } },
    );
  }
}
