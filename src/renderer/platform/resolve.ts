import type { PlatformBridge } from '../../platform/bridge';
import { createWebPlatform } from './web';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    recistPlatform?: PlatformBridge;
  }
}

export function resolvePlatform(): PlatformBridge {
  return window.recistPlatform ?? createWebPlatform(__APP_VERSION__);
}
