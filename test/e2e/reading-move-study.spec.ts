/** Issue 9 item 15: "Move to…" offers the subject's own visits first and confirms a move to another patient. */
import { expect, test } from '@playwright/test';
import { keepScreenshot } from './support/artifacts';
import { CT_DIR } from './measure.helpers';
import { deriveCtStudy } from './support/importSetup';
import { importPath, startRead } from './support/readingSetup';

test('"Move to…" lists this subject\'s visits first; moving a study to another patient asks first, naming both', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // Both DERIVED from the shared CT: a follow-up of the same patient, and a study of another patient
  // whose ID sorts before it (so a list in label order would offer the other patient first).
  const followUp = deriveCtStudy('20000226');
  const otherPatient = deriveCtStudy('20000310', { patient: { id: 'ABC-0007', name: 'DOE^JANE' } });
  try {
    await page.goto('/');
    await importPath(page, CT_DIR);
    await importPath(page, followUp.dir);
    await importPath(page, otherPatient.dir);
    await startRead(page, { enrollmentDate: '' });
    const visits = page.getByTestId('timepoint-row');
    await expect(visits).toHaveCount(2);
    // The read has opened on its first unsigned visit (both visits in its panel) before the reader picks one.
    await expect(page.getByTestId('recist-panel')).toContainText('Week 8');
    await visits.nth(1).click();

    const mover = page.getByTestId('move-study');
    await expect(mover).toHaveAccessibleName('Move study of 2000-02-26');
    const groups = mover.locator('optgroup');
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toHaveAttribute('label', /^This patient: LIDC-IDRI-0314/);
    await expect(groups.nth(0).locator('option')).toHaveText(['Baseline (2000-01-01)']);
    await expect(groups.nth(1)).toHaveAttribute('label', 'Another patient: ABC-0007 (DOE, JANE)');
    await expect(groups.nth(1).locator('option')).toHaveText([
      'Baseline (2000-03-10)',
      'a new visit of ABC-0007',
    ]);

    // Another patient: nothing moves until the reader confirms, and Cancel leaves everything as it was.
    await mover.selectOption({ label: 'Baseline (2000-03-10)' });
    const confirm = page.getByTestId('move-confirm');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText('LIDC-IDRI-0314');
    await expect(confirm).toContainText('ABC-0007 (DOE, JANE)');
    await expect(confirm).toContainText('another patient');
    await keepScreenshot(page, testInfo, 'move-to-another-patient-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect(visits).toHaveCount(2);
    await expect(mover).toHaveValue('');

    // Confirmed: the study joins the other patient's visit; undo (in the read) brings it back.
    await mover.selectOption({ label: 'Baseline (2000-03-10)' });
    await confirm.getByRole('button', { name: 'Move to ABC-0007' }).click();
    await expect(visits).toHaveCount(1);
    await page.getByTestId('subject-select').selectOption({ label: 'ABC-0007' });
    await expect(visits).toHaveCount(1);
    await visits.first().click();
    await expect(page.getByTestId('visit-studies').locator('li')).toHaveCount(2);
    await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
    await expect(visits).toHaveCount(1);
    await page.getByTestId('undo').click();
    await expect(visits).toHaveCount(2);

    // The subject's own visit: no question asked, but a started read's baseline is fixed, so the
    // study cannot join it and the reader is told why.
    await visits.nth(1).click();
    await mover.selectOption({ label: 'Baseline (2000-01-01)' });
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('reading-problem')).toContainText(
      'Baseline is the baseline of a started read',
    );
    await expect(visits).toHaveCount(2);
  } finally {
    followUp.remove();
    otherPatient.remove();
  }
});
