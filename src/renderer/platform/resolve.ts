import type { PlatformBridge } from '../../platform/bridge';
import { createWebPlatform, detectDiskBridge } from './web';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    recistPlatform?: PlatformBridge;
  }
}

/** Electron's bridge when the preload set one; otherwise the browser's, with disk access if the server offers it. */
export async function resolvePlatform(): Promise<PlatformBridge> {
  if (window.recistPlatform) return window.recistPlatform;
  return createWebPlatform(__APP_VERSION__, await detectDiskBridge());
}
