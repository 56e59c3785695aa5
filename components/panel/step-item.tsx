/** One step of the active journey in the side panel: quick scores up front, the rest on demand. */
import { memo } from 'preact/compat';
import { useState } from 'preact/hooks';
import { formatDateTime, formatTime, type Translate } from '../../lib/i18n';
import { LIMITS, type PageFacts, type Screenshot, type Step, type StepEdit } from '../../lib/model';
import {
  categoryChoices,
  channelChoices,
  channelLabel,
  stageLabel,
  type Locale,
} from '../../lib/taxonomy';
import { useFileDrop, type ObjectUrls } from '../shared/hooks';
import { CommitText, Field, ScoreButtons, SelectField } from '../shared/fields';
import { complianceText, impactText } from '../../lib/report/words';
import { StepTouches, StepTouchesBadges } from './step-touches';
import {
  StepMethod,
  TypeSelect,
  type MethodActions,
  type MethodView,
  type StepExtras,
} from './step-method';
import { StepOwner } from './step-owner';
import { Thumb } from './thumb';
import { StepTags, TagBadges, type StepTagActions } from './step-tags';

/** What the auditor can do to a step; one object for the whole list (so items can be memoised). */
export interface StepActions {
  edit(step: Step, edit: StepEdit): void;
  move(step: Step, toSeq: number): void;
  delete(step: Step): void;
  attach(step: Step, file: File): void;
  /** Opens the annotation and redaction editor for one of the step's screenshots. */
  annotate(step: Step, screenshotId: string): void;
  /** Defines a stage of the audit (once, for every step) and puts the step in it. */
  defineStage(step: Step, name: string): void;
  method: MethodActions;
  /** The step's free tags (absent: the details show none). */
  tags?: StepTagActions;
}

/** Whose details are open, kept by the list: a step drawn anew (moved into another group) keeps them. */
export interface DetailsMemory {
  isOpen(stepId: string): boolean;
  set(stepId: string, open: boolean): void;
}

export interface StepItemProps {
  step: Step;
  screenshots: readonly Screenshot[];
  thumbUrls: ObjectUrls;
  isLast: boolean;
  t: Translate;
  locale: Locale;
  actions: StepActions;
  /** Hides the auditor's own identity in what the step shows (not in the fields being edited). */
  mask: (text: string) => string;
  /** The audit's method (the same object while the audit's method is unchanged). */
  view: MethodView;
  /** What the method says about this step (the same object while that is unchanged). */
  extras: StepExtras;
  /** Local midnight of today (actions due before it are overdue). */
  today: number;
  /** Whose details are open (one object for the whole list). */
  details?: DetailsMemory;
}

function hostOf(url: string | null): string {
  if (!url) return '';
  try {
    return new URL(url).host + new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Whether a step would render the same: the same props except the thumbnail lookup, which is new
 * whenever any step's image changes. A step's own thumbnails change only with its screenshots
 * (a new array when one's bytes change), so those are compared instead.
 */
function sameStep(before: StepItemProps, after: StepItemProps): boolean {
  return (Object.keys(after) as (keyof StepItemProps)[]).every(
    (key) => key === 'thumbUrls' || before[key] === after[key],
  );
}

/**
 * One step. Memoised: with a thousand steps, a score click re-renders only the step it changed
 * (the list keeps unchanged steps and screenshots as the same objects; see sameStep).
 */
export const StepItem = memo(function StepItem(props: StepItemProps) {
  const { step, t, locale, actions } = props;
  const onEdit = (edit: StepEdit) => actions.edit(step, edit);
  const [open, setOpenState] = useState(() => props.details?.isOpen(step.id) ?? false);
  const setOpen = (value: boolean) => {
    props.details?.set(step.id, value);
    setOpenState(value);
  };
  const name = props.mask(step.title) || t('untitled');
  // An image dropped on the step, or pasted while the focus is in it, becomes its evidence.
  const drop = useFileDrop((file) => actions.attach(step, file));
  const { view, extras } = props;
  const stageOptions = view.stageOptions.some((o) => o.value === step.stage)
    ? view.stageOptions
    : [...view.stageOptions, { value: step.stage, label: step.stage }];
  const weak = extras.reasons.length > 0;
  const coveredFrames = props.screenshots.reduce(
    (n, shot) => n + shot.coveredFrames.filter((frame) => frame.uncoveredAt === null).length,
    0,
  );
  return (
    <li
      {...drop.handlers}
      data-step-id={step.id}
      class={`step-item${weak ? ' is-weak' : ''}${step.wow ? ' is-wow' : ''}${drop.dragging ? ' dragging' : ''}`}
      aria-label={t('stepN', { n: step.seq }) + ': ' + name}
    >
      <div class="step-top">
        <span class="step-no" aria-hidden="true">
          {step.seq}
        </span>
        {props.screenshots.length > 0 ? (
          props.screenshots
            .slice(0, 1)
            .map((shot) => (
              <Thumb
                key={shot.id}
                url={() => props.thumbUrls.get(shot.id)}
                alt={t('thumbnailOf', { n: step.seq })}
              />
            ))
        ) : (
          <span class="thumb thumb-offline" aria-hidden="true">
            {channelLabel(step.channel, locale, props.view)}
          </span>
        )}
        <div class="step-text">
          <div class="step-name" title={name}>
            {name}
          </div>
          <div class="step-sub">
            {step.kind === 'offline' ? t('offlineContact') : props.mask(hostOf(step.url))}
          </div>
          {step.shortened.map((cut) => (
            <div class="step-sub shortened" key={cut.field}>
              {t(`shortened_${cut.field}`, { length: cut.length, max: LIMITS[cut.field] })}
            </div>
          ))}
          {step.settle && !step.settle.settled && (
            <div class="step-sub shortened unsettled">
              {t('settleUnsettled', { s: Math.round(step.settle.waitedMs / 1000) })}
            </div>
          )}
          <div class="step-sub">
            {stageLabel(step.stage, locale)} · {formatTime(step.at, locale)}
          </div>
          <div class="step-badges">
            <StepTouchesBadges step={step} t={t} />
            <TagBadges tags={step.tags} t={t} />
            {props.screenshots.some((shot) => shot.redacted) && (
              <span class="badge redacted" title={t('redactedHint')}>
                {t('redactedBadge')}
              </span>
            )}
            {coveredFrames > 0 && (
              <span class="badge redacted" title={t('frameCoveredHint')}>
                {t('frameCoveredBadge', { n: coveredFrames })}
              </span>
            )}
            {extras.compliance.percent !== null && (
              <span class="badge">
                {t('complianceShort', { value: complianceText(extras.compliance, locale) })}
              </span>
            )}
            {extras.impact !== null && (
              <span
                class={`badge impact${extras.impact > 0 ? ' up' : extras.impact < 0 ? ' down' : ''}`}
                title={t('impactHint')}
              >
                {t('impactShort', { value: impactText(extras.impact) })}
              </span>
            )}
            {extras.reasons.some((r) => r.kind !== 'flagged') && (
              <span class="badge weak">{t('weakAuto', { n: extras.reasons.length })}</span>
            )}
            {extras.actions.length > 0 && (
              <span class="badge">
                {t(extras.ownBrand ? 'actionsCount' : 'ideasCount', { n: extras.actions.length })}
              </span>
            )}
          </div>
        </div>
      </div>
      <ScoreButtons
        label={t('experience')}
        min={1}
        max={5}
        value={step.experience}
        onChange={(experience) => onEdit({ experience })}
      />
      <div class="row step-actions">
        <label class="check">
          <input
            type="checkbox"
            checked={step.weakLink}
            onChange={(e) => onEdit({ weakLink: e.currentTarget.checked })}
          />
          {t('flagWeakLink')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={step.wow}
            onChange={(e) => onEdit({ wow: e.currentTarget.checked })}
          />
          {t('flagWow')}
        </label>
        <span class="spacer" />
        <span class="step-buttons">
          <button
            type="button"
            aria-expanded={open}
            aria-label={t('editStep', { n: step.seq })}
            onClick={() => setOpen(!open)}
          >
            {t('details')}
            <span aria-hidden="true">{open ? ' ▴' : ' ▾'}</span>
          </button>
          <button
            type="button"
            data-move="up"
            aria-label={t('moveUp', { n: step.seq })}
            disabled={step.seq <= 1}
            onClick={() => actions.move(step, step.seq - 1)}
          >
            ↑
          </button>
          <button
            type="button"
            data-move="down"
            aria-label={t('moveDown', { n: step.seq })}
            disabled={props.isLast}
            onClick={() => actions.move(step, step.seq + 1)}
          >
            ↓
          </button>
          <button
            type="button"
            class="danger"
            aria-label={t('deleteStep', { n: step.seq })}
            onClick={() => actions.delete(step)}
          >
            ✕
          </button>
        </span>
      </div>
      {open && (
        <div class="step-details">
          {step.pageFacts && <StepFacts facts={step.pageFacts} t={t} />}
          {step.overlaysHidden !== undefined && step.overlaysHidden > 0 && (
            <p class="muted step-overlays">{t('overlaysHiddenStep', { n: step.overlaysHidden })}</p>
          )}
          <CommitText
            t={t}
            label={t('stepTitle')}
            value={step.title}
            maxLength={LIMITS.title}
            onCommit={(title) => onEdit({ title })}
          />
          <TypeSelect
            step={step}
            view={view}
            t={t}
            locale={locale}
            onChange={(type) =>
              onEdit(
                type
                  ? {
                      typeId: type.id,
                      category: type.category,
                      channel: type.channel,
                      stage: type.stage,
                    }
                  : { typeId: null },
              )
            }
          />
          <StepOwner step={step} types={view.types} t={t} onEdit={onEdit} />
          <SelectField
            label={t('stage')}
            value={step.stage}
            options={stageOptions}
            onChange={(stage) => onEdit({ stage })}
          />
          <CommitText
            t={t}
            label={t('customStage')}
            value=""
            maxLength={LIMITS.stage}
            placeholder={t('customStagePlaceholder')}
            clearOnCommit
            trimmed
            onCommit={(stage) => stage.trim() && actions.defineStage(step, stage.trim())}
          />
          <SelectField
            label={t('category')}
            value={step.category}
            options={categoryChoices(props.view, locale, step.category)}
            onChange={(category) => onEdit({ category: category as Step['category'] })}
          />
          <SelectField
            label={t('channel')}
            value={step.channel}
            options={channelChoices(props.view, locale, step.channel)}
            onChange={(channel) => onEdit({ channel: channel as Step['channel'] })}
          />
          <ScoreButtons
            label={t('importance')}
            min={1}
            max={10}
            value={step.importance}
            onChange={(importance) => onEdit({ importance })}
          />
          <ScoreButtons
            label={t('likelihood')}
            min={0}
            max={10}
            value={step.likelihood}
            onChange={(likelihood) => onEdit({ likelihood })}
          />
          <CommitText
            t={t}
            label={t('note')}
            value={step.note}
            maxLength={LIMITS.note}
            multiline
            onCommit={(note) => onEdit({ note })}
          />
          <StepTouches step={step} t={t} onEdit={onEdit} />
          {actions.tags && <StepTags step={step} t={t} actions={actions.tags} />}
          <StepMethod
            step={step}
            screenshots={props.screenshots}
            view={view}
            extras={extras}
            t={t}
            locale={locale}
            now={props.today}
            actions={actions.method}
          />
          {props.screenshots.length > 0 && (
            <ul class="shot-list">
              {props.screenshots.map((shot, i) => (
                <li key={shot.id}>
                  <img
                    class="shot-mini"
                    src={props.thumbUrls.get(shot.id)}
                    alt=""
                    loading="lazy"
                    decoding="async"
                  />
                  <span class="grow">
                    {t('annotateScreenshotN', { i: i + 1 })}
                    {shot.annotations.length > 0 && (
                      <> · {t('annotateCount', { n: shot.annotations.length })}</>
                    )}
                    {shot.redacted && <span class="redacted-flag">{t('redactedBadge')}</span>}
                  </span>
                  <button
                    type="button"
                    aria-label={t('annotateScreenshotOf', { i: i + 1, n: step.seq })}
                    onClick={() => actions.annotate(step, shot.id)}
                  >
                    {t('annotateButton')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Field label={t('attachEvidence')}>
            {(id) => (
              <input
                id={id}
                type="file"
                accept="image/png,image/jpeg,image/webp"
                onChange={(e) => {
                  const file = e.currentTarget.files?.[0];
                  if (file) actions.attach(step, file);
                  e.currentTarget.value = '';
                }}
              />
            )}
          </Field>
          <p class="drop-hint">{t('dropOrPasteStep')}</p>
          <p class="muted">
            {formatDateTime(step.at, locale)}
            {step.url && <> · {props.mask(step.url)}</>}
          </p>
        </div>
      )}
    </li>
  );
}, sameStep);

/** What the page said of itself at capture (Audit.pageFacts), in one line under the details. */
function StepFacts({ facts, t }: { facts: PageFacts; t: Translate }) {
  const a = facts.accessibility;
  const timings = facts.timings;
  const ms = (value: number | null) => (value === null ? '—' : `${value} ms`);
  return (
    <p class="muted step-facts">
      {a
        ? t('factsStepLine', {
            critical: a.critical,
            serious: a.serious,
            moderate: a.moderate,
            minor: a.minor,
          })
        : t('factsStepNoA11y', { why: t(`factsWhy_${facts.accessibilityMissing ?? 'failed'}`) })}
      {timings &&
        ` · ${t('timing_ttfb')} ${ms(timings.ttfb)} · ${t('timing_domContentLoaded')} ${ms(timings.domContentLoaded)} · LCP ${ms(timings.lcp)}`}
    </p>
  );
}
