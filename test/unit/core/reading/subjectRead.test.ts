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
import { parseSubjectRead } from '../../../../src/core/model';
import { evaluateSubject } from '../../../../src/core/recist';
import { marker, measure } from './fixtures';

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
  baselineTimepointId: null,
  role: null,
  readerNumber: null,
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
          // the node by its short axis; each baseline size with the thickness of its own series
          measurements: { T1: { mm: 22.4, sliceThicknessMm: 1.25 }, T2: { mm: 18.3, sliceThicknessMm: 2.5 } },
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

  it('lists only what was assessed: an unassessed lesion is left out (the engine reads it as not evaluated)', () => {
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
      newLesions: [
        { id: 'N1', organ: 'bone', status: 'absent', nodal: false, location: 'bone.spine.lumbar' },
      ],
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

/** A liver target and a new lesion N1 first seen at Week 8, over three visits; `n1At16` is N1 at Week 16. */
function newLesionRead(n1At16: AssessmentValue | null, criteria: Read['criteria'] = 'iRECIST'): ReadSnapshot {
  const assessments = [
    assess('t', 'bl', { status: 'measured', fragments: [measure(30)] }),
    assess('t', 'w8', { status: 'measured', fragments: [measure(30)] }),
    assess('n', 'w8', { status: 'unequivocal', measurement: measure(12), marker: null }),
    assess('t', 'w16', { status: 'measured', fragments: [measure(30)] }),
  ];
  if (n1At16) assessments.push(assess('n', 'w16', n1At16));
  return {
    read: { ...read, criteria },
    subject,
    timepoints: [
      tp('bl', 'Baseline', '2026-01-02'),
      tp('w8', 'Week 8', '2026-03-01'),
      tp('w16', 'Week 16', '2026-04-26'),
    ],
    lesions: [
      lesion('t', 'T1', 'target', 'liver'),
      lesion('n', 'N1', 'new', 'lung.rul', { firstSeenTimepointId: 'w8' }),
    ],
    assessments,
  };
}

function evaluateSnapshot(s: ReadSnapshot) {
  const parsed = parseSubjectRead(toSubjectRead(s).subjectRead);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return evaluateSubject(parsed.read);
}

describe('toSubjectRead: new lesions after they were first seen', () => {
  it('an iRECIST iUPD stays open while the new lesion is not evaluated (it used to reset to iSD)', () => {
    const result = evaluateSnapshot(
      newLesionRead({ status: 'not-evaluated', note: 'out of the field of view' }),
    );
    expect(result.timepoints.map((t) => t.overall)).toEqual(['NA', 'iUPD', 'iUPD']);
  });

  it('carries "absent", "not-evaluated" and "increased" into the JSON', () => {
    const at16 = (value: AssessmentValue) =>
      toSubjectRead(newLesionRead(value)).subjectRead.timepoints[2]!.newLesions;
    const n1 = { id: 'N1', organ: 'lung', nodal: false, location: 'lung.rul' };
    expect(at16({ status: 'absent', marker: null })).toEqual([{ ...n1, status: 'absent' }]);
    expect(at16({ status: 'not-evaluated', note: '' })).toEqual([{ ...n1, status: 'not-evaluated' }]);
    expect(at16({ status: 'increased', measurement: null, marker: marker() })).toEqual([
      { ...n1, status: 'increased' },
    ]);
    expect(at16({ status: 'increased', measurement: measure(15.5), marker: null })).toEqual([
      { ...n1, status: 'increased', mm: 15.5 },
    ]);
  });

  it('"absent" resets the iUPD; under RECIST 1.1 "increased" is progression', () => {
    expect(
      evaluateSnapshot(newLesionRead({ status: 'absent', marker: null })).timepoints.map((t) => t.overall),
    ).toEqual(['NA', 'iUPD', 'iSD']);
    const recist = evaluateSnapshot(
      newLesionRead({ status: 'increased', measurement: null, marker: null }, 'RECIST1.1'),
    );
    expect(recist.timepoints.map((t) => t.newLesions)).toEqual(['NO', 'YES', 'YES']);
  });

  it('reports a later status whose first sighting is left out, and leaves it out', () => {
    const s = newLesionRead({ status: 'absent', marker: null });
    const conversion = toSubjectRead({
      ...s,
      timepoints: s.timepoints.map((t) => (t.id === 'w8' ? tp('w8', 'Week 8', null) : t)),
    });
    expect(conversion.problems).toContain(
      'N1 is recorded as absent at Week 16, but no earlier visit of the read records it as seen: it is left out at Week 16',
    );
    expect(conversion.subjectRead.timepoints[1]!.newLesions).toEqual([]);
    expect(parseSubjectRead(conversion.subjectRead).ok).toBe(true);
  });
});

describe('toSubjectRead: slice thickness of each baseline target', () => {
  it('writes the thickness of the series each target was measured on; the engine judges each by it', () => {
    const series = (uid: string) => ({ seriesInstanceUid: uid });
    const thickness = new Map([
      ['1.2.840.1', 1],
      ['1.2.840.5', 5],
      ['1.2.840.6', 6],
    ]);
    const s: ReadSnapshot = {
      read,
      subject,
      timepoints: [tp('bl', 'Baseline', '2026-01-02')],
      lesions: [
        lesion('a', 'T1', 'target', 'lung.rul'),
        lesion('b', 'T2', 'target', 'liver'),
        lesion('c', 'T3', 'target', 'bone.rib'),
        lesion('d', 'T4', 'target', 'kidney.r'),
      ],
      assessments: [
        assess('a', 'bl', { status: 'measured', fragments: [measure(12, null, series('1.2.840.1'))] }),
        assess('b', 'bl', { status: 'measured', fragments: [measure(9, null, series('1.2.840.5'))] }),
        assess('c', 'bl', { status: 'measured', fragments: [measure(10, null, series('1.2.840.6'))] }),
        // a split lesion measured on two series: the coarser decides
        assess('d', 'bl', {
          status: 'measured',
          fragments: [measure(6, null, series('1.2.840.1')), measure(5, null, series('1.2.840.6'))],
        }),
      ],
    };
    const json = toSubjectRead(s, { sliceThicknessMm: (uid) => thickness.get(uid) ?? null }).subjectRead;
    expect(json.timepoints[0]).toMatchObject({
      sliceThicknessMm: 6, // the visit's thickest series, as before
      measurements: {
        T1: { mm: 12, sliceThicknessMm: 1 },
        T2: { mm: 9, sliceThicknessMm: 5 },
        T3: { mm: 10, sliceThicknessMm: 6 },
        T4: { mm: 11, sliceThicknessMm: 6 },
      },
    });
    const parsed = parseSubjectRead(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const flagged = evaluateSubject(parsed.read)
      .violations.filter((v) => v.code === 'TARGET_NOT_MEASURABLE')
      .map((v) => v.lesionIds[0]);
    expect(flagged).toEqual(['T2', 'T3', 'T4']);
  });

  it('a 12 mm target on a 1 mm series is measurable although the visit also has 6 mm slices', () => {
    const s: ReadSnapshot = {
      read,
      subject,
      timepoints: [tp('bl', 'Baseline', '2026-01-02')],
      lesions: [lesion('a', 'T1', 'target', 'lung.rul'), lesion('b', 'T2', 'target', 'liver')],
      assessments: [
        assess('a', 'bl', {
          status: 'measured',
          fragments: [measure(11, null, { seriesInstanceUid: '1.2.840.1' })],
        }),
        assess('b', 'bl', {
          status: 'measured',
          fragments: [measure(20, null, { seriesInstanceUid: '1.2.840.6' })],
        }),
      ],
    };
    const thickness = (uid: string) => (uid === '1.2.840.1' ? 1 : 6);
    const parsed = parseSubjectRead(toSubjectRead(s, { sliceThicknessMm: thickness }).subjectRead);
    expect(parsed.ok && evaluateSubject(parsed.read).violations).toEqual([]);
  });
});
