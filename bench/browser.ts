/**
 * What the browser benches share: a dev-only harness page built for production (a temporary
 * `vite build` with the harness as its only input, served by `vite preview`), and headless Chromium
 * launched as the end-to-end tests launch it.
 */
import { chromium, type Browser } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type Connect } from 'vite';
import { chromiumLaunchOptions } from '../test/chromium';

const ROOT = process.cwd();

/**
 * Builds src/renderer/harness/<name>.html and serves it; `query` is appended to its URL. `middleware`
 * (e.g. the web bridge, to serve DICOM files as `npm run web` does) is mounted on the same server.
 */
export async function serveHarness(
  name: string,
  query = '',
  middleware?: Connect.NextHandleFunction,
): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), `recist-bench-${name}-`));
  const configFile = resolve(ROOT, 'vite.web.config.ts');
  await build({
    configFile,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: { input: { [name]: resolve(ROOT, `src/renderer/harness/${name}.html`) } },
    },
  });
  const server = await preview({
    configFile,
    logLevel: 'error',
    build: { outDir },
    preview: { port: Number(process.env['RECIST_BENCH_PORT'] ?? 5399), strictPort: false },
    plugins: middleware
      ? [
          {
            name: 'recist-bench-middleware',
            configurePreviewServer(server) {
              server.middlewares.use(middleware);
            },
          },
        ]
      : [],
  });
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('vite preview did not report a URL');
  return {
    url: new URL(`harness/${name}.html${query}`, base).href,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const percentile = (values: readonly number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export const verdict = (ok: boolean) => (ok ? 'OK  ' : 'MISS');
