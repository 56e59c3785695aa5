// @ts-check
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
/** An absolute glob: import-x/no-restricted-paths matches resolved files, so `../db` and `@/lib/db` alike. */
const abs = (/** @type {string} */ glob) => path.join(ROOT, glob);
const pkg = (/** @type {string} */ name) => abs(`node_modules/${name}/**`);

/** Pure rooms: no DOM, no extension globals, no Dexie; they run in Node tests. */
const PURE = [
  'lib/taxonomy',
  'lib/i18n',
  'lib/metrics',
  'lib/report',
  'lib/annotate',
  'lib/privacy',
  'lib/bundle',
  'lib/geometry',
];

/**
 * @typedef {object} Room
 * @property {string[]} rooms folders or file globs (from the repository root) it may import; its own files always
 * @property {string[]} [packages] the only npm packages it may import (allow-list)
 * @property {string[]} [notPackages] npm packages it must not import (deny-list; others are allowed)
 * @property {string} why what the room is, for the lint message
 */

/**
 * Rooms and what each may import (../shared/STYLE.md, README "How it is built"). Everything not
 * listed is refused, test/ included: production code never imports tests. Keyed by folder (or
 * file) relative to the repository root; test/unit/lint-boundaries.test.ts checks that every
 * folder of lib/ and every entrypoint has a room and that violating imports fail lint.
 * @type {Record<string, Room>}
 */
export const ROOMS = {
  'lib/model': { rooms: [], packages: ['zod'], why: 'lib/model is zod schemas only.' },
  ...Object.fromEntries(
    PURE.map((room) => [
      room,
      {
        rooms: ['lib/model', ...PURE],
        packages: ['zod', 'fflate'],
        why: `${room} is pure (no DOM, extension APIs or Dexie): it may import lib/model, other pure rooms, zod and fflate.`,
      },
    ]),
  ),
  'lib/db': {
    rooms: ['lib/model', 'lib/taxonomy'],
    notPackages: ['wxt', '@wxt-dev', 'preact', 'preact-render-to-string', 'html2canvas-pro'],
    why: 'lib/db is Dexie over lib/model (and lib/taxonomy) only.',
  },
  // Capture returns records and never touches the store: only lib/db's error classes.
  'lib/capture': {
    rooms: ['lib/model', 'lib/taxonomy', 'lib/geometry', 'lib/db/errors.*'],
    notPackages: ['dexie', 'wxt', '@wxt-dev', 'preact', 'preact-render-to-string'],
    why: 'lib/capture may import lib/model, lib/taxonomy, lib/geometry and the error classes of lib/db; the store and extension APIs come through lib/services.',
  },
  'lib/browser': {
    rooms: ['lib/model', 'lib/taxonomy'],
    notPackages: ['dexie', 'preact', 'preact-render-to-string', 'html2canvas-pro'],
    why: 'lib/browser (the only code touching extension APIs) may import lib/model and lib/taxonomy.',
  },
  'lib/services': {
    rooms: ['lib'],
    notPackages: ['dexie', 'wxt', '@wxt-dev', 'preact', 'preact-render-to-string'],
    why: 'lib/services wires lib/ rooms; never components, entrypoints, Dexie or extension APIs directly.',
  },
  components: {
    rooms: [
      'lib/model',
      'lib/i18n',
      'lib/taxonomy',
      'lib/privacy',
      'lib/metrics',
      'lib/report',
      'lib/annotate',
      'lib/geometry',
      'lib/bundle/errors.*',
      'lib/bundle/format.*',
      'lib/capture/errors.*',
      'lib/db/errors.*',
    ],
    notPackages: ['dexie', 'wxt', '@wxt-dev', 'html2canvas-pro'],
    why: 'components are views: types and pure helpers from lib/ (model, i18n, taxonomy, privacy, metrics, report, annotate, geometry) and the error classes of bundle, capture and db.',
  },
  ...Object.fromEntries(
    fs.readdirSync(abs('entrypoints')).map((entry) => [
      `entrypoints/${entry}`,
      {
        rooms: ['lib', 'components'],
        notPackages: ['dexie', 'wxt/dist/browser.*', '@wxt-dev/browser'],
        why: 'Entrypoints may import lib/ and components/, never another entrypoint; Dexie and extension APIs come through lib/.',
      },
    ]),
  ),
};

/** import-x/no-restricted-paths zones for one room: an allow-list of repository files, then npm packages. */
function zones(/** @type {string} */ room, /** @type {Room} */ spec) {
  const inRepo = (/** @type {string} */ glob) => abs(glob.includes('*') ? glob : `${glob}/**`);
  // Exceptions must be globs; a single-file entrypoint has no other files of its own.
  const mine = path.extname(room) ? [] : [inRepo(room)];
  const result = [
    {
      target: room,
      from: [abs('**')],
      except: [...new Set([...mine, ...spec.rooms.map(inRepo)]), abs('node_modules/**')],
      message: `${spec.why} Production code never imports test/.`,
    },
  ];
  if (spec.packages) {
    result.push({
      target: room,
      from: [abs('node_modules/**')],
      except: spec.packages.map(pkg),
      message: spec.why,
    });
  }
  if (spec.notPackages) {
    result.push({
      target: room,
      from: spec.notPackages.map((name) =>
        name.includes('*') ? abs(`node_modules/${name}`) : pkg(name),
      ),
      except: [],
      message: spec.why,
    });
  }
  return result;
}

const SERVICE_WORKER = ['entrypoints/background.ts', 'lib/services/background.ts'];
const NO_DOM_IN_WORKER = 'The background is a service worker: there is no window or document.';

export default tseslint.config(
  {
    ignores: [
      '.output/',
      '.output-*/',
      '.wxt/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        Blob: 'readonly',
        File: 'readonly',
        FileReader: 'readonly',
        crypto: 'readonly',
        process: 'readonly',
        TextEncoder: 'readonly',
        atob: 'readonly',
        btoa: 'readonly',
        DOMException: 'readonly',
        createImageBitmap: 'readonly',
        OffscreenCanvas: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Page content is data, never HTML.',
        },
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'Page content is data, never HTML.',
        },
      ],
    },
  },
  {
    files: ['entrypoints/**', 'components/**', 'lib/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: abs('tsconfig.json'), alwaysTryTypes: true }),
      ],
    },
    rules: {
      // An import the resolver cannot place would slip past the room zones, so it fails lint.
      'import-x/no-unresolved': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: ROOT,
          zones: Object.entries(ROOMS).flatMap(([room, spec]) => zones(room, spec)),
        },
      ],
    },
  },
  {
    files: SERVICE_WORKER,
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'sessionStorage'].map((name) => ({
          name,
          message: NO_DOM_IN_WORKER,
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...['globalThis', 'self'].map((object) => ({
          object,
          property: 'window',
          message: NO_DOM_IN_WORKER,
        })),
      ],
    },
  },
);
