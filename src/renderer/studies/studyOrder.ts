import type { StudyRecord } from '../db/database';
import { formatPersonName } from './format';

export const studySortKeys = ['name', 'date', 'modality'] as const;
export type StudySortKey = (typeof studySortKeys)[number];

export const studySortLabels: Record<StudySortKey, string> = {
  name: 'Patient name',
  date: 'Date (newest first)',
  modality: 'Modality',
};

/** Lower case without accents, so "cerebrale" finds "cérébrale" and "jerome" finds "Jérôme". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function searchableText(study: StudyRecord): string {
  const date = study.studyDate ?? '';
  return fold(
    [
      formatPersonName(study.patientName),
      study.patientName,
      study.patientId,
      study.studyDescription,
      study.accessionNumber,
      date,
      // DICOM's own form too (20000101), as it appears on film and in other viewers.
      date.replace(/-/g, ''),
      study.modalities.join(' '),
    ].join(' '),
  );
}

/**
 * The studies matching every word of `query` in the patient's name or ID, the description, the
 * accession number, the date (2000-01-01 or 20000101, or a part such as 2000-01) or the modality.
 */
export function filterStudies(studies: readonly StudyRecord[], query: string): StudyRecord[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...studies];
  return studies.filter((study) => {
    const text = searchableText(study);
    return words.every((word) => text.includes(word));
  });
}

const byName = (a: StudyRecord, b: StudyRecord): number => {
  const nameA = formatPersonName(a.patientName);
  const nameB = formatPersonName(b.patientName);
  // Studies without a name go last: a reader looks for a patient by name, not for the blanks.
  if ((nameA === '') !== (nameB === '')) return nameA === '' ? 1 : -1;
  return (
    nameA.localeCompare(nameB, undefined, { sensitivity: 'base' }) || a.patientId.localeCompare(b.patientId)
  );
};

/** Newest first; undated studies last. */
const byDate = (a: StudyRecord, b: StudyRecord): number => {
  if ((a.studyDate === null) !== (b.studyDate === null)) return a.studyDate === null ? 1 : -1;
  return (b.studyDate ?? '').localeCompare(a.studyDate ?? '');
};

const byModality = (a: StudyRecord, b: StudyRecord): number =>
  a.modalities.join('/').localeCompare(b.modalities.join('/'));

const comparators: Record<StudySortKey, ((a: StudyRecord, b: StudyRecord) => number)[]> = {
  name: [byName, (a, b) => (a.studyDate ?? '').localeCompare(b.studyDate ?? '')],
  date: [byDate, byName],
  modality: [byModality, byName, byDate],
};

export function sortStudies(studies: readonly StudyRecord[], key: StudySortKey): StudyRecord[] {
  const order = comparators[key];
  return [...studies].sort(
    (a, b) =>
      order.reduce((result, compare) => result || compare(a, b), 0) ||
      a.studyInstanceUid.localeCompare(b.studyInstanceUid),
  );
}
