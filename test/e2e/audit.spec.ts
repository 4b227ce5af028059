import { expect, test } from '@playwright/test';
import { seedRead, tamperTrail } from './audit.helpers';
import { keepScreenshot } from './support/artifacts';

test.describe('audit trail verified on opening', () => {
  test('an intact trail opens the app normally', async ({ page }) => {
    await page.goto('/');
    await seedRead(page);
    await page.reload();
    await expect(page.locator('[data-trail-check="intact"]')).toBeAttached();
    await expect(page.getByTestId('audit-banner')).toHaveCount(0);
    await page.getByTestId('mode-reading').click();
    await expect(page.getByTestId('mode-reading')).toHaveAttribute('aria-pressed', 'true');
  });

  test('an event edited after it was written blocks the app and is named', async ({ page }, testInfo) => {
    await page.goto('/');
    const seeded = await seedRead(page);
    const target = seeded.lastSeq - 4;
    await tamperTrail(page, { kind: 'edit-after', seq: target });
    await page.reload();
    const banner = page.getByTestId('audit-banner');
    await expect(banner).toBeVisible();
    await expect(page.getByTestId('audit-banner-problem')).toHaveText(
      `The audit trail has been altered: event ${target} was changed after it was written.`,
    );
    await keepScreenshot(page, testInfo, 'audit-banner-1600x1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    await keepScreenshot(page, testInfo, 'audit-banner-1280x800');
    // The app under the banner takes no input: a click on a header button lands on the banner.
    await expect(page.locator('.audit-guarded')).toHaveAttribute('inert', '');
    await page.getByTestId('mode-reading').click({ force: true });
    await expect(page.getByTestId('mode-reading')).not.toHaveAttribute('aria-pressed', 'true');
    // Still blocked after another reload: nothing repairs the trail by itself.
    await page.reload();
    await expect(page.getByTestId('audit-banner-problem')).toContainText(`event ${target} was changed`);
  });

  test('deleting the last event blocks the app', async ({ page }) => {
    await page.goto('/');
    const seeded = await seedRead(page);
    await tamperTrail(page, { kind: 'delete', seq: seeded.lastSeq });
    await page.reload();
    await expect(page.getByTestId('audit-banner')).toBeVisible();
    await expect(page.getByTestId('audit-banner-problem')).toHaveText(
      `The audit trail has been altered: event ${seeded.lastSeq} is missing (the signed head is event ${seeded.lastSeq}).`,
    );
  });
});
