import { describe, expect, it } from 'vitest';
import { evaluate, overalls, type TpSpec } from './builders';

/**
 * iRECIST: a new lesion too small to be a new target when first seen (< 10 mm; a node < 15 mm short
 * axis) is new non-target disease. Any increase of it since the iUPD (a larger size, or "increased")
 * confirms iCPD and blocks a reset (Seymour 2017: "any increase in new non-target lesions").
 */
type Nl = NonNullable<TpSpec['nl']>;

/** Two liver targets (30 + 30 mm); N1 appears at the iUPD (day 42) with the targets unchanged. */
function course(followUps: { day: number; t1?: number; nl: Nl }[], first: Nl) {
  return evaluate({
    criteria: 'iRECIST',
    targets: ['T1:liver', 'T2:liver'],
    timepoints: [
      { day: -3, m: { T1: 30, T2: 30 } },
      { day: 42, m: { T1: 30, T2: 30 }, nl: first },
      ...followUps.map((f) => ({ day: f.day, m: { T1: f.t1 ?? 30, T2: 30 }, nl: f.nl })),
    ],
  });
}

const small = (mm?: number, status: Nl[number]['status'] = 'unequivocal', nodal = false): Nl => [
  { id: 'N1', organ: nodal ? 'lymph node' : 'lung', nodal, status, ...(mm === undefined ? {} : { mm }) },
];

describe('iRECIST: growth of a new non-target lesion', () => {
  it('the case of issue 10: 8 mm at the iUPD, 13 mm with the targets unchanged: iCPD', () => {
    const result = course([{ day: 84, nl: small(13) }], small(8));
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
    expect(result.timepoints[2]!.explanation).toContain(
      'new non-target lesion N1 grew since the iUPD at D42 (8.0 mm, now 13.0 mm)',
    );
    expect(result.progressionDate).toBe(result.timepoints[1]!.date);
  });

  it('... and with the targets 1 mm smaller (which would reset the bar): iCPD', () => {
    const result = course([{ day: 84, t1: 29, nl: small(13) }], small(8));
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
  });

  it('"increased" without a size does the same', () => {
    const result = course([{ day: 84, t1: 29, nl: small(undefined, 'increased') }], small(8));
    expect(overalls(result)).toEqual(['iUPD', 'iCPD']);
    expect(result.timepoints[2]!.explanation).toContain('new non-target lesion N1 increased since the iUPD');
  });

  it.each<[string, Nl, Nl, number, string[]]>([
    ['unchanged 8 mm, targets unchanged: iUPD stays', small(8), small(8), 30, ['iUPD', 'iUPD']],
    ['unchanged 8 mm, targets smaller: reset', small(8), small(8), 29, ['iUPD', 'iSD']],
    ['smaller, targets smaller: reset', small(8), small(6), 29, ['iUPD', 'iSD']],
    ['+0.1 mm is an increase', small(9.9), small(10), 30, ['iUPD', 'iCPD']],
    ['10 mm is a new target: +3 mm is not enough', small(10), small(13), 30, ['iUPD', 'iUPD']],
    [
      'a 14 mm node is a new non-target: +1 mm confirms',
      small(14, 'unequivocal', true),
      small(15, 'unequivocal', true),
      30,
      ['iUPD', 'iCPD'],
    ],
    [
      'a 15 mm node is a new target: +1 mm is not enough',
      small(15, 'unequivocal', true),
      small(16, 'unequivocal', true),
      30,
      ['iUPD', 'iUPD'],
    ],
    ['no size at the iUPD: a size later is no measured increase', small(), small(13), 30, ['iUPD', 'iUPD']],
  ])('%s', (_name, first, next, t1, expected) => {
    expect(overalls(course([{ day: 84, t1, nl: next }], first))).toEqual(expected);
  });

  it('an increase < confirmationMinDays after the iUPD does not confirm (nor reset); a later one does', () => {
    const result = course(
      [
        { day: 56, t1: 29, nl: small(13) },
        { day: 84, t1: 29, nl: small(13) },
      ],
      small(8),
    );
    expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iCPD']);
  });

  it('increases add up against the size at the iUPD', () => {
    const result = course(
      [
        { day: 84, nl: small(8) },
        { day: 126, nl: small(8.5) },
      ],
      small(8),
    );
    expect(overalls(result)).toEqual(['iUPD', 'iUPD', 'iCPD']);
  });

  it('after a reset, "increased" of a known new non-target lesion is a new iUPD', () => {
    const result = course(
      [
        { day: 84, t1: 20, nl: small(8) }, // targets shrank further: reset, iSD
        { day: 126, t1: 20, nl: small(undefined, 'increased') },
      ],
      small(8),
    );
    expect(overalls(result)).toEqual(['iUPD', 'iSD', 'iUPD']);
  });
});
