/**
 * Issue 10: a read's baseline is fixed. A study dated before a signed baseline waits under "New images"
 * and changes nothing; a correction of frozen subject data marks the signed read until its reader
 * re-signs.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';
import { ADMIN, confirmSignature, signIn, signOut, signVisit } from './support/accounts';
import { CT_DIR } from './measure.helpers';
import { deriveCtStudy } from './support/importSetup';
import { importPath, startRead } from './support/readingSetup';
import { measureBaselineTarget } from './support/readingVisits';

const READER = 'Dr Test Reader';

async function screenshotsAtBothSizes(page: Page, testInfo: TestInfo, name: string) {
  for (const [width, height] of [
    [1600, 1000],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await keepScreenshot(page, testInfo, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
}

/**
 * The administrator's correction, through the screens: the reader signs out, the administrator signs in
 * and corrects the date from the accounts and settings screen, signs it, and the reader signs in again.
 */
async function correctEnrolmentAsAdmin(page: Page, enrollmentDate: string, reason: string) {
  await signOut(page);
  await signIn(page, `${ADMIN.name} · Administrator`, ADMIN.passphrase);
  const frozen = page.getByTestId('subject-date-corrections').getByTestId('frozen-subject');
  await expect(frozen).toHaveCount(1);
  await frozen.getByTestId('correct-enrollmentDate').click();
  await expect(page.getByTestId('esign-meaning')).toHaveText(
    `I, ${ADMIN.name}, correct the enrolment date of subject LIDC-IDRI-0314, for the reason I gave.`,
  );
  await page.getByTestId('date-correction-date').fill(enrollmentDate);
  await confirmSignature(page, { passphrase: ADMIN.passphrase, reason });
  await expect(page.getByTestId('esign-dialog')).toHaveCount(0);
  await expect(frozen).toContainText(enrollmentDate);
  await signOut(page);
  await signIn(page, `${READER} · Site radiologist`);
}

test('a study older than the signed baseline waits under "New images"; the read does not change, and setting it aside records who and why', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // DERIVED from the shared CT (baseline 2000-01-01): the same patient, a month before the baseline.
  const older = deriveCtStudy('19991201');
  try {
    await page.goto('/');
    await importPath(page, CT_DIR);
    await startRead(page);
    const visits = page.getByTestId('timepoint-row');
    await expect(visits).toHaveCount(1);
    await measureBaselineTarget(page);
    await signVisit(page);
    const panel = page.getByTestId('recist-panel');
    await expect(panel).toContainText('Baseline');
    const panelBefore = await panel.innerText();

    // Signed: the subject's dates are frozen, and a reader cannot correct them.
    await expect(page.getByTestId('subject-dates-frozen')).toContainText('Frozen by a signature');
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveJSProperty('readOnly', true);
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveValue('2000-01-03');
    await expect(page.getByTestId('correct-enrollmentDate')).toHaveCount(0);

    await page.getByTestId('mode-studies').click();
    await importPath(page, older.dir);
    await page.getByTestId('mode-reading').click();

    const newImages = page.getByTestId('new-images');
    await expect(newImages.getByRole('heading')).toHaveText('New images (1)');
    const waiting = newImages.getByTestId('new-image');
    await expect(waiting).toHaveCount(1);
    await expect(waiting).toContainText('1999-12-01');
    await expect(waiting).toContainText('Patient ID LIDC-IDRI-0314');
    // The read is as it was: one visit, still the signed baseline, the same responses.
    await expect(visits).toHaveCount(1);
    await expect(visits.nth(0)).toContainText('2000-01-01');
    await expect(visits.nth(0)).toContainText('baseline');
    await expect(visits.nth(0)).toContainText('signed');
    await expect(page.getByTestId('signed-badge')).toBeVisible();
    expect(await panel.innerText()).toBe(panelBefore);
    await screenshotsAtBothSizes(page, testInfo, 'new-images-waiting');

    // It cannot become a visit before the baseline: the reader is told why, in words.
    await waiting.getByTestId('new-image-new-visit').click();
    await expect(waiting.getByTestId('new-image-error')).toContainText('before the baseline');
    await expect(visits).toHaveCount(1);

    await waiting.getByTestId('new-image-set-aside').click();
    await waiting.getByTestId('new-image-reason').fill('Screening scan outside the trial schedule');
    await waiting.getByTestId('new-image-set-aside-confirm').click();
    await expect(newImages.getByRole('heading')).toHaveText('New images (0)');
    const resolved = newImages.getByTestId('new-images-resolved');
    await resolved.getByText('Resolved (1)').click();
    await expect(resolved.getByTestId('new-image-resolved')).toContainText(
      'Set aside: Screening scan outside the trial schedule',
    );
    await expect(resolved.getByTestId('new-image-resolved')).toContainText(`by ${READER}`);
    await screenshotsAtBothSizes(page, testInfo, 'new-images-resolved');
    expect(await panel.innerText()).toBe(panelBefore);

    // A later import (the same folder again) offers nothing new and changes nothing.
    await page.getByTestId('mode-studies').click();
    await page.getByRole('button', { name: 'Import path…' }).click();
    await page.getByTestId('import-path-input').fill(older.dir);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByTestId('import-report')).toBeVisible({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('mode-reading').click();
    await expect(newImages.getByRole('heading')).toHaveText('New images (0)');
    await expect(page.getByTestId('reading-problem')).toHaveCount(0);

    // An administrator corrects the frozen enrolment date: the signed read says so until re-signed.
    await correctEnrolmentAsAdmin(page, '2000-01-02', 'Enrolment date mistyped on the CRF');
    const notice = page.getByTestId('change-notice');
    await expect(notice).toContainText('Changed after signature');
    await expect(notice).toContainText('Enrolment date: 2000-01-03 → 2000-01-02');
    await expect(notice).toContainText(`by ${ADMIN.name}`);
    await expect(notice).toContainText('Reason: Enrolment date mistyped on the CRF');
    const outcome = notice.getByTestId('change-notice-outcome');
    await expect(outcome.getByRole('rowheader')).toHaveText(['Baseline', 'Best response', 'PFS', 'DOR']);
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveValue('2000-01-02');
    await screenshotsAtBothSizes(page, testInfo, 'changed-after-signature');

    await notice.getByTestId('re-sign').click();
    await expect(page.getByTestId('esign-meaning')).toHaveText(
      `I, ${READER}, have reviewed the change to subject LIDC-IDRI-0314's data and confirm my assessments.`,
    );
    await confirmSignature(page, { passphrase: 'not my passphrase' });
    await expect(page.getByTestId('esign-passphrase-error')).toContainText('nothing was signed');
    await expect(notice).toBeVisible();
    await confirmSignature(page);
    await expect(notice).toHaveCount(0);
  } finally {
    older.remove();
  }
});
