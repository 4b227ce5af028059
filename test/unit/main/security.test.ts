import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  lockDownWebContents,
  secureWebPreferences,
} from '../../../src/main/security';

type Listener = (event: { preventDefault: () => void }, url?: string) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let windowOpenHandler: (() => { action: string }) | undefined;
  return {
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => { action: string }) => (windowOpenHandler = handler),
    fire(name: string, url?: string) {
      const event = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      listeners.get(name)?.(event, url);
      return event.prevented;
    },
    openWindow: () => windowOpenHandler?.(),
  };
}

describe('window security settings', () => {
  it('isolates the renderer from Node', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });

  it('allows WASM codecs and workers but no eval, inline script or remote origins', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives['worker-src']).toEqual(["'self'", 'blob:']);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });

  it('denies navigation away from the app and every new window', () => {
    const contents = fakeWebContents();
    lockDownWebContents(contents as never, 'http://localhost:5173');
    expect(contents.fire('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.fire('will-navigate', 'http://localhost:5173/#/study')).toBe(false);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openWindow()).toEqual({ action: 'deny' });
  });

  it('recognises the packaged app page only as file://', () => {
    expect(isAppUrl('file:///opt/app/index.html', 'file://')).toBe(true);
    expect(isAppUrl('https://evil.test/', 'file://')).toBe(false);
    expect(isAppUrl('not a url', 'file://')).toBe(false);
  });
});
