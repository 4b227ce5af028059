import { describe, expect, it } from 'vitest';
import { evaluateRead } from '../../../../src/core/reading/evaluation';
import { defaultReadOptions, type Subject, type Timepoint } from '../../../../src/core/reading/model';
import { assertSubjectDatesPossible } from '../../../../src/core/reading/subjectDates';

const at = '2026-01-01T00:00:00.000Z';
const subject: Subject = {
  id: 'sub',
  label: 'TIL-001',
  patientIds: ['P1'],
  enrollmentDate: '2026-01-05',
  deathDate: null,
  newAnticancerTherapyDate: null,
  site: null,
  treatmentStartDate: null,
  createdAt: at,
};
const tp = (id: string, studyDate: string | null): Timepoint => ({
  id,
  subjectId: 'sub',
  visitName: id,
  studies: [{ studyInstanceUid: `1.${id.length}`, patientId: 'P1', studyDate }],
  createdAt: at,
});
// Listed out of order, one undated: the rule orders them and skips the undated one.
const timepoints = [tp('Week 8', '2026-03-01'), tp('Baseline', '2026-01-02'), tp('Later', null)];

describe('assertSubjectDatesPossible', () => {
  it('refuses the edit that makes the dates impossible, naming the edited date', () => {
    expect(() =>
      assertSubjectDatesPossible(subject, { ...subject, enrollmentDate: '2026-03-02' }, timepoints),
    ).toThrow(expect.objectContaining({ field: 'enrollmentDate', code: 'INVALID' }));
    // Enrolment moved after a death already recorded: the problem is death before enrolment, shown at
    // the date the reader changed.
    const dead = { ...subject, deathDate: '2026-03-10' };
    expect(() =>
      assertSubjectDatesPossible(dead, { ...dead, enrollmentDate: '2026-03-20' }, timepoints),
    ).toThrow(
      expect.objectContaining({
        field: 'enrollmentDate',
        message: 'Death (2026-03-10) is before enrolment (2026-03-20): death must be on or after enrolment',
      }),
    );
    expect(() =>
      assertSubjectDatesPossible(subject, { ...subject, newAnticancerTherapyDate: '2026-01-01' }, timepoints),
    ).toThrow('before the baseline scan (2026-01-02)');
  });

  it('does not block fixing one date because of a problem that was already there', () => {
    // A scan imported after the recorded death: the reader can still correct the enrolment date.
    const dead = { ...subject, deathDate: '2026-02-01' };
    expect(() =>
      assertSubjectDatesPossible(dead, { ...dead, enrollmentDate: '2026-01-06' }, timepoints),
    ).not.toThrow();
  });
});

describe('evaluateRead with stored dates that became impossible', () => {
  it('shows no responses and says which dates to correct, instead of failing', () => {
    const evaluation = evaluateRead({
      read: {
        id: 'r',
        subjectId: 'sub',
        readerId: 'me',
        criteria: 'RECIST1.1',
        baselineTimepointId: null,
        role: null,
        readerNumber: null,
        options: defaultReadOptions,
        createdAt: at,
      },
      subject: { ...subject, deathDate: '2026-02-01' },
      timepoints,
      lesions: [],
      assessments: [],
    });
    expect(evaluation.result).toBeNull();
    expect(evaluation.conversion.problems).toContain(
      "Death (2026-02-01) is before the last scan (2026-03-01): death must be on or after the last scan. Correct the subject's dates to see the responses.",
    );
  });
});
