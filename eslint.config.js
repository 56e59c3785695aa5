// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries between the rooms (../shared/STYLE.md): each imports only from rooms below it. */
const APP = {
  regex: '(^|/)(components|entrypoints|test)/',
  message: 'Libraries never import app or test code.',
};
const DB = { regex: '(^|/)lib/db(/index)?$|^dexie$', message: 'Only lib/db touches IndexedDB.' };
const BROWSER = {
  regex: '(^|/)lib/browser(/|$)|^wxt/',
  message: 'Only lib/browser touches extension APIs.',
};
const CAPTURE = {
  regex: '(^|/)lib/capture(/index|/encode)?$',
  message: 'Capture runs in entrypoints.',
};
const UI = { regex: '^preact(/|$)|(^|/)components/', message: 'No UI here.' };
const restrict = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

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
  restrict(
    [
      'lib/model/**',
      'lib/taxonomy/**',
      'lib/metrics/**',
      'lib/report/**',
      'lib/i18n/**',
      'lib/annotate/**',
      'lib/privacy/**',
      'lib/bundle/**',
    ],
    [APP, DB, BROWSER, CAPTURE, UI],
  ),
  restrict(['lib/db/**', 'lib/capture/**'], [APP, BROWSER, UI]),
  restrict(['lib/browser/**'], [APP, DB, CAPTURE, UI]),
  restrict(['lib/services/**'], [APP, UI]),
  restrict(
    ['components/**'],
    [
      DB,
      BROWSER,
      CAPTURE,
      {
        regex: '(^|/)(entrypoints|test)/',
        message: 'Components never import entrypoints or tests.',
      },
    ],
  ),
  restrict(
    ['entrypoints/**'],
    [{ regex: '(^|/)test/', message: 'Production code never imports test code.' }],
  ),
  restrict(
    ['entrypoints/background.ts'],
    [UI, { regex: '(^|/)test/', message: 'Production code never imports test code.' }],
  ),
);
