import { describe, expect, it } from 'vitest';
import type { GroupingState } from '../../../../src/core/reading/grouping';
import type { Subject, Timepoint } from '../../../../src/core/reading/model';
import { TrialProtocolSchema } from '../../../../src/core/trial/protocol';
import {
  placeInSchedule,
  proposeTrialGrouping,
  type TrialIndexedStudy,
} from '../../../../src/core/trial/trialGrouping';

// Visits every 8 weeks +- 7 days from treatment start; a baseline up to 28 days before it.
const protocol = TrialProtocolSchema.parse({
  protocolId: 'ONC-101',
  sponsor: 'Acme Oncology',
  criteria: 'RECIST1.1',
  schedule: { everyWeeks: 8, windowDays: 7 },
});

const subject = (id: string, label: string, patientIds: string[], dated = true): Subject => ({
  id,
  label,
  patientIds,
  site: 'Site 01',
  enrollmentDate: dated ? '2026-01-05' : null,
  treatmentStartDate: dated ? '2026-01-12' : null,
  deathDate: null,
  newAnticancerTherapyDate: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const s1 = subject('s1', 'TIL-001', ['P1']);
const s2 = subject('s2', 'TIL-002', []);
const s3 = subject('s3', 'TIL-003', ['P3'], false);

const study = (
  uid: string,
  patientId: string,
  studyDate: string | null,
  clinicalTrialSubjectId?: string,
): TrialIndexedStudy => ({
  studyInstanceUid: uid,
  patientId,
  patientName: `NAME^${patientId}`,
  studyDate,
  ...(clinicalTrialSubjectId === undefined ? {} : { clinicalTrialSubjectId }),
});

const state = (over: Partial<GroupingState> = {}): GroupingState => ({
  subjects: [s1, s2, s3],
  timepoints: [],
  ...over,
});

const visit = (id: string, subjectId: string, visitName: string, dates: string[]): Timepoint => ({
  id,
  subjectId,
  visitName,
  studies: dates.map((d, i) => ({ studyInstanceUid: `9.${id.length}.${i}`, patientId: 'P1', studyDate: d })),
  createdAt: '2026-01-20T00:00:00.000Z',
});

/** Each subject's proposed visits as [label, visit name, existing id or null, study UIDs]. */
function visits(proposal: ReturnType<typeof proposeTrialGrouping>) {
  return proposal.subjects.flatMap((s) =>
    s.timepoints.map((t) => [s.label, t.visitName, t.timepointId, t.studies.map((x) => x.studyInstanceUid)]),
  );
}

describe('proposeTrialGrouping: subjects', () => {
  it('matches by Clinical Trial Subject ID and routes the new Patient ID to the subject', () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('1.1', 'ANON-9', '2026-01-10', 'TIL-002')],
      state(),
    );
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.subjects).toEqual([
      {
        subjectId: 's2',
        label: 'TIL-002',
        addPatientIds: ['ANON-9'],
        timepoints: [
          {
            timepointId: null,
            visitName: 'Baseline',
            scanDate: '2026-01-10',
            studies: [{ studyInstanceUid: '1.1', patientId: 'ANON-9', studyDate: '2026-01-10' }],
          },
        ],
      },
    ]);
  });

  it('matches by Patient ID when the study has no trial ID (an index record kept before the field: undefined)', () => {
    const proposal = proposeTrialGrouping(protocol, [study('1.2', 'P1', '2026-03-09')], state());
    expect(visits(proposal)).toEqual([['TIL-001', 'W8', null, ['1.2']]]);
    expect(proposal.subjects[0]!.addPatientIds).toEqual([]);
  });

  it('never makes a subject from a study: a study matching none waits with the plain reason', () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('1.3', 'P-77', '2026-01-10', 'TIL-999'), study('1.4', 'P-88', '2026-01-10', '')],
      state(),
    );
    expect(proposal.subjects).toEqual([]);
    expect(proposal.unmatched).toEqual([
      {
        study: { studyInstanceUid: '1.3', patientId: 'P-77', studyDate: '2026-01-10' },
        clinicalTrialSubjectId: 'TIL-999',
        reason: expect.stringContaining('"TIL-999" is not the ID of any subject in this trial'),
      },
      {
        study: { studyInstanceUid: '1.4', patientId: 'P-88', studyDate: '2026-01-10' },
        clinicalTrialSubjectId: '',
        reason: 'No subject of this trial has the Patient ID "P-88".',
      },
    ]);
  });

  it("lets the patient's studies without a trial ID follow one with it in the same import", () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('1.7', 'ANON-5', '2026-01-10', 'TIL-002'), study('1.8', 'ANON-5', '2026-03-09')],
      state(),
    );
    expect(proposal.unmatched).toEqual([]);
    expect(visits(proposal)).toEqual([
      ['TIL-002', 'Baseline', null, ['1.7']],
      ['TIL-002', 'W8', null, ['1.8']],
    ]);
    expect(proposal.subjects[0]!.addPatientIds).toEqual(['ANON-5']);
  });

  it('routes a Patient ID that two subjects would claim in one import to neither', () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('1.5', 'SHARED', '2026-01-10', 'TIL-001'), study('1.6', 'SHARED', '2026-01-10', 'TIL-002')],
      state(),
    );
    expect(visits(proposal)).toEqual([
      ['TIL-001', 'Baseline', null, ['1.5']],
      ['TIL-002', 'Baseline', null, ['1.6']],
    ]);
    expect(proposal.subjects.map((s) => s.addPatientIds)).toEqual([[], []]);
  });
});

describe('proposeTrialGrouping: visits by the schedule', () => {
  it('queues a study before the baseline window, naming the dates and the window', () => {
    const proposal = proposeTrialGrouping(protocol, [study('2.1', 'P1', '2025-12-01')], state());
    expect(proposal.subjects).toEqual([]);
    expect(proposal.unmatched.map((u) => u.reason)).toEqual([
      "The study of 2025-12-01 is 42 days before TIL-001's treatment start (2026-01-12); the protocol " +
        'accepts a baseline at most 28 days before it.',
    ]);
  });

  it('accepts a baseline exactly at the window edge, and queues an undated study', () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('2.2', 'P1', '2025-12-15'), study('2.3', 'P1', null)],
      state(),
    );
    expect(visits(proposal)).toEqual([['TIL-001', 'Baseline', null, ['2.2']]]);
    expect(proposal.unmatched.map((u) => [u.study.studyInstanceUid, u.reason])).toEqual([
      ['2.3', "The study has no study date, so no visit of TIL-001's schedule can be chosen for it."],
    ]);
  });

  it('puts the studies of one scheduled visit in one timepoint, the W8 window both ends included', () => {
    // W8 is due on 2026-03-09; its window is 2026-03-02 .. 2026-03-16.
    const proposal = proposeTrialGrouping(
      protocol,
      [study('3.1', 'P1', '2026-03-02'), study('3.2', 'P1', '2026-03-16'), study('3.3', 'P1', '2026-01-12')],
      state(),
    );
    expect(visits(proposal)).toEqual([
      ['TIL-001', 'Baseline', null, ['3.3']],
      ['TIL-001', 'W8', null, ['3.1', '3.2']],
    ]);
    expect(proposal.subjects[0]!.timepoints[1]!.scanDate).toBe('2026-03-02');
  });

  it('joins a later study to the existing visit of its window', () => {
    const w8 = visit('tp-w8', 's1', 'W8', ['2026-03-09']);
    const proposal = proposeTrialGrouping(
      protocol,
      [study('3.4', 'P1', '2026-03-12')],
      state({ timepoints: [w8] }),
    );
    expect(visits(proposal)).toEqual([['TIL-001', 'W8', 'tp-w8', ['3.4']]]);
  });

  it('gives an unscheduled study its own visit named after the nearest, shared by studies of that day', () => {
    // Days 86 and 88 after start: W16 (day 112) is nearer than W8 (day 56), and outside +-7.
    const earlier = visit('tp-u', 's1', 'Unscheduled (near W16)', ['2026-04-08']);
    const proposal = proposeTrialGrouping(
      protocol,
      [study('4.1', 'P1', '2026-04-10'), study('4.2', 'P1', '2026-04-10'), study('4.3', 'P1', '2026-04-08')],
      state({ timepoints: [earlier] }),
    );
    expect(visits(proposal)).toEqual([
      ['TIL-001', 'Unscheduled (near W16)', 'tp-u', ['4.3']],
      ['TIL-001', 'Unscheduled (near W16) #2', null, ['4.1', '4.2']],
    ]);
  });

  it('groups by date, as outside a trial, while the subject has no enrolment or treatment start', () => {
    const proposal = proposeTrialGrouping(
      protocol,
      [study('5.1', 'P3', '2026-01-10'), study('5.2', 'P3', '2026-03-07')],
      state(),
    );
    expect(visits(proposal)).toEqual([
      ['TIL-003', 'Baseline', null, ['5.1']],
      ['TIL-003', 'Week 8', null, ['5.2']],
    ]);
  });
});

describe('proposeTrialGrouping: the queue', () => {
  const queued = (uid: string, queueState: string) => ({
    study: { studyInstanceUid: uid },
    state: queueState,
  });

  it('does not queue a waiting study again, but places it once its subject exists; a set-aside one never', () => {
    const stillUnknown = study('6.1', 'P-77', '2026-01-10', 'TIL-999');
    const nowKnown = study('6.2', 'P-44', '2026-01-10', 'TIL-002');
    const setAside = study('6.3', 'P1', '2026-01-10');
    const proposal = proposeTrialGrouping(
      protocol,
      [stillUnknown, nowKnown, setAside],
      state({
        unmatchedStudies: [queued('6.1', 'waiting'), queued('6.2', 'waiting'), queued('6.3', 'set-aside')],
      }),
    );
    expect(proposal.unmatched).toEqual([]);
    expect(visits(proposal)).toEqual([['TIL-002', 'Baseline', null, ['6.2']]]);
  });

  it('proposes nothing when every study is placed or decided', () => {
    const placed = visit('tp-b', 's1', 'Baseline', []);
    const withStudy = {
      ...placed,
      studies: [{ studyInstanceUid: '7.1', patientId: 'P1', studyDate: '2026-01-10' }],
    };
    expect(
      proposeTrialGrouping(protocol, [study('7.1', 'P1', '2026-01-10')], state({ timepoints: [withStudy] })),
    ).toEqual({ subjects: [], unmatched: [] });
  });
});

describe('placeInSchedule for the administrator', () => {
  it('accepts a study before the baseline window as the baseline, and an undated study in its own visit', () => {
    const placement = placeInSchedule(
      protocol,
      s1,
      [],
      [
        { studyInstanceUid: '8.1', patientId: 'P1', studyDate: '2025-12-01' },
        { studyInstanceUid: '8.2', patientId: 'P1', studyDate: null },
      ],
      true,
    );
    expect(placement.unplaced).toEqual([]);
    expect(placement.timepoints.map((t) => [t.visitName, t.studies.map((s) => s.studyInstanceUid)])).toEqual([
      ['Baseline', ['8.1']],
      ['Undated visit', ['8.2']],
    ]);
  });
});
