/** Composition root of the Options page: it opens no store, only the settings. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { openExtensionPage } from '../../lib/browser';
import { createOptionsController } from '../../lib/controllers/options';
import { storelessPageShell } from '../../lib/services';
import { OptionsPage } from './options-page';

mountPage('options page', () => {
  const controller = createOptionsController({
    shell: storelessPageShell(),
    openDataPage: () => openExtensionPage('/data.html'),
  });
  return <OptionsPage controller={controller} />;
});
