import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { CT_DIR, deriveFollowUp } from './measure.helpers';
import { signInAsNewReader } from './support/accounts';
import { importPath } from './support/readingSetup';

/** A derived copy of the shared CT (new UIDs, the given date) with its Patient ID and name replaced. */
function anonymisedCopy(date: string, patientId: string, patientName: string) {
  const copy = deriveFollowUp(date, false);
  execFileSync('sh', [
    '-c',
    `dcmodify -nb -m "(0010,0020)=${patientId}" -m "(0010,0010)=${patientName}" "${copy.dir}"/*`,
  ]);
  return copy;
}

test('the subject picker says more than a placeholder ID, and never shows an empty option', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const placeholder = anonymisedCopy('20000301', '^^^^', 'DOE^JANE');
  const blank = anonymisedCopy('20000402', '', '');
  try {
    await page.goto('/');
    await importPath(page, CT_DIR);
    await importPath(page, placeholder.dir);
    await importPath(page, blank.dir);
    await page.getByTestId('mode-reading').click();
    await signInAsNewReader(page);

    const options = page.getByTestId('subject-select').locator('option');
    await expect(options).toHaveCount(4);
    const texts = (await options.allTextContents()).map((t) => t.trim());
    expect(texts).toContain('LIDC-IDRI-0314');
    expect(texts).toContain('^^^^ · DOE, JANE · first study 2000-03-01 · 1 study');
    expect(texts).toContain('No patient ID · no name · first study 2000-04-02 · 1 study');
    for (const text of texts) expect(text).not.toBe('');
    // The detailed option selects its subject.
    await page
      .getByTestId('subject-select')
      .selectOption({ label: '^^^^ · DOE, JANE · first study 2000-03-01 · 1 study' });
    await expect(page.getByTestId('subject-label')).toHaveText('^^^^');
  } finally {
    placeholder.remove();
    blank.remove();
  }
});
