import { describe, expect, it } from 'vitest';
import type { NonTargetStatus } from '../../../../src/core/model';
import { evaluate, overalls, day, type M } from './builders';

function run(followUps: [M | undefined, NonTargetStatus | undefined][]) {
  return evaluate({
    targets: ['T1', 'T2'],
    nonTargets: ['NT1'],
    timepoints: [
      { day: -3, m: { T1: 30, T2: 20 }, nt: { NT1: 'present' } },
      ...followUps.map(([t1, nt1], i) => ({
        day: 42 * (i + 1),
        m: { T1: t1 as M, T2: 10 },
        nt: (nt1 === undefined ? {} : { NT1: nt1 }) as Record<string, NonTargetStatus>,
      })),
    ],
  });
}

describe('not evaluable (NE)', () => {
  it.each<[string, [M | undefined, NonTargetStatus | undefined][], string[]]>([
    ['a target not evaluated and no PD: NE', [['not-evaluated', 'present']], ['NE']],
    ['a target with no entry: NE', [[undefined, 'present']], ['NE']],
    ['non-target not evaluated, target PR: PR', [[20, 'not-evaluated']], ['PR']],
    ['non-target missing, target PR: PR', [[20, undefined]], ['PR']],
    ['non-target not evaluated, target SD: SD', [[30, 'not-evaluated']], ['SD']],
    ['target not evaluated but non-target PD: PD', [['not-evaluated', 'unequivocal-progression']], ['PD']],
    ['both not evaluated: NE', [['not-evaluated', 'not-evaluated']], ['NE']],
  ])('%s', (_name, followUps, expected) => {
    expect(overalls(run(followUps))).toEqual(expected);
  });

  it('all NE: best response NE, PFS censored at enrolment (1 day)', () => {
    const result = run([
      ['not-evaluated', 'present'],
      ['not-evaluated', 'present'],
    ]);
    expect(result.bestOverallResponse).toBe('NE');
    expect(result.pfs).toEqual({ days: 1, event: false, date: day(0) });
  });

  it('PFS is censored at the last evaluable assessment, skipping a trailing NE', () => {
    const result = run([
      [25, 'present'],
      ['not-evaluated', 'present'],
    ]);
    expect(result.pfs).toEqual({ days: 43, event: false, date: day(42) });
  });

  it('an incomplete baseline gives no baseline sum: follow-ups are NE unless CR or PD', () => {
    const result = evaluate({
      targets: ['T1', 'T2'],
      timepoints: [
        { day: -3, m: { T1: 30 } },
        { day: 42, m: { T1: 20, T2: 10 } },
        { day: 84, m: { T1: 'absent', T2: 'absent' } },
        { day: 126, m: { T1: 'absent', T2: 'absent' } },
        { day: 168, m: { T1: 12, T2: 'absent' } },
      ],
    });
    expect(result.timepoints[0]).toMatchObject({ sumMm: null, baselineSumMm: null });
    expect(overalls(result)).toEqual(['NE', 'CR', 'CR', 'PD']);
    expect(result.violations.map((v) => v.code)).toEqual(['MISSING_BASELINE_MEASUREMENT']);
    expect(result.timepoints[1]!.explanation).toBe(
      'NE: sum 30.0 mm but no complete baseline sum to compare with; no new lesion',
    );
  });
});
