/** Why a bundle cannot be written or read; the UI translates by `code` and `params`. */

export const BUNDLE_ERROR_CODES = [
  /** The file has 0 bytes. */
  'empty',
  /** Not a zip file at all. */
  'not-zip',
  /** A zip cut short: its end is missing, or an offset or size points past the end. */
  'truncated',
  /** Zip64, more than 65,534 entries, a file over 4 GiB, or a file above a writer's limit. */
  'too-large',
  /** An entry name that could escape a folder: `..`, absolute, drive letter, backslash, control character. */
  'unsafe-path',
  /** A file the format does not have (or an image no screenshot uses). */
  'unexpected-file',
  /** The same name twice in the zip. */
  'duplicate-file',
  /** Sizes above the limits, a ratio above 100:1, more output than declared, overlapping entries. */
  'zip-bomb',
  /** Encryption, multiple disks, or a compression method other than stored/deflate. */
  'unsupported-zip',
  /** A damaged zip structure or deflate stream. */
  'corrupt',
  /** A JSON file that does not parse (or is not UTF-8). */
  'invalid-json',
  /** A `__proto__`, `constructor` or `prototype` key in a JSON file. */
  'forbidden-key',
  /** The JSON says it is some other format. */
  'not-a-bundle',
  /** Made by a newer version of the extension. */
  'newer-version',
  /** A record fails its schema. */
  'invalid-records',
  /** The manifest fails its schema. */
  'invalid-manifest',
  /** A file in the zip that the manifest does not list. */
  'unlisted-file',
  /** A file the manifest lists (or the format requires) that the zip lacks. */
  'missing-file',
  /** Bytes whose SHA-256 or length differ from what the manifest, the name or the record says. */
  'hash-mismatch',
  /** The same id twice, in one table or across tables. */
  'duplicate-id',
  /** A record whose parent is not in the bundle, or a deletion of a record that is there. */
  'dangling-reference',
  /** A journey whose brand or wave belongs to another audit than the journey. */
  'foreign-reference',
  /** A screenshot whose image or thumbnail file is not in the bundle. */
  'missing-image',
  /** Bytes that are not a PNG/JPEG/WebP, not of the type said, or not of the size said. */
  'not-an-image',
  /** An image larger than the product itself stores (per side or in all): a decompression bomb. */
  'image-too-large',
  /** An image that does not decode whole: cut short, a bad CRC, damaged structure or pixel data. */
  'undecodable-image',
] as const;
export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];

export interface BundleErrorWhere {
  /** The file inside the zip, e.g. "records.json" or "images/<sha256>.png". */
  path?: string | null;
  /** The JSON field, e.g. "touchpoints[3].seq". */
  field?: string | null;
  params?: Record<string, string | number>;
}

/** A bundle refused whole: `message` says in English which file or field and what is wrong. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly path: string | null;
  readonly field: string | null;
  readonly params: Record<string, string | number>;

  constructor(
    readonly code: BundleErrorCode,
    message: string,
    where: BundleErrorWhere = {},
  ) {
    super(message);
    this.path = where.path ?? null;
    this.field = where.field ?? null;
    this.params = { ...where.params };
    if (this.path !== null) this.params.path = this.path;
    if (this.field !== null) this.params.field = this.field;
  }
}
