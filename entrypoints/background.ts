import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';

// Stateless: the worker may be stopped at any moment, so nothing is kept in globals.
export default defineBackground(() => {
  const sidePanel = (
    browser as unknown as { sidePanel?: { setPanelBehavior(o: object): Promise<void> } }
  ).sidePanel;
  if (sidePanel) {
    // Chromium: the toolbar button opens the side panel.
    void sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(console.error);
  } else {
    // Firefox: the toolbar button toggles the sidebar.
    const sidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } })
      .sidebarAction;
    const action =
      browser.action ??
      (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
    action?.onClicked.addListener(() => void sidebar?.toggle());
  }
});
