/**
 * Issue 11, the readers' and the adjudicator's screens in a trial set up by the admin: a BICR reader's
 * worklist (assigned subjects only, counts, search, sort, blinded next visit), visits in order on the
 * visit list, and the adjudicator's side-by-side screen (differences marked, lesion tables, key images,
 * triggers, no reader named) with the signed choice that makes the read of record.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { confirmSignature, READER_PASSPHRASE, setUpWorkstation, signIn, signOut } from './support/accounts';
import { keepScreenshot } from './support/artifacts';
import { importPath } from './support/readingSetup';
import { prepareTrialData, type TrialData } from './support/trialData';
import {
  addBicrReader,
  createTrial,
  importSubjectsCsv,
  readFromWorklist,
  TRIAL_SLICES,
  worklistStatus as status,
} from './support/trialSetup';

let data: TrialData;

test.beforeAll(async () => {
  data = await prepareTrialData(undefined, { sliceCount: TRIAL_SLICES });
});

async function shots(page: Page, testInfo: TestInfo, name: string) {
  for (const size of [
    { width: 1600, height: 1000 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await keepScreenshot(page, testInfo, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize({ width: 1600, height: 1000 });
}

test("a BICR reader's worklist, visits in order, and the adjudicator's side-by-side choice", async ({
  page,
}, testInfo) => {
  test.setTimeout(480_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const [panc1, panc2, panc3] = data.subjects;
  const subject = panc1!.subjectId;
  const otherSite = data.subjects.filter((s) => s.site !== panc1!.site).map((s) => s.subjectId);

  // The admin: the trial, its three subjects, reader 1 (all subjects), reader 2 (PANC-001's site only),
  // the adjudicator; then PANC-001's baseline and W8 studies.
  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await setUpWorkstation(page);
  await createTrial(page);
  await importSubjectsCsv(page, data.csv, 3);
  await page.getByTestId('admin-tab-accounts').click();
  await addBicrReader(page, 'Dr One', 'Reader 1');
  await addBicrReader(page, 'Dr Two', 'Reader 2', panc1!.site);
  const screen = page.getByTestId('accounts-screen');
  await screen.getByTestId('reader-name').fill('Dr Judge');
  await screen.getByTestId('account-role').selectOption({ label: 'Adjudicator' });
  await screen.getByTestId('account-passphrase').fill(READER_PASSPHRASE);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-added')).toContainText('Dr Judge');
  await page.getByTestId('mode-studies').click();
  for (const visit of [panc1!.visit.baseline, panc1!.visit.W8]) await importPath(page, visit.dir);
  await page.getByTestId('mode-reading').click();
  await signOut(page);

  // Reader 1: every subject, none started; the next visit is a study day, never a date.
  await signIn(page, 'Dr One · BICR reader');
  const worklist = page.getByTestId('worklist');
  await expect(worklist).toBeVisible();
  await expect(page.getByTestId('worklist-count-not-started')).toHaveText('3');
  await expect(worklist.getByRole('row')).toHaveCount(4);
  await expect(page.getByTestId(`worklist-row-${subject}`).getByTestId('worklist-next-visit')).toHaveText(
    /^Day -?\d+ \(W0\)$/,
  );
  await expect(worklist).not.toContainText(panc1!.visit.baseline.studyDate);
  // Search and sort.
  await page.getByTestId('worklist-search').fill(panc2!.subjectId.slice(-3));
  await expect(worklist.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId(`worklist-row-${panc2!.subjectId}`)).toBeVisible();
  await expect(page.getByTestId('worklist-count-not-started')).toHaveText('3');
  await page.getByTestId('worklist-search').fill('');
  await page.getByTestId('worklist-descending').click();
  await expect(worklist.locator('tbody tr').first()).toHaveAttribute(
    'data-testid',
    `worklist-row-${panc3!.subjectId}`,
  );
  await page.getByTestId('worklist-descending').click();
  await shots(page, testInfo, 'worklist-reader1');

  // PANC-001: the nodule shrinks by half at W8 (16 -> 8 px either side).
  await readFromWorklist(page, subject, [16, 8]);
  await expect(status(page, subject)).toHaveText('Signed');
  await expect(page.getByTestId('worklist-count-signed')).toHaveText('1');
  await expect(page.getByTestId(`worklist-row-${subject}`).getByTestId('worklist-next-visit')).toHaveText(
    'all signed',
  );
  await signOut(page);

  // Reader 2 reads only the subjects of PANC-001's site; the nodule grows by a third.
  await signIn(page, 'Dr Two · BICR reader');
  await expect(page.getByTestId('worklist')).toBeVisible();
  for (const label of otherSite) await expect(page.getByTestId(`worklist-row-${label}`)).toHaveCount(0);
  await expect(page.getByTestId(`worklist-row-${subject}`)).toBeVisible();
  await expect(status(page, subject)).toHaveText('Not started');
  await readFromWorklist(page, subject, [16, 22]);
  await expect(status(page, subject)).toHaveText('Awaiting adjudication');
  await expect(page.getByTestId('worklist-count-awaiting-adjudication')).toHaveText('1');
  await shots(page, testInfo, 'worklist-reader2-awaiting');
  await signOut(page);

  // The adjudicator: the list with the trigger, then both reads side by side.
  await signIn(page, 'Dr Judge · Adjudicator');
  await expect(page.getByTestId('adjudication-list')).toBeVisible();
  await expect(page.getByTestId('adjudication-count-open')).toHaveText('1');
  await expect(page.getByTestId(`adjudication-row-${subject}`)).toContainText(
    'The best overall responses differ',
  );
  await page.getByTestId(`adjudication-row-${subject}`).click();
  const adjudication = page.getByTestId('adjudication-screen');
  await expect(adjudication.getByTestId('adjudication-state')).toHaveText('Needs adjudication');
  const rows = adjudication.getByTestId('visit-comparison-row');
  await expect(rows).toHaveCount(2);
  // The baseline sums differ by nothing; W8's overall response differs and is marked.
  await expect(rows.nth(1).getByTestId('cell-overall-1')).toHaveAttribute('data-differs', 'true');
  // The marked cell also says so to a screen reader.
  await expect(rows.nth(1).getByTestId('cell-overall-2')).toHaveText('PD (differs)');
  await expect(rows.nth(0).getByTestId('cell-overall-1')).toHaveAttribute('data-differs', 'false');
  for (const n of [1, 2]) {
    const column = adjudication.getByTestId(`reader-${n}`);
    await expect(column.getByRole('heading', { name: `Reader ${n}` })).toBeVisible();
    await expect(column.getByTestId('lesion-row-T1')).toContainText('Lung, right upper lobe');
    await expect(column.getByTestId('adjudication-key-images').getByRole('img')).toHaveCount(2);
  }
  await expect(adjudication.getByTestId('adjudication-causes')).not.toBeEmpty();
  // Blinded: neither reader's name, nor a study date.
  for (const text of ['Dr One', 'Dr Two', panc1!.visit.baseline.studyDate, panc1!.visit.W8.studyDate])
    await expect(adjudication).not.toContainText(text);
  await shots(page, testInfo, 'adjudication-side-by-side');

  await page.getByTestId('accept-reader-2').click();
  await expect(page.getByTestId('esign-meaning')).toHaveText(
    `I, Dr Judge, have compared both blinded reads of subject ${subject} and accept reader 2's read as the read of record, for the reason I gave.`,
  );
  await confirmSignature(page, { reason: 'T1 at W8 grew beyond 20%' });
  await expect(adjudication.getByTestId('read-of-record')).toHaveText(
    'Read of record: reader 2 (adjudicated)',
  );
  await expect(adjudication.getByTestId('reader-2')).toHaveClass(/accepted/);
  await expect(adjudication.getByTestId('adjudication-decision')).toHaveCount(0);
  await shots(page, testInfo, 'adjudication-decided');
  await page.getByTestId('adjudication-back').click();
  await expect(page.getByTestId('adjudication-count-done')).toHaveText('1');
  await expect(page.getByTestId(`adjudication-row-${subject}`)).toContainText(
    'Read of record: reader 2 (adjudicated)',
  );
  await signOut(page);

  // Reader 1 opens on the list again (not on the subject left open), where PANC-001 is signed now.
  await signIn(page, 'Dr One · BICR reader');
  await expect(status(page, subject)).toHaveText('Signed');
  expect(errors).toEqual([]);
});
