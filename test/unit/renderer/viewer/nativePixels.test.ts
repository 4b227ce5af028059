import { describe, expect, it } from 'vitest';
import {
  decodeNativeGrey,
  isNativeGreyLayout,
  nativeFrameBytes,
  type NativeFrameLayout,
} from '../../../../src/renderer/viewer/nativePixels';

const layout16: NativeFrameLayout = {
  rows: 2,
  columns: 3,
  samplesPerPixel: 1,
  bitsAllocated: 16,
  bitsStored: 12,
  pixelRepresentation: 0,
  photometricInterpretation: 'MONOCHROME2',
};

/** Little-endian 16-bit samples as file bytes, starting `offset` bytes into a larger buffer. */
function bytes16(values: readonly number[], offset = 0): Uint8Array {
  const buffer = new Uint8Array(offset + values.length * 2 + 4);
  const view = new DataView(buffer.buffer);
  values.forEach((value, i) => view.setUint16(offset + i * 2, value & 0xffff, true));
  return buffer.subarray(offset, offset + values.length * 2);
}

describe('decodeNativeGrey', () => {
  it('applies a CT rescale into the smallest array that holds the result (as the decode worker does)', () => {
    const frame = bytes16([0, 24, 1000, 1024, 3000, 4095]);
    const decoded = decodeNativeGrey(frame, layout16, { slope: 1, intercept: -1024 }, true);
    expect(decoded.pixelData).toBeInstanceOf(Int16Array);
    expect([...decoded.pixelData]).toEqual([-1024, -1000, -24, 0, 1976, 3071]);
    expect(decoded).toMatchObject({ min: -1024, max: 3071, scaled: true });
  });

  it('leaves the file bytes untouched, so the frame can be decoded again', () => {
    const frame = bytes16([10, 20, 30, 40, 50, 60]);
    const before = [...frame];
    decodeNativeGrey(frame, layout16, { slope: 2, intercept: -5 }, true);
    expect([...frame]).toEqual(before);
  });

  it('sign-extends signed samples from bits stored', () => {
    // 12 bits stored: 0x0fff is -1, 0x0800 is -2048; the top nibble holds noise.
    const frame = bytes16([0x0fff, 0x0800, 0x07ff, 0xf001, 0, 5]);
    const decoded = decodeNativeGrey(frame, { ...layout16, pixelRepresentation: 1 }, null, true);
    expect([...decoded.pixelData]).toEqual([-1, -2048, 2047, 1, 0, 5]);
    expect(decoded.pixelData).toBeInstanceOf(Int16Array);
    expect(decoded).toMatchObject({ min: -2048, max: 2047, scaled: false });
  });

  it('keeps 16-bit signed samples as they are when all 16 bits are stored', () => {
    const frame = bytes16([-32768, -1, 0, 1, 300, 32767]);
    const decoded = decodeNativeGrey(
      frame,
      { ...layout16, bitsStored: 16, pixelRepresentation: 1 },
      null,
      true,
    );
    expect([...decoded.pixelData]).toEqual([-32768, -1, 0, 1, 300, 32767]);
  });

  it('narrows unscaled values to bytes when they fit, as the worker does', () => {
    const decoded = decodeNativeGrey(bytes16([0, 1, 2, 3, 4, 255]), layout16, null, true);
    expect(decoded.pixelData).toBeInstanceOf(Uint8Array);
    expect([...decoded.pixelData]).toEqual([0, 1, 2, 3, 4, 255]);
  });

  it('decodes a frame that starts at an odd byte offset', () => {
    const frame = bytes16([1, 2, 3, 400, 5, 6], 3);
    expect(frame.byteOffset % 2).toBe(1);
    expect([...decodeNativeGrey(frame, layout16, null, true).pixelData]).toEqual([1, 2, 3, 400, 5, 6]);
  });

  it('applies a fractional rescale as floats, or leaves it to the renderer without float textures', () => {
    const frame = bytes16([0, 1, 2, 3, 4, 5]);
    const floats = decodeNativeGrey(frame, layout16, { slope: 0.5, intercept: 0.25 }, true);
    expect(floats.pixelData).toBeInstanceOf(Float32Array);
    expect([...floats.pixelData]).toEqual([0.25, 0.75, 1.25, 1.75, 2.25, 2.75]);
    expect(floats).toMatchObject({ min: 0.25, max: 2.75, scaled: true });
    const raw = decodeNativeGrey(frame, layout16, { slope: 0.5, intercept: 0.25 }, false);
    expect([...raw.pixelData]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(raw).toMatchObject({ min: 0, max: 5, scaled: false });
  });

  it('reads 8-bit unsigned samples', () => {
    const layout8 = { ...layout16, bitsAllocated: 8, bitsStored: 8 };
    const decoded = decodeNativeGrey(
      new Uint8Array([0, 7, 250, 3, 9, 1]),
      layout8,
      { slope: 1, intercept: -100 },
      true,
    );
    expect(decoded.pixelData).toBeInstanceOf(Int16Array);
    expect([...decoded.pixelData]).toEqual([-100, -93, 150, -97, -91, -99]);
    const small = decodeNativeGrey(
      new Uint8Array([0, 7, 20, 3, 9, 1]),
      layout8,
      { slope: 1, intercept: -100 },
      true,
    );
    expect(small.pixelData).toBeInstanceOf(Int8Array);
  });

  it('refuses a frame shorter than its layout', () => {
    expect(() => decodeNativeGrey(new Uint8Array(10), layout16, null, true)).toThrow(RangeError);
  });
});

describe('isNativeGreyLayout', () => {
  it('takes grey 16-bit and unsigned 8-bit frames only', () => {
    expect(isNativeGreyLayout(layout16)).toBe(true);
    expect(
      isNativeGreyLayout({ ...layout16, photometricInterpretation: 'MONOCHROME1', pixelRepresentation: 1 }),
    ).toBe(true);
    expect(isNativeGreyLayout({ ...layout16, bitsAllocated: 8, bitsStored: 8 })).toBe(true);
    expect(isNativeGreyLayout({ ...layout16, bitsAllocated: 8, bitsStored: 8, pixelRepresentation: 1 })).toBe(
      false,
    );
    expect(isNativeGreyLayout({ ...layout16, photometricInterpretation: 'RGB', samplesPerPixel: 3 })).toBe(
      false,
    );
    expect(isNativeGreyLayout({ ...layout16, bitsAllocated: 32, bitsStored: 32 })).toBe(false);
    expect(isNativeGreyLayout({ ...layout16, bitsAllocated: 1, bitsStored: 1 })).toBe(false);
    expect(isNativeGreyLayout({ ...layout16, bitsStored: 17 })).toBe(false);
  });

  it('counts the bytes of one frame', () => {
    expect(nativeFrameBytes(layout16)).toBe(12);
    expect(nativeFrameBytes({ ...layout16, rows: 512, columns: 512 })).toBe(524288);
  });
});
