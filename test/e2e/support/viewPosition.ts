/** Where a reading viewport is: what the view-memory and "go to" tests compare. */
import { expect, type Page } from '@playwright/test';

export interface ViewPosition {
  readonly slice: number;
  readonly windowLevel: string;
  readonly zoom: string;
  /** Image pixel (column, row) at the middle of the viewport: where the reader has panned to. */
  readonly centre: readonly [number, number];
}

/**
 * Image pixel (column, row) shown at canvas point (x, y) of reading viewport `index`, through the
 * dev-only handle (the inverse of readingPagePoint).
 */
async function pixelAtCanvas(page: Page, index: number, x: number | null, y: number | null) {
  return page.evaluate(
    ({ index, x, y }) => {
      const viewport = window.__recistReading!.handle()!.viewport(index)!.getViewport();
      const element = viewport.element;
      const world = viewport.canvasToWorld([x ?? element.clientWidth / 2, y ?? element.clientHeight / 2]);
      const { origin, direction, spacing } = viewport.getImageData()!;
      const along = (axis: number) =>
        [0, 1, 2].reduce((sum, i) => sum + (world[i]! - origin[i]!) * direction[axis * 3 + i]!, 0);
      return [along(0) / spacing[0]!, along(1) / spacing[1]!] as [number, number];
    },
    { index, x, y },
  );
}

export async function viewPosition(page: Page, index: number): Promise<ViewPosition> {
  const viewport = page.getByTestId(`viewport-${index}`);
  await page.waitForFunction((index) => window.__recistViewer?.getState(index)?.rendered === true, index);
  return {
    slice: await page.evaluate((index) => window.__recistViewer!.getSliceIndex(index), index),
    windowLevel: (await viewport.getByTestId('window-level').textContent()) ?? '',
    zoom: (await viewport.getByTestId('zoom').textContent()) ?? '',
    centre: await pixelAtCanvas(page, index, null, null),
  };
}

/** Waits until reading viewport `index` shows `expected` (the centre within a pixel). */
export async function expectViewPosition(page: Page, index: number, expected: ViewPosition): Promise<void> {
  await expect
    .poll(async () => {
      const now = await viewPosition(page, index);
      const near = (a: number, b: number) => Math.abs(a - b) <= 1;
      return {
        slice: now.slice,
        windowLevel: now.windowLevel,
        zoom: now.zoom,
        centred:
          near(now.centre[0], expected.centre[0]) && near(now.centre[1], expected.centre[1])
            ? 'same centre'
            : `centre ${now.centre.map((v) => v.toFixed(1)).join(', ')}`,
      };
    })
    .toEqual({
      slice: expected.slice,
      windowLevel: expected.windowLevel,
      zoom: expected.zoom,
      centred: 'same centre',
    });
}

/** Pans reading viewport `index` by dragging with the middle button (the viewer's pan binding). */
export async function panBy(page: Page, index: number, dx: number, dy: number): Promise<void> {
  const box = (await page.getByTestId(`viewport-${index}`).getByTestId('viewport-canvas').boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down({ button: 'middle' });
  for (let step = 1; step <= 8; step++) await page.mouse.move(x + (dx * step) / 8, y + (dy * step) / 8);
  await page.mouse.up({ button: 'middle' });
}

/**
 * Where image pixels (column, row) fall in reading viewport `index`, as fractions of its width and
 * height (0..1 is on screen).
 */
export async function screenFractionsOf(
  page: Page,
  index: number,
  pixels: readonly (readonly [number, number])[],
): Promise<[number, number][]> {
  return page.evaluate(
    ({ index, pixels }) => {
      const viewport = window.__recistReading!.handle()!.viewport(index)!.getViewport();
      const element = viewport.element;
      const { origin, direction, spacing } = viewport.getImageData()!;
      return pixels.map(([column, row]) => {
        const world = [0, 1, 2].map(
          (axis) =>
            origin[axis]! +
            column * spacing[0]! * direction[axis]! +
            row * spacing[1]! * direction[3 + axis]!,
        ) as [number, number, number];
        const [x, y] = viewport.worldToCanvas(world);
        return [x / element.clientWidth, y / element.clientHeight] as [number, number];
      });
    },
    { index, pixels },
  );
}
