/** Steps for the reading-room tests of locations, labels, undo and key images. */
import { expect, type Locator, type Page } from '@playwright/test';
import { CT_DIR } from '../measure.helpers';
import { importPath, showNoduleSlice, startRead } from './readingSetup';

/** A baseline read of the shared CT, the nodule slice shown in viewport 0. */
export async function openBaseline(page: Page): Promise<void> {
  await page.goto('/');
  await importPath(page, CT_DIR);
  await startRead(page, { enrollmentDate: '1999-12-20' });
  await expect(page.getByTestId('timepoint-row')).toHaveCount(1);
  await showNoduleSlice(page, 0);
}

/** The on-screen box around every SVG element of the annotations in viewport `index`. */
export async function annotationBox(page: Page, index: number, uidPart = '') {
  return page.getByTestId(`viewport-${index}`).evaluate((viewport, uidPart) => {
    const elements = [...viewport.querySelectorAll('[data-annotation-uid]')].filter((e) =>
      (e.getAttribute('data-annotation-uid') ?? '').includes(uidPart),
    );
    if (elements.length === 0) return null;
    const boxes = elements.map((e) => e.getBoundingClientRect()).filter((b) => b.width + b.height > 0);
    return {
      left: Math.min(...boxes.map((b) => b.left)),
      top: Math.min(...boxes.map((b) => b.top)),
      right: Math.max(...boxes.map((b) => b.right)),
      bottom: Math.max(...boxes.map((b) => b.bottom)),
    };
  }, uidPart);
}

export function intersects(
  a: { left: number; top: number; right: number; bottom: number },
  b: { x: number; y: number; width: number; height: number },
): boolean {
  return a.left < b.x + b.width && b.x < a.right && a.top < b.y + b.height && b.y < a.bottom;
}

/** The texts drawn beside the annotations of viewport `index`. */
export async function annotationTexts(viewport: Locator): Promise<string[]> {
  return viewport.evaluate((element) =>
    [...element.querySelectorAll('[data-annotation-uid] text, [data-annotation-uid] text *')]
      .filter((e) => e.tagName.toLowerCase() === 'text')
      .map((e) => e.textContent ?? ''),
  );
}

/** How many records a table of the read database holds now. */
export async function countRecords(page: Page, store: string): Promise<number> {
  return page.evaluate(async (store) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('recist-workstation');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const count = await new Promise<number>((resolve) => {
      const request = db.transaction(store).objectStore(store).count();
      request.onsuccess = () => resolve(request.result);
    });
    db.close();
    return count;
  }, store);
}
