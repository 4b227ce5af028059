import { describe, expect, it } from 'vitest';
import {
  defaultVisitName,
  orderTimepoints,
  proposeGrouping,
  timepointScanDate,
  type IndexedStudy,
} from '../../../../src/core/reading/grouping';
import type { Subject, Timepoint } from '../../../../src/core/reading/model';

const study = (
  uid: string,
  patientId: string,
  studyDate: string | null,
  patientName = 'DOE^J',
): IndexedStudy => ({
  studyInstanceUid: uid,
  patientId,
  patientName,
  studyDate,
});

const subject = (id: string, patientIds: string[]): Subject => ({
  id,
  label: patientIds[0] ?? id,
  patientIds,
  enrollmentDate: null,
  deathDate: null,
  newAnticancerTherapyDate: null,
  site: null,
  treatmentStartDate: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

const timepoint = (
  id: string,
  subjectId: string,
  studies: [string, string, string | null][],
  visitName = id,
): Timepoint => ({
  id,
  subjectId,
  visitName,
  studies: studies.map(([studyInstanceUid, patientId, studyDate]) => ({
    studyInstanceUid,
    patientId,
    studyDate,
  })),
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('proposeGrouping', () => {
  it('groups by Patient ID, then by study date; the first date is the baseline', () => {
    const proposal = proposeGrouping(
      [
        study('1.3', 'P1', '2026-03-02'),
        study('1.1', 'P1', '2026-01-05'),
        study('1.2', 'P1', '2026-01-05'), // same day: one timepoint (CT chest + CT abdomen)
        study('2.1', 'P2', '2026-02-01'),
      ],
      { subjects: [], timepoints: [] },
    );
    expect(proposal).toHaveLength(2);
    const [p1, p2] = proposal;
    expect(p1).toMatchObject({ subjectId: null, label: 'P1', addPatientIds: ['P1'] });
    expect(
      p1!.timepoints.map((t) => [t.visitName, t.scanDate, t.studies.map((s) => s.studyInstanceUid)]),
    ).toEqual([
      ['Baseline', '2026-01-05', ['1.1', '1.2']],
      ['Week 8', '2026-03-02', ['1.3']],
    ]);
    expect(p2!.timepoints).toHaveLength(1);
    expect(p2!.timepoints[0]!.visitName).toBe('Baseline');
  });

  it('adds newly imported studies to the existing subject and timepoint, leaving placed studies alone', () => {
    const state = {
      subjects: [subject('s1', ['P1'])],
      timepoints: [timepoint('bl', 's1', [['1.1', 'P1', '2026-01-05']], 'Baseline')],
    };
    const proposal = proposeGrouping(
      [study('1.1', 'P1', '2026-01-05'), study('1.2', 'P1', '2026-01-05'), study('1.3', 'P1', '2026-02-02')],
      state,
    );
    expect(proposal).toEqual([
      {
        subjectId: 's1',
        label: 'P1',
        addPatientIds: [],
        timepoints: [
          {
            timepointId: 'bl',
            visitName: 'Baseline',
            scanDate: '2026-01-05',
            studies: [{ studyInstanceUid: '1.2', patientId: 'P1', studyDate: '2026-01-05' }],
          },
          {
            timepointId: null,
            visitName: 'Week 4',
            scanDate: '2026-02-02',
            studies: [{ studyInstanceUid: '1.3', patientId: 'P1', studyDate: '2026-02-02' }],
          },
        ],
      },
    ]);
  });

  it('routes a Patient ID the reader moved to another subject there', () => {
    const state = { subjects: [subject('s1', ['P1']), subject('s2', ['P2', 'P1-OLD'])], timepoints: [] };
    const proposal = proposeGrouping([study('9.1', 'P1-OLD', '2026-05-01')], state);
    expect(proposal.map((p) => [p.subjectId, p.addPatientIds])).toEqual([['s2', []]]);
  });

  it('proposes nothing when every study is placed', () => {
    const state = {
      subjects: [subject('s1', ['P1'])],
      timepoints: [timepoint('bl', 's1', [['1.1', 'P1', '2026-01-05']])],
    };
    expect(proposeGrouping([study('1.1', 'P1', '2026-01-05')], state)).toEqual([]);
  });

  it('never proposes again a study waiting in (or resolved from) "new images"', () => {
    const waiting = { study: { studyInstanceUid: '1.0', patientId: 'P1', studyDate: '2025-12-01' } };
    const setAside = { study: { studyInstanceUid: '1.9', patientId: 'P1', studyDate: '2026-09-01' } };
    const state = {
      subjects: [subject('s1', ['P1'])],
      timepoints: [timepoint('bl', 's1', [['1.1', 'P1', '2026-01-05']])],
      newImages: [waiting, setAside],
    };
    const proposal = proposeGrouping(
      [study('1.0', 'P1', '2025-12-01'), study('1.9', 'P1', '2026-09-01'), study('1.2', 'P1', '2026-03-01')],
      state,
    );
    expect(
      proposal.flatMap((p) => p.timepoints.flatMap((t) => t.studies.map((s) => s.studyInstanceUid))),
    ).toEqual(['1.2']);
    expect(proposeGrouping([study('1.0', 'P1', '2025-12-01')], state)).toEqual([]);
  });

  it('keeps undated studies apart, after the dated ones, and anonymous studies by name', () => {
    const proposal = proposeGrouping(
      [
        study('1.1', '', '2026-01-05', 'ANON^A'),
        study('1.2', '', null, 'ANON^A'),
        study('1.3', '', null, 'ANON^A'),
        study('2.1', '', '2026-01-05', ''),
      ],
      { subjects: [], timepoints: [] },
    );
    const anon = proposal.find((p) => p.label === 'ANON^A')!;
    expect(anon.addPatientIds).toEqual([]);
    expect(anon.timepoints.map((t) => t.visitName)).toEqual([
      'Baseline',
      'Undated visit',
      'Undated visit #2',
    ]);
    expect(proposal.find((p) => p.label === 'Unidentified patient')!.timepoints).toHaveLength(1);
  });

  it('ignores a study listed twice', () => {
    const proposal = proposeGrouping([study('1.1', 'P1', '2026-01-05'), study('1.1', 'P1', '2026-01-05')], {
      subjects: [],
      timepoints: [],
    });
    expect(proposal[0]!.timepoints[0]!.studies).toHaveLength(1);
  });
});

describe('timepoint order and names', () => {
  it('dates a timepoint by its earliest study and orders undated ones last', () => {
    const a = timepoint('a', 's', [
      ['1', 'P', '2026-03-04'],
      ['2', 'P', '2026-03-02'],
    ]);
    const b = timepoint('b', 's', [['3', 'P', '2026-01-01']]);
    const c = timepoint('c', 's', [['4', 'P', null]]);
    expect(timepointScanDate(a)).toBe('2026-03-02');
    expect(timepointScanDate(c)).toBeNull();
    expect(orderTimepoints([c, a, b]).map((t) => t.id)).toEqual(['b', 'a', 'c']);
  });

  it('names visits by weeks from baseline, unique within the subject', () => {
    expect(defaultVisitName(0, '2026-01-05', '2026-01-05', new Set())).toBe('Baseline');
    expect(defaultVisitName(1, '2026-03-02', '2026-01-05', new Set())).toBe('Week 8');
    expect(defaultVisitName(2, '2026-03-04', '2026-01-05', new Set(['Week 8']))).toBe('Week 8 (2026-03-04)');
    expect(defaultVisitName(1, '2026-03-02', null, new Set())).toBe('Visit 2026-03-02');
  });
});
