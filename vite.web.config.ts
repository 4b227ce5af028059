import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared.ts';

const port = Number(process.env['RECIST_WEB_PORT'] ?? 5173);

export default defineConfig({
  ...rendererConfig(),
  server: { port, strictPort: true, host: '127.0.0.1', fs: { allow: [resolve(import.meta.dirname)] } },
  preview: { port, strictPort: true, host: '127.0.0.1' },
  build: { outDir: resolve(import.meta.dirname, 'dist-web'), emptyOutDir: true },
});
