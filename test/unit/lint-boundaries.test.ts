/**
 * Meta-test: the room boundaries of eslint.config.js hold. Each probe is source text linted as if
 * it lived in a room (a virtual file path; nothing is written), importing through relative paths,
 * the `@/` alias and package names alike. A probe that breaks a rule must be reported by the rule
 * named; an allowed import must lint clean.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PATHS = 'import-x/no-restricted-paths';
const GLOBALS = 'no-restricted-globals';

/** Rooms that run in Node tests: the pure rooms, lib/model and the page controllers. */
const NODE_ROOMS = [
  'lib/model',
  'lib/log',
  'lib/geometry',
  'lib/taxonomy',
  'lib/privacy',
  'lib/i18n',
  'lib/annotate',
  'lib/metrics',
  'lib/bundle',
  'lib/report',
  'lib/controllers',
];
/** Globals that exist only in a page, refused in NODE_ROOMS. */
const PAGE_GLOBALS = [
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'FileReader',
  'createImageBitmap',
  'OffscreenCanvas',
];
/** Entrypoints that are folders: only their main.tsx may import lib/db, lib/browser, lib/services. */
const PAGES = fs
  .readdirSync(path.join(ROOT, 'entrypoints'))
  .filter((entry) => !path.extname(entry));

interface Probe {
  /** Where the text pretends to live, from the repository root. */
  file: string;
  code: string;
  /** The rule that must report it; null: it must lint clean. */
  rule: string | null;
}

/** One import, used so that no-unused-vars stays quiet. */
const imports = (...sources: string[]) =>
  sources.map((source, i) => `import * as m${i} from '${source}';`).join('\n') +
  `\nexport const used = [${sources.map((_, i) => `m${i}`).join(', ')}];\n`;

const VIOLATIONS: Probe[] = [
  // Pure rooms never reach the store, the browser or the UI.
  { file: 'lib/report/probe.ts', code: imports('../db'), rule: PATHS },
  { file: 'lib/report/probe.ts', code: imports('@/lib/db'), rule: PATHS },
  { file: 'lib/report/probe.ts', code: `export * from '../db';\n`, rule: PATHS },
  {
    file: 'lib/report/probe.ts',
    code: `export const load = () => import('../db/schema');\n`,
    rule: PATHS,
  },
  { file: 'lib/metrics/probe.ts', code: imports('wxt/browser'), rule: PATHS },
  { file: 'lib/privacy/probe.ts', code: imports('preact'), rule: PATHS },
  { file: 'lib/bundle/probe.ts', code: imports('dexie'), rule: PATHS },
  { file: 'lib/model/probe.ts', code: imports('../db'), rule: PATHS },
  { file: 'lib/model/probe.ts', code: imports('../metrics'), rule: PATHS },
  // Pure rooms in order: each imports only the rooms below it that it names.
  { file: 'lib/metrics/probe.ts', code: imports('../report/model'), rule: PATHS },
  { file: 'lib/metrics/probe.ts', code: imports('@/lib/i18n'), rule: PATHS },
  { file: 'lib/metrics/probe.ts', code: imports('../annotate'), rule: PATHS },
  { file: 'lib/geometry/probe.ts', code: imports('../taxonomy'), rule: PATHS },
  { file: 'lib/taxonomy/probe.ts', code: imports('../geometry'), rule: PATHS },
  { file: 'lib/taxonomy/probe.ts', code: imports('../i18n'), rule: PATHS },
  { file: 'lib/i18n/probe.ts', code: imports('../report/words'), rule: PATHS },
  { file: 'lib/report/probe.ts', code: imports('../bundle'), rule: PATHS },
  { file: 'lib/report/probe.ts', code: imports('fflate'), rule: PATHS },
  { file: 'lib/report/probe.ts', code: imports('../controllers/shell'), rule: PATHS },
  // lib/log imports nothing of lib/.
  { file: 'lib/log/probe.ts', code: imports('../model'), rule: PATHS },
  { file: 'lib/log/probe.ts', code: imports('../i18n'), rule: PATHS },
  // Pure rooms and controllers run in Node: no page globals, one probe per global.
  {
    file: 'lib/report/probe.ts',
    code: `export const title = () => document.title;\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/metrics/probe.ts',
    code: `export const w = () => window.innerWidth;\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/taxonomy/probe.ts',
    code: `export const language = () => navigator.language;\n`,
    rule: GLOBALS,
  },
  { file: 'lib/i18n/probe.ts', code: `export const here = () => location.href;\n`, rule: GLOBALS },
  {
    file: 'lib/privacy/probe.ts',
    code: `export const saved = () => localStorage.getItem('identity');\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/geometry/probe.ts',
    code: `export const size = () => sessionStorage.length;\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/annotate/probe.ts',
    code: `export const read = () => new FileReader();\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/controllers/probe.ts',
    code: `export const decode = (blob: Blob) => createImageBitmap(blob);\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/controllers/probe.ts',
    code: `export const canvas = () => new OffscreenCanvas(1, 1);\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/controllers/probe.ts',
    code: `export const w = () => window.innerWidth;\n`,
    rule: GLOBALS,
  },
  {
    file: 'lib/model/probe.ts',
    code: `export const title = () => document.title;\n`,
    rule: GLOBALS,
  },
  { file: 'lib/log/probe.ts', code: `export const here = () => location.href;\n`, rule: GLOBALS },
  {
    file: 'lib/bundle/probe.ts',
    code: `export const ua = () => navigator.userAgent;\n`,
    rule: GLOBALS,
  },
  // Page controllers: adapters are injected, so no browser, services, capture code or DOM packages.
  { file: 'lib/controllers/probe.ts', code: imports('../browser'), rule: PATHS },
  { file: 'lib/controllers/probe.ts', code: imports('@/lib/services'), rule: PATHS },
  { file: 'lib/controllers/probe.ts', code: imports('../capture'), rule: PATHS },
  { file: 'lib/controllers/probe.ts', code: imports('wxt/browser'), rule: PATHS },
  { file: 'lib/controllers/probe.ts', code: imports('dexie'), rule: PATHS },
  { file: 'lib/controllers/probe.ts', code: imports('preact'), rule: PATHS },
  {
    file: 'lib/controllers/probe.ts',
    code: imports('../../components/shared/messages'),
    rule: PATHS,
  },
  { file: 'lib/controllers/probe.ts', code: imports('../../entrypoints/method/main'), rule: PATHS },
  // Components are views: no store, no browser, no capture code, no entrypoints.
  { file: 'components/probe.tsx', code: imports('../lib/browser'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('@/lib/db'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../lib/capture/pacer'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('dexie'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../entrypoints/sidepanel/app'), rule: PATHS },
  // …and the only packages they use are preact and preact-render-to-string.
  { file: 'components/probe.tsx', code: imports('zod'), rule: PATHS },
  { file: 'components/panel/probe.tsx', code: imports('fflate'), rule: PATHS },
  { file: 'components/report/probe.tsx', code: imports('pptxgenjs'), rule: PATHS },
  { file: 'components/annotate/probe.tsx', code: imports('html2canvas-pro'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../lib/services'), rule: PATHS },
  // lib/browser, lib/db, lib/capture and lib/services stay in their lanes.
  { file: 'lib/browser/probe.ts', code: imports('../capture'), rule: PATHS },
  { file: 'lib/browser/probe.ts', code: imports('../db'), rule: PATHS },
  { file: 'lib/db/probe.ts', code: imports('../capture'), rule: PATHS },
  { file: 'lib/capture/probe.ts', code: imports('../browser'), rule: PATHS },
  { file: 'lib/capture/probe.ts', code: imports('wxt/browser'), rule: PATHS },
  { file: 'lib/services/probe.ts', code: imports('../../components/shared/messages'), rule: PATHS },
  { file: 'lib/services/probe.ts', code: imports('../../entrypoints/data/main'), rule: PATHS },
  // An entrypoint never imports another one, nor extension APIs past lib/browser.
  { file: 'entrypoints/sidepanel/probe.tsx', code: imports('../report/report-page'), rule: PATHS },
  { file: 'entrypoints/options/probe.tsx', code: imports('../background'), rule: PATHS },
  { file: 'entrypoints/element-capture.ts', code: imports('./sidepanel/app'), rule: PATHS },
  { file: 'entrypoints/data/probe.tsx', code: imports('@/entrypoints/annotate/main'), rule: PATHS },
  { file: 'entrypoints/report/probe.tsx', code: imports('wxt/browser'), rule: PATHS },
  // In a page's folder only main.tsx (the composition root) reaches the store, browser, services.
  { file: 'entrypoints/method/method-page.tsx', code: imports('../../lib/db'), rule: PATHS },
  { file: 'entrypoints/sidepanel/app.tsx', code: imports('@/lib/browser'), rule: PATHS },
  { file: 'entrypoints/report/report-page.tsx', code: imports('../../lib/services'), rule: PATHS },
  { file: 'entrypoints/sidepanel/use-probe.ts', code: imports('../../lib/db/schema'), rule: PATHS },
  { file: 'entrypoints/options/probe.tsx', code: imports('zod'), rule: PATHS },
  { file: 'entrypoints/data/probe.tsx', code: imports('../annotate/annotate-page'), rule: PATHS },
  // Production code never imports tests.
  { file: 'lib/services/probe.ts', code: imports('../../test/e2e/pages'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../test/unit/helpers'), rule: PATHS },
  { file: 'entrypoints/report/probe.tsx', code: imports('@/test/e2e/stored'), rule: PATHS },
  { file: 'lib/taxonomy/probe.ts', code: imports('../../test/unit/helpers'), rule: PATHS },
  // An import the resolver cannot place would escape the zones, so it fails on its own.
  { file: 'lib/report/probe.ts', code: imports('../nowhere'), rule: 'import-x/no-unresolved' },
  // Page content is data, never HTML.
  {
    file: 'components/probe.tsx',
    code: `export const show = (el: HTMLElement, html: string) => { el.innerHTML = html; };\n`,
    rule: 'no-unsanitized/property',
  },
  {
    file: 'components/probe.tsx',
    code: `export const add = (el: HTMLElement, html: string) => el.insertAdjacentHTML('beforeend', html);\n`,
    rule: 'no-unsanitized/method',
  },
  {
    file: 'lib/capture/probe.ts',
    code: `export const write = (html: string) => document.write(html);\n`,
    rule: 'no-unsanitized/method',
  },
  // The background is a service worker.
  {
    file: 'entrypoints/background.ts',
    code: `export const width = () => window.innerWidth;\n`,
    rule: 'no-restricted-globals',
  },
  {
    file: 'lib/services/background.ts',
    code: `export const title = () => document.title;\n`,
    rule: 'no-restricted-globals',
  },
  {
    file: 'lib/services/background.ts',
    code: `export const width = () => globalThis.window.innerWidth;\n`,
    rule: 'no-restricted-properties',
  },
];

const ALLOWED: Probe[] = [
  {
    file: 'lib/report/probe.ts',
    code: imports('../model', '../metrics', '@/lib/i18n', 'zod'),
    rule: null,
  },
  { file: 'lib/bundle/probe.ts', code: imports('../model', 'fflate'), rule: null },
  { file: 'lib/model/probe.ts', code: imports('./image-info', 'zod'), rule: null },
  {
    file: 'components/probe.tsx',
    code: imports(
      '../lib/model',
      '../lib/db/errors',
      '../lib/capture/errors',
      './shared/messages',
      'preact/hooks',
    ),
    rule: null,
  },
  {
    file: 'entrypoints/sidepanel/main.tsx',
    code: imports(
      './app',
      '../../lib/services',
      '../../lib/db',
      '../../lib/browser',
      '../../components/shared/messages',
    ),
    rule: null,
  },
  // Pure rooms import the rooms below them that they name.
  {
    file: 'lib/report/probe.ts',
    code: imports(
      '../model',
      '../taxonomy',
      '../geometry',
      '../privacy',
      '../i18n',
      '../annotate',
      '../metrics',
      'pptxgenjs',
    ),
    rule: null,
  },
  { file: 'lib/geometry/probe.ts', code: imports('../model', 'zod'), rule: null },
  { file: 'lib/taxonomy/probe.ts', code: imports('@/lib/model'), rule: null },
  {
    file: 'lib/metrics/probe.ts',
    code: imports('../model', '../taxonomy', '../geometry'),
    rule: null,
  },
  { file: 'lib/i18n/probe.ts', code: imports('../model', '../taxonomy'), rule: null },
  // lib/log: no imports, and the console is its job.
  {
    file: 'lib/log/probe.ts',
    code: `export const log = (where: string, error: unknown) => console.error(where, error);\n`,
    rule: null,
  },
  // Controllers: pure rooms, the model, the store's types and the capture error classes.
  {
    file: 'lib/controllers/probe.ts',
    code: imports(
      '../model',
      '../db',
      '../capture/errors',
      '../i18n',
      '../metrics',
      '../report/model',
      '../bundle',
      './live',
      'zod',
    ),
    rule: null,
  },
  {
    file: 'lib/controllers/probe.ts',
    code: `export const later = (now: () => number) => now() + 1000;\n`,
    rule: null,
  },
  // Page globals stay allowed where a page runs: views and capture code.
  {
    file: 'lib/capture/probe.ts',
    code: `export const title = () => document.title;\n`,
    rule: null,
  },
  {
    file: 'components/probe.tsx',
    code: `export const title = () => document.title;\n`,
    rule: null,
  },
  // Views use preact and its renderer.
  {
    file: 'components/report/probe.tsx',
    code: imports('preact', 'preact/hooks', 'preact-render-to-string', '../../lib/report/words'),
    rule: null,
  },
  // A page's main.tsx is its composition root; its views take the controller.
  {
    file: 'entrypoints/method/main.tsx',
    code: imports(
      '../../lib/db',
      '../../lib/browser',
      '../../lib/services',
      '../../lib/controllers/method',
      './method-page',
    ),
    rule: null,
  },
  {
    file: 'entrypoints/method/method-page.tsx',
    code: imports(
      '../../lib/controllers/method',
      '../../lib/model',
      '../../components/shared/page-shell',
      'preact/hooks',
    ),
    rule: null,
  },
  { file: 'lib/services/probe.ts', code: imports('../db', '../browser', '../capture'), rule: null },
  { file: 'lib/browser/probe.ts', code: imports('wxt/browser', '../model'), rule: null },
  { file: 'lib/db/probe.ts', code: imports('dexie', '../model', '../taxonomy'), rule: null },
  {
    file: 'test/unit/probe.ts',
    code: imports('../../lib/db', 'dexie', '../e2e/pages'),
    rule: null,
  },
  {
    file: 'components/probe.tsx',
    code: `export const show = (el: HTMLElement, text: string) => { el.textContent = text; };\n`,
    rule: null,
  },
];

let eslint: ESLint;
// ESLint loads the config, the TypeScript parser and the import resolver on the first lint; that
// can take longer than a test's timeout on a busy machine, so it is done once here.
beforeAll(async () => {
  eslint = new ESLint({ cwd: ROOT });
  await eslint.lintText(imports('zod', '../log'), {
    filePath: path.join(ROOT, 'lib/model/warm-up.ts'),
  });
}, 60_000);

async function lint(probe: Probe) {
  const [result] = await eslint.lintText(probe.code, { filePath: path.join(ROOT, probe.file) });
  return result!.messages;
}

describe('lint boundaries', () => {
  it.each(
    VIOLATIONS.map((probe) => [`${probe.file}: ${probe.code.split('\n')[0]}`, probe] as const),
  )('reports %s', async (_, probe) => {
    const messages = await lint(probe);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.map((m) => m.ruleId)).toContain(probe.rule);
  });

  it.each(ALLOWED.map((probe) => [`${probe.file}: ${probe.code.split('\n')[0]}`, probe] as const))(
    'allows %s',
    async (_, probe) => {
      expect(await lint(probe)).toEqual([]);
    },
  );

  it('gives every lib/ folder and every entrypoint a room', async () => {
    const libRooms = fs.readdirSync(path.join(ROOT, 'lib')).map((room) => `lib/${room}`);
    expect(libRooms).toEqual(expect.arrayContaining(['lib/controllers', 'lib/log']));
    const rooms = [
      ...libRooms,
      ...fs.readdirSync(path.join(ROOT, 'entrypoints')).map((entry) => `entrypoints/${entry}`),
      'components',
    ];
    for (const room of rooms) {
      const file = path.extname(room) ? room : `${room}/probe.ts`;
      const config = await eslint.calculateConfigForFile(path.join(ROOT, file));
      const [, options] = config.rules[PATHS] as [unknown, { zones: { target: string }[] }];
      expect(
        options.zones.map((zone) => zone.target),
        room,
      ).toContain(room);
    }
  });

  it('makes the files of each page folder but main.tsx views', async () => {
    expect(PAGES.length).toBeGreaterThan(0);
    for (const page of PAGES) {
      const config = await eslint.calculateConfigForFile(
        path.join(ROOT, `entrypoints/${page}/view.tsx`),
      );
      const [, options] = config.rules[PATHS] as [unknown, { zones: { target: string }[] }];
      expect(
        options.zones.map((zone) => zone.target),
        page,
      ).toContain(`entrypoints/${page}/!(main).{ts,tsx}`);
    }
  });

  it('refuses every page global in every room that runs in Node', async () => {
    for (const room of NODE_ROOMS) {
      const config = await eslint.calculateConfigForFile(path.join(ROOT, `${room}/probe.ts`));
      const [severity, ...entries] = (config.rules[GLOBALS] ?? []) as [unknown, ...unknown[]];
      expect(severity, room).toBe(2);
      const names = (entries as { name: string }[]).map((entry) => entry.name);
      expect(names.sort(), room).toEqual([...PAGE_GLOBALS].sort());
    }
  });
});
