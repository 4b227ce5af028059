import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(join(tmpdir(), 'recist-userdata-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

const electron = vi.hoisted(() => {
  const windows: {
    options: unknown;
    webContents: { on: ReturnType<typeof vi.fn>; setWindowOpenHandler: ReturnType<typeof vi.fn> };
    loadFile: ReturnType<typeof vi.fn>;
  }[] = [];
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(public options: unknown) {
      windows.push(this);
    }
    loadURL = vi.fn(() => Promise.resolve());
    loadFile = vi.fn(() => Promise.resolve());
    static getAllWindows = () => windows;
    static fromWebContents = () => null;
  }
  return {
    windows,
    BrowserWindow,
    app: {
      on: vi.fn(),
      whenReady: () => Promise.resolve(),
      getPath: vi.fn(),
      getVersion: () => '0.1.0',
      quit: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    ipcMain: { handle: vi.fn() },
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(false)),
      getSelectedStorageBackend: vi.fn(),
      encryptStringAsync: vi.fn(),
      decryptStringAsync: vi.fn(),
    },
    dialog: {},
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        protocol: { handle: vi.fn() },
      },
    },
  };
});
vi.mock('electron', () => electron);

type Navigation = (event: { preventDefault: () => void }, url: string) => void;

describe('main process start-up', () => {
  it('registers the DICOM scheme as privileged, serves it, handles every bridge call and opens a locked-down window', async () => {
    electron.app.getPath.mockReturnValue(userData);
    await import('../../../src/main/index');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));

    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'recist-dicom',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
          corsEnabled: true,
          stream: true,
          bypassCSP: false,
        }),
      },
    ]);
    expect(electron.session.defaultSession.protocol.handle).toHaveBeenCalledWith(
      'recist-dicom',
      expect.any(Function),
    );
    const channels = electron.ipcMain.handle.mock.calls.map(([channel]) => channel as string).sort();
    const { IPC } = await import('../../../src/platform/ipcChannels');
    expect(channels).toEqual(Object.values(IPC).sort());

    // The signing key is made on first use: a computer without a keychain still opens the app.
    expect(electron.safeStorage.isAsyncEncryptionAvailable).not.toHaveBeenCalled();

    const [window] = electron.windows;
    expect(window!.options).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    expect(window!.webContents.setWindowOpenHandler).toHaveBeenCalled();
    const permissionHandler = electron.session.defaultSession.setPermissionRequestHandler.mock
      .calls[0]![0] as (c: unknown, p: string, cb: (allowed: boolean) => void) => void;
    const headersHook = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      d: { responseHeaders: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const { CONTENT_SECURITY_POLICY } = await import('../../../src/main/security');
    headersHook({ responseHeaders: { 'Content-Type': ['text/html'] } }, (response) =>
      expect(response.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]),
    );
    const decision = vi.fn();
    permissionHandler({}, 'media', decision);
    expect(decision).toHaveBeenCalledWith(false);

    // The window may stay on the index.html it loaded, and goes nowhere else, not even to a local page.
    const loaded = (window!.loadFile.mock.calls as [string][])[0]![0];
    expect(loaded).toMatch(/[\\/]renderer[\\/]index\.html$/);
    const navigate = (window!.webContents.on.mock.calls as [string, Navigation][]).find(
      ([name]) => name === 'will-navigate',
    )![1];
    const prevented = (url: string) => {
      const preventDefault = vi.fn();
      navigate({ preventDefault }, url);
      return preventDefault.mock.calls.length > 0;
    };
    expect(prevented(`${pathToFileURL(loaded).href}#/reading`)).toBe(false);
    expect(prevented(pathToFileURL(join(userData, 'page.html')).href)).toBe(true);
    expect(prevented(pathToFileURL(join(loaded, '../other.html')).href)).toBe(true);
  });
});
