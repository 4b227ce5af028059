import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import type { createDevServerBridge as CreateDevServerBridge } from './src/node/webBridge.ts';
import { rendererConfig } from './vite.shared.ts';

const port = Number(process.env['RECIST_WEB_PORT'] ?? 5173);
const root = import.meta.dirname;

/**
 * Serves the platform bridge over HTTP on the dev server (src/node/webBridge.ts), so web mode can
 * import folders by path like the desktop app. The bridge is loaded with tsx from its sources (not
 * bundled into this config) so its worker threads find their entry module.
 */
function platformBridge(): Plugin {
  return {
    name: 'recist-platform-bridge',
    apply: 'serve',
    async configureServer(server) {
      const { tsImport } = await import('tsx/esm/api');
      const { createDevServerBridge } = (await tsImport(
        resolve(root, 'src/node/webBridge.ts'),
        import.meta.url,
      )) as {
        createDevServerBridge: typeof CreateDevServerBridge;
      };
      const storePath =
        process.env['RECIST_WEB_ALLOWLIST'] ?? resolve(root, '.cache/web-bridge/indexed-files.json');
      const bridge = await createDevServerBridge(storePath);
      server.middlewares.use((req, res, next) => void bridge(req, res, next));
    },
  };
}

export default defineConfig({
  ...rendererConfig(),
  plugins: [...(rendererConfig().plugins ?? []), platformBridge()],
  server: { port, strictPort: true, host: '127.0.0.1', fs: { allow: [root] } },
  preview: { port, strictPort: true, host: '127.0.0.1' },
  build: { outDir: resolve(root, 'dist-web'), emptyOutDir: true },
});
