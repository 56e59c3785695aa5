/** Composition root of the Backups and bundles page. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import { requestPersistence, saveFile, storageStatus } from '../../lib/browser';
import { decodeWhole } from '../../lib/capture/encode';
import { createDataController } from '../../lib/controllers/data';
import { openExtensionStore, pageShell } from '../../lib/services';
import { DataPage } from './data-page';

mountPage('data page', async () => {
  const store = await openExtensionStore();
  const controller = createDataController({
    shell: pageShell(store),
    store,
    save: (name, content) => saveFile(name, content),
    storage: { status: storageStatus, requestPersistence },
    now: () => Date.now(),
    decodeImage: decodeWhole,
  });
  return <DataPage controller={controller} />;
});
