/**
 * Brands and waves made from records written before they existed (database versions 1–5 and
 * bundle formats 1–4 stored the brand on each journey and had no waves). Pure and deterministic:
 * the same old records always give the same brands, waves and ids, so a profile upgraded in place
 * and a profile importing the same old bundle agree.
 */
import type { Brand, BrandRole, Wave } from './records';

/** A fast 53-bit hash (cyrb53) as 14 hex digits: synchronous, so it can run inside a transaction. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/** A UUID (version 8, "custom") derived from `seed`: the same seed always gives the same id. */
export function derivedId(seed: string): string {
  const hex = (hashText(`a${seed}`) + hashText(`b${seed}`) + hashText(`c${seed}`)).slice(0, 32);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How two typed brand names are compared: trimmed, spaces collapsed, case ignored. */
export function brandNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** The brand fields a journey carried before brands were records. */
export interface LegacyJourneyBrand {
  id: string;
  auditId: string;
  brandName: string;
  brandDomain: string;
  brandRole: 'own' | 'competitor';
  createdAt: number;
  updatedAt: number;
}

/** The name of the wave every older journey is put in (stored, so in the data's language: none). */
export const FIRST_WAVE_NAME = 'Wave 1';

/** Local midnight of the day `ms` falls on, for a reader `utcOffsetMinutes` east of UTC. */
export function dayStart(ms: number, utcOffsetMinutes = 0): number {
  const shifted = ms + utcOffsetMinutes * 60_000;
  return shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000) - utcOffsetMinutes * 60_000;
}

export interface LegacyProgramme {
  brands: Brand[];
  waves: Wave[];
  /** The brand id of each journey, by journey id. */
  brandOf: Map<string, string>;
  /** The wave id of each journey, by journey id. */
  waveOf: Map<string, string>;
}

/**
 * One audit's brands and first wave from its old journeys: journeys whose brand names are equal
 * (brandNameKey) and whose roles are equal become one brand, named, with the domain, as the
 * earliest of them typed it (the first non-empty domain); every journey goes into one first wave
 * spanning the days its journeys were created (the audit's creation day when it has none).
 */
export function legacyProgramme(
  auditId: string,
  journeys: readonly LegacyJourneyBrand[],
  auditCreatedAt: number,
): LegacyProgramme {
  const sorted = [...journeys].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const brands = new Map<string, Brand>();
  const brandOf = new Map<string, string>();
  const waveId = derivedId(`wave\u0000${auditId}\u00001`);
  const waveOf = new Map<string, string>();
  for (const j of sorted) {
    const role: BrandRole = j.brandRole;
    const key = `${role}\u0000${brandNameKey(j.brandName)}`;
    let brand = brands.get(key);
    if (!brand) {
      brand = {
        id: derivedId(`brand\u0000${auditId}\u0000${key}`),
        auditId,
        name: j.brandName.trim(),
        domain: j.brandDomain.trim(),
        role,
        createdAt: j.createdAt,
        updatedAt: j.createdAt,
      };
      brands.set(key, brand);
    } else if (!brand.domain && j.brandDomain.trim()) {
      brand.domain = j.brandDomain.trim();
    }
    brandOf.set(j.id, brand.id);
    waveOf.set(j.id, waveId);
  }
  // `sorted` is by creation time: its ends are the first and last (no spread: a bundle may hold
  // more journeys than a call takes arguments).
  const first = sorted[0]?.createdAt ?? auditCreatedAt;
  const last = sorted.at(-1)?.createdAt ?? auditCreatedAt;
  const wave: Wave = {
    id: waveId,
    auditId,
    name: FIRST_WAVE_NAME,
    start: dayStart(first),
    end: dayStart(last),
    createdAt: first,
    updatedAt: first,
  };
  return { brands: [...brands.values()], waves: [wave], brandOf, waveOf };
}
