/** Composition root of the Backups and bundles page. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import { requestPersistence, storageStatus } from '../../lib/browser';
import type { AuditStore } from '../../lib/db';
import { openExtensionStore } from '../../lib/services';
import { backupEverything, exportBundle, previewBundle } from '../../lib/services/bundles';
import { DataPage, type DataServices } from './data-page';

function dataServices(store: AuditStore): DataServices {
  return {
    store,
    exportBundle: (scope, choices, name) => exportBundle(store, scope, choices, name),
    backupAll: () => backupEverything(store),
    preview: (file) => previewBundle(store, file),
    storageStatus,
    requestPersistence,
  };
}

void openExtensionStore().then((store) =>
  render(<DataPage services={dataServices(store)} />, document.getElementById('app')!),
);
