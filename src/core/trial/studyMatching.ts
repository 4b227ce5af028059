/**
 * Which trial subject an imported study belongs to (issue 11, "Studies matched to subjects").
 *
 * The rule: by (0012,0040) Clinical Trial Subject ID equal to a subject's label when the study has one,
 * else by Patient ID among the Patient IDs a subject has been given. A study that matches nothing waits
 * in the admin's queue with the reason returned here. Decisions taken here:
 * - A Clinical Trial Subject ID that names no subject is unmatched, never matched by Patient ID instead:
 *   the site stamped the study for a subject the trial does not know, a data error the admin must see.
 * - A Clinical Trial Subject ID that names one subject while the study's Patient ID belongs to another
 *   subject is unmatched too: one of the two is wrong, and guessing would put one patient's images in
 *   another's read. A Patient ID that no subject has yet does not stop a match by the trial ID.
 * - Two subjects claiming the same Patient ID (or, defensively, the same label) is unmatched: the study
 *   cannot belong to both, and which one is right is the admin's call.
 * - IDs are compared exactly after trimming surrounding spaces (DICOM pads values with spaces); case
 *   counts, because trial IDs and Patient IDs are codes, and "til-007" may well be another subject.
 * - An empty ID never matches anything.
 */

/** The IDs of a study (see StudySummary): '' when the study does not carry one. */
export interface StudyIdentity {
  readonly clinicalTrialSubjectId: string;
  readonly patientId: string;
}

/** A trial subject as matching sees it: `label` is the trial's subject ID ("TIL-007"). */
export interface MatchableSubject {
  readonly id: string;
  readonly label: string;
  readonly patientIds: readonly string[];
}

export type StudySubjectMatch =
  | { readonly subjectId: string; readonly by: 'clinical-trial-subject-id' | 'patient-id' }
  /** A plain reason for the admin's queue. */
  | { readonly unmatched: string };

function subjectNames(subjects: readonly MatchableSubject[]): string {
  const names = subjects.map((s) => `"${s.label}"`);
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

function holdsPatientId(subject: MatchableSubject, patientId: string): boolean {
  return subject.patientIds.some((id) => id.trim() === patientId);
}

/** The subject a study belongs to and by which ID, or why it has none. */
export function matchStudyToSubject(
  study: StudyIdentity,
  subjects: readonly MatchableSubject[],
): StudySubjectMatch {
  const trialId = study.clinicalTrialSubjectId.trim();
  const patientId = study.patientId.trim();
  const byPatientId = patientId === '' ? [] : subjects.filter((s) => holdsPatientId(s, patientId));

  if (trialId !== '') {
    const named = subjects.filter((s) => s.label.trim() === trialId);
    if (named.length === 0) {
      return {
        unmatched:
          `The study's Clinical Trial Subject ID "${trialId}" is not the ID of any subject in this trial. ` +
          'Add the subject, or correct the ID at the site and send the study again.',
      };
    }
    if (named.length > 1) {
      return {
        unmatched: `${named.length} subjects of this trial have the ID "${trialId}"; give each subject its own ID.`,
      };
    }
    const subject = named[0]!;
    const others = byPatientId.filter((s) => s.id !== subject.id);
    if (others.length > 0) {
      return {
        unmatched:
          `The study's Clinical Trial Subject ID is "${trialId}", but its Patient ID "${patientId}" belongs to ` +
          `subject ${subjectNames(others)}. One of them is wrong.`,
      };
    }
    return { subjectId: subject.id, by: 'clinical-trial-subject-id' };
  }

  if (patientId === '') {
    return { unmatched: 'The study has neither a Clinical Trial Subject ID nor a Patient ID.' };
  }
  if (byPatientId.length === 0) {
    return { unmatched: `No subject of this trial has the Patient ID "${patientId}".` };
  }
  if (byPatientId.length > 1) {
    return {
      unmatched:
        `The Patient ID "${patientId}" belongs to more than one subject (${subjectNames(byPatientId)}); ` +
        'keep it on one subject only.',
    };
  }
  return { subjectId: byPatientId[0]!.id, by: 'patient-id' };
}
