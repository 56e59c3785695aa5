/**
 * The inventory's store read and write (walked types per brand; a brand's inventory edited on the
 * brand as stored) and the Method page's inventory controller over a real (fake-indexeddb) store.
 */
import { describe, expect, it } from 'vitest';
import { createInventoryController } from '../../lib/controllers/inventory';
import { InvalidRecordError } from '../../lib/db';
import { fakeShell, valueOf } from './controller-fakes';
import { auditWithJourneys, createWalk, testStore } from './helpers';

const step = (journeyId: string, typeId: string | null, title = 'Step') => ({
  journeyId,
  kind: 'page' as const,
  url: null,
  title,
  at: 1,
  ...(typeId === null ? {} : { typeId }),
});

describe('walked types per brand (store.walkedTypes)', () => {
  it('pools every walk and wave of a brand, leaves untyped steps and other audits out', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const second = await createWalk(store, {
      auditId: audit.id,
      brandName: 'Brightline',
      wave: 'Wave 2',
    });
    await store.addStep(step(own.id, 'home-page'));
    await store.addStep(step(own.id, null));
    await store.addStep(step(second.id, 'web-form'));
    await store.addStep(step(second.id, 'home-page'));
    await store.addStep(step(rival.id, 'faq'));
    const other = await store.createAudit({ name: 'Other', client: '', defaultTask: '' });
    const elsewhere = await createWalk(store, { auditId: other.id, brandName: 'Brightline' });
    await store.addStep(step(elsewhere.id, 'online-chat'));

    const walked = await store.walkedTypes(audit.id);
    expect(new Set(walked.keys())).toEqual(new Set([own.brandId, rival.brandId]));
    expect([...walked.get(own.brandId)!].sort()).toEqual(['home-page', 'web-form']);
    expect([...walked.get(rival.brandId)!]).toEqual(['faq']);
    expect((await store.walkedTypes(other.id)).get(elsewhere.brandId)).toEqual(
      new Set(['online-chat']),
    );
    const empty = await store.createAudit({ name: 'Empty', client: '', defaultTask: '' });
    expect((await store.walkedTypes(empty.id)).size).toBe(0);
  });
});

describe('a brand’s inventory (store.updateBrand)', () => {
  it('builds an edit on the brand as stored when given a function', async () => {
    const { store, clock } = testStore();
    const { rival } = await auditWithJourneys(store);
    await store.updateBrand(rival.brandId, { inventory: [{ typeId: 'faq', present: true }] });
    clock.advance(1000);
    const stored = await store.updateBrand(rival.brandId, (brand) => ({
      inventory: [...(brand.inventory ?? []), { typeId: 'mobile-app', present: false }],
    }));
    expect(stored.inventory).toEqual([
      { typeId: 'faq', present: true },
      { typeId: 'mobile-app', present: false },
    ]);
    expect(stored.updatedAt).toBe(Date.UTC(2026, 0, 5, 9, 0, 1));
  });

  it('refuses an entry that is not a method id, writing nothing', async () => {
    const { store } = testStore();
    const { audit, rival } = await auditWithJourneys(store);
    await expect(
      store.updateBrand(rival.brandId, () => ({
        inventory: [{ typeId: 'no spaces allowed', present: true }],
      })),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    const brand = (await store.listBrands(audit.id)).find((b) => b.id === rival.brandId);
    expect(brand?.inventory).toBeUndefined();
  });
});

describe('inventory controller', () => {
  it('reads brands and walked types live and writes one cell at a time', async () => {
    const { store } = testStore();
    const { audit, own, rival } = await auditWithJourneys(store);
    const controller = createInventoryController({
      shell: fakeShell().shell,
      store,
      auditId: audit.id,
    });
    const first = await valueOf(controller.data, (d) => d !== undefined);
    expect(first!.brands.map((b) => b.name)).toEqual(['Brightline', 'Fastwave']);
    expect(first!.walked.size).toBe(0);

    await store.addStep(step(own.id, 'home-page'));
    const walked = await valueOf(controller.data, (d) => (d?.walked.size ?? 0) > 0);
    expect([...walked!.walked.get(own.brandId)!]).toEqual(['home-page']);

    // Two quick writes of one brand: neither undoes the other.
    await Promise.all([
      controller.set(rival.brandId, 'mobile-app', true),
      controller.set(rival.brandId, 'faq', false),
    ]);
    const data = await valueOf(
      controller.data,
      (d) => d?.brands.find((b) => b.id === rival.brandId)?.inventory?.length === 2,
    );
    const fastwave = data!.brands.find((b) => b.id === rival.brandId)!;
    expect(fastwave.inventory).toEqual([
      { typeId: 'mobile-app', present: true },
      { typeId: 'faq', present: false },
    ]);
    // Back to "not checked": the entry goes.
    const back = await controller.set(rival.brandId, 'mobile-app', null);
    expect(back.inventory).toEqual([{ typeId: 'faq', present: false }]);
    // Changed in place.
    const changed = await controller.set(rival.brandId, 'faq', true);
    expect(changed.inventory).toEqual([{ typeId: 'faq', present: true }]);
  });

  it('gives no brands without an audit', async () => {
    const { store } = testStore();
    const controller = createInventoryController({
      shell: fakeShell().shell,
      store,
      auditId: null,
    });
    expect((await valueOf(controller.data))!.brands).toEqual([]);
  });
});
