import { describe, expect, it } from 'vitest';
import { annotationsAt, imageOf, lastAnnotationBefore } from '../../../../src/core/reading/annotations';
import {
  defaultReadOptions,
  type Assessment,
  type AssessmentValue,
  type Lesion,
} from '../../../../src/core/reading/model';
import type { ReadSnapshot } from '../../../../src/core/reading/subjectRead';
import { marker, measure } from './fixtures';

const at = '2026-01-01T00:00:00.000Z';
const lesion = (id: string, label: string, kind: Lesion['kind'], deleted = false): Lesion => ({
  id,
  readId: 'r',
  label,
  kind,
  locationCode: 'liver',
  description: '',
  multiple: false,
  trackingUid: '2.25.1',
  firstSeenTimepointId: kind === 'new' ? 'w8' : null,
  deleted,
  createdAt: at,
});
const a = (lesionId: string, timepointId: string, value: AssessmentValue): Assessment => ({
  readId: 'r',
  lesionId,
  timepointId,
  value,
  updatedAt: at,
});
const tp = (id: string, date: string) => ({
  id,
  subjectId: 's',
  visitName: id,
  studies: [{ studyInstanceUid: '1.1', patientId: 'P', studyDate: date }],
  createdAt: at,
});

const snapshot: ReadSnapshot = {
  read: {
    id: 'r',
    subjectId: 's',
    readerId: 'me',
    criteria: 'RECIST1.1',
    baselineTimepointId: null,
    role: null,
    readerNumber: null,
    options: defaultReadOptions,
    createdAt: at,
  },
  subject: {
    id: 's',
    label: 'S',
    patientIds: [],
    enrollmentDate: null,
    deathDate: null,
    newAnticancerTherapyDate: null,
    site: null,
    treatmentStartDate: null,
    createdAt: at,
  },
  timepoints: [tp('w16', '2026-05-01'), tp('bl', '2026-01-01'), tp('w8', '2026-03-01')],
  lesions: [
    lesion('t1', 'T1', 'target'),
    lesion('nt1', 'NT1', 'non-target'),
    lesion('gone', 'T2', 'target', true),
  ],
  assessments: [
    a('t1', 'bl', { status: 'measured', fragments: [measure(20, null, { sopInstanceUid: '1.1.1' })] }),
    a('nt1', 'bl', { status: 'present', marker: marker({ sopInstanceUid: '1.1.2' }) }),
    a('gone', 'bl', { status: 'measured', fragments: [measure(30)] }),
    a('t1', 'w8', {
      status: 'measured',
      fragments: [measure(9), measure(6, null, { sopInstanceUid: '1.1.9' })],
    }),
    a('nt1', 'w8', { status: 'not-evaluated', note: '' }),
    a('t1', 'w16', { status: 'too-small', marker: marker({ sopInstanceUid: '1.1.16' }) }),
  ],
};

describe('stored annotations', () => {
  it("lists a timepoint's measurements (each fragment) and markers of live lesions", () => {
    const list = annotationsAt(snapshot, 'w8');
    expect(
      list.map((x) => [x.lesion.label, x.kind, x.kind === 'measurement' ? x.fragmentIndex : null]),
    ).toEqual([
      ['T1', 'measurement', 0],
      ['T1', 'measurement', 1],
    ]);
    expect(annotationsAt(snapshot, 'bl').map((x) => x.lesion.label)).toEqual(['T1', 'NT1']);
    expect(annotationsAt(snapshot, 'w16').map((x) => x.kind)).toEqual(['marker']);
  });

  it('finds where a lesion was last annotated before a timepoint', () => {
    expect(imageOf(lastAnnotationBefore(snapshot, 't1', 'w16')!).sopInstanceUid).toBe('1.2.3.4.5');
    // NT1 was not evaluated at week 8: go back to its baseline marker
    expect(imageOf(lastAnnotationBefore(snapshot, 'nt1', 'w16')!).sopInstanceUid).toBe('1.1.2');
    expect(lastAnnotationBefore(snapshot, 't1', 'bl')).toBeNull();
  });
});
