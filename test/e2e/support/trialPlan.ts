/**
 * The end-to-end BICR trial's subjects, visits and PHI, worked out without touching a file: trialData.ts
 * writes the DICOM folders from this plan, and the unit tests check its dates against the schedule.
 *
 * Every study is DERIVED from the shared chest CT (LIDC-IDRI-0314, one patient scanned on 2000-01-01):
 * the archive has no trial, so three "patients" with three visits each are made from that one scan,
 * each with its own UIDs, name, IDs and dates.
 */
import { SUBJECT_COLUMNS } from '../../../src/core/trial/subjectsCsv';
import { phiValues, type PhiSource } from '../../../src/core/trial/blinding';
import { addDays } from '../../../src/core/model/dates';

/** The protocol the trial is set up with: visits every 8 weeks +-7 days, baseline at most 28 days before treatment. */
export const TRIAL_SCHEDULE = { everyWeeks: 8, windowDays: 7, baselineWindowDays: 28 } as const;

/** What the shared CT's headers say (dcmdump): no name, this ID, every date 2000-01-01, female. */
export const SOURCE_CT_PHI = {
  patientId: 'LIDC-IDRI-0314',
  studyDate: '2000-01-01',
  accessionNumber: '2819497684894126',
  patientSex: 'F',
} as const;

export type VisitName = 'baseline' | 'W8' | 'W16';

export interface TrialVisitPlan {
  readonly visit: VisitName;
  /** Weeks from treatment start the schedule names the visit by (0 for the baseline). */
  readonly week: number;
  /** ISO YYYY-MM-DD, as the app's index keeps it. */
  readonly studyDate: string;
  /** DICOM DA YYYYMMDD, as the headers hold it. */
  readonly dicomDate: string;
  readonly accessionNumber: string;
  /** Series Description written into the copy: says "derived", and holds no date (the blinded screens show it). */
  readonly seriesDescription: string;
}

export interface TrialSubjectPlan {
  readonly subjectId: string;
  readonly site: string;
  readonly enrollmentDate: string;
  readonly treatmentStartDate: string;
  /** DICOM PN, as written into (0010,0010). */
  readonly patientName: string;
  readonly patientId: string;
  /** ISO date; DICOM DA in the headers. */
  readonly patientBirthDate: string;
  readonly patientSex: 'F' | 'M';
  readonly institutionName: string;
  readonly referringPhysicianName: string;
  readonly performingPhysicianName: string;
  readonly visits: readonly TrialVisitPlan[];
}

interface SubjectSeed {
  readonly site: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly patientBirthDate: string;
  readonly patientSex: 'F' | 'M';
  readonly institutionName: string;
  readonly referringPhysicianName: string;
  readonly performingPhysicianName: string;
  /** Days the baseline scan comes before treatment start (inside the 28-day window). */
  readonly baselineDaysBefore: number;
  /** How far each follow-up is from its due date (inside the +-7 day window). */
  readonly w8DaysOff: number;
  readonly w16DaysOff: number;
}

// Different sites, sexes and offsets so that a screen mixing subjects up, or a visit matched by the
// wrong window, shows; two subjects share SITE-01 so reader assignment by site has something to choose.
const SEEDS: readonly SubjectSeed[] = [
  {
    site: 'SITE-01',
    patientName: 'DOE^JANE^ALPHA',
    patientId: 'H4471203',
    patientBirthDate: '1952-02-26',
    patientSex: 'F',
    institutionName: 'Northfield General Hospital',
    referringPhysicianName: 'HOUSE^GREGORY',
    performingPhysicianName: 'QUINN^MICHAELA',
    baselineDaysBefore: 7,
    w8DaysOff: 2,
    w16DaysOff: -1,
  },
  {
    site: 'SITE-02',
    patientName: 'ROE^RICHARD^BETA',
    patientId: 'H5582314',
    patientBirthDate: '1947-11-09',
    patientSex: 'M',
    institutionName: 'Riverside Cancer Centre',
    referringPhysicianName: 'KILDARE^JAMES',
    performingPhysicianName: 'WELBY^MARCUS',
    baselineDaysBefore: 12,
    w8DaysOff: -3,
    w16DaysOff: 4,
  },
  {
    site: 'SITE-01',
    patientName: 'SMITH^MARY^GAMMA',
    patientId: 'H6693425',
    patientBirthDate: '1960-07-17',
    patientSex: 'F',
    institutionName: 'Northfield General Hospital',
    referringPhysicianName: 'HOUSE^GREGORY',
    performingPhysicianName: 'QUINN^MICHAELA',
    baselineDaysBefore: 20,
    w8DaysOff: 5,
    w16DaysOff: -6,
  },
];

const FIRST_TREATMENT_START = '2000-02-28';
const ENROLMENT_DAYS_BEFORE_TREATMENT = 4;

const dicomDate = (iso: string) => iso.replaceAll('-', '');

/** The three subjects PANC-001..003: a baseline and the W8 and W16 follow-ups each. */
export function planTrialSubjects(): TrialSubjectPlan[] {
  return SEEDS.map((seed, index) => {
    const subjectId = `PANC-00${index + 1}`;
    const treatmentStartDate = addDays(FIRST_TREATMENT_START, 9 * index);
    const visit = (name: VisitName, week: number, daysFromStart: number, n: number): TrialVisitPlan => {
      const studyDate = addDays(treatmentStartDate, daysFromStart);
      return {
        visit: name,
        week,
        studyDate,
        dicomDate: dicomDate(studyDate),
        accessionNumber: `A${seed.patientId.slice(1, 5)}${index + 1}${n}`,
        seriesDescription: `DERIVED CT CHEST ${name.toUpperCase()} (TEST COPY)`,
      };
    };
    return {
      subjectId,
      site: seed.site,
      enrollmentDate: addDays(treatmentStartDate, -ENROLMENT_DAYS_BEFORE_TREATMENT),
      treatmentStartDate,
      patientName: seed.patientName,
      patientId: seed.patientId,
      patientBirthDate: seed.patientBirthDate,
      patientSex: seed.patientSex,
      institutionName: seed.institutionName,
      referringPhysicianName: seed.referringPhysicianName,
      performingPhysicianName: seed.performingPhysicianName,
      visits: [
        visit('baseline', 0, -seed.baselineDaysBefore, 1),
        visit('W8', 8, 8 * 7 + seed.w8DaysOff, 2),
        visit('W16', 16, 16 * 7 + seed.w16DaysOff, 3),
      ],
    };
  });
}

/** The subjects' CSV as the admin imports it (columns of the app's template; no deaths, no new therapy). */
export function subjectsCsvText(subjects: readonly TrialSubjectPlan[]): string {
  const cells = (s: TrialSubjectPlan): Record<(typeof SUBJECT_COLUMNS)[number], string> => ({
    subjectId: s.subjectId,
    site: s.site,
    enrollmentDate: s.enrollmentDate,
    treatmentStartDate: s.treatmentStartDate,
    deathDate: '',
    newAnticancerTherapyDate: '',
  });
  const lines = [
    SUBJECT_COLUMNS.join(','),
    ...subjects.map((s) => SUBJECT_COLUMNS.map((c) => cells(s)[c]).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** Age as DICOM AS ("047Y") on the day of the scan. */
export function dicomAge(birthDate: string, on: string): string {
  let years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) years -= 1;
  return `${String(years).padStart(3, '0')}Y`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * The ways a screen or an export could print a date beyond the core's numeric ones: "26 Feb 2000",
 * "February 26, 2000", JavaScript's "Feb 26 2000" (toDateString), en-US "2/26/2000", "26-Feb-2000".
 */
export function spelledDateRenderings(iso: string): string[] {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const long = MONTHS[month - 1]!;
  const short = long.slice(0, 3);
  return [
    `${day} ${short} ${year}`,
    `${day} ${long} ${year}`,
    `${short} ${day}, ${year}`,
    `${long} ${day}, ${year}`,
    `${short} ${day} ${year}`,
    `${String(day).padStart(2, '0')} ${short} ${year}`,
    `${short} ${String(day).padStart(2, '0')} ${year}`,
    `${month}/${day}/${year}`,
    `${day}/${month}/${year}`,
    `${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}`,
    `${String(day).padStart(2, '0')}-${short}-${year}`,
  ];
}

/** A DICOM person name's "DOE^JANE" form (family^given), which the core's renderings skip when there is a middle name. */
function familyGiven(pn: string): string {
  return pn.split('^').slice(0, 2).join('^');
}

/**
 * Every PHI value of the imported headers, each with where it came from (for a readable failure):
 * the core's phiValues of each study's header, the dates in every spelled form, the subjects'
 * enrolment and treatment start (real dates a blinded reader must not see either), and the shared
 * CT's own ID, accession number and date (a screen or export that read an original file would show them).
 */
export function trialPhi(subjects: readonly TrialSubjectPlan[]): Map<string, string> {
  const origin = new Map<string, string>();
  const add = (values: Iterable<string>, from: string) => {
    for (const value of values) if (!origin.has(value)) origin.set(value, from);
  };
  const addDate = (iso: string, from: string) => {
    add(phiValues({ studyDate: iso }), from);
    add(spelledDateRenderings(iso), from);
  };
  for (const s of subjects) {
    for (const v of s.visits) {
      const header: PhiSource = {
        patientName: s.patientName,
        patientId: s.patientId,
        patientBirthDate: s.patientBirthDate,
        patientSex: s.patientSex,
        patientAge: dicomAge(s.patientBirthDate, v.studyDate),
        studyDate: v.studyDate,
        seriesDate: v.studyDate,
        accessionNumber: v.accessionNumber,
        institutionName: s.institutionName,
        referringPhysicianName: s.referringPhysicianName,
        performingPhysicianName: s.performingPhysicianName,
      };
      add(phiValues(header), `${s.subjectId} ${v.visit} header`);
      add([familyGiven(s.patientName)], `${s.subjectId} patient name`);
      addDate(v.studyDate, `${s.subjectId} ${v.visit} study date`);
    }
    addDate(s.patientBirthDate, `${s.subjectId} birth date`);
    addDate(s.enrollmentDate, `${s.subjectId} enrolment date`);
    addDate(s.treatmentStartDate, `${s.subjectId} treatment start date`);
  }
  add(phiValues(SOURCE_CT_PHI), 'the shared CT (LIDC-IDRI-0314)');
  addDate(SOURCE_CT_PHI.studyDate, 'the shared CT date');
  return origin;
}
