import { describe, expect, it } from 'vitest';
import type {
  Assessment,
  AssessmentValue,
  Lesion,
  Read,
  Subject,
  Timepoint,
} from '../../../../src/core/reading/model';
import { defaultReadOptions } from '../../../../src/core/reading/model';
import {
  exportSubjectRead,
  toSubjectRead,
  type ReadSnapshot,
} from '../../../../src/core/reading/subjectRead';
import { marker, measure } from './fixtures';

const at = '2026-01-01T00:00:00.000Z';
const subject: Subject = {
  id: 'sub',
  label: 'TIL-001',
  patientIds: ['P1'],
  enrollmentDate: '2026-01-05',
  deathDate: null,
  newAnticancerTherapyDate: null,
  createdAt: at,
};
const tp = (id: string, visitName: string, studyDate: string | null, createdAt = at): Timepoint => ({
  id,
  subjectId: 'sub',
  visitName,
  studies: [{ studyInstanceUid: `1.${id.length}`, patientId: 'P1', studyDate }],
  createdAt,
});
const read: Read = {
  id: 'r',
  subjectId: 'sub',
  readerId: 'me',
  criteria: 'RECIST1.1',
  options: defaultReadOptions,
  createdAt: at,
};
let uid = 1;
const lesion = (
  id: string,
  label: string,
  kind: Lesion['kind'],
  locationCode: string,
  extra: Partial<Lesion> = {},
): Lesion => ({
  id,
  readId: 'r',
  label,
  kind,
  locationCode,
  description: '',
  multiple: false,
  trackingUid: `2.25.${uid++}`,
  firstSeenTimepointId: null,
  deleted: false,
  createdAt: at,
  ...extra,
});
const assess = (lesionId: string, timepointId: string, value: AssessmentValue): Assessment => ({
  readId: 'r',
  lesionId,
  timepointId,
  value,
  updatedAt: at,
});

function snapshot(): ReadSnapshot {
  const lesions = [
    lesion('l1', 'T1', 'target', 'lung.rul'),
    lesion('l2', 'T2', 'target', 'ln.subcarinal.7'),
    lesion('l3', 'NT1', 'non-target', 'liver', { multiple: true }),
    lesion('l4', 'N1', 'new', 'bone.spine.lumbar', { firstSeenTimepointId: 'w8' }),
    lesion('l5', 'T3', 'target', 'liver.s4a', { deleted: true }),
  ];
  const thin = { seriesInstanceUid: '1.2.840.1' };
  const thick = { seriesInstanceUid: '1.2.840.2' };
  const assessments = [
    assess('l1', 'bl', { status: 'measured', fragments: [measure(22.4, 15.1, thin)] }),
    assess('l2', 'bl', { status: 'measured', fragments: [measure(25, 18.3, thick)] }),
    assess('l3', 'bl', { status: 'present', marker: marker() }),
    assess('l5', 'bl', { status: 'measured', fragments: [measure(40)] }),
    // split lesion: fragments summed exactly (10.1 + 5.2 = 15.3)
    assess('l1', 'w8', { status: 'measured', fragments: [measure(10.1), measure(5.2)] }),
    assess('l2', 'w8', { status: 'too-small', marker: null }),
    assess('l3', 'w8', { status: 'absent', marker: null }),
    assess('l4', 'w8', { status: 'equivocal', measurement: null, marker: marker() }),
    assess('l1', 'w16', { status: 'merged', intoLesionId: 'l2' }),
    assess('l2', 'w16', { status: 'measured', fragments: [measure(30, 21)] }),
    assess('l3', 'w16', { status: 'unequivocal-progression', marker: null }),
    assess('l4', 'w16', { status: 'unequivocal', measurement: measure(14, 11), marker: null }),
  ];
  return {
    read,
    subject,
    // stored order is irrelevant: timepoints are dated by their studies
    timepoints: [
      tp('w16', 'Week 16', '2026-04-26'),
      tp('bl', 'Baseline', '2026-01-02'),
      tp('w8', 'Week 8', '2026-03-01'),
    ],
    lesions,
    assessments,
  };
}

describe('toSubjectRead', () => {
  it('writes the contract JSON: lesions by label, organs from the catalogue, sizes exact to 0.1 mm', () => {
    const thickness = new Map([
      ['1.2.840.1', 1.25],
      ['1.2.840.2', 2.5],
    ]);
    const conversion = toSubjectRead(snapshot(), { sliceThicknessMm: (uid) => thickness.get(uid) ?? null });
    expect(conversion.problems).toEqual([]);
    expect(conversion.subjectRead).toEqual({
      criteria: 'RECIST1.1',
      options: { confirmationRequired: true, confirmationMinDays: 28, sdMinDays: 42, tooSmallMm: 5 },
      subject: {
        id: 'TIL-001',
        enrollmentDate: '2026-01-05',
        deathDate: null,
        newAnticancerTherapyDate: null,
      },
      lesions: [
        { id: 'T1', kind: 'target', organ: 'lung', nodal: false, location: 'lung.rul' },
        { id: 'T2', kind: 'target', organ: 'lymph node', nodal: true, location: 'ln.subcarinal.7' },
        { id: 'NT1', kind: 'non-target', organ: 'liver', nodal: false, location: 'liver' },
      ],
      timepoints: [
        {
          id: 'Baseline',
          date: '2026-01-02',
          sliceThicknessMm: 2.5,
          measurements: { T1: { mm: 22.4 }, T2: { mm: 18.3 } }, // the node by its short axis
          nonTarget: { NT1: 'present' },
          newLesions: [],
        },
        {
          id: 'Week 8',
          date: '2026-03-01',
          sliceThicknessMm: null,
          measurements: { T1: { mm: 15.3 }, T2: { status: 'too-small' } },
          nonTarget: { NT1: 'absent' },
          newLesions: [
            { id: 'N1', organ: 'bone', status: 'equivocal', nodal: false, location: 'bone.spine.lumbar' },
          ],
        },
        {
          id: 'Week 16',
          date: '2026-04-26',
          sliceThicknessMm: null,
          measurements: { T1: { status: 'merged', into: 'T2' }, T2: { mm: 21 } },
          nonTarget: { NT1: 'unequivocal-progression' },
          newLesions: [
            {
              id: 'N1',
              organ: 'bone',
              status: 'unequivocal',
              nodal: false,
              mm: 14,
              location: 'bone.spine.lumbar',
            },
          ],
        },
      ],
    });
    expect([...conversion.timepointIds]).toEqual([
      ['Baseline', 'bl'],
      ['Week 8', 'w8'],
      ['Week 16', 'w16'],
    ]);
    expect(conversion.lesionIds.get('N1')).toBe('l4');
    expect(conversion.lesionIds.has('T3')).toBe(false); // deleted
    // plain JSON: survives a round trip through the file
    expect(JSON.parse(JSON.stringify(conversion.subjectRead))).toEqual(conversion.subjectRead);
  });

  it('leaves out what the contract has no word for, and unassessed lesions (the engine reads them as not evaluated)', () => {
    const s = snapshot();
    const conversion = toSubjectRead({
      ...s,
      assessments: [
        ...s.assessments.filter((a) => a.timepointId !== 'w16'),
        assess('l4', 'w16', { status: 'absent', marker: null }),
      ],
    });
    expect(conversion.subjectRead.timepoints[2]).toMatchObject({
      measurements: {},
      nonTarget: {},
      newLesions: [],
    });
  });

  it('reports what keeps the JSON from being a faithful export, and still converts the rest', () => {
    const s = snapshot();
    const conversion = toSubjectRead({
      ...s,
      subject: { ...subject, enrollmentDate: null },
      timepoints: [...s.timepoints, tp('x', 'Unscheduled', null)],
      lesions: s.lesions.map((l) => (l.id === 'l2' ? { ...l, deleted: true } : l)),
    });
    expect(conversion.problems).toEqual([
      'Unscheduled has no scan date (its studies carry no StudyDate): it is left out',
      'T1 at Week 16 is merged into a deleted lesion; counted as not evaluated',
      'subject TIL-001 has no enrolment date: the baseline scan date stands in (best response and PFS depend on it)',
    ]);
    expect(conversion.subjectRead.subject.enrollmentDate).toBe('2026-01-02');
    expect(conversion.subjectRead.timepoints[2]!.measurements.T1).toEqual({ status: 'not-evaluated' });
    expect(() => exportSubjectRead({ ...s, subject: { ...subject, enrollmentDate: null } })).toThrow(
      /^the read cannot be exported yet: subject TIL-001 has no enrolment date/,
    );
    expect(exportSubjectRead(s).subject.id).toBe('TIL-001');
  });

  it('makes visit names unique as timepoint ids', () => {
    const s = snapshot();
    const conversion = toSubjectRead({
      ...s,
      timepoints: [
        tp('bl', 'Visit', '2026-01-02'),
        tp('w8', 'Visit', '2026-03-01'),
        tp('w16', 'Visit', '2026-04-26'),
      ],
    });
    expect(conversion.subjectRead.timepoints.map((t) => t.id)).toEqual(['Visit', 'Visit #2', 'Visit #3']);
  });
});
