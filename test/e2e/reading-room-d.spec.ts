/**
 * Issue 9, items 7, 8, 9, 11 and 14b: the location dialog (ranking, placement), lesion labels on the
 * image, one undo step per lesion surviving a reload, and key images shown as captured.
 */
import { expect, test, type Page } from '@playwright/test';
import { drag } from './measure.helpers';
import { decodePng, pixelCount } from './support/pixels';
import { readingPagePoint } from './support/readingPage';
import {
  annotationBox,
  annotationTexts,
  countRecords,
  intersects,
  openBaseline,
} from './support/readingRoomD';
import { chooseLocation, measureNodule } from './support/readingSetup';

const SHOTS = process.env['RECIST_SHOTS_DIR'];

async function shot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function addTarget(page: Page, tool: 'add-target' | 'add-target-length' = 'add-target') {
  await page.getByTestId(tool).click();
  await measureNodule(page, 0, 16);
  await chooseLocation(page, 'right upper lobe');
  await expect(page.getByTestId('key-image-T1')).toBeVisible();
}

async function drawNonTargetArrow(page: Page) {
  await page.getByTestId('add-non-target').click();
  await drag(page, await readingPagePoint(page, 0, 260, 230), await readingPagePoint(page, 0, 250, 250));
}

const optionTexts = (page: Page) => page.getByTestId('location-dialog').getByRole('option').allTextContents();

test('location search: organs first, nodes when asked for, "short axis" said, recent choices on top after a reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openBaseline(page);
  await page.getByTestId('add-target').click();
  await measureNodule(page, 0, 16);
  const dialog = page.getByTestId('location-dialog');
  await expect(dialog).toBeVisible();
  const search = dialog.getByTestId('location-search');

  // An empty search: organs, not 40 lymph-node stations.
  const empty = await optionTexts(page);
  expect(empty.slice(0, 10).filter((t) => /lymph node/i.test(t))).toEqual([]);

  await search.fill('right upper');
  expect((await optionTexts(page))[0]).toContain('Lung, right upper lobe');

  // Asking for a node, or naming a station, gives nodes; each says it is measured in short axis.
  await search.fill('right upper node');
  const nodes = await optionTexts(page);
  expect(nodes[0]).toMatch(/lymph node/i);
  for (const text of nodes.filter((t) => /lymph node/i.test(t))) expect(text).toMatch(/short axis/i);
  await search.fill('4R');
  expect((await optionTexts(page))[0]).toContain('station 4R');

  await search.fill('right upper');
  await dialog.getByRole('option', { name: /Lung, right upper lobe/ }).click();
  await dialog.getByTestId('location-ok').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('lesion-T1')).toBeVisible();

  // The reader's recent choice comes first, also after a reload.
  await page.reload();
  await expect(page.getByTestId('lesion-T1')).toBeVisible();
  await page.waitForFunction(() => window.__recistViewer?.getState(0)?.rendered === true);
  await drawNonTargetArrow(page);
  await expect(dialog).toBeVisible();
  const recent = await optionTexts(page);
  expect(recent[0]).toContain('Lung, right upper lobe');
  expect(recent[0]).toMatch(/recent/i);
});

for (const size of [
  { width: 1600, height: 1000 },
  { width: 1280, height: 800 },
])
  test(`the location dialog leaves the measurement just drawn visible (${size.width}x${size.height})`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await openBaseline(page);
    await page.getByTestId('add-target').click();
    await measureNodule(page, 0, 16);
    const dialog = page.getByTestId('location-dialog');
    await expect(dialog).toBeVisible();
    const check = async () => {
      const drawn = await annotationBox(page, 0);
      expect(drawn, 'the drawn measurement is on screen').not.toBeNull();
      const box = (await dialog.boundingBox())!;
      expect(intersects(drawn!, box), `dialog ${JSON.stringify(box)} over ${JSON.stringify(drawn)}`).toBe(
        false,
      );
      // The whole dialog is on screen.
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
    };
    await check();
    // Still there while the reader takes their time choosing.
    await page.waitForTimeout(2500);
    await check();
    await dialog.getByTestId('location-search').fill('right upper');
    await shot(page, `D-location-dialog-${size.width}x${size.height}`);
    await dialog.getByRole('option').first().click();
    await dialog.getByTestId('location-ok').click();
    await expect(page.getByTestId('lesion-T1')).toBeVisible();
    await drawNonTargetArrow(page);
    await chooseLocation(page, 'mediastinum');
    await expect(page.getByTestId('lesion-NT1')).toBeVisible();
    await shot(page, `D-baseline-target-non-target-${size.width}x${size.height}`);

    // A second target drawn in the left lung: the dialog keeps clear of it too; Esc drops it.
    await page.getByTestId('add-target').click();
    await drag(page, await readingPagePoint(page, 0, 330, 300), await readingPagePoint(page, 0, 362, 300));
    await expect(dialog).toBeVisible();
    await check();
    await shot(page, `D-location-dialog-second-target-${size.width}x${size.height}`);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('lesion-T2')).toHaveCount(0);
  });

test('every annotation carries its lesion label, on a box readable on any window', async ({ page }) => {
  test.setTimeout(240_000);
  await openBaseline(page);
  await addTarget(page, 'add-target-length');
  await drawNonTargetArrow(page);
  await chooseLocation(page, 'mediastinum');
  await expect(page.getByTestId('lesion-NT1')).toBeVisible();
  const viewport = page.getByTestId('viewport-0');
  await expect
    .poll(() => annotationTexts(viewport))
    .toEqual(expect.arrayContaining([expect.stringMatching(/^T1 \d+\.\d mm$/), 'NT1']));
  // Each label sits on a dark box, so it reads on a lung window and a bright bone window alike.
  const backgrounds = await viewport.evaluate((element) =>
    [...element.querySelectorAll('[data-annotation-uid] rect.background')].map(
      (r) => getComputedStyle(r).fill,
    ),
  );
  expect(backgrounds.length).toBeGreaterThanOrEqual(2);
  for (const fill of backgrounds) expect(fill).toMatch(/^rgba?\(0, 0, 0/);
  // Close to its measurement: the label's box touches the box around the calliper.
  const near = await viewport.evaluate((element) => {
    const byUid = new Map<string, Element[]>();
    for (const e of element.querySelectorAll('[data-annotation-uid]')) {
      const uid = e.getAttribute('data-annotation-uid')!;
      byUid.set(uid, [...(byUid.get(uid) ?? []), e]);
    }
    return [...byUid.values()].map((elements) => {
      const text = elements.find((e) => e.querySelector('text'))!.getBoundingClientRect();
      const line = elements.find((e) => e.tagName.toLowerCase() === 'line' || e.querySelector('line'));
      const box = (line ?? elements[0]!).getBoundingClientRect();
      const dx = Math.max(0, box.left - text.right, text.left - box.right);
      const dy = Math.max(0, box.top - text.bottom, text.top - box.bottom);
      return Math.hypot(dx, dy);
    });
  });
  for (const gap of near) expect(gap).toBeLessThan(60);
  await page.getByTestId('preset-lung').click();
  await shot(page, 'D-labels-lung-window');
  await page.getByTestId('preset-bone').click();
  await shot(page, 'D-labels-bone-window');
});

test('adding a target is one undo step (lesion and key image), and undo/redo work after a reload', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await openBaseline(page);
  await addTarget(page);
  await expect.poll(() => countRecords(page, 'keyImages')).toBe(1);

  await page.getByTestId('undo').click();
  await expect(page.getByTestId('lesion-T1')).toHaveCount(0);
  expect(await countRecords(page, 'keyImages')).toBe(0);
  expect(await countRecords(page, 'lesions')).toBe(0);

  await page.getByTestId('redo').click();
  await expect(page.getByTestId('key-image-T1')).toBeVisible();
  expect(await countRecords(page, 'lesions')).toBe(1);

  await page.reload();
  await expect(page.getByTestId('lesion-T1')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('lesion-T1')).toHaveCount(0);
  expect(await countRecords(page, 'keyImages')).toBe(0);

  await page.reload();
  await expect(page.getByTestId('redo')).toBeEnabled();
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('key-image-T1')).toBeVisible();
  await expect(page.getByTestId('undo')).toBeEnabled();
});

test('a key image keeps its aspect ratio and opens large on click; Esc closes it', async ({ page }) => {
  test.setTimeout(240_000);
  await openBaseline(page);
  await addTarget(page);
  const thumb = page.getByTestId('key-image-T1');
  const ratios = await thumb.evaluate((img: HTMLImageElement) => {
    const box = img.getBoundingClientRect();
    return { natural: img.naturalWidth / img.naturalHeight, shown: box.width / box.height };
  });
  expect(Math.abs(ratios.shown / ratios.natural - 1)).toBeLessThan(0.03);
  // The key image shows the callipers (drawn in the target colour), not the bare slice.
  const keyImage = await decodePng(page, (await thumb.getAttribute('src'))!);
  const targetColoured = pixelCount(keyImage, (r, g, b) => r > 200 && g > 150 && g < 230 && b < 60);
  expect(targetColoured).toBeGreaterThan(30);
  await thumb.click();
  const large = page.getByRole('dialog', { name: 'Key image of T1' });
  await expect(large).toBeVisible();
  const image = large.getByRole('img', { name: 'Key image of T1' });
  const box = (await image.boundingBox())!;
  expect(box.height).toBeGreaterThan(400);
  const natural = await image.evaluate((img: HTMLImageElement) => img.naturalWidth / img.naturalHeight);
  expect(Math.abs(box.width / box.height / natural - 1)).toBeLessThan(0.03);
  await shot(page, 'D-key-image-large');
  await page.keyboard.press('Escape');
  await expect(large).toBeHidden();
});
