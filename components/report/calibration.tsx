/**
 * Calibration between auditors (lib/report/calibration.ts): for each pair of walks of one brand
 * and task by two auditors in the compared wave, and each walk with its blind scoring, how far
 * they agree per scale and per checklist item, and the disagreements to settle, naming both steps.
 */
import { formatNumber, translator, type Translate } from '../../lib/i18n';
import type { Disagreement } from '../../lib/metrics';
import { calibrationPairs, type CalibrationPair } from '../../lib/report/calibration';
import type { ReportModel } from '../../lib/report/model';
import { percentText, reportLabels } from '../../lib/report/words';
import { itemText, type Locale } from '../../lib/taxonomy';

type Method = ReportModel['method'];

const mad = (value: number | null, locale: Locale) =>
  value === null ? '—' : formatNumber(value, locale, 2);

function itemName(method: Method, templateId: string, itemId: string, locale: Locale): string {
  const item = method.checklists
    .find((c) => c.id === templateId)
    ?.items.find((i) => i.id === itemId);
  return item ? itemText(templateId, item, locale) : itemId;
}

function stepText(pair: CalibrationPair, id: string, t: Translate): string {
  const step = pair.steps.get(id)?.touchpoint;
  return step ? `${t('stepN', { n: step.seq })} “${step.title || t('untitled')}”` : '—';
}

function disagreementText(
  d: Disagreement,
  pair: CalibrationPair,
  method: Method,
  t: Translate,
  locale: Locale,
): string {
  const steps = { a: stepText(pair, d.stepA, t), b: stepText(pair, d.stepB, t) };
  return d.kind === 'experience'
    ? t('calibrationSettleExperience', { ...steps, valueA: d.a, valueB: d.b })
    : t('calibrationSettleCheck', {
        ...steps,
        item: itemName(method, d.templateId, d.itemId, locale),
        valueA: t(`answer_${d.a}`),
        valueB: t(`answer_${d.b}`),
      });
}

function Pair({
  pair,
  model,
  locale,
  index,
}: {
  pair: CalibrationPair;
  model: ReportModel;
  locale: Locale;
  index: number;
}) {
  const t = translator(locale);
  const labels = reportLabels(model, locale);
  const c = pair.calibration;
  const id = `calibration-${index}`;
  const auditors = { a: labels.walk(pair.a.journey.id), b: labels.walk(pair.b.journey.id) };
  // A blind scoring is in no brand's walks (no label of its own): it is named by its auditors.
  const auditorOf = (p: typeof pair.a) => p.journey.auditor.trim() || t('labelNoAuditor');
  const blind = { a: auditorOf(pair.a), b: auditorOf(pair.b) };
  const unpaired = c.unpairedA.length + c.unpairedB.length > 0;
  return (
    <div
      class="calibration-pair"
      data-pair={`${pair.a.journey.id}:${pair.b.journey.id}`}
      data-mode={pair.mode}
    >
      <h3 id={`${id}-title`}>
        {pair.mode === 'blind'
          ? t('calibrationBlindPair', { walk: auditors.a, ...blind })
          : t('calibrationPair', auditors)}
      </h3>
      {pair.mode === 'blind' && (
        <p class="muted">
          {t(c.pairs.length === 1 ? 'calibrationBlindStepsOne' : 'calibrationBlindSteps', {
            n: c.pairs.length,
            ...blind,
          })}
        </p>
      )}
      {(pair.mode === 'walks' || unpaired) && (
        <p class="muted">
          {t('calibrationPaired', {
            n: c.pairs.length,
            onlyA: c.unpairedA.length,
            onlyB: c.unpairedB.length,
          })}
        </p>
      )}
      <table class="plan-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t('calibrationScale')}</th>
            <th scope="col">{t('calibrationPairsN')}</th>
            <th scope="col">{t('calibrationMad')}</th>
            <th scope="col">{t('calibrationKappa')}</th>
            <th scope="col">{t('calibrationAgreement')}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-scale="experience">
            <th scope="row">{t('calibrationExperience')}</th>
            <td>{c.experience.n}</td>
            <td>{mad(c.experience.mad, locale)}</td>
            <td>
              {c.experience.kappa === null
                ? t('calibrationKappaUndefined')
                : formatNumber(c.experience.kappa, locale, 2)}
            </td>
            <td>{percentText(c.experience.agreement, locale)}</td>
          </tr>
          <tr data-scale="importance">
            <th scope="row">{t('calibrationImportance')}</th>
            <td>{c.importance.n}</td>
            <td>{mad(c.importance.mad, locale)}</td>
            <td>—</td>
            <td>—</td>
          </tr>
          <tr data-scale="likelihood">
            <th scope="row">{t('calibrationLikelihood')}</th>
            <td>{c.likelihood.n}</td>
            <td>{mad(c.likelihood.mad, locale)}</td>
            <td>—</td>
            <td>—</td>
          </tr>
          <tr data-scale="checklist">
            <th scope="row">{t('calibrationChecklists')}</th>
            <td>{c.checklist.n}</td>
            <td>—</td>
            <td>—</td>
            <td>{percentText(c.checklist.agreement, locale)}</td>
          </tr>
        </tbody>
      </table>
      {c.checklist.items.length > 0 && (
        <table class="plan-table" aria-label={t('calibrationItems')}>
          <thead>
            <tr>
              <th scope="col">{t('calibrationItem')}</th>
              <th scope="col">{t('calibrationPairsN')}</th>
              <th scope="col">{t('calibrationAgreement')}</th>
            </tr>
          </thead>
          <tbody>
            {c.checklist.items.map((item) => (
              <tr key={`${item.templateId}\u0000${item.itemId}`}>
                <th scope="row">{itemName(model.method, item.templateId, item.itemId, locale)}</th>
                <td>{item.n}</td>
                <td>{percentText(item.agreement, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4 id={`${id}-settle`}>{t('calibrationSettle')}</h4>
      {c.disagreements.length === 0 ? (
        <p class="empty">{t('calibrationNothingToSettle')}</p>
      ) : (
        <ul class="calibration-settle" aria-labelledby={`${id}-settle`}>
          {c.disagreements.map((d, i) => (
            <li key={i}>{disagreementText(d, pair, model.method, t, locale)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The calibration section: one part per pair of auditors (two walks, or a walk and its blind
 * scoring); nothing when no two auditors met.
 */
export function CalibrationSection({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const pairs = calibrationPairs(model);
  if (pairs.length === 0) return null;
  return (
    <section class="calibration" aria-labelledby="calibration-title">
      <h2 id="calibration-title">{t('calibrationTitle')}</h2>
      <p class="explain">{t('calibrationExplained')}</p>
      {pairs.some((p) => p.mode === 'blind') && (
        <p class="explain">{t('calibrationBlindExplained')}</p>
      )}
      {pairs.map((pair, i) => (
        <Pair
          key={`${pair.a.journey.id}:${pair.b.journey.id}`}
          pair={pair}
          model={model}
          locale={locale}
          index={i}
        />
      ))}
    </section>
  );
}
