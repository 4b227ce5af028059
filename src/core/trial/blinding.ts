/**
 * Blinding for blinded independent central review (BICR): what a BICR reader and the adjudicator must
 * never see, the blinded copies of the index shapes the UI shows, and the PHI scan that proves it.
 *
 * The PHI of issue 11: patient name, patient ID, birth date, sex, age, institution, referring and
 * performing physicians, accession number and real dates. The DICOM index model (dicom/model.ts) keeps
 * only some of these (name, ID, birth date, sex, study/series dates and time, accession number); the
 * others are never read from the files, so a blinded copy has nothing to remove for them. phiValues
 * still accepts them, so a scan can be fed from a raw header that has them.
 *
 * Every field of every shape is classified in a table checked by the compiler against the model: a
 * field added to InstanceHeader, SeriesSummary or StudySummary fails the type check here until
 * someone decides whether it is PHI.
 *
 * Real dates become the schedule's blinded label, "Day 57 (W8)", in a separate `visitLabel` field; the
 * date fields themselves become null, so a blinded copy is still a valid StudySummary / InstanceHeader
 * for the components that show one, and no code can compute a calendar date from it.
 */
import { z } from 'zod';
import type { InstanceHeader, SeriesSummary, StudySummary } from '../dicom/model';
import { isIsoDate } from '../model/dates';
import type { AccountRole } from '../reading/model';
import { blindedVisitLabel } from './schedule';

// ---------------------------------------------------------------------------------------------------
// Roles

const blindedRoles: Readonly<Record<AccountRole, boolean>> = {
  'site-radiologist': false,
  'bicr-reader': true,
  adjudicator: true,
  admin: false,
};

/** True for the roles that read blind: BICR readers and the adjudicator. */
export function isBlindedRole(role: AccountRole): boolean {
  return blindedRoles[role];
}

// ---------------------------------------------------------------------------------------------------
// The trial subject a study is shown as

export const BlindingSubjectSchema = z.object({
  /** The trial's subject label, shown in place of the patient name and ID. */
  label: z.string().trim().min(1, 'The subject label is empty'),
  /** Study days and weeks count from this date. */
  enrollmentDate: z.string().refine(isIsoDate, 'The enrolment date must be a date written YYYY-MM-DD'),
});
export type BlindingSubject = z.infer<typeof BlindingSubjectSchema>;

function requireSubject(subject: BlindingSubject): BlindingSubject {
  const parsed = BlindingSubjectSchema.safeParse(subject);
  if (!parsed.success) {
    throw new RangeError(
      `Cannot blind for this subject: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    );
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------------
// Field rules, checked against the model

/** keep: not PHI. subject: replaced by the subject label. null / empty: removed. */
type FieldRule = 'keep' | 'subject' | 'null' | 'empty';

const studyRules = {
  studyInstanceUid: 'keep',
  patientId: 'subject',
  // Not PHI: the trial's own pseudonym (kept by the DICOM de-identification profile); a study matched
  // by it carries the subject label itself, else it is empty.
  clinicalTrialSubjectId: 'keep',
  patientName: 'subject',
  studyDate: 'null', // shown as visitLabel
  studyDescription: 'keep',
  accessionNumber: 'empty',
  modalities: 'keep',
  series: 'keep', // blinded one by one with blindSeries
} as const satisfies Record<keyof StudySummary, FieldRule>;

// No field of a series summary is PHI: every one is a UID, a count, a size or a description of the scan.
const seriesRules = {
  seriesInstanceUid: 'keep',
  studyInstanceUid: 'keep',
  frameOfReferenceUid: 'keep',
  modality: 'keep',
  seriesNumber: 'keep',
  seriesDescription: 'keep',
  instanceCount: 'keep',
  frameCount: 'keep',
  rows: 'keep',
  columns: 'keep',
  sliceThicknessMm: 'keep',
  sliceSpacingMm: 'keep',
  frames: 'keep',
  warnings: 'keep',
} as const satisfies Record<keyof SeriesSummary, FieldRule>;

const instanceRules = {
  sopInstanceUid: 'keep',
  sopClassUid: 'keep',
  studyInstanceUid: 'keep',
  seriesInstanceUid: 'keep',
  frameOfReferenceUid: 'keep',
  transferSyntaxUid: 'keep',
  patientId: 'subject',
  clinicalTrialSubjectId: 'keep', // not PHI: see studyRules
  patientName: 'subject',
  patientBirthDate: 'null',
  patientSex: 'null',
  studyDate: 'null', // shown as visitLabel
  studyTime: 'null', // a time of day narrows down the real date and the site's schedule
  studyDescription: 'keep',
  accessionNumber: 'empty',
  seriesNumber: 'keep',
  seriesDescription: 'keep',
  seriesDate: 'null',
  modality: 'keep',
  bodyPartExamined: 'keep',
  instanceNumber: 'keep',
  numberOfFrames: 'keep',
  rows: 'keep',
  columns: 'keep',
  bitsAllocated: 'keep',
  bitsStored: 'keep',
  pixelRepresentation: 'keep',
  samplesPerPixel: 'keep',
  photometricInterpretation: 'keep',
  rescaleSlope: 'keep',
  rescaleIntercept: 'keep',
  windowCenters: 'keep',
  windowWidths: 'keep',
  spacingBetweenSlicesMm: 'keep',
  sliceLocation: 'keep',
  geometry: 'keep',
  perFrameGeometry: 'keep',
  hasPixelData: 'keep',
} as const satisfies Record<keyof InstanceHeader, FieldRule>;

/** The fields of each shape that hold PHI (for tests and for code that must not show them). */
export const phiFields = {
  study: fieldsNotKept(studyRules),
  series: fieldsNotKept(seriesRules),
  instance: fieldsNotKept(instanceRules),
} as const;

function fieldsNotKept(rules: Readonly<Record<string, FieldRule>>): readonly string[] {
  return Object.keys(rules).filter((field) => rules[field] !== 'keep');
}

/** A copy of `source` with its fields rewritten by `rules` (the input is never touched). */
function applyRules<T extends object>(
  source: T,
  rules: Readonly<Record<keyof T, FieldRule>>,
  label: string,
): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(rules) as (keyof T & string)[]) {
    const rule = rules[key];
    out[key] = rule === 'keep' ? source[key] : rule === 'subject' ? label : rule === 'null' ? null : '';
  }
  return out as T;
}

/** "Day 57 (W8)" for a real date, null when the date is unknown. */
function visitLabelOf(subject: BlindingSubject, date: string | null): string | null {
  return date === null ? null : blindedVisitLabel(subject.enrollmentDate, date);
}

// ---------------------------------------------------------------------------------------------------
// Blinded copies

export type BlindedSeriesSummary = SeriesSummary;

export type BlindedStudySummary = StudySummary & {
  readonly studyDate: null;
  readonly accessionNumber: '';
  readonly series: readonly BlindedSeriesSummary[];
  /** The study's blinded name, "Day 57 (W8)"; null when the study has no date. */
  readonly visitLabel: string | null;
};

export type BlindedInstanceHeader = InstanceHeader & {
  readonly patientBirthDate: null;
  readonly patientSex: null;
  readonly studyDate: null;
  readonly studyTime: null;
  readonly seriesDate: null;
  readonly accessionNumber: '';
  /** The study's blinded name (from the study date, else the series date); null with neither. */
  readonly visitLabel: string | null;
};

/** A series summary as a blinded reader sees it: a copy (its fields hold no PHI, see seriesRules). */
export function blindSeries(series: SeriesSummary): BlindedSeriesSummary {
  return {
    ...applyRules(series, seriesRules, ''),
    frames: series.frames.map((frame) => ({ ...frame })),
    warnings: series.warnings.map((warning) => ({ ...warning })),
  };
}

/** A study summary as a blinded reader sees it: the subject label for name and ID, the visit label for
 *  the date, no accession number, every series blinded. */
export function blindStudy(study: StudySummary, subject: BlindingSubject): BlindedStudySummary {
  const checked = requireSubject(subject);
  return {
    ...applyRules(study, studyRules, checked.label),
    studyDate: null,
    accessionNumber: '',
    modalities: [...study.modalities],
    series: study.series.map(blindSeries),
    visitLabel: visitLabelOf(checked, study.studyDate),
  };
}

/** An instance header as a blinded reader sees it (overlays, header panels). */
export function blindInstanceHeader(header: InstanceHeader, subject: BlindingSubject): BlindedInstanceHeader {
  const checked = requireSubject(subject);
  return {
    ...applyRules(header, instanceRules, checked.label),
    patientBirthDate: null,
    patientSex: null,
    studyDate: null,
    studyTime: null,
    seriesDate: null,
    accessionNumber: '',
    windowCenters: [...header.windowCenters],
    windowWidths: [...header.windowWidths],
    visitLabel: visitLabelOf(checked, header.studyDate ?? header.seriesDate),
  };
}

// ---------------------------------------------------------------------------------------------------
// The PHI scan

/**
 * The PHI a header can carry, under the index model's names. InstanceHeader and StudySummary fit it;
 * the fields the model does not keep (age, institution, physicians) can be given from a raw header.
 */
export interface PhiSource {
  readonly patientName?: string | null;
  readonly patientId?: string | null;
  readonly patientBirthDate?: string | null;
  readonly patientSex?: string | null;
  readonly patientAge?: string | null;
  readonly studyDate?: string | null;
  readonly seriesDate?: string | null;
  readonly accessionNumber?: string | null;
  readonly institutionName?: string | null;
  readonly referringPhysicianName?: string | null;
  readonly performingPhysicianName?: string | null;
}

const SEX_WORDS: Readonly<Record<string, string>> = { F: 'Female', M: 'Male' };

/**
 * The ways a DICOM person name (PN: family^given^middle^prefix^suffix) can appear on a screen:
 * "DOE^JANE", "DOE, JANE", "JANE DOE", "DOE JANE", with the middle name, and the family name alone
 * (a list that shows only a surname still unblinds). Only the first (alphabetic) component group.
 */
function nameRenderings(value: string): string[] {
  const out = [value];
  const [family = '', given = '', middle = ''] = (value.split('=')[0] ?? '').split('^').map((p) => p.trim());
  const givenNames = [given, middle].filter((p) => p !== '').join(' ');
  if (family !== '') out.push(family);
  if (family !== '' && givenNames !== '') {
    out.push(`${family}, ${givenNames}`, `${givenNames} ${family}`, `${family} ${givenNames}`);
    if (middle !== '') out.push(`${family}, ${given}`, `${given} ${family}`);
  }
  return out;
}

/** A date as ISO 2000-01-31, DICOM DA 20000131, US 01/31/2000, European 31/01/2000 and 31.01.2000.
 *  Accepts ISO (the index model) or DA (a raw header); anything else is kept as it is. */
function dateRenderings(value: string): string[] {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!match) return [value];
  const [, y, m, d] = match;
  return [`${y}-${m}-${d}`, `${y}${m}${d}`, `${m}/${d}/${y}`, `${d}/${m}/${y}`, `${d}.${m}.${y}`];
}

/**
 * The set of PHI strings present in the given headers, with their common renderings: what an
 * end-to-end blinding scan searches every screen's text and every export for.
 * A sex code alone ("F") would match almost any text, so sex is searched as its word ("Female", "Male");
 * "O" (other) is not searched at all: "Other" is an ordinary word on these screens.
 */
export function phiValues(...headers: readonly PhiSource[]): Set<string> {
  const out = new Set<string>();
  const add = (values: readonly string[]) => {
    for (const value of values) if (value.trim() !== '') out.add(value.trim());
  };
  for (const h of headers) {
    for (const name of [h.patientName, h.referringPhysicianName, h.performingPhysicianName]) {
      if (name) add(nameRenderings(name));
    }
    for (const plain of [h.patientId, h.accessionNumber, h.institutionName, h.patientAge]) {
      if (plain) add([plain]);
    }
    for (const date of [h.patientBirthDate, h.studyDate, h.seriesDate]) {
      if (date) add(dateRenderings(date));
    }
    const sex = h.patientSex?.trim().toUpperCase();
    const sexWord = sex === undefined ? undefined : SEX_WORDS[sex];
    if (sexWord) add([sexWord]);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The PHI values found in a text, case-insensitive, in the order given. A value counts only as a whole
 * token: not touching a letter or digit on either side, so "P1" is not found in "P12" nor "DOE" in
 * "DOES", while "LIDC-IDRI-0314" is found in "Patient LIDC-IDRI-0314." and a date inside a UID's
 * dot-separated part still is.
 */
export function findPhi(text: string, phi: Iterable<string>): string[] {
  const found: string[] = [];
  for (const value of phi) {
    if (value === '') continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'iu');
    if (pattern.test(text)) found.push(value);
  }
  return found;
}
