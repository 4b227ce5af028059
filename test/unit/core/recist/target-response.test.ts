import { describe, expect, it } from 'vitest';
import { evaluate, targets, type M } from './builders';

/** Two non-nodal targets; baseline T1 + T2, then follow-ups 6 weeks apart. */
function run(baseline: [M, M], followUps: [M, M][], options = {}) {
  return evaluate({
    options,
    targets: ['T1:liver', 'T2:lung'],
    timepoints: [
      { day: -3, m: { T1: baseline[0], T2: baseline[1] } },
      ...followUps.map(([a, b], i) => ({ day: 42 * (i + 1), m: { T1: a, T2: b } })),
    ],
  });
}

describe('target response: PR from baseline, PD from the nadir, SD otherwise', () => {
  it.each<[string, [M, M], [M, M][], string[]]>([
    ['exactly -30% is PR', [30, 20], [[20, 15]], ['PR']],
    ['-29.98% is SD', [30, 20], [[20, 15.01]], ['SD']],
    ['23.3 + 11.7 = 35.0 of 50.0: exactly -30%, PR', [30, 20], [[23.3, 11.7]], ['PR']],
    ['no change is SD', [30, 20], [[30, 20]], ['SD']],
    ['+20% and +10 mm over a baseline nadir is PD', [30, 20], [[36, 24]], ['PD']],
    ['+18% over the nadir is not PD', [30, 20], [[35, 24]], ['SD']],
    [
      'PD is measured from the nadir, not from baseline: 30 -> 36 (+20%, +6 mm)',
      [30, 20],
      [
        [20, 10],
        [24, 12],
      ],
      ['PR', 'PD'],
    ],
    [
      '+20% but only +4.9 mm over a small nadir is not PD',
      [30, 20],
      [
        [15, 9.5],
        [18, 11.4],
      ],
      ['PR', 'PR'],
    ],
    [
      '+20% and +5.0 mm over a small nadir is PD',
      [30, 20],
      [
        [15, 10],
        [18, 12],
      ],
      ['PR', 'PD'],
    ],
    [
      'SD: above -30% of baseline and below PD from the nadir (corrected SD definition)',
      [60, 40],
      [
        [40, 20],
        [45, 26],
      ],
      ['PR', 'SD'],
    ],
    ['every target gone is CR', [30, 20], [['absent', 'absent']], ['CR']],
  ])('%s', (_name, baseline, followUps, expected) => {
    expect(targets(run(baseline, followUps))).toEqual(expected);
  });
});

describe('PD from the measured targets when another target is not evaluated', () => {
  it.each<[string, [M, M][], string[]]>([
    [
      'measured alone already +20% and +6 mm over the nadir: PD',
      [
        [20, 10],
        [36, 'not-evaluated'],
      ],
      ['PR', 'PD'],
    ],
    [
      'measured alone +5 mm but +16.7%: not evaluable',
      [
        [20, 10],
        [35, 'not-evaluated'],
      ],
      ['PR', 'NE'],
    ],
    [
      'a target with no entry at all is not evaluated either',
      [
        [20, 10],
        [35, undefined as unknown as M],
      ],
      ['PR', 'NE'],
    ],
  ])('%s', (_name, followUps, expected) => {
    const result = run([30, 20], followUps);
    expect(targets(result)).toEqual(expected);
  });
});

describe('nadir counts only timepoints where every target was evaluated', () => {
  it('a partial sum never becomes the nadir', () => {
    // Day 42: T2 unread, partial sum 10 mm. Day 84: 16 + (T2 unread). Against a partial "nadir" of
    // 10 mm that would be +6 mm / +60% (PD); against the real nadir (baseline 50 mm) it is not.
    const result = run(
      [30, 20],
      [
        [10, 'not-evaluated'],
        [16, 'not-evaluated'],
        [16, 12],
      ],
    );
    expect(targets(result)).toEqual(['NE', 'NE', 'PR']);
    expect(result.timepoints.map((t) => t.nadirMm)).toEqual([null, 50, 50, 50]);
    expect(result.timepoints.map((t) => t.sumMm)).toEqual([50, null, null, 28]);
  });

  it('the nadir is the smallest earlier complete sum, baseline included', () => {
    const result = run(
      [30, 20],
      [
        [20, 10],
        [15, 10],
        [18, 12],
      ],
    );
    expect(result.timepoints.map((t) => t.nadirMm)).toEqual([null, 50, 30, 25]);
    expect(result.timepoints.map((t) => t.pctFromNadir)).toEqual([null, -40, -16.7, 20]);
    expect(result.timepoints.map((t) => t.pctFromBaseline)).toEqual([null, -40, -50, -40]);
  });
});

describe('PR is kept once confirmed', () => {
  const courses: [M, M][] = [
    [40, 25], // 65 of 100: -35% PR
    [40, 25], // PR again, 42 days later: confirms
    [45, 30], // 75: -25%, +15.4% / +10 mm over the nadir 65: not PD
    [48, 30], // 78: +20.0% and +13 mm over 65: PD
  ];

  it('later timepoints that are not PD stay PR after confirmation', () => {
    expect(targets(run([60, 40], courses))).toEqual(['PR', 'PR', 'PR', 'PD']);
  });

  it('before confirmation a timepoint short of -30% is SD', () => {
    expect(
      targets(
        run(
          [60, 40],
          [
            [40, 25],
            [45, 30],
          ],
        ),
      ),
    ).toEqual(['PR', 'SD']);
  });

  it('without a confirmation requirement, PR is kept from the first PR', () => {
    const result = run(
      [60, 40],
      [
        [40, 25],
        [45, 30],
      ],
      { confirmationRequired: false },
    );
    expect(targets(result)).toEqual(['PR', 'PR']);
  });

  it('a timepoint with a target not assessed stays NE even when PR is kept', () => {
    expect(targets(run([60, 40], [...courses.slice(0, 2), [45, 'not-evaluated']]))).toEqual([
      'PR',
      'PR',
      'NE',
    ]);
  });
});

describe('reappearance after a CR', () => {
  it('any target seen again after an overall CR is PD, even below 5 mm', () => {
    expect(
      targets(
        run(
          [30, 20],
          [
            ['absent', 'absent'],
            [3, 'absent'],
          ],
        ),
      ),
    ).toEqual(['CR', 'PD']);
  });

  it('too-small counts as seen again', () => {
    expect(
      targets(
        run(
          [30, 20],
          [
            ['absent', 'absent'],
            ['too-small', 'absent'],
          ],
        ),
      ),
    ).toEqual(['CR', 'PD']);
  });

  it('the CR is looked for at the last evaluable assessment (an NE in between does not erase it)', () => {
    expect(
      targets(
        run(
          [30, 20],
          [
            ['absent', 'absent'],
            ['absent', 'not-evaluated'],
            [3, 'absent'],
          ],
        ),
      ),
    ).toEqual(['CR', 'NE', 'PD']);
  });

  it('after a target CR that was only an overall PR (non-target still present), a reappearing lesion just returns to the sum', () => {
    const result = evaluate({
      targets: ['T1:liver', 'T2:lung'],
      nonTargets: ['NT1:bone'],
      timepoints: [
        { day: -3, m: { T1: 30, T2: 20 }, nt: { NT1: 'present' } },
        { day: 42, m: { T1: 'absent', T2: 'absent' }, nt: { NT1: 'present' } },
        { day: 84, m: { T1: 3, T2: 'absent' }, nt: { NT1: 'present' } },
      ],
    });
    expect(result.timepoints.slice(1).map((t) => [t.target, t.overall])).toEqual([
      ['CR', 'PR'],
      ['PR', 'PR'],
    ]);
  });
});
