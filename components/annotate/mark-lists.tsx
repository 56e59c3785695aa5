/** The editor's lists beside the image: its annotations and its pending redaction areas. */
import { useId } from 'preact/hooks';
import type { Rect } from '../../lib/annotate';
import type { EditorTarget } from '../../lib/annotate/editor-state';
import type { Translate } from '../../lib/i18n';
import type { Annotation } from '../../lib/model';

/** Each mark as a button that selects it (with the select tool). */
export function MarkLists(props: {
  t: Translate;
  annotations: readonly Annotation[];
  redactions: readonly Rect[];
  selection: EditorTarget | null;
  onSelect: (target: EditorTarget) => void;
}) {
  const { t, annotations, redactions, selection } = props;
  const ids = useId();
  const itemLabel = (a: Annotation, i: number) =>
    a.kind === 'text'
      ? t('annotateItem_text', { n: i + 1, text: a.text })
      : t(`annotateItem_${a.kind}`, { n: i + 1 });
  return (
    <>
      <section aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`}>{t('annotateList')}</h2>
        {annotations.length === 0 ? (
          <p class="muted">{t('annotateNone')}</p>
        ) : (
          <ul class="mark-list">
            {annotations.map((a, i) => (
              <li key={i}>
                <button
                  type="button"
                  aria-pressed={selection?.target === 'annotation' && selection.index === i}
                  onClick={() => props.onSelect({ target: 'annotation', index: i })}
                >
                  <span class={`dot swatch-${a.color}`} aria-hidden="true" />
                  <span class="label">{itemLabel(a, i)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {redactions.length > 0 && (
        <section aria-labelledby={`${ids}-pending`}>
          <h2 id={`${ids}-pending`}>{t('annotatePending')}</h2>
          <ul class="mark-list">
            {redactions.map((_, i) => (
              <li key={i}>
                <button
                  type="button"
                  aria-pressed={selection?.target === 'redaction' && selection.index === i}
                  onClick={() => props.onSelect({ target: 'redaction', index: i })}
                >
                  <span class="dot swatch-black" aria-hidden="true" />
                  {t('annotateRedactionItem', { n: i + 1 })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
