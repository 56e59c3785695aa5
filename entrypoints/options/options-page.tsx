/** Options: the auditor's name and own identity (covered automatically in every capture), the language. */
import { useState } from 'preact/hooks';
import { AuditorForm, IdentityForm } from '../../components/options/identity-form';
import { describeError } from '../../components/shared/describe-error';
import { useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import { PageShell, useShell } from '../../components/shared/page-shell';
import type { AuditorProfile, OptionsController } from '../../lib/controllers/options';
import type { SigningController, SigningKeyInfo } from '../../lib/controllers/signing';
import { formatDateTime, type Translate } from '../../lib/i18n';
import { formatFingerprint } from '../../lib/report/manifest';
import type { Locale } from '../../lib/taxonomy';

/** The optional signing key: none by default; made, shown by fingerprint, deleted. */
function SigningKeySection(props: {
  signing: SigningController;
  t: Translate;
  locale: Locale;
  onError(error: unknown): void;
}) {
  const { signing, t, locale } = props;
  const key = useSubscription<SigningKeyInfo | null | undefined>(signing.key, undefined, [signing]);
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<string | null>) => {
    setBusy(true);
    action()
      .then(setSaid, props.onError)
      .finally(() => setBusy(false));
  };
  return (
    <section class="card signing-key" aria-labelledby="signing-title">
      <h2 id="signing-title">{t('signingTitle')}</h2>
      <p class="muted">{t('signingHelp')}</p>
      {key === null && <p>{t('signingNone')}</p>}
      {key && (
        <dl class="signing-fingerprint">
          <dt>{t('signingFingerprint')}</dt>
          <dd>
            <code>{formatFingerprint(key.fingerprint)}</code>
          </dd>
          <dd class="muted">
            {t('signingCreated', { when: formatDateTime(key.createdAt, locale) })}
          </dd>
        </dl>
      )}
      <div class="row">
        {key === null && (
          <button
            type="button"
            disabled={busy}
            onClick={() => run(async () => (await signing.create(), null))}
          >
            {t('signingCreate')}
          </button>
        )}
        {key && (
          <button
            type="button"
            disabled={busy}
            onClick={() => run(async () => (await signing.remove(), t('signingRemoved')))}
          >
            {t('signingRemove')}
          </button>
        )}
        <a href="verify.html" target="_blank" rel="noopener">
          {t('verifyOpen')}
        </a>
      </div>
      {said && (
        <p class="message" role="status">
          {said}
        </p>
      )}
    </section>
  );
}

export function OptionsPage({
  controller,
  signing,
}: {
  controller: OptionsController;
  signing?: SigningController;
}) {
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
      {signing && <SigningKeySection signing={signing} t={t} locale={locale} onError={report} />}
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
