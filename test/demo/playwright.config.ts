import { defineConfig } from '@playwright/test';

// `npm run demo`: walks the bundled demo path headless and writes an example report to out/.
export default defineConfig({
  testDir: '.',
  workers: 1,
  timeout: 180_000,
  reporter: 'list',
  outputDir: '../../test-results/demo',
});
