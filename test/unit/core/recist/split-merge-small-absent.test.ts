import { describe, expect, it } from 'vitest';
import { evaluate, overalls, targets, type M } from './builders';

function run(followUps: Record<string, M>[], options = {}) {
  return evaluate({
    options,
    targets: ['T1:liver', 'T2:lung'],
    timepoints: [{ day: -3, m: { T1: 30, T2: 20 } }, ...followUps.map((m, i) => ({ day: 42 * (i + 1), m }))],
  });
}

describe('lesions that split, merge, become too small or disappear', () => {
  it('a split lesion is recorded as the sum of its fragments', () => {
    // T1 split into 12.35 mm and 10.3 mm fragments: recorded as 22.65 mm.
    const result = run([{ T1: 12.35 + 10.3, T2: 15 }]);
    expect(result.timepoints[1]!.sumMm).toBe(37.65);
    expect(targets(result)).toEqual(['SD']);
  });

  it('merged lesions: the merged size sits on one, the other counts 0 mm', () => {
    const result = run([{ T1: 28, T2: { merged: 'T1' } }]);
    expect(result.timepoints[1]!.sumMm).toBe(28);
    expect(targets(result)).toEqual(['PR']);
    expect(result.violations).toEqual([]);
  });

  it('a merge into an undeclared lesion is flagged and still counts 0 mm', () => {
    const result = run([{ T1: 28, T2: { merged: 'T9' } }]);
    expect(result.timepoints[1]!.sumMm).toBe(28);
    expect(result.violations.map((v) => [v.code, v.lesionIds])).toEqual([['UNKNOWN_LESION', ['T9']]]);
  });

  it('too small to measure counts 5 mm', () => {
    const result = run([{ T1: 'too-small', T2: 'too-small' }]);
    expect(result.timepoints[1]!.sumMm).toBe(10);
    // A non-nodal lesion still present is not a CR.
    expect(targets(result)).toEqual(['PR']);
  });

  it('too small counts the protocol value when one is set', () => {
    expect(run([{ T1: 'too-small', T2: 20 }], { tooSmallMm: 3 }).timepoints[1]!.sumMm).toBe(23);
  });

  it('disappeared counts 0 mm; all targets gone is CR', () => {
    const result = run([{ T1: 'absent', T2: 'absent' }]);
    expect(result.timepoints[1]!.sumMm).toBe(0);
    expect(overalls(result)).toEqual(['CR']);
  });

  it('a lesion that disappears and comes back (no CR before) goes back into the sum', () => {
    const result = run([
      { T1: 'absent', T2: 10 }, // 10: PR
      { T1: 8, T2: 10 }, // 18: +8 mm and +80% over the nadir 10: PD
    ]);
    expect(result.timepoints.map((t) => t.sumMm)).toEqual([50, 10, 18]);
    expect(targets(result)).toEqual(['PR', 'PD']);
  });

  it('a lesion that comes back smaller than the PD thresholds after a PR stays in PR', () => {
    const result = run([
      { T1: 'absent', T2: 10 },
      { T1: 4, T2: 10 },
    ]);
    expect(targets(result)).toEqual(['PR', 'PR']);
  });
});
