import type { PlatformBridge } from '../../platform/bridge';

const unsupported = (what: string) => () =>
  Promise.reject(new Error(`${what} is not available in the browser: pick or drop files instead`));

/** The platform bridge for a plain browser: no disk paths, files come from pickers and drops. */
export function createWebPlatform(version: string): PlatformBridge {
  return {
    capabilities: { pathScan: false, nativeFolderDialog: false },
    getAppInfo: () => Promise.resolve({ name: 'RECIST Workstation', version, host: 'web' }),
    chooseFolder: () => Promise.resolve(null),
    scanPaths: unsupported('Scanning disk paths'),
    checkPaths: unsupported('Checking disk paths'),
    fileUrl: (path) => {
      throw new Error(`No URL for ${path}: the browser reads picked files, not disk paths`);
    },
    saveFile: (suggestedName, contents, mimeType) => {
      const blob = new Blob([contents as BlobPart], { type: mimeType });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = suggestedName;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return Promise.resolve(suggestedName);
    },
  } satisfies PlatformBridge;
}
