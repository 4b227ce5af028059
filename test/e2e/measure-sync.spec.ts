import { expect, test, type Page } from '@playwright/test';
import {
  addFolder,
  CT_DIR,
  deriveFollowUp,
  NODULE_PIXEL,
  noduleSlice,
  openMeasureHarness,
  pagePointOfPixel,
  waitForDrawn,
} from './measure.helpers';
import { keepScreenshot } from './viewer.helpers';

const sliceOf = (page: Page, index: number) =>
  page.evaluate((index) => window.__recistViewer!.getState(index)!.sliceIndex, index);
const locationOf = (page: Page, index: number) =>
  page.evaluate((index) => window.__recistViewer!.getState(index)!.sliceLocationMm, index);

/** The CT (prior, left) and a follow-up derived from it (right), side by side. */
async function openSideBySide(page: Page, followUpDir: string): Promise<string[]> {
  const errors = await openMeasureHarness(page);
  await addFolder(page, CT_DIR, 1);
  await addFolder(page, followUpDir, 2);
  await page.evaluate(() => {
    window.__measure!.show(0, 1);
    window.__measure!.setLayout('1x2');
  });
  await waitForDrawn(page, 0, 0);
  await waitForDrawn(page, 0, 1);
  await expect(page.getByTestId('viewport-1').getByTestId('series-description')).toHaveText(
    /^DERIVED FOLLOW-UP/,
  );
  return errors;
}

test.describe('1x2: a follow-up beside its prior', () => {
  test('same frame of reference: scrolling either viewport keeps both at the same position; go to lesion', async ({
    page,
  }, testInfo) => {
    const followUp = deriveFollowUp('20260301', false);
    try {
      const errors = await openSideBySide(page, followUp.dir);
      const series = await page.evaluate(() => window.__measure!.series());
      // The follow-up is a copy: its nodule is on the same slice.
      const NODULE_SLICE = await noduleSlice(page);
      expect(series[0]!.frameOfReferenceUid).toBe(series[1]!.frameOfReferenceUid);
      await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'synced');
      await expect(page.getByTestId('sync-toggle')).toHaveAttribute('aria-pressed', 'true');

      await test.step('the left viewport leads: the right follows slice by slice', async () => {
        await page.evaluate(() => window.__recistViewer!.showSlice(120, 0));
        await waitForDrawn(page, 120, 1);
        expect(await locationOf(page, 1)).toBe(await locationOf(page, 0));
        const box = (await page.getByTestId('viewport-0').getByTestId('viewport-canvas').boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 120);
        await expect.poll(() => sliceOf(page, 0)).toBeGreaterThan(120);
        const left = await sliceOf(page, 0);
        await waitForDrawn(page, left, 1);
        expect(await locationOf(page, 1)).toBe(await locationOf(page, 0));
      });

      await test.step('and the right viewport leads the left the same way', async () => {
        await page.getByTestId('viewport-1').getByTestId('slice-slider').fill('60');
        await waitForDrawn(page, 59, 0);
        expect(await locationOf(page, 0)).toBe(await locationOf(page, 1));
      });

      await test.step('go to lesion: the prior shows the measured image, the follow-up the same level', async () => {
        await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), NODULE_SLICE);
        const nodule = await pagePointOfPixel(page, 0, NODULE_PIXEL.column, NODULE_PIXEL.row);
        const image = await page.evaluate((slice) => window.__measure!.frameAt(0, slice)!, NODULE_SLICE);
        await page.evaluate(() => window.__measure!.handle()!.setSliceSync(false));
        await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'off');
        await page.evaluate(() => {
          window.__recistViewer!.setSlice(3, 0);
          window.__recistViewer!.setSlice(250, 1);
        });
        await waitForDrawn(page, 250, 1);
        const frame = series[0]!.frameOfReferenceUid;
        const moved = await page.evaluate(
          ({ image, world, frame }) => [
            window.__measure!.goTo(0, image, world),
            window.__measure!.goToNearest(1, world, frame),
          ],
          { image, world: nodule.world, frame },
        );
        expect(moved).toEqual([true, true]);
        await waitForDrawn(page, NODULE_SLICE, 0);
        await waitForDrawn(page, NODULE_SLICE, 1);
        await expect(page.getByTestId('viewport-1').getByTestId('slice-location')).toHaveText(
          'Loc -494.8 mm',
        );
        // A point in a frame of reference neither viewport knows cannot be placed.
        expect(
          await page.evaluate((world) => window.__measure!.goToNearest(1, world, '1.2.3.999'), nodule.world),
        ).toBe(false);
        // The follow-up does not hold the prior's image.
        expect(await page.evaluate((image) => window.__measure!.goTo(1, image), image)).toBe(false);
        await page.getByTestId('sync-toggle').click();
        await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'synced');
      });
      await page.getByTestId('preset-lung').click();
      await keepScreenshot(page.getByTestId('viewer'), testInfo, 'followup-same-frame-synced-at-nodule');
      expect(errors).toEqual([]);
    } finally {
      followUp.remove();
    }
  });

  test('new frame of reference: not linked until "Link here", then the landmark offset holds', async ({
    page,
  }, testInfo) => {
    const followUp = deriveFollowUp('20260405', true);
    try {
      const errors = await openSideBySide(page, followUp.dir);
      const series = await page.evaluate(() => window.__measure!.series());
      // The follow-up is a copy: its nodule is on the same slice.
      const NODULE_SLICE = await noduleSlice(page);
      expect(series[0]!.frameOfReferenceUid).not.toBe(series[1]!.frameOfReferenceUid);
      await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'not-linked');

      await test.step('unlinked viewports scroll on their own', async () => {
        await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), NODULE_SLICE);
        await page.waitForTimeout(300);
        expect(await sliceOf(page, 1)).toBe(0);
      });

      await test.step('the reader brings the landmark into both and links them there', async () => {
        // As if the follow-up were scanned 10 mm lower: the nodule is 10 slices further on.
        await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 1), NODULE_SLICE + 10);
        await page.getByTestId('sync-link').click();
        await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'linked');
        expect(await sliceOf(page, 0)).toBe(NODULE_SLICE);
        expect(await sliceOf(page, 1)).toBe(NODULE_SLICE + 10);
      });

      await test.step('scrolling keeps the offset, both ways', async () => {
        await page.evaluate(() => window.__recistViewer!.showSlice(150, 0));
        await waitForDrawn(page, 160, 1);
        await page.evaluate(() => window.__recistViewer!.showSlice(100, 1));
        await waitForDrawn(page, 90, 0);
      });

      await test.step('go to lesion through the link', async () => {
        await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), NODULE_SLICE);
        const point = await pagePointOfPixel(page, 0, NODULE_PIXEL.column, NODULE_PIXEL.row);
        await page.evaluate(() => window.__measure!.handle()!.setSliceSync(false));
        await page.evaluate(() => window.__recistViewer!.setSlice(20, 1));
        await waitForDrawn(page, 20, 1);
        const frame = series[0]!.frameOfReferenceUid;
        expect(
          await page.evaluate(({ world, frame }) => window.__measure!.goToNearest(1, world, frame), {
            world: point.world,
            frame,
          }),
        ).toBe(true);
        await waitForDrawn(page, NODULE_SLICE + 10, 1);
      });

      await test.step('Sync off: the viewports scroll on their own again', async () => {
        await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'off');
        await page.evaluate(() => window.__recistViewer!.showSlice(40, 0));
        await page.waitForTimeout(300);
        expect(await sliceOf(page, 1)).toBe(NODULE_SLICE + 10);
        await page.getByTestId('sync-toggle').click();
        await expect(page.getByTestId('sync-status')).toHaveAttribute('data-status', 'linked');
        // Turning sync back on brings the other viewport to the linked position at once.
        await waitForDrawn(page, 50, 1);
      });
      await keepScreenshot(page.getByTestId('viewer'), testInfo, 'followup-new-frame-linked');
      expect(errors).toEqual([]);
    } finally {
      followUp.remove();
    }
  });
});
