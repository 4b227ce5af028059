import type { Locator, Page } from '@playwright/test';

/**
 * Fraction of pixels in a screenshot of `target` brighter than `threshold` (0-255, max of R,G,B).
 * Decoded in the page with a 2D canvas, so no PNG library is needed; a cheap guard against a black viewport.
 */
export async function brightFraction(page: Page, target: Locator, threshold = 40): Promise<number> {
  const png = await target.screenshot();
  return page.evaluate(
    async ({ base64, threshold }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let bright = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) > threshold) bright++;
      }
      return bright / (data.length / 4);
    },
    { base64: png.toString('base64'), threshold },
  );
}
