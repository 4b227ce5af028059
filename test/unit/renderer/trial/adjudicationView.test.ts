import { describe, expect, it } from 'vitest';
import type { SubjectResult } from '../../../../src/core/model/subject-result';
import type { LesionCell, LesionRow } from '../../../../src/core/reading/grid';
import {
  cellText,
  compareSummary,
  compareVisits,
  lesionCellText,
  readOfRecordText,
} from '../../../../src/renderer/trial/adjudicationView';

type Tp = SubjectResult['timepoints'][number];

function tp(date: string, over: Partial<Tp> = {}): Tp {
  return {
    id: date,
    date,
    sumMm: 30,
    baselineSumMm: 30,
    nadirMm: 30,
    pctFromBaseline: 0,
    pctFromNadir: 0,
    target: 'SD',
    nonTarget: 'NON_CR_NON_PD',
    newLesions: 'NO',
    overall: 'SD',
    explanation: '',
    ...over,
  };
}

function result(timepoints: Tp[], over: Partial<SubjectResult> = {}): SubjectResult {
  const none = { days: null, event: false, date: null };
  return {
    subjectId: 's',
    criteria: 'RECIST1.1',
    timepoints,
    bestOverallResponse: 'SD',
    bestOverallResponseWithConfirmation: 'SD',
    bestOverallResponseWithoutConfirmation: 'SD',
    responseStartDate: null,
    progressionDate: null,
    dor: none,
    pfs: none,
    violations: [],
    ...over,
  };
}

describe('compareVisits', () => {
  it('puts the same scan of both readers on one row and marks only the figures that differ', () => {
    const rows = compareVisits(
      result([tp('2026-01-02', { overall: 'NA' }), tp('2026-03-01', { sumMm: 15, overall: 'PR' })]),
      result([tp('2026-01-02', { overall: 'NA' }), tp('2026-03-01', { sumMm: 28, overall: 'SD' })]),
    );
    expect(rows.map((r) => r.date)).toEqual(['2026-01-02', '2026-03-01']);
    expect(rows[0]!.differs).toEqual({ sumMm: false, nonTarget: false, newLesions: false, overall: false });
    expect(rows[1]!.differs).toEqual({ sumMm: true, nonTarget: false, newLesions: false, overall: true });
    expect(cellText('sumMm', rows[1]!.reader1)).toBe('15 mm');
    expect(cellText('overall', rows[1]!.reader2)).toBe('SD');
  });

  it('sorts the visits by date and marks a visit only one reader has as differing everywhere', () => {
    const rows = compareVisits(
      result([tp('2026-03-01'), tp('2026-01-02')]),
      result([tp('2026-01-03'), tp('2026-03-01', { newLesions: 'EQUIVOCAL', nonTarget: 'PD' })]),
    );
    expect(rows.map((r) => r.date)).toEqual(['2026-01-02', '2026-01-03', '2026-03-01']);
    expect(rows[0]!.reader2).toBeNull();
    expect(Object.values(rows[0]!.differs)).toEqual([true, true, true, true]);
    expect(cellText('overall', rows[0]!.reader2)).toBe('not read');
    expect(rows[2]!.differs).toMatchObject({ sumMm: false, nonTarget: true, newLesions: true });
    expect(cellText('newLesions', rows[2]!.reader2)).toBe('equivocal');
    expect(cellText('nonTarget', rows[2]!.reader1)).toBe('non-CR/non-PD');
  });

  it('shows a missing sum as a dash and a read without a result as no rows', () => {
    const rows = compareVisits(result([tp('2026-01-02', { sumMm: null })]), null);
    expect(cellText('sumMm', rows[0]!.reader1)).toBe('–');
    expect(compareVisits(null, null)).toEqual([]);
  });
});

describe('compareSummary', () => {
  it('says whether the best responses and the progression dates differ', () => {
    const same = compareSummary(result([]), result([]));
    expect(same).toMatchObject({ bestResponseDiffers: false, progressionDiffers: false });
    const apart = compareSummary(
      result([], { bestOverallResponse: 'PD', progressionDate: '2026-03-01' }),
      result([], { bestOverallResponse: 'PD', progressionDate: '2026-04-26' }),
    );
    expect(apart).toMatchObject({ bestResponseDiffers: false, progressionDiffers: true });
    expect(compareSummary(result([]), null)).toMatchObject({
      bestResponse: ['SD', null],
      bestResponseDiffers: true,
    });
  });
});

describe('lesionCellText', () => {
  const row = (cells: [string, Partial<LesionCell>][]) =>
    ({
      cells: new Map(
        cells.map(([id, c]) => [
          id,
          { status: 'measured', sizeMm: null, fragments: 1, mergedInto: null, ...c },
        ]),
      ),
    }) as unknown as LesionRow;

  it('gives the size that counts, or the status in words', () => {
    const r = row([
      ['a', { status: 'measured', sizeMm: 22.5 }],
      ['b', { status: 'too-small', sizeMm: 5 }],
      ['c', { status: 'absent', sizeMm: 0 }],
      ['d', { status: 'merged', sizeMm: 0, mergedInto: 'T1' }],
      ['e', { status: 'present', sizeMm: null }],
      ['f', { status: 'unequivocal', sizeMm: 12 }],
    ]);
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => lesionCellText(r, id))).toEqual([
      '22.5 mm',
      'too small (5 mm)',
      'absent',
      'merged into T1',
      'present',
      'unequivocal (12 mm)',
      '–',
    ]);
  });
});

describe('readOfRecordText', () => {
  it('names the reader by number only, and says how the read became the read of record', () => {
    expect(readOfRecordText({ by: 'adjudication', readId: 'r2', readerNumber: 2 })).toBe(
      'Read of record: reader 2 (adjudicated)',
    );
    expect(readOfRecordText({ by: 'charter', readId: 'r1', readerNumber: 1 })).toBe(
      "Read of record: reader 1 (the reads agree; the charter's reader)",
    );
  });
});
