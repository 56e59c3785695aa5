/**
 * Property: any DataSet the schemas accept survives write → read unchanged, and writing what was
 * read gives the same bytes. Records are valid by construction (the schema filters are only a
 * safety net); images are header-only files of any size (the reader reads headers only).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLE_VERSION, readBundle, writeBundle, type BundleScope } from '../../lib/bundle';
import {
  ActionItem,
  Annotation,
  Audit,
  Brand,
  HttpUrl,
  Journey,
  LIMITS,
  REPORT_SECTIONS,
  RECORD_TABLES,
  Screenshot,
  Tombstone,
  Step,
  Wave,
  type DataSet,
  type ImageMime,
} from '../../lib/model';
import { CATEGORY_IDS, CHANNEL_IDS, STAGE_IDS } from '../../lib/taxonomy';
import {
  blobBytes,
  HOSTILE,
  IMAGE_FACTS,
  IMAGES,
  plainRecords,
  sha256,
  wholePng,
  type SampleImage,
} from './bundle-fixtures';

const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const millis = fc.maxSafeNat();
/** Any UTF-16 code unit: control characters and lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

function text(max: number, options: { trimmed?: boolean; min?: number } = {}) {
  const { trimmed = false, min = 0 } = options;
  const length = Math.min(max, 40);
  return fc
    .oneof(
      fc.string({ maxLength: length }),
      fc.string({ unit: 'grapheme', maxLength: length }),
      fc.string({ unit: 'binary', maxLength: length }),
      fc.string({ unit: codeUnit, maxLength: length }),
      fc.constantFrom(
        HOSTILE,
        'Аудит — «ёлки» 🙂',
        '\u0000\u001f\u007f\u2028',
        '__proto__',
        '{"a":1}',
      ),
    )
    .map((s) => (trimmed ? s.trim() : s))
    .filter((s) => s.length >= min && s.length <= max);
}

const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc
    .nat({ max: 100_000 })
    .map((n) => `https://example.test/?q=${'я'.repeat(n % 50)}${'a'.repeat(n)}`),
);
const nullableUrl = fc
  .option(url, { nil: null })
  .filter((u) => u === null || HttpUrl.safeParse(u).success);
const viewport = fc.option(
  fc.record({
    width: fc.integer({ min: 1, max: 100_000 }),
    height: fc.integer({ min: 1, max: 100_000 }),
  }),
  { nil: null },
);
const pixelRatio = fc.option(fc.double({ min: 0, max: 16, minExcluded: true, noNaN: true }), {
  nil: null,
});
/** JSON has no -0, so a coordinate of -0 would come back as 0: generate 0 instead. */
const coordinate = fc.double({ min: -100_000, max: 1_000_000, noNaN: true }).map((v) => v + 0);
const color = fc.constantFrom('red', 'yellow', 'blue', 'green', 'black' as const);
const annotation = fc
  .oneof(
    fc.record({
      kind: fc.constant('box'),
      x: coordinate,
      y: coordinate,
      width: coordinate,
      height: coordinate,
      color,
    }),
    fc.record({
      kind: fc.constant('arrow'),
      x1: coordinate,
      y1: coordinate,
      x2: coordinate,
      y2: coordinate,
      color,
    }),
    fc.record({
      kind: fc.constant('text'),
      x: coordinate,
      y: coordinate,
      text: text(LIMITS.annotation, { trimmed: true, min: 1 }),
      color,
    }),
  )
  .filter((a) => Annotation.safeParse(a).success);

// The audit method: built-in keys and the auditor's own (UUIDs), edited and added entries.
const methodKey = fc.oneof(
  fc.constantFrom('web-form', 'web-form.thanks', 'callback', 'phone-call.greeting'),
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
);
const wording = text(500, { trimmed: true });
const stageName = text(LIMITS.stage, { trimmed: true, min: 1 });
// Format 6: who owns a type (optional), and a step's or a type's owner alike.
const ownership = fc.record({
  department: text(200, { trimmed: true }),
  control: fc.constantFrom('own', 'partner', 'third-party' as const),
});
const method = fc.record(
  {
    types: fc.array(
      fc.record(
        {
          id: methodKey,
          name: wording,
          category: fc.constantFrom(...CATEGORY_IDS),
          stage: stageName,
          channel: fc.constantFrom(...CHANNEL_IDS),
          hidden: fc.boolean(),
          owner: ownership,
        },
        { requiredKeys: ['id', 'name', 'category', 'stage', 'channel', 'hidden'] },
      ),
      { maxLength: 3 },
    ),
    stages: fc.array(
      fc.record(
        {
          name: stageName,
          after: fc.option(text(80), { nil: null }),
          status: fc.constantFrom('prospect', 'customer', 'former' as const),
        },
        { requiredKeys: ['name', 'after'] },
      ),
      { maxLength: 3 },
    ),
    checklists: fc.array(
      fc.record({
        id: methodKey,
        name: wording,
        types: fc.array(methodKey, { maxLength: 3 }),
        stages: fc.array(stageName, { maxLength: 3 }),
        items: fc.array(
          fc.record({
            id: methodKey,
            text: wording,
            weight: fc.integer({ min: 1, max: 10 }),
            critical: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        hidden: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    standards: fc.array(
      fc.record({
        id: methodKey,
        name: wording,
        target: fc.double({ min: 0, max: 100_000, minExcluded: true, noNaN: true }),
        unit: fc.constantFrom('seconds', 'minutes', 'hours', 'days', 'working-days' as const),
        measure: fc.constantFrom('between', 'duration' as const),
        answerChannels: fc.uniqueArray(fc.constantFrom(...CHANNEL_IDS), { maxLength: 3 }),
        hidden: fc.boolean(),
      }),
      { maxLength: 2 },
    ),
    gives: fc.array(
      fc.record({
        stage: stageName,
        gives: fc.constantFrom('idea', 'need', 'company', 'product', 'value', 'price' as const),
      }),
      { maxLength: 3 },
    ),
    categories: fc.array(fc.record({ id: methodKey, name: wording, hidden: fc.boolean() }), {
      maxLength: 2,
    }),
    channels: fc.array(
      fc.record({ id: methodKey, name: wording, offline: fc.boolean(), hidden: fc.boolean() }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['types', 'stages', 'checklists', 'standards'] },
);
const measurement = fc.record({
  id: fc.uuid(),
  standardId: methodKey,
  startStepId: fc.option(fc.uuid(), { nil: null }),
  endStepId: fc.option(fc.uuid(), { nil: null }),
  startedAt: millis,
  durationMs: fc.option(fc.nat({ max: 10 * 365 * 86_400_000 }), { nil: null }),
  excused: fc.boolean(),
});
const check = fc.record({
  templateId: methodKey,
  itemId: methodKey,
  answer: fc.constantFrom('yes', 'no', 'na' as const),
  comment: text(500),
  screenshotId: fc.option(fc.uuid(), { nil: null }),
});

// What goes into the report (format 3): absent on some audits, chosen on others.
const reportSettings = fc.record({
  conclusions: text(200),
  recommendations: text(200),
  hidden: fc.uniqueArray(fc.constantFrom(...REPORT_SECTIONS), { maxLength: 4 }),
  images: fc.constantFrom('full' as const, 'thumbnails' as const, 'none' as const),
  excludedSteps: fc.uniqueArray(fc.uuid(), { maxLength: 3 }),
});

const auditBody = fc
  .record(
    {
      name: text(LIMITS.name, { trimmed: true, min: 1 }),
      client: text(LIMITS.text),
      defaultTask: text(LIMITS.text),
      method,
      report: reportSettings,
      expectations: fc.array(
        fc.record({
          id: fc.uuid(),
          target: fc.oneof(
            fc.record({ kind: fc.constant('stage' as const), stage: stageName }),
            fc.record({ kind: fc.constant('type' as const), typeId: methodKey }),
          ),
          experience: fc.integer({ min: 1, max: 5 }),
          by: text(LIMITS.name, { trimmed: true }),
          note: text(LIMITS.text),
        }),
        { maxLength: 3 },
      ),
      funnel: fc.array(
        fc.record({
          stage: stageName,
          waveId: fc.option(fc.uuid(), { nil: null }),
          count: fc.nat(),
        }),
        { maxLength: 3 },
      ),
      createdAt: millis,
      updatedAt: millis,
    },
    { requiredKeys: ['name', 'client', 'defaultTask', 'method', 'createdAt', 'updatedAt'] },
  )
  .filter((b) => Audit.safeParse({ id: DUMMY_ID, ...b }).success);

const brandBody = fc
  .record(
    {
      name: text(LIMITS.name, { trimmed: true, min: 1 }),
      domain: text(LIMITS.domain, { trimmed: true }),
      role: fc.constantFrom('own', 'competitor', 'benchmark' as const),
      inventory: fc.array(fc.record({ typeId: methodKey, present: fc.boolean() }), {
        maxLength: 3,
      }),
      createdAt: millis,
      updatedAt: millis,
    },
    { requiredKeys: ['name', 'domain', 'role', 'createdAt', 'updatedAt'] },
  )
  .filter((b) => Brand.safeParse({ id: DUMMY_ID, auditId: DUMMY_ID, ...b }).success);

const waveBody = fc
  .record({
    name: text(LIMITS.name, { trimmed: true, min: 1 }),
    start: millis,
    days: fc.nat({ max: 400 }),
    createdAt: millis,
    updatedAt: millis,
  })
  .map(({ days, ...b }) => ({ ...b, end: b.start + days * 86_400_000 }))
  .filter((b) => Wave.safeParse({ id: DUMMY_ID, auditId: DUMMY_ID, ...b }).success);

const journeyBody = fc
  .record(
    {
      recommend: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      task: text(LIMITS.text),
      persona: text(LIMITS.text),
      entryChannel: fc.constantFrom(...CHANNEL_IDS),
      auditor: text(LIMITS.name, { trimmed: true }),
      createdAt: millis,
      updatedAt: millis,
      finishedAt: fc.option(millis, { nil: null }),
      outcome: fc.option(fc.constantFrom('goal-reached', 'abandoned', 'blocked' as const), {
        nil: null,
      }),
      measurements: fc.array(measurement, { maxLength: 3 }),
    },
    {
      requiredKeys: [
        'task',
        'persona',
        'entryChannel',
        'auditor',
        'createdAt',
        'updatedAt',
        'finishedAt',
        'outcome',
        'measurements',
      ],
    },
  )
  .filter(
    (b) =>
      Journey.safeParse({
        id: DUMMY_ID,
        auditId: DUMMY_ID,
        brandId: DUMMY_ID,
        waveId: DUMMY_ID,
        ...b,
      }).success,
  );

const touchpointBody = fc
  .record(
    {
      owner: ownership,
      reduce: fc.record({
        kind: fc.constantFrom('cut', 'merge' as const),
        reason: text(LIMITS.text),
      }),
      person: fc.record({
        who: text(LIMITS.name, { trimmed: true }),
        transfer: fc.boolean(),
        repeated: fc.boolean(),
      }),
      tags: fc.array(text(LIMITS.tag, { trimmed: true, min: 1 }), { maxLength: 3 }),
      seq: fc.integer({ min: 1, max: 10_000 }),
      kind: fc.constantFrom('page', 'offline' as const),
      url: nullableUrl,
      title: text(LIMITS.title),
      at: millis,
      stage: fc.oneof(stageName, fc.constantFrom(...STAGE_IDS)),
      typeId: fc.option(methodKey, { nil: null }),
      category: fc.constantFrom(...CATEGORY_IDS),
      channel: fc.constantFrom(...CHANNEL_IDS),
      checks: fc.array(check, { maxLength: 4 }),
      checklists: fc.array(methodKey, { maxLength: 3 }),
      experience: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      importance: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      likelihood: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
      note: text(LIMITS.note),
      weakLink: fc.boolean(),
      wow: fc.boolean(),
      viewport,
      devicePixelRatio: pixelRatio,
      shortened: fc.array(
        fc.record({
          field: fc.constantFrom('url', 'title', 'note' as const),
          length: fc.integer({ min: 1, max: 2 ** 31 }),
        }),
        { maxLength: 3 },
      ),
      createdAt: millis,
      updatedAt: millis,
    },
    {
      requiredKeys: [
        'seq',
        'kind',
        'url',
        'title',
        'at',
        'stage',
        'typeId',
        'category',
        'channel',
        'checks',
        'checklists',
        'experience',
        'importance',
        'likelihood',
        'note',
        'weakLink',
        'wow',
        'viewport',
        'devicePixelRatio',
        'shortened',
        'createdAt',
        'updatedAt',
      ],
    },
  )
  .filter((b) => Step.safeParse({ id: DUMMY_ID, journeyId: DUMMY_ID, ...b }).success);

interface GeneratedImage {
  bytes: Uint8Array<ArrayBuffer>;
  mime: ImageMime;
  width: number;
  height: number;
}
const side = (max: number) => fc.integer({ min: 1, max });
// Whole images (an import decodes every image whole): generated PNGs of any small size, shape
// and layout, and the real Chromium images of every type. Sizes up to the limits are in
// bundle-images.test.ts.
const image: fc.Arbitrary<GeneratedImage> = fc.oneof(
  fc
    .record({
      width: side(48),
      height: side(48),
      colour: fc.constantFrom(0, 2, 4, 6 as const),
      interlaced: fc.boolean(),
      idats: fc.integer({ min: 1, max: 3 }),
    })
    .map(({ width, height, ...options }) => ({
      bytes: wholePng(width, height, options),
      mime: 'image/png' as const,
      width,
      height,
    })),
  fc.constantFrom(...(Object.keys(IMAGES) as SampleImage[])).map((name) => ({
    bytes: IMAGES[name],
    ...IMAGE_FACTS[name],
  })),
);

const screenshotBody = fc.record({
  mode: fc.constantFrom('visible', 'full-page', 'element', 'uploaded' as const),
  createdAt: millis,
  part: fc.nat({ max: 9 }),
  parts: fc.integer({ min: 1, max: 10 }),
  url: nullableUrl,
  title: text(LIMITS.title),
  capturedAt: millis,
  viewport,
  devicePixelRatio: pixelRatio,
  userAgent: text(500),
  fileName: text(LIMITS.title),
  redacted: fc.boolean(),
  // Frames covered at capture (format 4): their areas, some uncovered by the auditor.
  coveredFrames: fc.array(
    fc.record({
      x: fc.nat({ max: 20_000 }),
      y: fc.nat({ max: 20_000 }),
      width: fc.integer({ min: 1, max: 20_000 }),
      height: fc.integer({ min: 1, max: 20_000 }),
      uncoveredAt: fc.option(millis, { nil: null }),
    }),
    { maxLength: 3 },
  ),
  annotations: fc.array(annotation, { maxLength: 4 }),
  updatedAt: millis,
  /** Which generated image is its image and which its thumbnail (shared images happen). */
  image: fc.nat(),
  thumbnail: fc.nat(),
});

const actionBody = fc
  .record(
    {
      effort: fc.option(fc.constantFrom('S', 'M', 'L' as const), { nil: null }),
      cost: fc.option(
        fc.double({ min: 0, max: 1e12, noNaN: true }).map((v) => v + 0),
        {
          nil: null,
        },
      ),
      kind: fc.constantFrom('action', 'idea' as const),
      what: text(LIMITS.text, { trimmed: true, min: 1 }),
      owner: text(LIMITS.text),
      due: fc.option(millis, { nil: null }),
      status: fc.constantFrom('open', 'in-progress', 'done' as const),
      metric: text(LIMITS.text),
      baseline: text(LIMITS.text),
      target: text(LIMITS.text),
      createdAt: millis,
      updatedAt: millis,
    },
    {
      requiredKeys: [
        'kind',
        'what',
        'owner',
        'due',
        'status',
        'metric',
        'baseline',
        'target',
        'createdAt',
        'updatedAt',
      ],
    },
  )
  .filter((b) => ActionItem.safeParse({ id: DUMMY_ID, touchpointId: DUMMY_ID, ...b }).success);

const tombstoneBody = fc.record({
  table: fc.constantFrom(...RECORD_TABLES),
  auditId: fc.uuid(),
  deletedAt: millis,
});

interface Case {
  data: DataSet;
  scope: BundleScope;
  includes: { identity: boolean; userAgent: boolean; fileNames: boolean };
  now: number;
}

/** Picks the parent of a child: a generated index into the parent table (none: child dropped). */
const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length ? list[index % list.length] : undefined;

const bundleCase: fc.Arbitrary<Case> = fc
  .record({
    ids: fc.uniqueArray(fc.uuid(), { minLength: 40, maxLength: 40 }),
    audits: fc.array(auditBody, { minLength: 1, maxLength: 3 }),
    brands: fc.array(fc.tuple(fc.nat(), brandBody), { maxLength: 4 }),
    waves: fc.array(fc.tuple(fc.nat(), waveBody), { maxLength: 3 }),
    journeys: fc.array(fc.tuple(fc.nat(), fc.nat(), journeyBody), { maxLength: 4 }),
    touchpoints: fc.array(fc.tuple(fc.nat(), touchpointBody), { maxLength: 8 }),
    screenshots: fc.array(fc.tuple(fc.nat(), screenshotBody), { maxLength: 8 }),
    actionItems: fc.array(fc.tuple(fc.nat(), actionBody), { maxLength: 4 }),
    deletions: fc.array(tombstoneBody, { maxLength: 3 }),
    images: fc.array(image, { minLength: 1, maxLength: 4 }),
    scopeAll: fc.boolean(),
    includes: fc.record({
      identity: fc.boolean(),
      userAgent: fc.boolean(),
      fileNames: fc.boolean(),
    }),
    now: millis,
  })
  .map((g) => {
    const ids = [...g.ids];
    const next = () => ids.pop()!;
    const audits: Audit[] = g.audits.map((body) => ({ id: next(), ...body }));
    const brands: Brand[] = g.brands.flatMap(([parent, body]) => {
      const audit = pick(audits, parent);
      return audit ? [{ id: next(), auditId: audit.id, ...body }] : [];
    });
    const waves: Wave[] = g.waves.flatMap(([parent, body]) => {
      const audit = pick(audits, parent);
      return audit ? [{ id: next(), auditId: audit.id, ...body }] : [];
    });
    // A journey walks a brand, in a wave of the brand's audit (none there: no journey).
    const journeys: Journey[] = g.journeys.flatMap(([brandIndex, waveIndex, body]) => {
      const brand = pick(brands, brandIndex);
      const wave =
        brand &&
        pick(
          waves.filter((w) => w.auditId === brand.auditId),
          waveIndex,
        );
      return brand && wave
        ? [{ id: next(), auditId: brand.auditId, brandId: brand.id, waveId: wave.id, ...body }]
        : [];
    });
    const touchpoints: Step[] = g.touchpoints.flatMap(([parent, body]) => {
      const journey = pick(journeys, parent);
      return journey ? [{ id: next(), journeyId: journey.id, ...body }] : [];
    });
    const images = g.images;
    const screenshots: Screenshot[] = [];
    const stored: DataSet['images'] = [];
    for (const [parent, { image: imageIndex, thumbnail: thumbIndex, ...body }] of g.screenshots) {
      const touchpoint = pick(touchpoints, parent);
      if (!touchpoint) continue;
      const full = pick(images, imageIndex)!;
      const thumb = pick(images, thumbIndex)!;
      const id = next();
      screenshots.push({
        id,
        touchpointId: touchpoint.id,
        mime: full.mime,
        width: full.width,
        height: full.height,
        bytes: full.bytes.length,
        sha256: sha256(full.bytes),
        thumbnail: new Blob([thumb.bytes], { type: thumb.mime }),
        ...body,
      });
      stored.push({ id, blob: new Blob([full.bytes], { type: full.mime }) });
    }
    const actionItems: ActionItem[] = g.actionItems.flatMap(([parent, body]) => {
      const touchpoint = pick(touchpoints, parent);
      return touchpoint ? [{ id: next(), touchpointId: touchpoint.id, ...body }] : [];
    });
    const deletions: Tombstone[] = g.deletions.map((body) => ({ id: next(), ...body }));
    return {
      data: {
        audits,
        brands,
        waves,
        journeys,
        touchpoints,
        screenshots,
        actionItems,
        images: stored,
        deletions,
      },
      scope: g.scopeAll
        ? { kind: 'all' as const }
        : { kind: 'audits' as const, auditIds: audits.map((a) => a.id).sort() },
      includes: g.includes,
      now: g.now,
    };
  })
  .filter(({ data }) => data.screenshots.every((s) => Screenshot.safeParse(s).success));

async function blobsOf(data: DataSet) {
  return Promise.all(
    data.screenshots.map(async (s) => ({
      id: s.id,
      image: await blobBytes(data.images.find((i) => i.id === s.id)!.blob),
      thumbnail: await blobBytes(s.thumbnail),
      thumbnailType: s.thumbnail.type,
    })),
  ).then((list) => list.sort((a, b) => (a.id < b.id ? -1 : 1)));
}

/** The fields of the audit method, each with whether a generated case filled it. */
const METHOD_FIELDS: Record<string, (data: DataSet) => boolean> = {
  'audit types': (d) => d.audits.some((a) => a.method.types.length > 0),
  'custom stages': (d) => d.audits.some((a) => a.method.stages.length > 0),
  checklists: (d) => d.audits.some((a) => a.method.checklists.some((c) => c.items.length > 0)),
  standards: (d) => d.audits.some((a) => a.method.standards.length > 0),
  measurements: (d) => d.journeys.some((j) => j.measurements.length > 0),
  'step types': (d) => d.touchpoints.some((t) => t.typeId !== null),
  checks: (d) => d.touchpoints.some((t) => t.checks.length > 0),
  'added checklists': (d) => d.touchpoints.some((t) => t.checklists.length > 0),
  ideas: (d) => d.actionItems.some((a) => a.kind === 'idea'),
  metrics: (d) => d.actionItems.some((a) => Boolean(a.metric || a.baseline || a.target)),
  // Format 6.
  expectations: (d) => d.audits.some((a) => (a.expectations?.length ?? 0) > 0),
  funnel: (d) => d.audits.some((a) => (a.funnel?.length ?? 0) > 0),
  gives: (d) => d.audits.some((a) => (a.method.gives?.length ?? 0) > 0),
  'own categories': (d) => d.audits.some((a) => (a.method.categories?.length ?? 0) > 0),
  'own channels': (d) => d.audits.some((a) => (a.method.channels?.length ?? 0) > 0),
  'type owners': (d) => d.audits.some((a) => a.method.types.some((t) => t.owner)),
  'stage status': (d) => d.audits.some((a) => a.method.stages.some((t) => t.status)),
  inventory: (d) => d.brands.some((b) => (b.inventory?.length ?? 0) > 0),
  recommend: (d) => d.journeys.some((j) => typeof j.recommend === 'number'),
  'step owners': (d) => d.touchpoints.some((t) => t.owner),
  reduce: (d) => d.touchpoints.some((t) => t.reduce),
  person: (d) => d.touchpoints.some((t) => t.person),
  tags: (d) => d.touchpoints.some((t) => (t.tags?.length ?? 0) > 0),
  effort: (d) => d.actionItems.some((a) => a.effort),
  cost: (d) => d.actionItems.some((a) => typeof a.cost === 'number'),
};

describe('bundle property', () => {
  it('any DataSet the schemas accept survives write → read unchanged', async () => {
    const covered = new Set<string>();
    await fc.assert(
      fc.asyncProperty(bundleCase, async ({ data, scope, includes, now }) => {
        for (const [field, filled] of Object.entries(METHOD_FIELDS)) {
          if (filled(data)) covered.add(field);
        }
        const written = await writeBundle(data, { scope, includes, now });
        const { data: read, info } = await readBundle(written);
        expect(plainRecords(read)).toEqual(plainRecords(data));
        expect(await blobsOf(read)).toEqual(await blobsOf(data));
        expect(info).toMatchObject({ scope, includes, createdAt: now, version: BUNDLE_VERSION });
        // And what was read writes the same bytes again.
        const again = await writeBundle(read, { scope, includes, now });
        expect(await blobBytes(again)).toEqual(await blobBytes(written));
      }),
      { numRuns: 60 },
    );
    // Every field of the audit method was filled in some run, not only left at its default.
    expect([...covered].sort()).toEqual(Object.keys(METHOD_FIELDS).sort());
    // About 1.5 s here; room for slow CI machines (no timing is asserted).
  }, 30_000);
});
