/**
 * The filter over the side panel's step list: only the steps with one tag (compared without
 * case). Shown once a step of the walk has a tag (or while a filter is on); says how many of the
 * walk's steps it shows, and offers the whole list back.
 */
import { hasTag, tagCounts, tagKey } from '../../lib/controllers/tags';
import type { Translate } from '../../lib/i18n';
import type { Step } from '../../lib/model';
import { SelectField } from '../shared/fields';
import './tags.css';

/** The steps the filter lets through (all of them without a filter). */
export function filterByTag<S extends Pick<Step, 'tags'>>(
  steps: readonly S[],
  tag: string | null,
): readonly S[] {
  return tag === null ? steps : steps.filter((step) => hasTag(step, tag));
}

export function TagFilter(props: {
  t: Translate;
  steps: readonly Step[];
  value: string | null;
  onChange: (tag: string | null) => void;
}) {
  const { t, steps, value } = props;
  const counts = tagCounts(steps);
  if (counts.length === 0 && value === null) return null;
  const options = [
    { value: '', label: t('tagFilterAll') },
    ...counts.map((c) => ({ value: c.tag, label: `${c.tag} (${c.steps})` })),
  ];
  const chosen =
    value === null ? '' : (counts.find((c) => tagKey(c.tag) === tagKey(value))?.tag ?? value);
  if (value !== null && !options.some((o) => o.value === chosen))
    options.push({ value: chosen, label: `${chosen} (0)` });
  const shown = filterByTag(steps, value).length;
  return (
    <div class="tag-filter card" data-tag-filter={value ?? ''}>
      <SelectField
        label={t('tagFilter')}
        value={chosen}
        options={options}
        onChange={(tag) => props.onChange(tag === '' ? null : tag)}
      />
      {value !== null && (
        <p class="muted" role="status">
          {shown === 0
            ? t('tagFilterNone', { tag: chosen })
            : t('tagFilterShown', { n: shown, total: steps.length, tag: chosen })}{' '}
          <button type="button" onClick={() => props.onChange(null)}>
            {t('tagFilterClear')}
          </button>
        </p>
      )}
    </div>
  );
}
