import { expect, test } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';
import { CT_DIR } from './viewer.helpers';

test.use({ viewport: { width: 1280, height: 800 } });

test('at 1280x800 every viewer tool is on screen, in 1x1 and in 1x2, beside the study list', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('import-folder-input').setInputFiles(CT_DIR);
  await expect(page.getByTestId('report-imported')).toHaveText('275', { timeout: 60_000 });
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  await expect(page.getByTestId('viewport-0').getByTestId('slice-index')).toContainText('/ 275');

  const toolbar = page.getByRole('toolbar', { name: 'Viewer tools' });
  const allReachable = async () => {
    const buttons = toolbar.getByRole('button');
    expect(await buttons.count()).toBeGreaterThan(10);
    for (const button of await buttons.all()) {
      const box = (await button.boundingBox())!;
      const name = (await button.getAttribute('aria-label')) ?? (await button.textContent());
      expect(box, `${name} is laid out`).not.toBeNull();
      expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(1280);
      expect(box.y + box.height, `${name} is above the bottom`).toBeLessThanOrEqual(800);
    }
  };
  await allReachable();
  await page.getByRole('button', { name: '1x2', exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-layout', '1x2');
  await allReachable();
  await keepScreenshot(page, testInfo, 'toolbar-1280x800-1x2');
});
