/**
 * `window.__recistViewer`: a small handle for end-to-end tests and the viewer bench (dev/web mode
 * only). Slice indices are 0-based; the overlay shows them 1-based.
 */
import { getShouldUseCPURendering } from '@cornerstonejs/core';
import { CACHE_BUDGET_BYTES, cachedBytes, prefetcher } from './cornerstone';
import type { ViewportState, WindowLevel } from './types';
import { isSliceCached, type ViewportController } from './ViewportController';

export interface RecistViewerDebugHandle {
  viewportCount(): number;
  activeViewport(): number;
  getState(viewport?: number): ViewportState | null;
  getSliceIndex(viewport?: number): number;
  getSliceCount(viewport?: number): number;
  setSlice(index: number, viewport?: number): void;
  /** Sets the slice and resolves once it has been drawn (or failed), with the time it took in ms. */
  showSlice(index: number, viewport?: number): Promise<number>;
  getVoi(viewport?: number): WindowLevel | null;
  isSliceCached(index: number, viewport?: number): boolean;
  /** Slices of the viewport's series currently decoded and cached. */
  cachedSliceCount(viewport?: number): number;
  cachedBytes(): number;
  /** The decoded-image cache's byte budget. */
  cacheBudgetBytes(): number;
  /** Slices the prefetcher has evicted because no viewport's plan kept them. */
  evictedSlices(): number;
  /** Resolves when the prefetcher has nothing left to load. */
  prefetchIdle(): Promise<void>;
  /** How images are drawn: WebGL, or Cornerstone's CPU (canvas 2D) path. */
  renderingPath(): 'gpu' | 'cpu';
}

declare global {
  interface Window {
    __recistViewer?: RecistViewerDebugHandle;
  }
}

export function installDebugHandle(
  controllers: () => readonly (ViewportController | null)[],
  active: () => number,
): () => void {
  const controller = (viewport?: number): ViewportController | null =>
    controllers()[viewport ?? active()] ?? null;
  const handle: RecistViewerDebugHandle = {
    viewportCount: () => controllers().filter(Boolean).length,
    activeViewport: active,
    getState: (viewport) => controller(viewport)?.getState() ?? null,
    getSliceIndex: (viewport) => controller(viewport)?.getState().sliceIndex ?? -1,
    getSliceCount: (viewport) => controller(viewport)?.getState().sliceCount ?? 0,
    setSlice: (index, viewport) => controller(viewport)?.setSlice(index),
    showSlice(index, viewport) {
      const target = controller(viewport);
      if (!target) return Promise.reject(new Error(`no viewport ${viewport ?? active()}`));
      const started = performance.now();
      return new Promise((resolve) => {
        const done = (state: ViewportState) => {
          if (state.sliceIndex !== index || !(state.rendered || state.error)) return false;
          unsubscribe();
          resolve(performance.now() - started);
          return true;
        };
        const unsubscribe = target.subscribe(done);
        target.setSlice(index);
        done(target.getState());
      });
    },
    getVoi: (viewport) => controller(viewport)?.getState().windowLevel ?? null,
    isSliceCached: (index, viewport) => isSliceCached(controller(viewport)?.getSeries() ?? null, index),
    cachedSliceCount(viewport) {
      const series = controller(viewport)?.getSeries() ?? null;
      return series ? series.imageIds.filter((_, i) => isSliceCached(series, i)).length : 0;
    },
    cachedBytes,
    cacheBudgetBytes: () => CACHE_BUDGET_BYTES,
    evictedSlices: () => prefetcher().evicted,
    prefetchIdle: () => prefetcher().whenIdle(),
    renderingPath: () => (getShouldUseCPURendering() ? 'cpu' : 'gpu'),
  };
  window.__recistViewer = handle;
  return () => {
    if (window.__recistViewer === handle) delete window.__recistViewer;
  };
}
