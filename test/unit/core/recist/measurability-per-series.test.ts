import { describe, expect, it } from 'vitest';
import { formatValidationError, parseSubjectRead, type Measurement } from '../../../../src/core/model';
import { checkLesionSelection, evaluateSubject } from '../../../../src/core/recist';
import { makeRead } from './builders';

/**
 * The 2 x slice thickness rule (RECIST 1.1: a non-nodal target needs >= 10 mm, >= 2 x slice thickness
 * when slices are thicker than 5 mm) applies to the series the lesion was measured on: a measurement's
 * own `sliceThicknessMm`, else its timepoint's.
 */
const target = (id: string) => ({ id, kind: 'target' as const, organ: `organ of ${id}`, nodal: false });

describe('measurability: each target by its own series', () => {
  it.each<[string, Measurement, number | null, boolean]>([
    ['12 mm on a 1 mm series (the visit also has 6 mm slices)', { mm: 12, sliceThicknessMm: 1 }, 6, true],
    ['11 mm on a 1 mm series (the visit also has 6 mm slices)', { mm: 11, sliceThicknessMm: 1 }, 6, true],
    ['9 mm on a 5 mm series: < 10 mm', { mm: 9, sliceThicknessMm: 5 }, 6, false],
    ['10 mm on a 6 mm series: < 12 mm', { mm: 10, sliceThicknessMm: 6 }, 1, false],
    ['12 mm on a 6 mm series', { mm: 12, sliceThicknessMm: 6 }, 1, true],
    ["11 mm without its own thickness: the visit's 6 mm applies", { mm: 11 }, 6, false],
    ['11 mm without any thickness', { mm: 11 }, null, true],
  ])('%s', (_name, measurement, visitSlice, measurable) => {
    const violations = checkLesionSelection([target('T1')], { T1: measurement }, visitSlice);
    expect(violations.map((v) => v.code)).toEqual(measurable ? [] : ['TARGET_NOT_MEASURABLE']);
  });

  it('names the series thickness it applied', () => {
    const [v] = checkLesionSelection([target('T1')], { T1: { mm: 10, sliceThicknessMm: 6 } }, 1);
    expect(v?.message).toBe(
      'target T1 measures 10.0 mm at baseline: a measurable lesion needs a longest diameter >= 12.0 mm (2 x slice thickness 6.0 mm)',
    );
  });

  it("through the whole read: a visit with 1, 5 and 6 mm series (the visit's thickest is 6 mm)", () => {
    const read = makeRead({ targets: ['T1', 'T2', 'T3', 'T4'], timepoints: [{ day: -3, slice: 6 }] });
    read.timepoints[0]!.measurements = {
      T1: { mm: 12, sliceThicknessMm: 1 },
      T2: { mm: 9, sliceThicknessMm: 5 },
      T3: { mm: 10, sliceThicknessMm: 6 },
      T4: { mm: 11, sliceThicknessMm: 1 },
    };
    const violations = evaluateSubject(read).violations.filter((v) => v.code === 'TARGET_NOT_MEASURABLE');
    expect(violations.map((v) => v.lesionIds)).toEqual([['T2'], ['T3']]);
  });

  it('the contract accepts the field on a size and names it when it is wrong', () => {
    const input = (sliceThicknessMm: unknown) => ({
      criteria: 'RECIST1.1',
      subject: { id: 'S1', enrollmentDate: '2026-01-05' },
      lesions: [target('T1')],
      timepoints: [{ id: 'BL', date: '2026-01-02', measurements: { T1: { mm: 12, sliceThicknessMm } } }],
    });
    const ok = parseSubjectRead(input(1.25));
    expect(ok.ok && ok.read.timepoints[0]!.measurements.T1).toEqual({ mm: 12, sliceThicknessMm: 1.25 });
    const bad = parseSubjectRead(input(0));
    expect(bad.ok ? null : formatValidationError(bad.errors[0]!)).toBe(
      'timepoints[0].measurements.T1.sliceThicknessMm: expected a slice thickness in mm (> 0), got 0',
    );
  });
});
