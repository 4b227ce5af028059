/** Issue 9 item 16a: the study list can be searched and sorted, and unnamed studies do not come first. */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { keepScreenshot } from './support/artifacts';
import { CT_DIR, DATA } from './measure.helpers';
import { deriveCtStudy } from './support/importSetup';
import { importPath } from './support/readingSetup';

test('the study list searches by name, ID, description and date, sorts by name, date or modality, unnamed last', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  // Two more patients DERIVED from the shared CT (the archive has one chest CT): named, dated apart.
  const jane = deriveCtStudy('20000310', { patient: { id: 'ABC-0007', name: 'DOE^JANE' } });
  const adam = deriveCtStudy('19990505', { patient: { id: 'ZZZ-0001', name: 'ZED^ADAM' } });
  try {
    await page.goto('/');
    for (const dir of [CT_DIR, resolve(DATA, 'mr-brain-brainix'), jane.dir, adam.dir])
      await importPath(page, dir);
    const rows = page.getByTestId('study-row');
    await expect(rows).toHaveCount(4);
    const names = rows.getByTestId('study-patient-name');
    const dates = rows.getByTestId('study-date');

    // By name (the default): the CT without a patient name comes last, not first.
    await expect(page.getByTestId('study-sort')).toHaveValue('name');
    await expect(names).toHaveText(['BRAINIX', 'DOE, JANE', 'ZED, ADAM', '(no name)']);
    await expect(page.getByTestId('study-list-count')).toHaveText('4 studies');
    for (const size of [
      { width: 1600, height: 1000 },
      { width: 1280, height: 800 },
    ]) {
      await page.setViewportSize(size);
      await keepScreenshot(page, testInfo, `studies-by-name-${size.width}`);
    }

    await page.getByTestId('study-sort').selectOption({ label: 'Date (newest first)' });
    await expect(dates).toHaveText(['2006-12-01', '2000-03-10', '2000-01-01', '1999-05-05']);
    await page.getByTestId('study-sort').selectOption({ label: 'Modality' });
    await expect(rows.getByTestId('study-modalities')).toHaveText(['CT', 'CT', 'CT', 'MR']);
    await expect(names).toHaveText(['DOE, JANE', 'ZED, ADAM', '(no name)', 'BRAINIX']);

    // Search: patient name, patient ID, description (accents optional), date in either form.
    const search = page.getByTestId('study-search');
    const searches: [string, string[]][] = [
      ['jane', ['DOE, JANE']],
      ['lidc-idri', ['(no name)']],
      ['cerebrale', ['BRAINIX']],
      ['19990505', ['ZED, ADAM']],
      ['2000-03', ['DOE, JANE']],
    ];
    for (const [query, expected] of searches) {
      await search.fill(query);
      await expect(names).toHaveText(expected);
    }
    await expect(page.getByTestId('study-list-count')).toHaveText('1 of 4 studies');
    await keepScreenshot(page, testInfo, 'studies-searched-1280');

    // The match still opens its series.
    await rows.first().click();
    await expect(page.getByTestId('series-row')).toHaveCount(1);
    await page.getByTestId('series-row').click();
    await expect(page.getByTestId('viewport-0').getByTestId('slice-index')).toContainText('/ 12');
    await keepScreenshot(page, testInfo, 'studies-searched-opened-1280');

    await search.fill('nobody by that name');
    await expect(rows).toHaveCount(0);
    await expect(page.getByTestId('study-search-empty')).toContainText('No study matches');
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect(rows).toHaveCount(4);

    // The chosen sort is kept across a reload.
    await page.reload();
    await expect(page.getByTestId('study-sort')).toHaveValue('modality');
    await expect(names).toHaveText(['DOE, JANE', 'ZED, ADAM', '(no name)', 'BRAINIX']);
  } finally {
    jane.remove();
    adam.remove();
  }
});
