import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  type WebContents,
} from 'electron';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IndexedFileAllowlist } from '../node/import/allowlist';
import { createDicomFileHandler } from '../node/import/dicomFileProtocol';
import { scanPaths } from '../node/import/scanPaths';
import { createInstallationKey } from './auditKey';
import { registerPlatformHandlers, type InvokeEvent } from './ipcHandlers';
import {
  CONTENT_SECURITY_POLICY,
  DICOM_SCHEME,
  DICOM_SCHEME_PRIVILEGES,
  lockDownWebContents,
  secureWebPreferences,
} from './security';

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const indexHtml = join(__dirname, '../renderer/index.html');
/** The one page that gets the platform bridge: this index.html, or the dev server in development. */
const appPage = devServerUrl ?? pathToFileURL(indexHtml).href;

// Must happen before 'ready': fetch/XHR, CORS and streaming for the image loader's requests.
protocol.registerSchemesAsPrivileged([{ scheme: DICOM_SCHEME, privileges: DICOM_SCHEME_PRIVILEGES }]);

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    backgroundColor: '#111418',
    title: 'RECIST Workstation',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  lockDownWebContents(window.webContents, appPage);
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(indexHtml);
  return window;
}

/** A corrupt list is kept aside (never deleted) and the app starts with an empty one. */
async function loadAllowlist(): Promise<IndexedFileAllowlist> {
  const storePath = join(app.getPath('userData'), 'indexed-files.json');
  try {
    return await IndexedFileAllowlist.load(storePath);
  } catch (error) {
    const aside = `${storePath}.unreadable-${Date.now()}`;
    console.error(`${error instanceof Error ? error.message : String(error)}; kept as ${aside}`);
    await rename(storePath, aside).catch(() => undefined);
    return IndexedFileAllowlist.load(storePath);
  }
}

const windowOf = (sender: InvokeEvent['sender']) => BrowserWindow.fromWebContents(sender as WebContents);

app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, appPage));

void app.whenReady().then(async () => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const allowlist = await loadAllowlist();
  session.defaultSession.protocol.handle(DICOM_SCHEME, createDicomFileHandler({ allowlist }));
  registerPlatformHandlers({
    ipcMain,
    appPage,
    isOwnWindow: (sender) => windowOf(sender) !== null,
    appInfo: () => ({ name: 'RECIST Workstation', version: app.getVersion(), host: 'electron' }),
    showOpenFolderDialog: async (sender) => {
      const owner = windowOf(sender);
      const options = { title: 'Open a folder of DICOM files', properties: ['openDirectory' as const] };
      const result = owner
        ? await dialog.showOpenDialog(owner, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    showSaveDialog: async (sender, suggestedName) => {
      const owner = windowOf(sender);
      const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    allowlist,
    scanPaths,
    // Made on first use, not at start-up: without a keychain the app still opens and says why it cannot sign.
    auditKey: createInstallationKey({
      file: join(app.getPath('userData'), 'installation-key.json'),
      safeStorage,
    }),
  });

  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
