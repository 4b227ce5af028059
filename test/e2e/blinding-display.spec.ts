/**
 * Issue 11, blinding: a BICR reader reads a subject on the reading screens without ever being shown
 * the patient's ID or a real date (study days instead), nor the Studies list, import or audit trail; a
 * site radiologist of the same workstation still sees the dates.
 */
import { expect, test, type Page } from '@playwright/test';
import { phiValues } from '../../src/core/trial/blinding';
import { CT_DIR, deriveFollowUp } from './measure.helpers';
import { addAccount, setUpWorkstation, signIn, signOut } from './support/accounts';
import { keepScreenshot } from './support/artifacts';
import { collectScreenText, describePhi, findPhiIn } from './support/phiScan';
import { importPath } from './support/readingSetup';
import { measureBaselineTarget, measureTargetAt } from './support/readingVisits';

const SITE = 'Dr Site Reader';
const BICR = 'Dr Blind Reader';
const ENROLLED = '2000-01-03';

// The shared CT's header (dcmdump): Patient ID LIDC-IDRI-0314, sex F, accession 2819497684894126,
// study, series, acquisition and content dates 20000101. The derived follow-up is dated 20000226 and
// its series description says so ("DERIVED FOLLOW-UP 20000226"). The enrolment date is a real date too.
const PHI = phiValues(
  {
    patientId: 'LIDC-IDRI-0314',
    patientSex: 'F',
    accessionNumber: '2819497684894126',
    studyDate: '20000101',
    seriesDate: '20000101',
  },
  { studyDate: '20000226', patientBirthDate: ENROLLED },
);

async function expectNoPhi(page: Page, where: string) {
  const found = findPhiIn(await collectScreenText(page), PHI);
  expect(found, describePhi(where, found)).toEqual([]);
}

async function waitForImages(page: Page, viewports: number) {
  for (let index = 0; index < viewports; index++)
    await page.waitForFunction((i) => window.__recistViewer?.getState(i)?.rendered === true, index);
}

test('a BICR reader sees study days and the subject label, never the patient ID or a real date; a site radiologist still sees the dates', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const followUp = deriveFollowUp('20000226', false);
  try {
    await page.goto('/');
    await importPath(page, CT_DIR);
    await importPath(page, followUp.dir);

    // The admin adds a site radiologist and a BICR reader.
    await page.getByTestId('mode-reading').click();
    await setUpWorkstation(page);
    await addAccount(page, { name: SITE, role: 'Site radiologist' });
    await addAccount(page, { name: BICR, role: 'BICR reader' });
    await signOut(page);

    // The site enters the enrolment date and gives the subject its trial label (subjects are made from
    // Patient IDs, so the label starts as the patient's ID).
    await signIn(page, `${SITE} · Site radiologist`);
    await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
    await page.getByTestId('subject-enrollmentDate').fill(ENROLLED);
    await page.getByTestId('subject-enrollmentDate').press('Tab');
    await page.getByTestId('subject-label').click();
    await page.getByTestId('subject-label-input').fill('PANC-001');
    await page.getByTestId('subject-label-input').press('Enter');
    await expect(page.getByTestId('subject-label')).toHaveText('PANC-001');
    await expect(page.getByTestId('timepoint-row')).toHaveCount(2);
    await signOut(page);

    // The BICR reader: reading only, no study list, import, drop or audit trail.
    await signIn(page, `${BICR} · BICR reader`);
    await expect(page.getByTestId('mode-reading')).toBeVisible();
    await expect(page.getByTestId('mode-studies')).toHaveCount(0);
    await expect(page.getByTestId('open-audit')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Open folder|Open files|Import path/ })).toHaveCount(0);
    await expect(page.getByTestId('subject-select').locator('option', { hasText: 'LIDC' })).toHaveCount(0);
    await expectNoPhi(page, 'the BICR reader signed in');

    await page.getByTestId('subject-select').selectOption({ label: 'PANC-001' });
    await page.getByTestId('start-read').click();
    // The visits by study day from the 2000-01-03 enrolment: 2000-01-01 is day -2, 2000-02-26 day 55.
    const rows = page.getByTestId('timepoint-row');
    await expect(rows.nth(0)).toContainText('Day -2 (W0)');
    await expect(rows.nth(1)).toContainText('Day 55 (W8)');
    // The subject's real dates are neither shown nor editable.
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveCount(0);
    await expect(page.getByTestId('subject-dates-blinded')).toHaveText('Enrolment: day 1');
    await expect(page.getByTestId('export-read')).toHaveCount(0);
    await waitForImages(page, 1);
    await expect(page.getByTestId('column-Baseline')).toContainText('Day -2');
    await expectNoPhi(page, 'the baseline, blinded');

    // A smaller T1 at the follow-up: a PR awaiting confirmation, whose confirming scan (2000-03-25) and
    // PFS censoring (2000-02-26) are given as study days.
    const slice = await measureBaselineTarget(page);
    await measureTargetAt(page, 1, slice, 10);
    await expect(page.getByTestId('overall-Week 8')).toHaveText('PR');
    await expect(page.getByTestId('best-overall-response')).toHaveText(
      'Best response PR, awaiting confirmation (needs a scan on or after Day 83)',
    );
    await expect(page.getByTestId('endpoint-pfs')).toHaveText('55 d (censored at Day 55)');

    // The follow-up beside its prior: the derived series' description carries its date, blinded.
    await waitForImages(page, 2);
    await expect(page.getByTestId('series-description').nth(1)).toHaveText('DERIVED FOLLOW-UP Day 55');
    await expect(page.getByTestId('visit-caption').nth(1)).toContainText('day 55');
    await page.getByTestId('move-study').first().focus();
    await expectNoPhi(page, 'the follow-up, blinded');
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await waitForImages(page, 2);
      await keepScreenshot(page, testInfo, `blinded-reading-${size.width}x${size.height}`);
      await expectNoPhi(page, `the blinded screen at ${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1600, height: 1000 });

    // Signing the baseline: the e-signature dialog names the visit, not its date.
    await rows.nth(0).click();
    await page.getByTestId('sign').click();
    const dialog = page.getByTestId('esign-dialog');
    await expect(page.getByTestId('esign-meaning')).toContainText('Baseline');
    await expectNoPhi(page, 'the sign dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await signOut(page);

    // The site radiologist still sees the real dates, the study list and the audit trail.
    await signIn(page, `${SITE} · Site radiologist`);
    await expect(page.getByTestId('mode-studies')).toBeVisible();
    await expect(page.getByTestId('open-audit')).toBeVisible();
    await page.getByTestId('subject-select').selectOption({ label: 'PANC-001' });
    await expect(page.getByTestId('timepoint-row').nth(0)).toContainText('2000-01-01');
    await expect(page.getByTestId('timepoint-row').nth(1)).toContainText('2000-02-26');
    await expect(page.getByTestId('subject-enrollmentDate')).toHaveValue(ENROLLED);
    // The same scan finds them here: it is not blind itself.
    expect(findPhiIn(await collectScreenText(page), PHI)).toEqual(
      expect.arrayContaining(['2000-01-01', '2000-02-26', ENROLLED]),
    );
    expect(errors).toEqual([]);
  } finally {
    followUp.remove();
  }
});
