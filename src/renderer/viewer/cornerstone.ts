/**
 * Cornerstone3D set-up for the whole renderer: one initialisation, image ids for File and URL
 * sources, the decoded-image cache budget and the prefetcher every viewport shares.
 */
import * as core from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import * as tools from '@cornerstonejs/tools';
import { loadImage } from './imageLoader';
import { Prefetcher } from './prefetcher';
import { registerViewerTools } from './toolGroup';

/**
 * Decoded-image cache: two 300-slice 512x512 16-bit CTs side by side are 2 x 300 x 512 KiB = 300 MiB;
 * the rest is headroom for float images (scaled MR/PET decode to 4 bytes per pixel) and thumbnails.
 * Prefetch never plans past this budget, so a full cache means LRU eviction of far slices only.
 */
export const CACHE_BUDGET_BYTES = 512 * 1024 * 1024;

let initialised: Promise<void> | null = null;
let sharedPrefetcher: Prefetcher | null = null;

/**
 * How images are drawn. 'auto': WebGL on a real GPU; Cornerstone's CPU (canvas 2D) path when the
 * only WebGL is a software rasterizer (SwiftShader, llvmpipe: VMs, remote desktops, headless CI),
 * where every frame's GPU readback costs more than drawing it on the CPU.
 */
export type RenderingPreference = 'auto' | 'gpu' | 'cpu';

export interface CornerstoneOptions {
  readonly rendering?: RenderingPreference;
  /** Decode web workers (default: one per core, at most 4). */
  readonly decodeWorkers?: number;
}

/**
 * Idempotent: the first call initialises (its options win), later calls (React StrictMode re-runs,
 * other components) get the same promise.
 */
export function initCornerstone(options: CornerstoneOptions = {}): Promise<void> {
  initialised ??= initialise(options).catch((error: unknown) => {
    initialised = null;
    throw error;
  });
  return initialised;
}

async function initialise({ rendering = 'auto', decodeWorkers }: CornerstoneOptions): Promise<void> {
  await core.init();
  const softwareOnly = core.getRenderingCapabilities().softwareRasterizer === true;
  if (rendering === 'cpu' || (rendering === 'auto' && softwareOnly)) core.setUseCPURendering(true, false);
  // The dicom-parser based loader: it parses a file in well under a millisecond on the UI thread,
  // where 5.14's default (dcmjs "naturalized" metadata) takes several; imageLoader.ts wraps it.
  dicomImageLoader.init({
    maxWebWorkers: decodeWorkers && decodeWorkers > 0 ? Math.round(decodeWorkers) : decodeWorkerCount(),
    useLegacyMetadataProvider: true,
  });
  for (const scheme of ['dicomfile', 'wadouri']) core.registerImageLoader(scheme, loadImage);
  tools.init();
  registerViewerTools();
  silenceDuplicateCacheRejections();
  core.cache.setMaxCacheSize(CACHE_BUDGET_BYTES);
}

/**
 * Compressed frames decode in web workers (uncompressed grey ones on the UI thread, see
 * imageLoader.ts); one per core (at most 4) decodes a compressed series as fast as the machine allows.
 */
function decodeWorkerCount(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, cores));
}

/**
 * Loads started at once by prefetch: as many as Chromium keeps connections per host. More would load a
 * whole served series faster (16 at a time fetched the CT's 275 files in ~4.5 s against ~7 s), but a
 * slice the reader jumps to then waits behind that many loads already started, each also decoding on
 * the UI thread as it arrives ("go to" a lesion in the app: 392 ms with 16, 189 ms with 6, 167 ms
 * with 4; reading-flow bench). The reader's wait comes first. Picked files are read in a worker,
 * where these reads overlap with decoding on the UI thread.
 */
const PREFETCH_IN_FLIGHT = 6;

/** One prefetcher for all viewports, so two stacks share the decode workers fairly. */
export function prefetcher(): Prefetcher {
  sharedPrefetcher ??= new Prefetcher(
    {
      load: (imageId) =>
        core.imageLoader.loadAndCacheImage(imageId, {
          priority: 0,
          requestType: core.Enums.RequestType.Prefetch,
        }),
      isCached: (imageId) => core.cache.isLoaded(imageId),
      evict: (imageId) => core.cache.removeImageLoadObject(imageId, { force: true }),
    },
    PREFETCH_IN_FLIGHT,
  );
  return sharedPrefetcher;
}

const fileImageIds = new WeakMap<Blob, string>();

/**
 * Image id for a picked File (web mode): `dicomfile:N`, or `dicomfile:N?frame=k` for frame
 * `frameIndex` (0-based, as in FrameRef) of a multi-frame instance. The file is registered with the
 * loader once, so all frames of one file share one read.
 */
export function imageIdForFile(file: Blob, frameIndex?: number): string {
  let base = fileImageIds.get(file);
  if (base === undefined) {
    base = dicomImageLoader.wadouri.fileManager.add(file);
    fileImageIds.set(file, base);
  }
  return withFrame(base, frameIndex);
}

/**
 * Image id for a DICOM file served over HTTP (Electron's DICOM protocol, the web dev server):
 * `wadouri:<url>`, or with `frame=k` for frame `frameIndex` (0-based) of a multi-frame instance.
 */
export function imageIdForUrl(url: string, frameIndex?: number): string {
  return withFrame(`wadouri:${url}`, frameIndex);
}

/** The loader's `frame=` parameter is 1-based (wadouri/parseImageId subtracts one). */
function withFrame(base: string, frameIndex: number | undefined): string {
  if (frameIndex === undefined) return base;
  if (!Number.isInteger(frameIndex) || frameIndex < 0) {
    throw new RangeError(`frame index must be a whole number >= 0, got ${frameIndex}`);
  }
  return `${base}${base.includes('?') ? '&' : '?'}frame=${frameIndex + 1}`;
}

/** Bytes of decoded images in Cornerstone's cache. */
export function cachedBytes(): number {
  return core.cache.getCacheSize();
}

export function isImageCached(imageId: string): boolean {
  return core.cache.isLoaded(imageId);
}

/**
 * `loadAndCacheImage` hands the load promise to `cache.putImageLoadObject`, whose returned promise
 * re-throws a failed load and is never awaited: every image that cannot be decoded would surface as
 * an unhandled rejection although the viewport already handles the same failure (and shows it).
 * Mark that duplicate as handled; the load promise itself still rejects for its real consumers.
 */
function silenceDuplicateCacheRejections(): void {
  const put = core.cache.putImageLoadObject.bind(core.cache);
  core.cache.putImageLoadObject = (imageId, imageLoadObject) => {
    const stored = put(imageId, imageLoadObject);
    stored.catch(() => undefined);
    return stored;
  };
}
