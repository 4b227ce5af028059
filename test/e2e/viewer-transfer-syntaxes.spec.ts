import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DATA, imagePixels, keepScreenshot, openHarness, waitForSlice } from './viewer.helpers';

const TS_DIR = resolve(DATA, 'transfer-syntaxes');

// 31 screenshots are analysed: a smaller page keeps each one cheap.
test.use({ viewport: { width: 960, height: 720 } });
const fileCount = readdirSync(TS_DIR, { recursive: true, withFileTypes: true }).filter((entry) =>
  entry.isFile(),
).length;

test('every transfer-syntax file shows an image or a clear message in the viewport; multi-frame; an undecodable file', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // The test set shares series UIDs across encodings: one series per file.
  const errors = await openHarness(page, '?perFile=1');
  await page.getByTestId('harness-folder-input').setInputFiles(TS_DIR);
  await expect(page.getByTestId('harness-status')).toHaveText(`${fileCount} series, 0 rejected`);
  const series = await page.evaluate(() => window.__harness!.series);
  expect(series).toHaveLength(fileCount);

  const viewport = page.getByTestId('viewport-0');
  const outcomes: string[] = [];
  for (const [index, { uid, description: file }] of series.entries()) {
    await page.getByTestId(`series-${index}`).click();
    await waitForSlice(page, 0, 0, uid);
    await expect(viewport.getByTestId('series-description')).toHaveText(file);
    const state = await page.evaluate(() => window.__recistViewer!.getState());
    if (state?.error) {
      await expect(viewport.getByTestId('viewport-error')).toBeVisible();
      expect(state.error).toMatch(/^Cannot display this image\. .{10,}/);
      outcomes.push(`${file}: message: ${state.error}`);
      continue;
    }
    const { stats } = await imagePixels(page, viewport);
    expect(stats.nonBlack, `${file} shows an image`).toBeGreaterThan(0.1);
    await expect(viewport.getByTestId('viewport-error')).toHaveCount(0);
    outcomes.push(`${file}: image, ${(stats.nonBlack * 100).toFixed(0)}% non-black`);
    if (/REF|mr-slice-9-syntaxes\/3|JPLY|J2KI/.test(file)) {
      await keepScreenshot(viewport, testInfo, file.replace(/[^a-zA-Z0-9]+/g, '_'));
    }
  }
  await testInfo.attach('outcomes', { body: outcomes.join('\n'), contentType: 'text/plain' });

  await test.step('a multi-frame file: one slice per frame', async () => {
    await page
      .getByTestId('harness-files-input')
      .setInputFiles([resolve(DATA, 'edge-cases/pydicom/SC_rgb_rle_2frame.dcm')]);
    await expect(viewport.getByTestId('slice-index')).toHaveText('Slice 1 / 2');
    await waitForSlice(page, 0);
    const first = (await imagePixels(page, viewport)).stats;
    expect(first.nonBlack).toBeGreaterThan(0.05);
    await viewport.getByTestId('viewport-canvas').click();
    await page.keyboard.press('ArrowDown');
    await expect(viewport.getByTestId('slice-index')).toHaveText('Slice 2 / 2');
    await waitForSlice(page, 1);
    const second = (await imagePixels(page, viewport)).stats;
    expect(second.nonBlack).toBeGreaterThan(0.05);
    await expect(viewport.getByTestId('viewport-error')).toHaveCount(0);
  });

  // Truncated and damaged files are rejected at import (the DICOM core); what reaches the viewer and
  // still fails is an encoding its codecs refuse, e.g. 32-bit RLE.
  await test.step('an undecodable image: a message in the viewport, not a black square', async () => {
    await page
      .getByTestId('harness-files-input')
      .setInputFiles([resolve(DATA, 'edge-cases/pydicom/SC_rgb_rle_32bit.dcm')]);
    await expect(viewport.getByTestId('viewport-error')).toContainText('Cannot display this image');
    await expect(viewport.getByTestId('viewport-error')).toContainText(
      'Its encoding cannot be decoded here.',
    );
    await expect(viewport.getByTestId('viewport-error')).toContainText('RLE Lossless');
    await expect(viewport.getByTestId('series-description')).toContainText('SC_rgb_rle_32bit.dcm');
    await keepScreenshot(viewport, testInfo, 'undecodable-image-message');
  });
  expect(errors).toEqual([]);
});
