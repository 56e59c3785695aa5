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

/**
 * Pure rooms, in order: each may import only the rooms before it that it names (no upward or
 * sideways import), zod, and the packages listed. No DOM, no extension APIs, no Dexie: they run
 * in Node tests (the DOM globals are refused below too).
 * @type {Record<string, { rooms: string[], packages?: string[] }>}
 */
const PURE = {
  'lib/log': { rooms: [] },
  'lib/geometry': { rooms: ['lib/model'] },
  'lib/taxonomy': { rooms: ['lib/model'] },
  'lib/privacy': { rooms: ['lib/model'] },
  'lib/i18n': { rooms: ['lib/model', 'lib/taxonomy'] },
  'lib/annotate': { rooms: ['lib/model', 'lib/geometry'] },
  'lib/metrics': { rooms: ['lib/model', 'lib/taxonomy', 'lib/geometry'] },
  'lib/bundle': { rooms: ['lib/model', 'lib/taxonomy'], packages: ['fflate'] },
  'lib/report': {
    rooms: [
      'lib/model',
      'lib/taxonomy',
      'lib/geometry',
      'lib/privacy',
      'lib/i18n',
      'lib/annotate',
      'lib/metrics',
    ],
    packages: ['pptxgenjs'],
  },
};
const PURE_ROOMS = Object.keys(PURE);

/** What a view may use of lib/: pure rooms, the controllers' types, and error classes. */
const VIEW_ROOMS = [
  'lib/model',
  'lib/log',
  'lib/geometry',
  'lib/taxonomy',
  'lib/privacy',
  'lib/i18n',
  'lib/annotate',
  'lib/metrics',
  'lib/report',
  'lib/controllers',
  'lib/bundle/errors.*',
  'lib/bundle/format.*',
  'lib/capture/errors.*',
  'lib/db/errors.*',
];
/** The only packages a view may import. */
const VIEW_PACKAGES = ['preact', 'preact-render-to-string'];

/**
 * @typedef {object} Room
 * @property {string[]} rooms folders or file globs (from the repository root) it may import; its own files always
 * @property {string[]} [packages] the only npm packages it may import (allow-list)
 * @property {string[]} [notPackages] npm packages it must not import (deny-list; others are allowed)
 * @property {string} why what the room is, for the lint message
 */

/**
 * Rooms and what each may import (docs/architecture.md). Everything not listed is refused,
 * test/ included: production code never imports tests. Keyed by folder (or file glob) relative
 * to the repository root; test/unit/lint-boundaries.test.ts checks that every folder of lib/ and
 * every entrypoint has a room and that violating imports fail lint.
 * @type {Record<string, Room>}
 */
export const ROOMS = {
  'lib/model': { rooms: [], packages: ['zod'], why: 'lib/model is zod schemas only.' },
  ...Object.fromEntries(
    Object.entries(PURE).map(([room, spec]) => [
      room,
      {
        rooms: spec.rooms,
        packages: ['zod', ...(spec.packages ?? [])],
        why: `${room} is pure (no DOM, extension APIs or Dexie) and may import only ${spec.rooms.join(', ') || 'nothing of lib/'}${spec.packages ? ` and ${spec.packages.join(', ')}` : ''} (the rooms below it in docs/architecture.md).`,
      },
    ]),
  ),
  'lib/db': {
    rooms: ['lib/model', 'lib/taxonomy', 'lib/log'],
    notPackages: ['wxt', '@wxt-dev', 'preact', 'preact-render-to-string', 'html2canvas-pro'],
    why: 'lib/db is Dexie over lib/model (and lib/taxonomy) only.',
  },
  // Capture returns records and never touches the store: only lib/db's error classes.
  'lib/capture': {
    rooms: ['lib/model', 'lib/taxonomy', 'lib/geometry', 'lib/log', 'lib/db/errors.*'],
    notPackages: ['dexie', 'wxt', '@wxt-dev', 'preact', 'preact-render-to-string'],
    why: 'lib/capture may import lib/model, lib/taxonomy, lib/geometry and the error classes of lib/db; the store and extension APIs come through lib/services.',
  },
  'lib/browser': {
    rooms: ['lib/model', 'lib/taxonomy', 'lib/log'],
    notPackages: ['dexie', 'preact', 'preact-render-to-string', 'html2canvas-pro'],
    why: 'lib/browser (the only code touching extension APIs) may import lib/model and lib/taxonomy.',
  },
  'lib/services': {
    rooms: ['lib'],
    notPackages: ['dexie', 'wxt', '@wxt-dev', 'preact', 'preact-render-to-string'],
    why: 'lib/services wires lib/ rooms; never components, entrypoints, Dexie or extension APIs directly.',
  },
  // Page controllers: plain objects over injected adapters, unit-tested in Node.
  'lib/controllers': {
    rooms: [...PURE_ROOMS, 'lib/model', 'lib/db', 'lib/capture/errors.*'],
    packages: ['zod'],
    why: 'lib/controllers are page controllers over injected adapters: pure rooms and lib/db; capture, files and the browser are interfaces that main.tsx fills (lib/services wires them), so no lib/browser, lib/services or DOM.',
  },
  components: {
    rooms: VIEW_ROOMS,
    packages: VIEW_PACKAGES,
    why: "components are views (props in, callbacks out): pure rooms of lib/, the controllers' types, the error classes of bundle, capture and db, and only preact.",
  },
  ...Object.fromEntries(
    fs.readdirSync(abs('entrypoints')).flatMap((entry) => {
      const isFolder = !path.extname(entry);
      const rooms = {
        [`entrypoints/${entry}`]: {
          rooms: ['lib', 'components'],
          notPackages: ['dexie', 'wxt/dist/browser.*', '@wxt-dev/browser'],
          why: 'Entrypoints may import lib/ and components/, never another entrypoint; Dexie and extension APIs come through lib/.',
        },
      };
      if (!isFolder) return Object.entries(rooms);
      // A page's views (every file but main.tsx) are views: the store and browser come through the controller.
      rooms[`entrypoints/${entry}/!(main).{ts,tsx}`] = {
        rooms: [`entrypoints/${entry}`, ...VIEW_ROOMS, 'components'],
        packages: VIEW_PACKAGES,
        why: `Only entrypoints/${entry}/main.tsx (the composition root) may import lib/db, lib/browser or lib/services; the page's views get { state, actions, t } from its controller (lib/controllers).`,
      };
      return Object.entries(rooms);
    }),
  ),
};

/** import-x/no-restricted-paths zones for one room: an allow-list of repository files, then npm packages. */
function zones(/** @type {string} */ room, /** @type {Room} */ spec) {
  const inRepo = (/** @type {string} */ glob) => abs(glob.includes('*') ? glob : `${glob}/**`);
  // Exceptions must be globs; a single-file entrypoint has no other files of its own.
  const mine = path.extname(room) || room.includes('*') ? [] : [inRepo(room)];
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

/** Globals that exist only in a page: pure rooms and controllers run in Node and never touch them. */
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
const NODE_ROOMS = [...PURE_ROOMS, 'lib/model', 'lib/controllers'].map((room) => `${room}/**`);

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
      'test-results-*/',
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
    files: NODE_ROOMS,
    rules: {
      'no-restricted-globals': [
        'error',
        ...PAGE_GLOBALS.map((name) => ({
          name,
          message:
            'Pure rooms and controllers run in Node tests: no DOM; take what you need as an argument.',
        })),
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
