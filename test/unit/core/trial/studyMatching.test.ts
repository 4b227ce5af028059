import { describe, expect, it } from 'vitest';
import {
  matchStudyToSubject,
  type MatchableSubject,
  type StudyIdentity,
} from '../../../../src/core/trial/studyMatching';

const subjects: MatchableSubject[] = [
  { id: 's7', label: 'TIL-007', patientIds: ['P-0007', 'P-0007-B'] },
  { id: 's8', label: 'TIL-008', patientIds: ['P-0008'] },
  { id: 's9', label: 'TIL-009', patientIds: [] },
];

const study = (clinicalTrialSubjectId: string, patientId: string): StudyIdentity => ({
  clinicalTrialSubjectId,
  patientId,
});

function reasonOf(result: ReturnType<typeof matchStudyToSubject>): string {
  if (!('unmatched' in result)) throw new Error(`expected no match, got ${JSON.stringify(result)}`);
  return result.unmatched;
}

describe('matchStudyToSubject: by Clinical Trial Subject ID', () => {
  it('matches the subject whose label is the ID, whatever the Patient ID says when no subject has it', () => {
    expect(matchStudyToSubject(study('TIL-009', 'ANON-123'), subjects)).toEqual({
      subjectId: 's9',
      by: 'clinical-trial-subject-id',
    });
    expect(matchStudyToSubject(study('TIL-009', ''), subjects)).toEqual({
      subjectId: 's9',
      by: 'clinical-trial-subject-id',
    });
  });

  it('prefers the trial ID when the Patient ID points to the same subject', () => {
    expect(matchStudyToSubject(study('TIL-007', 'P-0007-B'), subjects)).toEqual({
      subjectId: 's7',
      by: 'clinical-trial-subject-id',
    });
  });

  it('ignores the padding DICOM and spreadsheets add, on both sides', () => {
    const padded = [{ id: 's1', label: ' TIL-001 ', patientIds: [] }];
    expect(matchStudyToSubject(study('TIL-001 ', ''), padded)).toEqual({
      subjectId: 's1',
      by: 'clinical-trial-subject-id',
    });
  });

  it('never falls back to the Patient ID when the trial ID names no subject', () => {
    // P-0007 is subject s7's, but the site stamped TIL-070: a data error, not a match.
    const reason = reasonOf(matchStudyToSubject(study('TIL-070', 'P-0007'), subjects));
    expect(reason).toBe(
      'The study\'s Clinical Trial Subject ID "TIL-070" is not the ID of any subject in this trial. ' +
        'Add the subject, or correct the ID at the site and send the study again.',
    );
  });

  it('compares case: "til-007" is not "TIL-007"', () => {
    expect(reasonOf(matchStudyToSubject(study('til-007', ''), subjects))).toContain('"til-007"');
  });

  it('is unmatched when the trial ID and the Patient ID name two different subjects', () => {
    const reason = reasonOf(matchStudyToSubject(study('TIL-007', 'P-0008'), subjects));
    expect(reason).toBe(
      'The study\'s Clinical Trial Subject ID is "TIL-007", but its Patient ID "P-0008" belongs to subject ' +
        '"TIL-008". One of them is wrong.',
    );
  });

  it('is unmatched when two subjects carry the same label', () => {
    const twins = [...subjects, { id: 's7b', label: 'TIL-007', patientIds: [] }];
    expect(reasonOf(matchStudyToSubject(study('TIL-007', ''), twins))).toBe(
      '2 subjects of this trial have the ID "TIL-007"; give each subject its own ID.',
    );
  });
});

describe('matchStudyToSubject: by Patient ID', () => {
  it('matches the one subject that holds the Patient ID, by any of its Patient IDs', () => {
    expect(matchStudyToSubject(study('', 'P-0007'), subjects)).toEqual({ subjectId: 's7', by: 'patient-id' });
    expect(matchStudyToSubject(study('', 'P-0007-B'), subjects)).toEqual({
      subjectId: 's7',
      by: 'patient-id',
    });
    expect(matchStudyToSubject(study('  ', ' P-0008 '), subjects)).toEqual({
      subjectId: 's8',
      by: 'patient-id',
    });
  });

  it('matches whole IDs only, not a prefix or a different case', () => {
    expect(reasonOf(matchStudyToSubject(study('', 'P-000'), subjects))).toBe(
      'No subject of this trial has the Patient ID "P-000".',
    );
    expect(reasonOf(matchStudyToSubject(study('', 'p-0007'), subjects))).toBe(
      'No subject of this trial has the Patient ID "p-0007".',
    );
  });

  it('does not take the subject label for a Patient ID', () => {
    expect(reasonOf(matchStudyToSubject(study('', 'TIL-009'), subjects))).toBe(
      'No subject of this trial has the Patient ID "TIL-009".',
    );
  });

  it('is unmatched, naming the subjects, when two or more claim the Patient ID', () => {
    const two = [...subjects, { id: 's10', label: 'TIL-010', patientIds: ['P-0008'] }];
    expect(reasonOf(matchStudyToSubject(study('', 'P-0008'), two))).toBe(
      'The Patient ID "P-0008" belongs to more than one subject ("TIL-008" and "TIL-010"); ' +
        'keep it on one subject only.',
    );
    const three = [...two, { id: 's11', label: 'TIL-011', patientIds: [' P-0008'] }];
    expect(reasonOf(matchStudyToSubject(study('', 'P-0008'), three))).toContain(
      '("TIL-008", "TIL-010" and "TIL-011")',
    );
  });

  it('counts a subject that lists the same Patient ID twice once', () => {
    const repeated = [{ id: 's1', label: 'TIL-001', patientIds: ['P-1', 'P-1'] }];
    expect(matchStudyToSubject(study('', 'P-1'), repeated)).toEqual({ subjectId: 's1', by: 'patient-id' });
  });

  it('is unmatched when the study has neither ID, even if a subject lists an empty Patient ID', () => {
    const withBlank = [{ id: 's1', label: 'TIL-001', patientIds: ['', ' '] }];
    expect(reasonOf(matchStudyToSubject(study('', ''), withBlank))).toBe(
      'The study has neither a Clinical Trial Subject ID nor a Patient ID.',
    );
    expect(reasonOf(matchStudyToSubject(study(' ', '  '), withBlank))).toBe(
      'The study has neither a Clinical Trial Subject ID nor a Patient ID.',
    );
  });

  it('is unmatched when the trial has no subjects yet', () => {
    expect(reasonOf(matchStudyToSubject(study('', 'P-0007'), []))).toBe(
      'No subject of this trial has the Patient ID "P-0007".',
    );
    expect(reasonOf(matchStudyToSubject(study('TIL-007', 'P-0007'), []))).toContain(
      'not the ID of any subject',
    );
  });
});
