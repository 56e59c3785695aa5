/**
 * Labels for walks (journeys) and brands wherever several are shown together: the brand's name
 * first, then only what tells the walks of that brand name apart, so every label is unique and
 * short. Pure: the caller passes the words (en/ru) and the channel names.
 */
import { brandNameKey, type Brand, type BrandRole, type Journey, type Wave } from '../model';

/** Between the parts of a walk's label: "Brightline · Wave 2 · students". */
export const LABEL_SEPARATOR = ' · ';

/**
 * The words labels need, in the report's language. Placeholders stand for an empty value when
 * that value tells walks apart, e.g. en "no persona", "no auditor", "no wave", "no domain",
 * "unknown brand"; ru "без персоны", "без аудитора", "без волны", "без домена",
 * "неизвестный бренд".
 */
export interface LabelWords {
  /** A walk whose persona is empty. */
  noPersona: string;
  /** A walk whose auditor is empty. */
  noAuditor: string;
  /** A walk whose wave is not among the waves given. */
  noWave: string;
  /** A brand with an empty domain, when domains tell same-name brands apart. */
  noDomain: string;
  /** A walk whose brand is not among the brands given. */
  unknownBrand: string;
  /** The brand roles, when roles tell same-name brands apart ("own", "competitor", …). */
  role: Record<BrandRole, string>;
}

export type LabelledWalk = Pick<
  Journey,
  'id' | 'brandId' | 'waveId' | 'persona' | 'entryChannel' | 'auditor' | 'createdAt'
>;
export type LabelledBrand = Pick<Brand, 'id' | 'name' | 'domain' | 'role' | 'createdAt'>;
export type LabelledWave = Pick<Wave, 'id' | 'name'>;

/** A label in parts: the name, what tells same-name brands apart, the walk's parts, ordinals. */
interface Label {
  name: string;
  tag: string;
  parts: string[];
  ordinals: string[];
}

interface Entry {
  id: string;
  createdAt: number;
  label: Label;
}

/** Text as a label part: trimmed, each run of white space one space. */
function clean(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The text shown for a value: the value, or the placeholder when it is empty. */
function shown(text: string, placeholder: string): string {
  return clean(text) || clean(placeholder);
}

/** How parts and labels are compared: spacing and case ignored (as brand names are). */
const sameKey = brandNameKey;

function render(label: Label): string {
  const head = label.tag ? `${label.name} (${label.tag})` : label.name;
  return [head, ...label.parts, ...label.ordinals].filter((p) => p !== '').join(LABEL_SEPARATOR);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function distinctCount(values: readonly string[]): number {
  return new Set(values.map(sameKey)).size;
}

/**
 * What tells brands of the same name apart: the domain if domains differ (an empty one shown as
 * `noDomain`), the role if roles differ, both if both do; "" for brands that differ in neither.
 */
function brandTags(brands: readonly LabelledBrand[], words: LabelWords): Map<string, string> {
  const byDomain = distinctCount(brands.map((b) => b.domain)) > 1;
  const byRole = new Set(brands.map((b) => b.role)).size > 1;
  return new Map(
    brands.map((b) => {
      const tag = [
        byDomain ? shown(b.domain, words.noDomain) : '',
        byRole ? clean(words.role[b.role]) : '',
      ].filter((t) => t !== '');
      return [b.id, tag.join(', ')];
    }),
  );
}

/**
 * Numbers the entries that share a label (compared as `sameKey`) "#1", "#2", … in order of
 * createdAt, then id, skipping a number whose label another entry already has (a persona typed
 * "students · #1"): labels numbered from different labels never meet, as what precedes the last
 * " · #" differs, so one pass leaves every label unique.
 */
function numberCollisions(entries: readonly Entry[]): void {
  const taken = new Set(entries.map((e) => sameKey(render(e.label))));
  for (const group of groupBy(entries, (e) => sameKey(render(e.label))).values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort(
      (x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    const base = render(ordered[0]!.label);
    let n = 0;
    for (const e of ordered) {
      do n++;
      while (taken.has(sameKey(`${base}${LABEL_SEPARATOR}#${n}`)));
      e.label.ordinals.push(`#${n}`);
    }
  }
}

function labelsOf(entries: readonly Entry[]): Map<string, string> {
  return new Map(entries.map((e) => [e.id, render(e.label)]));
}

/**
 * A unique, brief label for every walk, keyed by journey id. The label is the brand's name, then
 * only the dimensions whose value differs between the walks shown of the same brand name
 * (compared ignoring case and spacing), in this order: wave name, persona, entry channel
 * (`channelName`), auditor. An empty value that differs from another walk's shows as its
 * placeholder from `words`. Walks that still share a label are told apart first by their brands'
 * domain and/or role, "Brightline (brightline.com) · Wave 2", when their brand records differ,
 * then by "#1", "#2", … in order of createdAt, then id: "Brightline · Wave 2 · #2". Every label
 * starts with the brand's name (trimmed, spaces collapsed; `words.unknownBrand` for a brand not
 * given) and has no empty part; no two labels are equal, even ignoring case and spacing.
 */
export function walkLabels(
  walks: readonly LabelledWalk[],
  brands: readonly LabelledBrand[],
  waves: readonly LabelledWave[],
  channelName: (id: LabelledWalk['entryChannel']) => string,
  words: LabelWords,
): Map<string, string> {
  const brandById = new Map(brands.map((b) => [b.id, b]));
  const waveById = new Map(waves.map((w) => [w.id, w]));
  const nameOf = (w: LabelledWalk) =>
    shown(brandById.get(w.brandId)?.name ?? '', words.unknownBrand);
  const dimensions: ((w: LabelledWalk) => string)[] = [
    (w) => shown(waveById.get(w.waveId)?.name ?? '', words.noWave),
    (w) => shown(w.persona, words.noPersona),
    (w) => clean(channelName(w.entryChannel)),
    (w) => shown(w.auditor, words.noAuditor),
  ];

  const entries: Entry[] = [];
  for (const group of groupBy(walks, (w) => sameKey(nameOf(w))).values()) {
    const varying = dimensions.filter((d) => distinctCount(group.map(d)) > 1);
    for (const w of group) {
      const label = { name: nameOf(w), tag: '', parts: varying.map((d) => d(w)), ordinals: [] };
      entries.push({ id: w.id, createdAt: w.createdAt, label });
    }
  }

  const brandOf = new Map(walks.map((w) => [w.id, brandById.get(w.brandId)]));
  for (const group of groupBy(entries, (e) => sameKey(render(e.label))).values()) {
    const records = [...new Set(group.map((e) => brandOf.get(e.id)))].filter(
      (b) => b !== undefined,
    );
    if (records.length < 2) continue;
    const tags = brandTags(records, words);
    for (const e of group) e.label.tag = tags.get(brandOf.get(e.id)?.id ?? '') ?? '';
  }

  numberCollisions(entries);
  return labelsOf(entries);
}

/**
 * A unique label for every brand, keyed by brand id, for rows that stand for a brand: its name,
 * plus its domain and/or role, "Brightline (brightline.com)", only when another brand shown has
 * the same name (ignoring case and spacing) and they differ there; brands alike in all three get
 * "#1", "#2", … in order of createdAt, then id.
 */
export function brandLabels(
  brands: readonly LabelledBrand[],
  words: LabelWords,
): Map<string, string> {
  const entries: Entry[] = [];
  for (const group of groupBy(brands, (b) => sameKey(shown(b.name, words.unknownBrand))).values()) {
    const tags = group.length > 1 ? brandTags(group, words) : new Map<string, string>();
    for (const b of group) {
      const name = shown(b.name, words.unknownBrand);
      const label = { name, tag: tags.get(b.id) ?? '', parts: [], ordinals: [] };
      entries.push({ id: b.id, createdAt: b.createdAt, label });
    }
  }
  numberCollisions(entries);
  return labelsOf(entries);
}
