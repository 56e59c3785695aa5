/** Composition root of the side panel: the store, the shell and the adapters, built once here. */
import '../../components/shared/ui.css';
import { mountPage } from '../../components/shared/mount';
import {
  findTargetTab,
  openExtensionPage,
  openOptions,
  requestPersistence,
  storageStatus,
} from '../../lib/browser';
import { createPanelController, type PanelController } from '../../lib/controllers/panel';
import { extensionCaptureService, openExtensionStore, pageShell } from '../../lib/services';
import { backupEverything } from '../../lib/services/bundles';
import { pageClient } from '../../lib/services/page';
import { addOfflineContact, attachEvidence } from '../../lib/services/evidence';
import { App } from './app';

mountPage('side panel', async () => {
  const store = await openExtensionStore();
  const userAgent = navigator.userAgent;
  const controller: PanelController = createPanelController({
    shell: pageShell(store),
    store,
    // Compaction goes on after a capture resolved: its errors reach the panel's message line.
    capture: extensionCaptureService(store, (error) => controller.backgroundFailed(error)),
    now: () => Date.now(),
    findTargetTab,
    followTab: (tabId) => pageClient().countRequests(tabId),
    watchClicks: (tabId, on) => pageClient().watchClicks(tabId, on),
    openPage: openExtensionPage,
    openOptions,
    addOfflineContact: (journeyId, contact) =>
      addOfflineContact(store, journeyId, contact, userAgent),
    attachEvidence: (touchpointId, file) => attachEvidence(store, touchpointId, file, userAgent),
    backupAll: () => backupEverything(store),
    storageStatus,
    requestPersistence,
  });
  return <App controller={controller} />;
});
