/** A subject with a baseline (2000-01-01) and follow-ups derived from the shared CT, read by a new reader. */
import { expect, type Page } from '@playwright/test';
import { CT_DIR, deriveFollowUp } from '../measure.helpers';
import { chooseLocation, importPath, measureNodule, showNoduleSlice, startRead } from './readingSetup';

/** Imports the CT and one derived follow-up per date (YYYYMMDD), then starts the read. Returns cleanup. */
export async function openReadWithVisits(
  page: Page,
  followUpDates: readonly string[],
  enrollmentDate = '2000-01-03',
): Promise<() => void> {
  const followUps = followUpDates.map((date) => deriveFollowUp(date, false));
  await page.goto('/');
  await importPath(page, CT_DIR);
  for (const followUp of followUps) await importPath(page, followUp.dir);
  await startRead(page, { enrollmentDate });
  return () => followUps.forEach((f) => f.remove());
}

/** T1 on the right-lung nodule at the baseline (the first visit), in viewport 0; returns its slice. */
export async function measureBaselineTarget(page: Page): Promise<number> {
  await page.getByTestId('timepoint-row').nth(0).click();
  const slice = await showNoduleSlice(page, 0);
  await page.getByTestId('add-target').click();
  await measureNodule(page, 0, 16);
  await chooseLocation(page, 'right upper lobe');
  await expect(page.getByTestId('value-T1')).toContainText('mm');
  return slice;
}

/** Measures T1 at visit `index` (prior beside current), `halfWidth` pixels either side of its centre. */
export async function measureTargetAt(page: Page, index: number, slice: number, halfWidth: number) {
  await page.getByTestId('timepoint-row').nth(index).click();
  await expect(page.getByTestId('viewport-1')).toBeVisible();
  await page.getByTestId('lesion-T1').getByRole('button', { name: 'go to' }).click();
  await page.waitForFunction((slice) => window.__recistViewer?.getSliceIndex(1) === slice, slice);
  await page.getByTestId('measure-T1').click();
  await measureNodule(page, 1, halfWidth);
}
