import type { Locator, Page } from '@playwright/test';

export interface Rgba {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel, row by row. */
  readonly data: Uint8Array;
}

/**
 * RGBA pixels of a PNG (screenshot bytes or a data URL), decoded by the page's own image decoder,
 * so the tests need no PNG library. The tests classify the pixels in Node.
 */
export async function decodePng(page: Page, png: Buffer | string): Promise<Rgba> {
  const src = typeof png === 'string' ? png : `data:image/png;base64,${png.toString('base64')}`;
  const { width, height, base64 } = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    // btoa takes a binary string; built in chunks, as spreading megabytes overflows the stack.
    let binary = '';
    for (let i = 0; i < data.length; i += 0x8000)
      binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: image.width, height: image.height, base64: btoa(binary) };
  }, src);
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}

type PixelTest = (r: number, g: number, b: number) => boolean;

/** How many pixels `test(r, g, b)` holds for. */
export function pixelCount({ data }: Rgba, test: PixelTest): number {
  let count = 0;
  for (let i = 0; i < data.length; i += 4) if (test(data[i]!, data[i + 1]!, data[i + 2]!)) count++;
  return count;
}

/** Share of pixels `test(r, g, b)` holds for. */
export function pixelShare(pixels: Rgba, test: PixelTest): number {
  return pixelCount(pixels, test) / (pixels.width * pixels.height);
}

/**
 * Fraction of pixels in a screenshot of `target` brighter than `threshold` (0-255, max of R,G,B):
 * a cheap guard against a black viewport.
 */
export async function brightFraction(page: Page, target: Locator, threshold = 40): Promise<number> {
  const pixels = await decodePng(page, await target.screenshot());
  return pixelShare(pixels, (r, g, b) => Math.max(r, g, b) > threshold);
}
