import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexHtmlTransformResult, Plugin, UserConfig } from 'vite';

/** Renderer settings shared by the Electron build and the browser ("web mode"). */
export function rendererConfig(): UserConfig {
  return {
    root: resolve(import.meta.dirname, 'src/renderer'),
    publicDir: resolve(import.meta.dirname, 'resources/public'),
    plugins: [react()],
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
