import { expect, test } from '@playwright/test';

test('web mode starts the app over the browser platform bridge', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'RECIST Workstation' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(/0\.1\.0 · web/);
  expect(errors).toEqual([]);
});
