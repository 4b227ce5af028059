/**
 * Pixels of an uncompressed (native, little endian) grey frame turned into what Cornerstone's decode
 * worker would return for it, on the UI thread and in one pass. Sending such a frame to a worker costs
 * more than decoding it: the loader copies the frame out of the file, structured-clones it to the
 * worker and back, then copies it once more into its final typed array (about four 512 KiB copies per
 * CT slice, all but one on the UI thread). Pure, so it is unit-tested in Node against the worker's rules
 * (dicom-image-loader 5.14: decodeLittleEndian + postProcessDecodedPixels).
 */

export const NATIVE_LITTLE_ENDIAN_SYNTAXES: ReadonlySet<string> = new Set([
  '1.2.840.10008.1.2', // implicit VR little endian
  '1.2.840.10008.1.2.1', // explicit VR little endian
]);

export interface NativeFrameLayout {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: number;
  readonly photometricInterpretation: string;
}

/** Modality LUT as a linear rescale; null when the image has none (slope 1, intercept 0). */
export interface Rescale {
  readonly slope: number;
  readonly intercept: number;
}

export type GreyPixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Float32Array;

export interface NativePixels {
  readonly pixelData: GreyPixelArray;
  /** Smallest and largest value after the rescale (the image's minPixelValue / maxPixelValue). */
  readonly min: number;
  readonly max: number;
  /** Whether the rescale was applied to the values (Cornerstone's `preScale.scaled`). */
  readonly scaled: boolean;
}

/**
 * Whether a frame with this layout can take the UI-thread path: one grey sample of 16 bits (signed
 * or not) or unsigned 8 bits. Anything else (colour, 1-bit, 32-bit, signed 8-bit, whose worker
 * handling has quirks of its own) stays on the worker path.
 */
export function isNativeGreyLayout(layout: NativeFrameLayout): boolean {
  const grey =
    layout.photometricInterpretation === 'MONOCHROME1' || layout.photometricInterpretation === 'MONOCHROME2';
  const depthOk =
    (layout.bitsAllocated === 16 && (layout.pixelRepresentation === 0 || layout.pixelRepresentation === 1)) ||
    (layout.bitsAllocated === 8 && layout.pixelRepresentation === 0);
  return (
    grey &&
    depthOk &&
    layout.samplesPerPixel === 1 &&
    layout.rows > 0 &&
    layout.columns > 0 &&
    layout.bitsStored > 0 &&
    layout.bitsStored <= layout.bitsAllocated
  );
}

/** Bytes one frame of this layout occupies in the file. */
export function nativeFrameBytes(layout: NativeFrameLayout): number {
  return layout.rows * layout.columns * layout.samplesPerPixel * (layout.bitsAllocated / 8);
}

/**
 * Decodes one frame. `frame` holds exactly the frame's bytes and is only read, never written (the
 * file's data set may still be decoded again). `allowFloat` is Cornerstone's `canRenderFloatTextures`:
 * without it a non-integer rescale is left for the renderer to apply, as the worker does.
 */
export function decodeNativeGrey(
  frame: Uint8Array,
  layout: NativeFrameLayout,
  rescale: Rescale | null,
  allowFloat: boolean,
): NativePixels {
  const count = layout.rows * layout.columns;
  if (frame.byteLength < nativeFrameBytes(layout)) {
    throw new RangeError(`frame has ${frame.byteLength} bytes, ${nativeFrameBytes(layout)} expected`);
  }
  // Samples are always read unsigned (one array type per loop keeps the loops monomorphic);
  // signed ones are sign-extended from bitsStored on the fly, as the worker does.
  const samples = layout.bitsAllocated === 8 ? frame.subarray(0, count) : uint16Samples(frame, count);
  const signShift = layout.pixelRepresentation === 1 ? 32 - layout.bitsStored : 0;
  const [rawMin, rawMax] =
    samples instanceof Uint16Array ? range16(samples, signShift) : range8(samples as Uint8Array);

  const floatRescale =
    rescale !== null && (!Number.isInteger(rescale.slope) || !Number.isInteger(rescale.intercept));
  const scale = rescale !== null && (allowFloat || !floatRescale) ? rescale : null;
  const slope = scale?.slope ?? 1;
  const intercept = scale?.intercept ?? 0;
  const min = Math.min(rawMin * slope, rawMax * slope) + intercept;
  const max = Math.max(rawMin * slope, rawMax * slope) + intercept;
  const pixelData = new (arrayTypeFor(min, max))(count);
  if (samples instanceof Uint16Array) convert16(samples, signShift, slope, intercept, pixelData);
  else convert8(samples as Uint8Array, slope, intercept, pixelData);
  return { pixelData, min, max, scaled: scale !== null };
}

function uint16Samples(frame: Uint8Array, count: number): Uint16Array {
  // A 16-bit view needs an even byte offset; files with an odd one are rare enough to pay a copy.
  const bytes = (frame.byteOffset & 1) === 0 ? frame : frame.slice(0, count * 2);
  return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
}

function range16(samples: Uint16Array, signShift: number): [number, number] {
  if (samples.length === 0) return [0, 0];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const value = signShift === 0 ? samples[i]! : (samples[i]! << signShift) >> signShift;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

function range8(samples: Uint8Array): [number, number] {
  if (samples.length === 0) return [0, 0];
  let min = 255;
  let max = 0;
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i]!;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return [min, max];
}

function convert16(
  samples: Uint16Array,
  signShift: number,
  slope: number,
  intercept: number,
  out: GreyPixelArray,
) {
  if (signShift === 0 && slope === 1 && intercept === 0) {
    out.set(samples);
    return;
  }
  for (let i = 0; i < samples.length; i++) {
    const value = signShift === 0 ? samples[i]! : (samples[i]! << signShift) >> signShift;
    out[i] = value * slope + intercept;
  }
}

function convert8(samples: Uint8Array, slope: number, intercept: number, out: GreyPixelArray) {
  if (slope === 1 && intercept === 0) {
    out.set(samples);
    return;
  }
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * slope + intercept;
}

/** dicom-image-loader's getPixelDataTypeFromMinMax: the smallest array that holds [min, max]. */
function arrayTypeFor(
  min: number,
  max: number,
):
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Uint16ArrayConstructor
  | Int16ArrayConstructor
  | Uint32ArrayConstructor
  | Float32ArrayConstructor {
  if (Number.isInteger(min) && Number.isInteger(max)) {
    if (min >= 0) {
      if (max <= 255) return Uint8Array;
      if (max <= 65535) return Uint16Array;
      if (max <= 4294967295) return Uint32Array;
    } else if (min >= -128 && max <= 127) return Int8Array;
    else if (min >= -32768 && max <= 32767) return Int16Array;
  }
  return Float32Array;
}
