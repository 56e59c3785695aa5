/**
 * The service worker: opens the side panel from the toolbar, and captures from the keyboard
 * shortcuts, the context menu and auto-capture. Stateless: the worker may be stopped at any
 * moment; everything it needs is read from storage on each event (lib/services/background.ts).
 * This is its composition root: the store, the capture service and the auto-capture queue are
 * made here, once, and handed to the handlers.
 */
import { defineBackground } from 'wxt/utils/define-background';
import {
  addContextMenu,
  browserLanguage,
  getTab,
  onPageMessage,
  onAnnouncement,
  onShortcut,
  onTabLoaded,
  openPanelFromToolbar,
  readSettings,
  runningCapture,
  storageProbe,
  writeSettings,
  type EventTab,
} from '../lib/browser';
import { openStore } from '../lib/db';
import { logError } from '../lib/log';
import { extensionCaptureService } from '../lib/services';
import { pageClient } from '../lib/services/page';
import {
  armClicksOnLoad,
  autoCaptureOnLoad,
  captureClick,
  backgroundWorkFailed,
  captureFromBackground,
  loadCounter,
  reportStoppedCapture,
  serialQueue,
  type AutoCaptureDecision,
  type BackgroundDeps,
} from '../lib/services/background';

const MENU_CAPTURE = 'capture-touchpoint';

export default defineBackground(() => {
  // Opened by the first capture that needs it, after a free-space check (lib/db/guard.ts).
  const store = openStore(storageProbe());
  const page = pageClient();
  const settings = { read: readSettings, write: writeSettings };
  const now = () => Date.now();
  // A worker stopped mid full-page capture left its mark: tell the panel, make sure the page is
  // back. (A page that gave itself back announces it, which wakes this worker for that.)
  const stoppedCheck = reportStoppedCapture({
    settings,
    takeMark: () => runningCapture.take(),
    restorePage: (tabId) => pageClient().restoreFullPage(tabId),
    now,
  }).catch((error: unknown) => logError('stopped capture', error));
  const deps: BackgroundDeps = {
    store,
    // Compaction left running after a capture: a failure becomes the panel's notice.
    capture: extensionCaptureService(
      store,
      (error) => void backgroundWorkFailed(deps, error),
      // Full-page captures made here are marked while they run (after the check above has read
      // the mark a stopped worker left): see reportStoppedCapture.
      {
        set: (mark) => stoppedCheck.then(() => runningCapture.set(mark)),
        clear: () => runningCapture.clear(),
      },
    ),
    settings,
    autoQueue: serialQueue(),
    loads: loadCounter(),
    settle: { countRequests: page.countRequests, wait: page.waitSettled },
    clicks: { watch: page.watchClicks },
    language: browserLanguage,
    getTab,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now,
  };
  openPanelFromToolbar();
  onAnnouncement(() => undefined);

  const onMenu = (info: { menuItemId: string | number; selectionText?: string }, tab?: EventTab) =>
    info.menuItemId === MENU_CAPTURE
      ? // The whole selection is kept (a note over its limit is shortened and the step says so).
        captureFromBackground(deps, tab, info.selectionText ? `“${info.selectionText}”` : '')
      : Promise.resolve(null);
  const onCommand = (command: string, tab?: EventTab) =>
    command === 'capture-visible' || command === 'capture-full-page'
      ? captureFromBackground(
          deps,
          tab,
          '',
          command === 'capture-visible' ? 'visible' : 'full-page',
        )
      : Promise.resolve(null);

  // The handlers leave a notice for what fails; what still escapes is logged (no page to show it).
  addContextMenu(
    MENU_CAPTURE,
    (info, tab) =>
      void onMenu(info, tab).catch((error: unknown) => logError('context menu capture', error)),
  );
  onShortcut(
    (command, tab) =>
      void onCommand(command, tab).catch((error: unknown) => logError('shortcut capture', error)),
  );
  // The e2e build keeps auto-capture's decisions, so a test can wait for "nothing was captured".
  const decisions: AutoCaptureDecision[] = [];
  onTabLoaded((tabId) => {
    void autoCaptureOnLoad(deps, tabId)
      .then((decision) => {
        if (import.meta.env.MODE === 'e2e') decisions.push(decision);
      })
      .catch((error: unknown) => logError('auto-capture', error));
    void armClicksOnLoad(deps, tabId).catch((error: unknown) => logError('click capture', error));
  });
  onPageMessage(
    (message, tab) =>
      void captureClick(deps, message, tab).catch((error: unknown) =>
        logError('click capture', error),
      ),
  );

  // Shortcuts and menus cannot be used from automation: the e2e build (`wxt build --mode e2e`)
  // exposes the same handlers to the tests. The release build does not contain this.
  if (import.meta.env.MODE === 'e2e')
    Object.assign(globalThis, {
      touchpointAudit: { onCommand, onMenu, decisions, stoppedCheck },
    });
});
