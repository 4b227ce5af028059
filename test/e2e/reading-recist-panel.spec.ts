import { expect, test, type Locator, type Page } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';
import { measureBaselineTarget, measureTargetAt, openReadWithVisits } from './support/readingVisits';

test('the panel says what is known: not assessed yet, then a PR awaiting confirmation and from when', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const cleanup = await openReadWithVisits(page, ['20000226']);
  try {
    const panel = page.getByTestId('recist-panel');
    // Nothing read yet: no "NE (confirmed)", no PFS counted from nothing.
    await expect(page.getByTestId('best-overall-response')).toHaveText('Best response not assessed yet');
    await expect(page.getByTestId('endpoint-pfs')).toHaveText('not assessed yet');
    await expect(panel).not.toContainText('(confirmed)');
    await expect(panel).not.toContainText('(censored)');

    // Baseline T1, then a smaller T1 at Week 8 (2000-02-26): a PR (PFS counted from the 2000-01-03 enrolment), confirmable 28 days later at the earliest.
    const slice = await measureBaselineTarget(page);
    await expect(page.getByTestId('best-overall-response')).toHaveText('Best response not assessed yet');
    await measureTargetAt(page, 1, slice, 10);
    await expect(page.getByTestId('overall-Week 8')).toHaveText('PR');
    await expect(page.getByTestId('best-overall-response')).toHaveText(
      'Best response PR, awaiting confirmation (needs a scan on or after 2000-03-25)',
    );
    await expect(panel).not.toContainText('SD (confirmed)');
    await expect(page.getByTestId('endpoint-pfs')).toHaveText('55 d (censored at 2000-02-26)');
  } finally {
    cleanup();
  }
});

/** The element's box lies inside the container's box (to the pixel, rounding aside). */
async function expectInside(element: Locator, container: Locator, what: string) {
  const box = (await element.boundingBox({ timeout: 10_000 }))!;
  const outer = (await container.boundingBox({ timeout: 10_000 }))!;
  expect(box, `${what} is visible`).not.toBeNull();
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(outer.x - 1);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(outer.x + outer.width + 1);
}

async function visibleColumnChecks(page: Page, current: string) {
  const wrap = page.locator('.recist-table-wrap');
  const header = page.locator('.recist-table thead th', { hasText: current });
  const t1Label = page.locator('.recist-table th[scope="row"]', { hasText: /^T1/ });
  const sumLabel = page.locator('.recist-table th[scope="row"]', { hasText: 'Sum of diameters' });
  await expectInside(header, wrap, `the current visit's column (${current})`);
  await expectInside(page.getByTestId(`overall-${current}`), wrap, `the current visit's overall response`);
  await expectInside(t1Label, wrap, 'the T1 row label');
  await expectInside(sumLabel, wrap, 'the sum row label');
  // Scrolled to the far right, the row labels stay (sticky), still inside the panel.
  await wrap.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expectInside(t1Label, wrap, 'the T1 row label, scrolled');
  await expectInside(sumLabel, wrap, 'the sum row label, scrolled');
  await wrap.evaluate((el) => (el.scrollLeft = 0));
}

test('with three visits the current visit and the row labels stay in view, at 1600x1000 and 1280x800', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const cleanup = await openReadWithVisits(page, ['20000226', '20000422']);
  try {
    await expect(page.getByTestId('timepoint-row')).toHaveCount(3);
    const slice = await measureBaselineTarget(page);
    await measureTargetAt(page, 2, slice, 12);
    const current = (await page.getByTestId('visit-name').nth(2).textContent())!.trim();
    await expect(page.getByTestId(`cell-T1-${current}`)).toContainText('.');
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await visibleColumnChecks(page, current);
      await keepScreenshot(page, testInfo, `recist-3-visits-${size.width}x${size.height}`);
    }
  } finally {
    cleanup();
  }
});
