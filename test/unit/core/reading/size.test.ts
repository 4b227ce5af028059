import { describe, expect, it } from 'vitest';
import { MeasurementSchema } from '../../../../src/core/reading/model';
import {
  assessmentSizeTenths,
  fragmentsSizeTenths,
  makeMeasurement,
  recistSizeTenths,
} from '../../../../src/core/reading/size';
import { image, measure } from './fixtures';

describe('measurements', () => {
  it('derives both axes from the world points, rounded to 0.1 mm', () => {
    const m = makeMeasurement({
      image,
      tool: 'Bidirectional',
      longAxis: [
        [0, 0, 0],
        [3, 4, 12],
      ], // 13 mm
      shortAxis: [
        [0, 0, 0],
        [0.04, 7.26, 0],
      ],
    });
    expect(m.longAxisMm).toBe(13);
    expect(m.shortAxisMm).toBe(7.3);
  });

  it('swaps the axes when the "short" one is longer', () => {
    const m = measure(10, 20);
    expect(m.longAxisMm).toBe(20);
    expect(m.shortAxisMm).toBe(10);
  });

  it('refuses a stored size that disagrees with its points', () => {
    const m = measure(21.4);
    const result = MeasurementSchema.safeParse({ ...m, longAxisMm: 22 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('does not match the long axis');
  });

  it('refuses a zero-length measurement and a Length tool with a short axis', () => {
    expect(() => measure(0)).toThrow(/zero length/);
    const m = measure(12);
    expect(MeasurementSchema.safeParse({ ...m, shortAxis: m.longAxis, shortAxisMm: 12 }).success).toBe(false);
  });

  it('takes the long axis of a non-nodal lesion and the short axis of a node', () => {
    const m = measure(24.5, 16.2);
    expect(recistSizeTenths(m, false)).toBe(245);
    expect(recistSizeTenths(m, true)).toBe(162);
    expect(recistSizeTenths(measure(24.5), true)).toBeNull();
  });

  it('sums the fragments of a split lesion exactly (0.1 + 0.2 is 0.3)', () => {
    expect(fragmentsSizeTenths([measure(0.1), measure(0.2)], false)).toBe(3);
    expect(fragmentsSizeTenths([measure(10.1), measure(20.2), measure(30.3)], false)).toBe(606);
  });

  it('gives the size each status contributes', () => {
    expect(assessmentSizeTenths({ status: 'too-small', marker: null }, false, 5)).toBe(50);
    expect(assessmentSizeTenths({ status: 'absent', marker: null }, false, 5)).toBe(0);
    expect(assessmentSizeTenths({ status: 'merged', intoLesionId: 'x' }, false, 5)).toBe(0);
    expect(assessmentSizeTenths({ status: 'not-evaluated', note: '' }, false, 5)).toBeNull();
    expect(assessmentSizeTenths({ status: 'present', marker: null }, false, 5)).toBeNull();
    expect(
      assessmentSizeTenths({ status: 'unequivocal', measurement: measure(12, 8), marker: null }, true, 5),
    ).toBe(80);
  });
});
