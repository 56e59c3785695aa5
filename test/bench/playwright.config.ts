import { defineConfig } from '@playwright/test';

// `npm run bench`: benchmarks in the built extension; they print figures and assert nothing on time.
export default defineConfig({
  testDir: '.',
  workers: 1,
  timeout: 300_000,
  reporter: 'list',
  outputDir: '../../test-results/bench',
});
