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
  const source = sourceSamples(frame, layout, count);

  let rawMin = Infinity;
  let rawMax = -Infinity;
  for (let i = 0; i < count; i++) {
    const value = source[i]!;
    if (value < rawMin) rawMin = value;
    if (value > rawMax) rawMax = value;
  }
  if (count === 0) rawMin = rawMax = 0;

  const floatRescale =
    rescale !== null && (!Number.isInteger(rescale.slope) || !Number.isInteger(rescale.intercept));
  const scale = rescale !== null && (allowFloat || !floatRescale) ? rescale : null;
  const min = scale ? Math.min(rawMin * scale.slope, rawMax * scale.slope) + scale.intercept : rawMin;
  const max = scale ? Math.max(rawMin * scale.slope, rawMax * scale.slope) + scale.intercept : rawMax;
  const pixelData = new (arrayTypeFor(min, max))(count);
  if (scale) {
    const { slope, intercept } = scale;
    for (let i = 0; i < count; i++) pixelData[i] = source[i]! * slope + intercept;
  } else {
    pixelData.set(source);
  }
  return { pixelData, min, max, scaled: scale !== null };
}

/** The stored values as numbers: sign-extended from bitsStored for signed data, as the worker does. */
function sourceSamples(frame: Uint8Array, layout: NativeFrameLayout, count: number): ArrayLike<number> {
  if (layout.bitsAllocated === 8) return frame.subarray(0, count);
  // A 16-bit view needs an even byte offset; files with an odd one are rare enough to pay a copy.
  const bytes = (frame.byteOffset & 1) === 0 ? frame : frame.slice(0, count * 2);
  const signed = layout.pixelRepresentation === 1;
  const samples = signed
    ? new Int16Array(bytes.buffer, bytes.byteOffset, count)
    : new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  if (!signed || layout.bitsStored >= 16) return samples;
  const shift = 32 - layout.bitsStored;
  const extended = new Int16Array(count);
  for (let i = 0; i < count; i++) extended[i] = (samples[i]! << shift) >> shift;
  return extended;
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
