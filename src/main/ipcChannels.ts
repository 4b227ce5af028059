/**
 * IPC channel names shared by the main process and the preload (kept free of dependencies so the
 * sandboxed preload bundle stays small). Scan progress flows on one channel per scan.
 */
import type { ScanBatch, ScanSummary } from '../platform/bridge';

export const IPC = {
  appInfo: 'recist:app-info',
  chooseFolder: 'recist:choose-folder',
  scanStart: 'recist:scan-start',
  scanCancel: 'recist:scan-cancel',
  checkPaths: 'recist:check-paths',
  saveFile: 'recist:save-file',
} as const;

export function scanEventChannel(scanId: string): string {
  return `recist:scan:${scanId}`;
}

/** What the main process sends on a scan's channel, in order: batches, then exactly one end event. */
export type ScanEvent =
  | { readonly type: 'batch'; readonly batch: ScanBatch }
  | { readonly type: 'done'; readonly summary: ScanSummary }
  | { readonly type: 'error'; readonly message: string };
