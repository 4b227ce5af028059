import { describe, expect, it } from 'vitest';
import type { StudyRecord } from '../../../src/renderer/db/database';
import { filterStudies, sortStudies } from '../../../src/renderer/studies/studyOrder';

const study = (
  uid: string,
  patientName: string,
  patientId: string,
  studyDate: string | null,
  modalities: string[],
  studyDescription = '',
): StudyRecord => ({
  studyInstanceUid: uid,
  patientName,
  patientId,
  studyDate,
  studyDescription,
  accessionNumber: '',
  modalities,
  seriesCount: 1,
  instanceCount: 1,
});

const studies = [
  study('1', '', 'LIDC-IDRI-0314', '2000-01-01', ['CT']),
  study('2', 'BRAINIX ', '5Yp0E', '2006-12-01', ['MR'], 'IRM cérébrale, neuro-crâne'),
  study('3', 'DOE^JANE', 'ABC-0007', '2000-03-10', ['CT'], 'CT chest'),
  study('4', 'Buc^Jérôme', 'X-1', null, ['OT']),
];
const uids = (list: StudyRecord[]) => list.map((s) => s.studyInstanceUid);

describe('sortStudies', () => {
  it('sorts by name with unnamed studies last, not first', () => {
    expect(uids(sortStudies(studies, 'name'))).toEqual(['2', '4', '3', '1']);
  });
  it('sorts by date, newest first, undated last', () => {
    expect(uids(sortStudies(studies, 'date'))).toEqual(['2', '3', '1', '4']);
  });
  it('sorts by modality, then name', () => {
    expect(uids(sortStudies(studies, 'modality'))).toEqual(['3', '1', '2', '4']);
  });
});

describe('filterStudies', () => {
  it.each([
    ['jane', ['3']],
    ['doe jane', ['3']],
    ['abc-0007', ['3']],
    ['cerebrale', ['2']],
    ['jerome', ['4']],
    ['2000-03', ['3']],
    ['20000101', ['1']],
    ['ct', ['1', '3']],
    ['  ', ['1', '2', '3', '4']],
    ['nobody', []],
  ])('"%s" finds %j', (query, expected) => {
    expect(uids(filterStudies(studies, query))).toEqual(expected);
  });
});
