/**
 * Existing and potential touchpoints (Aaker, step 1: "which touchpoints you already use and which
 * can be added"), pure: per brand, every type of the audit's catalogue (hidden ones left out) is
 * walked (a step of that type in one of the brand's walks), exists but not walked (the auditor
 * checked it: `Brand.inventory` present), absent (checked: present false) or not checked. A
 * walked type is walked whatever the entry says. The method page (all waves) and the report (the
 * wave compared) build the same matrix; the executive summary and the slides name its gaps.
 */
import type { Brand, TouchpointType } from '../model';
import { CATEGORY_IDS } from '../model/ids';
import type { ReportModel } from './model';

export const INVENTORY_STATES = ['walked', 'exists', 'absent', 'unchecked'] as const;
export type InventoryState = (typeof INVENTORY_STATES)[number];

/** The mark shown beside a state's word (the report, the slides and the Method page). */
export const INVENTORY_MARKS: Record<InventoryState, string> = {
  walked: '●',
  exists: '○',
  absent: '✕',
  unchecked: '?',
};

/** What the auditor said of a type for a brand (undefined: not checked). */
export type InventoryEntries = Brand['inventory'];

/** The brand's entry for a type: true (exists), false (absent) or undefined (not checked). */
export function inventoryEntry(entries: InventoryEntries, typeId: string): boolean | undefined {
  return entries?.find((e) => e.typeId === typeId)?.present;
}

/** The state of a type for a brand: walked beats the entry; no entry and no walk: not checked. */
export function inventoryState(
  typeId: string,
  walked: ReadonlySet<string>,
  entries: InventoryEntries,
): InventoryState {
  if (walked.has(typeId)) return 'walked';
  const present = inventoryEntry(entries, typeId);
  return present === undefined ? 'unchecked' : present ? 'exists' : 'absent';
}

/**
 * The entries with one type set: true (exists), false (absent) or null (not checked: the entry
 * removed). Other entries keep their order; a new one goes last.
 */
export function setInventoryEntry(
  entries: InventoryEntries,
  typeId: string,
  present: boolean | null,
): { typeId: string; present: boolean }[] {
  const list = entries ?? [];
  if (present === null) return list.filter((e) => e.typeId !== typeId);
  return list.some((e) => e.typeId === typeId)
    ? list.map((e) => (e.typeId === typeId ? { typeId, present } : e))
    : [...list, { typeId, present }];
}

/** A brand as a column of the matrix: the types its walks have steps of. */
export interface InventoryColumn {
  brand: Brand;
  walked: ReadonlySet<string>;
}

export interface InventoryRow {
  type: TouchpointType;
  /** One per column, in the columns' order. */
  states: InventoryState[];
}

/** The catalogue's types of one of Mann's categories, in catalogue order. */
export interface InventoryGroup {
  category: string;
  rows: InventoryRow[];
}

export type InventoryCounts = Record<InventoryState, number>;

export interface InventoryMatrix {
  columns: InventoryColumn[];
  /** By category: Mann's in their order, then any other in the order the catalogue uses it. */
  groups: InventoryGroup[];
  /** One per column: how many catalogue types are in each state. */
  counts: InventoryCounts[];
  /** Types in the catalogue (hidden ones left out). */
  types: number;
}

/** The catalogue's types (hidden left out) by category, Mann's categories first, in their order. */
export function catalogueByCategory(types: readonly TouchpointType[]): {
  category: string;
  types: TouchpointType[];
}[] {
  const groups = new Map<string, TouchpointType[]>(CATEGORY_IDS.map((id) => [id, []]));
  for (const type of types) {
    if (type.hidden) continue;
    const group = groups.get(type.category);
    if (group) group.push(type);
    else groups.set(type.category, [type]);
  }
  return [...groups]
    .filter(([, list]) => list.length > 0)
    .map(([category, list]) => ({ category, types: list }));
}

const zeroCounts = (): InventoryCounts => ({ walked: 0, exists: 0, absent: 0, unchecked: 0 });

/** The matrix of a catalogue (the audit's resolved types) over some brands. */
export function inventoryMatrix(
  types: readonly TouchpointType[],
  columns: readonly InventoryColumn[],
): InventoryMatrix {
  const counts = columns.map(zeroCounts);
  let total = 0;
  const groups = catalogueByCategory(types).map(({ category, types: list }) => ({
    category,
    rows: list.map((type) => {
      total++;
      const states = columns.map((c) => inventoryState(type.id, c.walked, c.brand.inventory));
      states.forEach((state, i) => counts[i]![state]++);
      return { type, states };
    }),
  }));
  return { columns: [...columns], groups, counts, types: total };
}

/**
 * The report's matrix: a column per compared brand (walked: its walks in the wave, as the report
 * compares them), then the chosen brands with no walk there whose inventory says something (a
 * competitor checked at its desk); all in the report's brand order.
 */
export function reportInventory(model: ReportModel): InventoryMatrix {
  const compared = new Map(
    model.brands.map((b) => [
      b.id,
      new Set(b.steps.flatMap((s) => (s.touchpoint.typeId === null ? [] : [s.touchpoint.typeId]))),
    ]),
  );
  const chosen = model.selection.brandIds ? new Set(model.selection.brandIds) : null;
  const columns = model.allBrands
    .filter(
      (brand) =>
        compared.has(brand.id) ||
        ((chosen === null || chosen.has(brand.id)) && (brand.inventory?.length ?? 0) > 0),
    )
    .map((brand) => ({ brand, walked: compared.get(brand.id) ?? new Set<string>() }));
  return inventoryMatrix(model.method.types, columns);
}

/** A type the own brand lacks (absent) or did not check while another brand has it. */
export interface InventoryGap {
  type: TouchpointType;
  /** The own brand's state of it. */
  own: 'absent' | 'unchecked';
  /** The competitors and benchmarks that have it (walked or exists), in column order. */
  have: { brandId: string; state: 'walked' | 'exists' }[];
}

export interface InventoryGaps {
  /** The own brand's column (null: no own brand in the matrix, so no gaps). */
  ownId: string | null;
  /** Types competitors (or benchmarks) have and the own brand lacks: catalogue order. */
  absent: InventoryGap[];
  /** Types competitors (or benchmarks) have and nobody checked for the own brand. */
  unchecked: InventoryGap[];
}

/** What other brands have that the own brand (its first column of role own) lacks or left unchecked. */
export function inventoryGaps(matrix: InventoryMatrix): InventoryGaps {
  const ownIndex = matrix.columns.findIndex((c) => c.brand.role === 'own');
  const gaps: InventoryGaps = {
    ownId: ownIndex === -1 ? null : matrix.columns[ownIndex]!.brand.id,
    absent: [],
    unchecked: [],
  };
  if (ownIndex === -1) return gaps;
  for (const { rows } of matrix.groups) {
    for (const { type, states } of rows) {
      const own = states[ownIndex]!;
      if (own !== 'absent' && own !== 'unchecked') continue;
      const have = matrix.columns.flatMap((column, i) => {
        const state = states[i]!;
        return column.brand.role !== 'own' && (state === 'walked' || state === 'exists')
          ? [{ brandId: column.brand.id, state }]
          : [];
      });
      if (have.length) gaps[own].push({ type, own, have });
    }
  }
  return gaps;
}
