/**
 * The Method page's inventory (Aaker, step 1: which touchpoints each brand already has and which
 * could be added): the catalogue's types by Mann's category (as the types section lists them)
 * against the audit's brands. A type a brand walked (any wave) says so; for the others a select
 * says not checked / exists / absent, written at once through the inventory controller (one
 * transaction, on the brand as stored). Long catalogues are shown a page of rows at a time so
 * that a thousand types never freeze the page; rows re-render only when their own cells change.
 */
import { memo } from 'preact/compat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { InventoryController, InventoryData } from '../../lib/controllers/inventory';
import type { Translate } from '../../lib/i18n';
import type { AuditMethod, Brand, TouchpointType } from '../../lib/model';
import type { CategoryId } from '../../lib/model/ids';
import {
  inventoryEntry,
  inventoryMatrix,
  INVENTORY_MARKS,
  INVENTORY_STATES,
  type InventoryState,
} from '../../lib/report/inventory';
import { categoryLabel, resolveTypes, typeName, type Locale } from '../../lib/taxonomy';
import { describeError } from '../shared/describe-error';
import { useSubscription } from '../shared/hooks';
import { Section } from './shared';
import './inventory.css';

/** Rows shown at first, and added by each "Show more". */
export const INVENTORY_PAGE = 150;

type Choice = 'unchecked' | 'exists' | 'absent';
const CHOICES: readonly Choice[] = ['unchecked', 'exists', 'absent'];

const choiceOf = (present: boolean | undefined): Choice =>
  present === undefined ? 'unchecked' : present ? 'exists' : 'absent';
const presentOf = (choice: Choice): boolean | null =>
  choice === 'unchecked' ? null : choice === 'exists';

const cellKey = (brandId: string, typeId: string) => `${brandId}\u0000${typeId}`;

export function InventorySection(props: {
  t: Translate;
  locale: Locale;
  method: AuditMethod;
  controller: InventoryController;
  /** Says what was saved (the page's status line). */
  onSaved: (text: string) => void;
  /** Says why it was not saved (the page's alert line). */
  onRefuse: (text: string) => void;
}) {
  const { t, locale, method, controller } = props;
  const data = useSubscription<InventoryData | undefined>(controller.data, undefined, [controller]);
  const [limit, setLimit] = useState(INVENTORY_PAGE);
  // Choices not yet read back (a select must not flip back while the write is on its way).
  const [pending, setPending] = useState<ReadonlyMap<string, Choice>>(new Map());
  useEffect(() => setPending(new Map()), [data]);
  const types = useMemo(() => resolveTypes(method), [method]);
  const matrix = useMemo(
    () =>
      inventoryMatrix(
        types,
        (data?.brands ?? []).map((brand) => ({
          brand,
          walked: data?.walked.get(brand.id) ?? new Set<string>(),
        })),
      ),
    [types, data],
  );

  const choose = (brand: Brand, type: TouchpointType, choice: Choice) => {
    const cell = t('invCellOf', { brand: brand.name, type: typeName(type, locale) });
    setPending((map) => new Map(map).set(cellKey(brand.id, type.id), choice));
    controller.set(brand.id, type.id, presentOf(choice)).then(
      () =>
        props.onSaved(
          t('mpSaved', { what: t('invSaved', { cell, state: t(`invChoice_${choice}`) }) }),
        ),
      (error: unknown) => {
        setPending((map) => {
          const next = new Map(map);
          next.delete(cellKey(brand.id, type.id));
          return next;
        });
        props.onRefuse(`${cell}: ${describeError(error, t)}`);
      },
    );
  };

  // One callback for every row, so a row's memo holds while the others change.
  const latest = useRef(choose);
  latest.current = choose;
  const onChoose = useCallback(
    (brand: Brand, type: TouchpointType, choice: Choice) => latest.current(brand, type, choice),
    [],
  );

  let budget = limit;
  const body =
    data === undefined ? (
      <p class="muted">{t('invLoading')}</p>
    ) : data.brands.length === 0 ? (
      <p class="muted">{t('invNoBrands')}</p>
    ) : matrix.types === 0 ? (
      <p class="muted">{t('invNoTypes')}</p>
    ) : (
      <>
        <p class="muted inv-marks">{t('invMarks')}</p>
        <div class="inv-scroll">
          <table class="method-table inventory">
            <caption class="visually-hidden">{t('invTitle')}</caption>
            <thead>
              <tr>
                <th scope="col" class="col-name">
                  {t('invType')}
                </th>
                {matrix.columns.map(({ brand }) => (
                  <th scope="col" key={brand.id} class={`role-${brand.role}`}>
                    {brand.name}
                  </th>
                ))}
              </tr>
            </thead>
            {matrix.groups.map((group) => {
              if (budget <= 0) return null;
              const rows = group.rows.slice(0, budget);
              budget -= rows.length;
              return (
                <tbody key={group.category}>
                  <tr class="inv-category">
                    <th scope="rowgroup" colSpan={matrix.columns.length + 1}>
                      {categoryLabel(group.category as CategoryId, locale)}{' '}
                      <span class="muted">({t('invCategoryCount', { n: group.rows.length })})</span>
                    </th>
                  </tr>
                  {rows.map((row) => (
                    <InventoryRow
                      key={row.type.id}
                      t={t}
                      locale={locale}
                      type={row.type}
                      brands={matrix.columns.map((c) => c.brand)}
                      states={row.states}
                      pending={pending}
                      signature={signature(row.type, matrix.columns, row.states, pending, locale)}
                      onChoose={onChoose}
                    />
                  ))}
                </tbody>
              );
            })}
            <tfoot>
              {INVENTORY_STATES.map((state) => (
                <tr key={state}>
                  <th scope="row">
                    <span aria-hidden="true">{INVENTORY_MARKS[state]} </span>
                    {t(`invState_${state}`)}
                  </th>
                  {matrix.counts.map((counts, i) => (
                    <td key={matrix.columns[i]!.brand.id}>{counts[state]}</td>
                  ))}
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
        {matrix.types > limit && (
          <p class="inv-more">
            <span class="muted">{t('invShown', { shown: limit, total: matrix.types })} </span>
            <button type="button" onClick={() => setLimit((n) => n + INVENTORY_PAGE)}>
              {t('invShowMore', { n: Math.min(INVENTORY_PAGE, matrix.types - limit) })}
            </button>
          </p>
        )}
      </>
    );
  return (
    <Section id="method-inventory" title={t('invTitle')} help={t('invHelp')}>
      {body}
    </Section>
  );
}

/** What a row shows: a row re-renders only when this changes. */
function signature(
  type: TouchpointType,
  columns: readonly { brand: Brand }[],
  states: readonly InventoryState[],
  pending: ReadonlyMap<string, Choice>,
  locale: Locale,
): string {
  return [
    locale,
    type.name,
    ...columns.map(
      ({ brand }, i) =>
        `${brand.id}:${brand.name}:${states[i]}:${pending.get(cellKey(brand.id, type.id)) ?? ''}`,
    ),
  ].join('\u0000');
}

interface RowProps {
  t: Translate;
  locale: Locale;
  type: TouchpointType;
  brands: readonly Brand[];
  states: readonly InventoryState[];
  pending: ReadonlyMap<string, Choice>;
  signature: string;
  onChoose: (brand: Brand, type: TouchpointType, choice: Choice) => void;
}

const InventoryRow = memo(
  function InventoryRow(props: RowProps) {
    const { t, locale, type, brands, states, pending } = props;
    const name = typeName(type, locale);
    return (
      <tr>
        <th scope="row" class="inv-type">
          {name}
        </th>
        {brands.map((brand, i) => {
          const state = states[i]!;
          if (state === 'walked')
            return (
              <td key={brand.id} class="inv-walked">
                <span aria-hidden="true">{INVENTORY_MARKS.walked} </span>
                {t('invWalked')}
              </td>
            );
          const value =
            pending.get(cellKey(brand.id, type.id)) ??
            choiceOf(inventoryEntry(brand.inventory, type.id));
          return (
            <td key={brand.id} class={`inv-${value}`}>
              <span class="inv-mark" aria-hidden="true">
                {INVENTORY_MARKS[value]}
              </span>
              <select
                aria-label={t('invCellOf', { brand: brand.name, type: name })}
                value={value}
                onChange={(e) => props.onChoose(brand, type, e.currentTarget.value as Choice)}
              >
                {CHOICES.map((choice) => (
                  <option key={choice} value={choice}>
                    {t(`invChoice_${choice}`)}
                  </option>
                ))}
              </select>
            </td>
          );
        })}
      </tr>
    );
  },
  (a, b) => a.signature === b.signature && a.t === b.t && a.onChoose === b.onChoose,
);
