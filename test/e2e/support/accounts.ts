/** Sign-in steps shared by the end-to-end tests: the workstation's admin, readers' accounts, signing. */
import { expect, type Page } from '@playwright/test';

export const ADMIN = { name: 'Ada Admin', passphrase: 'admin passphrase 1' } as const;
export const READER_PASSPHRASE = 'reader passphrase 1';

type Role = 'Site radiologist' | 'BICR reader' | 'Adjudicator' | 'Administrator';

/** First run: creates the administrator, who is then signed in (the accounts screen shows). */
export async function setUpWorkstation(page: Page, admin: { name: string; passphrase: string } = ADMIN) {
  await expect(page.getByTestId('setup')).toBeVisible();
  await page.getByTestId('reader-name').fill(admin.name);
  await page.getByTestId('setup-passphrase').fill(admin.passphrase);
  await page.getByTestId('setup-repeat').fill(admin.passphrase);
  await page.getByRole('button', { name: 'Set up' }).click();
  await expect(page.getByTestId('accounts-screen')).toBeVisible();
}

/** As the signed-in admin, adds an account. */
export async function addAccount(
  page: Page,
  {
    name,
    role = 'Site radiologist',
    passphrase = READER_PASSPHRASE,
  }: { name: string; role?: Role; passphrase?: string },
) {
  const screen = page.getByTestId('accounts-screen');
  await screen.getByTestId('reader-name').fill(name);
  await screen.getByTestId('account-role').selectOption({ label: role });
  await screen.getByTestId('account-passphrase').fill(passphrase);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-added')).toContainText(name);
}

export async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('sign-in')).toBeVisible();
}

/** From the sign-in screen: `account` is the option's text, "name · role". */
export async function signIn(page: Page, account: string, passphrase = READER_PASSPHRASE) {
  await page.getByTestId('sign-in-account').selectOption({ label: account });
  await page.getByTestId('sign-in-passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(account);
}

/**
 * In reading mode: the admin (set up on first run) adds the reader's account, signs out, and the reader
 * signs in. Reading mode must be open.
 */
export async function signInAsNewReader(
  page: Page,
  reader = 'Dr Test Reader',
  role: Role = 'Site radiologist',
) {
  const setup = page.getByTestId('setup');
  const signInScreen = page.getByTestId('sign-in');
  await expect(setup.or(signInScreen)).toBeVisible();
  if (await setup.isVisible()) await setUpWorkstation(page);
  else await signIn(page, `${ADMIN.name} · Administrator`, ADMIN.passphrase);
  await addAccount(page, { name: reader, role });
  await signOut(page);
  await signIn(page, `${reader} · ${role}`);
}

/** Signs the open visit through the e-signature dialog (with an override reason when one is given). */
export async function signVisit(page: Page, { passphrase = READER_PASSPHRASE, overrideReason = '' } = {}) {
  await page.getByTestId('sign').click();
  await confirmSignature(page, { passphrase, reason: overrideReason });
  await expect(page.getByTestId('signed-badge')).toBeVisible();
}

export async function confirmSignature(page: Page, { passphrase = READER_PASSPHRASE, reason = '' } = {}) {
  const dialog = page.getByTestId('esign-dialog');
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByTestId('reason-input').fill(reason);
  await dialog.getByTestId('esign-passphrase').fill(passphrase);
  await dialog.getByTestId('esign-ok').click();
}
