/** Steps and measures for the reading-room viewer tests (space, toolbar, keyboard). */
import { expect, type Locator, type Page } from '@playwright/test';
import { CT_DIR, deriveFollowUp } from '../measure.helpers';
import { importPath, startRead } from './readingSetup';

/**
 * Imports the CT and a follow-up derived from it (8 weeks later, same frame of reference), starts a
 * read and leaves the baseline open. `remove()` deletes the derived files.
 */
export async function openTwoVisitRead(
  page: Page,
  { enrollmentDate = '2000-01-03' } = {},
): Promise<{ remove(): void }> {
  const followUp = deriveFollowUp('20000226', false);
  await page.goto('/');
  await importPath(page, CT_DIR);
  await importPath(page, followUp.dir);
  await startRead(page, { enrollmentDate });
  await expect(page.getByTestId('timepoint-row')).toHaveCount(2);
  await page.getByTestId('timepoint-row').nth(0).click();
  await waitForViewports(page, 1);
  return followUp;
}

/** Waits until `count` reading viewports have drawn their first image. */
export async function waitForViewports(page: Page, count: number): Promise<void> {
  await page.waitForFunction((count) => {
    const viewer = window.__recistViewer;
    if (!viewer || viewer.viewportCount() !== count) return false;
    return Array.from({ length: count }, (_, i) => viewer.getState(i)?.rendered === true).every(Boolean);
  }, count);
}

/**
 * Screen (CSS) pixels one image pixel spans in reading viewport `index`, the smaller of its two axes:
 * from Cornerstone's worldToCanvas of pixel centres one pixel apart.
 */
export async function screenPixelsPerImagePixel(page: Page, index: number): Promise<number> {
  return page.evaluate((index) => {
    const viewport = window.__recistReading!.handle()!.viewport(index)!.getViewport();
    const { origin, direction, spacing, dimensions } = viewport.getImageData()!;
    const canvasOf = (column: number, row: number) =>
      viewport.worldToCanvas(
        [0, 1, 2].map(
          (axis) =>
            origin[axis]! +
            column * spacing[0]! * direction[axis]! +
            row * spacing[1]! * direction[3 + axis]!,
        ) as [number, number, number],
      );
    const column = Math.floor(dimensions[0]! / 2);
    const row = Math.floor(dimensions[1]! / 2);
    const centre = canvasOf(column, row);
    const right = canvasOf(column + 1, row);
    const below = canvasOf(column, row + 1);
    return Math.min(
      Math.hypot(right[0] - centre[0], right[1] - centre[1]),
      Math.hypot(below[0] - centre[0], below[1] - centre[1]),
    );
  }, index);
}

/**
 * Fails unless every button of `toolbar` lies inside the window and is the element hit at its centre
 * (nothing covers it, nothing clips it).
 */
export async function expectButtonsReachable(page: Page, toolbar: Locator): Promise<void> {
  const window = page.viewportSize()!;
  const buttons = await toolbar.getByRole('button').all();
  expect(buttons.length).toBeGreaterThan(5);
  for (const button of buttons) {
    const name = (await button.getAttribute('data-testid')) ?? (await button.textContent());
    const box = await button.boundingBox();
    expect(box, `${name} has a box`).not.toBeNull();
    expect(box!.x, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box!.y, `${name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `${name} ends inside the window`).toBeLessThanOrEqual(window.width);
    expect(box!.y + box!.height, `${name} ends inside the window`).toBeLessThanOrEqual(window.height);
    const hit = await button.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      return top !== null && element.contains(top);
    });
    expect(hit, `${name} is not covered or clipped`).toBe(true);
  }
}

/** True when `inner`'s box lies within `outer`'s. */
export async function isInside(inner: Locator, outer: Locator): Promise<boolean> {
  const a = (await inner.boundingBox())!;
  const b = (await outer.boundingBox())!;
  return a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;
}
