/**
 * Loads the renderer in Chromium the way Electron serves it, since no Electron window can open
 * here: every response carries the policy the main process puts on every response
 * (src/main/security.ts, through onHeadersReceived), from electron-vite's dev server (`npm run dev`)
 * or from the built out/renderer (`npm start`; its meta tag included).
 */
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Plugin, ViteDevServer } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/security';

const ROOT = process.cwd();
export const BUILT_RENDERER = resolve(ROOT, 'out/renderer');

export interface ServedRenderer {
  readonly url: string;
  close(): Promise<void>;
}

/** `npm run dev`'s renderer: electron-vite's own config and Vite server, as `electron-vite dev` starts it. */
export async function startDevRenderer(): Promise<ServedRenderer> {
  const { resolveConfig } = await import('electron-vite');
  const { createServer: createViteServer, mergeConfig } = await import('vite');
  process.env['NODE_ENV_ELECTRON_VITE'] = 'development';
  const resolved = await resolveConfig({ root: ROOT, logLevel: 'error' }, 'serve', 'development');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
  // What main's onHeadersReceived does in Electron: the policy on every response, set before Vite answers.
  const desktopPolicy: Plugin = {
    name: 'test-desktop-policy',
    configureServer(server: ViteDevServer) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        next();
      });
    },
  };
  const server = await createViteServer(
    mergeConfig(renderer, {
      server: { port: 0, strictPort: false, host: '127.0.0.1' },
      plugins: [desktopPolicy],
    }),
  );
  await server.listen();
  const { port } = server.httpServer!.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/** Builds the app as `npm start` does (electron-vite build), so the test sees today's sources. */
export async function buildRenderer(): Promise<void> {
  await promisify(execFile)('npx', ['electron-vite', 'build', '--logLevel', 'error'], { cwd: ROOT });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves the built files with the packaged app's policy (no dev server: the strict policy). */
export async function serveBuiltRenderer(): Promise<ServedRenderer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://renderer').pathname;
    const file = normalize(join(BUILT_RENDERER, path === '/' ? 'index.html' : decodeURIComponent(path)));
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    if (!file.startsWith(BUILT_RENDERER)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/**
 * Everything the policy blocked, in the page and in its workers: `securitypolicyviolation` events
 * of the document, and Chromium's console report (which is how a worker's violation surfaces).
 */
export async function collectPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text()))
        fromConsole.push(`worker: ${message.text()}`);
    }),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __policyViolations: string[] }).__policyViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      ),
    );
  });
  return async () => [
    ...(await page.evaluate(
      () => (window as unknown as { __policyViolations?: string[] }).__policyViolations ?? [],
    )),
    ...fromConsole,
  ];
}
