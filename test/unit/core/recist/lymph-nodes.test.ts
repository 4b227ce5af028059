import { describe, expect, it } from 'vitest';
import { evaluate, overalls, targets, type M } from './builders';

function run(followUps: Record<string, M>[]) {
  return evaluate({
    targets: ['T1:liver', 'L1:node', 'L2:node'],
    timepoints: [
      { day: -3, m: { T1: 30, L1: 20, L2: 16 } },
      ...followUps.map((m, i) => ({ day: 42 * (i + 1), m })),
    ],
  });
}

describe('lymph nodes (short axis)', () => {
  it.each<[string, Record<string, M>, string]>([
    ['nodes below 10 mm and the rest gone: CR with a non-zero sum', { T1: 'absent', L1: 9, L2: 6 }, 'CR'],
    ['a node at 9.99 mm is normal: CR', { T1: 'absent', L1: 9.99, L2: 6 }, 'CR'],
    ['a node at exactly 10.0 mm is still pathological: PR', { T1: 'absent', L1: 10, L2: 6 }, 'PR'],
    [
      'a node too small to measure counts 5 mm and is normal: CR',
      { T1: 'absent', L1: 'too-small', L2: 6 },
      'CR',
    ],
    ['a node gone counts 0 mm: CR', { T1: 'absent', L1: 'absent', L2: 'absent' }, 'CR'],
    ['non-nodal target too small (present): not CR', { T1: 'too-small', L1: 5, L2: 5 }, 'PR'],
  ])('%s', (_name, m, expected) => {
    const result = run([m]);
    expect(targets(result)).toEqual([expected]);
  });

  it('reports the non-zero sum at CR', () => {
    const result = run([{ T1: 'absent', L1: 9, L2: 6 }]);
    expect(result.timepoints[1]).toMatchObject({ sumMm: 15, pctFromBaseline: -77.3, overall: 'CR' });
    expect(result.timepoints[1]!.explanation).toBe(
      'CR: every non-nodal target gone and every nodal target < 10 mm short axis (sum 15.0 mm); no new lesion',
    );
  });

  it('normal-sized nodes that grow stay CR (their growth is not PD)', () => {
    const result = run([
      { T1: 'absent', L1: 3, L2: 3 },
      { T1: 'absent', L1: 9, L2: 9 }, // +12 mm and +200% over the nadir 6 mm, but both nodes normal
    ]);
    expect(targets(result)).toEqual(['CR', 'CR']);
    expect(result.timepoints[2]!.explanation).toContain('nodes of normal size: their growth is not PD');
  });

  it('after an overall CR, a node back to >= 10 mm is PD', () => {
    expect(
      overalls(
        run([
          { T1: 'absent', L1: 8, L2: 6 },
          { T1: 'absent', L1: 10, L2: 6 },
        ]),
      ),
    ).toEqual(['CR', 'PD']);
  });

  it('after an overall CR, a node growing within normal size is not PD', () => {
    expect(
      overalls(
        run([
          { T1: 'absent', L1: 8, L2: 6 },
          { T1: 'absent', L1: 9.9, L2: 6 },
        ]),
      ),
    ).toEqual(['CR', 'CR']);
  });
});
