/** Shared steps for the viewer end-to-end tests, which drive the dev-only harness page. */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { resolve } from 'node:path';
import { decodePng, pixelShare } from './support/pixels';

export const DATA = resolve(process.cwd(), '../shared/data');
export const CT_DIR = resolve(DATA, 'ct-chest-lidc-0314');

/** Opens the harness and fails the test on any uncaught page error. */
export async function openHarness(page: Page, query = ''): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`/harness/viewer.html${query}`);
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-ready', 'true');
  return errors;
}

/**
 * Waits until viewport `index` has drawn slice `slice` (0-based) or shows an error for it; with
 * `seriesUid`, of that series.
 */
export async function waitForSlice(page: Page, slice: number, index = 0, seriesUid?: string): Promise<void> {
  await page.waitForFunction(
    ({ slice, index, seriesUid }) => {
      const state = window.__recistViewer?.getState(index);
      return (
        !!state &&
        (seriesUid === undefined || state.seriesInstanceUid === seriesUid) &&
        state.sliceIndex === slice &&
        (state.rendered || state.error !== null)
      );
    },
    { slice, index, seriesUid },
  );
}

export interface PixelStats {
  /** Share of pixels with luminance above `dark` (not black). */
  readonly nonBlack: number;
  /** Share of pixels with luminance above `bright`. */
  readonly bright: number;
  readonly meanLuminance: number;
}

/**
 * Screenshot of a viewport's image area without the text overlays, and its pixel statistics.
 */
export async function imagePixels(
  page: Page,
  viewport: Locator,
  dark = 20,
  bright = 200,
): Promise<{ png: Buffer; stats: PixelStats }> {
  const png = await viewport
    .getByTestId('viewport-canvas')
    .screenshot({ style: '.viewer-overlay { visibility: hidden !important; }' });
  const pixels = await decodePng(page, png);
  const luminance = (r: number, g: number, b: number) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const { data } = pixels;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += luminance(data[i]!, data[i + 1]!, data[i + 2]!);
  const stats: PixelStats = {
    nonBlack: pixelShare(pixels, (r, g, b) => luminance(r, g, b) > dark),
    bright: pixelShare(pixels, (r, g, b) => luminance(r, g, b) > bright),
    meanLuminance: sum / (data.length / 4),
  };
  return { png, stats };
}

/** Saves a screenshot (with overlays) as a test artifact and returns its path. */
export async function keepScreenshot(
  target: Locator | Page,
  testInfo: TestInfo,
  name: string,
): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`);
  await target.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
