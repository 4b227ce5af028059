import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CT_DIR, DATA, imagePixels, keepScreenshot, openHarness, waitForSlice } from './viewer.helpers';

test('chest CT: slice 138 in the lung window shows the lungs; scrolling, invert, zoom and reset work', async ({
  page,
}, testInfo) => {
  const errors = await openHarness(page);
  await page.getByTestId('harness-folder-input').setInputFiles(CT_DIR);
  const viewport = page.getByTestId('viewport-0');
  const sliceText = viewport.getByTestId('slice-index');
  await expect(sliceText).toHaveText('Slice 1 / 275');
  await expect(viewport.getByTestId('series-description')).toBeVisible();

  await test.step('slice 138, lung window: real pixels', async () => {
    await viewport.getByTestId('slice-slider').fill('138');
    await page.getByTestId('preset-lung').click();
    await waitForSlice(page, 137);

    await expect(sliceText).toHaveText('Slice 138 / 275');
    await expect(viewport.getByTestId('window-level')).toHaveText('W 1500 L -600');
    await expect(page.getByTestId('preset-lung')).toHaveAttribute('aria-pressed', 'true');
    // 1.0 mm slices, axial, radiological convention
    await expect(viewport.getByTestId('slice-thickness')).toHaveText('Thk 1.0 mm');
    await expect(viewport.getByTestId('slice-location')).toHaveText(/^Loc -?\d+\.\d mm$/);
    await expect(viewport.getByTestId('orientation-left')).toHaveText('R');
    await expect(viewport.getByTestId('orientation-right')).toHaveText('L');
    await expect(viewport.getByTestId('orientation-top')).toHaveText('A');
    await expect(viewport.getByTestId('orientation-bottom')).toHaveText('P');
    await expect(viewport.getByTestId('scale-bar')).toBeVisible();
    expect(await page.evaluate(() => window.__recistViewer?.getVoi())).toEqual({ width: 1500, center: -600 });

    await keepScreenshot(viewport, testInfo, 'ct-slice-138-lung-window');
    const { stats } = await imagePixels(page, viewport);
    // Lung window: air and lungs mid-grey, chest wall and mediastinum near white, margins black.
    expect(stats.nonBlack).toBeGreaterThan(0.2);
    expect(stats.bright).toBeGreaterThan(0.05);
  });

  await test.step('keys, wheel and slider scroll', async () => {
    await viewport.getByTestId('viewport-canvas').click();
    await page.keyboard.press('Home');
    await expect(sliceText).toHaveText('Slice 1 / 275');
    await page.keyboard.press('ArrowDown');
    await expect(sliceText).toHaveText('Slice 2 / 275');
    await page.keyboard.press('PageDown');
    await expect(sliceText).toHaveText('Slice 12 / 275');
    await page.keyboard.press('ArrowUp');
    await expect(sliceText).toHaveText('Slice 11 / 275');
    await page.keyboard.press('End');
    await expect(sliceText).toHaveText('Slice 275 / 275');
    await page.keyboard.press('PageUp');
    await expect(sliceText).toHaveText('Slice 265 / 275');
    await page.keyboard.press('Home');
    await expect(sliceText).toHaveText('Slice 1 / 275');

    const box = (await viewport.getByTestId('viewport-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 120);
    await expect(sliceText).not.toHaveText('Slice 1 / 275');
    const afterWheel = await page.evaluate(() => window.__recistViewer!.getSliceIndex());
    expect(afterWheel).toBeGreaterThan(0);
    await page.mouse.wheel(0, -120);
    await expect(sliceText).toHaveText(`Slice ${afterWheel} / 275`);

    await viewport.getByTestId('slice-slider').fill('100');
    await expect(sliceText).toHaveText('Slice 100 / 275');
    await waitForSlice(page, 99);
  });

  await test.step('invert, zoom, window drag and reset', async () => {
    // Soft-tissue window: the body is bright, the surrounding air black.
    await page.keyboard.press('1');
    await expect(viewport.getByTestId('window-level')).toHaveText('W 400 L 40');
    await waitForSlice(page, 99);
    const normal = (await imagePixels(page, viewport)).stats;

    await page.getByTestId('action-invert').click();
    await expect(viewport.getByTestId('window-level')).toHaveText('W 400 L 40 (inverted)');
    const inverted = (await imagePixels(page, viewport)).stats;
    // Air outside the body turns white: the picture gets much brighter overall.
    expect(inverted.meanLuminance).toBeGreaterThan(normal.meanLuminance + 40);
    await keepScreenshot(viewport, testInfo, 'ct-slice-100-inverted');

    await page.getByTestId('action-zoom-in').click();
    await expect(viewport.getByTestId('zoom')).toHaveText('Zoom 1.25×');

    // Left drag changes the window (window/level is the default left-button tool).
    const box = (await viewport.getByTestId('viewport-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + box.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    await expect(viewport.getByTestId('window-level')).not.toHaveText('W 400 L 40 (inverted)');

    await page.getByTestId('action-reset').click();
    await expect(viewport.getByTestId('window-level')).toHaveText('W 2000 L -450'); // the file's window
    await expect(viewport.getByTestId('zoom')).toHaveText('Zoom 1.00×');
    await expect(sliceText).toHaveText('Slice 100 / 275');
  });

  await test.step('a series with a missing slice shows its warning', async () => {
    const files = readdirSync(CT_DIR)
      .filter((name) => name.endsWith('.dcm'))
      .sort()
      .filter((name) => name !== '000100.dcm')
      .map((name) => resolve(CT_DIR, name));
    await page.getByTestId('harness-files-input').setInputFiles(files);
    // The same series again, one slice short: it reopens where the reader left it (view memory).
    await expect(sliceText).toHaveText('Slice 100 / 274');
    await viewport.getByTestId('series-warnings').click();
    await expect(viewport.getByTestId('series-warning-list')).toContainText(/gap of 2(\.0)? mm/);
    await keepScreenshot(viewport, testInfo, 'ct-gap-warning');
  });
  expect(errors).toEqual([]);
});

// With only a software rasterizer here, 'auto' draws on the CPU; this test keeps the WebGL path covered.
test('1x2 (WebGL) shows two series side by side; the keyboard acts on the active one', async ({
  page,
}, testInfo) => {
  const errors = await openHarness(page, '?rendering=gpu');
  await page.getByTestId('harness-folder-input').setInputFiles(resolve(DATA, 'mr-brain-brainix'));
  await expect(page.getByTestId('harness-status')).toHaveText('2 series, 0 rejected');
  await page.getByTestId('layout-1x2').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x2');

  const left = page.getByTestId('viewport-0');
  const right = page.getByTestId('viewport-1');
  await expect(left.getByTestId('slice-index')).toHaveText('Slice 1 / 22');
  await expect(right.getByTestId('slice-index')).toHaveText('Slice 1 / 22');
  await waitForSlice(page, 0, 0);
  await waitForSlice(page, 0, 1);
  const descriptions = [
    await left.getByTestId('series-description').textContent(),
    await right.getByTestId('series-description').textContent(),
  ];
  expect(new Set(descriptions).size).toBe(2);

  for (const viewport of [left, right]) {
    // Both fitted after the layout change; the first EPI slice is mostly dark background.
    await expect(viewport.getByTestId('zoom')).toHaveText('Zoom 1.00×');
    const { stats } = await imagePixels(page, viewport);
    expect(stats.nonBlack).toBeGreaterThan(0.03);
  }
  // MR has no absolute scale: no CT presets, a window from the file or computed from the image.
  await expect(page.getByTestId('preset-lung')).toBeDisabled();
  await expect(left.getByTestId('window-level')).toHaveText(/^W \d+ L \d+$/);

  // Flair and EPI share a frame of reference, so 1x2 slice sync starts on (measure-sync.spec.ts);
  // off, each viewport scrolls alone.
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'synced');
  await page.getByTestId('sync-toggle').click();
  await right.getByTestId('viewport-canvas').click();
  await expect(right).toHaveAttribute('data-active', 'true');
  await expect(left).toHaveAttribute('data-active', 'false');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(right.getByTestId('slice-index')).toHaveText('Slice 3 / 22');
  await expect(left.getByTestId('slice-index')).toHaveText('Slice 1 / 22');

  await left.getByTestId('viewport-canvas').click();
  await expect(left).toHaveAttribute('data-active', 'true');
  await page.keyboard.press('End');
  await expect(left.getByTestId('slice-index')).toHaveText('Slice 22 / 22');
  await expect(right.getByTestId('slice-index')).toHaveText('Slice 3 / 22');

  await keepScreenshot(page.getByTestId('viewer'), testInfo, 'mr-brainix-1x2');
  expect(errors).toEqual([]);
});
