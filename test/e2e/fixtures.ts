import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect } from '@playwright/test';
import type { BrowserContext } from '@playwright/test';
import { EXTENSION_PATH, chromiumPath, extensionArgs } from '../fixtures/chromium.mjs';
import { startDemoServer } from '../fixtures/server.mjs';
import type { DemoServer } from '../fixtures/server.mjs';

export { expect };
export type { DemoServer };

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
}

const MANIFEST = join(EXTENSION_PATH, 'manifest.json');

function assertExtensionBuilt(): void {
  if (!existsSync(MANIFEST)) {
    throw new Error(
      `The extension is not built: ${MANIFEST} does not exist. Run npm run build:e2e first.`,
    );
  }
}

function assertChromium(): void {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
}

/** Launches Chromium on `userDataDir` with the built extension loaded (headless, 1280×800). */
export async function launchWithExtension(userDataDir: string): Promise<BrowserContext> {
  assertExtensionBuilt();
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: extensionArgs(EXTENSION_PATH),
    // Playwright passes --disable-extensions by default; our own switches decide what loads.
    ignoreDefaultArgs: ['--disable-extensions'],
  });
}

/** The id of the extension loaded in `context`, read from its background service worker. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
      timeout: 15_000,
    }));
  return new URL(worker.url()).host;
}

/**
 * Opens the same profile again, e.g. after `context.close()`, to check that data survives a
 * browser restart. The caller closes the returned context.
 */
export async function relaunch(userDataDir: string): Promise<ExtensionSession> {
  const context = await launchWithExtension(userDataDir);
  try {
    return { context, extensionId: await extensionIdOf(context) };
  } catch (error) {
    await context.close();
    throw error;
  }
}

export const test = base.extend<
  { userDataDir: string; context: BrowserContext; extensionId: string },
  { demo: DemoServer }
>({
  demo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemoServer();
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  context: async ({ userDataDir }, use) => {
    const context = await launchWithExtension(userDataDir);
    await use(context);
    await context.close();
  },

  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});
