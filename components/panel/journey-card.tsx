/** The active journey: capture buttons (visible, full page, element, region, offline), auto-capture, finish. */
import { useState } from 'preact/hooks';
import type { Translate } from '../../lib/i18n';
import { periodText, roleText } from '../../lib/controllers/panel-programme';
import type { Brand, Journey, Outcome, PickMode, Wave } from '../../lib/model';
import { channelLabel, type CatalogueSource, type Locale } from '../../lib/taxonomy';
import { SelectField } from '../shared/fields';
import { RecommendField } from './recommend';

/** What the capture buttons show: which capture runs, and how many visible captures wait. */
export interface CaptureState {
  /** A full page or a picker is running (other captures wait for it). */
  busy: boolean;
  /** Visible captures queued or running. */
  pending: number;
  picking: PickMode | null;
  fullPageRunning: boolean;
  /**
   * The scrolling areas of the last full page whose document does not scroll (labels: page
   * text), when there are several to choose from; and the one the next full page takes.
   */
  areas: string[];
  area: number;
  /** The next full page hides what lies over the content (cookie bars, chat buttons). */
  hideOverlays: boolean;
}

export interface JourneyActions {
  captureVisible(): void;
  captureFullPage(): void;
  cancelFullPage(): void;
  /** Which scrolling area the next full page takes. */
  chooseArea(index: number): void;
  /** Whether the next full page hides overlays. */
  setHideOverlays(on: boolean): void;
  pick(mode: PickMode): void;
  cancelPick(): void;
  toggleOffline(): void;
  setAutoCapture(on: boolean): void;
  setClickCapture(on: boolean): void;
  finish(outcome: Outcome): void;
  reopen(): void;
  /** Starts scoring this walk blind as the auditor named in Options. */
  scoreBlind(): void;
  /** Saves "would recommend" (0–10; null clears it). */
  recommend(value: number | null): void;
}

const OUTCOMES = ['goal-reached', 'abandoned', 'blocked'] as const;

export function JourneyCard(props: {
  t: Translate;
  journey: Journey;
  /** The walk's brand and wave (undefined while they are read). */
  brand: Brand | undefined;
  wave: Wave | undefined;
  locale: Locale;
  /** The walk's steps; null while they are read (never a count that is not yet true). */
  stepCount: number | null;
  capture: CaptureState;
  autoCapture: boolean;
  /** Click capture is on for this journey. */
  clickCapture: boolean;
  /**
   * This walk scores another blind: whose scores are hidden (its auditor; '' when unknown). Null
   * for an ordinary walk.
   */
  scoringBlindOf: string | null;
  /** Whether to offer "Score blind" (controller.canScoreBlind). */
  canScoreBlind: boolean;
  actions: JourneyActions;
  /** The audit's method: its channels' labels (built-in labels without it). */
  method?: CatalogueSource;
}) {
  const { t, journey, brand, wave, capture, actions } = props;
  // The outcome to finish with starts at "goal reached" for each journey (the panel remounts this
  // card per journey), never at the previous journey's choice.
  const [outcome, setOutcome] = useState<Outcome>('goal-reached');
  const pickButton = (mode: PickMode) =>
    capture.picking === mode ? (
      <button
        type="button"
        class="pick active"
        aria-label={t('cancelPickLabel')}
        title={t('cancelPickLabel')}
        onClick={actions.cancelPick}
        onKeyDown={(e) => e.key === 'Escape' && actions.cancelPick()}
      >
        {t('cancelPick')}
      </button>
    ) : (
      <button
        type="button"
        class="pick"
        disabled={capture.busy}
        aria-label={t(mode === 'element' ? 'captureElementLabel' : 'captureRegionLabel')}
        title={t(mode === 'element' ? 'captureElementLabel' : 'captureRegionLabel')}
        onClick={() => actions.pick(mode)}
      >
        {t(mode === 'element' ? 'captureElement' : 'captureRegion')}
      </button>
    );
  return (
    <section class="card journey" aria-label={t('activeJourney')}>
      <div class="journey-title">
        {brand && <span class={`role role-${brand.role}`}>{roleText(brand.role, t)}</span>}
        <strong>{brand?.name ?? ''}</strong>
        <span class="muted">
          <span data-state={props.stepCount === null ? 'loading' : 'ready'} class="step-count">
            {props.stepCount === null
              ? t('stepsCountLoading')
              : t(props.stepCount === 1 ? 'stepsCountOne' : 'stepsCount', { n: props.stepCount })}
          </span>{' '}
          · {journey.outcome ? t(`outcome_${journey.outcome}`) : t('inProgress')}
          {journey.auditor && <> · {t('walkedBy', { name: journey.auditor })}</>}
        </span>
      </div>
      <dl class="journey-context">
        {wave && (
          <>
            <dt>{t('wave')}</dt>
            <dd>
              {wave.name} · {periodText(wave, props.locale)}
            </dd>
          </>
        )}
        {journey.task && (
          <>
            <dt>{t('task')}</dt>
            <dd>{journey.task}</dd>
          </>
        )}
        {journey.persona && (
          <>
            <dt>{t('persona')}</dt>
            <dd>{journey.persona}</dd>
          </>
        )}
        <dt>{t('entryChannel')}</dt>
        <dd>{channelLabel(journey.entryChannel, props.locale, props.method)}</dd>
      </dl>
      {props.scoringBlindOf !== null && (
        <p class="note scoring-blind">
          {t('scoringBlind', { name: props.scoringBlindOf || t('labelNoAuditor') })}
        </p>
      )}
      {props.canScoreBlind && (
        <div class="row">
          <button
            type="button"
            title={t('scoreBlindHint', { name: journey.auditor || t('labelNoAuditor') })}
            onClick={actions.scoreBlind}
          >
            {t('scoreBlind')}
          </button>
        </div>
      )}
      <div class="row">
        <button
          type="button"
          class="primary capture"
          disabled={capture.busy}
          aria-busy={capture.pending > 0}
          onClick={actions.captureVisible}
        >
          {t('captureVisible')}
        </button>
        {capture.fullPageRunning ? (
          <button
            type="button"
            class="pick active"
            aria-label={t('cancelFullPage')}
            title={t('cancelFullPage')}
            onClick={actions.cancelFullPage}
          >
            {t('cancel')}
          </button>
        ) : (
          <button
            type="button"
            class="pick"
            disabled={capture.busy}
            title={t('captureFullPageHint')}
            onClick={actions.captureFullPage}
          >
            {t('captureFullPage')}
          </button>
        )}
        {pickButton('element')}
        {pickButton('region')}
        <button type="button" onClick={actions.toggleOffline}>
          {t('logOffline')}
        </button>
      </div>
      {capture.areas.length > 1 && (
        <label class="area-choice">
          {t('fullPageArea')}{' '}
          <select
            value={String(capture.area)}
            disabled={capture.busy}
            onChange={(event) => actions.chooseArea(Number(event.currentTarget.value))}
          >
            {capture.areas.map((label, index) => (
              <option key={index} value={String(index)}>
                {t('fullPageAreaOption', { n: index + 1, label })}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="check hide-overlays" title={t('hideOverlaysHint')}>
        <input
          type="checkbox"
          checked={capture.hideOverlays}
          disabled={capture.busy}
          onChange={(e) => actions.setHideOverlays(e.currentTarget.checked)}
        />
        {t('hideOverlays')}
      </label>
      <label class="check auto-capture">
        <input
          type="checkbox"
          checked={props.autoCapture}
          onChange={(e) => actions.setAutoCapture(e.currentTarget.checked)}
        />
        {t('autoCapture')}
      </label>
      <label class="check auto-capture">
        <input
          type="checkbox"
          checked={props.clickCapture}
          onChange={(e) => actions.setClickCapture(e.currentTarget.checked)}
        />
        {t('clickCapture')}
      </label>
      <RecommendField
        t={t}
        journey={journey}
        brand={brand?.name ?? ''}
        onChange={actions.recommend}
      />
      <div class="row finish">
        {journey.outcome ? (
          <button type="button" onClick={actions.reopen}>
            {t('reopenJourney')}
          </button>
        ) : (
          <>
            <SelectField
              label={t('outcome')}
              value={outcome}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome_${o}`) }))}
              onChange={(v) => setOutcome(v as Outcome)}
            />
            <button type="button" onClick={() => actions.finish(outcome)}>
              {t('finishJourney')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
