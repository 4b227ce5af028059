/**
 * DICOM folders of the end-to-end BICR trial (trialPlan.ts): 3 subjects x 3 visits, each a copy of the
 * shared chest CT made by ../shared/tools/derive-followup.sh (own Study/Series/SOP Instance UIDs and
 * date) and then given its subject's patient name, IDs and the other PHI tags with dcmodify (dcmtk).
 *
 * Built once and kept: the folders and a marker file go under `outDir`; a later call with the same
 * options returns the marker's description without copying anything. The shared data is only read.
 */
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  dicomAge,
  planTrialSubjects,
  subjectsCsvText,
  trialPhi,
  TRIAL_SCHEDULE,
  type TrialSubjectPlan,
  type TrialVisitPlan,
  type VisitName,
} from './trialPlan';

const execFile = promisify(execFileCallback);

const SHARED = resolve(process.cwd(), '../shared');
const CT_DIR = resolve(SHARED, 'data/ct-chest-lidc-0314');
const DERIVE = resolve(SHARED, 'tools/derive-followup.sh');

/** Bumped when the plan or the tags written change, so that a kept copy from an older version is rebuilt. */
const LAYOUT_VERSION = 2;

/** Where the data is kept between runs when the caller has no folder of its own. */
export const DEFAULT_TRIAL_DATA_DIR = join(tmpdir(), 'recist-e2e-trial-data');

export interface TrialVisitData extends TrialVisitPlan {
  /** The folder to import for this visit. */
  readonly dir: string;
}

export interface TrialSubjectData extends Omit<TrialSubjectPlan, 'visits'> {
  readonly visits: readonly TrialVisitData[];
  /** The visit's data by name. */
  readonly visit: Readonly<Record<VisitName, TrialVisitData>>;
}

export interface TrialData {
  /** The folder holding every subject's folders. */
  readonly root: string;
  /** Slices per study: all of the shared CT, or the `sliceCount` around the nodule asked for. */
  readonly sliceCount: number;
  readonly schedule: typeof TRIAL_SCHEDULE;
  readonly subjects: readonly TrialSubjectData[];
  /** The subjects CSV the admin imports (template columns, CRLF). */
  readonly csv: string;
  /** Every PHI value of the imported headers, in every rendering searched for. */
  readonly phi: readonly string[];
  /** Where each PHI value comes from ("PANC-002 W8 study date"), for failure messages. */
  readonly phiOrigin: Readonly<Record<string, string>>;
}

export interface TrialDataOptions {
  /**
   * Copy only this many contiguous slices around the nodule (InstanceNumber 90) instead of the whole
   * CT (275 slices): imports and reads get faster, and the nodule and its neighbourhood stay.
   */
  readonly sliceCount?: number;
  /** Give every study its own Frame of Reference UID, as a different scan really has. */
  readonly newFrameOfReference?: boolean;
}

/** Builds the trial's DICOM folders under `outDir` once (kept for later calls and runs) and describes them. */
export async function prepareTrialData(
  outDir: string = DEFAULT_TRIAL_DATA_DIR,
  options: TrialDataOptions = {},
): Promise<TrialData> {
  const key = `v${LAYOUT_VERSION}-${options.sliceCount ?? 'all'}${options.newFrameOfReference ? '-newfor' : ''}`;
  const root = resolve(outDir, `trial-${key}`);
  const marker = join(root, 'trial-data.json');
  if (existsSync(marker)) {
    const kept = JSON.parse(readFileSync(marker, 'utf8')) as TrialData;
    if (kept.subjects.every((s) => s.visits.every((v) => existsSync(v.dir)))) return kept;
  }

  // Built aside and renamed into place: an interrupted build never looks finished.
  const building = `${root}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  try {
    const source =
      options.sliceCount === undefined ? CT_DIR : copySlicesAroundNodule(building, options.sliceCount);
    const sliceCount = readdirSync(source).length;
    const plans = planTrialSubjects();
    const subjects = plans.map((plan) => describeSubject(plan, root));
    await Promise.all(
      plans.flatMap((plan) =>
        plan.visits.map((visit) =>
          writeVisit(
            source,
            join(building, plan.subjectId, visit.visit),
            plan,
            visit,
            options.newFrameOfReference,
          ),
        ),
      ),
    );
    if (source !== CT_DIR) rmSync(source, { recursive: true });
    const phi = trialPhi(plans);
    const data: TrialData = {
      root,
      sliceCount,
      schedule: TRIAL_SCHEDULE,
      subjects,
      csv: subjectsCsvText(plans),
      phi: [...phi.keys()],
      phiOrigin: Object.fromEntries(phi),
    };
    writeFileSync(join(building, 'trial-data.json'), `${JSON.stringify(data, null, 2)}\n`);
    writeFileSync(join(building, 'subjects.csv'), data.csv);
    rmSync(root, { recursive: true, force: true });
    renameSync(building, root);
    return data;
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
}

function describeSubject(plan: TrialSubjectPlan, root: string): TrialSubjectData {
  const visits = plan.visits.map((v) => ({ ...v, dir: join(root, plan.subjectId, v.visit) }));
  const visit = Object.fromEntries(visits.map((v) => [v.visit, v])) as Record<VisitName, TrialVisitData>;
  return { ...plan, visits, visit };
}

/** Every date tag the shared CT fills (all 2000-01-01 there): a copy carries its own visit's date in each. */
const OTHER_DATE_TAGS = [
  '0008,0023',
  '0008,0024',
  '0008,0025',
  '0008,002a',
  '0038,0020',
  '0040,0002',
  '0040,0004',
  '0040,0244',
];

async function writeVisit(
  source: string,
  dir: string,
  subject: TrialSubjectPlan,
  visit: TrialVisitPlan,
  newFrameOfReference = false,
): Promise<void> {
  await execFile(DERIVE, [
    source,
    dir,
    visit.dicomDate,
    ...(newFrameOfReference ? ['--new-frame-of-reference'] : []),
  ]);
  const set = (tag: string, value: string) => ['-i', `(${tag})=${value}`];
  const files = readdirSync(dir).map((file) => join(dir, file));
  await execFile('dcmodify', [
    '-nb',
    '-q',
    ...set('0010,0010', subject.patientName),
    ...set('0010,0020', subject.patientId),
    ...set('0012,0040', subject.subjectId),
    ...set('0012,0030', subject.site),
    ...set('0010,0030', subject.patientBirthDate.replaceAll('-', '')),
    ...set('0010,0040', subject.patientSex),
    ...set('0010,1010', dicomAge(subject.patientBirthDate, visit.studyDate)),
    ...set('0008,0080', subject.institutionName),
    ...set('0008,0090', subject.referringPhysicianName),
    ...set('0008,1050', subject.performingPhysicianName),
    ...set('0008,0050', visit.accessionNumber),
    // derive-followup.sh names the series "DERIVED FOLLOW-UP <date>": a real date on every blinded screen.
    ...set('0008,103e', visit.seriesDescription),
    ...set('0008,1030', 'CT CHEST (DERIVED TEST COPY)'),
    ...OTHER_DATE_TAGS.flatMap((tag) => set(tag, visit.dicomDate)),
    ...['-e', '(0010,21d0)'], // Last Menstrual Date: the shared CT's, not this "patient's"
    // The copies carry PHI again: saying "identity removed" would let a tool skip them.
    ...set('0012,0062', 'NO'),
    ...['-e', '(0012,0063)'],
    ...files,
  ]);
}

/** Copies `count` neighbouring slices around the nodule (the CT's files are not in slice order) into `into/source`. */
function copySlicesAroundNodule(into: string, count: number): string {
  const files = readdirSync(CT_DIR).sort();
  const dump = execFileSync('dcmdump', ['+P', '0020,0013', ...files.map((f) => join(CT_DIR, f))], {
    encoding: 'utf8',
  });
  const numbers = [...dump.matchAll(/IS \[(\d+)\]/g)].map((m) => Number(m[1]));
  if (numbers.length !== files.length) throw new Error('dcmdump did not list one InstanceNumber per CT file');
  const first = 90 - Math.floor(count / 2);
  const dir = join(into, 'source');
  mkdirSync(dir);
  files.forEach((file, i) => {
    if (numbers[i]! >= first && numbers[i]! < first + count)
      copyFileSync(join(CT_DIR, file), join(dir, file));
  });
  return dir;
}
