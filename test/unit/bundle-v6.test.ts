/** Format 6: the rest of the method's optional fields travel; a version 5 bundle cannot hold them. */
import { describe, expect, it } from 'vitest';
import { BundleError, readBundle, writeBundle } from '../../lib/bundle';
import type { DataSet } from '../../lib/model';
import {
  blobBytes,
  manifestFor,
  pack,
  plainRecords,
  SAMPLE_OPTIONS,
  sampleDataSet,
  sampleFiles,
  uuid,
  withRecords,
} from './bundle-fixtures';
import { unzipSync } from 'fflate';

/** The sample with every field format 6 added filled in somewhere. */
function withV6Fields(): DataSet {
  const data = sampleDataSet();
  const audit = data.audits.find((a) => a.method.types.length)!;
  audit.expectations = [
    {
      id: uuid(0x701),
      target: { kind: 'stage', stage: 'contact' },
      experience: 4,
      by: 'Sales director',
      note: '<b>we answer fast</b>',
    },
    {
      id: uuid(0x702),
      target: { kind: 'type', typeId: 'web-form' },
      experience: 5,
      by: '',
      note: '',
    },
  ];
  audit.funnel = [
    { stage: 'information', waveId: null, count: 10_000 },
    { stage: 'contact', waveId: null, count: 420 },
  ];
  audit.method.gives = [{ stage: 'offer', gives: 'price' }];
  audit.method.categories = [{ id: 'staff', name: 'People', hidden: false }];
  audit.method.channels = [{ id: uuid(0x703), name: 'Telegram bot', offline: true, hidden: false }];
  audit.method.types[0]!.owner = { department: 'Marketing', control: 'own' };
  audit.method.stages[0]!.status = 'customer';
  data.brands[0]!.inventory = [
    { typeId: 'web-form', present: true },
    { typeId: 'mobile-app', present: false },
  ];
  data.journeys[0]!.recommend = 7;
  Object.assign(data.touchpoints[0]!, {
    owner: { department: 'Call centre', control: 'partner' },
    reduce: { kind: 'merge', reason: 'the same as the next call' },
    person: { who: 'Manager Olga', transfer: true, repeated: false },
    tags: ['price', 'тариф'],
    settle: { settled: false, waitedMs: 8_000 },
  });
  Object.assign(data.actionItems[0]!, { effort: 'S', cost: 1500 });
  return data;
}

/** A valid value of each field format 6 added to a record. */
const VALUES: Record<string, unknown> = {
  tags: ['price'],
  settle: { settled: true, waitedMs: 640 },
  recommend: 9,
  inventory: [{ typeId: 'web-form', present: true }],
  effort: 'M',
};

describe('bundle format 6', () => {
  it('carries every field it added, and writes them again byte for byte', async () => {
    const data = withV6Fields();
    const blob = await writeBundle(data, { ...SAMPLE_OPTIONS });
    const read = await readBundle(blob);
    expect(read.info.version).toBe(6);
    expect(plainRecords(read.data)).toEqual(plainRecords(data));
    const again = await writeBundle(read.data, { ...SAMPLE_OPTIONS });
    expect(unzipSync(await blobBytes(again))).toEqual(unzipSync(await blobBytes(blob)));
  });

  it('reads a version 5 bundle as it is', async () => {
    const files = await sampleFiles();
    const older = withRecords(files, (records) => Object.assign(records, { version: 5 }));
    older.set('manifest.json', manifestFor(older, { version: 5 }));
    const read = await readBundle(pack(older, { fixManifest: false }));
    expect(read.info.version).toBe(5);
    expect(plainRecords(read.data)).toEqual(plainRecords(sampleDataSet()));
  });

  it.each([
    ['touchpoints[0].tags', (r: Record<string, Record<string, unknown>[]>) => r.touchpoints![0]],
    ['touchpoints[0].settle', (r: Record<string, Record<string, unknown>[]>) => r.touchpoints![0]],
    ['journeys[0].recommend', (r: Record<string, Record<string, unknown>[]>) => r.journeys![0]],
    ['brands[0].inventory', (r: Record<string, Record<string, unknown>[]>) => r.brands![0]],
    ['actionItems[0].effort', (r: Record<string, Record<string, unknown>[]>) => r.actionItems![0]],
  ])('refuses %s in a version 5 bundle, naming it', async (field, recordOf) => {
    const files = await sampleFiles(withV6Fields());
    const older = withRecords(files, (records) => Object.assign(records, { version: 5 }));
    older.set('manifest.json', manifestFor(older, { version: 5 }));
    // Only the one field is left in: the others are taken out again.
    const only = withRecords(older, (records) => {
      const raw = records as unknown as Record<string, Record<string, unknown>[]>;
      for (const audit of raw.audits!) {
        delete audit.expectations;
        delete audit.funnel;
        const method = audit.method as Record<string, unknown>;
        for (const key of ['gives', 'categories', 'channels']) delete method[key];
        for (const type of method.types as Record<string, unknown>[]) delete type.owner;
        for (const stage of method.stages as Record<string, unknown>[]) delete stage.status;
      }
      const keep = field.split('.')[1]!;
      const target = recordOf(raw);
      const added: Record<string, string[]> = {
        brands: ['inventory'],
        journeys: ['recommend'],
        touchpoints: ['owner', 'reduce', 'person', 'tags', 'settle'],
        actionItems: ['effort', 'cost'],
      };
      for (const [table, keys] of Object.entries(added)) {
        for (const record of raw[table]!) {
          for (const key of keys) delete record[key];
        }
      }
      target![keep] = VALUES[keep];
    });
    only.set('manifest.json', manifestFor(only, { version: 5 }));
    const error = await readBundle(pack(only, { fixManifest: false })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).field).toBe(field);
    expect((error as BundleError).message).toContain(`${field}: not a field of format version 5`);
  });

  it('refuses a field of version 6 inside a version 5 audit method', async () => {
    const data = sampleDataSet();
    data.audits.find((a) => a.method.types.length)!.method.types[0]!.owner = {
      department: 'IT',
      control: 'third-party',
    };
    const files = await sampleFiles(data);
    const older = withRecords(files, (records) => Object.assign(records, { version: 5 }));
    older.set('manifest.json', manifestFor(older, { version: 5 }));
    const error = (await readBundle(pack(older, { fixManifest: false })).then(
      () => null,
      (e: unknown) => e,
    )) as BundleError;
    expect(error.field).toMatch(/^audits\[\d\]\.method\.types\[0\]\.owner$/);
  });
});
