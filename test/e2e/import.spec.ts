import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { keepScreenshot } from './support/artifacts';
import { brightFraction } from './support/pixels';

const DATA = resolve(process.cwd(), '../shared/data');

test('import the chest CT through the UI, read it at slice 138 in the lung window, and find it again after a reload', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('study-list-empty')).toBeVisible();

  await page.getByTestId('import-folder-input').setInputFiles(resolve(DATA, 'ct-chest-lidc-0314'));
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report.getByTestId('report-imported')).toHaveText('275');
  await expect(report.getByTestId('report-rejected')).toHaveText('0');

  const studies = page.getByTestId('study-row');
  await expect(studies).toHaveCount(1);
  await expect(studies.first().getByTestId('study-series-count')).toHaveText('1 series · 275 images');
  await studies.first().click();
  const series = page.getByTestId('series-row');
  await expect(series).toHaveCount(1);
  await expect(series.getByTestId('series-image-count')).toHaveText('275 images');
  await series.click();

  const viewport = page.getByTestId('viewport-0');
  await expect(viewport.getByTestId('slice-index')).toContainText('/ 275');
  await page.waitForFunction(() => window.__recistViewer?.getSliceCount() === 275);
  await page.evaluate(() => window.__recistViewer!.showSlice(137));
  await page.getByTestId('preset-lung').click();
  await expect(viewport.getByTestId('slice-index')).toContainText('138 / 275');
  await expect(viewport.getByTestId('window-level')).toContainText('1500');
  await expect(viewport.getByTestId('window-level')).toContainText('-600');
  const canvas = viewport.getByTestId('viewport-canvas');
  await expect.poll(() => brightFraction(page, canvas), { timeout: 20_000 }).toBeGreaterThan(0.15);
  await keepScreenshot(page, testInfo, 'ct-slice-138-lung');

  await page.reload();
  await expect(page.getByTestId('study-row')).toHaveCount(1);
  await expect(page.getByTestId('study-row').first().getByTestId('study-series-count')).toHaveText(
    '1 series · 275 images',
  );
  // Picked files do not survive a reload: the series says so, and opening the folder again re-attaches
  // them without importing anything twice.
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').click();
  await expect(page.getByTestId('viewer-problems')).toContainText('open the same folder again');
  await keepScreenshot(page, testInfo, 'after-reload');
  await page.getByTestId('import-folder-input').setInputFiles(resolve(DATA, 'ct-chest-lidc-0314'));
  await expect(page.getByTestId('report-imported')).toHaveText('0');
  await expect(page.getByTestId('viewer-problems')).toHaveCount(0);
  await expect(page.getByTestId('viewport-0').getByTestId('slice-index')).toContainText('/ 275');
});

test('a folder imported by path in web mode still shows its images after a reload', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import path…' }).click();
  await page.getByTestId('import-path-input').fill(resolve(DATA, 'mr-brain-brainix'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('report-rejected')).toHaveText('0');
  await page.reload();
  await page.getByTestId('study-row').first().click();
  await expect(page.getByTestId('series-row')).toHaveCount(2);
  await page.getByTestId('series-row').first().click();
  const viewport = page.getByTestId('viewport-0');
  await expect(viewport.getByTestId('slice-index')).toContainText('/ 22');
  await expect
    .poll(() => brightFraction(page, viewport.getByTestId('viewport-canvas')), { timeout: 20_000 })
    .toBeGreaterThan(0.05);
  await keepScreenshot(page, testInfo, 'mr-by-path-after-reload');
});

test('importing the edge cases lists every rejected file with its reason and the app keeps working', async ({
  page,
}, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.getByTestId('import-folder-input').setInputFiles(resolve(DATA, 'edge-cases'));
  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const rejections = report.getByTestId('rejections').locator('li');
  expect(await rejections.count()).toBeGreaterThan(10);
  await expect(rejections.filter({ hasText: 'MR_truncated.dcm' })).toContainText(/truncated/i);
  await expect(rejections.filter({ hasText: 'README.txt' })).toContainText('not a DICOM file');
  await expect(rejections.filter({ hasText: 'rtplan.dcm' }).first()).toContainText('no pixel data');
  await keepScreenshot(page, testInfo, 'edge-case-report');

  // Still working: the images that were fine are listed and one opens.
  expect(Number(await report.getByTestId('report-imported').textContent())).toBeGreaterThan(0);
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  await expect(page.getByTestId('viewport-0')).toBeVisible();
  expect(errors).toEqual([]);
});
