/**
 * The exported report's manifest and seal (pure; Web Crypto only): what a "Verify a report" page
 * recomputes from the file alone. docs/report-manifest.md defines every field and the canonical
 * forms; the export (lib/controllers/report.ts) and the verification (lib/controllers/verify.ts)
 * run the same reading of the file (`readReport`), so a file as exported always matches.
 */
import { z } from 'zod';

export const MANIFEST_FORMAT = 'touchpoint-audit-report-manifest';
export const MANIFEST_VERSION = 1;
/** The element ids of the two JSON data blocks at the end of the exported body. */
export const MANIFEST_ID = 'tpa-manifest';
export const SEAL_ID = 'tpa-seal';
/** The exact opening tag of the seal: the report hash leaves out what stands between it and `</script>`. */
export const SEAL_OPEN = `<script type="application/json" id="${SEAL_ID}">`;
const SCRIPT_CLOSE = '</script>';
/** What is signed: this prefix, then the report hash in lower-case hex (UTF-8). */
export const SIGNED_PREFIX = 'touchpoint-audit-report-hash:v1:';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const PublicJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type PublicJwk = z.infer<typeof PublicJwk>;

/** The step an image belongs to, as the report shows it. */
export const ImageRecordRef = z.object({
  auditId: z.string(),
  journeyId: z.string(),
  stepId: z.string(),
  screenshotId: z.string(),
  walk: z.string(),
  seq: z.number(),
  title: z.string(),
  stage: z.string(),
  /** Null for an offline contact, or when the report shows no address (no evidence, no sequences). */
  url: z.string().nullable(),
  /** Null when the report shows no capture time (no evidence, no sequences). */
  capturedAt: z.string().nullable(),
});
export type ImageRecordRef = z.infer<typeof ImageRecordRef>;

export const ManifestImage = z.object({
  /** The element id of the embedded <image> in the file. */
  id: z.string(),
  sha256: Hex64,
  /** Every screenshot shown with these bytes (equal images are embedded once). */
  records: z.array(ImageRecordRef),
});
export type ManifestImage = z.infer<typeof ManifestImage>;

export const ManifestRecord = z.object({
  kind: z.literal('step'),
  id: z.string(),
  journeyId: z.string(),
  walk: z.string(),
  seq: z.number(),
  title: z.string(),
  stage: z.string(),
  sha256: Hex64,
});
export type ManifestRecord = z.infer<typeof ManifestRecord>;

export const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  generator: z.string(),
  createdAt: z.string(),
  auditId: z.string(),
  images: z.array(ManifestImage),
  records: z.array(ManifestRecord),
  /** The auditor's public key when the report is signed (its fingerprint is in the method section). */
  signer: z.object({ publicKey: PublicJwk, fingerprint: Hex64 }).nullable(),
});
export type Manifest = z.infer<typeof Manifest>;

export const Seal = z.object({
  reportHash: z.object({ algorithm: z.literal('SHA-256'), value: Hex64 }),
  signature: z
    .object({ algorithm: z.literal('ECDSA-P256-SHA256'), value: z.string().min(1) })
    .nullable(),
});
export type Seal = z.infer<typeof Seal>;

/** The auditor's key as the export uses it: the private half never leaves Web Crypto. */
export interface ReportSigner {
  publicKey: PublicJwk;
  fingerprint: string;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

// --- bytes, hashes, canonical JSON ----------------------------------------------------------

const utf8 = new TextEncoder();

export function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? utf8.encode(bytes) : bytes;
  return hex(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, JSON.stringify's strings and
 * numbers (RFC 8785 for the values used here: strings, integers, arrays, objects).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** JSON safe inside a <script> element: no `<`, `>`, `&` or line separators appear raw. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The bytes of a base64 `data:` URL; null when it is not one. */
export function dataUrlBytes(url: string): Uint8Array | null {
  const match = /^data:[^,;]*(?:;[^,;]*)*;base64,([A-Za-z0-9+/=\s]*)$/.exec(url);
  if (!match) return null;
  try {
    const raw = atob(match[1]!.replace(/\s/g, ''));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

// --- keys -------------------------------------------------------------------------------------

/** The key's fingerprint: SHA-256 of its RFC 7638 thumbprint form {"crv","kty","x","y"}. */
export function fingerprintOf(jwk: PublicJwk): Promise<string> {
  return sha256Hex(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y }));
}

/** "3f2a 9c01 …": the fingerprint in groups of four, as the method section prints it. */
export function formatFingerprint(fingerprint: string): string {
  return (fingerprint.match(/.{1,4}/g) ?? []).join(' ');
}

/** A new ECDSA P-256 key pair; the private key cannot be exported. */
export async function createSigningKeyPair(): Promise<{
  privateKey: CryptoKey;
  publicKey: PublicJwk;
  fingerprint: string;
}> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const publicKey = PublicJwk.parse({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  return { privateKey: pair.privateKey, publicKey, fingerprint: await fingerprintOf(publicKey) };
}

/** The signer of a stored private key. */
export function signerOf(key: {
  privateKey: CryptoKey;
  publicKey: PublicJwk;
  fingerprint: string;
}): ReportSigner {
  return {
    publicKey: key.publicKey,
    fingerprint: key.fingerprint,
    sign: async (data) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          key.privateKey,
          data as Uint8Array<ArrayBuffer>,
        ),
      ),
  };
}

async function verifySignature(jwk: PublicJwk, signature: string, data: Uint8Array) {
  try {
    const key = await crypto.subtle.importKey(
      'jwk',
      { ...jwk, ext: true },
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    return await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      fromBase64url(signature) as Uint8Array<ArrayBuffer>,
      data as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

// --- reading a report file --------------------------------------------------------------------

/** The part of a parsed document the reading needs (DOMParser's Document, or linkedom's). */
export interface ParsedReport {
  querySelectorAll(selector: string): ArrayLike<ReportElement>;
  getElementById(id: string): ReportElement | null;
}
export interface ReportElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<ReportElement>;
}

/** What the file holds: each embedded image's hash, each record's hash, by id. */
export interface ReportContents {
  images: Map<string, string>;
  records: Map<string, string>;
}

/**
 * A record's canonical form: {"id", "images", "text"} — its id, the embedded images it shows (the
 * ids its <use> elements refer to, in order) and the text of every element marked
 * data-record="<id>", in document order, each with its white space collapsed to one space and
 * trimmed.
 */
export async function readReport(doc: ParsedReport): Promise<ReportContents> {
  const images = new Map<string, string>();
  for (const image of Array.from(doc.querySelectorAll('svg.image-defs image[id]'))) {
    const bytes = dataUrlBytes(image.getAttribute('href') ?? '');
    images.set(image.getAttribute('id')!, bytes ? await sha256Hex(bytes) : 'unreadable');
  }
  const parts = new Map<string, { text: string[]; images: string[] }>();
  for (const element of Array.from(doc.querySelectorAll('[data-record]'))) {
    const id = element.getAttribute('data-record')!;
    const part = parts.get(id) ?? { text: [], images: [] };
    part.text.push((element.textContent ?? '').replace(/\s+/g, ' ').trim());
    for (const use of Array.from(element.querySelectorAll('use')))
      part.images.push((use.getAttribute('href') ?? '').replace(/^#/, ''));
    parts.set(id, part);
  }
  const records = new Map<string, string>();
  for (const [id, part] of parts) records.set(id, await sha256Hex(canonicalJson({ id, ...part })));
  return { images, records };
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The report hash: SHA-256 of the file's bytes with the seal's content (the bytes between the one
 * `<script type="application/json" id="tpa-seal">` and the next `</script>`) left out. Null when
 * the file has no seal, or more than one.
 */
export async function reportHash(file: Uint8Array): Promise<string | null> {
  const open = utf8.encode(SEAL_OPEN);
  const start = indexOfBytes(file, open);
  if (start < 0 || indexOfBytes(file, open, start + 1) >= 0) return null;
  const contentStart = start + open.length;
  const end = indexOfBytes(file, utf8.encode(SCRIPT_CLOSE), contentStart);
  if (end < 0) return null;
  const canonical = new Uint8Array(file.length - (end - contentStart));
  canonical.set(file.subarray(0, contentStart), 0);
  canonical.set(file.subarray(end), contentStart);
  return sha256Hex(canonical);
}

// --- export -----------------------------------------------------------------------------------

/** What the export knows of each embedded image and record beyond the file (names, not data). */
export interface ManifestInput {
  generator: string;
  createdAt: number;
  auditId: string;
  /** By embedded image id: the steps shown with it. */
  imageRecords: ReadonlyMap<string, ImageRecordRef[]>;
  /** By step id: how the report names it. */
  recordNames: ReadonlyMap<string, Omit<ManifestRecord, 'kind' | 'id' | 'sha256'>>;
  signer: ReportSigner | null;
}

/**
 * Adds the manifest and the seal to a rendered report (before its last `</body>`): the manifest
 * from the file's own contents (`parse` reads `html` as data), the seal with the report hash and,
 * with a signer, its signature.
 */
export async function sealReport(
  html: string,
  parse: (html: string) => ParsedReport,
  input: ManifestInput,
): Promise<string> {
  const contents = await readReport(parse(html));
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    generator: input.generator,
    createdAt: new Date(input.createdAt).toISOString(),
    auditId: input.auditId,
    images: [...contents.images].map(([id, sha256]) => ({
      id,
      sha256,
      records: input.imageRecords.get(id) ?? [],
    })),
    records: [...contents.records].map(([id, sha256]) => {
      const name = input.recordNames.get(id);
      return {
        kind: 'step' as const,
        id,
        journeyId: name?.journeyId ?? '',
        walk: name?.walk ?? '',
        seq: name?.seq ?? 0,
        title: name?.title ?? '',
        stage: name?.stage ?? '',
        sha256,
      };
    }),
    signer: input.signer
      ? { publicKey: input.signer.publicKey, fingerprint: input.signer.fingerprint }
      : null,
  };
  const body = html.lastIndexOf('</body>');
  const at = body < 0 ? html.length : body;
  const blocks = (seal: string) =>
    `<script type="application/json" id="${MANIFEST_ID}">${scriptJson(Manifest.parse(manifest))}${SCRIPT_CLOSE}\n${SEAL_OPEN}${seal}${SCRIPT_CLOSE}\n`;
  const unsealed = html.slice(0, at) + blocks('') + html.slice(at);
  const hash = (await reportHash(utf8.encode(unsealed)))!;
  const signature = input.signer
    ? {
        algorithm: 'ECDSA-P256-SHA256' as const,
        value: base64url(await input.signer.sign(utf8.encode(SIGNED_PREFIX + hash))),
      }
    : null;
  const seal: Seal = { reportHash: { algorithm: 'SHA-256', value: hash }, signature };
  return html.slice(0, at) + blocks(scriptJson(seal)) + html.slice(at);
}

// --- verification -----------------------------------------------------------------------------

export type VerifyProblem =
  | { kind: 'no-manifest' }
  | { kind: 'bad-manifest' }
  | { kind: 'no-seal' };

export type SignatureCheck =
  | { state: 'unsigned' }
  | { state: 'valid'; fingerprint: string }
  /** The signature does not verify, or the key is not the one the manifest names. */
  | { state: 'invalid'; fingerprint: string };

export interface Verification {
  manifest: Manifest;
  /** The report hash recomputed matches the seal's. */
  hashMatches: boolean;
  images: {
    matching: ManifestImage[];
    changed: ManifestImage[];
    /** In the manifest, not in the file. */
    missing: ManifestImage[];
    /** In the file, not in the manifest (element ids). */
    extra: string[];
  };
  records: {
    matching: ManifestRecord[];
    changed: ManifestRecord[];
    missing: ManifestRecord[];
    extra: string[];
  };
  signature: SignatureCheck;
  /** Everything matches and any signature is valid. */
  ok: boolean;
}

function parseJson(text: string | null | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/** Checks a report file (its exact bytes) against its manifest and seal. */
export async function verifyReport(
  file: Uint8Array,
  parse: (html: string) => ParsedReport,
): Promise<Verification | VerifyProblem> {
  const doc = parse(new TextDecoder().decode(file));
  const manifestElement = doc.getElementById(MANIFEST_ID);
  if (!manifestElement) return { kind: 'no-manifest' };
  const manifest = Manifest.safeParse(parseJson(manifestElement.textContent));
  if (!manifest.success) return { kind: 'bad-manifest' };
  const seal = Seal.safeParse(parseJson(doc.getElementById(SEAL_ID)?.textContent));
  const hash = await reportHash(file);
  if (!seal.success || hash === null) return { kind: 'no-seal' };
  const contents = await readReport(doc);
  const m = manifest.data;

  const images: Verification['images'] = { matching: [], changed: [], missing: [], extra: [] };
  for (const image of m.images) {
    const found = contents.images.get(image.id);
    if (found === undefined) images.missing.push(image);
    else (found === image.sha256 ? images.matching : images.changed).push(image);
  }
  const listed = new Set(m.images.map((i) => i.id));
  images.extra = [...contents.images.keys()].filter((id) => !listed.has(id));

  const records: Verification['records'] = { matching: [], changed: [], missing: [], extra: [] };
  for (const record of m.records) {
    const found = contents.records.get(record.id);
    if (found === undefined) records.missing.push(record);
    else (found === record.sha256 ? records.matching : records.changed).push(record);
  }
  const known = new Set(m.records.map((r) => r.id));
  records.extra = [...contents.records.keys()].filter((id) => !known.has(id));

  const hashMatches = hash === seal.data.reportHash.value;
  let signature: SignatureCheck = { state: 'unsigned' };
  if (m.signer || seal.data.signature) {
    const fingerprint = m.signer ? await fingerprintOf(m.signer.publicKey) : '';
    // A signature counts only for the file it sealed: the hash must match too.
    const valid =
      hashMatches &&
      !!m.signer &&
      !!seal.data.signature &&
      fingerprint === m.signer.fingerprint &&
      (await verifySignature(
        m.signer.publicKey,
        seal.data.signature.value,
        utf8.encode(SIGNED_PREFIX + seal.data.reportHash.value),
      ));
    signature = { state: valid ? 'valid' : 'invalid', fingerprint };
  }
  const ok =
    hashMatches &&
    images.changed.length + images.missing.length + images.extra.length === 0 &&
    records.changed.length + records.missing.length + records.extra.length === 0 &&
    signature.state !== 'invalid';
  return { manifest: m, hashMatches, images, records, signature, ok };
}
