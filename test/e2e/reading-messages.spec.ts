import { expect, test } from '@playwright/test';
import { CT_DIR } from './measure.helpers';
import { READER_PASSPHRASE, setUpWorkstation, signIn, signOut } from './support/accounts';
import { importPath } from './support/readingSetup';

test('messages a reader sees are written for a reader and shown at the field they are about', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await importPath(page, CT_DIR);
  await page.getByTestId('mode-reading').click();

  // An empty account name, then one of spaces: said at the name field, in words.
  await setUpWorkstation(page);
  const screen = page.getByTestId('accounts-screen');
  await screen.getByTestId('account-passphrase').fill(READER_PASSPHRASE);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('reader-name-error')).toHaveText('Enter your name');
  await screen.getByTestId('reader-name').fill('   ');
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('reader-name-error')).toHaveText('Enter your name');
  // A passphrase too short: said at the passphrase field.
  await screen.getByTestId('reader-name').fill('Dr Test Reader');
  await screen.getByTestId('account-passphrase').fill('short');
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-passphrase-error')).toHaveText(
    'A passphrase needs at least 10 characters',
  );
  await screen.getByTestId('account-passphrase').fill(READER_PASSPHRASE);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-added')).toContainText('Dr Test Reader');
  await signOut(page);
  await signIn(page, 'Dr Test Reader · Site radiologist');
  await page.getByTestId('subject-select').selectOption({ label: 'LIDC-IDRI-0314' });
  await page.getByTestId('start-read').click();

  // A visit name too long, then none: the reason beside the visit name, the typed text kept.
  await page.getByTestId('visit-name').first().click();
  await page.getByTestId('visit-name-input').fill('V'.repeat(101));
  await page.getByTestId('visit-name-input').press('Enter');
  await expect(page.getByTestId('visit-name-error')).toHaveText('Visit name can be at most 100 characters');
  await expect(page.getByTestId('visit-name-input')).toHaveValue('V'.repeat(101));
  await page.getByTestId('visit-name-input').fill('');
  await page.getByTestId('visit-name-input').press('Enter');
  await expect(page.getByTestId('visit-name-error')).toHaveText('Enter a visit name');
  await page.getByTestId('visit-name-input').press('Escape');
  await expect(page.getByTestId('visit-name').first()).toHaveText('Baseline');

  // The subject ID, emptied.
  await page.getByTestId('subject-label').click();
  await page.getByTestId('subject-label-input').fill(' ');
  await page.getByTestId('subject-label-input').press('Enter');
  await expect(page.getByTestId('subject-label-error')).toHaveText('Enter a subject ID');

  // Nothing of this reached the workspace's banner in a developer's words.
  await expect(page.getByTestId('reading-problem')).toBeHidden();
  await expect(page.locator('body')).not.toContainText('must not be blank');
  await expect(page.locator('body')).not.toContainText('visitName');
});
