import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { verifyAuditExport } from '../../src/core/audit/export';
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
    // The banner's export is the trail as stored: verifying it names the same event.
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-banner-export').click();
    const file = testInfo.outputPath('blocked-trail.json');
    await (await download).saveAs(file);
    expect(verifyAuditExport(JSON.parse(readFileSync(file, 'utf8')))).toMatchObject({
      ok: false,
      seq: target,
      problem: `event ${target} was changed after it was written`,
    });
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

test.describe('audit view', () => {
  test('filters the trail, shows who, what, old -> new and exports what it shows', async ({
    page,
  }, testInfo) => {
    await page.goto('/');
    const seeded = await seedRead(page, { editRounds: 3 });
    await page.reload();
    await page.getByTestId('open-audit').click();
    const view = page.getByTestId('audit-view');
    await expect(view).toBeVisible();
    await expect(page.getByTestId('audit-count')).toHaveText(`${seeded.lastSeq} events`);

    // The last event: a visit renamed by the reader, old -> new name.
    const last = page.getByTestId(`audit-row-${seeded.lastSeq}`);
    await expect(last).toContainText('Dr Rita Reader');
    await expect(last).toContainText('BICR reader');
    await expect(last).toContainText('Visit changed');
    await expect(last).toContainText('visitName: Week 9 → Week 10');

    await page.getByTestId('audit-filter-reader').selectOption({ label: 'Ada Admin' });
    await expect(page.getByTestId('audit-count')).toHaveText(/^[1-9]\d* events?$/);
    // Who acted (third column): only the admin; the reader is named only in what the admin created.
    await expect(view.locator('tbody td:nth-child(3)', { hasText: 'Dr Rita Reader' })).toHaveCount(0);
    await expect(view.locator('tbody td:nth-child(3)', { hasText: 'Ada Admin' }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();

    await page.getByTestId('audit-filter-subject').selectOption({ label: 'AUDIT-001' });
    await page.getByTestId('audit-filter-action').selectOption({ label: 'changed' });
    await page.getByTestId('audit-filter-visit').selectOption({ label: 'Week 10' });
    // Three renames of that visit, none of the subject's date changes.
    await expect(page.getByTestId('audit-count')).toHaveText('3 events');
    await expect(view.locator('tbody tr')).toHaveCount(3);
    await keepScreenshot(page, testInfo, 'audit-view-filtered-1600x1000');

    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export-json').click();
    const file = testInfo.outputPath('audit-selection.json');
    await (await download).saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { events: unknown[]; partial: boolean };
    expect(exported.events).toHaveLength(3);
    expect(exported.partial).toBe(true);
    // The fingerprint the view shows is the key the export is signed with (what `audit verify --key` checks).
    const shown = (await page.getByTestId('installation-key').innerText()).replace('Installation key ', '');
    expect(verifyAuditExport(exported)).toMatchObject({
      ok: true,
      events: 3,
      partial: true,
      keyFingerprint: shown,
    });

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('audit-export-csv').click();
    const csvFile = testInfo.outputPath('audit-selection.csv');
    await (await csvDownload).saveAs(csvFile);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,reader,role,action,entity/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toContain('Week 10');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await keepScreenshot(page, testInfo, 'audit-view-1600x1000');
    await page.setViewportSize({ width: 1280, height: 800 });
    await keepScreenshot(page, testInfo, 'audit-view-1280x800');
    await page.getByTestId('audit-close').click();
    await expect(view).toBeHidden();
  });
});
