/**
 * An audit's programme: its brands (own, competitors, benchmarks) and its waves. Listed, created,
 * edited; deleted (to Recently deleted, with a tombstone) only when no walk uses them.
 */
import {
  Brand,
  BrandEdit,
  BrandInput,
  brandNameKey,
  type BrandRole,
  type DeletedEntry,
  Wave,
  WaveEdit,
  WaveInput,
} from '../model';
import { parse, StorePart } from './core';
import { DuplicateNameError, InvalidRecordError, NotFoundError, WalksInUseError } from './errors';
import type { AuditDatabase } from './schema';
import { moveToTrash } from './trash';

const ROLE_ORDER: Record<BrandRole, number> = { own: 0, competitor: 1, benchmark: 2 };

/** Brands as pickers list them: the own brand first, then competitors, then benchmarks; by name. */
export function sortBrands(brands: readonly Brand[]): Brand[] {
  return [...brands].sort(
    (a, b) =>
      ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
      a.name.localeCompare(b.name) ||
      (a.id < b.id ? -1 : 1),
  );
}

/** Waves in time order: by start, then by name. */
export function sortWaves(waves: readonly Wave[]): Wave[] {
  return [...waves].sort(
    (a, b) => a.start - b.start || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1),
  );
}

/**
 * Refuses `name` (DuplicateNameError) when another brand of the audit than `exceptId` has the same
 * name by brandNameKey. Call inside a transaction over brands.
 */
export async function checkBrandName(
  db: AuditDatabase,
  auditId: string,
  name: string,
  exceptId: string | null,
): Promise<void> {
  const key = brandNameKey(name);
  const brands = await db.brands.where('auditId').equals(auditId).toArray();
  const same = brands.find((b) => b.id !== exceptId && brandNameKey(b.name) === key);
  if (same) throw new DuplicateNameError('brand', name, same.name);
}

/**
 * Checks that a walk of audit `auditId` may name brand `brandId` and wave `waveId` (either may be
 * undefined: not checked): NotFoundError when one is missing, InvalidRecordError when it belongs to
 * another audit. Call inside a transaction over brands and waves.
 */
export async function checkWalkLinks(
  db: AuditDatabase,
  auditId: string,
  links: { brandId?: string | undefined; waveId?: string | undefined },
): Promise<void> {
  if (links.brandId !== undefined) {
    const brand = await db.brands.get(links.brandId);
    if (!brand) throw new NotFoundError('Brand', links.brandId);
    if (brand.auditId !== auditId)
      throw new InvalidRecordError(
        'journey',
        `brandId: "${brand.name}" is a brand of another audit`,
      );
  }
  if (links.waveId !== undefined) {
    const wave = await db.waves.get(links.waveId);
    if (!wave) throw new NotFoundError('Wave', links.waveId);
    if (wave.auditId !== auditId)
      throw new InvalidRecordError('journey', `waveId: "${wave.name}" is a wave of another audit`);
  }
}

/** Brands and waves of an audit. */
export class ProgrammeRecords extends StorePart {
  /** The audit's brands: own first, then competitors, then benchmarks; by name within each. */
  async listBrands(auditId: string): Promise<Brand[]> {
    return sortBrands(await this.db.brands.where('auditId').equals(auditId).toArray());
  }

  /** The audit's waves by start, then name. */
  async listWaves(auditId: string): Promise<Wave[]> {
    return sortWaves(await this.db.waves.where('auditId').equals(auditId).toArray());
  }

  /**
   * Adds a brand to an audit. Refuses a name another brand of the audit has (DuplicateNameError
   * naming it; names compared by brandNameKey) and a missing audit (NotFoundError).
   */
  async createBrand(input: BrandInput): Promise<Brand> {
    const brand = this.newBrand(parse(BrandInput, input, 'brand'));
    await this.core.write(0, () =>
      this.db.transaction('rw', this.db.audits, this.db.brands, () => this.addBrand(brand)),
    );
    return brand;
  }

  /** A new brand record from what was typed (no write). */
  newBrand(input: BrandInput): Brand {
    const now = this.now();
    return parse(Brand, { ...input, id: this.newId(), createdAt: now, updatedAt: now }, 'brand');
  }

  /** Writes a new brand (call inside a transaction over audits and brands). */
  async addBrand(brand: Brand): Promise<void> {
    if (!(await this.db.audits.get(brand.auditId))) throw new NotFoundError('Audit', brand.auditId);
    await checkBrandName(this.db, brand.auditId, brand.name, null);
    await this.db.brands.add(brand);
  }

  /**
   * Renames a brand, or changes its domain, role or inventory; a new name must be free in the
   * audit. `edit` may be a function of the brand as stored, read in the same transaction (so
   * an inventory edit builds on the entries as they are, not as a page last read them).
   */
  async updateBrand(id: string, edit: BrandEdit | ((current: Brand) => BrandEdit)): Promise<Brand> {
    const given = typeof edit === 'function' ? null : parse(BrandEdit, edit, 'brand edit');
    return this.core.modify('brands', id, async (current) => {
      const changes =
        given ?? parse(BrandEdit, (edit as (current: Brand) => BrandEdit)(current), 'brand edit');
      if (changes.name !== undefined)
        await checkBrandName(this.db, current.auditId, changes.name, id);
      return changes;
    });
  }

  /**
   * The touchpoint types each brand of an audit has walked (steps of any wave), by brand id: a
   * light read for the inventory (steps without a type left out; brands with no walk absent).
   */
  async walkedTypes(auditId: string): Promise<Map<string, Set<string>>> {
    const journeys = await this.db.journeys.where('auditId').equals(auditId).toArray();
    const brandOf = new Map(journeys.map((j) => [j.id, j.brandId]));
    const walked = new Map<string, Set<string>>();
    if (!journeys.length) return walked;
    const steps = await this.db.touchpoints
      .where('journeyId')
      .anyOf([...brandOf.keys()])
      .toArray();
    for (const step of steps) {
      const brandId = brandOf.get(step.journeyId);
      if (step.typeId === null || brandId === undefined) continue;
      const types = walked.get(brandId) ?? new Set<string>();
      types.add(step.typeId);
      walked.set(brandId, types);
    }
    return walked;
  }

  /**
   * Moves a brand no walk uses to Recently deleted (with a tombstone, so a bundle carries the
   * deletion). Refuses while walks use it (WalksInUseError, saying how many).
   */
  deleteBrand(id: string): Promise<DeletedEntry> {
    return this.core.write(0, () =>
      this.db.transaction('rw', this.db.tables, async () => {
        const brand = await this.db.brands.get(id);
        if (!brand) throw new NotFoundError('Brand', id);
        const walks = await this.db.journeys.where('brandId').equals(id).count();
        if (walks) throw new WalksInUseError('brand', brand.name, walks);
        const entry = await moveToTrash(this.db, 'brand', id, this.now());
        if (!entry) throw new NotFoundError('Brand', id);
        return entry;
      }),
    );
  }

  /** Adds a wave to an audit (NotFoundError when the audit is missing). */
  async createWave(input: WaveInput): Promise<Wave> {
    const wave = this.newWave(parse(WaveInput, input, 'wave'));
    await this.core.write(0, () =>
      this.db.transaction('rw', this.db.audits, this.db.waves, () => this.addWave(wave)),
    );
    return wave;
  }

  /** A new wave record from what was typed (no write). */
  newWave(input: WaveInput): Wave {
    const now = this.now();
    return parse(Wave, { ...input, id: this.newId(), createdAt: now, updatedAt: now }, 'wave');
  }

  /** Writes a new wave (call inside a transaction over audits and waves). */
  async addWave(wave: Wave): Promise<void> {
    if (!(await this.db.audits.get(wave.auditId))) throw new NotFoundError('Audit', wave.auditId);
    await this.db.waves.add(wave);
  }

  /** Renames a wave or changes its period (it must still end on or after its start). */
  async updateWave(id: string, edit: WaveEdit): Promise<Wave> {
    const changes = parse(WaveEdit, edit, 'wave edit');
    return this.core.modify('waves', id, () => changes);
  }

  /** Moves a wave no walk uses to Recently deleted; refuses while walks use it (WalksInUseError). */
  deleteWave(id: string): Promise<DeletedEntry> {
    return this.core.write(0, () =>
      this.db.transaction('rw', this.db.tables, async () => {
        const wave = await this.db.waves.get(id);
        if (!wave) throw new NotFoundError('Wave', id);
        const walks = await this.db.journeys.where('waveId').equals(id).count();
        if (walks) throw new WalksInUseError('wave', wave.name, walks);
        const entry = await moveToTrash(this.db, 'wave', id, this.now());
        if (!entry) throw new NotFoundError('Wave', id);
        return entry;
      }),
    );
  }
}
