// The Firefox build in real Firefox ESR, driven over WebDriver BiDi (puppeteer-core): a new audit
// and journey in the sidebar's page, "Capture page" on a local demo site (twice), "Capture an
// element" (rendered from the page, not cropped), a score, the report, and the HTML export saved
// by Firefox and opened from disk (file://) in Firefox.
//
//   node test/firefox/smoke.mjs [extension folder]   (default: $WXT_OUT_DIR or .output, /firefox-mv2)
//
// Prints each step as it passes; exits non-zero on the first failure, on any uncaught error of an
// extension page (Firefox's stderr), or after a hard overall timeout. Waits on state, never on
// time. FIREFOX_PATH overrides /usr/bin/firefox-esr.
/* global indexedDB, Image -- used in functions that run in Firefox's pages */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from '../fixtures/server.mjs';

const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const EXTENSION = resolve(
  process.argv[2] ?? join(process.env.WXT_OUT_DIR || '.output', 'firefox-mv2'),
);
const GECKO_ID = 'touchpoint-audit@touchpoint-audit';
/** Fixed, so the extension's pages have a known moz-extension:// address. */
const UUID = '5e1f0c2a-7d4b-4c8e-9a36-0b2f6d1e8c47';
const BASE = `moz-extension://${UUID}`;
/** The whole smoke, launch included; CI cannot hang on it. */
const OVERALL_MS = Number(process.env.FIREFOX_SMOKE_TIMEOUT_MS || 240_000);
/** One wait for a state (a busy machine makes it slow, not red). */
const STEP_MS = 60_000;

/** Everything Firefox printed, with the steps between (kept with FIREFOX_SMOKE_KEEP). */
const output = [];
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const step = (text) => {
  console.log(`[firefox ${seconds()} s] ✓ ${text}`);
  output.push(`===== ${seconds()} s: ${text}`);
};

if (!existsSync(FIREFOX)) {
  console.error(
    `Firefox ESR not found at ${FIREFOX}. Install it (apt-get install firefox-esr) or set FIREFOX_PATH.`,
  );
  process.exit(1);
}
if (!existsSync(join(EXTENSION, 'manifest.json'))) {
  console.error(
    `The Firefox build is missing: ${join(EXTENSION, 'manifest.json')}. Run npm run build:firefox first.`,
  );
  process.exit(1);
}

/** Resources to release however the smoke ends. */
const held = { browser: null, server: null, dir: null };
/** Uncaught errors of the extension's pages, as Firefox prints them on stderr. */
const pageErrors = [];

async function cleanUp() {
  await held.browser?.close().catch(() => held.browser?.process()?.kill('SIGKILL'));
  await held.server?.close();
  if (held.dir && process.env.FIREFOX_SMOKE_KEEP) {
    await writeFile(join(held.dir, 'firefox-output.txt'), output.join('\n'));
    console.log(`kept: ${held.dir}`);
  } else if (held.dir) await rm(held.dir, { recursive: true, force: true, maxRetries: 3 });
}

const overall = setTimeout(() => {
  console.error(`[firefox ${seconds()} s] ✗ the smoke took longer than ${OVERALL_MS / 1000} s`);
  held.browser?.process()?.kill('SIGKILL');
  if (held.dir) rmSync(held.dir, { recursive: true, force: true });
  process.exit(1);
}, OVERALL_MS);

/**
 * Waits until `fn(arg)` returns a truthy value in `page` and returns it (a JSHandle). Polls, and
 * retries through a navigation: Firefox sends no load events for extension pages, so no wait
 * here depends on one.
 */
async function waitIn(page, what, fn, arg) {
  const deadline = performance.now() + STEP_MS;
  let last = null;
  for (;;) {
    try {
      const handle = await page.evaluateHandle(fn, arg);
      if (await handle.evaluate((value) => Boolean(value))) return handle;
      await handle.dispose();
    } catch (error) {
      last = error; // the page is navigating or not ready yet
    }
    if (performance.now() > deadline) {
      const text = await page
        .evaluate(() => {
          const said = [...document.querySelectorAll('[role=status], [role=alert]')]
            .map((el) => `${el.getAttribute('role')}: ${el.textContent.trim()}`)
            .filter((line) => !line.endsWith(': '));
          return [...said, '', document.body?.innerText.slice(0, 1500) ?? '(no body)'].join('\n');
        })
        .catch(() => '(page not readable)');
      throw new Error(
        `waiting for ${what} (${STEP_MS / 1000} s)${last ? `; last error: ${last.message}` : ''}\n--- the page shows:\n${text}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The element with `role` and accessible name `name` (aria-label, else its text; a form field's
 * name is its <label for>), inside the form or region named `within` when given. Runs in the page.
 */
function findByRole({ role, name, within }) {
  const text = (el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
  let scope = document;
  if (within) {
    scope = [...document.querySelectorAll('form[aria-label], [role=region], section[aria-label]')]
      .filter((el) => el.getAttribute('aria-label') === within)
      .find((el) => el.checkVisibility());
    if (!scope) return null;
  }
  if (role === 'field') {
    const label = [...scope.querySelectorAll('label')].find((l) => text(l) === name);
    const field = label && (label.control ?? document.getElementById(label.htmlFor));
    return field && field.checkVisibility() ? field : null;
  }
  const selector = {
    button: 'button, [role=button]',
    link: 'a[href]',
    heading: 'h1, h2, h3, h4, h5, h6',
    status: '[role=status]',
  }[role];
  return (
    [...scope.querySelectorAll(selector)].find((el) => text(el) === name && el.checkVisibility()) ??
    null
  );
}

async function element(page, query) {
  const handle = await waitIn(
    page,
    `${query.role} "${query.name}"${query.within ? ` in "${query.within}"` : ''}`,
    findByRole,
    query,
  );
  return handle.asElement();
}

const click = async (page, query) => (await element(page, query)).click();

async function type(page, within, name, value) {
  const field = await element(page, { role: 'field', name, within });
  await field.type(value);
}

/** Opens an extension page in a new tab of the first window and waits until it is interactive. */
async function openExtensionPage(browser, path) {
  const page = await browser.newPage();
  // Not awaited: Firefox sends no load event for moz-extension:// pages.
  page.goto(`${BASE}/${path}`).catch(() => {});
  await waitIn(
    page,
    `${path} to load`,
    (path) => {
      return location.pathname === `/${path}` && document.readyState === 'complete';
    },
    path,
  );
  return page;
}

/** Waits for the page in `site` to be `title`, fully loaded. */
function siteAt(site, title) {
  return waitIn(
    site,
    `the site at "${title}"`,
    (title) => {
      return document.title === title && document.readyState === 'complete';
    },
    title,
  );
}

async function capture(panel, site, seq) {
  await site.bringToFront();
  await click(panel, { role: 'button', name: 'Capture page' });
  await element(panel, { role: 'status', name: `Step ${seq} captured.` });
}

/** What the panel's IndexedDB holds: steps and their screenshots, each decoded. */
function readStored() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('touchpoint-audit');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const read = db.transaction(['touchpoints', 'screenshots', 'images']);
      const all = (store) =>
        new Promise((res, rej) => {
          const request = read.objectStore(store).getAll();
          request.onsuccess = () => res(request.result);
          request.onerror = () => rej(request.error);
        });
      Promise.all([all('touchpoints'), all('screenshots'), all('images')])
        .then(async ([steps, shots, images]) => {
          db.close();
          const decoded = [];
          for (const image of images) {
            const bitmap = await createImageBitmap(image.blob);
            decoded.push({ width: bitmap.width, height: bitmap.height, type: image.blob.type });
          }
          resolve({
            steps: steps.map((s) => ({ title: s.title, seq: s.seq, scores: s.scores ?? null })),
            shots: shots
              .sort((a, b) => a.createdAt - b.createdAt)
              .map((s) => ({ mode: s.mode, mime: s.mime, width: s.width })),
            decoded,
          });
        })
        .catch(reject);
    };
  });
}

async function smoke() {
  held.dir = await mkdtemp(join(tmpdir(), 'touchpoint-audit-firefox-'));
  const downloads = join(held.dir, 'downloads');
  held.server = await startDemoServer();
  const demo = held.server;

  const launchStarted = performance.now();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: join(held.dir, 'profile'),
    // Without it Firefox refuses to open moz-extension:// pages over WebDriver BiDi.
    args: ['--remote-allow-system-access'],
    defaultViewport: null,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // The export's download link saves straight into `downloads`, no dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      // Pages' console messages on Firefox's stdout, where the smoke reads them.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': true,
    },
  });
  held.browser = browser;
  // Firefox prints uncaught errors of pages on stderr and (with the prefs above) console messages
  // on stdout: an extension page's uncaught error or logError line fails the smoke.
  const firefoxSaid = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      output.push(line);
      if (/JavaScript error: moz-extension:|\[touchpoint-audit\]/.test(line))
        pageErrors.push(line.trim());
    }
  };
  browser.process()?.stderr?.on('data', firefoxSaid);
  browser.process()?.stdout?.on('data', firefoxSaid);
  const launchSeconds = (performance.now() - launchStarted) / 1000;
  step(`Firefox ${await browser.version()} launched in ${launchSeconds.toFixed(1)} s`);

  const id = await browser.installExtension(EXTENSION);
  if (id !== GECKO_ID) throw new Error(`installed as ${id}, expected ${GECKO_ID}`);
  step(`extension installed from ${EXTENSION}`);

  // The walked site in its own window; the panel's page in a tab of the first one.
  const site = await browser.newPage({ type: 'window' });
  await site.goto(demo.url('/brightline/'));
  await siteAt(site, 'Brightline — Home internet');
  const panel = await openExtensionPage(browser, 'sidepanel.html');
  await element(panel, { role: 'button', name: 'New audit' });
  step('side panel page open');

  // A new audit and journey.
  if (
    !(await panel.evaluate(findByRole, { role: 'field', name: 'Audit name', within: 'New audit' }))
  )
    await click(panel, { role: 'button', name: 'New audit' });
  await type(panel, 'New audit', 'Audit name', 'Firefox smoke');
  await type(panel, 'New audit', 'Client', 'Brightline');
  await click(panel, { role: 'button', name: 'Create audit', within: 'New audit' });
  await element(panel, { role: 'button', name: 'New journey' });
  step('audit created');

  if (
    !(await panel.evaluate(findByRole, {
      role: 'field',
      name: 'Brand name',
      within: 'New journey',
    }))
  )
    await click(panel, { role: 'button', name: 'New journey' });
  await type(panel, 'New journey', 'Brand name', 'Brightline Internet');
  await type(panel, 'New journey', 'Brand domain', 'brightline.test');
  await type(panel, 'New journey', 'Persona / segment', 'Student');
  await click(panel, { role: 'button', name: 'Create journey', within: 'New journey' });
  await waitIn(panel, 'the active journey', () =>
    [...document.querySelectorAll('[role=region], section[aria-label]')].some(
      (r) =>
        r.getAttribute('aria-label') === 'Active journey' &&
        r.textContent.includes('Brightline Internet'),
    ),
  );
  step('journey created');

  // Capture page, twice, on the walked site.
  await capture(panel, site, 1);
  step('step 1 captured (home page)');
  const seePlans = await element(site, { role: 'link', name: 'See plans' });
  await seePlans.click();
  await siteAt(site, 'Brightline — Plans');
  await capture(panel, site, 2);
  step('step 2 captured (plans)');

  // Capture an element: picked in the page, rendered from the page (not a crop of a screenshot).
  await site.bringToFront();
  await click(panel, { role: 'button', name: 'Capture an element' });
  await element(panel, {
    role: 'status',
    name: 'Choose an element in the page: click it, or press Esc there to cancel.',
  });
  const heading = await element(site, { role: 'heading', name: 'Home internet plans' });
  await heading.click();
  // Any outcome of step 3 ends the wait; only the render from the page passes.
  const outcome = await waitIn(panel, 'step 3 captured', () =>
    [...document.querySelectorAll('[role=status]')]
      .map((el) => el.textContent.trim())
      .find((text) => text.startsWith('Step 3 captured')),
  );
  const said = await outcome.jsonValue();
  if (said !== 'Step 3 captured: the element, rendered from the page.')
    throw new Error(`the element was not rendered from the page; the panel says: ${said}`);
  step('step 3 captured (an element, rendered from the page)');

  // Each capture is a stored step with a real screenshot, and its thumbnail shows in the panel.
  await waitIn(panel, 'three thumbnails drawn', () => {
    const thumbs = [...document.querySelectorAll('img.thumb')];
    return thumbs.length === 3 && thumbs.every((img) => img.complete && img.naturalWidth > 0);
  });
  const stored = await panel.evaluate(readStored);
  const titles = stored.steps.sort((a, b) => a.seq - b.seq).map((s) => s.title);
  const plans = 'Brightline — Plans';
  if (JSON.stringify(titles) !== JSON.stringify(['Brightline — Home internet', plans, plans]))
    throw new Error(`stored steps: ${JSON.stringify(titles)}`);
  const modes = stored.shots.map((s) => s.mode).join(',');
  if (modes !== 'visible,visible,element') throw new Error(`stored screenshots: ${modes}`);
  if (stored.decoded.length !== 3 || stored.decoded.some((d) => d.width < 100))
    throw new Error(`stored images: ${JSON.stringify(stored.decoded)}`);
  step(
    `stored: 3 steps, 3 screenshots (${stored.decoded.map((d) => `${d.width}×${d.height} ${d.type}`).join(', ')})`,
  );

  // A score.
  const experience = await element(panel, { role: 'button', name: 'Experience 4' });
  await experience.click();
  await waitIn(panel, 'Experience 4 pressed', () =>
    [...document.querySelectorAll('button')].some(
      (b) => b.getAttribute('aria-label') === 'Experience 4' && b.ariaPressed === 'true',
    ),
  );
  step('step 1 scored (experience 4)');

  // The report.
  const report = await openExtensionPage(browser, 'report.html');
  await element(report, { role: 'heading', name: 'Firefox smoke' });
  await waitIn(report, 'both steps in the report', () => {
    const text = document.body.innerText;
    return text.includes('Brightline — Home internet') && text.includes('Brightline — Plans');
  });
  step('report shows the audit and its steps');
  if (process.env.FIREFOX_SMOKE_KEEP) {
    await panel.screenshot({ path: join(held.dir, 'panel.png') });
    await report.screenshot({ path: join(held.dir, 'report.png') });
  }

  // Export HTML: Firefox saves it into the download folder.
  await click(report, { role: 'button', name: 'Export HTML' });
  let saved = null;
  for (;;) {
    const files = existsSync(downloads) ? await readdir(downloads) : [];
    saved = files.find((f) => /^firefox-smoke-\d{4}-\d{2}-\d{2}-report\.html$/.test(f));
    if (saved && !files.some((f) => f.endsWith('.part'))) {
      const html = await readFile(join(downloads, saved), 'utf8');
      if (html.trimEnd().endsWith('</html>')) break;
    }
    if (performance.now() - started > OVERALL_MS) throw new Error('no export saved');
    await new Promise((r) => setTimeout(r, 100));
  }
  const htmlPath = join(downloads, saved);
  const html = await readFile(htmlPath, 'utf8');
  // No script runs in the export: its only script elements are the manifest's two JSON blocks.
  const scripts = html.match(/<script[^>]*>/gi) ?? [];
  const data = scripts.filter((s) =>
    /^<script type="application\/json" id="tpa-(manifest|seal)">$/.test(s),
  );
  if (scripts.length !== 2 || data.length !== 2)
    throw new Error(`the export has ${scripts.length} script elements: ${scripts.join(' ')}`);
  const images = html.match(
    /<image id="img-[0-9a-f]{64}" href="data:image\/(jpeg|webp|png);base64,/g,
  );
  if (images?.length !== 3)
    throw new Error(`the export embeds ${images?.length ?? 0} images, not 3`);
  step(
    `HTML export saved: ${saved} (${(html.length / 1024).toFixed(0)} KiB, ${images.length} images)`,
  );

  // Opened from disk in Firefox: it renders with its steps and images.
  const viewer = await browser.newPage();
  await viewer.goto(pathToFileURL(htmlPath).href);
  await element(viewer, { role: 'heading', name: 'Firefox smoke' });
  await waitIn(viewer, 'both steps and their screenshots placed in the file', () => {
    const text = document.body.innerText;
    const placed = [...document.querySelectorAll('use[href^="#img-"]')];
    return (
      text.includes('Brightline — Home internet') &&
      text.includes('Brightline — Plans') &&
      placed.length >= 3 &&
      placed.every((use) => use.getBoundingClientRect().width > 0)
    );
  });
  // Every embedded image decodes in Firefox under the file's own CSP.
  const decoded = await viewer.evaluate(async () => {
    const sizes = [];
    for (const image of document.querySelectorAll('image[id^="img-"]')) {
      const img = new Image();
      img.src = image.getAttribute('href');
      await img.decode();
      sizes.push(img.naturalWidth);
    }
    return sizes;
  });
  if (decoded.length !== 3 || decoded.some((w) => !(w > 0)))
    throw new Error(`images decoded from the export: ${JSON.stringify(decoded)}`);
  if (process.env.FIREFOX_SMOKE_KEEP)
    await viewer.screenshot({ path: join(held.dir, 'export.png') });
  step('export opened from disk (file://) shows the steps and their screenshots');

  if (pageErrors.length)
    throw new Error(`uncaught errors in extension pages:\n${pageErrors.join('\n')}`);
  step('no uncaught error in any extension page');
  return launchSeconds;
}

try {
  await smoke();
  console.log(`[firefox ${seconds()} s] smoke passed`);
  output.push('===== closing Firefox');
  await cleanUp();
  clearTimeout(overall);
} catch (error) {
  console.error(`[firefox ${seconds()} s] ✗ ${error instanceof Error ? error.stack : error}`);
  if (pageErrors.length) console.error(`Firefox said:\n${pageErrors.join('\n')}`);
  await cleanUp().catch(() => {});
  clearTimeout(overall);
  process.exit(1);
}
