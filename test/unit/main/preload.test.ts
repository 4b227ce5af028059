import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PlatformBridge, ScanBatch, ScanSummary } from '../../../src/platform/bridge';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, (event: unknown, message: unknown) => void>();
  return {
    listeners,
    contextBridge: { executeInMainWorld: vi.fn(), exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn((..._args: unknown[]) => Promise.resolve(undefined as unknown)),
      on: vi.fn((channel: string, listener: (event: unknown, message: unknown) => void) =>
        listeners.set(channel, listener),
      ),
      removeListener: vi.fn((channel: string) => listeners.delete(channel)),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

import { IPC, scanEventChannel } from '../../../src/platform/ipcChannels';
import { dicomFileUrl } from '../../../src/platform/urls';
import type { PreloadHost } from '../../../src/preload/index';

type Installer = (host: PreloadHost, urlPrefix: string, target: object) => void;

let installer: Installer;
let urlPrefix: string;
let preloadHost: PreloadHost;

beforeAll(async () => {
  ({ preloadHost } = await import('../../../src/preload/index'));
  const [[script]] = electron.contextBridge.executeInMainWorld.mock.calls as [
    [{ func: Installer; args: unknown[] }],
  ];
  // The function runs in the page's world after serialisation: rebuild it from its source alone.
  installer = new Function(`return (${script.func.toString()});`)() as Installer;
  urlPrefix = script.args[1] as string;
  expect(script.args[0]).toBe(preloadHost);
});

function fakeHost(overrides: Partial<PreloadHost> = {}): PreloadHost {
  return {
    getAppInfo: () => Promise.resolve({ name: 'RECIST Workstation', version: '1', host: 'electron' }),
    chooseFolder: () => Promise.resolve(null),
    startScan: () => Promise.resolve(),
    cancelScan: () => Promise.resolve(true),
    checkPaths: (paths) => Promise.resolve(paths.map(() => true)),
    saveFile: () => Promise.resolve(null),
    ...overrides,
  };
}

function install(host: PreloadHost): PlatformBridge {
  const page: { recistPlatform?: PlatformBridge } = {};
  installer(host, urlPrefix, page);
  return page.recistPlatform!;
}

describe('preload', () => {
  it('exposes only window.recistPlatform, built in the page world, never ipcRenderer', () => {
    expect(electron.contextBridge.executeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
    const page: Record<string, unknown> = {};
    installer(fakeHost(), urlPrefix, page);
    expect(Object.keys(page)).toEqual(['recistPlatform']);
    const bridge = page['recistPlatform'] as PlatformBridge;
    expect(Object.keys(bridge).sort()).toEqual(
      ['capabilities', 'checkPaths', 'chooseFolder', 'fileUrl', 'getAppInfo', 'saveFile', 'scanPaths'].sort(),
    );
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(() => Object.defineProperty(page, 'recistPlatform', { value: {} })).toThrow();
    expect(bridge.capabilities).toEqual({ pathScan: true, nativeFolderDialog: true });
  });

  it('builds the same file URLs the protocol handler serves', () => {
    const bridge = install(fakeHost());
    for (const path of ['/data/CT 1/IM#1.dcm', '/données/ä?.dcm'])
      expect(bridge.fileUrl(path)).toBe(dicomFileUrl(path));
  });

  it('streams scan batches, resolves with the summary and cancels through the abort signal', async () => {
    const batch: ScanBatch = {
      instances: [],
      rejected: [],
      progress: { scanned: 1, imported: 0, rejected: 1 },
    };
    let finish!: (summary: ScanSummary | null, error: string | null) => void;
    const cancelScan = vi.fn((_id: string) => Promise.resolve(true));
    const bridge = install(
      fakeHost({
        startScan: (_id, paths, onBatch, onEnd) => {
          expect(paths).toEqual(['/data']);
          onBatch(batch);
          finish = onEnd;
          return Promise.resolve();
        },
        cancelScan,
      }),
    );
    const controller = new AbortController();
    const received: ScanBatch[] = [];
    const result = bridge.scanPaths(['/data'], (b) => received.push(b), controller.signal);
    controller.abort();
    expect(cancelScan).toHaveBeenCalledTimes(1);
    expect(cancelScan.mock.calls[0]![0]).toMatch(/^[0-9a-f-]{36}$/);
    finish({ progress: batch.progress, cancelled: true }, null);
    await expect(result).resolves.toEqual({ progress: batch.progress, cancelled: true });
    expect(received).toEqual([batch]);
  });

  it('rejects a scan the main process refused, with its message', async () => {
    const bridge = install(
      fakeHost({ startScan: () => Promise.reject(new Error('invalid arguments for recist:scan-start')) }),
    );
    await expect(bridge.scanPaths(['relative'], () => undefined)).rejects.toThrow(
      'invalid arguments for recist:scan-start',
    );
  });

  it('wires the host to IPC: one listener per scan, removed at the end', async () => {
    const onBatch = vi.fn();
    const onEnd = vi.fn();
    const id = '9b2f9c3e-6d0a-4a51-9e62-2f4f1c1b7d10';
    await preloadHost.startScan(id, ['/data'], onBatch, onEnd);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC.scanStart, { scanId: id, paths: ['/data'] });
    const listener = electron.listeners.get(scanEventChannel(id))!;
    const batch = { instances: [], rejected: [], progress: { scanned: 1, imported: 1, rejected: 0 } };
    listener({}, { type: 'batch', batch });
    listener({}, { type: 'done', summary: { progress: batch.progress, cancelled: false } });
    expect(onBatch).toHaveBeenCalledWith(batch);
    expect(onEnd).toHaveBeenCalledWith({ progress: batch.progress, cancelled: false }, null);
    expect(electron.listeners.has(scanEventChannel(id))).toBe(false);
  });
});
