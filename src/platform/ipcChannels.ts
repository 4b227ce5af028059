/**
 * IPC channel names shared by the main process and the preload. Free of dependencies (types only)
 * so the sandboxed preload bundle stays small. Scan progress flows on one channel per scan.
 */
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
