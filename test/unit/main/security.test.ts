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

  it('recognises the packaged app page: the exact index.html it loads, never another local file', () => {
    const page = 'file:///opt/RECIST%20Workstation/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(page, page)).toBe(true);
    expect(isAppUrl(`${page}#/reading`, page)).toBe(true);
    expect(isAppUrl(`${page}?subject=S001`, page)).toBe(true);
    // Another spelling of the same file.
    expect(
      isAppUrl('file:///opt/RECIST Workstation/resources/app.asar/out/x/../renderer/index.html', page),
    ).toBe(true);
    // A page the user downloaded, another page of the app's folder, the folder itself, another host.
    expect(isAppUrl('file:///home/reader/Downloads/report.html', page)).toBe(false);
    expect(
      isAppUrl('file:///opt/RECIST%20Workstation/resources/app.asar/out/renderer/other.html', page),
    ).toBe(false);
    expect(isAppUrl('file:///opt/RECIST%20Workstation/resources/app.asar/out/renderer/', page)).toBe(false);
    expect(
      isAppUrl('file://fileserver/opt/RECIST%20Workstation/resources/app.asar/out/renderer/index.html', page),
    ).toBe(false);
    expect(isAppUrl('https://evil.test/', page)).toBe(false);
    expect(isAppUrl('not a url', page)).toBe(false);
  });

  it('recognises the dev server by its exact origin', () => {
    const page = 'http://localhost:5173/';
    expect(isAppUrl('http://localhost:5173/', page)).toBe(true);
    expect(isAppUrl('http://localhost:5173/index.html#/reading', page)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', page)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', page)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', page)).toBe(false);
    expect(isAppUrl('http://localhost.evil.test:5173/', page)).toBe(false);
    expect(isAppUrl('file:///opt/app/index.html', page)).toBe(false);
  });

  it('on Windows, the same index.html whatever the case of its path', () => {
    const page = 'file:///C:/Program%20Files/RECIST/resources/app.asar/out/renderer/index.html';
    expect(
      isAppUrl('file:///c:/program%20files/recist/resources/app.asar/out/renderer/INDEX.html', page),
    ).toBe(true);
    expect(isAppUrl('file:///C:/Users/reader/Downloads/index.html', page)).toBe(false);
  });

  it('keeps the bridge from a local page the window is sent to', () => {
    const page = 'file:///opt/app/out/renderer/index.html';
    const contents = fakeWebContents();
    lockDownWebContents(contents as never, page);
    expect(contents.fire('will-navigate', 'file:///home/reader/Downloads/page.html')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///opt/app/out/renderer/evil.html')).toBe(true);
    expect(contents.fire('will-navigate', `${page}#/study`)).toBe(false);
  });
});
