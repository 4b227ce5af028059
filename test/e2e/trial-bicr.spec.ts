/**
 * Issue 11, "Done when": a blinded independent central review end to end, in web mode. The admin sets up
 * the trial and imports three subjects from a CSV, with studies derived from the shared CT (each subject
 * its own patient name, Patient ID and Clinical Trial Subject ID). BICR reader 1 and reader 2 read every
 * subject; on PANC-001 reader 1 measures a response and reader 2 a progression, so their best responses
 * differ and the adjudicator resolves it. Then the accepted flags, the worklists and the agreement figures
 * are checked, and every screen of the blinded session (and every file it downloaded) is searched for the
 * PHI of the imported headers.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { verifyReadExport } from '../../src/core/audit/export';
import { ADMIN, addAccount, confirmSignature, setUpWorkstation, signIn, signOut } from './support/accounts';
import { collectDownloads, collectScreenText, describePhi, findPhiIn } from './support/phiScan';
import { importPath } from './support/readingSetup';
import { prepareTrialData, type TrialData } from './support/trialData';
import {
  addBicrReader,
  createTrial,
  importSubjectsCsv,
  readFromWorklist,
  TRIAL_SLICES,
  worklistStatus,
} from './support/trialSetup';

const SIZES = [
  { width: 1600, height: 1000 },
  { width: 1280, height: 800 },
] as const;

let data: TrialData;

test.beforeAll(async () => {
  data = await prepareTrialData(undefined, { sliceCount: TRIAL_SLICES });
});

/** Every text of the screen, searched for the PHI of every imported header. */
async function expectNoPhi(page: Page, where: string) {
  const found = findPhiIn(await collectScreenText(page), data.phi);
  expect(found, describePhi(where, found, data.phiOrigin)).toEqual([]);
}

/** Screenshots at both sizes (each also scanned for PHI: the smaller layout shows other text). */
async function look(page: Page, testInfo: TestInfo, name: string, blinded = true) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The viewports redraw (image and annotations) on the frames after a resize.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    await page.waitForTimeout(300);
    if (blinded) await expectNoPhi(page, `${name} at ${size.width}x${size.height}`);
    const path = testInfo.outputPath(`${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path });
    await testInfo.attach(`${name}-${size.width}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize(SIZES[0]);
}

async function asAdmin(page: Page) {
  await signIn(page, `${ADMIN.name} · Administrator`, ADMIN.passphrase);
}

/**
 * One BICR read of a subject from the reader's worklist (see readFromWorklist), its screens looked at
 * and scanned on the way; `w8` is the RECIST 1.1 and iRECIST response W8 must show.
 */
async function readSubject(
  page: Page,
  testInfo: TestInfo,
  subject: string,
  halfWidths: [number, number],
  shots: boolean,
  w8?: { recist: string; irecist: string },
) {
  await readFromWorklist(page, subject, halfWidths, {
    baselineMeasured: async () => {
      if (shots) await look(page, testInfo, `bicr-reading-baseline-${subject}`);
    },
    signDialogOpen: async () => {
      if (shots) await expectNoPhi(page, 'the sign dialog');
    },
    w8Measured: async () => {
      if (w8) {
        // RECIST 1.1 is primary; iRECIST is derived beside it from the same measurements.
        await expect(page.getByTestId('overall-W8')).toHaveText(w8.recist);
        await expect(page.getByTestId('irecist-overall-W8')).toHaveText(w8.irecist);
      }
      if (shots) await look(page, testInfo, `bicr-reading-w8-${subject}`);
      await expectNoPhi(page, `${subject}'s read at W8`);
    },
  });
}

test('a trial end to end: setup, two blinded reads per subject, adjudication, worklists, agreement, no PHI on any blinded screen', async ({
  page,
}, testInfo) => {
  test.setTimeout(900_000);
  const [panc1, panc2, panc3] = data.subjects;
  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await setUpWorkstation(page);

  // The admin: the trial (RECIST 1.1 with iRECIST beside it), its subjects, the readers.
  await createTrial(page, { criteria: 'RECIST1.1+iRECIST' });
  await importSubjectsCsv(page, data.csv, 3);
  await page.getByTestId('admin-tab-accounts').click();
  await addBicrReader(page, 'Dr One', 'Reader 1');
  await addBicrReader(page, 'Dr Two', 'Reader 2');
  await addAccount(page, { name: 'Dr Judge', role: 'Adjudicator' });

  // The admin imports the baseline and W8 of every subject; the trial grouping matches each study to its
  // subject by Clinical Trial Subject ID and to its visit by the schedule.
  await page.getByTestId('mode-studies').click();
  for (const subject of data.subjects)
    for (const visit of [subject.visit.baseline, subject.visit.W8]) await importPath(page, visit.dir);
  // The same scan finds the PHI where it is meant to be seen: the admin's study list.
  expect(findPhiIn(await collectScreenText(page), data.phi)).toEqual(
    expect.arrayContaining([panc1!.patientId, panc1!.visit.W8.studyDate]),
  );
  await page.getByTestId('mode-reading').click();
  await page.getByTestId('admin-tab-subjects').click();
  for (const subject of data.subjects)
    await expect(
      page.getByTestId('trial-subject-row').filter({ hasText: subject.subjectId }).getByRole('cell').nth(4),
    ).toHaveText('2');
  await page.getByTestId('admin-tab-unmatched').click();
  await expect(page.getByTestId('unmatched-empty')).toBeVisible();
  await signOut(page);

  // Before anyone signs in, nothing of the studies is offered.
  await expect(page.getByTestId('mode-studies')).toHaveCount(0);

  // The blinded session: reader 1, reader 2, the adjudicator. Nothing may be downloaded with PHI.
  const downloads = collectDownloads(page);

  await signIn(page, 'Dr One · BICR reader');
  await expect(page.getByTestId('worklist')).toBeVisible();
  await expect(page.getByTestId('mode-studies')).toHaveCount(0);
  await expect(page.getByTestId('worklist-count-not-started')).toHaveText('3');
  await look(page, testInfo, 'bicr-reader1-worklist');
  // Reader 1: PANC-001 shrinks by half at W8 (a partial response, not confirmed: SD); the others stay.
  await readSubject(page, testInfo, panc1!.subjectId, [16, 8], true, { recist: 'PR', irecist: 'iPR' });
  await expect(page.getByTestId('export-read')).toHaveCount(0);
  await readSubject(page, testInfo, panc2!.subjectId, [16, 16], false);
  await readSubject(page, testInfo, panc3!.subjectId, [16, 15], false);
  await expect(page.getByTestId('worklist-count-signed')).toHaveText('3');
  await signOut(page);

  await signIn(page, 'Dr Two · BICR reader');
  await expect(page.getByTestId('worklist-count-not-started')).toHaveText('3');
  // Reader 2 sees none of reader 1's work.
  await expectNoPhi(page, "reader 2's worklist");
  // Reader 2: PANC-001 grows by a third at W8 (progression); the others agree with reader 1.
  await readSubject(page, testInfo, panc1!.subjectId, [16, 22], false, { recist: 'PD', irecist: 'iUPD' });
  await expect(worklistStatus(page, panc1!.subjectId)).toHaveText('Awaiting adjudication');
  await readSubject(page, testInfo, panc2!.subjectId, [16, 16], false);
  await readSubject(page, testInfo, panc3!.subjectId, [16, 15], false);
  await expect(page.getByTestId('worklist-count-awaiting-adjudication')).toHaveText('1');
  await expect(page.getByTestId('worklist-count-signed')).toHaveText('2');
  await look(page, testInfo, 'bicr-reader2-worklist');
  await signOut(page);

  // The adjudicator: PANC-001 only; both reads side by side, blinded; reader 2's read accepted.
  await signIn(page, 'Dr Judge · Adjudicator');
  await expect(page.getByTestId('adjudication-list')).toBeVisible();
  await expect(page.getByTestId('adjudication-count-open')).toHaveText('1');
  await look(page, testInfo, 'adjudicator-list');
  await page.getByTestId(`adjudication-row-${panc1!.subjectId}`).click();
  const screen = page.getByTestId('adjudication-screen');
  await expect(screen.getByTestId('adjudication-state')).toHaveText('Needs adjudication');
  await expect(screen.getByTestId('adjudication-triggers')).toContainText(
    'The best overall responses differ: reader 1 SD, reader 2 PD',
  );
  await expect(screen).not.toContainText('Dr One');
  await expect(screen).not.toContainText('Dr Two');
  await look(page, testInfo, 'adjudicator-side-by-side');
  await page.getByTestId('accept-reader-2').click();
  await expectNoPhi(page, "the adjudicator's e-signature dialog");
  await confirmSignature(page, { reason: 'T1 at W8 grew beyond 20%: reader 1 measured a partial volume' });
  await expect(screen.getByTestId('read-of-record')).toHaveText('Read of record: reader 2 (adjudicated)');
  await expect(page.getByTestId('reader-2')).toHaveClass(/accepted/);
  await look(page, testInfo, 'adjudicator-decided');
  await page.getByTestId('adjudication-back').click();
  await expect(page.getByTestId('adjudication-count-done')).toHaveText('1');
  await expect(page.getByTestId('adjudication-count-open')).toHaveText('0');
  await signOut(page);

  // Reader 2's worklist: everything signed once adjudicated.
  await signIn(page, 'Dr Two · BICR reader');
  await expect(worklistStatus(page, panc1!.subjectId)).toHaveText('Signed');
  await expect(page.getByTestId('worklist-count-signed')).toHaveText('3');
  await signOut(page);

  downloads.stop();
  const files = await downloads.files();
  // The blinded session offers no export at all; had anything been downloaded, it is scanned too.
  for (const file of files) {
    const found = findPhiIn(file.text, data.phi);
    expect(found, describePhi(file.name, found, data.phiOrigin)).toEqual([]);
  }
  expect(files).toEqual([]);

  // The admin: the read of record per subject and the agreement figures.
  await asAdmin(page);
  await page.getByTestId('admin-tab-subjects').click();
  await expect(page.getByTestId('trial-subject-row').filter({ hasText: panc1!.subjectId })).toContainText(
    'Reader 2, chosen by the adjudicator',
  );
  await expect(page.getByTestId('trial-subject-row').filter({ hasText: panc2!.subjectId })).toContainText(
    'Reader 1, by the charter (the reads agree)',
  );
  // The sponsor's copy: reader 2's read of PANC-001, naming its reader's role and BICR number, verifiable.
  const exported = page.waitForEvent('download');
  await page
    .getByTestId('trial-subject-row')
    .filter({ hasText: panc1!.subjectId })
    .getByTestId('export-reader2')
    .click();
  const bundle = JSON.parse(await readFile((await (await exported).path())!, 'utf8')) as Record<
    string,
    unknown
  >;
  expect(bundle['reader']).toMatchObject({ name: 'Dr Two', role: 'bicr-reader', readerNumber: 2 });
  expect(verifyReadExport(bundle)).toMatchObject({ ok: true, reader: { readerNumber: 2 } });
  // Reads are signed: the protocol is read-only now, with the reason.
  await page.getByTestId('admin-tab-trial').click();
  await expect(page.getByTestId('trial-frozen')).toContainText('can change only before the first signature');
  await expect(page.getByTestId('trial-save')).toHaveCount(0);
  await page.getByTestId('admin-tab-agreement').click();
  // SD/PD, SD/SD, SD/SD: observed 2/3 = expected 2/3, kappa 0.
  await expect(page.getByTestId('agreement-kappa')).toContainText('kappa 0.00');
  await expect(page.getByTestId('agreement-kappa')).toContainText('3 subjects');
  await expect(page.getByTestId('agreement-adjudication-rate')).toContainText('1 of 3');
  await expect(page.getByTestId('agreement-accepted-reader-2')).toContainText('1 of 1');
  await expect(page.getByTestId('agreement-accepted-reader-1')).toContainText('0 of 1');
  await look(page, testInfo, 'admin-agreement', false);
});
