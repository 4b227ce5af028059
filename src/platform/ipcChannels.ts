/**
 * IPC channel names shared by the main process and the preload. Free of dependencies (types only)
 * so the sandboxed preload bundle stays small. Scan progress flows on one channel per scan.
 */
import type { AuditKey, PlatformBridge } from './bridge';

export const IPC = {
  appInfo: 'recist:app-info',
  chooseFolder: 'recist:choose-folder',
  scanStart: 'recist:scan-start',
  scanCancel: 'recist:scan-cancel',
  checkPaths: 'recist:check-paths',
  saveFile: 'recist:save-file',
  auditPublicKey: 'recist:audit-public-key',
  auditSignHead: 'recist:audit-sign-head',
} as const;

export function scanEventChannel(scanId: string): string {
  return `recist:scan:${scanId}`;
}

type Answer<M extends keyof PlatformBridge> = PlatformBridge[M] extends (...args: never[]) => infer R
  ? Awaited<R>
  : never;

/**
 * What each invoke channel takes and answers, in the bridge's own types: the preload's calls and
 * main's handlers are both typed by it, so the renderer, the preload and main cannot drift apart.
 */
export interface IpcContract {
  [IPC.appInfo]: { args: []; answer: Answer<'getAppInfo'> };
  [IPC.chooseFolder]: { args: []; answer: Answer<'chooseFolder'> };
  /** Answers the scan's id once main accepted it; the scan streams on scanEventChannel(scanId). */
  [IPC.scanStart]: { args: [{ scanId: string; paths: string[] }]; answer: string };
  [IPC.scanCancel]: { args: [scanId: string]; answer: boolean };
  [IPC.checkPaths]: { args: [paths: string[]]; answer: Answer<'checkPaths'> };
  [IPC.saveFile]: { args: Parameters<PlatformBridge['saveFile']>; answer: Answer<'saveFile'> };
  [IPC.auditPublicKey]: { args: []; answer: Awaited<ReturnType<AuditKey['publicKey']>> };
  [IPC.auditSignHead]: {
    args: Parameters<AuditKey['signHead']>;
    answer: Awaited<ReturnType<AuditKey['signHead']>>;
  };
}

export type IpcChannel = keyof IpcContract;
