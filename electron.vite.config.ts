import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './src/main/security.ts';
import { contentSecurityPolicyMeta, rendererConfig } from './vite.shared.ts';

const renderer = rendererConfig();

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          // The header-reading worker thread is its own entry (out/main/headerWorker.js).
          headerWorker: resolve(import.meta.dirname, 'src/node/import/headerWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    plugins: [...(renderer.plugins ?? []), contentSecurityPolicyMeta(CONTENT_SECURITY_POLICY)],
    build: { rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } } },
  },
});
