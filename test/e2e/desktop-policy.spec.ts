import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';
import { keepScreenshot } from './support/artifacts';
import {
  BUILT_RENDERER,
  buildRenderer,
  collectPolicyViolations,
  serveBuiltRenderer,
  startDevRenderer,
  type ServedRenderer,
} from './support/desktopPolicy';
import { brightFraction } from './support/pixels';

const CT = resolve(process.cwd(), '../shared/data/ct-chest-lidc-0314');

/** What a user does first: the window shows the app, a folder is opened, its first image is drawn. */
async function openTheCtUnderThePolicy(
  page: Page,
  renderer: ServedRenderer,
  testInfo: TestInfo,
  name: string,
) {
  const violations = await collectPolicyViolations(page);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const response = await page.goto(renderer.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByRole('heading', { name: 'RECIST Workstation' }))
    .toBeVisible()
    .catch(async () => {
      const why = [...pageErrors, ...(await violations())];
      throw new Error(`the window stays blank:\n${why.join('\n')}`);
    });

  await page.getByTestId('import-folder-input').setInputFiles(CT);
  await expect(page.getByTestId('report-imported')).toHaveText('275', { timeout: 60_000 });
  await page.getByTestId('study-row').first().click();
  await page.getByTestId('series-row').first().click();
  const viewport = page.getByTestId('viewport-0');
  await expect(viewport.getByTestId('slice-index')).toContainText('/ 275');
  await expect
    .poll(() => brightFraction(page, viewport.getByTestId('viewport-canvas')))
    .toBeGreaterThan(0.15);
  await keepScreenshot(page, testInfo, name);

  expect(pageErrors).toEqual([]);
  expect(await violations()).toEqual([]);
}

test.describe('the desktop renderer under the main process policy', () => {
  test('npm run dev: the dev server renders, imports the CT and draws it with nothing blocked', async ({
    page,
  }, testInfo) => {
    const renderer = await startDevRenderer();
    // The developer loop works under the same policy: Vite's hot-reload socket connects too.
    const hotReload = page.waitForEvent('console', (message) => message.text().includes('[vite] connected'));
    try {
      await openTheCtUnderThePolicy(page, renderer, testInfo, 'dev-server-under-policy');
      await hotReload;
    } finally {
      await renderer.close();
    }
  });

  test('npm start: the built renderer renders, imports the CT and draws it with nothing blocked', async ({
    page,
  }, testInfo) => {
    await buildRenderer();
    // The packaged window loads index.html from file://, where only the meta tag can carry the policy.
    const html = await readFile(join(BUILT_RENDERER, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const renderer = await serveBuiltRenderer();
    try {
      await openTheCtUnderThePolicy(page, renderer, testInfo, 'built-renderer-under-policy');
      const metaPolicy = await page
        .locator('meta[http-equiv="Content-Security-Policy"]')
        .getAttribute('content');
      expect(metaPolicy).toBe(CONTENT_SECURITY_POLICY.replace(/; frame-ancestors [^;]*/, ''));
    } finally {
      await renderer.close();
    }
  });
});
