// eslint-disable-next-line import-x/no-restricted-paths -- TODO(#7): only lib/browser touches browser.*; move these listeners behind lib/browser adapters.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storageProbe } from '../lib/browser';
import { openStore } from '../lib/db';
import { captureServices } from '../lib/services';
import {
  autoCaptureOnLoad,
  captureFromBackground,
  type BackgroundDeps,
  type TabInfo,
} from '../lib/services/background';

const MENU_CAPTURE = 'capture-touchpoint';

// Stateless: the worker may be stopped at any moment; everything it needs is read from storage.
export default defineBackground(() => {
  // Opened by the first capture that needs it (captureFromBackground), after a free-space check.
  const store = openStore(storageProbe());
  const deps: BackgroundDeps = {
    capture: captureServices(store),
    getTab: (tabId) => browser.tabs.get(tabId).catch(() => null),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };

  const sidePanel = (
    browser as unknown as {
      sidePanel?: {
        setPanelBehavior(o: object): Promise<void>;
        open(o: { windowId: number }): Promise<void>;
      };
    }
  ).sidePanel;
  const action =
    browser.action ??
    (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (sidePanel) {
    // Chromium: the toolbar button opens the side panel. Set on every worker start (it is the
    // first thing the worker does); onClicked only fires while the behaviour is not set yet, so a
    // click in that moment still opens the panel.
    void sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(console.error);
    action?.onClicked.addListener((tab) => {
      if (tab.windowId !== undefined) void sidePanel.open({ windowId: tab.windowId });
    });
  } else {
    // Firefox: the toolbar button toggles the sidebar.
    const sidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } })
      .sidebarAction;
    action?.onClicked.addListener(() => void sidebar?.toggle());
  }

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: MENU_CAPTURE,
      title: browser.i18n.getMessage('menuCapture') || 'Capture as touchpoint',
      contexts: ['page', 'frame', 'selection', 'link', 'image'],
    });
  });

  const onMenu = (info: { menuItemId: string | number; selectionText?: string }, tab?: TabInfo) =>
    info.menuItemId === MENU_CAPTURE
      ? captureFromBackground(
          deps,
          tab,
          // The whole selection is kept (a note longer than its limit is shortened and the step says so).
          info.selectionText ? `“${info.selectionText}”` : '',
        )
      : Promise.resolve(null);
  const onCommand = (command: string, tab?: TabInfo) =>
    command === 'capture-visible' || command === 'capture-full-page'
      ? captureFromBackground(
          deps,
          tab,
          '',
          command === 'capture-visible' ? 'visible' : 'full-page',
        )
      : Promise.resolve(null);

  browser.contextMenus.onClicked.addListener((info, tab) => void onMenu(info, tab));
  browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'complete') void autoCaptureOnLoad(deps, tabId);
  });

  // Shortcuts cannot be pressed from automation: e2e tests call the same handlers through this.
  Object.assign(globalThis, { touchpointAudit: { onCommand, onMenu } });
});
