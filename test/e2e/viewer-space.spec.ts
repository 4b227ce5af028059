/**
 * Issue 9, items 2 and 3: the images get the room (side panels collapse and stay collapsed, 1x2 and
 * 2x1), and every viewer control is reachable on a 1280x800 screen without the toolbar ever moving.
 */
import { expect, test } from '@playwright/test';
import { CT_DIR } from './measure.helpers';
import { keepScreenshot } from './support/artifacts';
import { importPath } from './support/readingSetup';
import {
  expectButtonsReachable,
  isInside,
  openTwoVisitRead,
  screenPixelsPerImagePixel,
  waitForViewports,
} from './support/viewerSpace';

test('at 1280x800 every viewer control is reachable in 1x1 and 1x2, and arming a measurement moves nothing', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const followUp = await openTwoVisitRead(page);
  try {
    const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });

    await test.step('baseline, one viewport', async () => {
      await expectButtonsReachable(page, toolbar);
      const before = await toolbar.boundingBox();
      const viewportBefore = await page.getByTestId('viewport-0').boundingBox();
      await page.getByTestId('add-target').click();
      const armed = page.getByTestId('measure-armed');
      await expect(armed).toHaveAttribute('data-tool', 'Bidirectional');
      // Shown on the image the reader is about to draw on, not in the toolbar.
      expect(await isInside(armed, page.getByTestId('viewport-0'))).toBe(true);
      expect(await toolbar.boundingBox()).toEqual(before);
      expect(await page.getByTestId('viewport-0').boundingBox()).toEqual(viewportBefore);
      await page.keyboard.press('Escape');
      await expect(armed).toHaveCount(0);
      await keepScreenshot(page, testInfo, 'baseline-1280x800');
    });

    await test.step('follow-up, two viewports: the link state is on the viewport', async () => {
      await page.getByTestId('timepoint-row').nth(1).click();
      await waitForViewports(page, 2);
      await expectButtonsReachable(page, toolbar);
      const status = page.getByTestId('sync-status');
      await expect(status).toHaveAttribute('data-status', 'synced');
      await expect(status).toBeVisible();
      expect(
        (await isInside(status, page.getByTestId('viewport-0'))) ||
          (await isInside(status, page.getByTestId('viewport-1'))),
      ).toBe(true);
      await expect(status).toHaveAttribute('title', /scroll/);
      const before = await toolbar.boundingBox();
      await page.getByTestId('add-new-lesion').click();
      await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'ArrowAnnotate');
      expect(await toolbar.boundingBox()).toEqual(before);
      await keepScreenshot(page, testInfo, 'follow-up-1280x800-armed');
      await page.keyboard.press('Escape');
    });
  } finally {
    followUp.remove();
  }
});

test('side panels collapse and stay collapsed; a 1x2 at 1600x1000 then shows each image pixel on at least one screen pixel; 2x1 stacks', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const followUp = await openTwoVisitRead(page);
  try {
    await page.getByTestId('timepoint-row').nth(1).click();
    await waitForViewports(page, 2);
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x2');

    await page.getByTestId('toggle-reading-left').click();
    await page.getByTestId('toggle-reading-right').click();
    await expect(page.getByTestId('subject-select')).toBeHidden();
    await expect(page.getByTestId('lesion-panel')).toBeHidden();
    await expect(page.getByTestId('toggle-reading-left')).toHaveAttribute('aria-expanded', 'false');
    const wideEnough = async () => {
      await expect
        .poll(async () =>
          Math.min(await screenPixelsPerImagePixel(page, 0), await screenPixelsPerImagePixel(page, 1)),
        )
        .toBeGreaterThanOrEqual(1);
    };
    await wideEnough();
    await keepScreenshot(page, testInfo, 'follow-up-1x2-collapsed-1600x1000');

    // Remembered: a reload opens with the panels as the reader left them.
    await page.reload();
    await waitForViewports(page, 2);
    await expect(page.getByTestId('subject-select')).toBeHidden();
    await expect(page.getByTestId('toggle-reading-right')).toHaveAttribute('aria-expanded', 'false');
    await wideEnough();

    // Stacked: the current visit under the prior, and remembered too.
    await page.getByTestId('arrange-stacked').click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '2x1');
    const above = (await page.getByTestId('viewport-0').boundingBox())!;
    const below = (await page.getByTestId('viewport-1').boundingBox())!;
    expect(below.y).toBeGreaterThanOrEqual(above.y + above.height - 1);
    expect(Math.abs(below.x - above.x)).toBeLessThan(2);
    await page.reload();
    await waitForViewports(page, 2);
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '2x1');
    await keepScreenshot(page, testInfo, 'follow-up-2x1-collapsed-1600x1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    await keepScreenshot(page, testInfo, 'follow-up-2x1-collapsed-1280x800');
    await page.getByTestId('arrange-side-by-side').click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x2');
    await keepScreenshot(page, testInfo, 'follow-up-1x2-collapsed-1280x800');
    await page.setViewportSize({ width: 1600, height: 1000 });

    await page.getByTestId('toggle-reading-left').click();
    await page.getByTestId('toggle-reading-right').click();
    await expect(page.getByTestId('subject-select')).toBeVisible();
    await expect(page.getByTestId('lesion-panel')).toBeVisible();
    await keepScreenshot(page, testInfo, 'follow-up-1x2-panels-open-1600x1000');
  } finally {
    followUp.remove();
  }
});

test('Studies: the study list collapses and stays collapsed; 1x1, 1x2 and 2x1', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await importPath(page, CT_DIR);
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  await waitForViewports(page, 1);

  await page.getByTestId('toggle-sidebar').click();
  await expect(page.getByTestId('study-list')).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('toggle-sidebar')).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('study-list')).toBeHidden();
  await page.getByTestId('toggle-sidebar').click();
  await expect(page.getByTestId('study-list')).toBeVisible();

  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  await page.getByTestId('layout-2x1').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '2x1');
  await expect(page.getByTestId('viewport-1')).toBeVisible();
  const top = (await page.getByTestId('viewport-0').boundingBox())!;
  const bottom = (await page.getByTestId('viewport-1').boundingBox())!;
  expect(bottom.y).toBeGreaterThanOrEqual(top.y + top.height - 1);
  await page.getByTestId('layout-1x2').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x2');
  await page.getByTestId('layout-1x1').click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x1');
  await keepScreenshot(page, testInfo, 'studies-1600x1000');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('layout-1x2').click();
  await expectButtonsReachable(page, page.getByRole('toolbar', { name: 'Viewer tools' }));
  await keepScreenshot(page, testInfo, 'studies-1x2-1280x800');
});
