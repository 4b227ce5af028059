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

/** True when `url` is the app's own page (file:// in production, the dev server in development). */
export function isAppUrl(url: string, appOrigin: string): boolean {
  try {
    const target = new URL(url);
    if (appOrigin === 'file://') return target.protocol === 'file:';
    return target.origin === appOrigin;
  } catch {
    return false;
  }
}

/** Denies every navigation away from the app and every new window. */
export function lockDownWebContents(contents: WebContents, appOrigin: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
