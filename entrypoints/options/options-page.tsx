/** Options: the auditor's own identity, covered automatically in every capture. */
import { useEffect, useState } from 'preact/hooks';
import { AuditorForm, IdentityForm } from '../../components/options/identity-form';
import { useSubscription } from '../../components/shared/hooks';
import { LanguageSelect } from '../../components/shared/language-select';
import {
  browserLanguage,
  openExtensionPage,
  subscribeSettings,
  writeSettings,
  type Settings,
} from '../../lib/browser';
import { localeFor, translator } from '../../lib/i18n';
import { readIdentity } from '../../lib/services';
import type { Identity } from '../../lib/model';

export function OptionsPage() {
  const settings = useSubscription<Settings | null>(subscribeSettings, null, []);
  const [identity, setIdentity] = useState<Identity | null>(null);
  const locale = settings?.locale ?? localeFor(browserLanguage());
  const t = translator(locale);
  useEffect(() => void readIdentity().then(setIdentity), []);
  useEffect(() => {
    document.title = `${t('optionsTitle')} — ${t('appName')}`;
    document.documentElement.lang = locale;
  }, [locale]);
  if (!identity || !settings) return <main class="panel" aria-busy="true" />;
  return (
    <main class="panel">
      <header class="panel-head">
        <h1>{t('optionsTitle')}</h1>
        <LanguageSelect t={t} locale={locale} onChange={(l) => void writeSettings({ locale: l })} />
      </header>
      <AuditorForm
        t={t}
        auditor={settings?.auditorName ?? ''}
        onSave={(auditorName) => writeSettings({ auditorName })}
      />
      <IdentityForm
        t={t}
        identity={identity}
        onSave={(next) => writeSettings({ identity: next })}
      />
      <section class="card">
        <h2>{t('dataTitle')}</h2>
        <p class="muted">{t('optionsDataHelp')}</p>
        <div class="row">
          <button type="button" onClick={() => void openExtensionPage('/data.html')}>
            {t('openData')}
          </button>
        </div>
      </section>
    </main>
  );
}
