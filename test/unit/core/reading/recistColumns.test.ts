import { describe, expect, it } from 'vitest';
import type { TimepointResult } from '../../../../src/core/model';
import { recistColumns } from '../../../../src/core/reading/recistColumns';

const sums: Record<string, [number | null, number | null]> = {
  BL: [50, null],
  W8: [30, 50],
  W16: [35, 30],
  W24: [40, 30],
  W32: [45, 30],
};
const rowOf = (id: string) =>
  ({ sumMm: sums[id]![0], nadirMm: sums[id]![1] }) as Pick<
    TimepointResult,
    'sumMm' | 'nadirMm'
  > as TimepointResult;
const ids = ['BL', 'W8', 'W16', 'W24', 'W32'];

describe('recistColumns', () => {
  it('puts baseline, nadir, prior and current first, in date order; the others after', () => {
    expect(recistColumns(ids, 'W32', rowOf)).toEqual([
      { timepointId: 'BL', roles: ['baseline'] },
      { timepointId: 'W8', roles: ['nadir'] },
      { timepointId: 'W24', roles: ['prior'] },
      { timepointId: 'W32', roles: ['current'] },
      { timepointId: 'W16', roles: [] },
    ]);
  });

  it('gives one visit several roles, and takes the last visit as current when none is chosen', () => {
    // No visit chosen: the last, W16; its nadir is 30 (W8), so W8 is both nadir and prior.
    expect(recistColumns(['BL', 'W8', 'W16'], null, rowOf).map((c) => c.roles)).toEqual([
      ['baseline'],
      ['nadir', 'prior'],
      ['current'],
    ]);
    expect(recistColumns(['BL', 'W8'], 'W8', rowOf).map((c) => c.roles)).toEqual([
      ['baseline', 'nadir', 'prior'],
      ['current'],
    ]);
  });

  it('shows the baseline alone as current, the later visits after it', () => {
    expect(recistColumns(ids.slice(0, 3), 'BL', rowOf)).toEqual([
      { timepointId: 'BL', roles: ['baseline', 'current'] },
      { timepointId: 'W8', roles: [] },
      { timepointId: 'W16', roles: [] },
    ]);
    expect(recistColumns([], null, rowOf)).toEqual([]);
  });
});
