/**
 * Issue 11's trial data and blinding scan, proved on today's app: one subject's DERIVED visits import
 * with the patient name, IDs and dates trialData.ts set, and the scan finds them where an unblinded
 * admin sees them (so it can fail on a blinded screen), and in downloaded files.
 */
import { expect, test, type Page } from '@playwright/test';
import { setUpWorkstation, ADMIN } from './support/accounts';
import { keepScreenshot } from './support/artifacts';
import { collectDownloads, collectScreenText, describePhi, findPhiIn } from './support/phiScan';
import { importPath } from './support/readingSetup';
import { prepareTrialData } from './support/trialData';

interface StoredInstance {
  studyInstanceUid: string;
  header: {
    patientName: string;
    patientId: string;
    clinicalTrialSubjectId: string;
    studyDate: string | null;
  };
}

/** Every indexed instance's identifying header fields, read from the app's database. */
async function storedInstances(page: Page): Promise<StoredInstance[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('recist-workstation');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<StoredInstance[]>((resolve) => {
      const request = db.transaction('instances').objectStore('instances').getAll();
      request.onsuccess = () => resolve(request.result as StoredInstance[]);
    });
    db.close();
    return rows;
  });
}

test('the trial data imports as its subject, and the PHI scan finds that subject on an unblinded screen and in exports', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  const data = await prepareTrialData();
  const [subject, ...others] = data.subjects;
  if (!subject) throw new Error('The trial data has no subject');

  await page.goto('/');
  await page.getByTestId('mode-reading').click();
  await setUpWorkstation(page);
  await page.getByTestId('mode-studies').click();
  for (const visit of subject.visits) await importPath(page, visit.dir);

  // The study list: the name and ID set on the copies, one row per visit, each on its own date.
  const rows = page.getByTestId('study-row');
  await expect(rows).toHaveCount(3);
  await page.getByTestId('study-sort').selectOption({ label: 'Date (newest first)' });
  await expect(rows.getByTestId('study-patient-name')).toHaveText(Array(3).fill('DOE, JANE ALPHA'));
  await expect(rows.getByTestId('study-date')).toHaveText(subject.visits.map((v) => v.studyDate).reverse());
  for (const row of await rows.all()) await expect(row).toContainText(subject.patientId);
  await rows.first().click();
  await expect(page.getByText(subject.visit.W16.seriesDescription)).toBeVisible();
  await keepScreenshot(page, testInfo, 'trial-data-studies-admin');

  // The index holds the Patient ID and Clinical Trial Subject ID set with dcmodify, on every image.
  const instances = await storedInstances(page);
  expect(instances).toHaveLength(3 * data.sliceCount);
  const perStudy = new Map<string, Set<string>>();
  for (const { studyInstanceUid, header } of instances) {
    const seen = perStudy.get(studyInstanceUid) ?? new Set<string>();
    seen.add(
      `${header.patientName} | ${header.patientId} | ${header.clinicalTrialSubjectId} | ${header.studyDate}`,
    );
    perStudy.set(studyInstanceUid, seen);
  }
  expect([...perStudy.values()].map((seen) => [...seen]).sort()).toEqual(
    subject.visits.map((v) => [`DOE^JANE^ALPHA | H4471203 | PANC-001 | ${v.studyDate}`]).sort(),
  );

  // The scan reads the screen: it finds this subject's name, ID and dates, and not the other subjects'.
  const search = page.getByTestId('study-search');
  await search.fill(subject.visit.W8.studyDate);
  await expect(rows).toHaveCount(1);
  const screen = await collectScreenText(page);
  const found = findPhiIn(screen, data.phi);
  expect(found, describePhi('the Studies screen', found, data.phiOrigin)).toEqual(
    expect.arrayContaining(['DOE, JANE ALPHA', subject.patientId, subject.visit.W8.studyDate]),
  );
  for (const other of others) {
    expect(found).not.toContain(other.patientName);
    expect(found).not.toContain(other.patientId);
  }
  // Attributes and field values are read (the search box's placeholder and its text); test handles are not.
  expect(screen).toContain('Search name, ID, description, date');
  expect(screen).toContain('Search studies');
  expect(screen).not.toContain('study-patient-name');
  expect(await page.title()).not.toBe('');
  expect(screen).toContain(await page.title());

  // Downloaded files: the audit trail's exports are read, named and searched like the screens.
  const downloads = collectDownloads(page);
  await page.getByTestId('open-audit').click();
  const auditView = page.getByTestId('audit-view');
  await expect(auditView).toBeVisible();
  expect(await collectScreenText(page)).toContain(ADMIN.name);
  await auditView.getByTestId('audit-export-json').click();
  await auditView.getByTestId('audit-export-csv').click();
  await expect.poll(async () => (await downloads.files()).length).toBe(2);
  downloads.stop();
  const files = await downloads.files();
  // Sorted by type, not by name: the two names carry the second each was made in, which may differ.
  const byType = [...files].sort((a, b) => extension(a.name).localeCompare(extension(b.name)));
  expect(byType.map((f) => f.name)).toEqual([
    expect.stringMatching(/^audit-trail-.+\.csv$/),
    expect.stringMatching(/^audit-trail-.+\.json$/),
  ]);
  for (const file of files) {
    expect(file.text).toContain(file.name);
    expect(file.text).toContain(ADMIN.name);
  }
});

function extension(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
