/** Steps of a trial shared by the BICR end-to-end tests: the admin's setup, and a reader's two-visit read. */
import { expect, type Page } from '@playwright/test';
import { drag, NODULE_PIXEL } from '../measure.helpers';
import { confirmSignature, READER_PASSPHRASE, signVisit } from './accounts';
import { readingPagePoint } from './readingPage';
import { chooseLocation } from './readingSetup';

/** Slices per study: the nodule's neighbourhood only, so imports and reads stay quick. */
export const TRIAL_SLICES = 21;
/** The nodule's slice in a copy of TRIAL_SLICES slices centred on it. */
export const NODULE_SLICE = Math.floor(TRIAL_SLICES / 2);

/** As the signed-in admin: the trial's protocol, with the form's defaults but for these. */
export async function createTrial(page: Page, { criteria }: { criteria?: 'RECIST1.1+iRECIST' } = {}) {
  await page.getByTestId('admin-tab-trial').click();
  const form = page.getByTestId('trial-form');
  await form.getByLabel('Protocol ID').fill('TIL-PANC-01');
  await form.getByLabel('Sponsor').fill('Example Oncology');
  if (criteria) await form.getByLabel('Response criteria').selectOption(criteria);
  await page.getByTestId('trial-save').click();
  await expect(page.getByTestId('trial-message')).toHaveText('Saved: trial TIL-PANC-01.');
}

/** As the signed-in admin: imports the subjects' CSV (every line good). */
export async function importSubjectsCsv(page: Page, csv: string, count: number) {
  await page.getByTestId('admin-tab-subjects').click();
  await page.getByTestId('subjects-file').setInputFiles({
    name: 'subjects.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: `Import ${count} subjects` }).click();
  await expect(page.getByTestId('subjects-message')).toHaveText(`Imported ${count} subjects.`);
}

/** As the signed-in admin, on the accounts tab: a BICR reader (of one site's subjects when given). */
export async function addBicrReader(
  page: Page,
  name: string,
  number: 'Reader 1' | 'Reader 2',
  site?: string,
) {
  const screen = page.getByTestId('accounts-screen');
  await screen.getByTestId('reader-name').fill(name);
  await screen.getByTestId('account-role').selectOption({ label: 'BICR reader' });
  await screen.getByTestId('account-number').selectOption({ label: number });
  if (site) {
    await screen.getByTestId('account-assignment').selectOption({ label: 'The subjects of one site' });
    await screen.getByTestId('account-site').selectOption(site);
  }
  await screen.getByTestId('account-passphrase').fill(READER_PASSPHRASE);
  await screen.getByRole('button', { name: 'Add account' }).click();
  await expect(screen.getByTestId('account-added')).toContainText(name);
}

async function drawAcrossNodule(page: Page, index: number, halfWidth: number) {
  await page.waitForFunction((index) => (window.__recistViewer?.getSliceCount(index) ?? 0) > 0, index);
  const from = await readingPagePoint(page, index, NODULE_PIXEL.column - halfWidth, NODULE_PIXEL.row);
  const to = await readingPagePoint(page, index, NODULE_PIXEL.column + halfWidth, NODULE_PIXEL.row);
  await drag(page, from, to);
}

/** What a test does at the steps of a read (look, scan the screen...). */
export interface ReadSteps {
  readonly baselineMeasured?: () => Promise<void>;
  readonly signDialogOpen?: () => Promise<void>;
  readonly w8Measured?: () => Promise<void>;
}

/**
 * From the worklist: T1 on the nodule at baseline (`halfWidths[0]` pixels either side of its centre),
 * then at W8, each visit signed; W8 is shown closed, and cannot be chosen, until the baseline is signed.
 */
export async function readFromWorklist(
  page: Page,
  subject: string,
  halfWidths: [number, number],
  steps: ReadSteps = {},
) {
  await page.getByTestId(`worklist-row-${subject}`).click();
  await page.getByTestId('start-read').click();
  const visits = page.getByTestId('timepoint-row');
  await expect(visits).toHaveCount(2);
  await expect(visits.nth(1)).toBeDisabled();
  await expect(page.getByTestId('visit-closed-reason')).toHaveText(
    'Sign Baseline first: visits are read in order',
  );
  await visits.nth(0).click();
  await page.waitForFunction(() => (window.__recistViewer?.getSliceCount(0) ?? 0) > 0);
  await page.evaluate((slice) => window.__recistViewer!.showSlice(slice, 0), NODULE_SLICE);
  await page.getByTestId('add-target').click();
  await drawAcrossNodule(page, 0, halfWidths[0]);
  await chooseLocation(page, 'right upper lobe');
  await expect(page.getByTestId('value-T1')).toContainText('mm');
  await steps.baselineMeasured?.();
  await page.getByTestId('sign').click();
  await expect(page.getByTestId('esign-dialog')).toBeVisible();
  await steps.signDialogOpen?.();
  await confirmSignature(page);
  await expect(page.getByTestId('signed-badge')).toBeVisible();
  // Signed: W8 opens.
  await expect(page.getByTestId('visit-closed-reason')).toHaveCount(0);
  await expect(visits.nth(1)).toBeEnabled();
  await visits.nth(1).click();
  await expect(page.getByTestId('viewport-1')).toBeVisible();
  await page.getByTestId('lesion-T1').getByRole('button', { name: 'go to' }).click();
  await page.waitForFunction((slice) => window.__recistViewer?.getSliceIndex(1) === slice, NODULE_SLICE);
  await page.getByTestId('measure-T1').click();
  await drawAcrossNodule(page, 1, halfWidths[1]);
  await expect(page.getByTestId('sum-W8')).not.toHaveText('');
  await steps.w8Measured?.();
  await signVisit(page);
  await page.getByTestId('worklist-back').click();
  await expect(page.getByTestId('worklist')).toBeVisible();
}

/** A reader's status of `subject` on their worklist. */
export const worklistStatus = (page: Page, subject: string) =>
  page.getByTestId(`worklist-row-${subject}`).getByTestId('worklist-status');
