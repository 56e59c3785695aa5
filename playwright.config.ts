import { defineConfig } from '@playwright/test';

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
