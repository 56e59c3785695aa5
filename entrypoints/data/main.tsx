/** Composition root of the Backups and bundles page. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { requestPersistence, saveFile, storageStatus } from '../../lib/browser';
import { createDataController } from '../../lib/controllers/data';
import { openExtensionStore, pageShell } from '../../lib/services';
import { DataPage } from './data-page';

void openExtensionStore().then((store) => {
  const controller = createDataController({
    shell: pageShell(store),
    store,
    save: (name, content) => saveFile(name, content),
    storage: { status: storageStatus, requestPersistence },
    now: () => Date.now(),
  });
  render(<DataPage controller={controller} />, document.getElementById('app')!);
});
