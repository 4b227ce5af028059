import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectTypeOf } from 'vitest';
import {
  PLATFORM_BRIDGE_MEMBERS,
  type PlatformBridge,
  type ScanBatch,
  type ScanSummary,
} from '../../../src/platform/bridge';
import { createWebPlatform } from '../../../src/renderer/platform/web';

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
    auditPublicKey: () => Promise.resolve(`04${'1'.repeat(128)}`),
    signAuditHead: () => Promise.resolve('5'.repeat(128)),
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
    expect(Object.keys(bridge).sort()).toEqual([...PLATFORM_BRIDGE_MEMBERS].sort());
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

  it('sends main only the three fields of a head to sign, and passes its answers and refusals on', async () => {
    const signAuditHead = vi.fn((_head: unknown) => Promise.resolve('5'.repeat(128)));
    const bridge = install(fakeHost({ signAuditHead }));
    const head = { seq: 1, hash: 'ab'.repeat(32), at: '2026-03-01T10:00:00.000Z' };
    await expect(bridge.auditKey.signHead({ ...head, bytes: 'anything' } as typeof head)).resolves.toBe(
      '5'.repeat(128),
    );
    expect(signAuditHead).toHaveBeenCalledWith(head);
    await expect(bridge.auditKey.publicKey()).resolves.toBe(`04${'1'.repeat(128)}`);
    const refusing = install(
      fakeHost({ signAuditHead: () => Promise.reject(new Error('The audit trail cannot be signed: ...')) }),
    );
    await expect(refusing.auditKey.signHead(head)).rejects.toThrow(/cannot be signed/);
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

/** Every `platform.<member>` the renderer reads, found in its sources. */
function membersTheRendererUses(): Set<string> {
  const used = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.tsx?$/.test(entry.name))
        for (const match of readFileSync(path, 'utf8').matchAll(/\b(?:platform|recistPlatform)\??\.(\w+)/g))
          used.add(match[1]!);
    }
  };
  visit(join(process.cwd(), 'src/renderer'));
  return used;
}

describe('the bridge contract: renderer, preload and main agree', () => {
  it('the preload exposes exactly the members of PlatformBridge, with functions where the type has methods', () => {
    const bridge = install(fakeHost());
    expect(Object.keys(bridge).sort()).toEqual([...PLATFORM_BRIDGE_MEMBERS].sort());
    for (const member of PLATFORM_BRIDGE_MEMBERS) {
      if (member === 'capabilities')
        expect(Object.keys(bridge.capabilities).sort()).toEqual(['nativeFolderDialog', 'pathScan']);
      else if (member === 'auditKey') {
        expect(Object.keys(bridge.auditKey).sort()).toEqual(['publicKey', 'signHead']);
        expect(typeof bridge.auditKey.publicKey).toBe('function');
        expect(typeof bridge.auditKey.signHead).toBe('function');
        expect(Object.isFrozen(bridge.auditKey)).toBe(true);
      } else expect(typeof bridge[member], member).toBe('function');
    }
    // The installer runs in the page's world from its source alone; the result is still the one type.
    expectTypeOf(bridge).toEqualTypeOf<PlatformBridge>();
  });

  it('the browser bridge exposes the same members', () => {
    const web = createWebPlatform('0.0.0');
    expect(Object.keys(web).sort()).toEqual([...PLATFORM_BRIDGE_MEMBERS].sort());
  });

  it('every member the renderer calls exists on the exposed object', () => {
    const used = membersTheRendererUses();
    expect(used.size).toBeGreaterThan(5);
    const bridge = install(fakeHost());
    for (const member of used) expect(bridge, `renderer uses platform.${member}`).toHaveProperty(member);
  });

  it('each bridge method reaches main on its own channel with the arguments the handler validates', async () => {
    electron.ipcRenderer.invoke.mockClear();
    await preloadHost.getAppInfo();
    await preloadHost.chooseFolder();
    await preloadHost.cancelScan('9b2f9c3e-6d0a-4a51-9e62-2f4f1c1b7d10');
    await preloadHost.checkPaths(['/data/a.dcm']);
    await preloadHost.saveFile('read.json', '{}', 'application/json');
    await preloadHost.auditPublicKey();
    await preloadHost.signAuditHead({ seq: 1, hash: 'ab'.repeat(32), at: '2026-03-01T10:00:00.000Z' });
    const { schemas } = await import('../../../src/main/ipcHandlers');
    const bySchema: Record<string, keyof typeof schemas> = {
      [IPC.appInfo]: 'none',
      [IPC.chooseFolder]: 'none',
      [IPC.scanCancel]: 'scanCancel',
      [IPC.checkPaths]: 'checkPaths',
      [IPC.saveFile]: 'saveFile',
      [IPC.auditPublicKey]: 'none',
      [IPC.auditSignHead]: 'auditSignHead',
    };
    const calls = electron.ipcRenderer.invoke.mock.calls as [string, ...unknown[]][];
    expect(calls.map(([channel]) => channel)).toEqual(Object.keys(bySchema));
    for (const [channel, ...args] of calls)
      expect(schemas[bySchema[channel]!].safeParse(args).success, channel).toBe(true);
  });
});
