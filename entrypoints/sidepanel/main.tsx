/** Composition root of the side panel: the store, the shell and the adapters, built once here. */
import { render } from 'preact';
import '../../components/shared/ui.css';
import {
  findTargetTab,
  openExtensionPage,
  openOptions,
  requestPersistence,
  storageStatus,
} from '../../lib/browser';
import { createPanelController, type PanelController } from '../../lib/controllers/panel';
import { logError } from '../../lib/log';
import { extensionCaptureService, openExtensionStore, pageShell } from '../../lib/services';
import { backupEverything } from '../../lib/services/bundles';
import { addOfflineContact, attachEvidence } from '../../lib/services/evidence';
import { App } from './app';

openExtensionStore().then(
  (store) => {
    const userAgent = navigator.userAgent;
    const controller: PanelController = createPanelController({
      shell: pageShell(store),
      store,
      // Compaction goes on after a capture resolved: its errors reach the panel's message line.
      capture: extensionCaptureService(store, (error) => controller.backgroundFailed(error)),
      now: () => Date.now(),
      findTargetTab,
      openPage: openExtensionPage,
      openOptions,
      addOfflineContact: (journeyId, contact) =>
        addOfflineContact(store, journeyId, contact, userAgent),
      attachEvidence: (touchpointId, file) => attachEvidence(store, touchpointId, file, userAgent),
      backupAll: () => backupEverything(store),
      storageStatus,
      requestPersistence,
    });
    render(<App controller={controller} />, document.getElementById('app')!);
  },
  (error: unknown) => logError('opening the side panel', error),
);
