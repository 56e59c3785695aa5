/**
 * The side panel's brands and waves: a new walk's brand and wave (an existing one, or a new one
 * proposed), how many walks use each, the wave's period in words, and the store writes behind the
 * panel's "Brands and waves" card. Pure but for the writes, which go through the store passed in.
 */
import type { AuditStore } from '../db';
import type { Translate } from '../i18n';
import { periodText, roleText } from '../report/words';
import type {
  Audit,
  Brand,
  BrandEdit,
  BrandRole,
  DeletedEntry,
  Journey,
  NewJourney,
  Wave,
  WaveEdit,
} from '../model';

/** A new walk as the panel's form gives it (the audit is the panel's). */
export type WalkFields = Omit<NewJourney, 'auditId'>;
/** A brand as the form types it. */
export interface BrandFields {
  name: string;
  domain: string;
  role: BrandRole;
}
/** A wave as the form types it: name, local midnights of its first and last day. */
export interface WaveFields {
  name: string;
  start: number;
  end: number;
}

/** Local midnights of the first and the last day of the month `ms` falls in. */
export function monthPeriod(ms: number): { start: number; end: number } {
  const day = new Date(ms);
  const start = new Date(day.getFullYear(), day.getMonth(), 1).getTime();
  const end = new Date(day.getFullYear(), day.getMonth() + 1, 0).getTime();
  return { start, end };
}

/**
 * The wave proposed when the auditor adds one: "Wave n+1" for the month after the latest wave's
 * last day, or this month when that is later ("Wave 1" this month for an audit with none).
 */
export function proposedWave(waves: readonly Wave[], now: number, t: Translate): WaveFields {
  const lastEnd = Math.max(...waves.map((w) => w.end), -Infinity);
  const nextDay = Number.isFinite(lastEnd)
    ? new Date(new Date(lastEnd).getFullYear(), new Date(lastEnd).getMonth() + 1, 1).getTime()
    : now;
  return { name: t('waveN', { n: waves.length + 1 }), ...monthPeriod(Math.max(now, nextDay)) };
}

/** How many walks use each brand and each wave (a brand or wave no walk uses: absent, i.e. 0). */
export function walksUsing(journeys: readonly Journey[]): {
  brands: Map<string, number>;
  waves: Map<string, number>;
} {
  const brands = new Map<string, number>();
  const waves = new Map<string, number>();
  for (const j of journeys) {
    brands.set(j.brandId, (brands.get(j.brandId) ?? 0) + 1);
    waves.set(j.waveId, (waves.get(j.waveId) ?? 0) + 1);
  }
  return { brands, waves };
}

/**
 * A new walk's fields. Wave: the latest (listWaves order: by start), else "Wave 1" this month.
 * Brand: the first brand not walked yet in that wave; when every brand is, a new brand: the own
 * brand while the audit has none, else a competitor. Task: the audit's; auditor: from Options.
 */
export function newWalk(
  audit: Audit,
  journeys: readonly Journey[],
  brands: readonly Brand[],
  waves: readonly Wave[],
  auditorName: string,
  now: number,
  t: Translate,
): WalkFields {
  const wave = waves.at(-1);
  const walked = new Set(journeys.filter((j) => j.waveId === wave?.id).map((j) => j.brandId));
  const next = wave ? brands.find((b) => !walked.has(b.id)) : brands[0];
  return {
    brand: next
      ? { id: next.id }
      : { name: '', domain: '', role: brands.some((b) => b.role === 'own') ? 'competitor' : 'own' },
    wave: wave ? { id: wave.id } : proposedWave([], now, t),
    task: audit.defaultTask,
    persona: '',
    entryChannel: 'search',
    auditor: auditorName,
  };
}

export { periodText, roleText };

/** The store as the brands-and-waves card writes it. */
export type ProgrammeStore = Pick<
  AuditStore,
  | 'listBrands'
  | 'listWaves'
  | 'createBrand'
  | 'updateBrand'
  | 'deleteBrand'
  | 'createWave'
  | 'updateWave'
  | 'deleteWave'
>;

export interface PanelProgrammeActions {
  /** Adds a brand to the audit (refused when its name is another brand's). */
  createBrand(auditId: string, fields: BrandFields): Promise<string>;
  updateBrand(brand: Brand, edit: BrandEdit): Promise<string>;
  /** Deletes a brand no walk uses (refused, with how many, while walks use it). */
  deleteBrand(brand: Brand): Promise<DeletedEntry>;
  createWave(auditId: string, fields: WaveFields): Promise<string>;
  updateWave(wave: Wave, edit: WaveEdit): Promise<string>;
  /** Deletes a wave no walk uses (refused, with how many, while walks use it). */
  deleteWave(wave: Wave): Promise<DeletedEntry>;
}

/** The brand and wave writes, each resolving with what to say in the panel's language. */
export function programmeActionsOver(
  store: ProgrammeStore,
  t: () => Translate,
): PanelProgrammeActions {
  return {
    async createBrand(auditId, fields) {
      const brand = await store.createBrand({ auditId, ...fields });
      return t()('brandAdded', { name: brand.name });
    },
    async updateBrand(brand, edit) {
      await store.updateBrand(brand.id, edit);
      return t()('brandSaved', { name: edit.name ?? brand.name });
    },
    deleteBrand: (brand) => store.deleteBrand(brand.id),
    async createWave(auditId, fields) {
      const wave = await store.createWave({ auditId, ...fields });
      return t()('waveAdded', { name: wave.name });
    },
    async updateWave(wave, edit) {
      await store.updateWave(wave.id, edit);
      return t()('waveSaved', { name: edit.name ?? wave.name });
    },
    deleteWave: (wave) => store.deleteWave(wave.id),
  };
}
