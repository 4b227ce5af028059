/**
 * Series thumbnails drawn in plain 2D canvas pixels: a decoded image, windowed and box-filtered down
 * to a small square. Pure, so it is unit-tested in Node; it needs no WebGL context per thumbnail.
 */
import type { WindowLevel } from './types';
import { computeWindowFromPixels, windowLevelToRange } from './voi';

export interface ThumbnailSource {
  readonly width: number;
  readonly height: number;
  /** Row-major samples, `components` per pixel (1 = grey, 3 = RGB, 4 = RGBA). */
  readonly pixels: ArrayLike<number>;
  readonly components: number;
  /** Window for grey images; null computes one from the pixels. */
  readonly windowLevel: WindowLevel | null;
  /** MONOCHROME1: low values are white. */
  readonly invert: boolean;
}

/** RGBA pixels of a `size` x `size` thumbnail, the image centred and letterboxed in black. */
export function thumbnailRgba(source: ThumbnailSource, size: number): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(size * size * 4);
  for (let i = 3; i < out.length; i += 4) out[i] = 255;
  const { width, height, pixels, components } = source;
  if (width <= 0 || height <= 0 || size <= 0 || pixels.length < width * height * components) return out;

  const scale = Math.min(size / width, size / height);
  const drawWidth = Math.max(1, Math.round(width * scale));
  const drawHeight = Math.max(1, Math.round(height * scale));
  const offsetX = Math.floor((size - drawWidth) / 2);
  const offsetY = Math.floor((size - drawHeight) / 2);
  const grey = components === 1;
  const window = grey ? (source.windowLevel ?? computeWindowFromPixels(pixels)) : null;
  const range = window ? windowLevelToRange(window) : null;
  const span = range ? Math.max(1e-9, range.upper - range.lower) : 1;
  const toByte = (value: number) => {
    if (!range) return value;
    const level = ((value - range.lower) / span) * 255;
    return source.invert ? 255 - level : level;
  };

  for (let y = 0; y < drawHeight; y++) {
    const y0 = Math.floor((y * height) / drawHeight);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * height) / drawHeight));
    for (let x = 0; x < drawWidth; x++) {
      const x0 = Math.floor((x * width) / drawWidth);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * width) / drawWidth));
      // Box filter: the mean of the source pixels under this thumbnail pixel.
      const sums = [0, 0, 0];
      let count = 0;
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const base = (sy * width + sx) * components;
          if (grey) sums[0]! += pixels[base]!;
          else for (let c = 0; c < 3; c++) sums[c]! += pixels[base + c]!;
          count++;
        }
      }
      const target = ((offsetY + y) * size + offsetX + x) * 4;
      for (let c = 0; c < 3; c++) out[target + c] = toByte((grey ? sums[0]! : sums[c]!) / count);
    }
  }
  return out;
}
