import { defineConfig } from '@playwright/test';

// The e2e tests load the e2e build (`npm run build:e2e`): the release build plus the shortcut and
// menu handlers exposed to the tests (commands and menus cannot be used from automation).
process.env.EXTENSION_BUILD ??= 'chrome-mv3-e2e';

// The e2e tests launch the system Chromium themselves (see test/e2e/fixtures.ts), with the
// built extension loaded, so no browser download and no projects are configured here.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
  outputDir: 'test-results',
});
