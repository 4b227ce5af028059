import type { PlatformBridge, ScanBatch, ScanEvent, ScanSummary } from '../../platform/bridge';
import { WEB_BRIDGE_PREFIX } from '../../platform/urls';
import { createWebAuditKey } from './auditKey';

const unsupported = (what: string) => () =>
  Promise.reject(new Error(`${what} needs the desktop app or \`npm run web\`: pick or drop files instead`));

/**
 * The platform bridge for a browser. Files always come from pickers and drops; when the page is
 * served by `npm run web`, disk paths can also be scanned and served through the dev server's bridge.
 */
export function createWebPlatform(version: string, hasDiskBridge = false): PlatformBridge {
  const appInfo = () => Promise.resolve({ name: 'RECIST Workstation', version, host: 'web' as const });
  return {
    capabilities: { pathScan: hasDiskBridge, nativeFolderDialog: false },
    getAppInfo: appInfo,
    chooseFolder: () => Promise.resolve(null),
    scanPaths: hasDiskBridge ? scanOverHttp : unsupported('Scanning disk paths'),
    checkPaths: hasDiskBridge
      ? (paths) => postJson<boolean[]>('/check', { paths })
      : unsupported('Checking disk paths'),
    fileUrl: (path) => {
      if (!hasDiskBridge) throw new Error(`No URL for ${path}: this page reads picked files, not disk paths`);
      return `${location.origin}${WEB_BRIDGE_PREFIX}/files/${encodeURIComponent(path)}`;
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
    auditKey: createWebAuditKey(),
  } satisfies PlatformBridge;
}

/** True when this page was served by `npm run web` with its disk bridge. */
export async function detectDiskBridge(): Promise<boolean> {
  try {
    const response = await fetch(`${WEB_BRIDGE_PREFIX}/info`);
    if (!response.ok) return false;
    const info = (await response.json()) as { pathScan?: unknown };
    return info.pathScan === true;
  } catch {
    return false;
  }
}

async function postJson<T>(route: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${WEB_BRIDGE_PREFIX}${route}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw new Error(await errorOf(response));
  return (await response.json()) as T;
}

async function errorOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: string };
    return body.error ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Reads the bridge's JSON Lines stream; aborting the request cancels the scan on the server. */
async function scanOverHttp(
  paths: readonly string[],
  onBatch: (batch: ScanBatch) => void,
  signal?: AbortSignal,
): Promise<ScanSummary> {
  let last: ScanSummary = { progress: { scanned: 0, imported: 0, rejected: 0 }, cancelled: false };
  let response: Response;
  try {
    response = await fetch(`${WEB_BRIDGE_PREFIX}/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ paths }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) return { ...last, cancelled: true };
    throw error;
  }
  if (!response.ok || !response.body) throw new Error(await errorOf(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      pending += value;
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const event = JSON.parse(pending.slice(0, newline)) as ScanEvent;
        pending = pending.slice(newline + 1);
        if (event.type === 'batch') {
          onBatch(event.batch);
          last = { progress: event.batch.progress, cancelled: false };
        } else if (event.type === 'done') return event.summary;
        else throw new Error(event.message);
      }
    }
  } catch (error) {
    if (signal?.aborted) return { ...last, cancelled: true };
    throw error;
  }
  if (signal?.aborted) return { ...last, cancelled: true };
  throw new Error('the scan stream ended without a result');
}
