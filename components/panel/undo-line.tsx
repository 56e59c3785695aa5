/**
 * The line that offers Undo after a deletion. Its live region is on the page before anything is
 * deleted (a region added together with its text is not read out: the line used to be silent),
 * and what it says names what went and how to undo it. The deleted record's button (a step's ✕)
 * goes with it: when the focus is lost that way, it moves to Undo (without scrolling the list).
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';

export function UndoLine(props: {
  t: Translate;
  /** What was deleted ("Step 3 moved to Recently deleted."); null: nothing to undo. */
  text: string | null;
  /** The deletion shown (a new one moves the focus again). */
  entryId: string | null;
  onUndo: () => void;
}) {
  const { t, text } = props;
  const button = useRef<HTMLButtonElement>(null);
  const textId = useId();

  useEffect(() => {
    if (props.entryId === null) return;
    const lost = () => {
      const active = document.activeElement;
      return !active || active === document.body;
    };
    const take = () => button.current?.focus({ preventScroll: true });
    if (lost()) return void take();
    // The deleted row leaves when the list reads the store again: wait for it, unless the
    // auditor moves the focus somewhere else first.
    const watch = new MutationObserver(() => {
      if (!lost()) return;
      take();
      stop();
    });
    const moved = () => stop();
    const stop = () => {
      watch.disconnect();
      document.removeEventListener('focusin', moved);
    };
    watch.observe(document.body, { childList: true, subtree: true });
    document.addEventListener('focusin', moved);
    return stop;
  }, [props.entryId]);

  return (
    <div class="undo-live" aria-live="polite" aria-atomic="true">
      {text !== null && (
        <p class="message undo">
          <span id={textId}>{text}</span>
          <span class="visually-hidden"> {t('undoHow')}</span>{' '}
          <button ref={button} type="button" aria-describedby={textId} onClick={props.onUndo}>
            {t('undo')}
          </button>
        </p>
      )}
    </div>
  );
}
