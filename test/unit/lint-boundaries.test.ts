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
  // Components are views: no store, no browser, no capture code, no entrypoints.
  { file: 'components/probe.tsx', code: imports('../lib/browser'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('@/lib/db'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../lib/capture/pacer'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('dexie'), rule: PATHS },
  { file: 'components/probe.tsx', code: imports('../entrypoints/sidepanel/app'), rule: PATHS },
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
    file: 'entrypoints/sidepanel/probe.tsx',
    code: imports(
      './app',
      '../../lib/services',
      '../../lib/db',
      '../../components/shared/messages',
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
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

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
    const rooms = [
      ...fs.readdirSync(path.join(ROOT, 'lib')).map((room) => `lib/${room}`),
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
});
