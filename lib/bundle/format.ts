/**
 * The audit bundle, format version 6: one zip file carrying audits with their images.
 *
 * ```
 * <name>.tpa.zip
 *   manifest.json  { "format": "touchpoint-audit-bundle", "version": 6, "createdAt": <ms>,
 *                    "generator": "Touchpoint Audit",
 *                    "files": [ { "path", "sha256", "bytes" }, … ] }
 *                  Lists every other file of the zip (sorted by path) with the hex SHA-256 and the
 *                  length of its uncompressed bytes. The only place that holds the export time.
 *   records.json   { "format": "touchpoint-audit-bundle", "version": 6,
 *                    "scope": { "kind": "all" } | { "kind": "audits", "auditIds": [ … ] },
 *                    "includes": { "identity": bool, "userAgent": bool, "fileNames": bool },
 *                    "audits": […], "brands": […], "waves": […], "journeys": […],
 *                    "touchpoints": […],
 *                    "screenshots": [ Screenshot with "thumbnail": { "sha256", "mime" } ],
 *                    "actionItems": […], "deletions": [ Tombstone, … ] }
 *                  Every table sorted by id, every record in its schema's key order, so the same
 *                  data always gives the same bytes.
 *   images/<sha256>.<jpg|webp|png>
 *                  Every full image and every thumbnail, named by the SHA-256 of its bytes; each
 *                  distinct content once. A screenshot's image is images/<sha256>.<ext of mime>,
 *                  its thumbnail images/<thumbnail.sha256>.<ext of thumbnail.mime>.
 * ```
 *
 * JSON files are UTF-8, deflated (stored when deflating would exceed the 100:1 ratio a reader
 * refuses); images are stored (they are compressed already). No zip64, no encryption, no folder
 * entries, no other files, and every image file is used by a screenshot. Limits: manifest.json
 * 8 MiB, records.json 64 MiB, an image 64 MiB, all files 8 GiB uncompressed.
 *
 * Versions: 2 added the audit method (lib/model/method.ts): `method` on audits, `measurements`
 * on journeys, `typeId`, `checks` and `checklists` on steps, `kind`, `metric`, `baseline` and
 * `target` on action items. Version 1 lacks them; a reader still reads it, giving its records the
 * defaults and making the stages typed on its steps custom stages of their audits (./upgrade.ts).
 * 3 added `report` on audits (what goes into the report and the consultant's conclusions; absent
 * means the defaults), so a version 2 bundle reads as it is.
 * 4 added `coveredFrames` on screenshots (embedded frames covered at capture because they could
 * not be checked, and when the auditor uncovered one); versions 1–3 read with none. The original
 * pixels of a covered frame stay on the device that captured it: no bundle carries them.
 * 5 added `brands` and `waves` (records of their audits) and a journey's `brandId` and `waveId`
 * in place of its `brandName`, `brandDomain` and `brandRole`. A journey's brand and wave are of
 * its own audit. Versions 1–4 read as the brands their journeys named (equal names and roles are
 * one brand) and one first wave per audit (lib/model legacyProgramme): the ids are derived from
 * the records, so the same old bundle always gives the same brands and wave, equal to those of a
 * profile whose database was upgraded from the same records.
 * 6 added optional fields of the rest of the method (absent means what it meant before: nothing
 * said): on audits `expectations` and `funnel`, in an audit's method `gives`, `categories`,
 * `channels`, a type's `owner` and a custom stage's `status`; a brand's `inventory`; a journey's
 * `recommend`; a step's `owner`, `reduce`, `person`, `tags` and `settle` (auto-capture's wait for
 * the page, issue #17); an action's `effort` and `cost`.
 * Versions 1–5 read as they are; one of these fields in a bundle of an earlier version is refused.
 * The manifest and records.json always carry the same version; writers write the current one.
 *
 * A reader refuses a bundle whole when anything in it is wrong (see BundleErrorCode): unsafe or
 * unexpected names, zip bombs, files not matching the manifest's hashes and sizes, records that
 * fail their schemas or point at records not in the bundle, images that are not the type, size
 * or hash their records say, images larger than the product stores (BUNDLE_LIMITS) and images
 * that do not decode whole (cut short or damaged: ./images.ts). It refuses a `version` above its own: a newer extension may add
 * fields this one cannot check. Records are kept as they are; a deletion travels as a tombstone.
 */
import { z } from 'zod';
import {
  ActionItem,
  Audit,
  Brand,
  ImageMime,
  Journey,
  Screenshot,
  Step,
  Tombstone,
  Wave,
} from '../model';

export const BUNDLE_FORMAT = 'touchpoint-audit-bundle';
export const BUNDLE_VERSION = 6;
/** Every version a reader reads (older ones are brought up to the current records first). */
export const BundleVersion = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(BUNDLE_VERSION),
]);
export type BundleVersion = z.infer<typeof BundleVersion>;
export const BUNDLE_GENERATOR = 'Touchpoint Audit';
export const MANIFEST_PATH = 'manifest.json';
export const RECORDS_PATH = 'records.json';

/** The file name extension of each image type inside a bundle. */
export const IMAGE_EXTENSION = {
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/png': 'png',
} as const satisfies Record<ImageMime, string>;

/** The path of an image file in the bundle: named by the hash of its bytes. */
export function imagePath(sha256: string, mime: ImageMime): string {
  return `images/${sha256}.${IMAGE_EXTENSION[mime]}`;
}

const IMAGE_NAME = /^images\/([0-9a-f]{64})\.(jpg|webp|png)$/;
const MIME_OF_EXTENSION: Record<string, ImageMime> = {
  jpg: 'image/jpeg',
  webp: 'image/webp',
  png: 'image/png',
};

/** What a name inside the zip is, or null when the format has no such file. */
export type BundlePath =
  | { kind: 'manifest' }
  | { kind: 'records' }
  | { kind: 'image'; sha256: string; mime: ImageMime };

export function classifyPath(path: string): BundlePath | null {
  if (path === MANIFEST_PATH) return { kind: 'manifest' };
  if (path === RECORDS_PATH) return { kind: 'records' };
  const match = IMAGE_NAME.exec(path);
  const mime = match && MIME_OF_EXTENSION[match[2]!];
  return match && mime ? { kind: 'image', sha256: match[1]!, mime } : null;
}

/**
 * Why a name would be unsafe to extract anywhere, or null when it is safe: the check runs before
 * the name is compared with the expected ones, so the error says "unsafe" rather than "unexpected".
 */
export function unsafePathReason(path: string): string | null {
  if (path.length === 0) return 'the name is empty';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return 'the name contains a control character';
  if (path.includes('\\')) return 'the name contains a backslash';
  if (path.startsWith('/')) return 'the name is an absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'the name starts with a drive letter';
  // A trailing slash marks a folder entry: not unsafe, just not a file of the format.
  const segments = path.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'the name climbs out of the folder (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'the name has an empty segment';
  return null;
}

/** Limits a reader applies before inflating anything (all sizes in bytes, uncompressed). */
export interface BundleLimits {
  manifestBytes: number;
  recordsBytes: number;
  imageBytes: number;
  /** All files together. */
  totalBytes: number;
  /** Largest uncompressed:compressed ratio of a deflated file larger than `ratioFrom`. */
  maxRatio: number;
  ratioFrom: number;
  /** Largest image: pixels per side. */
  imageSide: number;
  /** Largest image: pixels in all (width × height). */
  imagePixels: number;
}

const MiB = 1024 * 1024;
export const BUNDLE_LIMITS: BundleLimits = {
  manifestBytes: 8 * MiB,
  recordsBytes: 64 * MiB,
  imageBytes: 64 * MiB,
  totalBytes: 8 * 1024 * MiB,
  maxRatio: 100,
  ratioFrom: MiB,
  // An imported image may be as large as the product itself stores, and no larger (a small file
  // of 20,000 × 20,000 px is a decompression bomb: 1.6 GB of pixels). The largest the product
  // stores: a full-page part up to 32,000 px tall (MAX_PART_HEIGHT in
  // lib/capture/full-page/plan.ts; its width is the page's, far less), an uploaded picture up to
  // 16,384 px per side and 268,435,456 px in all (LIMITS in lib/model/records.ts), an element
  // render up to 16,384 px per side — each with, when its audit asks, a caption band of at most
  // 424 px under it (CAPTION_MAX_HEIGHT in lib/capture/caption.ts). So: 32,424 px per side and
  // 268,435,456 px in all (a full-page part has at most 48 Mi px, an upload up to 256 Mi px).
  // test/unit/bundle-images.test.ts checks these stay at least the capture limits.
  imageSide: 32_424,
  imagePixels: 268_435_456,
};

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Which records a bundle was made from: everything, or chosen audits. */
export const BundleScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('audits'), auditIds: z.array(z.uuid()) }),
]);
export type BundleScope = z.infer<typeof BundleScope>;

/**
 * What the exporter chose to keep of the auditor's identity, the browser user agent and uploaded
 * file names. The exporter removes what it leaves out before writing; the bundle carries the flags.
 */
export const BundleIncludes = z.strictObject({
  identity: z.boolean(),
  userAgent: z.boolean(),
  fileNames: z.boolean(),
});
export type BundleIncludes = z.infer<typeof BundleIncludes>;

/** A thumbnail inside a bundle: a reference to its image file instead of a Blob. */
export const ThumbnailRef = z.strictObject({ sha256: Sha256, mime: ImageMime });
export type ThumbnailRef = z.infer<typeof ThumbnailRef>;

/** A screenshot as records.json holds it (same key order as Screenshot). */
export const BundleScreenshot = Screenshot.extend({ thumbnail: ThumbnailRef });
export type BundleScreenshot = z.infer<typeof BundleScreenshot>;

/** records.json as read: of any version a reader reads, its records brought up to the current ones. */
export const RecordsFile = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: BundleVersion,
  scope: BundleScope,
  includes: BundleIncludes,
  audits: z.array(Audit),
  brands: z.array(Brand),
  waves: z.array(Wave),
  journeys: z.array(Journey),
  touchpoints: z.array(Step),
  screenshots: z.array(BundleScreenshot),
  actionItems: z.array(ActionItem),
  deletions: z.array(Tombstone),
});
export type RecordsFile = z.infer<typeof RecordsFile>;

export const ManifestFile = z.strictObject({
  path: z.string().min(1).max(200),
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: BundleVersion,
  createdAt: z.number().int().nonnegative(),
  generator: z.string().max(200),
  files: z.array(ManifestFile).max(65_535),
});
export type Manifest = z.infer<typeof Manifest>;

/** What a bundle says about itself, for the import preview. */
export interface BundleInfo {
  format: typeof BUNDLE_FORMAT;
  version: number;
  /** When it was written (epoch ms, from the manifest). */
  createdAt: number;
  generator: string;
  scope: BundleScope;
  includes: BundleIncludes;
  /** Files in the zip, the manifest included. */
  fileCount: number;
  /** Uncompressed bytes of all files together. */
  totalBytes: number;
}
