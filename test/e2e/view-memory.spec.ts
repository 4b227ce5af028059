import { expect, test, type Page } from '@playwright/test';
import { CT_DIR, deriveFollowUp, NODULE_PIXEL } from './measure.helpers';
import { keepScreenshot } from './support/artifacts';
import {
  chooseLocation,
  importPath,
  measureNodule,
  showNoduleSlice,
  startRead,
} from './support/readingSetup';
import { expectViewPosition, panBy, screenFractionsOf, viewPosition } from './support/viewPosition';

async function bothDrawn(page: Page): Promise<void> {
  await expect(page.getByTestId('viewport-1')).toBeVisible();
  await page.waitForFunction(
    () => window.__recistViewer?.getState(0)?.rendered && window.__recistViewer?.getState(1)?.rendered,
  );
}

test('each series reopens where the reader left it (slice, window, zoom, pan) after a visit switch and a reload', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const followUp = deriveFollowUp('20000226', false);
  try {
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto('/');
    await importPath(page, CT_DIR);
    await importPath(page, followUp.dir);
    await startRead(page);
    await expect(page.getByTestId('timepoint-row')).toHaveCount(2);

    // Week 8 beside the baseline: the reader scrolls to the lower lungs, then sets each viewport up.
    await page.getByTestId('timepoint-row').nth(1).click();
    await bothDrawn(page);
    await page.getByTestId('viewport-1').getByTestId('slice-slider').fill('181');
    await page.waitForFunction(
      () =>
        window.__recistViewer?.getSliceIndex(1) === 180 && window.__recistViewer?.getSliceIndex(0) === 180,
    );
    await panBy(page, 1, 80, -50);
    await page.getByTestId('preset-lung').click();
    await page.getByTestId('action-zoom-in').click();
    await page.getByTestId('action-zoom-in').click();
    await panBy(page, 0, -60, 40);
    await page.getByTestId('preset-soft-tissue').click();
    await page.getByTestId('action-zoom-in').click();

    const prior = await viewPosition(page, 0);
    const current = await viewPosition(page, 1);
    expect(current.slice).toBe(180);
    expect(prior.slice).toBe(180);
    expect(current.windowLevel).toBe('W 1500 L -600');
    expect(prior.windowLevel).toBe('W 400 L 40');
    expect(current.zoom).not.toBe('Zoom 1.00×');
    expect(prior.zoom).not.toBe('Zoom 1.00×');
    await keepScreenshot(page, testInfo, '1-week8-set-up');

    // To the baseline alone and back: each series is where it was.
    await page.getByTestId('timepoint-row').nth(0).click();
    await expect(page.getByTestId('viewport-1')).toHaveCount(0);
    await expectViewPosition(page, 0, prior);
    await page.getByTestId('timepoint-row').nth(1).click();
    await bothDrawn(page);
    await expectViewPosition(page, 0, prior);
    await expectViewPosition(page, 1, current);

    // A reload opens both where the reader left them, not at slice 1 in the file's window.
    await page.reload();
    await bothDrawn(page);
    await expectViewPosition(page, 0, prior);
    await expectViewPosition(page, 1, current);
    await keepScreenshot(page, testInfo, '2-after-reload');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectViewPosition(page, 1, current);
    await keepScreenshot(page, testInfo, '3-after-reload-1280');
    expect(errors).toEqual([]);
  } finally {
    followUp.remove();
  }
});

test('"go to" keeps the reader\'s zoom and pans only as far as the lesion needs', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await importPath(page, CT_DIR);
  await startRead(page);
  const noduleSlice = await showNoduleSlice(page, 0);
  await page.getByTestId('add-target').click();
  await measureNodule(page, 0, 16);
  await chooseLocation(page, 'right upper lobe');
  await expect(page.getByTestId('value-T1')).toContainText('mm');

  const goToT1 = async () => {
    await page.evaluate(() => window.__recistViewer!.showSlice(20, 0));
    await page.getByTestId('lesion-T1').getByRole('button', { name: 'go to' }).click();
    await page.waitForFunction((slice) => {
      const state = window.__recistViewer?.getState(0);
      return state?.sliceIndex === slice && state.rendered;
    }, noduleSlice);
    // Centring (where it happens) follows the draw of the slice.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
  };
  const onScreen = ([x, y]: readonly [number, number], margin: number) =>
    x >= margin && x <= 1 - margin && y >= margin && y <= 1 - margin;

  // At fit, the nodule is already in view: the whole chest stays on screen.
  await goToT1();
  await expect(page.getByTestId('viewport-0').getByTestId('zoom')).toHaveText('Zoom 1.00×');
  const corners = await screenFractionsOf(page, 0, [
    [0, 0],
    [511, 0],
    [0, 511],
    [511, 511],
  ]);
  expect(corners.map((corner) => onScreen(corner, -0.002))).toEqual([true, true, true, true]);
  await keepScreenshot(page, testInfo, '1-go-to-at-fit');

  // Zoomed in and panned away from the nodule: the zoom stays, the nodule comes back into view.
  for (let i = 0; i < 3; i++) await page.getByTestId('action-zoom-in').click();
  await panBy(page, 0, -350, 0);
  const zoom = (await page.getByTestId('viewport-0').getByTestId('zoom').textContent())!;
  const [away] = await screenFractionsOf(page, 0, [[NODULE_PIXEL.column, NODULE_PIXEL.row]]);
  expect(onScreen(away!, 0)).toBe(false);
  await goToT1();
  await expect(page.getByTestId('viewport-0').getByTestId('zoom')).toHaveText(zoom);
  const [nodule] = await screenFractionsOf(page, 0, [[NODULE_PIXEL.column, NODULE_PIXEL.row]]);
  expect(onScreen(nodule!, 0.1)).toBe(true);
  await keepScreenshot(page, testInfo, '2-go-to-zoomed');
});
