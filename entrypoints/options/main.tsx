/** Composition root of the Options page: it opens no audit store, only the settings and the signing key. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { openExtensionPage } from '../../lib/browser';
import { createOptionsController } from '../../lib/controllers/options';
import { createSigningController } from '../../lib/controllers/signing';
import { openKeyStore } from '../../lib/db';
import { storelessPageShell } from '../../lib/services';
import { OptionsPage } from './options-page';

mountPage('options page', () => {
  const controller = createOptionsController({
    shell: storelessPageShell(),
    openDataPage: () => openExtensionPage('/data.html'),
  });
  // The signing key lives in its own small database (lib/db/keys.ts), not in the audit store.
  const signing = createSigningController({ keys: openKeyStore(), now: () => Date.now() });
  return <OptionsPage controller={controller} signing={signing} />;
});
