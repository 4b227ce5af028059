/** Issue 9 item 13: an import started in Reading mode shows its progress and its report there. */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keepScreenshot } from './support/artifacts';
import { CT_DIR, DATA } from './measure.helpers';
import { importPath, startRead } from './support/readingSetup';
import { holdDiskScans } from './support/importSetup';

const MR_DIR = resolve(DATA, 'mr-brain-brainix');

async function openReadOfTheCt(page: Page) {
  await page.goto('/');
  await importPath(page, CT_DIR);
  // No enrolment date: with the baseline its only scan, any later default would be refused.
  await startRead(page, { enrollmentDate: '' });
  await expect(page.getByTestId('timepoint-row')).toHaveCount(1);
}

for (const viewport of [
  { width: 1600, height: 1000 },
  { width: 1280, height: 800 },
]) {
  test(`importing by path in Reading mode shows progress, then the report, beside the images (${viewport.width}x${viewport.height})`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await openReadOfTheCt(page);
    await expect(page.getByTestId('viewport-0')).toBeVisible();

    // The disk scan is held back so the progress can be seen before any file arrives.
    const scans = await holdDiskScans(page);
    await page.getByRole('button', { name: 'Import path…' }).click();
    await page.getByTestId('import-path-input').fill(MR_DIR);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const progress = page.getByTestId('import-progress');
    await expect(progress).toBeVisible();
    await expect(progress).toContainText('Importing');
    await expect(progress).toContainText(MR_DIR);
    await expect(page.getByTestId('mode-reading')).toHaveAttribute('aria-pressed', 'true');
    await keepScreenshot(page, testInfo, `reading-import-progress-${viewport.width}`);
    scans.release();

    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 60_000 });
    await expect(report.getByTestId('report-imported')).toHaveText('44');
    await expect(report.getByTestId('report-rejected')).toHaveText('0');
    await expect(progress).toBeHidden();
    // The report sits beside the images, not over them: the viewport stays uncovered.
    const reportBox = (await report.boundingBox())!;
    const imageBox = (await page.getByTestId('viewport-0').boundingBox())!;
    expect(reportBox.x).toBeGreaterThanOrEqual(imageBox.x + imageBox.width - 1);
    await keepScreenshot(page, testInfo, `reading-import-report-${viewport.width}`);

    await report.getByRole('button', { name: 'Dismiss' }).click();
    await expect(report).toBeHidden();
    await expect(page.getByTestId('mode-reading')).toHaveAttribute('aria-pressed', 'true');
    // The reader is still where they were: the read and its visit are on screen.
    await expect(page.getByTestId('timepoint-row')).toHaveCount(1);
  });
}

test('files dropped on the window in Reading mode show the import report there', async ({ page }) => {
  await openReadOfTheCt(page);
  const names = ['000233.dcm', '000234.dcm'];
  const files = names.map((name) => ({
    name,
    base64: readFileSync(resolve(CT_DIR, name)).toString('base64'),
  }));
  // A browser drop of two files (already indexed: the report counts them as such, none rejected).
  const dataTransfer = await page.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const { name, base64 } of files) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: 'application/dicom' }));
    }
    return transfer;
  }, files);
  await page.dispatchEvent('.reading', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('.reading', 'drop', { dataTransfer });

  const report = page.getByTestId('import-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText('2 files');
  await expect(report.getByTestId('report-rejected')).toHaveText('0');
  await expect(page.getByTestId('mode-reading')).toHaveAttribute('aria-pressed', 'true');
  await report.getByRole('button', { name: 'Dismiss' }).click();
  await expect(report).toBeHidden();
});
