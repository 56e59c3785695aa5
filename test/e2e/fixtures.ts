import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, chromium, expect } from '@playwright/test';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { EXTENSION_PATH, chromiumPath, extensionArgs } from '../fixtures/chromium.mjs';
import { startDemoServer } from '../fixtures/server.mjs';
import type { DemoServer } from '../fixtures/server.mjs';
import {
  Profile,
  setIdentity,
  type ExtensionSession,
  type Identity,
  type PanelPage,
} from './pages';

export { expect };
export type { DemoServer, ExtensionSession, Identity };

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
export async function relaunch(userDataDir: string): Promise<Profile> {
  const context = await launchWithExtension(userDataDir);
  try {
    return new Profile({ context, extensionId: await extensionIdOf(context) });
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

interface ProfileFixtures {
  display: Display;
  /** The auditor's identity, saved in Options before the panel opens (`test.use({ identity })`). */
  identity: Identity | null;
  userDataDir: string;
  context: BrowserContext;
  extensionId: string;
  /** The test's profile: opens its extension pages (`profile.open('report.html')`). */
  profile: Profile;
  /** The walked tab: the first tab of the profile's normal window. */
  site: Page;
  /**
   * Messages of the dialogs (alert, confirm…) shown by any page the context opens after this
   * fixture, the panel included; each is dismissed.
   */
  dialogs: string[];
  /** The side panel, in a pop-up beside the walked tab (after `identity` is saved). */
  panel: PanelPage;
  /** The extension's service worker (background.js) as it runs when called. */
  serviceWorker: () => Promise<Worker>;
  /**
   * Closes the browser and opens the same profile again (what was saved must survive); the
   * reopened browser is closed after the test.
   */
  restart: () => Promise<Profile>;
  /** A second, empty profile in its own browser (another auditor), closed after the test. */
  otherProfile: Profile;
}

export const test = base.extend<ProfileFixtures, { demo: DemoServer; demo2: DemoServer }>({
  /** `test.use({ display: 'real-2x' })` runs a describe block on a 2× screen. */
  display: [1, { option: true }],

  identity: [null, { option: true }],

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

  profile: async ({ context, extensionId }, use) => {
    await use(new Profile({ context, extensionId }));
  },

  site: async ({ profile }, use) => {
    await use(await profile.walkedTab());
  },

  dialogs: async ({ context }, use) => {
    const dialogs: string[] = [];
    context.on('page', (p) =>
      p.on('dialog', (d) => void d.dismiss().then(() => dialogs.push(d.message()))),
    );
    await use(dialogs);
  },

  // The walked tab exists before the panel opens beside it; dialogs are recorded from the start.
  panel: async ({ context, extensionId, profile, identity, site, dialogs }, use) => {
    void site;
    void dialogs;
    if (identity) await setIdentity(context, extensionId, identity);
    await use(await profile.openPanel());
  },

  serviceWorker: async ({ context }, use) => {
    await use(
      async () =>
        context.serviceWorkers().find((w) => w.url().endsWith('/background.js')) ??
        (await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().endsWith('/background.js'),
        })),
    );
  },

  restart: async ({ context, userDataDir }, use) => {
    // The browser running the profile now: the test's first one, then each reopened one.
    let running = context;
    await use(async () => {
      await running.close();
      const again = await relaunch(userDataDir);
      running = again.context;
      return again;
    });
    await running.close();
  },

  // eslint-disable-next-line no-empty-pattern
  otherProfile: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-e2e-b-'));
    const other = await relaunch(dir);
    await use(other);
    await other.context.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  },
});
