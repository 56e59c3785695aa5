import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Every dependency is imported explicitly so room boundaries can be linted.
export default defineConfig({
  imports: false,
  // WXT_OUT_DIR lets parallel builds (e.g. several e2e runs) use separate folders.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'unlimitedStorage',
      'scripting',
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: '__MSG_extActionTitle__' },
    commands: {
      'capture-visible': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: '__MSG_cmdCaptureVisible__',
      },
      'capture-full-page': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_cmdCaptureFullPage__',
      },
    },
  }),
});
