/**
 * The Method page's inventory (Aaker, step 1): which touchpoint types each brand of the audit
 * has, as the auditor checked them, beside the types its walks have (any wave). Each cell is
 * written alone, built on the brand as stored in the same transaction, so two quick edits (or
 * an edit in another window) never undo each other.
 */
import type { AuditStore } from '../db';
import type { Brand } from '../model';
import { setInventoryEntry } from '../report/inventory';
import type { Subscribe } from './live';
import type { ShellController } from './shell';

/** The audit's brands and the types each has walked (by brand id). */
export interface InventoryData {
  brands: Brand[];
  walked: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface InventoryControllerDeps {
  shell: ShellController;
  store: Pick<AuditStore, 'listBrands' | 'walkedTypes' | 'updateBrand'>;
  auditId: string | null;
}

export interface InventoryController {
  /** undefined while loading. */
  readonly data: Subscribe<InventoryData | undefined>;
  /**
   * Says a type exists (true), is absent (false) or was not checked (null) for a brand; one
   * transaction. Resolves with the brand as stored; rejects with why not (the view says it).
   */
  set(brandId: string, typeId: string, present: boolean | null): Promise<Brand>;
}

export function createInventoryController(deps: InventoryControllerDeps): InventoryController {
  const { shell, store, auditId } = deps;
  return {
    data: auditId
      ? shell.live('inventory', async () => ({
          brands: await store.listBrands(auditId),
          walked: await store.walkedTypes(auditId),
        }))
      : (onValue) => (onValue({ brands: [], walked: new Map() }), () => {}),
    set: (brandId, typeId, present) =>
      store.updateBrand(brandId, (brand) => ({
        inventory: setInventoryEntry(brand.inventory, typeId, present),
      })),
  };
}
