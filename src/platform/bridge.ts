/**
 * The one contract between the renderer and whatever hosts it. Implemented by the Electron preload
 * (IPC to the main process) and by renderer/platform/web.ts (plain browser). The renderer never asks
 * which one it has; it asks what the bridge can do (`capabilities`).
 */
import type { HeadToSign } from '../core/audit/signing';
import type { IndexedInstance, Rejection } from '../core/dicom/model';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly host: 'electron' | 'web';
}

export interface ScanProgress {
  /** Files looked at so far (DICOM or not). */
  readonly scanned: number;
  readonly imported: number;
  readonly rejected: number;
}

/** Streamed while a path scan runs; the renderer stores each batch as it arrives. */
export interface ScanBatch {
  readonly instances: readonly IndexedInstance[];
  readonly rejected: readonly Rejection[];
  readonly progress: ScanProgress;
}

export interface ScanSummary {
  readonly progress: ScanProgress;
  readonly cancelled: boolean;
}

/**
 * What a host streams while a path scan runs (over IPC in Electron, as JSON Lines from the web
 * bridge), in order: batches, then exactly one end event.
 */
export type ScanEvent =
  | { readonly type: 'batch'; readonly batch: ScanBatch }
  | { readonly type: 'done'; readonly summary: ScanSummary }
  | { readonly type: 'error'; readonly message: string };

export interface PlatformCapabilities {
  /** Can scan absolute paths on disk (Electron main process, or the web dev server). */
  readonly pathScan: boolean;
  /** Has a native folder dialog. */
  readonly nativeFolderDialog: boolean;
}

/**
 * The installation's audit signing key (ECDSA P-256). The private key never leaves its host (a
 * non-extractable WebCrypto key, or Electron's safeStorage in the main process), and the host signs
 * only core's headMessage of a checked head (core/audit/signing.ts), never bytes the page chooses.
 */
export interface AuditKey {
  /** The public key: an uncompressed P-256 point (65 bytes), hex. Created on first use, then the same. */
  publicKey(): Promise<string>;
  /** Signs the head; resolves the IEEE P1363 signature (r || s, 64 bytes), hex. Rejects a malformed head. */
  signHead(head: HeadToSign): Promise<string>;
}

export interface PlatformBridge {
  readonly capabilities: PlatformCapabilities;
  getAppInfo(): Promise<AppInfo>;
  /** Native folder dialog; resolves null when the user cancels. Only with capabilities.nativeFolderDialog. */
  chooseFolder(): Promise<string | null>;
  /** Scans files and folders (recursively, DICOMDIR-aware) outside the UI thread. Only with capabilities.pathScan. */
  scanPaths(
    paths: readonly string[],
    onBatch: (batch: ScanBatch) => void,
    signal?: AbortSignal,
  ): Promise<ScanSummary>;
  /** Which of these indexed paths still exist and are readable. */
  checkPaths(paths: readonly string[]): Promise<readonly boolean[]>;
  /** The URL the image loader fetches an indexed file's bytes from (only indexed files are served). */
  fileUrl(path: string): string;
  /** Saves an export; resolves the saved location, or null when the user cancels. */
  saveFile(suggestedName: string, contents: string | Uint8Array, mimeType: string): Promise<string | null>;
  /** Signs audit trail heads with this installation's key. */
  readonly auditKey: AuditKey;
}

/**
 * The members of PlatformBridge as a runtime list, checked both ways by the compiler (a member
 * added to the interface and not here, or here and not there, fails to build): what each host's
 * exposed object is tested against.
 */
export const PLATFORM_BRIDGE_MEMBERS = Object.keys({
  capabilities: true,
  getAppInfo: true,
  chooseFolder: true,
  scanPaths: true,
  checkPaths: true,
  fileUrl: true,
  saveFile: true,
  auditKey: true,
} satisfies Record<keyof PlatformBridge, true>) as readonly (keyof PlatformBridge)[];
