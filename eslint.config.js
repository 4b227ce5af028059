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

/** Imports point inward only: renderer, main, cli -> platform -> core. */
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
              group: ['**/renderer/**', '**/main/**', '**/cli/**', '**/preload/**', '**/platform/**'],
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
              group: ['**/renderer/**', '**/main/**', '**/cli/**', '**/preload/**', 'electron', 'react'],
              message: 'The platform contract depends on core only.',
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
              group: ['electron', 'electron/*'],
              message: 'The renderer talks to the host only through the platform bridge.',
            },
            {
              group: nodeBuiltinPatterns,
              message: 'The renderer runs in a sandboxed page: no Node built-ins.',
            },
            { group: ['**/main/**', '**/preload/**', '**/cli/**'], message: 'Imports point inward only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/renderer/**', 'react', 'react-dom'], message: 'Imports point inward only.' },
          ],
        },
      ],
    },
  },
);
