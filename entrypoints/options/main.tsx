/** Composition root of the Options page: it opens no store, only the settings. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { openExtensionPage } from '../../lib/browser';
import { createOptionsController } from '../../lib/controllers/options';
import { storelessPageShell } from '../../lib/services';
import { OptionsPage } from './options-page';

const controller = createOptionsController({
  shell: storelessPageShell(),
  openDataPage: () => openExtensionPage('/data.html'),
});
render(<OptionsPage controller={controller} />, document.getElementById('app')!);
