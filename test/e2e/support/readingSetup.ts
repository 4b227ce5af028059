/** Steps that put the app into a reading state, shared by the reading-room end-to-end tests. */
import { expect, type Page } from '@playwright/test';
import { drag, NODULE_PIXEL, noduleSlice } from '../measure.helpers';
import { signInAsNewReader } from './accounts';
import { readingPagePoint } from './readingPage';

/** Imports a folder through "Import path…" and dismisses the report, expecting no rejects. */
export async function importPath(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'Import path…' }).click();
  await page.getByTestId('import-path-input').fill(path);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('report-rejected')).toHaveText('0');
  await page.getByRole('button', { name: 'Dismiss' }).click();
}

/** Reading mode, signed in as a new reader account; then the subject's read is started (or opened). */
export async function startRead(
  page: Page,
  { reader = 'Dr Test Reader', subject = 'LIDC-IDRI-0314', enrollmentDate = '2000-01-03' } = {},
): Promise<void> {
  await page.getByTestId('mode-reading').click();
  await signInAsNewReader(page, reader);
  await page.getByTestId('subject-select').selectOption({ label: subject });
  await page.getByTestId('start-read').click();
  if (enrollmentDate) await page.getByTestId('subject-enrollmentDate').fill(enrollmentDate);
}

/** Shows the slice where the right-lung nodule is largest in reading viewport `index`; returns it. */
export async function showNoduleSlice(page: Page, index: number): Promise<number> {
  await page.waitForFunction((index) => (window.__recistViewer?.getSliceCount(index) ?? 0) > 0, index);
  const slice = await noduleSlice(page, index, true);
  await page.evaluate(({ index, slice }) => window.__recistViewer!.showSlice(slice, index), { index, slice });
  return slice;
}

/** Draws across the nodule, `halfWidth` pixels either side of its centre, in reading viewport `index`. */
export async function measureNodule(page: Page, index: number, halfWidth: number): Promise<void> {
  const from = await readingPagePoint(page, index, NODULE_PIXEL.column - halfWidth, NODULE_PIXEL.row);
  const to = await readingPagePoint(page, index, NODULE_PIXEL.column + halfWidth, NODULE_PIXEL.row);
  await drag(page, from, to);
}

/** Picks the first location the dialog offers for `query` and confirms it. */
export async function chooseLocation(page: Page, query: string): Promise<void> {
  const dialog = page.getByTestId('location-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('location-search').fill(query);
  await dialog.getByRole('option').first().click();
  await dialog.getByTestId('location-ok').click();
  await expect(dialog).toBeHidden();
}
