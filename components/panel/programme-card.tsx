/**
 * The panel's "Brands and waves" card (folded): the audit's brands (role, domain, walks) and waves
 * (period, walks), each edited in place or deleted; a refusal (walks still use it) is said here.
 */
import { useState } from 'preact/hooks';
import {
  periodText,
  roleText,
  walksUsing,
  type BrandFields,
  type WaveFields,
} from '../../lib/controllers/panel-programme';
import type { Translate } from '../../lib/i18n';
import type { Brand, Journey, Wave } from '../../lib/model';
import type { Locale } from '../../lib/taxonomy';
import { describeError } from '../shared/describe-error';
import { BrandForm, WaveForm } from './forms';

/** Each resolves when written and rejects with why not (the card or its form says it). */
export interface ProgrammeActions {
  createBrand(fields: BrandFields): Promise<void>;
  updateBrand(brand: Brand, fields: BrandFields): Promise<void>;
  deleteBrand(brand: Brand): Promise<void>;
  createWave(fields: WaveFields): Promise<void>;
  updateWave(wave: Wave, fields: WaveFields): Promise<void>;
  deleteWave(wave: Wave): Promise<void>;
}

/** What is open for editing: a brand or wave by id, or a new one. */
type Editing = { kind: 'brand' | 'wave'; id: string | null } | null;

export function ProgrammeCard(props: {
  t: Translate;
  locale: Locale;
  brands: readonly Brand[];
  waves: readonly Wave[];
  journeys: readonly Journey[];
  /** The wave proposed for "Add wave". */
  proposedWave: WaveFields;
  actions: ProgrammeActions;
}) {
  const { t, locale, brands, waves, actions } = props;
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<string | null>(null);
  const uses = walksUsing(props.journeys);
  const close = () => setEditing(null);
  const edit = (next: Editing) => {
    setError(null);
    setEditing(next);
  };
  const remove = (deletion: Promise<void>) => {
    setError(null);
    deletion.catch((e: unknown) => setError(describeError(e, t)));
  };
  const walks = (n: number) => t('walksCount', { n });
  return (
    <details class="card programme">
      <summary>
        {t('programmeTitle')}{' '}
        <span class="muted">
          · {t('programmeCounts', { brands: brands.length, waves: waves.length })}
        </span>
      </summary>
      <section class="programme-part" aria-label={t('brandsList')}>
        <h3>{t('brandsList')}</h3>
        {brands.length === 0 && <p class="muted">{t('noBrands')}</p>}
        <ul class="programme-list">
          {brands.map((brand) =>
            editing?.kind === 'brand' && editing.id === brand.id ? (
              <li key={brand.id}>
                <BrandForm
                  t={t}
                  initial={brand}
                  onCancel={close}
                  onSubmit={async (fields) => {
                    await actions.updateBrand(brand, fields);
                    close();
                  }}
                />
              </li>
            ) : (
              <li key={brand.id}>
                <span class="grow">
                  <strong>{brand.name}</strong>{' '}
                  <span class={`role role-${brand.role}`}>{roleText(brand.role, t)}</span>
                  <span class="muted">
                    {' '}
                    {brand.domain && <>{brand.domain} · </>}
                    {walks(uses.brands.get(brand.id) ?? 0)}
                  </span>
                </span>
                <button
                  type="button"
                  class="add"
                  aria-label={t('editBrandLabel', { name: brand.name })}
                  title={t('editBrandLabel', { name: brand.name })}
                  onClick={() => edit({ kind: 'brand', id: brand.id })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  class="add danger"
                  aria-label={t('deleteBrandLabel', { name: brand.name })}
                  title={t('deleteBrandLabel', { name: brand.name })}
                  onClick={() => remove(actions.deleteBrand(brand))}
                >
                  ✕
                </button>
              </li>
            ),
          )}
        </ul>
        {editing?.kind === 'brand' && editing.id === null ? (
          <BrandForm
            t={t}
            role={brands.some((b) => b.role === 'own') ? 'competitor' : 'own'}
            onCancel={close}
            onSubmit={async (fields) => {
              await actions.createBrand(fields);
              close();
            }}
          />
        ) : (
          <button type="button" onClick={() => edit({ kind: 'brand', id: null })}>
            {t('addBrand')}
          </button>
        )}
      </section>
      <section class="programme-part" aria-label={t('wavesList')}>
        <h3>{t('wavesList')}</h3>
        {waves.length === 0 && <p class="muted">{t('noWaves')}</p>}
        <ul class="programme-list">
          {waves.map((wave) =>
            editing?.kind === 'wave' && editing.id === wave.id ? (
              <li key={wave.id}>
                <WaveForm
                  t={t}
                  editing
                  initial={wave}
                  onCancel={close}
                  onSubmit={async (fields) => {
                    await actions.updateWave(wave, fields);
                    close();
                  }}
                />
              </li>
            ) : (
              <li key={wave.id}>
                <span class="grow">
                  <strong>{wave.name}</strong>
                  <span class="muted">
                    {' '}
                    {periodText(wave, locale)} · {walks(uses.waves.get(wave.id) ?? 0)}
                  </span>
                </span>
                <button
                  type="button"
                  class="add"
                  aria-label={t('editWaveLabel', { name: wave.name })}
                  title={t('editWaveLabel', { name: wave.name })}
                  onClick={() => edit({ kind: 'wave', id: wave.id })}
                >
                  ✎
                </button>
                <button
                  type="button"
                  class="add danger"
                  aria-label={t('deleteWaveLabel', { name: wave.name })}
                  title={t('deleteWaveLabel', { name: wave.name })}
                  onClick={() => remove(actions.deleteWave(wave))}
                >
                  ✕
                </button>
              </li>
            ),
          )}
        </ul>
        {editing?.kind === 'wave' && editing.id === null ? (
          <WaveForm
            t={t}
            editing={false}
            initial={props.proposedWave}
            onCancel={close}
            onSubmit={async (fields) => {
              await actions.createWave(fields);
              close();
            }}
          />
        ) : (
          <button type="button" onClick={() => edit({ kind: 'wave', id: null })}>
            {t('addWave')}
          </button>
        )}
      </section>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
