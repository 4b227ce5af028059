import type { Page, TestInfo } from '@playwright/test';

/** Saves a full-page screenshot under test-results/ (kept as a CI artifact) and attaches it to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  return path;
}
