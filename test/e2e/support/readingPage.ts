import type { Page } from '@playwright/test';

/**
 * Page coordinates of image pixel (column, row) on the slice the reading workspace's viewport `index`
 * shows (through its dev-only handle): where a test or a bench drags to measure in the app itself.
 */
export async function readingPagePoint(page: Page, index: number, column: number, row: number) {
  const canvas = await page.evaluate(
    ({ index, column, row }) => {
      const viewport = window.__recistReading!.handle()!.viewport(index)!.getViewport();
      const { origin, direction, spacing } = viewport.getImageData()!;
      const world = [0, 1, 2].map(
        (axis) =>
          origin[axis]! + column * spacing[0]! * direction[axis]! + row * spacing[1]! * direction[3 + axis]!,
      ) as [number, number, number];
      return viewport.worldToCanvas(world);
    },
    { index, column, row },
  );
  const box = (await page.getByTestId(`viewport-${index}`).getByTestId('viewport-canvas').boundingBox())!;
  return { x: box.x + canvas[0], y: box.y + canvas[1] };
}
