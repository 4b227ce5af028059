import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { registerPlatformHandlers, type HandlerDeps, type InvokeEvent } from '../../../src/main/ipcHandlers';
import { IndexedFileAllowlist } from '../../../src/node/import/allowlist';
import type { ScanOptions } from '../../../src/node/import/scanPaths';
import type { ScanEvent } from '../../../src/platform/bridge';
import { IPC, scanEventChannel } from '../../../src/platform/ipcChannels';
import type { ScanSummary } from '../../../src/platform/bridge';
import { slice } from '../core/dicom/fixtures';

const folder = mkdtempSync(join(tmpdir(), 'recist-ipc-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const appPage = 'http://localhost:5173/';
const scanId = '9b2f9c3e-6d0a-4a51-9e62-2f4f1c1b7d10';

function fakeSender(own = true) {
  const sent: { channel: string; payload: unknown }[] = [];
  let onDestroyed: (() => void) | undefined;
  return {
    own,
    sent,
    send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
    isDestroyed: () => false,
    once: (_event: 'destroyed', listener: () => void) => (onDestroyed = listener),
    destroy: () => onDestroyed?.(),
  };
}

type Sender = ReturnType<typeof fakeSender>;

function event(sender: Sender, url = appPage, parent: unknown = null): InvokeEvent {
  return { sender, senderFrame: { url, parent } };
}

function setup(overrides: Partial<HandlerDeps> = {}) {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  const allowlist = IndexedFileAllowlist.inMemory();
  const deps: HandlerDeps = {
    ipcMain: { handle: (channel, listener) => handlers.set(channel, listener) },
    appPage,
    isOwnWindow: (sender) => (sender as unknown as Sender).own,
    appInfo: () => ({ name: 'RECIST Workstation', version: '0.1.0', host: 'electron' }),
    showOpenFolderDialog: () => Promise.resolve('/data/ct'),
    showSaveDialog: (_sender, name) => Promise.resolve(join(folder, name)),
    allowlist,
    scanPaths: () =>
      Promise.resolve({ progress: { scanned: 0, imported: 0, rejected: 0 }, cancelled: false }),
    auditKey: {
      publicKey: () => Promise.resolve(`04${'1'.repeat(128)}`),
      signHead: vi.fn((_head) => Promise.resolve('5'.repeat(128))),
    },
    ...overrides,
  };
  const registry = registerPlatformHandlers(deps);
  const invoke = async (channel: string, e: InvokeEvent, ...args: unknown[]) =>
    handlers.get(channel)!(e, ...args);
  return { handlers, invoke, allowlist, registry };
}

describe('IPC handlers', () => {
  it('registers one handler per bridge method', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
  });

  it('refuses senders that are not the app page: other origin, a sub-frame, another window', async () => {
    const { invoke } = setup();
    const refusal = /^refused recist:app-info: the request did not come from the app's own window$/;
    await expect(invoke(IPC.appInfo, event(fakeSender(), 'https://evil.example/'))).rejects.toThrow(refusal);
    await expect(invoke(IPC.appInfo, event(fakeSender(), appPage, { url: appPage }))).rejects.toThrow(
      refusal,
    );
    await expect(invoke(IPC.appInfo, event(fakeSender(false)))).rejects.toThrow(refusal);
    await expect(invoke(IPC.appInfo, { sender: fakeSender(), senderFrame: null })).rejects.toThrow(refusal);
    await expect(invoke(IPC.appInfo, event(fakeSender()))).resolves.toMatchObject({ host: 'electron' });
  });

  it('in the packaged app, trusts only its own index.html, not another local page', async () => {
    const page = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
    const { invoke } = setup({ appPage: page });
    await expect(
      invoke(IPC.appInfo, event(fakeSender(), 'file:///home/reader/Downloads/page.html')),
    ).rejects.toThrow(/did not come from the app's own window/);
    await expect(invoke(IPC.appInfo, event(fakeSender(), `${page}#/reading`))).resolves.toMatchObject({
      host: 'electron',
    });
  });

  it('rejects bad arguments with a message naming the problem', async () => {
    const { invoke } = setup();
    const sender = fakeSender();
    await expect(invoke(IPC.scanStart, event(sender), { scanId, paths: ['relative/dir'] })).rejects.toThrow(
      /invalid arguments for recist:scan-start: .*paths must be absolute/s,
    );
    await expect(invoke(IPC.scanStart, event(sender), { scanId: 'x', paths: ['/data'] })).rejects.toThrow(
      /scanId must be a UUID/,
    );
    await expect(invoke(IPC.scanStart, event(sender), { scanId, paths: [] })).rejects.toThrow(
      /give at least one path/,
    );
    await expect(invoke(IPC.scanStart, event(sender), { scanId, paths: ['/a'], extra: 1 })).rejects.toThrow(
      /invalid arguments/,
    );
    await expect(invoke(IPC.checkPaths, event(sender), [42])).rejects.toThrow(
      /invalid arguments for recist:check-paths/,
    );
    await expect(invoke(IPC.saveFile, event(sender), '../../.bashrc', 'x', 'text/plain')).rejects.toThrow(
      /the file name must not contain a folder/,
    );
    await expect(invoke(IPC.saveFile, event(sender), 'a.csv', { not: 'bytes' }, 'text/csv')).rejects.toThrow(
      /contents must be text or bytes/,
    );
    await expect(invoke(IPC.appInfo, event(sender), 'unexpected')).rejects.toThrow(
      /invalid arguments for recist:app-info/,
    );
  });

  it('streams a scan on its own channel, allowing files before announcing them, then ends it', async () => {
    let release!: () => void;
    const fakeScan = async (paths: readonly string[], options: ScanOptions): Promise<ScanSummary> => {
      expect(paths).toEqual(['/data/ct']);
      const instance = { ...slice(0), source: { kind: 'path' as const, path: '/data/ct/1.dcm' } };
      options.onBatch({
        instances: [instance],
        rejected: [],
        progress: { scanned: 1, imported: 1, rejected: 0 },
      });
      await new Promise<void>((resolve) => (release = resolve));
      return { progress: { scanned: 1, imported: 1, rejected: 0 }, cancelled: false };
    };
    const { invoke, allowlist, registry } = setup({ scanPaths: fakeScan });
    const sender = fakeSender();
    await expect(invoke(IPC.scanStart, event(sender), { scanId, paths: ['/data/ct'] })).resolves.toBe(scanId);
    expect(allowlist.has('/data/ct/1.dcm')).toBe(true);
    expect(registry.activeScans()).toBe(1);
    release();
    await vi.waitFor(() => expect(sender.sent).toHaveLength(2));
    const messages = sender.sent.map((m) => {
      expect(m.channel).toBe(scanEventChannel(scanId));
      return (m.payload as ScanEvent).type;
    });
    expect(messages).toEqual(['batch', 'done']);
    expect(registry.activeScans()).toBe(0);
  });

  it('cancels a running scan, also when its window goes away', async () => {
    const signals: AbortSignal[] = [];
    const fakeScan = (_paths: readonly string[], options: ScanOptions) =>
      new Promise<ScanSummary>((resolve) => {
        signals.push(options.signal!);
        options.signal!.addEventListener('abort', () =>
          resolve({ progress: { scanned: 0, imported: 0, rejected: 0 }, cancelled: true }),
        );
      });
    const { invoke } = setup({ scanPaths: fakeScan });
    const sender = fakeSender();
    await invoke(IPC.scanStart, event(sender), { scanId, paths: ['/data'] });
    await expect(invoke(IPC.scanCancel, event(sender), scanId)).resolves.toBe(true);
    expect(signals[0]!.aborted).toBe(true);
    await vi.waitFor(() =>
      expect(sender.sent.at(-1)?.payload).toMatchObject({ type: 'done', summary: { cancelled: true } }),
    );
    await expect(invoke(IPC.scanCancel, event(sender), scanId)).resolves.toBe(false);

    const other = fakeSender();
    await invoke(IPC.scanStart, event(other), { scanId, paths: ['/data'] });
    other.destroy();
    expect(signals[1]!.aborted).toBe(true);
  });

  it('checks only indexed paths', async () => {
    const { invoke, allowlist } = setup();
    const present = join(folder, 'present.dcm');
    writeFileSync(present, 'x');
    const gone = join(folder, 'gone.dcm');
    await allowlist.add([present, gone]);
    const sender = fakeSender();
    await expect(invoke(IPC.checkPaths, event(sender), [present, gone, '/etc/hostname'])).resolves.toEqual([
      true,
      false,
      false,
    ]);
  });

  it('saves through the save dialog, and not at all when it is cancelled', async () => {
    const { invoke } = setup();
    const target = await invoke(IPC.saveFile, event(fakeSender()), 'report.csv', 'a,b\n', 'text/csv');
    expect(target).toBe(join(folder, 'report.csv'));
    expect(readFileSync(join(folder, 'report.csv'), 'utf8')).toBe('a,b\n');
    const bytes = await invoke(
      IPC.saveFile,
      event(fakeSender()),
      'sr.dcm',
      new Uint8Array([1, 2]),
      'application/dicom',
    );
    expect([...readFileSync(bytes as string)]).toEqual([1, 2]);
    const cancelled = setup({ showSaveDialog: () => Promise.resolve(null) });
    await expect(
      cancelled.invoke(IPC.saveFile, event(fakeSender()), 'x.csv', 'x', 'text/csv'),
    ).resolves.toBeNull();
  });

  it('signs audit heads only for the app page, and only well-formed heads', async () => {
    const signHead = vi.fn((_head: unknown) => Promise.resolve('5'.repeat(128)));
    const { invoke } = setup({ auditKey: { publicKey: () => Promise.resolve('04ab'), signHead } });
    const head = { seq: 3, hash: 'cd'.repeat(32), at: '2026-03-01T10:00:00.000Z' };
    await expect(invoke(IPC.auditPublicKey, event(fakeSender()))).resolves.toBe('04ab');
    await expect(invoke(IPC.auditSignHead, event(fakeSender()), head)).resolves.toBe('5'.repeat(128));
    expect(signHead).toHaveBeenCalledWith(head);
    await expect(
      invoke(IPC.auditSignHead, event(fakeSender(), 'https://evil.example/'), head),
    ).rejects.toThrow(/^refused recist:audit-sign-head: the request did not come from the app's own window$/);
    await expect(invoke(IPC.auditSignHead, event(fakeSender()), { ...head, seq: -2 })).rejects.toThrow(
      /invalid arguments for recist:audit-sign-head: .*must be 0 or more/s,
    );
    await expect(
      invoke(IPC.auditSignHead, event(fakeSender()), { ...head, at: `${head.at}\nmore` }),
    ).rejects.toThrow(/must be an ISO date and time/);
    await expect(invoke(IPC.auditSignHead, event(fakeSender()), { ...head, extra: 1 })).rejects.toThrow(
      /invalid arguments for recist:audit-sign-head/,
    );
    await expect(invoke(IPC.auditSignHead, event(fakeSender()), 'raw bytes to sign')).rejects.toThrow(
      /invalid arguments for recist:audit-sign-head/,
    );
    expect(signHead).toHaveBeenCalledTimes(1);
  });

  it('opens the folder dialog', async () => {
    const { invoke } = setup();
    await expect(invoke(IPC.chooseFolder, event(fakeSender()))).resolves.toBe('/data/ct');
  });
});
