/**
 * What each stage gives the customer ("at each stage we sell something specific"): a line of the
 * method section, and the words under a stage's name in the scorecard.
 */
import { translator } from '../../lib/i18n';
import type { AuditMethod } from '../../lib/model';
import type { ReportModel } from '../../lib/report/model';
import { stageLabel, type Locale } from '../../lib/taxonomy';
import { givesLabel, stageGives } from '../../lib/taxonomy/gives';

/** "What each stage gives the customer: First mention — the idea; …" (the compared stages). */
export function StagesGive({ model, locale }: { model: ReportModel; locale: Locale }) {
  const t = translator(locale);
  const list = model.stages
    .map(({ stage }) => ({ stage, gives: stageGives(stage, model.audit.method) }))
    .filter((entry) => entry.gives !== null)
    .map((entry) => `${stageLabel(entry.stage, locale)} — ${givesLabel(entry.gives!, locale)}`);
  if (!list.length) return null;
  return <li class="stages-give">{t('gvMethod', { list: list.join('; ') })}</li>;
}

/** "Gives: the idea" under a stage's name (nothing for a stage that says none). */
export function StageGives({
  stage,
  method,
  locale,
}: {
  stage: string;
  method: AuditMethod;
  locale: Locale;
}) {
  const gives = stageGives(stage, method);
  if (!gives) return null;
  return (
    <div class="muted stage-gives">
      {translator(locale)('gvInStage', { gives: givesLabel(gives, locale) })}
    </div>
  );
}
