/** Composition root of the Backups and bundles page. */
import { render } from 'preact';
import '../../components/ui.css';
import { requestPersistence, storageStatus } from '../../lib/browser';
import { openStore } from '../../lib/db';
import { backupEverything, exportBundle, previewBundle } from '../../lib/services/bundles';
import { DataPage, type DataServices } from './data-page';

const store = openStore();
const services: DataServices = {
  store,
  exportBundle: (scope, choices, name) => exportBundle(store, scope, choices, name),
  backupAll: () => backupEverything(store),
  preview: (file) => previewBundle(store, file),
  storageStatus,
  requestPersistence,
};

render(<DataPage services={services} />, document.getElementById('app')!);
