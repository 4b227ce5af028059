import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli';
import { signVisit } from './support/accounts';
import { keepScreenshot } from './support/artifacts';
import { CT_DIR, deriveFollowUp, drag } from './measure.helpers';
import { readingPagePoint as pagePoint } from './support/readingPage';
import {
  chooseLocation,
  importPath,
  measureNodule,
  showNoduleSlice,
  startRead,
} from './support/readingSetup';

test('a full baseline and follow-up read: measure, judge, new lesion, sign, reload, export', async ({
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message + '\n' + error.stack));
  // The follow-up is DERIVED from the same CT (new UIDs, 8 weeks later): the archive has no second scan.
  const followUp = deriveFollowUp('20000226', false);
  try {
    await page.goto('/');
    await importPath(page, CT_DIR);
    await importPath(page, followUp.dir);

    await startRead(page);
    await expect(page.getByTestId('timepoint-row')).toHaveCount(2);

    // Grouping by Patient ID and date is a proposal, but a started read's baseline is fixed: the
    // follow-up's study cannot join it (the reader is told why), and both visits stay.
    await page.getByTestId('timepoint-row').nth(1).click();
    await expect(page.getByTestId('move-study')).toHaveAccessibleName('Move study of 2000-02-26');
    await page.getByTestId('move-study').selectOption({ label: 'Baseline (2000-01-01)' });
    await expect(page.getByTestId('reading-problem')).toContainText(
      'Baseline is the baseline of a started read',
    );
    await expect(page.getByTestId('timepoint-row')).toHaveCount(2);
    await expect(page.getByTestId('visit-name').nth(1)).toHaveText('Week 8');
    await page.getByTestId('reading-problem').getByRole('button', { name: 'dismiss' }).click();
    await page.getByTestId('timepoint-row').nth(0).click();

    // Baseline: the right-lung nodule as T1, a non-target.
    const NODULE_SLICE = await showNoduleSlice(page, 0);
    await page.getByTestId('add-target').click();
    await measureNodule(page, 0, 16);
    await chooseLocation(page, 'right upper lobe');
    await expect(page.getByTestId('value-T1')).toContainText('mm');
    const baselineMm = Number((await page.getByTestId('value-T1').textContent())!.replace(/[^\d.]/g, ''));
    expect(baselineMm).toBeGreaterThan(20);
    // The key image of the measured lesion is kept with the read, and shown at the lesion.
    await expect(page.getByTestId('key-image-T1')).toBeVisible();
    expect(
      await page.getByTestId('key-image-T1').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(100);
    await page.getByTestId('add-non-target').click();
    const arrowFrom = await pagePoint(page, 0, 260, 230);
    const arrowTo = await pagePoint(page, 0, 250, 250);
    await drag(page, arrowFrom, arrowTo);
    await chooseLocation(page, 'mediastinal');
    await expect(page.getByTestId('lesion-NT1')).toBeVisible();
    await expect(page.getByTestId('sum-Baseline')).toHaveText(baselineMm.toFixed(1));
    await expect(page.getByTestId('unread-Week 8')).toBeVisible();
    await keepScreenshot(page, testInfo, '1-baseline-measured');
    await signVisit(page);

    // Follow-up: prior beside current; T1 smaller gives PR, a new lesion gives PD.
    await page.getByTestId('timepoint-row').nth(1).click();
    await expect(page.getByTestId('viewport-1')).toBeVisible();
    await page.getByTestId('lesion-T1').getByRole('button', { name: 'go to' }).click();
    await page.waitForFunction(
      (slice) =>
        window.__recistViewer?.getSliceIndex(1) === slice &&
        window.__recistViewer?.getSliceIndex(0) === slice,
      NODULE_SLICE,
    );
    await page.getByTestId('measure-T1').click();
    await measureNodule(page, 1, 10);
    await page.getByTestId('present-NT1').click();
    await expect(page.getByTestId('overall-Week 8')).toHaveText('PR');
    await expect(page.getByTestId('key-image-T1')).toBeVisible();
    await expect(page.getByTestId('target-Week 8')).toHaveText('PR');
    await expect(page.getByTestId('unread-Week 8')).toHaveCount(0);
    await expect(page.getByTestId('non-target-Week 8')).toHaveText('Non-CR/Non-PD');
    await keepScreenshot(page, testInfo, '2-follow-up-PR');

    await page.getByTestId('add-new-lesion').click();
    await drag(page, await pagePoint(page, 1, 380, 300), await pagePoint(page, 1, 370, 310));
    await chooseLocation(page, 'left lower lobe');
    await expect(page.getByTestId('new-lesions-Week 8')).toHaveText('YES');
    await expect(page.getByTestId('overall-Week 8')).toHaveText('PD');
    await expect(page.getByTestId('explanation')).toContainText('PD');
    await keepScreenshot(page, testInfo, '3-follow-up-new-lesion-PD');

    // Reload: the read, the place and the drawings come back from the database.
    await page.reload();
    await expect(page.getByTestId('overall-Week 8')).toHaveText('PD');
    await expect(page.getByTestId('cell-T1-Baseline')).toHaveText(baselineMm.toFixed(1));
    await page.getByTestId('lesion-T1').getByRole('button', { name: 'go to' }).click();
    await page.waitForFunction((slice) => window.__recistViewer?.getSliceIndex(1) === slice, NODULE_SLICE);
    await expect(page.getByTestId('viewport-1').locator('[data-annotation-uid]').first()).toBeAttached();
    await expect(page.getByTestId('viewport-0').locator('[data-annotation-uid]').first()).toBeAttached();
    await keepScreenshot(page, testInfo, '4-after-reload');

    // Every edit of the read is in the audit trail, whose head is signed.
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open('recist-workstation');
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          const count = (store: string) =>
            new Promise<number>((resolve) => {
              const request = db.transaction(store).objectStore(store).count();
              request.onsuccess = () => resolve(request.result);
            });
          const counts = { events: await count('auditTrail'), heads: await count('auditHead') };
          db.close();
          return counts.events > 10 && counts.heads === 1;
        }),
      )
      .toBe(true);

    // Export: the bundle verifies, and the CLI gives the panel's responses from its read.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-read').click();
    const file = testInfo.outputPath('exported-read.json');
    await (await download).saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      subjectRead: { timepoints: { id: string }[] };
    };
    expect(exported.subjectRead.timepoints.map((t) => t.id)).toEqual(['Baseline', 'Week 8']);
    const verified = runCli(['audit', 'verify', file]);
    expect(verified.stdout).toContain('Read export intact');
    expect(verified.code).toBe(0);
    const cli = runCli(['evaluate', '-'], JSON.stringify(exported.subjectRead));
    expect(cli.stderr).toBe('');
    const result = JSON.parse(cli.stdout) as {
      timepoints: { id: string; overall: string; target: string; sumMm: number }[];
    };
    for (const row of result.timepoints) {
      await expect(page.getByTestId(`overall-${row.id}`)).toHaveAttribute('data-code', row.overall);
      await expect(page.getByTestId(`target-${row.id}`)).toHaveAttribute('data-code', row.target);
      await expect(page.getByTestId(`sum-${row.id}`)).toHaveText(row.sumMm.toFixed(1));
    }
    expect(result.timepoints.map((t) => t.overall)).toEqual(['NA', 'PD']);
    expect(errors).toEqual([]);
  } finally {
    followUp.remove();
  }
});
