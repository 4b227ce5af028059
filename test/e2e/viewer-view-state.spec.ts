import { expect, test } from '@playwright/test';
import { CT_DIR, openHarness } from './viewer.helpers';

test('the window, zoom and inversion the reader chose stay across every kind of slice change', async ({
  page,
}) => {
  await openHarness(page);
  await page.getByTestId('harness-folder-input').setInputFiles(CT_DIR);
  const viewport = page.getByTestId('viewport-0');
  const sliceText = viewport.getByTestId('slice-index');
  const windowLevel = viewport.getByTestId('window-level');
  await expect(sliceText).toHaveText('Slice 1 / 275');

  await viewport.getByTestId('slice-slider').fill('138');
  await expect(sliceText).toHaveText('Slice 138 / 275');
  await page.getByTestId('preset-lung').click();
  await page.getByTestId('action-zoom-in').click();
  await page.getByTestId('action-invert').click();
  await expect(windowLevel).toHaveText('W 1500 L -600 (inverted)');
  const zoom = await viewport.getByTestId('zoom').textContent();

  const kept = async (slice: number) => {
    await expect(sliceText).toHaveText(`Slice ${slice} / 275`);
    await expect(windowLevel).toHaveText('W 1500 L -600 (inverted)');
    await expect(page.getByTestId('preset-lung')).toHaveAttribute('aria-pressed', 'true');
    await expect(viewport.getByTestId('zoom')).toHaveText(zoom!);
    expect(await page.evaluate(() => window.__recistViewer?.getVoi())).toEqual({ width: 1500, center: -600 });
  };

  const box = (await viewport.getByTestId('viewport-canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 120);
  await kept(139);
  await page.keyboard.press('ArrowDown');
  await kept(140);
  await page.keyboard.press('PageDown');
  await kept(150);
  await viewport.getByTestId('slice-slider').fill('60');
  await kept(60);
  await page.evaluate(() => window.__recistViewer!.showSlice(200));
  await kept(201);
});
