import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
  'crypto',
  'stream',
  'http',
  'net',
];
const nodeBuiltinPatterns = ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)];

/** Import patterns that reach into each layer (src/<layer>/) from another. */
const layers = Object.fromEntries(
  ['core', 'platform', 'node', 'main', 'preload', 'renderer', 'cli'].map((layer) => [
    layer,
    [`**/${layer}/**`],
  ]),
);
const electron = ['electron', 'electron/*'];
const react = ['react', 'react-dom', 'react-dom/*'];

/**
 * Imports point inward only: main, cli -> node -> platform -> core; renderer -> platform -> core;
 * preload -> platform only. src/node never imports Electron, and the CLI never imports main.
 */
export default tseslint.config(
  {
    ignores: ['node_modules', 'out', 'dist-web', 'test-results', 'playwright-report', 'reports', '.cache'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...layers.renderer,
                ...layers.main,
                ...layers.cli,
                ...layers.preload,
                ...layers.platform,
                ...layers.node,
              ],
              message: 'src/core is the innermost layer: it imports nothing from the app around it.',
            },
            {
              group: ['react', 'react-*', 'electron', 'dexie', 'dexie-*', 'zustand', '@cornerstonejs/*'],
              message: 'src/core stays free of UI, storage and Electron libraries.',
            },
            {
              group: nodeBuiltinPatterns,
              message: 'src/core runs in browsers and workers too: no Node built-ins.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB'],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...layers.renderer,
                ...layers.main,
                ...layers.cli,
                ...layers.preload,
                ...layers.node,
                ...electron,
                'react',
              ],
              message: 'The platform contract depends on core only.',
            },
            {
              group: nodeBuiltinPatterns,
              message:
                'The platform contract is shared with the sandboxed preload and the page: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...layers.main,
                ...layers.renderer,
                ...layers.cli,
                ...layers.preload,
                ...electron,
                ...react,
              ],
              message: 'src/node is shared by the main process and the CLI: Node only, no Electron, no UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: electron,
              message: 'The renderer talks to the host only through the platform bridge.',
            },
            {
              group: nodeBuiltinPatterns,
              message: 'The renderer runs in a sandboxed page: no Node built-ins.',
            },
            {
              group: [...layers.main, ...layers.preload, ...layers.cli, ...layers.node],
              message: 'Imports point inward only: renderer -> platform -> core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layers.renderer, ...layers.preload, ...layers.cli, ...react],
              message: 'Imports point inward only: main -> node -> platform -> core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layers.main, ...layers.renderer, ...layers.preload, ...electron, ...react],
              message:
                'The CLI runs in plain Node: cli -> node -> platform -> core, never the Electron main process.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...layers.main,
                ...layers.node,
                ...layers.core,
                ...layers.renderer,
                ...layers.cli,
                ...react,
              ],
              message: 'The sandboxed preload exposes the platform contract and imports only src/platform.',
            },
            {
              group: nodeBuiltinPatterns,
              message: 'A sandboxed preload has no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
