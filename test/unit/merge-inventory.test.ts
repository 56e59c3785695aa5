/**
 * A bundle's brand confirmed as one here (the brand match) is not written, but its inventory is
 * not lost: types only the bundle lists are added; a type both list differently takes the newer
 * brand record's word.
 */
import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../lib/db';
import { mergeInventory } from '../../lib/db/merge';
import { auditWithJourneys, createWalk, testStore } from './helpers';

const ALL = { kind: 'all' } as const;
const confirmed = (plan: ImportPlan) =>
  plan.matches.map(({ bundleId, localId }) => ({ bundleId, localId }));

/** Two profiles of one audit, each with its own "Skyport" (typed alike), each with an inventory. */
async function twoSkyports(bundleNewer: boolean) {
  const lead = testStore(Date.UTC(2026, 0, 5, 9), 1);
  const auditor = testStore(Date.UTC(2026, 0, 5, 10), 2);
  const { audit } = await auditWithJourneys(lead.store);
  await auditor.store.applyImport(await lead.store.readDataSet(ALL));
  const mine = await createWalk(lead.store, { auditId: audit.id, brandName: 'Skyport' });
  const theirs = await createWalk(auditor.store, { auditId: audit.id, brandName: ' skyport ' });
  const editLead = () =>
    lead.store.updateBrand(mine.brandId, {
      inventory: [
        { typeId: 'faq', present: true },
        { typeId: 'online-chat', present: false },
      ],
    });
  const editAuditor = () =>
    auditor.store.updateBrand(theirs.brandId, {
      inventory: [
        { typeId: 'online-chat', present: true },
        { typeId: 'personal-account', present: false },
      ],
    });
  if (bundleNewer) {
    await editLead();
    auditor.clock.advance(3_600_000);
    await editAuditor();
  } else {
    await editAuditor();
    lead.clock.advance(3_600_000);
    await editLead();
  }
  return { lead, auditor, audit, mine, theirs };
}

describe('a confirmed brand match keeps the bundle brand’s inventory', () => {
  it('adds the types only the bundle lists; the newer record wins a type both list', async () => {
    const { lead, auditor, mine, theirs } = await twoSkyports(true);
    const bundle = await auditor.store.readDataSet(ALL);
    const preview = await lead.store.previewImport(bundle);
    expect(preview.matches.find((m) => m.table === 'brands')).toMatchObject({
      bundleId: theirs.brandId,
      localId: mine.brandId,
      accepted: true,
    });
    expect(preview.counts.brands.changed).toBe(1);
    await lead.store.applyImport(bundle, confirmed(preview));
    const brand = await lead.db.brands.get(mine.brandId);
    // The bundle's record is the newer (10:00 + 1 h against 09:00): its "online chat exists" wins.
    expect(brand?.inventory).toEqual([
      { typeId: 'faq', present: true },
      { typeId: 'online-chat', present: true },
      { typeId: 'personal-account', present: false },
    ]);
    expect(brand?.updatedAt).toBe(Date.UTC(2026, 0, 5, 11));
    expect(await lead.db.brands.get(theirs.brandId)).toBeUndefined();
    // Imported again: nothing more to do for the brand.
    const again = await lead.store.previewImport(bundle);
    expect(again.counts.brands.changed).toBe(0);
  });

  it('keeps the word here when the brand here is the newer', async () => {
    const { lead, auditor, mine } = await twoSkyports(false);
    const bundle = await auditor.store.readDataSet(ALL);
    await lead.store.applyImport(bundle, confirmed(await lead.store.previewImport(bundle)));
    expect((await lead.db.brands.get(mine.brandId))?.inventory).toEqual([
      { typeId: 'faq', present: true },
      { typeId: 'online-chat', present: false },
      { typeId: 'personal-account', present: false },
    ]);
  });

  it('merges by hand-computed rules (pure)', () => {
    const here = {
      updatedAt: 5,
      inventory: [
        { typeId: 'a', present: true },
        { typeId: 'b', present: false },
      ],
    };
    const there = {
      updatedAt: 5,
      inventory: [
        { typeId: 'b', present: true },
        { typeId: 'c', present: true },
      ],
    };
    // A tie keeps the word here.
    expect(mergeInventory(here, there)).toEqual([
      { typeId: 'a', present: true },
      { typeId: 'b', present: false },
      { typeId: 'c', present: true },
    ]);
    expect(mergeInventory(here, { ...there, updatedAt: 6 })[1]).toEqual({
      typeId: 'b',
      present: true,
    });
    expect(mergeInventory({ updatedAt: 1 }, there)).toEqual(there.inventory);
  });
});
