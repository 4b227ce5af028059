import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexHtmlTransformResult, Plugin, UserConfig } from 'vite';

/** Renderer settings shared by the Electron build and the browser ("web mode"). */
export function rendererConfig(): UserConfig {
  return {
    root: resolve(import.meta.dirname, 'src/renderer'),
    publicDir: resolve(import.meta.dirname, 'resources/public'),
    plugins: [react(), inlineScriptsAsModules()],
    define: { __APP_VERSION__: JSON.stringify(packageVersion()) },
    worker: { format: 'es' },
    // main.tsx awaits the platform bridge at top level.
    build: { target: 'es2022' },
    optimizeDeps: {
      include: [
        'dicom-parser',
        '@cornerstonejs/codec-charls/decodewasmjs',
        '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
        '@cornerstonejs/codec-openjpeg/decodewasmjs',
        '@cornerstonejs/codec-openjph/wasmjs',
        '@cornerstonejs/codec-libjxl/decodewasmjs',
      ],
    },
  };
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * The packaged app loads index.html from file://, where response headers cannot carry the policy, so
 * the built page carries it as a meta tag too (not in dev, where Vite injects inline scripts).
 * frame-ancestors is left out: browsers ignore it in a meta tag and say so in the console.
 */
export function contentSecurityPolicyMeta(
  policy: string,
): Plugin & { transformIndexHtml: () => IndexHtmlTransformResult } {
  const content = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'recist-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content },
        injectTo: 'head-prepend' as const,
      },
    ],
  };
}

const INLINE_MODULE_SCRIPT = /<script type="module">([\s\S]*?)<\/script>/g;
const INLINE_MODULE_ID = '\0recist-inline-script:';

/**
 * The dev server injects inline module scripts into index.html (@vitejs/plugin-react's refresh
 * preamble); the app's policy forbids inline script, so the window would stay white. Serving each
 * as a module of its own keeps `script-src 'self'` in dev exactly as strict as in the build. Module
 * scripts run in document order, so the preamble still runs before the app's entry.
 */
export function inlineScriptsAsModules(): Plugin {
  const scripts: string[] = [];
  return {
    name: 'recist-inline-scripts-as-modules',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(INLINE_MODULE_SCRIPT, (_tag, code: string) => {
          let index = scripts.indexOf(code);
          if (index < 0) index = scripts.push(code) - 1;
          return `<script type="module" src="/@id/__x00__${INLINE_MODULE_ID.slice(1)}${index}"></script>`;
        }),
    },
    resolveId: (id) => (id.startsWith(INLINE_MODULE_ID) ? id : undefined),
    load: (id) =>
      id.startsWith(INLINE_MODULE_ID) ? scripts[Number(id.slice(INLINE_MODULE_ID.length))] : undefined,
  };
}
