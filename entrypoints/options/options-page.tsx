/** Options: the auditor's name and own identity (covered automatically in every capture), the language. */
import { useState } from 'preact/hooks';
import { AuditorForm, IdentityForm } from '../../components/options/identity-form';
import { describeError } from '../../components/shared/describe-error';
import { useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { PageShell, useShell } from '../../components/shared/page-shell';
import type { AuditorProfile, OptionsController } from '../../lib/controllers/options';

export function OptionsPage({ controller }: { controller: OptionsController }) {
  const { shell } = controller;
  const page = useShell(shell);
  const { t, locale } = page;
  const profile = useSubscription<AuditorProfile | null>(controller.profile, null, []);
  // Why the language could not be changed or the Backups page not opened (null: nothing to say).
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const report = (error: unknown) => setFailure({ error });
  return (
    <PageShell
      shell={shell}
      state={page}
      class="panel"
      title={t('optionsTitle')}
      loading={!page.settings || !profile}
    >
      <header class="panel-head">
        <h1>{t('optionsTitle')}</h1>
        <LanguageSelect
          t={t}
          locale={locale}
          onChange={(l) => void controller.setLocale(l).catch(report)}
        />
      </header>
      {failure && (
        <p class="message error" role="alert">
          {describeError(failure.error, t)}
        </p>
      )}
      {profile && (
        <>
          <AuditorForm t={t} auditor={profile.auditorName} onSave={controller.saveAuditorName} />
          <IdentityForm t={t} identity={profile.identity} onSave={controller.saveIdentity} />
        </>
      )}
      <section class="card">
        <h2>{t('dataTitle')}</h2>
        <p class="muted">{t('optionsDataHelp')}</p>
        <div class="row">
          <button type="button" onClick={() => void controller.openDataPage().catch(report)}>
            {t('openData')}
          </button>
        </div>
      </section>
    </PageShell>
  );
}
