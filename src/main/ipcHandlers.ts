/**
 * The main-process side of the platform bridge: one IPC handler per PlatformBridge method. Every
 * handler first checks that the request comes from the app's own top-level page, then validates its
 * arguments with zod; a refusal or a bad argument rejects the renderer's promise with a message that
 * says which. Electron objects are injected so the handlers are testable without Electron.
 */
import { access, constants, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { z } from 'zod';
import type { IndexedFileAllowlist } from '../node/import/allowlist';
import type { scanPaths as scanPathsFunction } from '../node/import/scanPaths';
import { pathList } from '../node/pathList';
import { HeadToSignSchema } from '../core/audit/signing';
import type { AppInfo, AuditKey, ScanEvent, ScanSummary } from '../platform/bridge';
import { IPC, scanEventChannel, type IpcChannel, type IpcContract } from '../platform/ipcChannels';
import { isAppUrl } from './security';

/** The parts of Electron's IpcMainInvokeEvent the handlers use. */
export interface InvokeEvent {
  readonly sender: {
    send(channel: string, payload: unknown): void;
    isDestroyed(): boolean;
    once(event: 'destroyed', listener: () => void): unknown;
  };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface HandlerDeps {
  readonly ipcMain: {
    handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  };
  /** The app's page: its index.html (file: URL) or the dev server's URL. */
  readonly appPage: string;
  /** True when the event's web contents is one of the app's own windows. */
  readonly isOwnWindow: (sender: InvokeEvent['sender']) => boolean;
  readonly appInfo: () => AppInfo;
  readonly showOpenFolderDialog: (sender: InvokeEvent['sender']) => Promise<string | null>;
  readonly showSaveDialog: (sender: InvokeEvent['sender'], suggestedName: string) => Promise<string | null>;
  readonly allowlist: Pick<IndexedFileAllowlist, 'has' | 'add'>;
  readonly scanPaths: typeof scanPathsFunction;
  /** The installation's signing key (main/auditKey.ts). */
  readonly auditKey: AuditKey;
}

export const schemas = {
  none: z.tuple([]),
  scanStart: z.tuple([
    z
      .object({ scanId: z.uuid('scanId must be a UUID'), paths: pathList.min(1, 'give at least one path') })
      .strict(),
  ]),
  scanCancel: z.tuple([z.uuid('scanId must be a UUID')]),
  checkPaths: z.tuple([pathList]),
  saveFile: z.tuple([
    z
      .string()
      .min(1, 'the file name is empty')
      .max(255, 'the file name is longer than 255 characters')
      .refine(
        (name) => basename(name) === name && !/[\\/\0]/.test(name),
        'the file name must not contain a folder',
      ),
    z.union([z.string().max(512 * 1024 * 1024), z.instanceof(Uint8Array)], 'contents must be text or bytes'),
    z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'mimeType must look like type/subtype'),
  ]),
  auditSignHead: z.tuple([HeadToSignSchema]),
} as const;

export class IpcRefusal extends Error {}

function checkArguments<S extends z.ZodType>(channel: string, schema: S, args: unknown[]): z.infer<S> {
  const parsed = schema.safeParse(args);
  if (!parsed.success)
    throw new IpcRefusal(`invalid arguments for ${channel}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function isTrustedSender(
  event: InvokeEvent,
  deps: Pick<HandlerDeps, 'appPage' | 'isOwnWindow'>,
): boolean {
  const frame = event.senderFrame;
  // Top-level frame only: an iframe, even a same-origin one, never talks to the main process.
  if (!frame || frame.parent !== null) return false;
  if (!deps.isOwnWindow(event.sender)) return false;
  return isAppUrl(frame.url, deps.appPage);
}

export function registerPlatformHandlers(deps: HandlerDeps): { activeScans: () => number } {
  const scans = new Map<string, AbortController>();

  // Typed by the IPC contract: what the schema lets through is what the preload sends, and what
  // `run` answers is what the renderer's bridge promises.
  const handle = <C extends IpcChannel>(
    channel: C,
    schema: z.ZodType<IpcContract[C]['args']>,
    run: (
      args: IpcContract[C]['args'],
      event: InvokeEvent,
    ) => IpcContract[C]['answer'] | Promise<IpcContract[C]['answer']>,
  ) => {
    deps.ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, deps)) {
        throw new IpcRefusal(`refused ${channel}: the request did not come from the app's own window`);
      }
      return run(checkArguments(channel, schema, args), event);
    });
  };

  handle(IPC.appInfo, schemas.none, () => deps.appInfo());
  handle(IPC.chooseFolder, schemas.none, (_args, event) => deps.showOpenFolderDialog(event.sender));

  handle(IPC.scanStart, schemas.scanStart, ([{ scanId, paths }], event) => {
    if (scans.has(scanId)) throw new IpcRefusal(`scan ${scanId} is already running`);
    const controller = new AbortController();
    scans.set(scanId, controller);
    const sender = event.sender;
    const channel = scanEventChannel(scanId);
    const send = (message: ScanEvent) => {
      if (!sender.isDestroyed()) sender.send(channel, message);
    };
    sender.once('destroyed', () => controller.abort());
    void deps
      .scanPaths(paths, {
        signal: controller.signal,
        onBatch: (batch) => {
          // Allow the files before the renderer hears of them, so it can load them at once.
          const indexed = batch.instances.flatMap((instance) =>
            instance.source.kind === 'path' ? [instance.source.path] : [],
          );
          // Persisting can fail (disk full); the files stay allowed for this session either way.
          deps.allowlist.add(indexed).catch((error: unknown) => {
            console.error(
              `could not save the indexed-file list: ${error instanceof Error ? error.message : String(error)}`,
            );
          });
          send({ type: 'batch', batch });
        },
      })
      .then(
        (summary: ScanSummary) => send({ type: 'done', summary }),
        (error: unknown) =>
          send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => scans.delete(scanId));
    return scanId;
  });

  handle(IPC.scanCancel, schemas.scanCancel, ([scanId]) => {
    const controller = scans.get(scanId);
    controller?.abort();
    return controller !== undefined;
  });

  handle(IPC.checkPaths, schemas.checkPaths, ([paths]) =>
    Promise.all(
      paths.map(async (path) => {
        // Only indexed files: the renderer must not probe the disk for arbitrary paths.
        if (!deps.allowlist.has(resolve(path))) return false;
        return access(path, constants.R_OK).then(
          () => true,
          () => false,
        );
      }),
    ),
  );

  handle(IPC.saveFile, schemas.saveFile, async ([suggestedName, contents], event) => {
    const target = await deps.showSaveDialog(event.sender, suggestedName);
    if (target === null) return null;
    const withExtension =
      extname(target) === '' && extname(suggestedName) !== '' ? target + extname(suggestedName) : target;
    await writeFile(withExtension, contents);
    return withExtension;
  });

  handle(IPC.auditPublicKey, schemas.none, () => deps.auditKey.publicKey());
  handle(IPC.auditSignHead, schemas.auditSignHead, ([head]) => deps.auditKey.signHead(head));

  return { activeScans: () => scans.size };
}
