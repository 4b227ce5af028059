import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { decodePng, pixelCount, pixelShare } from './support/pixels';
import {
  addFolder,
  CT_DIR,
  dicomTag,
  drag,
  lengthMm,
  NODULE_FILE,
  NODULE_PIXEL,
  noduleSlice,
  openMeasureHarness,
  pagePointOfPixel,
  pagePointOfWorld,
  waitForDrawn,
} from './measure.helpers';

const labelText = (page: Page, index: number) =>
  page.getByTestId(`viewport-${index}`).locator('svg.svg-layer text');

test('measure the right-lung nodule: reported in world mm, redrawn from the stored copy, edited, locked, selected, found again, captured', async ({
  page,
}, testInfo) => {
  const errors = await openMeasureHarness(page);
  await addFolder(page, CT_DIR, 1);
  await waitForDrawn(page, 0);
  const NODULE_SLICE = await noduleSlice(page);
  await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), NODULE_SLICE);
  await page.getByTestId('preset-lung').click();
  await expect(page.getByTestId('viewport-0').getByTestId('slice-location')).toHaveText('Loc -494.8 mm');

  const nodule = NODULE_PIXEL;
  const from = await pagePointOfPixel(page, 0, nodule.column - 16, nodule.row);
  const to = await pagePointOfPixel(page, 0, nodule.column + 16, nodule.row);

  await test.step('arm Bidirectional and drag across the nodule: onMeasured with world points', async () => {
    const requestId = await page.evaluate(() => window.__measure!.request('Bidirectional'));
    await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'Bidirectional');
    await drag(page, from, to);
    await expect(page.getByTestId('measure-armed')).toHaveCount(0);
    const events = await page.evaluate(() => window.__measure!.events);
    expect(events).toHaveLength(1);
    const measured = events[0]!;
    if (measured.type !== 'measured') throw new Error(`expected a measurement, got ${measured.type}`);
    const { event } = measured;
    expect(event.requestId).toBe(requestId);
    expect(event.viewportIndex).toBe(0);
    expect(event.tool).toBe('Bidirectional');
    // The image is the slice with InstanceNumber 90, named as the DICOM index names it.
    expect(dicomTag(NODULE_FILE, '0020,0013')).toBe('90');
    expect(event.image.sopInstanceUid).toBe(dicomTag(NODULE_FILE, '0008,0018'));
    expect(event.image.frameIndex).toBe(0);
    // 32 pixels of 0.78125 mm: 25 mm, on the plane z = -494.8, through the nodule's centre.
    expect(lengthMm(event.longAxis)).toBeGreaterThan(23);
    expect(lengthMm(event.longAxis)).toBeLessThan(27);
    expect(event.shortAxis).not.toBeNull();
    expect(lengthMm(event.shortAxis!)).toBeLessThan(lengthMm(event.longAxis));
    for (const point of [...event.longAxis, ...event.shortAxis!]) expect(point[2]).toBeCloseTo(-494.8, 3);
    const middle = event.longAxis[0].map((v, i) => (v + event.longAxis[1][i]!) / 2);
    expect(middle[0]).toBeCloseTo(from.world[0] / 2 + to.world[0] / 2, 0);
    expect(middle[1]).toBeCloseTo(from.world[1], 0);
  });

  await test.step('the stored copy comes back as props and is the only drawing', async () => {
    await expect(page.getByTestId('stored-T1')).toBeVisible();
    await expect(labelText(page, 0)).toHaveCount(1);
    await expect(labelText(page, 0)).toHaveText(/^T1 2\d\.\d × 1\d\.\d mm$/);
    const stored = await page.evaluate(() => window.__measure!.annotations()[0]!);
    const expected = `T1 ${lengthMm(stored.longAxis!).toFixed(1)} × ${lengthMm(stored.shortAxis!).toFixed(1)} mm`;
    await expect(labelText(page, 0)).toHaveText(expected);
    await page.waitForTimeout(1700); // past the viewer's wait for the app's answer: nothing changes
    await expect(labelText(page, 0)).toHaveText(expected);
    await expect(
      page.getByTestId('viewport-0').locator('svg.svg-layer line[data-id$="-line-1"]'),
    ).toHaveCount(1);
  });

  const storedBefore = await page.evaluate(() => window.__measure!.annotations()[0]!);
  const longEnd = await pagePointOfWorld(page, 0, storedBefore.longAxis![1]);

  await test.step('drag a handle: one onAnnotationEdited on release, the edit is stored and redrawn', async () => {
    await drag(page, longEnd, { x: longEnd.x + 12, y: longEnd.y });
    // Pressing on the annotation also selects it (a 'selected' event); the edit comes once, on release.
    const edits = () => page.evaluate(() => window.__measure!.events.filter((e) => e.type === 'edited'));
    await expect.poll(async () => (await edits()).length).toBe(1);
    const edited = (await edits())[0]!;
    if (edited.type !== 'edited') throw new Error(`expected an edit, got ${edited.type}`);
    expect(edited.event.annotationId).toBe(storedBefore.id);
    expect(edited.event.image).toEqual(storedBefore.image);
    expect(lengthMm(edited.event.longAxis!)).toBeGreaterThan(lengthMm(storedBefore.longAxis!) + 2);
    await expect
      .poll(async () => lengthMm(await page.evaluate(() => window.__measure!.annotations()[0]!.longAxis!)))
      .toBeCloseTo(lengthMm(edited.event.longAxis!), 3);
    const after = await page.evaluate(() => window.__measure!.annotations()[0]!);
    await expect(labelText(page, 0)).toHaveText(new RegExp(`^T1 ${lengthMm(after.longAxis!).toFixed(1)} ×`));
  });

  await test.step('a locked annotation cannot be edited', async () => {
    const stored = await page.evaluate(() => window.__measure!.annotations()[0]!);
    await page.evaluate((id) => window.__measure!.setLocked(id, true), stored.id);
    await expect(page.getByTestId('stored-T1')).toHaveAttribute('data-locked', 'true');
    const end = await pagePointOfWorld(page, 0, stored.longAxis![1]);
    const text = await labelText(page, 0).textContent();
    await drag(page, end, { x: end.x + 30, y: end.y + 10 });
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => window.__measure!.events.filter((e) => e.type === 'edited').length),
    ).toBe(1);
    await expect(labelText(page, 0)).toHaveText(text!);
    expect(await page.evaluate(() => window.__measure!.annotations()[0]!.longAxis)).toEqual(stored.longAxis);
  });

  await test.step('a click on the annotation selects it; the app highlights it', async () => {
    const stored = await page.evaluate(() => window.__measure!.annotations()[0]!);
    const a = await pagePointOfWorld(page, 0, stored.longAxis![0]);
    const b = await pagePointOfWorld(page, 0, stored.longAxis![1]);
    const before = await page.evaluate(() => window.__measure!.events.length);
    await page.mouse.click(a.x + (b.x - a.x) * 0.3, a.y + (b.y - a.y) * 0.3);
    await expect
      .poll(() => page.evaluate((n) => window.__measure!.events.slice(n), before))
      .toEqual([{ type: 'selected', annotationId: stored.id }]);
    await expect(
      page.getByTestId('viewport-0').locator(`svg.svg-layer line[data-id$="${stored.id}-line-1"]`),
    ).toHaveAttribute('stroke-width', '3');
  });

  await test.step('Esc cancels a drawing in progress: onMeasureCancelled, nothing reported or left', async () => {
    const requestId = await page.evaluate(() => window.__measure!.request('Length'));
    await expect(page.getByTestId('measure-armed')).toHaveAttribute('data-tool', 'Length');
    const start = await pagePointOfPixel(page, 0, 300, 300);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 60, start.y + 40, { steps: 6 });
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await expect(page.getByTestId('measure-armed')).toHaveCount(0);
    const events = await page.evaluate(() => window.__measure!.events);
    expect(events.at(-1)).toEqual({ type: 'cancelled', requestId });
    expect(events.filter((e) => e.type === 'measured')).toHaveLength(1);
    await page.waitForTimeout(300);
    await expect(labelText(page, 0)).toHaveCount(1);
    // Delete is the app's: the viewer leaves the annotation alone.
    await page.keyboard.press('Delete');
    await expect(labelText(page, 0)).toHaveCount(1);
  });

  await test.step('goTo: back to the measured image, the lesion in view at the zoom the reader chose', async () => {
    const stored = await page.evaluate(() => window.__measure!.annotations()[0]!);
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('Home');
    await waitForDrawn(page, 0, 0);
    await expect(labelText(page, 0)).toHaveCount(0);
    const centre = stored.longAxis![0].map((v, i) => (v + stored.longAxis![1][i]!) / 2) as [
      number,
      number,
      number,
    ];
    const zoomBefore = await page.getByTestId('viewport-0').getByTestId('zoom').textContent();
    expect(
      await page.evaluate(({ image, centre }) => window.__measure!.goTo(0, image, centre), {
        image: stored.image,
        centre,
      }),
    ).toBe(true);
    await waitForDrawn(page, NODULE_SLICE, 0);
    await expect(labelText(page, 0)).toHaveCount(1);
    const box = (await page.getByTestId('viewport-0').getByTestId('viewport-canvas').boundingBox())!;
    // "Go to" keeps the zoom and pans only when the lesion would be near an edge (issue 9 item 5).
    await expect(page.getByTestId('viewport-0').getByTestId('zoom')).toHaveText(zoomBefore!);
    const lesion = await pagePointOfWorld(page, 0, centre);
    const margin = 0.1;
    expect(lesion.x).toBeGreaterThan(box.x + margin * box.width);
    expect(lesion.x).toBeLessThan(box.x + (1 - margin) * box.width);
    expect(lesion.y).toBeGreaterThan(box.y + margin * box.height);
    expect(lesion.y).toBeLessThan(box.y + (1 - margin) * box.height);
    const other = { ...stored.image, sopInstanceUid: '1.2.3.4.5' };
    expect(await page.evaluate((image) => window.__measure!.goTo(0, image), other)).toBe(false);
  });

  await test.step('captureKeyImage: a PNG of the image with the annotation drawn', async () => {
    const capture = await page.evaluate(() => window.__measure!.capture(0));
    expect(capture.type).toBe('image/png');
    expect(capture.size).toBeGreaterThan(20_000);
    const path = testInfo.outputPath('key-image-T1.png');
    writeFileSync(path, Buffer.from(capture.dataUrl.split(',')[1]!, 'base64'));
    await testInfo.attach('key-image-T1', { path, contentType: 'image/png' });
    const pixels = await decodePng(page, capture.dataUrl);
    const stats = {
      width: pixels.width,
      nonBlack: pixelShare(pixels, (r, g, b) => r + g + b > 60),
      // the target colour, rgb(255, 204, 0)
      annotationColour: pixelCount(pixels, (r, g, b) => r > 200 && g > 150 && b < 90),
    };
    expect(stats.width).toBeGreaterThan(300);
    expect(stats.nonBlack).toBeGreaterThan(0.2);
    expect(stats.annotationColour).toBeGreaterThan(100);
  });

  expect(errors).toEqual([]);
});
