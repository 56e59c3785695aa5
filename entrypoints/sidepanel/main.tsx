/** Composition root of the side panel: services are built once here and handed to the views. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import {
  browserLanguage,
  findTargetTab,
  openExtensionPage,
  openOptions,
  requestPersistence,
  storageStatus,
  subscribeSettings,
  writeSettings,
} from '../../lib/browser';
import type { AuditStore } from '../../lib/db';
import { extensionCaptureService, openExtensionStore } from '../../lib/services';
import { backupEverything } from '../../lib/services/bundles';
import { addOfflineContact, attachEvidence } from '../../lib/services/evidence';
import { App, type PanelServices } from './app';

function panelServices(store: AuditStore): PanelServices {
  const userAgent = navigator.userAgent;
  return {
    store,
    capture: extensionCaptureService(store),
    settings: { subscribe: subscribeSettings, write: writeSettings },
    browserLanguage,
    findTargetTab,
    openPage: openExtensionPage,
    openOptions,
    addOfflineContact: (journeyId, contact) =>
      addOfflineContact(store, journeyId, contact, userAgent),
    attachEvidence: (touchpointId, file) => attachEvidence(store, touchpointId, file, userAgent),
    backupAll: () => backupEverything(store),
    storageStatus,
  };
}

// Ask once per panel: the browser then keeps the data even when the disk runs low (it may say no).
void requestPersistence().catch(() => false);
void openExtensionStore().then((store) =>
  render(<App services={panelServices(store)} />, document.getElementById('app')!),
);
