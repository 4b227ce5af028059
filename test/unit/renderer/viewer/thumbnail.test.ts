import { describe, expect, it } from 'vitest';
import { thumbnailRgba } from '../../../../src/renderer/viewer/thumbnail';

const pixelAt = (rgba: Uint8ClampedArray, size: number, x: number, y: number) =>
  Array.from(rgba.slice((y * size + x) * 4, (y * size + x) * 4 + 4));

describe('thumbnailRgba', () => {
  it('windows grey values: below the window black, above white', () => {
    // 2x1 image: -1000 HU (air) and 200 HU, soft-tissue window 400/40 -> range -160..239
    const rgba = thumbnailRgba(
      {
        width: 2,
        height: 1,
        pixels: [-1000, 200],
        components: 1,
        windowLevel: { width: 400, center: 40 },
        invert: false,
      },
      2,
    );
    // letterboxed: the 2x1 image fills row 0 (centred rows: offset 0 since floor((2-1)/2) = 0)
    expect(pixelAt(rgba, 2, 0, 0)).toEqual([0, 0, 0, 255]);
    expect(pixelAt(rgba, 2, 1, 0)[0]).toBeGreaterThan(220);
    expect(pixelAt(rgba, 2, 0, 1)).toEqual([0, 0, 0, 255]); // letterbox
  });

  it('inverts MONOCHROME1', () => {
    const rgba = thumbnailRgba(
      {
        width: 1,
        height: 1,
        pixels: [0],
        components: 1,
        windowLevel: { width: 100, center: 50 },
        invert: true,
      },
      1,
    );
    expect(pixelAt(rgba, 1, 0, 0)[0]).toBeGreaterThan(250);
  });

  it('averages source pixels when shrinking (box filter)', () => {
    const pixels = [0, 255, 0, 255, 255, 0, 255, 0, 0, 255, 0, 255, 255, 0, 255, 0]; // 4x4 checkerboard
    const rgba = thumbnailRgba(
      { width: 4, height: 4, pixels, components: 1, windowLevel: { width: 256, center: 128 }, invert: false },
      2,
    );
    for (const [x, y] of [
      [0, 0],
      [1, 1],
    ]) {
      expect(pixelAt(rgba, 2, x!, y!)[0]).toBeGreaterThan(120);
      expect(pixelAt(rgba, 2, x!, y!)[0]).toBeLessThan(135);
    }
  });

  it('copies colour images without windowing', () => {
    const rgba = thumbnailRgba(
      { width: 1, height: 1, pixels: [200, 100, 50], components: 3, windowLevel: null, invert: false },
      1,
    );
    expect(pixelAt(rgba, 1, 0, 0)).toEqual([200, 100, 50, 255]);
  });

  it('computes a window from the pixels when the file has none', () => {
    const pixels = Array.from({ length: 100 }, (_, i) => i * 10);
    const rgba = thumbnailRgba(
      { width: 10, height: 10, pixels, components: 1, windowLevel: null, invert: false },
      10,
    );
    expect(pixelAt(rgba, 10, 0, 0)[0]).toBeLessThan(10);
    expect(pixelAt(rgba, 10, 9, 9)[0]).toBeGreaterThan(245);
  });

  it('returns a black square for an image without enough pixels', () => {
    const rgba = thumbnailRgba(
      { width: 4, height: 4, pixels: [1, 2], components: 1, windowLevel: null, invert: false },
      2,
    );
    expect(Array.from(rgba)).toEqual([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
  });
});
