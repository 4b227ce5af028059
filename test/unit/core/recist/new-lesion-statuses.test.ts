import { describe, expect, it } from 'vitest';
import { formatValidationError, parseSubjectRead } from '../../../../src/core/model';
import { day, evaluate, overalls, type TpSpec } from './builders';

type Nl = NonNullable<TpSpec['nl']>;
const n1 = (status: Nl[number]['status'], mm?: number): Nl =>
  status === undefined ? [] : [{ id: 'N1', status, ...(mm === undefined ? {} : { mm }) }];

/** A stable liver target (40 mm, then 38 mm); N1 as given per follow-up (null: not listed). */
function course(criteria: 'RECIST1.1' | 'iRECIST', followUps: (Nl | null)[]) {
  return evaluate({
    criteria,
    targets: ['T1:liver'],
    timepoints: [
      { day: -3, m: { T1: 40 } },
      ...followUps.map((nl, i) => ({ day: 42 * (i + 1), m: { T1: 38 }, nl: nl ?? [] })),
    ],
  });
}

const newLesionCodes = (result: ReturnType<typeof evaluate>) =>
  result.timepoints.slice(1).map((t) => t.newLesions);

describe('contract: new-lesion statuses "absent", "not-evaluated", "increased"', () => {
  const read = (newLesionsByFollowUp: unknown[][]) => ({
    criteria: 'RECIST1.1',
    subject: { id: 'S1', enrollmentDate: '2026-01-05' },
    lesions: [{ id: 'T1', kind: 'target', organ: 'liver', nodal: false }],
    timepoints: [
      { id: 'BL', date: '2026-01-02', measurements: { T1: { mm: 32 } } },
      ...newLesionsByFollowUp.map((newLesions, i) => ({
        id: `W${6 * (i + 1)}`,
        date: day(42 * (i + 1)),
        measurements: { T1: { mm: 30 } },
        newLesions,
      })),
    ],
  });
  const firstError = (input: unknown) => {
    const parsed = parseSubjectRead(input);
    return parsed.ok ? null : formatValidationError(parsed.errors[0]!);
  };

  it.each(['absent', 'not-evaluated', 'increased'])('accepts "%s" for a lesion seen earlier', (status) => {
    expect(
      firstError(
        read([
          [{ id: 'N1', organ: 'liver', status: 'equivocal' }],
          [],
          [{ id: 'N1', organ: 'liver', status }],
        ]),
      ),
    ).toBeNull();
  });

  it.each(['absent', 'not-evaluated', 'increased'])(
    'refuses "%s" for a lesion not listed at an earlier timepoint, naming the field',
    (status) => {
      expect(
        firstError(
          read([
            [{ id: 'N2', organ: 'liver', status: 'unequivocal' }],
            [{ id: 'N1', organ: 'liver', status }],
          ]),
        ),
      ).toBe(
        `timepoints[2].newLesions[0].status: "${status}" is only for a new lesion seen at an earlier timepoint, and N1 is not listed before W12`,
      );
    },
  );

  it('refuses a size for a lesion absent or not evaluated', () => {
    expect(
      firstError(
        read([
          [{ id: 'N1', organ: 'liver', status: 'unequivocal', mm: 12 }],
          [{ id: 'N1', organ: 'liver', status: 'absent', mm: 12 }],
        ]),
      ),
    ).toBe('timepoints[2].newLesions[0].mm: a new lesion recorded as "absent" has no size');
  });
});

describe('RECIST 1.1: a new lesion after it was first seen', () => {
  it.each<[string, (Nl | null)[], string[], string[], string | null]>([
    [
      'unequivocal, then absent: PD when first seen, whatever follows',
      [n1('unequivocal'), n1('absent')],
      ['YES', 'NO'],
      ['PD', 'SD'],
      day(42),
    ],
    [
      'unequivocal, then not listed: not evaluated, still counted',
      [n1('unequivocal'), null],
      ['YES', 'YES'],
      ['PD', 'PD'],
      day(42),
    ],
    [
      'unequivocal, then "not-evaluated"',
      [n1('unequivocal'), n1('not-evaluated')],
      ['YES', 'YES'],
      ['PD', 'PD'],
      day(42),
    ],
    [
      'equivocal, then not listed: stays equivocal',
      [n1('equivocal'), null],
      ['EQUIVOCAL', 'EQUIVOCAL'],
      ['SD', 'SD'],
      null,
    ],
    [
      'equivocal, then "not-evaluated": stays equivocal',
      [n1('equivocal'), n1('not-evaluated')],
      ['EQUIVOCAL', 'EQUIVOCAL'],
      ['SD', 'SD'],
      null,
    ],
    [
      'equivocal, then absent: never PD',
      [n1('equivocal'), n1('absent')],
      ['EQUIVOCAL', 'NO'],
      ['SD', 'SD'],
      null,
    ],
    [
      'equivocal, absent, then not evaluated: gone when last seen',
      [n1('equivocal'), n1('absent'), null],
      ['EQUIVOCAL', 'NO', 'NO'],
      ['SD', 'SD', 'SD'],
      null,
    ],
    [
      'equivocal, then increased: read as unequivocal, PD dated back',
      [n1('equivocal'), n1('increased')],
      ['EQUIVOCAL', 'YES'],
      ['SD', 'PD'],
      day(42),
    ],
    [
      'equivocal, not evaluated, then unequivocal: PD dated back',
      [n1('equivocal'), null, n1('unequivocal')],
      ['EQUIVOCAL', 'EQUIVOCAL', 'YES'],
      ['SD', 'SD', 'PD'],
      day(42),
    ],
    [
      'unequivocal, then increased',
      [n1('unequivocal', 12), n1('increased')],
      ['YES', 'YES'],
      ['PD', 'PD'],
      day(42),
    ],
  ])('%s', (_name, followUps, codes, overall, progressionDate) => {
    const result = course('RECIST1.1', followUps);
    expect(newLesionCodes(result)).toEqual(codes);
    expect(overalls(result)).toEqual(overall);
    expect(result.progressionDate).toBe(progressionDate);
  });

  it('says why a lesion not evaluated still counts', () => {
    const result = course('RECIST1.1', [n1('equivocal'), null]);
    expect(result.timepoints[2]!.explanation).toContain(
      'equivocal new lesion N1 not evaluated here (equivocal at D42)',
    );
  });
});

describe('iRECIST: a new lesion not evaluated', () => {
  it('blocks the reset after a new-lesion iUPD (not listed, or "not-evaluated"); "absent" resets', () => {
    for (const notEvaluated of [null, n1('not-evaluated')]) {
      const result = course('iRECIST', [n1('unequivocal', 12), notEvaluated, n1('absent')]);
      expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iSD']);
      expect(result.timepoints[2]!.explanation).toContain('new lesion N1 (seen since D42) not evaluated');
      expect(result.progressionDate).toBeNull();
    }
  });

  it('makes the new-lesion sum not evaluable: it cannot confirm by growth', () => {
    const result = evaluate({
      criteria: 'iRECIST',
      targets: ['T1:liver'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        {
          day: 42,
          m: { T1: 40 },
          nl: [
            { id: 'N1', organ: 'lung', mm: 12 },
            { id: 'N2', organ: 'bone', mm: 15 },
          ],
        },
        // N2 alone is 33 mm, +6 mm over the 27 mm of both at the iUPD; N1 is unknown.
        { day: 84, m: { T1: 40 }, nl: [{ id: 'N2', organ: 'bone', mm: 33 }] },
      ],
    });
    expect(overalls(result)).toEqual(['iUPD', 'iUPD']);
    expect(result.timepoints.map((t) => t.newLesionTargetSumMm)).toEqual([null, 27, null]);
  });

  it('another new lesion still confirms', () => {
    const result = course('iRECIST', [n1('unequivocal', 12), [{ id: 'N2', mm: 4 }]]);
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
    expect(result.progressionDate).toBe(day(42));
  });

  it('after a reset, a known new lesion not evaluated rules out iCR without starting a new iUPD', () => {
    const result = evaluate({
      criteria: 'iRECIST',
      targets: ['T1:liver'],
      timepoints: [
        { day: -3, m: { T1: 40 } },
        { day: 42, m: { T1: 35 }, nl: n1('unequivocal', 12) }, // iUPD
        { day: 84, m: { T1: 20 }, nl: n1('absent') }, // iPR, reset
        { day: 126, m: { T1: 0 }, nl: [] }, // targets gone, N1 not evaluated
      ],
    });
    expect(overalls(result)).toEqual(['iUPD', 'iPR', 'iPR']);
  });
});
