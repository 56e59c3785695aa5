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

/**
 * How the screen's device pixel ratio is made: 1 (a normal screen), 'real-2x' (a 2× display:
 * the whole browser, captures included, works at 2×) or 'emulated-2x' (DevTools emulation: pages
 * lay out at 2× but captureVisibleTab still captures at 1×).
 */
export type Display = 1 | 'real-2x' | 'emulated-2x';

/** Launches Chromium on `userDataDir` with the built extension loaded (headless, 1280×800). */
export async function launchWithExtension(
  userDataDir: string,
  display: Display = 1,
): Promise<BrowserContext> {
  assertExtensionBuilt();
  assertChromium();
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    ...(display === 'real-2x'
      ? { viewport: null }
      : {
          viewport: { width: 1280, height: 800 },
          ...(display === 'emulated-2x' ? { deviceScaleFactor: 2 } : {}),
        }),
    args: [
      ...extensionArgs(EXTENSION_PATH),
      ...(display === 'real-2x' ? ['--force-device-scale-factor=2', '--window-size=1280,800'] : []),
    ],
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

/**
 * URL of a page under /lab/frames/ on `demo` whose cross-origin frames come from `other`, e.g.
 * `framesUrl(demo, demo2)` → `http://127.0.0.1:A/lab/frames/index.html?other=http%3A%2F%2Flocalhost%3AB`.
 */
export function framesUrl(demo: DemoServer, other: DemoServer, page = 'index.html'): string {
  return demo.url(`/lab/frames/${page}?other=${encodeURIComponent(other.origin)}`);
}

export const test = base.extend<
  { display: Display; userDataDir: string; context: BrowserContext; extensionId: string },
  { demo: DemoServer; demo2: DemoServer }
>({
  /** `test.use({ display: 'real-2x' })` runs a describe block on a 2× screen. */
  display: [1, { option: true }],

  demo: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo = await startDemoServer();
      await use(demo);
      await demo.close();
    },
    { scope: 'worker' },
  ],

  /**
   * A second server for the same sites on `http://localhost:<other port>`: another host and port
   * than `demo`, so cross-site for Chromium's site isolation (like an embedded third-party
   * widget). Pages under /lab/frames/ take it from `?other=`; see {@link framesUrl}.
   */
  demo2: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const demo2 = await startDemoServer({ host: 'localhost' });
      await use(demo2);
      await demo2.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-e2e-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },

  context: async ({ userDataDir, display }, use) => {
    const context = await launchWithExtension(userDataDir, display);
    await use(context);
    await context.close();
  },

  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
});
