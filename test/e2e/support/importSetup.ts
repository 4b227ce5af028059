/** Import steps of the reading-room end-to-end tests that the shared reading setup does not cover. */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CT_DIR } from '../measure.helpers';

/**
 * Holds back the web bridge's disk scans until `release()`: the import is then visibly under way
 * (progress shown, nothing counted yet) for as long as a test needs to look at it.
 */
export async function holdDiskScans(page: Page): Promise<{ release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/__recist/scan', async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

const uid = () => `2.25.${BigInt(`0x${crypto.randomUUID().replace(/-/g, '')}`).toString()}`;

/**
 * A study DERIVED from `sliceCount` contiguous slices of the shared CT around the nodule (new study, series and SOP Instance
 * UIDs, the given date; with `patient`, that patient's name and ID instead of the CT's): the archive has
 * no second chest CT, of this patient or another.
 */
export function deriveCtStudy(
  date: string,
  { patient, sliceCount = 12 }: { patient?: { id: string; name: string }; sliceCount?: number } = {},
): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'recist-derived-study-'));
  const dir = join(root, `derived-${patient?.id ?? 'same-patient'}-${date}`);
  mkdirSync(dir);
  const files = contiguousCtSlices(sliceCount);
  for (const file of files) copyFileSync(join(CT_DIR, file), join(dir, file));
  const patientTags = patient ? ['-i', `(0010,0010)=${patient.name}`, '-i', `(0010,0020)=${patient.id}`] : [];
  execFileSync(
    'dcmodify',
    [
      '-nb',
      '-q',
      '-gin',
      ...patientTags,
      ...['-i', `(0020,000d)=${uid()}`, '-i', `(0020,000e)=${uid()}`],
      ...['-i', `(0008,0020)=${date}`, '-i', `(0008,0021)=${date}`, '-i', `(0008,0022)=${date}`],
      ...['-i', `(0008,103e)=DERIVED ${patient ? 'OTHER PATIENT' : 'FOLLOW-UP'} ${date}`],
      ...files.map((file) => join(dir, file)),
    ],
    { stdio: 'pipe' },
  );
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** File names of `count` neighbouring slices around the nodule (InstanceNumber 90): the CT's files are shuffled. */
function contiguousCtSlices(count: number): string[] {
  const files = readdirSync(CT_DIR).sort();
  const dump = execFileSync('dcmdump', ['+P', '0020,0013', ...files.map((f) => join(CT_DIR, f))], {
    encoding: 'utf8',
  });
  const numbers = [...dump.matchAll(/IS \[(\d+)\]/g)].map((m) => Number(m[1]));
  if (numbers.length !== files.length) throw new Error('dcmdump did not list one InstanceNumber per CT file');
  const first = 90 - Math.floor(count / 2);
  return files.filter((_, i) => numbers[i]! >= first && numbers[i]! < first + count);
}
