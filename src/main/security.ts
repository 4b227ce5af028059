import type { CustomScheme, WebContents, WebPreferences } from 'electron';
import { DICOM_SCHEME } from '../platform/urls';

export { DICOM_SCHEME };

/**
 * What the image loader needs from the scheme: a standard, secure origin that fetch/XHR may read
 * (supportFetchAPI, corsEnabled) with streamed bodies. Nothing more (no service workers, no
 * CSP bypass).
 */
export const DICOM_SCHEME_PRIVILEGES: NonNullable<CustomScheme['privileges']> = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
  bypassCSP: false,
  allowServiceWorkers: false,
};

/**
 * Cornerstone decodes in web workers (worker-src 'self' blob:) and its codecs are WASM
 * ('wasm-unsafe-eval'); images arrive over our own scheme. Nothing else is allowed: no remote
 * content, no inline script, no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob:`,
  `connect-src 'self' ${DICOM_SCHEME}: blob: data:`,
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** A file path as the file system compares it: Windows paths (a drive letter) ignore case. */
function comparablePath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return /^\/[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}

/**
 * True when `url` is the app's own page `appPage`: in production the exact index.html the window
 * loads (any other local file, such as a downloaded HTML page, would otherwise keep the platform
 * bridge), in development any page of the dev server's exact origin. A hash or query does not make
 * it another page.
 */
export function isAppUrl(url: string, appPage: string): boolean {
  try {
    const target = new URL(url);
    const page = new URL(appPage);
    if (page.protocol !== 'file:') return target.origin === page.origin;
    return (
      target.protocol === 'file:' &&
      target.host === page.host &&
      comparablePath(target) === comparablePath(page)
    );
  } catch {
    return false;
  }
}

/** Denies every navigation away from the app and every new window. */
export function lockDownWebContents(contents: WebContents, appPage: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appPage)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appPage)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
