/**
 * Issue 10: overriding a failed lesion-selection check is an e-signature. A target too small to be
 * measurable makes signing the baseline ask for a reason and the passphrase, under a meaning that names
 * the failed check; the stored signature and override say the same.
 */
import { expect, test } from '@playwright/test';
import { CT_DIR } from './measure.helpers';
import { confirmSignature, READER_PASSPHRASE } from './support/accounts';
import {
  chooseLocation,
  importPath,
  measureNodule,
  showNoduleSlice,
  startRead,
} from './support/readingSetup';

test('signing over a failed selection check asks for a reason and the passphrase, and says what it overrides', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await importPath(page, CT_DIR);
  await startRead(page);
  await showNoduleSlice(page, 0);
  // A few pixels across the nodule: well under 10 mm, not measurable at baseline.
  await page.getByTestId('add-target').click();
  await measureNodule(page, 0, 4);
  await chooseLocation(page, 'right upper lobe');
  await expect(page.getByTestId('key-image-T1')).toBeVisible();

  await page.getByTestId('sign').click();
  const dialog = page.getByTestId('esign-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('esign-meaning')).toHaveText(
    'I, Dr Test Reader, confirm this assessment of Baseline is my own, and sign it although the lesion ' +
      'selection checks failed (TARGET_NOT_MEASURABLE), for the reason I gave.',
  );
  // Without a reason it cannot be signed.
  await dialog.getByTestId('esign-passphrase').fill(READER_PASSPHRASE);
  await expect(dialog.getByTestId('esign-ok')).toBeDisabled();
  await expect(page.getByTestId('signed-badge')).toHaveCount(0);

  await confirmSignature(page, { reason: 'Only lesion; measured as small as it is' });
  await expect(page.getByTestId('signed-badge')).toBeVisible();
  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('recist-workstation');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(table: string) =>
      new Promise<T[]>((resolve) => {
        const request = db.transaction(table).objectStore(table).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
      });
    const signatures = await all<{ kind: string; meaning: string; reason: string }>('eSignatures');
    const overrides = await all<{ reason: string; violations: { code: string }[] }>('overrides');
    db.close();
    return { signatures, overrides };
  });
  expect(stored.signatures).toHaveLength(1);
  expect(stored.signatures[0]).toMatchObject({
    kind: 'override',
    reason: 'Only lesion; measured as small as it is',
  });
  expect(stored.signatures[0]!.meaning).toContain('(TARGET_NOT_MEASURABLE)');
  expect(stored.overrides.map((o) => o.violations.map((v) => v.code))).toEqual([['TARGET_NOT_MEASURABLE']]);
});
