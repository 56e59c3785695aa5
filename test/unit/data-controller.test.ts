/** The Backups and bundles page's controller over real (fake-indexeddb) stores and fake files. */
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { ImportPreview } from '../../components/data/import-preview';
import { BundleError, readBundle } from '../../lib/bundle';
import {
  createDataController,
  type DataControllerDeps,
  type StorageStatus,
} from '../../lib/controllers/data';
import { translator } from '../../lib/i18n';
import type { EncodedImage } from '../../lib/model';
import { SHARE_CHOICES } from '../../lib/privacy';
import { IMAGE_FACTS, IMAGES, sha256 } from './bundle-fixtures';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, createWalk, testStore } from './helpers';

/** 4 March 2026, 15:30 UTC; the clock moves a second every time it is read. */
const START = Date.UTC(2026, 2, 4, 15, 30);

function fakeClock(start = START) {
  let now = start;
  const reads: number[] = [];
  return {
    reads,
    now: () => {
      reads.push(now);
      return (now += 1000) - 1000;
    },
  };
}

/** A data controller over `store` with a fake shell, files, storage and clock. */
function dataController(
  store: DataControllerDeps['store'],
  overrides: Partial<DataControllerDeps> = {},
  settings: Record<string, unknown> = {},
) {
  const fake = fakeShell({ settings });
  const saved: { name: string; type: string; blob: Blob }[] = [];
  const clock = fakeClock();
  const persistence = { asked: 0 };
  const controller = createDataController({
    shell: fake.shell,
    store,
    save: (name, blob) => void saved.push({ name, type: blob.type, blob }),
    storage: {
      status: async (): Promise<StorageStatus> => ({
        usage: 5_000_000,
        quota: 100_000_000,
        persisted: false,
      }),
      requestPersistence: async () => (persistence.asked++, true),
    },
    now: clock.now,
    ...overrides,
  });
  return { controller, saved, clock, persistence, settings: fake.settings, logged: fake.logged };
}

/** A real JPEG with its true SHA-256 (a bundle checks it) and a WebP thumbnail. */
function realImage(): EncodedImage {
  const { mime, width, height } = IMAGE_FACTS.jpeg3x2;
  return {
    mode: 'visible',
    mime,
    blob: new Blob([IMAGES.jpeg3x2], { type: mime }),
    width,
    height,
    sha256: sha256(IMAGES.jpeg3x2),
    thumbnail: new Blob([IMAGES.webpLossy3x2], { type: 'image/webp' }),
  };
}

/** An audit with one step naming the auditor (masked in a bundle to share, kept in a backup). */
async function filledStore() {
  const made = testStore();
  const { audit, own } = await auditWithJourneys(made.store);
  await made.store.addStep({
    journeyId: own.id,
    kind: 'page',
    url: 'https://brightline.test/',
    title: 'Brightline — Home',
    at: made.clock.now(),
    note: 'Anna Petrova asked for a callback',
    images: [realImage()],
    userAgent: 'TestBrowser/1.0',
  });
  return { ...made, audit, own };
}

const IDENTITY = { identity: { name: 'Anna Petrova', email: '', phone: '' } };

describe('data controller: back up everything', () => {
  it('saves everything unmasked and records lastBackupAt as the time the backup started', async () => {
    const { store } = await filledStore();
    const { controller, saved, settings, clock } = dataController(store, {}, IDENTITY);
    const result = await controller.backUp();
    expect(saved.map((f) => [f.name, f.type])).toEqual([
      ['touchpoint-audit-backup-2026-03-04.tpa.zip', 'application/zip'],
    ]);
    expect(result).toEqual({ file: saved[0]!.name, bytes: saved[0]!.blob.size });
    // Read at the start, then again when the bundle was written: the first is what counts.
    expect(clock.reads.length).toBeGreaterThan(1);
    expect(settings.current().lastBackupAt).toBe(START);
    const { data, info } = await readBundle(saved[0]!.blob);
    expect(info.scope).toEqual({ kind: 'all' });
    expect(data.touchpoints[0]!.note).toBe('Anna Petrova asked for a callback');
    expect(data.screenshots[0]!.userAgent).toBe('TestBrowser/1.0');
  });

  it('leaves lastBackupAt as it was when the backup fails', async () => {
    const { store } = await filledStore();
    const { controller, settings } = dataController(
      store,
      {
        save: () => {
          throw new Error('The download was refused.');
        },
      },
      { lastBackupAt: 42 },
    );
    await expect(controller.backUp()).rejects.toThrow('download was refused');
    expect(settings.current().lastBackupAt).toBe(42);
    const failing = dataController(
      { ...store, readDataSet: () => Promise.reject(new Error('read failed')) },
      {},
      {},
    );
    await expect(failing.controller.backUp()).rejects.toThrow('read failed');
    expect(failing.settings.current().lastBackupAt).toBeNull();
    expect(failing.saved).toEqual([]);
  });
});

describe('data controller: export to share', () => {
  it('saves one audit named for it, the identity masked, user agents left out', async () => {
    const { store, audit } = await filledStore();
    await store.createAudit({ name: 'Other audit', client: 'X', defaultTask: 'buy' });
    const { controller, saved, settings } = dataController(store, {}, IDENTITY);
    await controller.exportBundle(audit, SHARE_CHOICES);
    expect(saved.map((f) => f.name)).toEqual(['broadband-q1-2026-03-04.tpa.zip']);
    const { data, info } = await readBundle(saved[0]!.blob);
    expect(info.scope).toEqual({ kind: 'audits', auditIds: [audit.id] });
    expect(data.audits.map((a) => a.name)).toEqual(['Broadband Q1']);
    expect(data.touchpoints[0]!.note).not.toContain('Anna Petrova');
    expect(data.screenshots[0]!.userAgent).toBe('');
    // Sharing is not a backup.
    expect(settings.current().lastBackupAt).toBeNull();
  });

  it('saves every audit when none is chosen', async () => {
    const { store } = await filledStore();
    await store.createAudit({ name: 'Other audit', client: 'X', defaultTask: 'buy' });
    const { controller, saved } = dataController(store);
    await controller.exportBundle(null, { ...SHARE_CHOICES, identity: true });
    expect(saved[0]!.name).toBe('touchpoint-audit-2026-03-04.tpa.zip');
    const { data } = await readBundle(saved[0]!.blob);
    expect(data.audits.map((a) => a.name).sort()).toEqual(['Broadband Q1', 'Other audit']);
  });
});

describe('data controller: import', () => {
  it('previews a bundle without writing, then applies it', async () => {
    const source = await filledStore();
    const exported = dataController(source.store);
    await exported.controller.backUp();
    const { store } = testStore(undefined, 1);
    const { controller } = dataController(store);
    const preview = await controller.previewImport(exported.saved[0]!.blob);
    expect(preview.data.audits.map((a) => a.name)).toEqual(['Broadband Q1']);
    expect(preview.plan.counts.touchpoints.new).toBe(1);
    expect(await valueOf(controller.audits)).toEqual([]);
    const plan = await controller.applyImport(preview);
    expect(plan.counts.touchpoints.new).toBe(1);
    const audits = await valueOf(controller.audits, (list) => list.length === 1);
    expect(audits[0]!.name).toBe('Broadband Q1');
    // The same bundle again: nothing new.
    const again = await controller.previewImport(exported.saved[0]!.blob);
    expect(again.plan.counts.touchpoints.new).toBe(0);
  });

  it('ticks each proposed match, plans again when one is unticked, and imports as ticked', async () => {
    // Two profiles with the same audit; each auditor then typed the brand "Skyport" anew.
    const lead = await filledStore();
    const shared = dataController(lead.store);
    await shared.controller.backUp();
    const { store } = testStore(undefined, 1);
    const { controller } = dataController(store);
    await controller.applyImport(await controller.previewImport(shared.saved[0]!.blob));
    const mine = await createWalk(store, { auditId: lead.audit.id, brandName: 'Skyport' });
    const theirs = await createWalk(lead.store, { auditId: lead.audit.id, brandName: 'SKYPORT' });
    const exported = dataController(lead.store);
    await exported.controller.backUp();

    const preview = await controller.previewImport(exported.saved[0]!.blob);
    expect(preview.plan.matches).toEqual([
      expect.objectContaining({
        table: 'brands',
        bundleName: 'SKYPORT',
        localName: 'Skyport',
        accepted: true,
      }),
    ]);
    expect(preview.plan.counts.brands.new).toBe(0);
    const unticked = await controller.chooseMatch(preview, theirs.brandId, false);
    expect(unticked.plan.matches[0]!.accepted).toBe(false);
    expect(unticked.plan.counts.brands.new).toBe(1);
    expect(preview.plan.matches[0]!.accepted).toBe(true); // the earlier preview is left as it was
    const ticked = await controller.chooseMatch(unticked, theirs.brandId, true);
    expect(ticked.plan.counts.brands.new).toBe(0);

    await controller.applyImport(ticked);
    const skyports = (await store.listBrands(lead.audit.id)).filter((b) => /skyport/i.test(b.name));
    expect(skyports.map((b) => b.id)).toEqual([mine.brandId]);
    expect((await store.getJourney(theirs.id))?.brandId).toBe(mine.brandId);
    // Again: nothing to do, the match already made.
    const again = await controller.previewImport(exported.saved[0]!.blob);
    expect(again.plan.nothingToDo).toBe(true);
  });

  it('imports an unticked match as a second brand of the same name', async () => {
    const lead = await filledStore();
    const shared = dataController(lead.store);
    await shared.controller.backUp();
    const { store } = testStore(undefined, 1);
    const { controller } = dataController(store);
    await controller.applyImport(await controller.previewImport(shared.saved[0]!.blob));
    await createWalk(store, { auditId: lead.audit.id, brandName: 'Skyport' });
    const theirs = await createWalk(lead.store, { auditId: lead.audit.id, brandName: 'Skyport' });
    const exported = dataController(lead.store);
    await exported.controller.backUp();
    const preview = await controller.previewImport(exported.saved[0]!.blob);
    await controller.applyImport(await controller.chooseMatch(preview, theirs.brandId, false));
    const names = (await store.listBrands(lead.audit.id)).map((b) => b.name);
    expect(names.filter((n) => n === 'Skyport')).toHaveLength(2);
  });

  it('the preview names each match in a checkbox’s label, in English and Russian', async () => {
    const lead = await filledStore();
    const shared = dataController(lead.store);
    await shared.controller.backUp();
    const { store } = testStore(undefined, 1);
    const { controller } = dataController(store);
    await controller.applyImport(await controller.previewImport(shared.saved[0]!.blob));
    await createWalk(store, { auditId: lead.audit.id, brandName: '<b>Skyport</b>' });
    await createWalk(lead.store, { auditId: lead.audit.id, brandName: '<B>SKYPORT</B>' });
    const exported = dataController(lead.store);
    await exported.controller.backUp();
    const preview = await controller.previewImport(exported.saved[0]!.blob);
    const view = (locale: 'en' | 'ru') =>
      renderToString(
        h(ImportPreview, {
          t: translator(locale),
          locale,
          fileName: 'b.tpa.zip',
          createdAt: START,
          audits: ['Broadband Q1'],
          summary: preview.plan,
          matches: preview.plan.matches,
          planning: false,
          onMatch: () => {},
          busy: false,
          onApply: () => {},
          onCancel: () => {},
          mask: (text) => text,
        }),
      );
    // The checkbox sits inside its label: its accessible name is the sentence. Names are text.
    expect(view('en')).toMatch(
      /<label><input type="checkbox" checked\/?> “&lt;B>SKYPORT&lt;\/B>” in the file and “&lt;b>Skyport&lt;\/b>” here: one brand<\/label>/,
    );
    expect(view('ru')).toContain(
      '«&lt;B>SKYPORT&lt;/B>» в файле и «&lt;b>Skyport&lt;/b>» здесь: один бренд',
    );
  });

  it('decodes every image with the page’s decoder; one it cannot decode refuses the bundle, writing nothing', async () => {
    const source = await filledStore();
    const exported = dataController(source.store);
    await exported.controller.backUp();
    const { store } = testStore(undefined, 1);
    const decoded: string[] = [];
    const { controller } = dataController(store, {
      decodeImage: async (image) => {
        decoded.push(image.type);
        if (image.type === 'image/webp') throw new Error('The source image could not be decoded.');
      },
    });
    const error = (await controller
      .previewImport(exported.saved[0]!.blob)
      .catch((e: unknown) => e)) as BundleError;
    expect(error).toBeInstanceOf(BundleError);
    expect(error.code).toBe('undecodable-image');
    expect(error.path).toMatch(/^images\/[0-9a-f]{64}\.webp$/);
    expect(decoded).toContain('image/webp');
    expect(await store.listAudits()).toEqual([]);
  });

  it('refuses a file that is not a bundle, writing nothing', async () => {
    const { store } = testStore();
    const { controller } = dataController(store);
    const error = await controller
      .previewImport(new Blob(['not a zip'], { type: 'application/zip' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect(await store.listAudits()).toEqual([]);
  });
});

describe('data controller: storage and Recently deleted', () => {
  it('says the storage status, null when the browser does not, and asks for persistence', async () => {
    const { store } = testStore();
    const { controller, persistence } = dataController(store);
    expect(await controller.storageStatus()).toEqual({
      usage: 5_000_000,
      quota: 100_000_000,
      persisted: false,
    });
    expect(await controller.requestPersistence()).toBe(true);
    expect(persistence.asked).toBe(1);
    const silent = dataController(store, {
      storage: {
        status: () => Promise.reject(new Error('no estimate')),
        requestPersistence: async () => false,
      },
    });
    expect(await silent.controller.storageStatus()).toBeNull();
  });

  it('lists deleted audits live, restores one and empties the rest', async () => {
    const { store, audit } = await filledStore();
    const other = await store.createAudit({ name: 'Other audit', client: 'X', defaultTask: 'buy' });
    const { controller } = dataController(store);
    await store.deleteAudit(audit.id);
    await store.deleteAudit(other.id);
    const trash = await valueOf(controller.trash, (list) => list.length === 2);
    await controller.restore(trash.find((e) => e.label.includes('Broadband'))!);
    const audits = await valueOf(controller.audits, (list) => list.length === 1);
    expect(audits[0]!.id).toBe(audit.id);
    expect(await controller.emptyTrash()).toBe(1);
    expect(await valueOf(controller.trash, (list) => list.length === 0)).toEqual([]);
  });
});
