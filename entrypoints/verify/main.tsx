/** Composition root of the Verify a report page: no audit store, only the profile's signing key. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { createVerifyController } from '../../lib/controllers/verify';
import { openKeyStore } from '../../lib/db';
import { storelessPageShell } from '../../lib/services';
import { VerifyPage } from './verify-page';

mountPage('verify page', () => {
  const controller = createVerifyController({
    shell: storelessPageShell(),
    // DOMParser reads the file as data: its scripts never run and nothing it names loads.
    parseHtml: (html) => new DOMParser().parseFromString(html, 'text/html'),
    keys: openKeyStore(),
  });
  return <VerifyPage controller={controller} />;
});
