import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
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
  await testInfo.attach('ct-slice-138-lung', { body: await page.screenshot(), contentType: 'image/png' });

  await page.reload();
  await expect(page.getByTestId('study-row')).toHaveCount(1);
  await expect(page.getByTestId('study-row').first().getByTestId('study-series-count')).toHaveText(
    '1 series · 275 images',
  );
  await testInfo.attach('after-reload', { body: await page.screenshot(), contentType: 'image/png' });
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
  await testInfo.attach('edge-case-report', { body: await page.screenshot(), contentType: 'image/png' });

  // Still working: the images that were fine are listed and one opens.
  expect(Number(await report.getByTestId('report-imported').textContent())).toBeGreaterThan(0);
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  await expect(page.getByTestId('viewport-0')).toBeVisible();
  expect(errors).toEqual([]);
});
