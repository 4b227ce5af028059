/**
 * The image loader registered for `dicomfile:` and `wadouri:` ids: dicom-image-loader's wadouri loader
 * (its file reads, parser, metadata and decode workers), with two changes that matter for a whole CT
 * series:
 * - a native (uncompressed little endian) grey frame is decoded on the UI thread straight from the
 *   parsed file, in one pass (nativePixels.ts), instead of a round trip through a decode worker that
 *   copies the pixels four times;
 * - once a single-frame image is decoded its file bytes are dropped (see `dropPixelBytes`).
 */
import * as core from '@cornerstonejs/core';
import dicomImageLoader from '@cornerstonejs/dicom-image-loader';
import { parseDicom, type DataSet } from 'dicom-parser';
import {
  decodeNativeGrey,
  isNativeGreyLayout,
  NATIVE_LITTLE_ENDIAN_SYNTAXES,
  nativeFrameBytes,
  type NativeFrameLayout,
  type Rescale,
} from './nativePixels';
import type { ReadRequest } from './fileReadWorker';

type LoaderOptions = Record<string, unknown>;
type LoadImage = (imageId: string, options?: LoaderOptions) => core.Types.IImageLoadObject;
type LoadRequest = Parameters<typeof dicomImageLoader.wadouri.dataSetCacheManager.load>[1];

const PIXEL_DATA_TAGS = ['x7fe00010', 'x7fe00008', 'x7fe00009'];

export function loadImage(imageId: string, options: LoaderOptions = {}): core.Types.IImageLoadObject {
  const { wadouri } = dicomImageLoader;
  const { scheme, url, pixelDataFrame } = wadouri.parseImageId(imageId);
  const loadRequest =
    scheme === 'dicomfile'
      ? (readPickedFile as unknown as LoadRequest)
      : (servedFileLoader(url, options) ?? (wadouri.getLoaderForScheme(scheme) as LoadRequest | undefined));
  // Frames of a multi-frame file, volume loads into a shared buffer and unknown schemes: unchanged.
  if (pixelDataFrame !== undefined || options['targetBuffer'] || !loadRequest) {
    return dropPixelBytes(imageId, (wadouri.loadImage as unknown as LoadImage)(imageId, options));
  }
  const manager = wadouri.dataSetCacheManager;
  const started = performance.now();
  const dataSetPromise = manager.load(url, loadRequest, imageId) as Promise<DataSet>;
  const promise = dataSetPromise.then((dataSet) => {
    const loadedAt = performance.now();
    const image = nativeImage(imageId, dataSet);
    if (!image) {
      // Not `dataSetPromise`: a closure of this scope naming it would keep it (and the whole file it
      // resolved to) alive for as long as `decache` below, i.e. as long as the image is cached.
      const viaWorker = wadouri.loadImageFromPromise(Promise.resolve(dataSet), imageId, 0, url, options);
      return dropPixelBytes(imageId, viaWorker).promise;
    }
    image.loadTimeInMS = loadedAt - started;
    image.decodeTimeInMS = performance.now() - loadedAt;
    (image as core.Types.IImage & { totalTimeInMS?: number }).totalTimeInMS = performance.now() - started;
    (image as core.Types.IImage & { data?: DataSet }).data = headerOnlyDataSet(imageId) ?? dataSet;
    return image;
  });
  return {
    promise,
    cancelFn: undefined,
    decache: () => manager.unload(url),
  };
}

/** Reads in flight in the read worker (picked files, served files), by request id. */
const reads = new Map<number, { resolve: (buffer: ArrayBuffer) => void; reject: (error: Error) => void }>();
let readWorker: Worker | null = null;
let nextRead = 0;

/** Sends one read to the worker; `request` is the message without its id. */
function readInWorker(request: DistributiveOmit<ReadRequest, 'id'>): Promise<ArrayBuffer> {
  if (!readWorker) {
    readWorker = new Worker(new URL('./fileReadWorker.ts', import.meta.url), { type: 'module' });
    readWorker.onmessage = (event: MessageEvent<{ id: number; buffer?: ArrayBuffer; error?: string }>) => {
      const { id, buffer, error } = event.data;
      const read = reads.get(id);
      reads.delete(id);
      if (buffer) read?.resolve(buffer);
      else read?.reject(new Error(error ?? 'read failed'));
    };
  }
  const id = nextRead++;
  const worker = readWorker;
  return new Promise((resolve, reject) => {
    reads.set(id, { resolve, reject });
    worker.postMessage({ ...request, id });
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The loader's own `dicomfile:` read (a FileReader on the UI thread) through the worker: the blob's
 * bytes are copied into the ArrayBuffer there, a slice's worth of UI-thread time per file.
 */
function readPickedFile(uri: string): Promise<ArrayBuffer> {
  const file = dicomImageLoader.wadouri.fileManager.get(Number.parseInt(uri, 10));
  if (!file) return Promise.reject(new Error(`no picked file ${uri}`));
  return readInWorker({ file });
}

/**
 * The loader's XHR for an http(s) `wadouri:` URL, fetched in the worker instead. Prefetch goes at
 * low priority, so a slice the reader asks for passes the prefetch queued in Chromium's connection
 * pool (six connections per HTTP/1.1 host). Other schemes (the desktop app's recist-dicom:) keep
 * the loader's XHR.
 */
function servedFileLoader(url: string, options: LoaderOptions): LoadRequest | undefined {
  if (!/^https?:/i.test(url)) return undefined;
  const priority: RequestPriority = options['requestType'] === 'prefetch' ? 'low' : 'high';
  return ((uri: string) => readInWorker({ url: uri, priority })) as unknown as LoadRequest;
}

/**
 * The image Cornerstone's createImage would build for a native grey frame, or null when the frame
 * needs the worker (compressed, colour, PET/RT dose scaling, a modality LUT table...).
 */
function nativeImage(imageId: string, dataSet: DataSet): core.Types.IImage | null {
  const syntax = dataSet.string('x00020010')?.trim();
  const element = dataSet.elements['x7fe00010'];
  if (!syntax || !NATIVE_LITTLE_ENDIAN_SYNTAXES.has(syntax) || !element || element.encapsulatedPixelData)
    return null;
  if ((dataSet.intString('x00280008') ?? 1) > 1) return null;

  const { metaData, utilities, Enums } = core;
  const M = Enums.MetadataModules;
  const pixel = metaData.get(M.IMAGE_PIXEL, imageId) as
    (core.Types.ImagePixelModule & { rows: number; columns: number }) | undefined;
  if (!pixel) return null;
  const layout: NativeFrameLayout = {
    rows: pixel.rows,
    columns: pixel.columns,
    samplesPerPixel: pixel.samplesPerPixel,
    bitsAllocated: pixel.bitsAllocated,
    bitsStored: pixel.bitsStored,
    pixelRepresentation: pixel.pixelRepresentation,
    photometricInterpretation: pixel.photometricInterpretation,
  };
  if (!isNativeGreyLayout(layout)) return null;
  const frameBytes = nativeFrameBytes(layout);
  if (element.dataOffset + frameBytes > dataSet.byteArray.length) return null;

  const modalityLut = (metaData.get(M.MODALITY_LUT, imageId) ?? {}) as {
    rescaleSlope?: number;
    rescaleIntercept?: number;
    modalityLUTSequence?: unknown[];
  };
  if (modalityLut.modalityLUTSequence && modalityLut.modalityLUTSequence.length > 0) return null;
  const series = (metaData.get(M.GENERAL_SERIES, imageId) ?? {}) as { modality?: string };
  // The worker scales PET to SUV and RT dose by its grid scaling: left to it.
  if (series.modality === 'PT' || series.modality === 'RTDOSE') return null;
  const slope = modalityLut.rescaleSlope ?? 1;
  const intercept = modalityLut.rescaleIntercept ?? 0;
  const rescale: Rescale | null = slope === 1 && intercept === 0 ? null : { slope, intercept };

  const frame = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + frameBytes);
  const decoded = decodeNativeGrey(frame, layout, rescale, core.canRenderFloatTextures());
  const { pixelData, min, max } = decoded;

  const plane = (metaData.get(M.IMAGE_PLANE, imageId) ?? {}) as Partial<core.Types.ImagePlaneModule>;
  const voi = (metaData.get(M.VOI_LUT, imageId) ?? {}) as {
    windowCenter?: number[];
    windowWidth?: number[];
    voiLUTFunction?: string[] | string;
    voiLutFunction?: string;
    voiLUTSequence?: core.Types.CPUFallbackLUT[];
  };
  const calibration = (metaData.get(M.CALIBRATION, imageId) ?? {}) as core.Types.IImageCalibration;
  const preScale = decoded.scaled
    ? {
        enabled: true,
        scaled: true,
        scalingParameters: { rescaleSlope: slope, rescaleIntercept: intercept, modality: series.modality },
      }
    : undefined;
  const imageFrame = {
    ...(dicomImageLoader.getImageFrame(imageId) as object),
    pixelData,
    pixelDataLength: pixelData.length,
    smallestPixelValue: min,
    largestPixelValue: max,
    preScale,
  } as unknown as core.Types.IImageFrame;
  const voxelManager = utilities.VoxelManager.createImageVoxelManager({
    scalarData: pixelData,
    width: layout.columns,
    height: layout.rows,
    numberOfComponents: 1,
  });
  let windowCenter = voi.windowCenter?.[0];
  let windowWidth = voi.windowWidth?.[0];
  if (windowCenter === undefined || windowWidth === undefined) {
    ({ windowCenter, windowWidth } = utilities.windowLevel.toWindowLevel(min, max));
  }
  const voiFunction =
    (Array.isArray(voi.voiLUTFunction) ? voi.voiLUTFunction[0] : voi.voiLUTFunction) ?? voi.voiLutFunction;
  const image: core.Types.IImage = {
    imageId,
    dataType: pixelData.constructor.name as core.Types.PixelDataTypedArrayString,
    color: false,
    calibration,
    columnPixelSpacing: plane.columnPixelSpacing as number,
    rowPixelSpacing: plane.rowPixelSpacing as number,
    columns: layout.columns,
    rows: layout.rows,
    width: layout.columns,
    height: layout.rows,
    preScale,
    intercept: intercept || 0,
    slope: slope || 1,
    invert: layout.photometricInterpretation === 'MONOCHROME1',
    minPixelValue: min,
    maxPixelValue: max,
    sizeInBytes: pixelData.byteLength,
    windowCenter,
    windowWidth,
    voiLUTFunction: (voiFunction || undefined) as core.Enums.VOILUTFunctionType,
    imageFrame,
    voxelManager: voxelManager as core.Types.IVoxelManager<number>,
    rgba: false,
    getPixelData: () => pixelData,
    getCanvas: undefined as unknown as () => HTMLCanvasElement,
    numberOfComponents: 1,
    imageQualityStatus: Enums.ImageQualityStatus.FULL_RESOLUTION,
  };
  if (voi.voiLUTSequence && voi.voiLUTSequence.length > 0) image.voiLUT = voi.voiLUTSequence[0];
  return image;
}

/**
 * The wadouri loader keeps each file's parsed bytes (pixel data included) for as long as its image
 * is cached, which doubles the memory of an uncompressed series. Once a single-frame image is
 * decoded, swap its cached data set for a header-only copy: metadata keeps working, the file bytes
 * are freed, and when the image leaves the cache the loader's decache drops the header too, so a
 * later load reads the file again.
 */
function dropPixelBytes(
  imageId: string,
  loadObject: core.Types.IImageLoadObject,
): core.Types.IImageLoadObject {
  loadObject.promise = loadObject.promise.then((image) => {
    const header = headerOnlyDataSet(imageId);
    if (header) (image as core.Types.IImage & { data?: DataSet }).data = header;
    return image;
  });
  return loadObject;
}

function headerOnlyDataSet(imageId: string): DataSet | null {
  const { wadouri } = dicomImageLoader;
  const { url, frame } = wadouri.parseImageId(imageId);
  // Frames of a multi-frame file share one data set: its bytes stay until the file is decached.
  if (frame !== undefined) return null;
  const manager = wadouri.dataSetCacheManager;
  const dataSet = manager.isLoaded(url) ? manager.get(url) : undefined;
  const pixelTag = dataSet && PIXEL_DATA_TAGS.find((tag) => dataSet.elements[tag]);
  if (!dataSet || !pixelTag || (dataSet.intString('x00280008') ?? 1) > 1) return null;
  const pixelOffset = dataSet.elements[pixelTag]!.dataOffset;
  try {
    const header = parseDicom(dataSet.byteArray.slice(0, pixelOffset), { untilTag: pixelTag });
    delete header.elements[pixelTag];
    manager.update(url, header);
    return header;
  } catch {
    return null; // keep the full data set: correct, only larger
  }
}
