import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BundleError, readBundle, writeBundle } from '../../lib/bundle';
import { readDirectory } from '../../lib/bundle/zip';
import type { DataSet } from '../../lib/model';
import {
  asOlderReads,
  asVersion,
  asVersion1,
  blobBytes,
  decode,
  deflated,
  HOSTILE,
  IMAGES,
  imagePathOf,
  manifestFor,
  pack,
  plainRecords,
  rawZip,
  SAMPLE_OPTIONS,
  sampleDataSet,
  sampleFiles,
  sha256,
  stored,
  uuid,
  withRecords,
} from './bundle-fixtures';

async function imageBytes(data: DataSet) {
  const out: Record<
    string,
    { image: string; imageType: string; thumbnail: string; thumbType: string }
  > = {};
  for (const screenshot of data.screenshots) {
    const image = data.images.find((i) => i.id === screenshot.id)!.blob;
    out[screenshot.id] = {
      image: sha256(await blobBytes(image)),
      imageType: image.type,
      thumbnail: sha256(await blobBytes(screenshot.thumbnail)),
      thumbType: screenshot.thumbnail.type,
    };
  }
  return out;
}

async function refusal(promise: Promise<unknown>): Promise<BundleError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BundleError);
  return error as BundleError;
}

describe('bundle round trip', () => {
  it('reads back exactly what was written, and writes it again byte for byte', async () => {
    const data = sampleDataSet();
    const progress: [number, number][] = [];
    const blob = await writeBundle(data, {
      ...SAMPLE_OPTIONS,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(blob.type).toBe('application/zip');
    expect(progress.at(-1)).toEqual([12, 12]);
    expect(progress.map(([done]) => done)).toEqual([...Array(12).keys()].map((i) => i + 1));

    const { data: read, info } = await readBundle(blob);
    expect(plainRecords(read)).toEqual(plainRecords(data));
    expect(await imageBytes(read)).toEqual(await imageBytes(data));
    expect(read.touchpoints.find((t) => t.id === uuid(0x23))!.url).toHaveLength(70_000);
    expect(read.brands.map((b) => b.role).sort()).toEqual([
      'benchmark',
      'competitor',
      'own',
      'own',
    ]);
    expect(read.waves).toHaveLength(3);
    expect(info).toEqual({
      format: 'touchpoint-audit-bundle',
      version: 6,
      createdAt: SAMPLE_OPTIONS.now,
      generator: 'Touchpoint Audit',
      scope: { kind: 'all' },
      includes: { identity: true, userAgent: true, fileNames: true },
      fileCount: 8,
      totalBytes: info.totalBytes,
    });

    // Written again from what was read: the same zip, byte for byte (records and images alike).
    const again = await writeBundle(read, { ...SAMPLE_OPTIONS });
    const first = unzipSync(await blobBytes(blob));
    const second = unzipSync(await blobBytes(again));
    expect(Object.keys(second).sort()).toEqual(Object.keys(first).sort());
    for (const path of Object.keys(first)) expect(second[path], path).toEqual(first[path]);
    expect(await blobBytes(again)).toEqual(await blobBytes(blob));
    expect(info.totalBytes).toBe(Object.values(first).reduce((n, b) => n + b.length, 0));
  });

  it('writes the same records.json whatever the order of the records, and only the manifest holds the time', async () => {
    const data = sampleDataSet();
    const shuffled: DataSet = {
      ...data,
      audits: [...data.audits].reverse(),
      brands: [...data.brands].reverse(),
      waves: [...data.waves].reverse(),
      journeys: [...data.journeys].reverse(),
      touchpoints: [...data.touchpoints].reverse(),
      screenshots: [...data.screenshots].reverse(),
      images: [...data.images].reverse(),
    };
    const a = unzipSync(await blobBytes(await writeBundle(data, { ...SAMPLE_OPTIONS })));
    const b = unzipSync(
      await blobBytes(
        await writeBundle(shuffled, { ...SAMPLE_OPTIONS, now: SAMPLE_OPTIONS.now + 1 }),
      ),
    );
    expect(b['records.json']).toEqual(a['records.json']);
    expect(JSON.parse(decode(b['manifest.json']!)).createdAt).toBe(SAMPLE_OPTIONS.now + 1);
    expect(decode(a['records.json']!)).not.toContain(String(SAMPLE_OPTIONS.now));
  });

  it('lists every file in the manifest, stores images once each and uncompressed, deflates JSON', async () => {
    const data = sampleDataSet();
    const blob = await writeBundle(data, { ...SAMPLE_OPTIONS });
    const files = unzipSync(await blobBytes(blob));
    const manifest = JSON.parse(decode(files['manifest.json']!)) as {
      files: { path: string; sha256: string; bytes: number }[];
    };
    const others = Object.keys(files).filter((p) => p !== 'manifest.json');
    expect(manifest.files.map((f) => f.path)).toEqual([...others].sort());
    for (const listed of manifest.files) {
      expect(listed.sha256, listed.path).toBe(sha256(files[listed.path]!));
      expect(listed.bytes, listed.path).toBe(files[listed.path]!.length);
    }
    // Distinct contents among images and thumbnails: each stored once, named by its hash.
    const distinct = new Set<string>();
    for (const screenshot of data.screenshots) {
      distinct.add(imagePathOf(screenshot));
      const thumb = await blobBytes(screenshot.thumbnail);
      distinct.add(
        imagePathOf({ sha256: sha256(thumb), mime: screenshot.thumbnail.type as 'image/webp' }),
      );
    }
    const images = others.filter((p) => p.startsWith('images/'));
    expect(images.sort()).toEqual([...distinct].sort());
    expect(images).toHaveLength(6); // jpeg3x2 twice, webpLossless2x3 as image and thumbnail
    for (const path of images)
      expect(path).toBe(`images/${sha256(files[path]!)}.${path.split('.')[1]}`);

    const { entries } = await readDirectory(blob);
    for (const entry of entries) {
      expect(entry.method, entry.path).toBe(entry.path.endsWith('.json') ? 8 : 0);
    }
  });

  it('gives stored images back as slices of the file, typed by their mime', async () => {
    const { data } = await readBundle(await writeBundle(sampleDataSet(), { ...SAMPLE_OPTIONS }));
    const png = data.images.find((i) => i.id === uuid(0x32))!.blob;
    expect(png.type).toBe('image/png');
    expect(await blobBytes(png)).toEqual(IMAGES.png2x3);
    expect(data.screenshots.find((s) => s.id === uuid(0x34))!.thumbnail.type).toBe('image/webp');
  });

  it('is a zip that Python zipfile and unzip -t accept', async () => {
    const bytes = await blobBytes(await writeBundle(sampleDataSet(), { ...SAMPLE_OPTIONS }));
    const dir = mkdtempSync(join(tmpdir(), 'tpa-'));
    try {
      const file = join(dir, 'sample.tpa.zip');
      writeFileSync(file, bytes);
      const script = [
        'import sys, zipfile',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'print(",".join(f"{i.filename}:{i.compress_type}" for i in z.infolist()))',
      ].join('\n');
      const listing = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim();
      expect(listing.split(',')).toHaveLength(8);
      expect(listing).toContain('records.json:8');
      expect(listing).toMatch(/images\/[0-9a-f]{64}\.png:0/);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain(
        'No errors detected',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes names as the schemas give them (trimmed), a scope with sorted audit ids, and only the format fields of includes', async () => {
    const data = sampleDataSet();
    data.audits[0] = { ...data.audits[0]!, name: '  Аудит  ' };
    const blob = await writeBundle(data, {
      scope: { kind: 'audits', auditIds: [uuid(2), uuid(1)] },
      includes: { identity: false, userAgent: false, fileNames: true, extra: 1 } as never,
      now: 0,
    });
    const { data: read, info } = await readBundle(blob);
    expect(read.audits.find((a) => a.id === uuid(2))!.name).toBe('Аудит');
    expect(info.scope).toEqual({ kind: 'audits', auditIds: [uuid(1), uuid(2)] });
    expect(info.includes).toEqual({ identity: false, userAgent: false, fileNames: true });
    expect(info.createdAt).toBe(0);
  });

  it('reads images another zip tool deflated, and reports progress per file', async () => {
    const files = await sampleFiles();
    const zip = rawZip(
      [...files].map(([path, bytes]) =>
        (path === 'manifest.json' ? stored : deflated)(path, bytes),
      ),
    );
    const progress: number[] = [];
    const { data } = await readBundle(new Blob([zip]), {
      onProgress: (done, total) => progress.push(total - done),
    });
    expect(await blobBytes(data.images.find((i) => i.id === uuid(0x32))!.blob)).toEqual(
      IMAGES.png2x3,
    );
    expect(progress).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('writes an empty data set', async () => {
    const empty: DataSet = {
      audits: [],
      brands: [],
      waves: [],
      journeys: [],
      touchpoints: [],
      screenshots: [],
      actionItems: [],
      images: [],
      deletions: [],
    };
    const { data, info } = await readBundle(await writeBundle(empty, { ...SAMPLE_OPTIONS }));
    expect(data).toEqual(empty);
    expect(info.fileCount).toBe(2);
  });

  it('stores records.json instead of deflating it when deflating would look like a bomb', async () => {
    const data = sampleDataSet();
    // 2 MB of one repeated letter in notes: deflates far better than 100:1.
    data.touchpoints = data.touchpoints.map((t) => ({ ...t, note: 'a'.repeat(20_000) }));
    data.touchpoints.push(
      ...Array.from({ length: 100 }, (_, i) => ({
        ...data.touchpoints[1]!,
        id: uuid(0x1000 + i),
        note: 'a'.repeat(20_000),
      })),
    );
    const blob = await writeBundle(data, { ...SAMPLE_OPTIONS });
    const { entries } = await readDirectory(blob);
    const records = entries.find((e) => e.path === 'records.json')!;
    expect(records.size).toBeGreaterThan(2_000_000);
    expect(records.method).toBe(0);
    expect((await readBundle(blob)).data.touchpoints).toHaveLength(104);
  });
});

describe('writeBundle refuses what it could not read back', () => {
  it('an invalid record, naming its field and id', async () => {
    const data = sampleDataSet();
    data.journeys[1] = { ...data.journeys[1]!, entryChannel: 'pigeon post' };
    const error = await refusal(writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(error.code).toBe('invalid-records');
    expect(error.field).toBe('journeys[0].entryChannel');
    expect(error.message).toContain(uuid(0x11));

    // A well-formed channel id its audit's method does not define (catalogue: channels).
    const unknown = sampleDataSet();
    unknown.journeys[1] = { ...unknown.journeys[1]!, entryChannel: 'pigeon' };
    const channel = await refusal(writeBundle(unknown, { ...SAMPLE_OPTIONS }));
    expect(channel.code).toBe('dangling-reference');
    expect(channel.field).toMatch(/^journeys\[\d\]\.entryChannel$/);
    expect(channel.message).toContain('the channel pigeon is neither built in nor defined');

    const brand = sampleDataSet();
    brand.brands = brand.brands.map((b) =>
      b.id === uuid(0x81) ? { ...b, role: 'partner' as 'own' } : b,
    );
    const role = await refusal(writeBundle(brand, { ...SAMPLE_OPTIONS }));
    expect(role.field).toMatch(/^brands\[\d\]\.role$/);
    expect(role.message).toContain(uuid(0x81));
  });

  it('a journey whose brand is of another audit, naming the journey and the field', async () => {
    const data = sampleDataSet();
    const other = data.brands.find((b) => b.auditId === uuid(1))!;
    data.journeys = data.journeys.map((j) =>
      j.id === uuid(0x11) ? { ...j, brandId: other.id } : j,
    );
    const error = await refusal(writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(error.code).toBe('foreign-reference');
    expect(error.field).toBe('journeys[0].brandId');
  });

  it('an image whose bytes do not hash to its record', async () => {
    const data = sampleDataSet();
    data.images = data.images.map((i) =>
      i.id === uuid(0x32) ? { id: i.id, blob: new Blob([IMAGES.png2x3.slice().reverse()]) } : i,
    );
    const error = await refusal(writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(error.code).toBe('hash-mismatch');
    expect(error.field).toMatch(/^screenshots\[\d\]\.sha256$/);
    expect(error.message).toContain(uuid(0x32));
  });

  it('a screenshot without image, an image without screenshot, a dangling parent, a thumbnail that is not an image', async () => {
    const missing = sampleDataSet();
    missing.images = missing.images.filter((i) => i.id !== uuid(0x35));
    expect((await refusal(writeBundle(missing, { ...SAMPLE_OPTIONS }))).code).toBe('missing-image');

    const extra = sampleDataSet();
    extra.images.push({ id: uuid(0x99), blob: new Blob([IMAGES.png2x3]) });
    expect((await refusal(writeBundle(extra, { ...SAMPLE_OPTIONS }))).code).toBe(
      'dangling-reference',
    );

    const orphan = sampleDataSet();
    orphan.journeys = orphan.journeys.filter((j) => j.id !== uuid(0x13));
    const error = await refusal(writeBundle(orphan, { ...SAMPLE_OPTIONS }));
    expect(error.code).toBe('dangling-reference');
    expect(error.field).toBe('touchpoints[3].journeyId');

    const badThumb = sampleDataSet();
    badThumb.screenshots[0] = { ...badThumb.screenshots[0]!, thumbnail: new Blob(['<svg/>']) };
    expect((await refusal(writeBundle(badThumb, { ...SAMPLE_OPTIONS }))).code).toBe('not-an-image');
  });
});

describe('format versions', () => {
  /** The sample as a version 1 bundle reads: the fields of version 2 at their defaults. */
  function withDefaults(data: DataSet, stages: Record<string, string[]>): DataSet {
    return {
      ...data,
      audits: data.audits.map((audit) => ({
        ...audit,
        method: {
          types: [],
          stages: (stages[audit.id] ?? []).map((name) => ({ name, after: null })),
          checklists: [],
          standards: [],
        },
      })),
      journeys: data.journeys.map((journey) => ({ ...journey, measurements: [] })),
      screenshots: data.screenshots.map((shot) => ({ ...shot, coveredFrames: [] })),
      touchpoints: data.touchpoints.map((step) => ({
        ...step,
        typeId: null,
        checks: [],
        checklists: [],
      })),
      actionItems: data.actionItems.map((action) => ({
        ...action,
        kind: 'action' as const,
        metric: '',
        baseline: '',
        target: '',
      })),
    };
  }

  it('reads a version 1 bundle: its records get the defaults, stages typed on steps become custom stages', async () => {
    const sample = sampleDataSet();
    const files = asVersion1(await sampleFiles(sample));
    const { data, info } = await readBundle(pack(files, { fixManifest: false }));
    expect(info.version).toBe(1);
    expect(plainRecords(data)).toEqual(
      plainRecords(withDefaults(asOlderReads(sample), { [uuid(2)]: ['Своя стадия'] })),
    );
    expect(await imageBytes(data)).toEqual(await imageBytes(sample));

    // Written again it is a bundle of the current version, and reads back as it was read.
    const again = await readBundle(await writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(again.info.version).toBe(6);
    expect(plainRecords(again.data)).toEqual(plainRecords(data));
  });

  it('a version 1 audit gets the distinct stages typed on its steps, trimmed, in the order the steps were made', async () => {
    const sample = sampleDataSet();
    const stageOf: Record<string, { stage: string; createdAt: number }> = {
      // Audit 2: made first, on the competitor's journey.
      [uuid(0x22)]: { stage: 'Своя стадия', createdAt: 10 },
      [uuid(0x21)]: { stage: '  Первый визит ', createdAt: 20 },
      // The same text again (spaces aside): defined once.
      [uuid(0x23)]: { stage: 'Своя стадия ', createdAt: 30 },
      // Audit 1: a built-in stage with spaces around it is still the built-in one.
      [uuid(0x24)]: { stage: ' support', createdAt: 5 },
    };
    const files = asVersion1(await sampleFiles(sample), (records) => {
      for (const step of records.touchpoints!) Object.assign(step, stageOf[step.id as string]);
    });
    const { data } = await readBundle(pack(files, { fixManifest: false }));
    const stages = (id: string) => data.audits.find((a) => a.id === id)!.method.stages;
    expect(stages(uuid(2))).toEqual([
      { name: 'Своя стадия', after: null },
      { name: 'Первый визит', after: null },
    ]);
    expect(stages(uuid(1))).toEqual([]);
    expect(data.touchpoints.find((t) => t.id === uuid(0x21))!.stage).toBe('Первый визит');
    expect(data.touchpoints.find((t) => t.id === uuid(0x24))!.stage).toBe('support');
  });

  it('reads version 2 and 3 bundles: their screenshots list no covered frames', async () => {
    const sample = sampleDataSet();
    for (const version of [2, 3] as const) {
      const files = asVersion(version, await sampleFiles(sample));
      const { data, info } = await readBundle(pack(files, { fixManifest: false }));
      expect(info.version).toBe(version);
      expect(data.screenshots.map((s) => s.coveredFrames)).toEqual(
        sample.screenshots.map(() => []),
      );
      expect(plainRecords(data)).toEqual(
        plainRecords({
          ...asOlderReads(sample),
          screenshots: sample.screenshots.map((shot) => ({ ...shot, coveredFrames: [] })),
        }),
      );
      expect(await imageBytes(data)).toEqual(await imageBytes(sample));
    }
  });

  it('reads a version 4 bundle: the brands its journeys named and one first wave per audit', async () => {
    const sample = sampleDataSet();
    const { data, info } = await readBundle(
      pack(asVersion(4, await sampleFiles(sample)), { fixManifest: false }),
    );
    expect(info.version).toBe(4);
    expect(plainRecords(data)).toEqual(plainRecords(asOlderReads(sample)));
    // The sample's own brands and first waves were made the same way: the same ids.
    const made = (id: string) => sample.brands.find((b) => b.id === id);
    expect(data.brands.every((b) => made(b.id))).toBe(true);
    expect(data.brands.map((b) => `${b.name}/${b.role}`).sort()).toEqual(
      [`Brightline/own`, `${HOSTILE}/own`, `Фаствейв/competitor`].sort(),
    );
    expect(data.waves.map((w) => [w.auditId, w.name, w.start, w.end]).sort()).toEqual([
      [uuid(1), 'Wave 1', Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 5)],
      // Its journeys were made on 5 and 6 January: the wave spans both days.
      [uuid(2), 'Wave 1', Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 6)],
    ]);
    for (const journey of data.journeys) {
      const brand = data.brands.find((b) => b.id === journey.brandId)!;
      const wave = data.waves.find((w) => w.id === journey.waveId)!;
      expect([brand.auditId, wave.auditId]).toEqual([journey.auditId, journey.auditId]);
    }
  });

  it('an older bundle read twice, or with its journeys in another order, gives the same ids', async () => {
    const sample = sampleDataSet();
    const files = asVersion(3, await sampleFiles(sample));
    const first = await readBundle(pack(files, { fixManifest: false }));
    const second = await readBundle(pack(files, { fixManifest: false }));
    expect(plainRecords(second.data)).toEqual(plainRecords(first.data));
    const reversed = asVersion(3, await sampleFiles(sample), (records) =>
      records.journeys!.reverse(),
    );
    const third = await readBundle(pack(reversed, { fixManifest: false }));
    expect(plainRecords(third.data)).toEqual(plainRecords(first.data));
  });

  it('names typed alike with the same role are one brand; another role is another brand', async () => {
    const sample = sampleDataSet();
    const files = asVersion(4, await sampleFiles(sample), (records) => {
      const [own, rival] = [uuid(0x11), uuid(0x12)].map(
        (id) => records.journeys!.find((j) => j.id === id)!,
      );
      // The competitor's walk names the own brand differently typed, as a competitor…
      Object.assign(rival!, { brandName: '  brightLINE ', brandDomain: '' });
      // …and one more walk of the own brand, typed alike as the own brand.
      records.journeys!.push({
        ...own!,
        id: uuid(0x14),
        brandName: 'BRIGHTLINE',
        brandDomain: 'other.test',
        createdAt: own!.createdAt as number,
        measurements: [],
      });
    });
    const { data } = await readBundle(pack(files, { fixManifest: false }));
    const brandsOf = data.brands.filter((b) => b.auditId === uuid(2));
    expect(brandsOf.map((b) => [b.name, b.domain, b.role]).sort()).toEqual([
      ['Brightline', 'brightline.test', 'own'],
      ['brightLINE', '', 'competitor'],
    ]);
    const ownBrand = brandsOf.find((b) => b.role === 'own')!;
    expect(
      data.journeys
        .filter((j) => j.brandId === ownBrand.id)
        .map((j) => j.id)
        .sort(),
    ).toEqual([uuid(0x11), uuid(0x14)]);
  });

  it('refuses a version 7 bundle as made by a newer extension', async () => {
    const files = withRecords(await sampleFiles(), (records) =>
      Object.assign(records, { version: 7 }),
    );
    files.set('manifest.json', manifestFor(files, { version: 7 }));
    const error = await refusal(readBundle(pack(files, { fixManifest: false })));
    expect(error.code).toBe('newer-version');
    expect(error.params.version).toBe(7);
    expect(error.message).toContain('format version 7');
  });
});

describe('covered frames', () => {
  it('travel with the screenshot record (covered and uncovered alike), in the schema’s key order', async () => {
    const data = sampleDataSet();
    const frames = [
      { x: 0, y: 0, width: 2, height: 1, uncoveredAt: null },
      { x: 1, y: 1, width: 1, height: 1, uncoveredAt: Date.UTC(2026, 0, 6) },
    ];
    data.screenshots[0] = { ...data.screenshots[0]!, coveredFrames: frames };
    const blob = await writeBundle(data, { ...SAMPLE_OPTIONS });
    const { data: read } = await readBundle(blob);
    expect(read.screenshots.find((s) => s.id === data.screenshots[0]!.id)!.coveredFrames).toEqual(
      frames,
    );
    expect(plainRecords(read)).toEqual(plainRecords(data));
    const records = decode(unzipSync(await blobBytes(blob))['records.json']!);
    expect(records).toContain('"redacted":true,"coveredFrames":[{"x":0,"y":0,"width":2,');
  });

  it('refuses a covered frame that is not whole pixels, naming its field', async () => {
    const data = sampleDataSet();
    data.screenshots[1] = {
      ...data.screenshots[1]!,
      coveredFrames: [{ x: 0.5, y: 0, width: 1, height: 1, uncoveredAt: null }],
    };
    const error = await refusal(writeBundle(data, { ...SAMPLE_OPTIONS }));
    expect(error.code).toBe('invalid-records');
    expect(error.field).toMatch(/^screenshots\[\d\]\.coveredFrames\[0\]\.x$/);
  });
});
