/**
 * Issue 11, "unmatched studies wait in a queue; the admin can reassign": the administrator's queue on
 * its dev harness (a trial, two subjects, studies grouped the trial's way through the real repositories).
 */
import { expect, test, type Page } from '@playwright/test';

async function openQueue(page: Page, as: 'admin' | 'reader' = 'admin') {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`/harness/unmatched.html${as === 'reader' ? '?as=reader' : ''}`);
  await page.evaluate(() => window.__unmatched!.ready);
  await expect(page.getByTestId('unmatched-study')).toHaveCount(3);
  return errors;
}

const rowOf = (page: Page, uid: string) =>
  page.locator(`[data-testid="unmatched-study"][data-study-uid="${uid}"]`);

test('the admin sees why each study waits, assigns one to a subject and sets one aside', async ({ page }) => {
  const errors = await openQueue(page);
  const queue = page.getByTestId('unmatched-studies');
  await expect(queue.getByRole('heading')).toHaveText('Studies waiting for a subject (3)');
  // Oldest study first; the admin is not blinded: real dates, Patient IDs and names.
  await expect(page.getByTestId('unmatched-study').first()).toContainText('2025-10-01');
  const unknown = rowOf(page, '1.2.826.0.7.3');
  await expect(unknown).toContainText('P404');
  await expect(unknown).toContainText('DOE, P404');
  await expect(unknown).toContainText('PANC-404');
  await expect(unknown.getByTestId('unmatched-reason')).toContainText(
    'Clinical Trial Subject ID "PANC-404" is not the ID of any subject in this trial',
  );
  await expect(rowOf(page, '1.2.826.0.7.5').getByTestId('unmatched-reason')).toContainText(
    "97 days before PANC-002's treatment start (2026-01-06)",
  );

  const noSubject = rowOf(page, '1.2.826.0.7.4');
  await expect(noSubject.getByTestId('unmatched-reason')).toHaveText(
    'No subject of this trial has the Patient ID "P999".',
  );
  await noSubject.getByTestId('unmatched-assign').click();
  await noSubject.getByTestId('unmatched-subject').selectOption({ label: 'PANC-002 (SITE-02)' });
  await noSubject.getByTestId('unmatched-assign-confirm').click();
  await expect(noSubject).toHaveCount(0);
  expect(await page.evaluate(() => window.__unmatched!.visits())).toEqual([
    'PANC-001 Baseline: 1.2.826.0.7.1',
    'PANC-002 W8: 1.2.826.0.7.4',
  ]);

  await unknown.getByTestId('unmatched-set-aside').click();
  await unknown.getByTestId('unmatched-set-aside-confirm').click();
  await expect(unknown.getByTestId('unmatched-error')).toHaveText(
    'Not done: Setting a study aside needs a reason',
  );
  await unknown.getByTestId('unmatched-reason-input').fill('Screening failure, not enrolled');
  await unknown.getByTestId('unmatched-set-aside-confirm').click();
  await expect(unknown).toHaveCount(0);
  await expect(queue.getByRole('heading')).toHaveText('Studies waiting for a subject (1)');
  expect(errors).toEqual([]);
});

test('a reader cannot decide the queue: refused in plain words, the study stays', async ({ page }) => {
  await openQueue(page, 'reader');
  const study = rowOf(page, '1.2.826.0.7.4');
  await study.getByTestId('unmatched-assign').click();
  await study.getByTestId('unmatched-subject').selectOption({ label: 'PANC-001 (SITE-01)' });
  await study.getByTestId('unmatched-assign-confirm').click();
  await expect(study.getByTestId('unmatched-error')).toContainText('Only an administrator can assign');
  await expect(page.getByTestId('unmatched-study')).toHaveCount(3);
  expect(await page.evaluate(() => window.__unmatched!.visits())).toEqual([
    'PANC-001 Baseline: 1.2.826.0.7.1',
  ]);
});
