/**
 * How a subject is named where a reader picks one. The subject ID is enough when it is a real ID; a
 * blank or placeholder one ("^^^^", what some anonymisers leave) or the stand-in "Unidentified patient"
 * says nothing, so the patient's name, the first study date and the number of studies are added.
 */
export const UNIDENTIFIED_PATIENT = 'Unidentified patient';

export interface SubjectStudyFacts {
  /** DICOM Person Name as stored ("DOE^JANE"); '' when absent. */
  readonly patientName: string;
  readonly studyDate: string | null;
}

/** True when the ID carries no identity: empty once DICOM name separators and spaces are removed. */
export function isPlaceholderId(id: string): boolean {
  return id.replace(/[\s^=]/g, '') === '' || id.trim() === UNIDENTIFIED_PATIENT;
}

/** "DOE^JANE^^^" -> "DOE, JANE" (family name first, as DICOM writes it). */
export function readablePersonName(name: string): string {
  const [family = '', given = '', middle = ''] = name
    .split('=')[0]!
    .split('^')
    .map((p) => p.trim());
  const rest = [given, middle].filter((p) => p !== '').join(' ');
  return family && rest ? `${family}, ${rest}` : family || rest;
}

/**
 * The picker's text for one subject. `sameLabelElsewhere`: another subject has the same label, so the
 * label alone cannot tell them apart either.
 */
export function subjectOptionText(
  label: string,
  studies: readonly SubjectStudyFacts[],
  sameLabelElsewhere = false,
): string {
  if (!isPlaceholderId(label) && !sameLabelElsewhere) return label;
  const names = [...new Set(studies.map((s) => readablePersonName(s.patientName)).filter((n) => n !== ''))];
  const dates = studies.map((s) => s.studyDate).filter((d) => d !== null);
  const first = dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a));
  const shownLabel = label.trim() === '' || label.trim() === UNIDENTIFIED_PATIENT ? 'No patient ID' : label;
  const parts = [
    shownLabel,
    names.length > 0 ? names.join(' / ') : 'no name',
    first ? `first study ${first}` : 'no study date',
    `${studies.length} ${studies.length === 1 ? 'study' : 'studies'}`,
  ];
  return parts.join(' · ');
}
