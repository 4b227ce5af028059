/** A subject with a baseline (2000-01-01) and follow-ups derived from the shared CT, read by a new reader. */
import type { Page } from '@playwright/test';
import { CT_DIR, deriveFollowUp } from '../measure.helpers';
import { importPath, startRead } from './readingSetup';

/** Imports the CT and one derived follow-up per date (YYYYMMDD), then starts the read. Returns cleanup. */
export async function openReadWithVisits(
  page: Page,
  followUpDates: readonly string[],
  enrollmentDate = '2000-01-03',
): Promise<() => void> {
  const followUps = followUpDates.map((date) => deriveFollowUp(date, false));
  await page.goto('/');
  await importPath(page, CT_DIR);
  for (const followUp of followUps) await importPath(page, followUp.dir);
  await startRead(page, { enrollmentDate });
  return () => followUps.forEach((f) => f.remove());
}
