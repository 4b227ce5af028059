/**
 * Issue 11, "Trial setup (admin)": the administrator creates the trial's protocol (defaults pre-filled,
 * a wrong value refused at the form), imports the subjects' CSV (every bad line listed, only the good
 * lines imported when asked), downloads the template, and gives BICR reader 1, reader 2 and the
 * adjudicator their subjects. Everything is checked again after a reload, as stored.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { subjectsCsvTemplate } from '../../src/core/trial/subjectsCsv';
import { ADMIN, READER_PASSPHRASE, setUpWorkstation, signIn, signOut } from './support/accounts';

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    const path = testInfo.outputPath(`${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${size.width}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
}

const CSV = [
  'subjectId,site,enrollmentDate,treatmentStartDate,deathDate,newAnticancerTherapyDate',
  'PANC-001,SITE-01,2026-01-05,2026-01-06,,',
  'PANC-002,SITE-02,2026-01-07,2026-01-08,,',
  'PANC-004,SITE-02,2026-13-01,,,',
  'PANC-003,SITE-01,2026-01-09,,,',
].join('\r\n');

async function addReader(
  page: Page,
  name: string,
  role: 'BICR reader' | 'Adjudicator',
  reading: { number?: 'Reader 1' | 'Reader 2'; site?: string; subjects?: string[] },
) {
  const screen = page.getByTestId('accounts-screen');
  await screen.getByTestId('reader-name').fill(name);
  await screen.getByTestId('account-role').selectOption({ label: role });
  if (reading.number) await screen.getByTestId('account-number').selectOption({ label: reading.number });
  if (reading.site) {
    await screen.getByTestId('account-assignment').selectOption({ label: 'The subjects of one site' });
    await screen.getByTestId('account-site').selectOption(reading.site);
  }
  if (reading.subjects) {
    await screen.getByTestId('account-assignment').selectOption({ label: 'Chosen subjects' });
    for (const label of reading.subjects)
      await screen.getByTestId('account-subjects').getByLabel(label, { exact: false }).check();
  }
  await screen.getByTestId('account-passphrase').fill(READER_PASSPHRASE);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-added')).toContainText(name);
}

const accountRow = (page: Page, name: string) =>
  page.getByTestId('account-row').filter({ has: page.getByRole('cell', { name, exact: true }) });

async function expectAccounts(page: Page) {
  await expect(accountRow(page, 'Dr One').getByTestId('account-role-cell')).toHaveText(
    'BICR reader, Reader 1',
  );
  await expect(accountRow(page, 'Dr One').getByTestId('account-reads')).toHaveText('All subjects');
  await expect(accountRow(page, 'Dr Two').getByTestId('account-role-cell')).toHaveText(
    'BICR reader, Reader 2',
  );
  await expect(accountRow(page, 'Dr Two').getByTestId('account-reads')).toHaveText(
    'Subjects of site SITE-02',
  );
  await expect(accountRow(page, 'Dr Judge').getByTestId('account-role-cell')).toHaveText('Adjudicator');
  await expect(accountRow(page, 'Dr Judge').getByTestId('account-reads')).toHaveText(
    '2 subjects: PANC-001, PANC-003',
  );
}

async function expectSubjects(page: Page) {
  const rows = page.getByTestId('trial-subject-row');
  await expect(rows).toHaveCount(3);
  const cells = async (i: number) =>
    (await rows.nth(i).getByRole('cell').allInnerTexts()).map((t) => t.trim());
  expect(await cells(0)).toEqual([
    'PANC-001',
    'SITE-01',
    '2026-01-05',
    '2026-01-06',
    '0',
    'Not started',
    'Not started',
    'Not yet: both reads must be signed',
  ]);
  expect((await cells(1)).slice(0, 5)).toEqual(['PANC-002', 'SITE-02', '2026-01-07', '2026-01-08', '0']);
  expect((await cells(2)).slice(0, 5)).toEqual(['PANC-003', 'SITE-01', '2026-01-09', '—', '0']);
}

test('the admin sets up the trial, imports its subjects and assigns BICR readers and the adjudicator', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await setUpWorkstation(page);
  await shoot(page, testInfo, 'admin-accounts-empty');

  // Trial: the protocol's defaults are there; an empty protocol ID is refused at the form.
  await page.getByTestId('admin-tab-trial').click();
  const form = page.getByTestId('trial-form');
  await expect(form.getByLabel('Confirmation at least this many days later')).toHaveValue('28');
  await expect(form.getByLabel('Stable disease counts from this many days after enrolment')).toHaveValue(
    '42',
  );
  await expect(form.getByLabel('Baseline scan at most this many days before treatment start')).toHaveValue(
    '28',
  );
  await expect(form.getByTestId('trial-confirmation-required')).toBeChecked();
  await expect(form.getByTestId('trial-trigger-best')).toBeChecked();
  await expect(form.getByTestId('trial-trigger-visit')).not.toBeChecked();
  await page.getByTestId('trial-save').click();
  await expect(page.getByTestId('trial-message')).toHaveText(
    'Not saved: a protocol ID must not be empty; a sponsor must not be empty.',
  );
  await form.getByLabel('Protocol ID').fill('TIL-PANC-01');
  await form.getByLabel('Sponsor').fill('Example Oncology');
  await form
    .getByLabel('Response criteria')
    .selectOption({ label: 'RECIST 1.1, with iRECIST reported beside it' });
  await form.getByLabel('Stable disease counts from this many days after enrolment').fill('-3');
  await page.getByTestId('trial-save').click();
  await expect(page.getByTestId('trial-message')).toHaveText(
    'Not saved: expected the SD minimum duration as whole days >= 0, got -3.',
  );
  await form.getByLabel('Stable disease counts from this many days after enrolment').fill('49');
  await form.getByLabel(/both progressed more than this many days apart/).fill('14');
  await page.getByTestId('trial-save').click();
  await expect(page.getByTestId('trial-message')).toHaveText('Saved: trial TIL-PANC-01.');
  await expect(page.getByTestId('trial-save')).toHaveText('Save the protocol');
  await shoot(page, testInfo, 'admin-trial');

  // Subjects: the template, then a file with one bad line.
  await page.getByTestId('admin-tab-subjects').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('subjects-template').click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('trial-subjects-template.csv');
  expect(await readFile((await template.path())!, 'utf8')).toBe(subjectsCsvTemplate());

  await page.getByTestId('subjects-file').setInputFiles({
    name: 'subjects.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await expect(page.getByTestId('subjects-summary')).toHaveText(
    'subjects.csv: 3 good lines, 1 line with errors.',
  );
  await expect(page.getByTestId('subjects-error')).toHaveText([
    'Line 4, enrollmentDate: The enrolment date "2026-13-01" is not a real calendar date',
  ]);
  await expect(page.getByTestId('subjects-good-row')).toHaveCount(3);
  await shoot(page, testInfo, 'admin-subjects-preview');
  await page.getByRole('button', { name: 'Import the 3 good lines' }).click();
  await expect(page.getByTestId('subjects-message')).toHaveText('Imported 3 subjects.');
  await expectSubjects(page);
  // The same file again: the subjects are there already, nothing is imported.
  await page.getByTestId('subjects-file').setInputFiles({
    name: 'subjects.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(CSV),
  });
  await page.getByRole('button', { name: 'Import the 3 good lines' }).click();
  await expect(page.getByTestId('subjects-message')).toHaveText(
    'Already in the trial (or listed twice): PANC-001, PANC-002, PANC-003. Nothing was imported; remove these lines and import again',
  );
  await expect(page.getByTestId('trial-subject-row')).toHaveCount(3);
  await shoot(page, testInfo, 'admin-subjects');

  // Accounts: BICR reader 1 and 2 and the adjudicator, each with the subjects they read.
  await page.getByTestId('admin-tab-accounts').click();
  await addReader(page, 'Dr One', 'BICR reader', { number: 'Reader 1' });
  await expect(page.getByTestId('account-added')).toHaveText(
    'Dr One can now sign in as BICR reader (Reader 1).',
  );
  await addReader(page, 'Dr Two', 'BICR reader', { number: 'Reader 2', site: 'SITE-02' });
  await addReader(page, 'Dr Judge', 'Adjudicator', { subjects: ['PANC-001', 'PANC-003'] });
  await expect(page.getByTestId('account-number')).toHaveCount(0); // an adjudicator has no BICR number
  await expectAccounts(page);
  // A change of reading: Dr One reads site SITE-01 only, then all subjects again.
  await accountRow(page, 'Dr One').getByRole('button', { name: 'Change reading…' }).click();
  const change = page.getByTestId('account-reading-form');
  await change.getByTestId('edit-account-assignment').selectOption({ label: 'The subjects of one site' });
  await change.getByTestId('edit-account-site').selectOption('SITE-01');
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(accountRow(page, 'Dr One').getByTestId('account-reads')).toHaveText(
    'Subjects of site SITE-01',
  );
  await shoot(page, testInfo, 'admin-accounts');
  await accountRow(page, 'Dr One').getByRole('button', { name: 'Change reading…' }).click();
  await change.getByTestId('edit-account-assignment').selectOption({ label: 'All subjects' });
  await change.getByRole('button', { name: 'Save' }).click();
  await expect(change).toHaveCount(0);

  // Reader agreement and unmatched studies: nothing read or waiting yet, said so.
  await page.getByTestId('admin-tab-agreement').click();
  await expect(page.getByTestId('agreement-kappa')).toContainText('not enough data');
  await shoot(page, testInfo, 'admin-agreement');
  await page.getByTestId('admin-tab-unmatched').click();
  await expect(page.getByTestId('unmatched-studies')).toContainText('Studies waiting for a subject (0)');
  await shoot(page, testInfo, 'admin-unmatched');

  // As stored: after a reload and signing in again, the admin finds everything as it was saved.
  await page.reload();
  await page.getByTestId('mode-reading').click();
  await signOut(page);
  await signIn(page, `${ADMIN.name} · Administrator`, ADMIN.passphrase);
  await expectAccounts(page);
  await page.getByTestId('admin-tab-trial').click();
  await expect(form.getByLabel('Protocol ID')).toHaveValue('TIL-PANC-01');
  await expect(form.getByLabel('Sponsor')).toHaveValue('Example Oncology');
  await expect(form.getByLabel('Response criteria')).toHaveValue('RECIST1.1+iRECIST');
  await expect(form.getByLabel('Stable disease counts from this many days after enrolment')).toHaveValue(
    '49',
  );
  await expect(form.getByLabel(/both progressed more than this many days apart/)).toHaveValue('14');
  await expect(form.getByLabel('A visit every this many weeks from treatment start')).toHaveValue('8');
  await expect(page.getByTestId('trial-frozen')).toHaveCount(0);
  await page.getByTestId('admin-tab-subjects').click();
  await expectSubjects(page);
});
