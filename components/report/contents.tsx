/**
 * What goes into the report, chosen on the report page and remembered with the audit: the
 * consultant's conclusions and recommendations, the sections, the images, the steps.
 */
import type { Translate } from '../../lib/i18n';
import {
  LIMITS,
  REPORT_SECTIONS,
  type Journey,
  type ReportSection,
  type ReportSettings,
  type Step,
} from '../../lib/model';
import { CommitText, SelectField } from '../shared/fields';

export type SettingsChange = (change: (current: ReportSettings) => ReportSettings) => void;

export function ReportContents(props: {
  t: Translate;
  settings: ReportSettings;
  /** The report's walks, each with its label and all its steps (those left out too). */
  journeys: readonly { journey: Journey; label: string; steps: readonly Step[] }[];
  onChange: SettingsChange;
}) {
  const { t, settings, onChange } = props;
  const hidden = new Set(settings.hidden);
  const excluded = new Set(settings.excludedSteps);
  const toggleSection = (section: ReportSection, on: boolean) =>
    onChange((s) => ({
      ...s,
      hidden: on ? s.hidden.filter((x) => x !== section) : [...s.hidden, section],
    }));
  const toggleStep = (id: string, on: boolean) =>
    onChange((s) => ({
      ...s,
      excludedSteps: on ? s.excludedSteps.filter((x) => x !== id) : [...s.excludedSteps, id],
    }));
  return (
    <details class="report-contents no-print">
      <summary>
        {t('contentsTitle')}
        {(settings.hidden.length > 0 || settings.excludedSteps.length > 0) && (
          <span class="muted">
            {' '}
            ·{' '}
            {t('contentsLeftOut', {
              sections: settings.hidden.length,
              steps: settings.excludedSteps.length,
            })}
          </span>
        )}
      </summary>
      <div class="contents-grid">
        <div>
          <CommitText
            t={t}
            label={t('summaryConclusions')}
            value={settings.conclusions}
            maxLength={LIMITS.note}
            multiline
            onCommit={(conclusions) => onChange((s) => ({ ...s, conclusions }))}
          />
          <CommitText
            t={t}
            label={t('summaryRecommendations')}
            value={settings.recommendations}
            maxLength={LIMITS.note}
            multiline
            onCommit={(recommendations) => onChange((s) => ({ ...s, recommendations }))}
          />
          <SelectField
            label={t('contentsImages')}
            value={settings.images}
            options={(['full', 'thumbnails', 'none'] as const).map((value) => ({
              value,
              label: t(`contentsImages_${value}`),
            }))}
            onChange={(value) =>
              onChange((s) => ({ ...s, images: value as ReportSettings['images'] }))
            }
          />
        </div>
        <fieldset>
          <legend>{t('contentsSections')}</legend>
          {REPORT_SECTIONS.map((section) => (
            <label class="check" key={section}>
              <input
                type="checkbox"
                checked={!hidden.has(section)}
                onChange={(e) => toggleSection(section, e.currentTarget.checked)}
              />
              {t(`section_${section}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('contentsSteps')}</legend>
          {props.journeys.map(({ journey, label, steps }) => (
            <details key={journey.id}>
              <summary>
                {label} ·{' '}
                {t('contentsStepsIn', {
                  n: steps.filter((s) => !excluded.has(s.id)).length,
                  of: steps.length,
                })}
              </summary>
              {steps.map((step) => (
                <label class="check" key={step.id}>
                  <input
                    type="checkbox"
                    checked={!excluded.has(step.id)}
                    onChange={(e) => toggleStep(step.id, e.currentTarget.checked)}
                  />
                  {t('stepN', { n: step.seq })}: {step.title || t('untitled')}
                </label>
              ))}
            </details>
          ))}
        </fieldset>
      </div>
    </details>
  );
}
