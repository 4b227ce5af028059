/**
 * Issue 10: accounts with passphrases, per-session sign-in, the inactivity lock, and e-signatures that
 * ask for the passphrase again.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { CT_DIR } from './measure.helpers';
import {
  ADMIN,
  addAccount,
  READER_PASSPHRASE,
  setUpWorkstation,
  signIn,
  signInAsNewReader,
  signOut,
} from './support/accounts';
import { importPath } from './support/readingSetup';

/** The screen at both workstation sizes, under test-results/ (looked at, not compared). */
async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const path = testInfo.outputPath(`${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name}-${size.width}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
}

/** Starts the subject's read as the signed-in reader, with an enrolment date. */
async function startSubjectRead(page: Page) {
  await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
  await page.getByTestId('start-read').click();
  await page.getByTestId('subject-enrollmentDate').fill('2000-01-03');
}

/** Opens the sign dialog of the open visit, with an override reason when the visit needs one. */
async function openSignDialog(page: Page) {
  await page.getByTestId('sign').click();
  const dialog = page.getByTestId('esign-dialog');
  await expect(dialog).toBeVisible();
  if (await dialog.getByTestId('reason-input').isVisible())
    await dialog.getByTestId('reason-input').fill('No measurable disease at this visit');
  return dialog;
}

test('first run sets up the administrator; a wrong passphrase does not sign in; the admin manages accounts', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await expect(page.getByTestId('setup')).toBeVisible();
  await shoot(page, testInfo, '1-setup');
  // Two different passphrases are refused before anything is created.
  await page.getByTestId('reader-name').fill(ADMIN.name);
  await page.getByTestId('setup-passphrase').fill(ADMIN.passphrase);
  await page.getByTestId('setup-repeat').fill('another passphrase');
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByTestId('setup-passphrase-error')).toHaveText('The two passphrases are not the same');
  await setUpWorkstation(page);
  await expect(page.getByTestId('signed-in-as')).toHaveText(`${ADMIN.name} · Administrator`);
  await addAccount(page, { name: 'Dr Ann Reader' });
  await addAccount(page, { name: 'Dr Bo Reader', role: 'BICR reader' });
  await expect(page.getByTestId('account-row')).toHaveCount(3);
  await shoot(page, testInfo, '3-accounts');

  // Disabled: the account cannot be chosen to sign in.
  await page
    .getByTestId('account-row')
    .filter({ hasText: 'Dr Bo Reader' })
    .getByRole('button', { name: 'Disable' })
    .click();
  await expect(page.getByTestId('account-row').filter({ hasText: 'Dr Bo Reader' })).toContainText('Disabled');
  await signOut(page);
  await expect(
    page.getByTestId('sign-in-account').locator('option', { hasText: 'Dr Bo Reader' }),
  ).toBeDisabled();

  // A wrong passphrase: said, and nobody is signed in.
  await page.getByTestId('sign-in-account').selectOption({ label: 'Dr Ann Reader · Site radiologist' });
  await page.getByTestId('sign-in-passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-passphrase-error')).toHaveText('That passphrase is not right');
  await expect(page.getByTestId('reader-badge')).toHaveCount(0);
  await shoot(page, testInfo, '2-sign-in-wrong-passphrase');
  await signIn(page, 'Dr Ann Reader · Site radiologist');
  await expect(page.getByTestId('accounts-screen')).toHaveCount(0);

  // Sign-in is per tab: a reload keeps it, a new tab asks again.
  await page.reload();
  await expect(page.getByTestId('signed-in-as')).toHaveText('Dr Ann Reader · Site radiologist');
  const second = await page.context().newPage();
  await second.goto('/');
  await second.getByTestId('mode-reading').click();
  await expect(second.getByTestId('sign-in')).toBeVisible();
  await expect(second.getByTestId('reader-badge')).toHaveCount(0);
  await second.close();
});

test('the sign dialog shows what is signed; a wrong passphrase signs nothing; another reader cannot change the signed read', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await importPath(page, CT_DIR);
  await page.getByTestId('mode-reading').click();
  await signInAsNewReader(page, 'Dr Ann Reader');
  await startSubjectRead(page);

  const dialog = await openSignDialog(page);
  await expect(dialog.getByTestId('esign-meaning')).toContainText(
    'I, Dr Ann Reader, confirm this assessment of Baseline is my own',
  );
  await expect(dialog.getByTestId('esign-signer')).toHaveText('Dr Ann Reader');
  await dialog.getByTestId('esign-passphrase').fill('not the passphrase');
  await dialog.getByTestId('esign-ok').click();
  await expect(dialog.getByTestId('esign-passphrase-error')).toHaveText(
    'That passphrase is not right: nothing was signed',
  );
  await shoot(page, testInfo, '4-sign-dialog-wrong-passphrase');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('signed-badge')).toHaveCount(0);
  await expect(page.getByTestId('sign')).toBeVisible();

  // Now with the right passphrase.
  const again = await openSignDialog(page);
  await again.getByTestId('esign-passphrase').fill(READER_PASSPHRASE);
  await again.getByTestId('esign-ok').click();
  await expect(page.getByTestId('signed-badge')).toBeVisible();

  // Another reader opens the subject: the first reader's read is not theirs (not shown, not signed),
  // and the dates the signed read depends on are not theirs to change.
  await signOut(page);
  await signIn(page, `${ADMIN.name} · Administrator`, ADMIN.passphrase);
  await addAccount(page, { name: 'Dr Bo Reader' });
  await signOut(page);
  await signIn(page, 'Dr Bo Reader · Site radiologist');
  await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
  await expect(page.getByTestId('start-read')).toBeVisible();
  await expect(page.getByTestId('signed-badge')).toHaveCount(0);
  await page.getByTestId('start-read').click();
  const enrolment = page.getByTestId('subject-enrollmentDate');
  await expect(enrolment).not.toBeEditable();
  await expect(enrolment).toHaveAttribute('title', /Frozen by a signature/);
  // Nor the visit the first reader signed: the refusal says why, where the reader typed.
  await page.getByTestId('visit-name').first().click();
  await page.getByTestId('visit-name-input').fill('Screening');
  await page.getByTestId('visit-name-input').press('Enter');
  await expect(page.getByTestId('visit-name-error')).toHaveText(
    "Cannot rename the visit: Baseline is signed in another reader's read",
  );
  await shoot(page, testInfo, '6-second-reader-refused');
});

test('the session locks after the inactivity limit and opens again only with the passphrase', async ({
  page,
}, testInfo) => {
  await page.clock.install();
  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await setUpWorkstation(page);
  await page.getByTestId('inactivity-minutes').fill('1');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-message')).toHaveText('Saved.');

  // Input restarts the count: 50 s, a key, 50 s more is not a minute without input.
  await page.clock.fastForward(50_000);
  await page.keyboard.press('Shift');
  await page.clock.fastForward(50_000);
  await expect(page.getByTestId('lock-overlay')).toBeHidden();
  await page.clock.fastForward(11_000);
  const overlay = page.getByTestId('lock-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay).toContainText('Locked: enter your passphrase to continue');
  // Nothing behind it can be used.
  await expect(page.getByTestId('save-settings').click({ timeout: 2_000 })).rejects.toThrow();
  await shoot(page, testInfo, '5-lock-overlay');

  // A reload does not unlock it.
  await page.reload();
  await expect(page.getByTestId('lock-overlay')).toBeVisible();
  await page.getByTestId('unlock-passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('unlock-passphrase-error')).toHaveText('That passphrase is not right');
  await expect(page.getByTestId('lock-overlay')).toBeVisible();
  await page.getByTestId('unlock-passphrase').fill(ADMIN.passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('lock-overlay')).toBeHidden();
  await expect(page.getByTestId('accounts-screen')).toBeVisible();
});
