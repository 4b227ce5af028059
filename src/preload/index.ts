/**
 * The sandboxed preload: exposes `window.recistPlatform` (the PlatformBridge) and nothing else.
 *
 * The bridge object is built IN the page's world (contextBridge.executeInMainWorld) around a few
 * narrow IPC functions passed in as arguments, never exposed as globals: objects handed across
 * contextBridge are copied, so an AbortSignal passed to a preload-world function would arrive as a
 * plain object and cancel could never work. In the page's world the signal is a real AbortSignal.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PlatformBridge, ScanBatch, ScanEvent, ScanProgress, ScanSummary } from '../platform/bridge';
import { IPC, scanEventChannel, type IpcChannel, type IpcContract } from '../platform/ipcChannels';
import { DICOM_URL_PREFIX } from '../platform/urls';

/** The preload-world functions the page-world bridge calls, in the bridge's and the IPC contract's types. */
export interface PreloadHost {
  getAppInfo(): Promise<IpcContract[typeof IPC.appInfo]['answer']>;
  chooseFolder(): Promise<IpcContract[typeof IPC.chooseFolder]['answer']>;
  /** Starts a scan; events arrive through the callbacks; returns once the main process accepted it. */
  startScan(
    scanId: string,
    paths: string[],
    onBatch: (batch: ScanBatch) => void,
    onEnd: (summary: ScanSummary | null, error: string | null) => void,
  ): Promise<void>;
  cancelScan(scanId: string): Promise<IpcContract[typeof IPC.scanCancel]['answer']>;
  checkPaths(paths: string[]): Promise<IpcContract[typeof IPC.checkPaths]['answer']>;
  saveFile(
    ...args: IpcContract[typeof IPC.saveFile]['args']
  ): Promise<IpcContract[typeof IPC.saveFile]['answer']>;
  auditPublicKey(): Promise<IpcContract[typeof IPC.auditPublicKey]['answer']>;
  signAuditHead(
    ...args: IpcContract[typeof IPC.auditSignHead]['args']
  ): Promise<IpcContract[typeof IPC.auditSignHead]['answer']>;
}

const invoke = <C extends IpcChannel>(channel: C, ...args: IpcContract[C]['args']) =>
  ipcRenderer.invoke(channel, ...args) as Promise<IpcContract[C]['answer']>;

export const preloadHost: PreloadHost = {
  getAppInfo: () => invoke(IPC.appInfo),
  chooseFolder: () => invoke(IPC.chooseFolder),
  async startScan(scanId, paths, onBatch, onEnd) {
    const channel = scanEventChannel(scanId);
    const listener = (_event: IpcRendererEvent, message: ScanEvent) => {
      if (message.type === 'batch') {
        onBatch(message.batch);
        return;
      }
      ipcRenderer.removeListener(channel, listener);
      if (message.type === 'done') onEnd(message.summary, null);
      else onEnd(null, message.message);
    };
    ipcRenderer.on(channel, listener);
    try {
      await invoke(IPC.scanStart, { scanId, paths });
    } catch (error) {
      ipcRenderer.removeListener(channel, listener);
      throw error;
    }
  },
  cancelScan: (scanId) => invoke(IPC.scanCancel, scanId),
  checkPaths: (paths) => invoke(IPC.checkPaths, paths),
  saveFile: (suggestedName, contents, mimeType) => invoke(IPC.saveFile, suggestedName, contents, mimeType),
  auditPublicKey: () => invoke(IPC.auditPublicKey),
  signAuditHead: (head) => invoke(IPC.auditSignHead, head),
};

/**
 * Runs in the page's world after serialisation: it must not refer to anything outside its own body
 * (no imports, no module variables, no bundler helpers).
 */
export function installPlatformBridge(
  host: PreloadHost,
  urlPrefix: string,
  target: object = globalThis,
): void {
  const emptyProgress: ScanProgress = { scanned: 0, imported: 0, rejected: 0 };
  const bridge = {
    capabilities: Object.freeze({ pathScan: true, nativeFolderDialog: true }),
    getAppInfo: () => host.getAppInfo(),
    chooseFolder: () => host.chooseFolder(),
    scanPaths(paths: readonly string[], onBatch: (batch: ScanBatch) => void, signal?: AbortSignal) {
      if (signal?.aborted) return Promise.resolve({ progress: emptyProgress, cancelled: true });
      const scanId = crypto.randomUUID();
      return new Promise<ScanSummary>((resolve, reject) => {
        const onAbort = () => void host.cancelScan(scanId);
        signal?.addEventListener('abort', onAbort, { once: true });
        const onEnd = (summary: ScanSummary | null, error: string | null) => {
          signal?.removeEventListener('abort', onAbort);
          if (summary) resolve(summary);
          else reject(new Error(error ?? 'scan failed'));
        };
        host.startScan(scanId, Array.from(paths), onBatch, onEnd).catch((error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
    },
    checkPaths: (paths: readonly string[]) => host.checkPaths(Array.from(paths)),
    fileUrl: (path: string) => urlPrefix + encodeURIComponent(path),
    saveFile: (suggestedName: string, contents: string | Uint8Array, mimeType: string) =>
      host.saveFile(suggestedName, contents, mimeType),
    auditKey: Object.freeze({
      publicKey: () => host.auditPublicKey(),
      // Only the three fields cross to main, which checks them and refuses anything else.
      signHead: (head: { seq: number; hash: string; at: string }) =>
        host.signAuditHead({ seq: head.seq, hash: head.hash, at: head.at }),
    }),
  } satisfies PlatformBridge;
  Object.defineProperty(target, 'recistPlatform', {
    value: Object.freeze(bridge),
    enumerable: true,
    writable: false,
    configurable: false,
  });
}

// In the page's world `globalThis` is its window.
contextBridge.executeInMainWorld({ func: installPlatformBridge, args: [preloadHost, DICOM_URL_PREFIX] });
