/** Composition root of the side panel: services are built once here and handed to the views. */
import { render } from 'preact';
import '../../components/ui.css';
import { requestPersistence, storageStatus } from '../../lib/browser';
import type { AuditStore } from '../../lib/db';
import { captureServices, openExtensionStore } from '../../lib/services';
import { backupEverything } from '../../lib/services/bundles';
import { elementCaptureServices } from '../../lib/services/element';
import { fullPageServices } from '../../lib/services/full-page';
import { App, type PanelServices } from './app';

function panelServices(store: AuditStore): PanelServices {
  const capture = captureServices(store);
  return {
    store,
    capture,
    elementCapture: elementCaptureServices(capture),
    fullPage: fullPageServices(capture),
    backupAll: () => backupEverything(store),
    storageStatus,
  };
}

// Ask once per panel: the browser then keeps the data even when the disk runs low (it may say no).
void requestPersistence().catch(() => false);
void openExtensionStore().then((store) =>
  render(<App services={panelServices(store)} />, document.getElementById('app')!),
);
