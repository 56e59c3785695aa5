/**
 * Hostile bundles: each is refused whole, with its own code and a message that names the file or
 * field. Each starts from a valid bundle and changes one thing (the manifest is rebuilt to match,
 * unless the manifest is the thing changed).
 */
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLE_ERROR_CODES,
  BundleError,
  readBundle,
  type BundleErrorCode,
  type BundleLimits,
} from '../../lib/bundle';
import type { RecordsFile } from '../../lib/bundle/format';
import { legacyProgramme } from '../../lib/model';
import {
  asVersion,
  asVersion1,
  blobBytes,
  decode,
  deflated,
  encode,
  entriesOf,
  HOSTILE,
  IMAGES,
  imagePathOf,
  manifestFor,
  pack,
  rawZip,
  recordsOf,
  sampleFiles,
  sha256,
  stored,
  uuid,
  wholePng,
  withImage,
  withRecords,
  type BundleFiles,
  type RawEntry,
} from './bundle-fixtures';

/** The codes the cases below produced: together they must be every code there is. */
const seen = new Set<BundleErrorCode>();
let base: BundleFiles;
let records: RecordsFile;
/** The index of the PNG screenshot (its image is used by no other record). */
let png: number;
let pngPath: string;

beforeAll(async () => {
  base = await sampleFiles();
  records = recordsOf(base);
  png = records.screenshots.findIndex((s) => s.mime === 'image/png');
  pngPath = imagePathOf(records.screenshots[png]!);
});

async function refused(
  file: Blob | Uint8Array<ArrayBuffer>,
  code: BundleErrorCode,
  mentions: string,
  limits?: Partial<BundleLimits>,
): Promise<BundleError> {
  const blob = file instanceof Blob ? file : new Blob([file]);
  const error = await readBundle(blob, { limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  const bundleError = error as BundleError;
  seen.add(bundleError.code);
  expect({ code: bundleError.code, message: bundleError.message }).toMatchObject({ code });
  expect(bundleError.message).toContain(mentions);
  return bundleError;
}

/** The base bundle's entries with one changed. */
function changed(
  path: string,
  change: (entry: RawEntry) => RawEntry,
  files = base,
): Uint8Array<ArrayBuffer> {
  return rawZip(entriesOf(files).map((entry) => (entry.name === path ? change(entry) : entry)));
}

/** records.json as text, edited as text (for JSON that JSON.stringify would never write). */
function withRecordsText(edit: (text: string) => string): BundleFiles {
  return new Map(base).set('records.json', encode(edit(decode(base.get('records.json')!))));
}

describe('the sample bundle', () => {
  it('is valid as packed by the test zip writer (so each case below changes one thing)', async () => {
    const { data } = await readBundle(pack(base));
    expect(data.screenshots).toHaveLength(5);
  });
});

describe('refused: not a (whole) zip', () => {
  it('0 bytes', async () => {
    await refused(new Blob([]), 'empty', 'empty');
  });

  it('text', async () => {
    await refused(new Blob([`${HOSTILE}\nnot a zip`]), 'not-zip', 'not a zip');
  });

  it('cut in half', async () => {
    const bytes = await blobBytes(pack(base));
    await refused(bytes.slice(0, bytes.length >> 1), 'truncated', 'cut short');
  });

  it('a central directory whose compressed size points past the end', async () => {
    const zip = changed(pngPath, (e) => ({ ...e, compressedSize: 50_000_000 }));
    const error = await refused(zip, 'truncated', pngPath);
    expect(error.path).toBe(pngPath);
  });

  it('a central directory that ends past the end record', async () => {
    const bytes = rawZip(entriesOf(base));
    const view = new DataView(bytes.buffer);
    view.setUint32(bytes.length - 10, view.getUint32(bytes.length - 10, true) + 100, true);
    await refused(bytes, 'truncated', 'central directory');
  });

  it('zip64 (65,535 entries marker)', async () => {
    await refused(rawZip(entriesOf(base), { count: 0xffff }), 'too-large', 'zip64');
  });
});

describe('refused: unsafe names', () => {
  it.each([
    ['../x', '..'],
    ['images/../../x', '..'],
    ['/etc/passwd', 'absolute'],
    ['C:\\x', 'backslash'],
    ['C:/x', 'drive letter'],
    ['images/a\u0000.png', 'control character'],
    ['images\u001b[2J/a.png', 'control character'],
    ['images//a.png', 'empty segment'],
  ])('%j', async (name, why) => {
    const bytes = encode('x');
    const error = await refused(
      pack(new Map(base).set(name, bytes)),
      'unsafe-path',
      JSON.stringify(name),
    );
    expect(error.message).toContain(why);
    expect(error.path).toBe(name);
  });

  it('a name that is not UTF-8', async () => {
    const zip = rawZip([
      ...entriesOf(base),
      { ...stored('x', encode('x')), nameBytes: new Uint8Array([0x69, 0xff, 0xfe]) },
    ]);
    await refused(zip, 'unsafe-path', 'not UTF-8');
  });

  it('a local header that names another file than the directory', async () => {
    await refused(
      changed('records.json', (e) => ({ ...e, localName: '../../evil.sh' })),
      'corrupt',
      'records.json',
    );
  });
});

describe('refused: files the format does not have', () => {
  it('an unexpected file', async () => {
    await refused(
      pack(new Map(base).set('notes.txt', encode('hi'))),
      'unexpected-file',
      'notes.txt',
    );
  });

  it('an image name that is not a SHA-256', async () => {
    await refused(
      pack(new Map(base).set('images/cat.png', IMAGES.png2x3)),
      'unexpected-file',
      'images/cat.png',
    );
  });

  it('the same name twice', async () => {
    const entries = entriesOf(base);
    const records = entries.find((e) => e.name === 'records.json')!;
    await refused(rawZip([...entries, records]), 'duplicate-file', 'records.json');
  });

  it('an image in the zip that no screenshot uses', async () => {
    const path = `images/${sha256(IMAGES.jpeg5x4.slice(1))}.jpg`;
    await refused(pack(new Map(base).set(path, IMAGES.jpeg5x4.slice(1))), 'unexpected-file', path);
  });
});

describe('refused: zip bombs', () => {
  it('a deflate ratio above 100:1', async () => {
    const bomb = deflated('records.json', new Uint8Array(4 * 1024 * 1024).fill(0x20));
    const error = await refused(
      changed('records.json', () => bomb),
      'zip-bomb',
      'records.json',
    );
    expect(error.message).toContain('100:1');
  });

  it('an image declaring more than 64 MiB', async () => {
    const zip = changed(pngPath, (e) => ({
      ...e,
      method: 8,
      payload: new Uint8Array(1024),
      size: 65 * 1024 * 1024,
    }));
    await refused(zip, 'zip-bomb', pngPath);
  });

  it('records.json declaring more than 64 MiB (oversized JSON, ratio under 100:1)', async () => {
    const zip = changed('records.json', (e) => ({
      ...e,
      payload: new Uint8Array(1024 * 1024).fill(7),
      size: 65 * 1024 * 1024,
    }));
    const error = await refused(zip, 'zip-bomb', 'records.json');
    expect(error.params).toMatchObject({ bytes: 65 * 1024 * 1024, limit: 64 * 1024 * 1024 });
  });

  it('JSON above a stricter per-file limit', async () => {
    await refused(pack(base), 'zip-bomb', 'records.json', { recordsBytes: 1000 });
  });

  it('files adding up to more than the total limit', async () => {
    await refused(pack(base), 'zip-bomb', 'add up to more than 3000 bytes', { totalBytes: 3000 });
  });

  it('a deflated file that inflates to more than it declares (lying size)', async () => {
    const zip = changed('manifest.json', (e) => ({ ...e, size: 100 }));
    await refused(zip, 'zip-bomb', 'manifest.json inflates to more than its declared 100 bytes');
  });

  it('entries that share bytes (overlap)', async () => {
    const entries = entriesOf(base);
    const zip = rawZip([
      ...entries,
      { ...stored(pngPath.replace('.png', '.jpg'), encode('x')), offset: 0 },
    ]);
    await refused(zip, 'zip-bomb', 'overlaps');
  });
});

describe('refused: zip features a bundle never uses', () => {
  it('compression method 12 (bzip2)', async () => {
    await refused(
      changed('records.json', (e) => ({ ...e, method: 12 })),
      'unsupported-zip',
      'records.json',
    );
  });

  it('the encryption flag', async () => {
    await refused(
      changed(pngPath, (e) => ({ ...e, flags: 1 })),
      'unsupported-zip',
      `${pngPath} is encrypted`,
    );
  });

  it('a corrupt deflate stream', async () => {
    const size = base.get('records.json')!.length;
    const zip = changed('records.json', (e) => ({
      ...e,
      payload: new Uint8Array([0x07, 1, 2, 3]),
      size,
    }));
    await refused(zip, 'corrupt', 'records.json');
  });
});

describe('refused: JSON', () => {
  it('records.json that does not parse', async () => {
    await refused(
      pack(new Map(base).set('records.json', encode('{"format":'))),
      'invalid-json',
      'records.json',
    );
  });

  it('a __proto__ key nested in a record', async () => {
    const files = withRecordsText((t) =>
      t.replace('"role":', '"__proto__":{"isAdmin":true},"role":'),
    );
    const error = await refused(pack(files), 'forbidden-key', 'brands[0].__proto__');
    expect(error.field).toBe('brands[0].__proto__');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('a constructor.prototype key in the manifest', async () => {
    const manifest = decode(manifestFor(base)).replace(
      '{',
      '{"constructor":{"prototype":{"polluted":1}},',
    );
    const files = new Map(base).set('manifest.json', encode(manifest));
    const error = await refused(
      pack(files, { fixManifest: false }),
      'forbidden-key',
      'manifest.json',
    );
    expect(error.field).toBe('constructor');
  });

  it('a "prototype" key spelt with a JSON escape', async () => {
    const files = withRecordsText((t) => t.replace('"seq":', '"\\u0070rototype":1,"seq":'));
    await refused(pack(files), 'forbidden-key', 'touchpoints[0].prototype');
  });

  it('records nested a million arrays deep (no stack overflow, no hang)', async () => {
    const deep = `${'['.repeat(1e6)}${']'.repeat(1e6)}`;
    const files = withRecordsText((t) => t.replace('"audits":[', `"audits":[${deep},`));
    // Stored: deflated, 2 MB of brackets would be refused as a bomb before parsing.
    const zip = changed(
      'records.json',
      () => stored('records.json', files.get('records.json')!),
      files,
    );
    const error = await refused(zip, 'invalid-records', 'nested deeper than 16 levels');
    expect(error.field).toBe(`audits[0]${'[0]'.repeat(14)}`);
  });

  it('another format', async () => {
    const manifest = manifestFor(base, { format: 'some-other-app' });
    const files = new Map(base).set('manifest.json', manifest);
    await refused(pack(files, { fixManifest: false }), 'not-a-bundle', 'manifest.json');
  });

  it('a newer version (manifest)', async () => {
    const files = new Map(base).set(
      'manifest.json',
      manifestFor(base, { version: 7, files: 'new' }),
    );
    const error = await refused(
      pack(files, { fixManifest: false }),
      'newer-version',
      'format version 7',
    );
    expect(error.message).toContain('update the extension');
    expect(error.params.version).toBe(7);
  });

  it('a newer version (records.json)', async () => {
    const files = withRecords(base, (r) => Object.assign(r, { version: 7 }));
    await refused(
      pack(files),
      'newer-version',
      'records.json was made by a newer Touchpoint Audit (format version 7)',
    );
  });

  it('records.json of another version than the manifest', async () => {
    const files = withRecords(base, (r) => Object.assign(r, { version: 1 }));
    const error = await refused(
      pack(files),
      'invalid-records',
      'records.json: version: 1, but the manifest says 6',
    );
    expect(error.field).toBe('version');
  });

  it('a version 1 record that has a field of version 2', async () => {
    const files = asVersion1(base, (r) => Object.assign(r.touchpoints![1]!, { typeId: 'x' }));
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      'touchpoints[1].typeId: not a field of format version 1',
    );
    expect(error.field).toBe('touchpoints[1].typeId');
  });

  it('a version 3 screenshot that has a field of version 4', async () => {
    const files = asVersion(3, base, (r) =>
      Object.assign(r.screenshots![2]!, { coveredFrames: [] }),
    );
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      'screenshots[2].coveredFrames: not a field of format version 3',
    );
    expect(error.field).toBe('screenshots[2].coveredFrames');
  });

  it('a version 4 bundle that has a table of version 5', async () => {
    const files = asVersion(4, base, (r) => Object.assign(r, { brands: [] }));
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      'brands: not a table of format version 4',
    );
    expect(error.field).toBe('brands');
  });

  it('a version 4 journey that has a field of version 5', async () => {
    const files = asVersion(4, base, (r) =>
      Object.assign(r.journeys![1]!, { waveId: r.journeys![0]!.id }),
    );
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      'journeys[1].waveId: not a field of format version 4',
    );
    expect(error.field).toBe('journeys[1].waveId');
  });

  it.each([
    ['a role version 4 did not have', 'brandRole', 'benchmark'],
    ['no brand name', 'brandName', undefined],
    ['a blank brand name', 'brandName', '   '],
    ['a domain that is not text', 'brandDomain', { host: 'x' }],
  ])('a version 4 journey with %s, naming the journey and the field', async (_, key, value) => {
    const files = asVersion(4, base, (r) => {
      const journey = r.journeys![2]!;
      if (value === undefined) delete journey[key];
      else journey[key] = value;
    });
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      `journeys[2].${key}`,
    );
    expect(error.field).toBe(`journeys[2].${key}`);
  });

  it('an older audit of 250,000 journeys makes one brand and wave (no call runs out of stack)', () => {
    // What the reader runs for each audit of an older bundle (zod's checks aside, which take long).
    const journeys = Array.from({ length: 250_000 }, (_, i) => ({
      id: uuid(0x100000 + i),
      auditId: uuid(1),
      brandName: i % 2 ? 'Brightline' : ' brightline',
      brandDomain: '',
      brandRole: 'own' as const,
      createdAt: Date.UTC(2026, 0, 1) + i * 60_000,
      updatedAt: 0,
    }));
    const made = legacyProgramme(uuid(1), journeys, 0);
    expect(made.brands).toHaveLength(1);
    expect(made.waves.map((w) => [w.start, w.end])).toEqual([
      [Date.UTC(2026, 0, 1), Date.UTC(2026, 5, 23)],
    ]);
    // About 3 s here; room for a loaded machine (no timing is asserted).
  }, 30_000);

  it('a version 2 journey of an audit not in the bundle is named by its audit', async () => {
    const files = asVersion(2, base, (r) => (r.journeys![0]!.auditId = uuid(0x998)));
    await refused(pack(files, { fixManifest: false }), 'dangling-reference', 'journeys[0].auditId');
  });

  it('a version 1 record that fails its schema is named by its own field', async () => {
    // A stage too long to be a name is not made a custom stage: the step is refused for it.
    const files = asVersion1(base, (r) =>
      Object.assign(r.touchpoints![0]!, { stage: 'x'.repeat(81) }),
    );
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-records',
      'touchpoints[0].stage',
    );
    expect(error.field).toBe('touchpoints[0].stage');
  });

  it('a manifest that fails its schema', async () => {
    const manifest = JSON.parse(decode(manifestFor(base))) as { files: { bytes: number }[] };
    manifest.files[0]!.bytes = -1;
    const files = new Map(base).set('manifest.json', encode(JSON.stringify(manifest)));
    const error = await refused(
      pack(files, { fixManifest: false }),
      'invalid-manifest',
      'files[0].bytes',
    );
    expect(error.field).toBe('files[0].bytes');
  });
});

describe('refused: records', () => {
  it.each([
    [
      'a string where a number goes',
      'touchpoints[0].seq',
      (r: RecordsFile) => Object.assign(r.touchpoints[0]!, { seq: '1' }),
    ],
    [
      'an unknown brand role',
      'brands[0].role',
      (r: RecordsFile) => Object.assign(r.brands[0]!, { role: 'partner' }),
    ],
    [
      'a wave that ends before it starts',
      'waves[1].end',
      (r: RecordsFile) => Object.assign(r.waves[1]!, { end: r.waves[1]!.start - 1 }),
    ],
    [
      'a journey that still carries a brand name',
      'journeys[2]',
      (r: RecordsFile) => Object.assign(r.journeys[2]!, { brandName: 'Brightline' }),
    ],
    [
      'a javascript: URL',
      'touchpoints[1].url',
      (r: RecordsFile) => Object.assign(r.touchpoints[1]!, { url: 'javascript:alert(1)' }),
    ],
    [
      'a field the schema does not have',
      'screenshots[0]',
      (r: RecordsFile) => Object.assign(r.screenshots[0]!, { html: HOSTILE }),
    ],
    [
      'a thumbnail that is a data: URL',
      'screenshots[2].thumbnail',
      (r: RecordsFile) =>
        Object.assign(r.screenshots[2]!, { thumbnail: 'data:image/png;base64,AAAA' }),
    ],
    [
      'a score out of range',
      'touchpoints[2].experience',
      (r: RecordsFile) => Object.assign(r.touchpoints[2]!, { experience: 6 }),
    ],
  ])('%s', async (_, field, edit) => {
    const error = await refused(pack(withRecords(base, edit)), 'invalid-records', field);
    expect(error.field).toBe(field);
    expect(error.path).toBe('records.json');
  });

  it('the same id twice in a table', async () => {
    const files = withRecords(base, (r) => (r.touchpoints[1]!.id = r.touchpoints[0]!.id));
    const error = await refused(pack(files), 'duplicate-id', 'touchpoints[1].id');
    expect(error.message).toContain('touchpoints[0].id');
  });

  it('the same id in two tables', async () => {
    const files = withRecords(base, (r) => (r.actionItems[0]!.id = r.audits[0]!.id));
    await refused(pack(files), 'duplicate-id', 'actionItems[0].id');
  });

  it('a step whose journey is not in the bundle', async () => {
    const files = withRecords(base, (r) => (r.touchpoints[0]!.journeyId = uuid(0x999)));
    await refused(pack(files), 'dangling-reference', 'touchpoints[0].journeyId');
  });

  it('a journey whose brand is not in the bundle', async () => {
    const files = withRecords(base, (r) => (r.journeys[1]!.brandId = uuid(0x999)));
    const error = await refused(pack(files), 'dangling-reference', 'journeys[1].brandId');
    expect(error.message).toContain('its brand');
  });

  it('a journey whose wave is not in the bundle', async () => {
    const files = withRecords(base, (r) => (r.journeys[0]!.waveId = uuid(0x999)));
    await refused(pack(files), 'dangling-reference', 'journeys[0].waveId');
  });

  it('a journey whose brand belongs to another audit', async () => {
    const files = withRecords(base, (r) => {
      const other = r.brands.find((b) => b.auditId !== r.journeys[0]!.auditId)!;
      r.journeys[0]!.brandId = other.id;
    });
    const error = await refused(pack(files), 'foreign-reference', 'journeys[0].brandId');
    expect(error.message).toContain(`the journey's audit ${uuid(2)}`);
  });

  it('a journey whose wave belongs to another audit', async () => {
    const files = withRecords(base, (r) => {
      const other = r.waves.find((w) => w.auditId !== r.journeys[2]!.auditId)!;
      r.journeys[2]!.waveId = other.id;
    });
    await refused(pack(files), 'foreign-reference', 'journeys[2].waveId');
  });

  it('a brand whose audit is not in the bundle', async () => {
    const files = withRecords(base, (r) => (r.brands[0]!.auditId = uuid(0x998)));
    await refused(pack(files), 'dangling-reference', 'brands[0].auditId');
  });

  it('a wave whose audit is not in the bundle', async () => {
    const files = withRecords(base, (r) => (r.waves[0]!.auditId = uuid(0x998)));
    await refused(pack(files), 'dangling-reference', 'waves[0].auditId');
  });

  it('a deletion of a record the bundle holds', async () => {
    const files = withRecords(base, (r) => (r.deletions[0]!.id = r.touchpoints[0]!.id));
    await refused(pack(files), 'dangling-reference', 'deletions[0].id');
  });
});

describe('refused: files against the manifest', () => {
  it('no manifest', async () => {
    const files = new Map(base);
    files.delete('manifest.json');
    await refused(pack(files, { fixManifest: false }), 'missing-file', 'manifest.json');
  });

  it('no records.json', async () => {
    const files = new Map(base);
    files.delete('records.json');
    await refused(pack(files), 'missing-file', 'records.json');
  });

  it('a file the manifest does not list', async () => {
    const extra = IMAGES.png2x3.slice(0, 50);
    const path = `images/${sha256(extra)}.png`;
    const files = new Map(base).set('manifest.json', manifestFor(base)).set(path, extra);
    await refused(pack(files, { fixManifest: false }), 'unlisted-file', path);
  });

  it('a file the manifest lists that is not in the zip', async () => {
    const files = new Map(base);
    files.delete(pngPath);
    files.set('manifest.json', manifestFor(base));
    await refused(pack(files, { fixManifest: false }), 'missing-file', pngPath);
  });

  it('records.json whose bytes differ from the manifest hash', async () => {
    const manifest = decode(manifestFor(base)).replace(
      sha256(base.get('records.json')!),
      'f'.repeat(64),
    );
    const files = new Map(base).set('manifest.json', encode(manifest));
    await refused(pack(files, { fixManifest: false }), 'hash-mismatch', 'records.json');
  });
});

describe('refused: images', () => {
  it('a screenshot whose image file is missing', async () => {
    const files = new Map(base);
    files.delete(pngPath);
    const error = await refused(pack(files), 'missing-image', pngPath);
    expect(error.field).toBe(`screenshots[${png}].sha256`);
  });

  it('a thumbnail file that is missing', async () => {
    const thumb = records.screenshots[png]!.thumbnail;
    const path = imagePathOf(thumb);
    const files = new Map(base);
    files.delete(path);
    await refused(pack(files), 'missing-image', path);
  });

  it('an image whose bytes do not hash to its name', async () => {
    // The last byte (in the IEND CRC) flipped: still a PNG of the same size, another hash.
    const tampered = IMAGES.png2x3.map((byte, i, all) => (i === all.length - 1 ? byte ^ 1 : byte));
    const error = await refused(
      pack(new Map(base).set(pngPath, tampered)),
      'hash-mismatch',
      pngPath,
    );
    expect(error.message).toContain('its name');
  });

  it('an "image" that is text, with the right hash and size everywhere', async () => {
    const text = encode(`${HOSTILE}<script>alert(1)</script>`);
    const path = `images/${sha256(text)}.png`;
    const files = withRecords(base, (r) =>
      Object.assign(r.screenshots[png]!, { sha256: sha256(text), bytes: text.length }),
    );
    files.delete(pngPath);
    files.set(path, text);
    const error = await refused(pack(files), 'not-an-image', path);
    expect(error.message).toContain('not a PNG, JPEG or WebP');
  });

  it('a PNG that says it is a JPEG', async () => {
    const files = withRecords(base, (r) => (r.screenshots[png]!.mime = 'image/jpeg'));
    const jpgPath = pngPath.replace(/png$/, 'jpg');
    files.delete(pngPath);
    files.set(jpgPath, IMAGES.png2x3);
    await refused(pack(files), 'not-an-image', jpgPath);
  });

  it('an image whose pixel size differs from its record', async () => {
    const files = withRecords(base, (r) => (r.screenshots[png]!.width = 1280));
    const error = await refused(pack(files), 'not-an-image', pngPath);
    expect(error.message).toContain('2×3');
    expect(error.field).toBe(`screenshots[${png}].width`);
  });

  it('a PNG cut short, its hashes and sizes consistent everywhere (more: bundle-images.test.ts)', async () => {
    const cut = wholePng(64, 64).slice(0, -20);
    const { files, path } = withImage(base, png, cut, { mime: 'image/png', width: 64, height: 64 });
    const error = await refused(pack(files), 'undecodable-image', path);
    expect(error.message).toContain('cut short');
  });

  it('a valid 20,000 × 20,000 px PNG of a few KB (a decompression bomb)', async () => {
    // 1-bit grey rows of zeros: 50 MB of pixel data, deflated by Node's zlib to about 50 KB.
    const bomb = wholePng(20_000, 20_000, {
      colour: 0,
      depth: 1,
      deflate: (raw) => new Uint8Array(deflateSync(raw, { level: 9 })),
    });
    const size = { mime: 'image/png' as const, width: 20_000, height: 20_000 };
    const { files, path } = withImage(base, png, bomb, size);
    const error = await refused(pack(files), 'image-too-large', path);
    expect(error.message).toContain('20000 × 20000 px');
  });

  it('an image whose length differs from its record', async () => {
    const files = withRecords(base, (r) => (r.screenshots[png]!.bytes += 1));
    const error = await refused(pack(files), 'hash-mismatch', `screenshots[${png}].bytes`);
    expect(error.path).toBe(pngPath);
  });
});

describe('the cases above', () => {
  it('produce every error code there is', () => {
    expect([...seen].sort()).toEqual([...BUNDLE_ERROR_CODES].sort());
  });
});
